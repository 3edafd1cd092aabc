// Hostile statements meet limits, not crashes: nesting depth in the parser
// (and so in the binder and evaluator), pattern and variable-length depth,
// values that reduce() nests, RE2 regular expressions, the timeout and the
// cancel flag in every loop a statement drives, and the memory budget.
// Each of these crashed, hung or ran out of memory before its limit existed.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/query/store_fixture.h"

namespace kg::query {
namespace {

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

class LimitsTest : public OpenStoreTest {
 protected:
  // The statement fails with a message starting with `prefix`.
  void ExpectError(std::string_view text, std::string_view prefix, const QueryOptions& opts = {}) {
    auto r = Q(text, opts);
    ASSERT_FALSE(r.ok()) << text.substr(0, 80);
    EXPECT_TRUE(StartsWith(r.status().message(), prefix)) << r.status().message().substr(0, 300);
  }
};

// ~3,000 of any nesting construct used to overflow the parser's stack.
TEST_F(LimitsTest, DeepNestingIsASyntaxErrorWithPosition) {
  const size_t n = 20000;
  const std::vector<std::string> queries = {
      "RETURN " + Repeat("(", n) + "1" + Repeat(")", n),
      "RETURN " + Repeat("(", n),  // unclosed
      "RETURN " + Repeat("[", n) + "1" + Repeat("]", n),
      "RETURN " + Repeat("NOT ", n) + "true",
      "RETURN " + Repeat("- ", n) + "1",
      "RETURN " + Repeat("{a: ", n) + "1" + Repeat("}", n),
      "RETURN " + Repeat("size(", n) + "[]" + Repeat(")", n),
      "RETURN true" + Repeat(" AND true", n),
      "RETURN 1" + Repeat(" + 1", n),
      "RETURN 1 < 1" + Repeat(" + 1", n),
      "RETURN 1" + Repeat(" < 1", n),
      "RETURN {a: 1}" + Repeat(".a", n),
      "RETURN [1]" + Repeat("[0]", n),
      "MATCH " + Repeat("(", n) + "n" + Repeat(")", n) + " RETURN n",
      "MATCH (n) WHERE " + Repeat("(", n) + "n" + Repeat(")", n) + " RETURN n",
  };
  for (const std::string& q : queries) {
    auto r = Q(q);
    ASSERT_FALSE(r.ok()) << q.substr(0, 40);
    EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError) << q.substr(0, 40);
    EXPECT_TRUE(StartsWith(r.status().message(), "SyntaxError: query:1:"))
        << r.status().message().substr(0, 200);
    EXPECT_NE(r.status().message().find("ExpressionTooDeep"), std::string::npos)
        << q.substr(0, 40) << ": " << r.status().message().substr(0, 200);
  }
}

// Up to the limit, nesting is bound and evaluated normally (the binder and
// evaluator recurse once per level, within the same bound).
TEST_F(LimitsTest, NestingBelowTheLimitRuns) {
  const size_t n = 900;
  auto r = Q("RETURN " + Repeat("(", n) + "1" + Repeat(")", n) + " AS x");
  ASSERT_TRUE(r.ok()) << r.status().message().substr(0, 200);
  EXPECT_EQ(r->rows[0][0], Value(1));
  r = Q("RETURN 0" + Repeat(" + 1", n) + " AS x");
  ASSERT_TRUE(r.ok()) << r.status().message().substr(0, 200);
  EXPECT_EQ(r->rows[0][0], Value(static_cast<int64_t>(n)));
  r = Q("RETURN " + Repeat("NOT ", 400) + "true AS x");
  ASSERT_TRUE(r.ok()) << r.status().message().substr(0, 200);
  EXPECT_EQ(r->rows[0][0], Value(true));
  r = Q("RETURN " + Repeat("[", n) + "7" + Repeat("]", n) + " AS x");
  ASSERT_TRUE(r.ok()) << r.status().message().substr(0, 200);
}

TEST_F(LimitsTest, PatternLengthIsLimited) {
  auto r = Q("MATCH (a)" + Repeat("-->()", 1001) + " RETURN a");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("PatternTooLong"), std::string::npos);
}

