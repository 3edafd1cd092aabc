// End-to-end tests of `kg query`, `kg shell` and `kg path`: the built kg
// binary run on a temporary database, checking stdout, stderr and exit codes;
// plus unit tests of the result formatting (cli/format.h).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/format.h"
#include "core/json.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/cli/cli_test_util.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;

using testing::Output;
using testing::Quote;
using testing::Slurp;

class QueryCliTest : public testing::KgDbTest {
 protected:
  // Three companies; NVIDIA and Xiaomi each compete with Huawei.
  void Seed() {
    Output o =
        Kg("query " + Quote("CREATE (n:Company {name: 'NVIDIA', aliases: ['NVIDIANVDA--']}), "
                            "(h:Company {name: 'Huawei'}), (x:Company {name: 'Xiaomi'}), "
                            "(n)-[:COMPETES_WITH {quote: 'Huawei is formidable', speaker: "
                            "'Jensen Huang', source: 'article-1'}]->(h), "
                            "(x)-[:COMPETES_WITH]->(h)"));
    ASSERT_EQ(o.code, 0) << o.err;
  }
};

constexpr const char* kNames = "'MATCH (c:Company) RETURN c.name AS name ORDER BY name'";

TEST_F(QueryCliTest, JsonFollowsTheResultContract) {
  Seed();
  Output o = Kg(std::string("query --format json ") + kNames);
  ASSERT_EQ(o.code, 0) << o.err;
  ResultTable want{{"name"}, {{"Huawei"}, {"NVIDIA"}, {"Xiaomi"}}};
  EXPECT_EQ(o.out, ResultTableToJson(want) + "\n");
}

TEST_F(QueryCliTest, TableAlignsColumnsAndEndsWithFooter) {
  Seed();
  Output o = Kg(std::string("query ") + kNames);
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("| name   |\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("| Huawei |\n| NVIDIA |\n| Xiaomi |\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("3 rows ("), std::string::npos) << o.out;
}

TEST_F(QueryCliTest, CsvIsRfc4180AndJsonlIsOneObjectPerRow) {
  Output csv = Kg("query --format csv " + Quote("RETURN 'a,\"b\"' AS x, 1 AS y, null AS z"));
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out, "x,y,z\r\n\"a,\"\"b\"\"\",1,\r\n");
  Output jsonl = Kg("query --format jsonl " + Quote("UNWIND [1, 2] AS i RETURN i, 'v' AS s"));
  ASSERT_EQ(jsonl.code, 0) << jsonl.err;
  EXPECT_EQ(jsonl.out, "{\"i\":1,\"s\":\"v\"}\n{\"i\":2,\"s\":\"v\"}\n");
}

TEST_F(QueryCliTest, ParametersAreStrictJson) {
  Seed();
  Output o = Kg("query --format jsonl --param n='\"NVIDIA\"' --param ids='[1,2]' " +
                Quote("MATCH (c {name: $n}) RETURN c.name AS name, $ids AS ids"));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "{\"name\":\"NVIDIA\",\"ids\":[1,2]}\n");
  Output bad = Kg("query --param n=Alice 'RETURN $n'");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--param n: value is not JSON"), std::string::npos) << bad.err;
  Output noname = Kg("query --param '=1' 'RETURN 1'");
  EXPECT_EQ(noname.code, 2) << noname.err;
}

TEST_F(QueryCliTest, ReadsTheStatementFromFileOrStdin) {
  std::ofstream(dir_ / "q.cypher") << "RETURN 40 + 2 AS answer";
  Output file = Kg("query --format csv -f " + Quote((dir_ / "q.cypher").string()));
  ASSERT_EQ(file.code, 0) << file.err;
  EXPECT_EQ(file.out, "answer\r\n42\r\n");
  Output dash = Kg("query --format csv -", "RETURN 7 AS seven");
  EXPECT_EQ(dash.out, "seven\r\n7\r\n") << dash.err;
  Output implicit = Kg("query --format csv", "RETURN 8 AS eight");
  EXPECT_EQ(implicit.out, "eight\r\n8\r\n") << implicit.err;
  Output empty = Kg("query", "  \n");
  EXPECT_EQ(empty.code, 2);
  EXPECT_NE(empty.err.find("no query given"), std::string::npos) << empty.err;
  Output missing = Kg("query -f " + Quote((dir_ / "nope.cypher").string()));
  EXPECT_EQ(missing.code, 3);
  EXPECT_NE(missing.err.find("nope.cypher"), std::string::npos);
}

