// Lexer/parser/binder unit tests: valid statements parse, invalid ones fail
// with the right class, detail and exact line:column.
#include "query/internal/parser.h"

#include <gtest/gtest.h>

#include "query/internal/binder.h"

namespace kg::query::internal {
namespace {

Status Compile(const std::string& text) {
  SourceText src{text, "query"};
  auto st = Parse(src);
  if (!st.ok()) return st.status();
  return Bind(src, *st).status();
}

TEST(ParserTest, ParsesReadQueries) {
  for (const char* q :
       {"MATCH (n:Company {name: 'NVIDIA'})-[:COMPETES_WITH]-(c) RETURN c.name",
        "MATCH p = shortestPath((a {name:'Xiaomi'})-[*..4]-(b {name:'Huawei'})) RETURN p",
        "MATCH (a)-[r:A|B*1..3]->(b) WHERE a.x IN [1, 2] AND NOT b.y STARTS WITH 'q' RETURN *",
        "UNWIND range(1, 3) AS x WITH x WHERE x > 1 RETURN x ORDER BY x DESC SKIP 0 LIMIT 2",
        "RETURN [x IN [1,2,3] WHERE x > 1 | x * 2] AS l, CASE WHEN true THEN 1 ELSE 2 END AS c",
        "MATCH (n) WHERE EXISTS { (n)-->(:X) } RETURN count(*)",
        "CALL kg.lookup('Qwen') YIELD node RETURN node.name",
        "MATCH (a) RETURN a.name UNION ALL MATCH (b) RETURN b.name AS `a.name`"}) {
    Status s = Compile(q);
    EXPECT_TRUE(s.ok()) << q << "\n" << s.ToString();
  }
}

TEST(ParserTest, SyntaxErrorPointsAtLineAndColumn) {
  Status s = Compile("MATCH (n)\nRETURN n.name AS");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kSyntaxError);
  EXPECT_NE(s.message().find("SyntaxError: query:2:17:"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("RETURN n.name AS\n                ^"), std::string::npos)
      << s.message();
}

TEST(ParserTest, UnterminatedStringIsReportedAtItsStart) {
  Status s = Compile("RETURN 'abc");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("query:1:8:"), std::string::npos) << s.message();
}

TEST(ParserTest, IntegerOverflowLiteral) {
  EXPECT_TRUE(Compile("RETURN -9223372036854775808 AS x").ok());
  Status s = Compile("RETURN -9223372036854775809 AS x");
  EXPECT_NE(s.message().find("IntegerOverflow"), std::string::npos) << s.message();
}

TEST(BinderTest, VariableAlreadyBoundNamesPosition) {
  Status s = Compile("CREATE ()<-[:T2]-(n:Foo),\n       (n:Bar)<-[:T1]-()");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("SyntaxError: query:2:8: VariableAlreadyBound"), std::string::npos)
      << s.message();
}

TEST(BinderTest, SemanticErrors) {
  struct Case {
    const char* query;
    const char* detail;
  } cases[] = {
      {"MATCH () RETURN foo", "UndefinedVariable"},
      {"MATCH ()-[r]-(r) RETURN r", "VariableTypeConflict"},
      {"MATCH (a) WITH a, count(*) RETURN a", "NoExpressionAlias"},
      {"CREATE (a)-[:FOO]-(b)", "RequiresDirectedRelationship"},
      {"RETURN NOT 1", "InvalidArgumentType"},
      {"MATCH (n) RETURN length(n)", "InvalidArgumentType"},
      {"MATCH (n) WITH n.num1 AS foo ORDER BY count(n) RETURN foo", "InvalidAggregation"},
      {"MATCH (p) RETURN p.name SKIP -1", "NegativeIntegerArgument"},
      {"RETURN nosuchfn(1)", "UnknownFunction"},
      {"MATCH (n) RETURN count(count(n))", "NestedAggregation"},
  };
  for (const auto& c : cases) {
    Status s = Compile(c.query);
    ASSERT_FALSE(s.ok()) << c.query;
    EXPECT_NE(s.message().find(c.detail), std::string::npos) << c.query << "\n" << s.message();
  }
}

}  // namespace
}  // namespace kg::query::internal