// A trail through a long chain recursed once per hop in the matcher.
TEST_F(LimitsTest, VariableLengthMatchBeyondTheHopLimitIsAnError) {
  ASSERT_TRUE(
      Q("CREATE (:N {name: 's'})" + Repeat("-[:NEXT]->(:N)", 999) + "-[:NEXT]->(:N {name: 'mid'})")
          .ok());
  ASSERT_TRUE(Q("MATCH (m:N {name: 'mid'}) CREATE (m)" + Repeat("-[:NEXT]->(:N)", 500)).ok());
  auto ok = Q("MATCH (:N {name: 's'})-[*..900]->(b) RETURN count(b) AS c");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->rows[0][0], Value(900));
  ExpectError("MATCH p = (:N {name: 's'})-[*]->(b) RETURN count(p)", "LimitExceeded:");
}

// reduce() feeds its result back: [a] nests one level per element.
TEST_F(LimitsTest, ReduceCannotNestValuesWithoutBound) {
  ExpectError("RETURN size(reduce(a = [], x IN range(1, 100000) | [a])) AS s", "ArgumentError:");
  ExpectError("RETURN size(keys(reduce(a = {}, x IN range(1, 100000) | {k: a}))) AS s",
              "ArgumentError:");
  auto r = Q("RETURN size(reduce(a = [], x IN range(1, 500) | [a])) AS s");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0][0], Value(1));
}

// std::regex backtracked exponentially or recursed per character; RE2 is
// linear in the text and does not recurse.
TEST_F(LimitsTest, RegexIsLinearTime) {
  QueryOptions opts;
  opts.parameters["s"] = Value(std::string(100000, 'a'));
  opts.parameters["t"] = Value(std::string(40, 'a') + "!");
  auto r =
      Q("RETURN $s =~ '(a|aa)*' AS a, $s =~ '.*b' AS b, $t =~ '(a+)+b' AS c, "
        "$t =~ '(x+x+)+y|(a|a)*(a|a)*(a|a)*[^!]' AS d",
        opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0],
            (std::vector<Value>{Value(true), Value(false), Value(false), Value(false)}));
  // Deeply nested groups in the pattern itself: an error or an answer, never a crash.
  auto deep = Q("RETURN 'a' =~ '" + Repeat("(", 5000) + "a" + Repeat(")", 5000) + "' AS x");
  if (!deep.ok()) {
    EXPECT_TRUE(StartsWith(deep.status().message(), "ArgumentError:"));
  }
}

TEST_F(LimitsTest, RegexFlagsAndErrors) {
  auto r =
      Q("RETURN 'NVIDIA' =~ '(?i)nvidia' AS i, 'a\nb' =~ '(?s)a.b' AS s, "
        "'a\nb' =~ 'a.b' AS plain, 'x\nab' =~ '(?m)(?s).*^ab$' AS m, "
        "'NVidia' =~ '(?iu)nvidia' AS u, 'ABc' =~ 'AB(?i:C)' AS group");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0], (std::vector<Value>{Value(true), Value(true), Value(false), Value(true),
                                            Value(true), Value(true)}));
  ExpectError("RETURN 'a' =~ '(?x)a' AS x", "ArgumentError:");
  ExpectError("RETURN 'a' =~ '(a' AS x", "ArgumentError:");
  ExpectError("RETURN 'aa' =~ '(a)\\\\1' AS x", "ArgumentError:");
}

// A deadline already passed stops every kind of loop a statement drives.
TEST_F(LimitsTest, TimeoutStopsEveryLoop) {
  QueryOptions opts;
  opts.timeout_seconds = 1e-9;
  for (const char* q : {
           "RETURN reduce(s = 0, x IN range(1, 1000000) | s + x) AS s",
           "RETURN size([x IN range(1, 1000000) | x * 2]) AS s",
           "RETURN any(x IN range(1, 1000000) WHERE x < 0) AS s",
           "RETURN size(range(1, 5000000)) AS s",
           "UNWIND range(1, 100000) AS x RETURN collect(x) AS c",
           "UNWIND range(1, 100000) AS x CREATE (:T {x: x})",
       }) {
    ExpectError(q, "TimeoutError:", opts);
  }
  auto r = Q("MATCH (t:T) RETURN count(t) AS c");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0][0], Value(0));  // the timed-out write left nothing
}