TEST_F(QueryCliTest, SyntaxErrorExitsOneWithPositionAndCaret) {
  Output o = Kg("query " + Quote("MATCH (n RETURN n"));
  EXPECT_EQ(o.code, 1);
  EXPECT_TRUE(o.out.empty()) << o.out;
  EXPECT_NE(o.err.find("SyntaxError"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("query:1:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find('^'), std::string::npos) << o.err;
}

// Errors in a statement read with -f name the file in the position.
TEST_F(QueryCliTest, FileErrorsCarryTheFileNameInThePosition) {
  const std::string file = (dir_ / "bad.cypher").string();
  std::ofstream(file) << "MATCH (n)\nRETURN n.name AS x ORDER BY\n";
  Output o = Kg("query -f " + Quote(file));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("SyntaxError: " + file + ":2:28: "), std::string::npos) << o.err;
  // -f holds one statement: a second one is an error at its own line.
  std::ofstream(file) << "RETURN 1;\nRETURN 2;\n";
  Output two = Kg("query -f " + Quote(file));
  EXPECT_EQ(two.code, 1);
  EXPECT_NE(two.err.find(file + ":2:1: "), std::string::npos) << two.err;
}

TEST_F(QueryCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Kg("query --format xml 'RETURN 1'").code, 2);
  EXPECT_EQ(Kg("query --no-such-flag 'RETURN 1'").code, 2);
  EXPECT_EQ(Kg("query -f a.cypher 'RETURN 1'").code, 2);
  EXPECT_EQ(Kg("path OnlyOne").code, 2);
}

TEST_F(QueryCliTest, FailedWriteLeavesNothingBehind) {
  Seed();
  // A Person cannot compete (COMPETES_WITH joins companies): nothing of it lands.
  Output o = Kg("query " + Quote("CREATE (p:Person {name: 'Lei Jun'})-[:COMPETES_WITH]->(:Company "
                                 "{name: 'Apple'})"));
  EXPECT_EQ(o.code, 1) << o.out;
  Output count = Kg("query --format csv 'MATCH (n) RETURN count(n) AS n'");
  EXPECT_EQ(count.out, "n\r\n3\r\n") << count.err;
}

TEST_F(QueryCliTest, ReadsWorkWhileAnotherProcessHoldsTheWriteLock) {
  Seed();
  auto writer = storage::Store::Open(db_, storage::OpenOptions{});
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  Output read = Kg("query --format csv 'MATCH (n:Company) RETURN count(n) AS n'");
  EXPECT_EQ(read.code, 0) << read.err;
  EXPECT_EQ(read.out, "n\r\n3\r\n");
  Output write = Kg("query " + Quote("CREATE (:Company {name: 'Apple'})"));
  EXPECT_EQ(write.code, 3) << write.err;
  EXPECT_NE(write.err.find("lock"), std::string::npos) << write.err;
}

TEST_F(QueryCliTest, PipedShellSurvivesAnErrorAndSwitchesFormat) {
  std::string session =
      "CREATE (:Company {name: 'Lenovo'});\n"
      "MATCH (c:Company)\n  RETURN c.name AS name;\n"
      "RETURN nope(;\n"
      ":format csv\n"
      ":bogus\n"
      "RETURN 2 AS two;\n"
      ":quit\n"
      "RETURN 3 AS never;\n";
  Output o = Kg("shell", session);
  EXPECT_EQ(o.code, 1) << "a piped session with errors exits 1";
  EXPECT_NE(o.out.find("| Lenovo |"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("two\r\n2\r\n"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("never"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("kg>"), std::string::npos) << "no prompt when stdin is not a tty";
  EXPECT_NE(o.err.find("error: "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("unknown command ':bogus'"), std::string::npos) << o.err;
  Output clean = Kg("shell", "RETURN 1 AS one;\n:schema\n");
  EXPECT_EQ(clean.code, 0) << clean.err;
  EXPECT_NE(clean.out.find("Company  1"), std::string::npos) << clean.out;
  EXPECT_NE(clean.out.find("COMPETES_WITH"), std::string::npos) << clean.out;
}

TEST_F(QueryCliTest, PathPrintsTheRouteWithEachRelationAndItsQuote) {
  Seed();
  Output o = Kg("path Xiaomi nvidianvda--");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out,
            "1 route of 2 hops, 1 relation combination\n"
            "\n"
            "Route 1: Xiaomi → Huawei → NVIDIA\n"
            "  Xiaomi → Huawei: 1 relation\n"
            "    -[COMPETES_WITH]-\n"
            "  Huawei → NVIDIA: 1 relation\n"
            "    -[COMPETES_WITH]-  \"Huawei is formidable\" — Jensen Huang (article-1)\n");
  Output none = Kg("path Xiaomi NVIDIA --max 1");
  EXPECT_EQ(none.code, 0) << none.err;
  EXPECT_NE(none.out.find("no path between 'Xiaomi' and 'NVIDIA' within 1 hops"),
            std::string::npos);
  Output unknown = Kg("path Xiaomi Nokia");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no entity is named or aliased 'Nokia'"), std::string::npos)
      << unknown.err;
}

TEST_F(QueryCliTest, ValidAtFollowsOnlyRelationshipsValidThatDay) {
  Seed();
  // A shortcut from Xiaomi to NVIDIA that held only until 2020.
  Output w =
      Kg("query " + Quote("MATCH (x {name: 'Xiaomi'}), (n {name: 'NVIDIA'}) "
                          "CREATE (x)-[:COMPETES_WITH {valid_to: date('2020-01-01')}]->(n)"));
  ASSERT_EQ(w.code, 0) << w.err;
  const std::string rivals =
      Quote("MATCH ({name: 'Xiaomi'})-[:COMPETES_WITH]-(c) RETURN c.name ORDER BY c.name");
  EXPECT_EQ(Kg("query --format csv " + rivals).out, "c.name\r\nHuawei\r\nNVIDIA\r\n");
  EXPECT_EQ(Kg("query --format csv --valid-at 2019-06-30 " + rivals).out,
            "c.name\r\nHuawei\r\nNVIDIA\r\n");
  EXPECT_EQ(Kg("query --format csv --valid-at 2025-07-16 " + rivals).out, "c.name\r\nHuawei\r\n");
  Output path = Kg("path Xiaomi NVIDIA --valid-at 2025-07-16");
  ASSERT_EQ(path.code, 0) << path.err;
  EXPECT_EQ(path.out.rfind("1 route of 2 hops,", 0), 0u) << path.out;
  EXPECT_EQ(Kg("path Xiaomi NVIDIA").out.rfind("1 route of 1 hop,", 0), 0u);
  Output bad = Kg("query --valid-at 2025-02-30 'RETURN 1'");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--valid-at"), std::string::npos) << bad.err;
  EXPECT_EQ(Kg("path Xiaomi NVIDIA --valid-at yesterday").code, 2);

  // The shell: --valid-at, and :valid-at to change or drop it.
  const std::string count = "MATCH ({name: 'Xiaomi'})-[:COMPETES_WITH]-(c) RETURN count(c) AS n;\n";
  Output shell = Kg("shell --format csv --valid-at 2025-07-16",
                    count + ":valid-at off\n" + count + ":valid-at 2019-01-01\n" + count +
                        ":valid-at 2019-02-29\n");
  EXPECT_EQ(shell.code, 1) << "the bad :valid-at date is an error";
  EXPECT_EQ(shell.out, "n\r\n1\r\nn\r\n2\r\nn\r\n2\r\n") << shell.err;
  EXPECT_NE(shell.err.find(":valid-at"), std::string::npos) << shell.err;
  EXPECT_EQ(Kg("shell --valid-at 2025-13-01", "RETURN 1;\n").code, 2);
}

// --- formatting units --------------------------------------------------------

TEST(FormatTest, TableCellsShortenLongTextWithEllipsis) {
  EXPECT_EQ(TableCell(Value("abcdef"), 4), "abc…");
  EXPECT_EQ(TableCell(Value("äöüß"), 4), "äöüß");
  EXPECT_EQ(TableCell(Value("äöüßx"), 4), "äöü…");
  EXPECT_EQ(TableCell(Value("two\nlines"), 0), "two lines");
  EXPECT_EQ(TableCell(Value(ValueList{1, "a"}), 60), "[1, 'a']");
}

TEST(FormatTest, CsvQuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("x\ny"), "\"x\ny\"");
}

TEST(FormatTest, TableRightAlignsNumbers) {
  ResultTable t{{"name", "n"}, {{"NVIDIA", 12}, {"Xiaomi", 3}}};
  EXPECT_EQ(FormatResult(t, OutputFormat::kTable, FormatOptions{}),
            "+--------+----+\n"
            "| name   | n  |\n"
            "+--------+----+\n"
            "| NVIDIA | 12 |\n"
            "| Xiaomi |  3 |\n"
            "+--------+----+\n"
            "2 rows\n");
  EXPECT_EQ(FormatResult(ResultTable{{"x"}, {}}, OutputFormat::kJsonl, FormatOptions{}), "");
  EXPECT_FALSE(ParseFormat("xml").ok());
}

// A Chinese character takes two terminal columns: the rules and bars line
// up under a wide name, and a long one is cut at a column, not a byte.
TEST(FormatTest, TableAlignsWideCharactersByColumns) {
  ResultTable t{{"name", "n"}, {{"黄仁勋", 1}, {"Lei Jun", 2}}};
  EXPECT_EQ(FormatResult(t, OutputFormat::kTable, FormatOptions{}),
            "+---------+---+\n"
            "| name    | n |\n"
            "+---------+---+\n"
            "| 黄仁勋  | 1 |\n"
            "| Lei Jun | 2 |\n"
            "+---------+---+\n"
            "2 rows\n");
  EXPECT_EQ(TableCell(Value("小米科技公司"), 6), "小米…");
}

}  // namespace
}  // namespace kg::cli