TEST_F(LimitsTest, CancelFlagStopsTheStatement) {
  std::atomic<bool> cancel{true};
  QueryOptions opts;
  opts.cancel = &cancel;
  ExpectError("RETURN reduce(s = 0, x IN range(1, 1000000) | s + x) AS s", "Cancelled:", opts);
  ExpectError("UNWIND range(1, 100000) AS x CREATE (:T {x: x})", "Cancelled:", opts);
  cancel = false;
  auto r = Q("RETURN reduce(s = 0, x IN range(1, 1000) | s + x) AS s", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0][0], Value(500500));
}

TEST_F(LimitsTest, MemoryBudgetStopsLargeResults) {
  QueryOptions opts;
  opts.max_memory_bytes = 2 << 20;
  // range(1, 20000) itself fits (about 1.1 MB); what is held from it does not.
  for (const std::string& q : {
           std::string("UNWIND range(1, 20000) AS x RETURN x"),
           std::string("UNWIND range(1, 20000) AS x RETURN collect([x, x]) AS c"),
           std::string("UNWIND range(1, 20000) AS x RETURN x ORDER BY x DESC"),
           std::string("UNWIND range(1, 20000) AS x RETURN DISTINCT [x, x] AS d"),
           std::string("UNWIND range(1, 20000) AS x WITH x, [x] AS g RETURN g, count(*) AS c"),
           std::string("RETURN size(range(1, 1000000)) AS s"),
           std::string("RETURN size([x IN range(1, 15000) | [x, x, x]]) AS s"),
           // 2,000 steps of 2,000 bytes: few enough that copying the growing
           // string stays quick under the sanitizers too.
           "RETURN size(reduce(s = '', x IN range(1, 2000) | s + '" + std::string(2000, 'z') +
               "')) AS s",
       }) {
    ExpectError(q, "MemoryLimitExceeded:", opts);
  }
  // Streaming aggregation holds nothing per row: no limit reached.
  auto r = Q("UNWIND range(1, 20000) AS x RETURN count(*) AS c", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0][0], Value(20000));
  opts.max_memory_bytes = 0;  // no limit
  r = Q("UNWIND range(1, 20000) AS x RETURN x", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

// MATCH p=(a)-[*]-(b) RETURN p on a dense graph grew to gigabytes and died
// of bad_alloc; now it meets the budget.
TEST_F(LimitsTest, PathExplosionMeetsTheMemoryBudget) {
  ASSERT_TRUE(Q("UNWIND range(1, 8) AS i CREATE (:K {i: i, pad: 'some text to carry'})").ok());
  ASSERT_TRUE(Q("MATCH (a:K), (b:K) WHERE a.i < b.i CREATE (a)-[:E]->(b)").ok());
  QueryOptions opts;
  opts.max_memory_bytes = 32 << 20;
  ExpectError("MATCH p = (a)-[*]-(b) RETURN p", "MemoryLimitExceeded:", opts);
}

// The BFS that counts distinct ends (VarLengthExpand(Count)) charges its
// sets and vectors: a hub of 3,000 ends does not fit in 16 KiB, ten do.
TEST_F(LimitsTest, CountedEndsMeetTheMemoryBudget) {
  ASSERT_TRUE(Q("CREATE (h:H {name: 'hub'}) WITH h UNWIND range(1, 3000) AS i "
                "CREATE (h)-[:N]->(:M {i: i})")
                  .ok());
  ASSERT_TRUE(
      Q("CREATE (h:H {name: 'small'}) WITH h UNWIND range(1, 10) AS i CREATE (h)-[:N]->(:M)").ok());
  QueryOptions opts;
  opts.max_memory_bytes = 16 << 10;
  ExpectError("MATCH (h {name: 'hub'})-[*1..2]->(c) RETURN count(DISTINCT c) AS n",
              "MemoryLimitExceeded:", opts);
  auto r = Q("MATCH (h {name: 'small'})-[*1..2]->(c) RETURN count(DISTINCT c) AS n", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0][0], Value(10));
  r = Q("MATCH (h {name: 'hub'})-[*1..2]->(c) RETURN count(DISTINCT c) AS n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0][0], Value(3000));
}

}  // namespace
}  // namespace kg::query
