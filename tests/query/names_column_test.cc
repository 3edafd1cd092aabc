// The names steps (MatchStep::name_slot) straight into the final RETURN's
// rows (Operator::Sink::TakeValues, MatchOp::RunValues): DISTINCT still on
// the name (two nodes of one name give one row), SKIP / LIMIT, the
// intermediate-row cap, the memory budget, PROFILE's rows and a row
// consumer behave as through rows of every slot; the rows equal the
// general plan's (a named middle node, or a WITH in between, turns the
// rules off), with and without the topology cache.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/storage/topology_options.h"

namespace kg::query {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// A hub 'A' with kMids middle nodes, each leading to kEnds ends of its
// own: kMids * kEnds distinct ends, more than two batches. End names are
// 'e<i>' but for two ends named 'twin' and one without a name; ends are
// padded for the memory budget's test.
class NamesColumnTest : public ::testing::TestWithParam<bool> {
 protected:
  static constexpr int kMids = 30;
  static constexpr int kEnds = 100;
  static constexpr int kAll = kMids * kEnds;

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kg_names_column_" + std::to_string(::getpid()) + "_" + std::to_string(GetParam()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(storage::Store::Create(dir_.string(), schema::Ontology::Open()).ok());
    auto s = storage::Store::Open(dir_.string(), storage::TopologyOptions(GetParam()));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    Ok("CREATE (:Hub {name: 'A'})");
    Ok("MATCH (a:Hub) UNWIND range(0, " + std::to_string(kMids - 1) +
       ") AS m CREATE (a)-[:R]->(:Mid {name: 'm' + m, m: m})");
    Ok("MATCH (x:Mid) UNWIND range(0, " + std::to_string(kEnds - 1) +
       ") AS e CREATE (x)-[:R]->(:End {name: 'e' + (x.m * " + std::to_string(kEnds) +
       " + e), pad: '" + std::string(200, 'p') + "'})");
    Ok("MATCH (e:End) WHERE e.name IN ['e5', 'e1500'] SET e.name = 'twin'");
    Ok("MATCH (e:End {name: 'e7'}) REMOVE e.name");
    // A relationship back to the hub: walks of two hops also reach middles.
    Ok("MATCH (a:Hub), (x:Mid {name: 'm0'}) CREATE (x)-[:R]->(a)");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Ok(const std::string& text) {
    auto r = query::Run(*store_, text, QueryOptions());
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  }
  Result<ResultTable> Q(std::string_view text, const QueryOptions& opts = {}) {
    return query::Run(*store_, text, opts);
  }
  // The rows of `text`, sorted (a multiset), after checking it ran.
  std::vector<std::vector<Value>> Sorted(std::string_view text, const QueryOptions& opts = {}) {
    auto r = Q(text, opts);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    if (!r.ok()) return {};
    std::vector<std::vector<Value>> rows = r->rows;
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a[0].ToDisplayString() < b[0].ToDisplayString();
    });
    return rows;
  }
  void ExpectError(std::string_view text, std::string_view prefix, const QueryOptions& opts) {
    auto r = Q(text, opts);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_TRUE(StartsWith(r.status().message(), prefix)) << r.status().message();
  }
  // The `rows` cell of PROFILE's line for `op`; -1 when there is none.
  int64_t ProfileRows(const ResultTable& t, const std::string& op) {
    size_t name_col = 0, rows_col = 0;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (t.columns[c] == "operator") name_col = c;
      if (t.columns[c] == "rows") rows_col = c;
    }
    for (const auto& row : t.rows)
      if (row[name_col].is_string() && row[name_col].as_string() == op && row[rows_col].is_int())
        return row[rows_col].as_int();
    return -1;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
};

TEST_P(NamesColumnTest, TwoNodesOfOneNameGiveOneRow) {
  auto rows = Sorted("MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name AS n");
  // kAll ends, two of them 'twin' and one nameless, plus the hub itself.
  ASSERT_EQ(rows.size(), static_cast<size_t>(kAll - 1 + 1));
  EXPECT_EQ(std::count(rows.begin(), rows.end(), std::vector<Value>{Value("twin")}), 1);
  EXPECT_EQ(std::count(rows.begin(), rows.end(), std::vector<Value>{Value()}), 1);
  for (const auto& row : rows) ASSERT_EQ(row.size(), 1u);
  // The general plan (a named middle node) gives the same rows.
  EXPECT_EQ(rows, Sorted("MATCH (a {name: 'A'})-->(m)-->(c) RETURN DISTINCT c.name AS n"));
  // So do the pruning BFS's names (VarLengthExpand(Pruning)) and the one
  // hop's, against theirs with a WITH in between.
  EXPECT_EQ(Sorted("MATCH (a:Mid)-[*1..1]->(c) RETURN DISTINCT c.name AS n"),
            Sorted("MATCH (a:Mid)-[*1..1]->(c) WITH c RETURN DISTINCT c.name AS n"));
  auto one_hop = Sorted("MATCH (a:Mid)-->(c) RETURN c.name AS n");
  EXPECT_EQ(one_hop.size(), static_cast<size_t>(kAll + 1));  // 'twin' twice, the hub once
  EXPECT_EQ(std::count(one_hop.begin(), one_hop.end(), std::vector<Value>{Value("twin")}), 2);
  EXPECT_EQ(one_hop, Sorted("MATCH (a:Mid)-->(c) WITH c RETURN c.name AS n"));
}

TEST_P(NamesColumnTest, SkipAndLimitKeepTheFirstDistinctNames) {
  const char* fast = "MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name AS n";
  const char* general = "MATCH (a {name: 'A'})-->(m)-->(c) RETURN DISTINCT c.name AS n";
  for (const std::string tail : {" LIMIT 3", " SKIP 4 LIMIT 1030", " SKIP 2990", " LIMIT 0"}) {
    auto a = Q(std::string(fast) + tail);
    auto b = Q(std::string(general) + tail);
    ASSERT_TRUE(a.ok() && b.ok()) << tail;
    EXPECT_EQ(a->rows, b->rows) << tail;  // both walk the ends in the same order
  }
  auto r = Q(std::string(fast) + " SKIP 4 LIMIT 1030");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows.size(), 1030u);
  // LIMIT stops the walk's names once the rows are complete.
  auto p = Q(std::string("PROFILE ") + fast + " LIMIT 5");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(ProfileRows(*p, "Return+Distinct+Limit"), 5);
  int64_t passed = ProfileRows(*p, "TwoHopExpand(Distinct)");
  EXPECT_GE(passed, 5);
  EXPECT_LE(passed, 6);  // at most the one duplicate more
}

TEST_P(NamesColumnTest, ProfileCountsTheNamesPassedAndKept) {
  auto p = Q("PROFILE MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name AS n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(ProfileRows(*p, "TwoHopExpand(Distinct)"), kAll + 1);  // every end, and the hub
  EXPECT_EQ(ProfileRows(*p, "Return+Distinct"), kAll);             // 'twin' once
  p = Q("PROFILE MATCH (a:Mid)-->(c) RETURN c.name AS n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(ProfileRows(*p, "Expand(All)"), kAll + 1);
  EXPECT_EQ(ProfileRows(*p, "Return"), kAll + 1);
}

TEST_P(NamesColumnTest, TheIntermediateRowCapHolds) {
  QueryOptions opts;
  opts.max_intermediate_rows = 2000;
  ExpectError("MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name", "LimitExceeded:", opts);
  ExpectError("MATCH (a:Mid)-->(c) RETURN c.name", "LimitExceeded:", opts);
  ExpectError("MATCH (a:Hub)-[*1..2]->(c) RETURN DISTINCT c.name", "LimitExceeded:", opts);
  opts.max_intermediate_rows = kAll + 1;
  EXPECT_TRUE(Q("MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name", opts).ok());
  EXPECT_TRUE(Q("MATCH (a:Mid)-->(c) RETURN c.name", opts).ok());
}

TEST_P(NamesColumnTest, TheMemoryBudgetChargesTheNamesKept) {
  // Each end's name is short; 3,000 rows of 200-byte strings are not.
  Ok("MATCH (e:End) WHERE e.name <> 'twin' SET e.name = e.pad + e.name");
  QueryOptions opts;
  opts.max_memory_bytes = 256 << 10;
  ExpectError("MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name",
              "MemoryLimitExceeded:", opts);
  ExpectError("MATCH (a:Mid)-->(c) RETURN c.name", "MemoryLimitExceeded:", opts);
  // What is dropped is not held: a LIMIT keeps the rows within the budget.
  auto r = Q("MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name LIMIT 10", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows.size(), 10u);
  opts.max_memory_bytes = 0;  // no budget
  r = Q("MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows.size(), static_cast<size_t>(kAll));
}

TEST_P(NamesColumnTest, ARowConsumerGetsTheSameRows) {
  const char* text = "MATCH (a {name: 'A'})-->()-->(c) RETURN DISTINCT c.name AS n";
  auto table = Q(text);
  ASSERT_TRUE(table.ok());
  std::vector<std::vector<Value>> handed;
  QueryOptions opts;
  opts.row_consumer = [&](std::vector<Value>& row) {
    handed.push_back(row);
    return Status::OK();
  };
  auto r = Q(text, opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->rows.empty());
  EXPECT_EQ(r->columns, std::vector<std::string>{"n"});
  EXPECT_EQ(handed, table->rows);
  // The row consumer's row cap still counts them.
  opts.max_rows = 100;
  handed.clear();
  EXPECT_FALSE(Q(text, opts).ok());
}

TEST_P(NamesColumnTest, APreparedStatementGivesTheSameRowsOnEveryRun) {
  QueryOptions opts;
  opts.parameters = {{"name", Value("A")}};
  auto prepared =
      PreparedStatement::Prepare("MATCH (a {name: $name})-->()-->(c) RETURN DISTINCT c.name", opts);
  ASSERT_TRUE(prepared.ok());
  auto first = prepared->Execute(*store_, opts);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->columns, std::vector<std::string>{"c.name"});
  EXPECT_EQ(first->rows.size(), static_cast<size_t>(kAll));
  // A run stopped by the row cap leaves nothing behind for the next.
  QueryOptions capped = opts;
  capped.max_intermediate_rows = 10;
  EXPECT_FALSE(prepared->Execute(*store_, capped).ok());
  for (int run = 0; run < 2; ++run) {
    auto again = prepared->Execute(*store_, opts);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->rows, first->rows) << "run " << run;
  }
}

// With every string name held by one node only, DISTINCT compares the
// ends' nodes instead of their names (Transaction::PeekedNamesUnique),
// across the start nodes' batches too; a batch with a name that is not a
// string makes it compare the names from there on, the rows kept before
// included.
TEST_P(NamesColumnTest, UniqueNamesAreComparedByNodeUntilOneIsNot) {
  Ok("MATCH (e:End {name: 'twin'}) SET e.name = 'twin' + id(e)");
  Ok("MATCH (e:End) WHERE e.name IS NULL SET e.name = 'e7'");
  // A second hub after A, reaching again the ends of ten of A's middles.
  Ok("CREATE (:Hub {name: 'B'})");
  Ok("MATCH (b:Hub {name: 'B'}), (x:Mid) WHERE x.m < 10 CREATE (b)-[:R]->(x)");
  const std::string fast = "MATCH (a:Hub)-->()-->(c) RETURN DISTINCT c.name AS n";
  const std::string general = "MATCH (a:Hub)-->()-->(c) WITH c RETURN DISTINCT c.name AS n";
  for (int run = 0; run < 2; ++run) {  // the copy may be built during the first
    auto rows = Sorted(fast);
    EXPECT_EQ(rows.size(), static_cast<size_t>(kAll + 1)) << "every end and the hub, once";
    EXPECT_EQ(rows, Sorted(general));
    for (const std::string tail : {" LIMIT 5", " SKIP 2990 LIMIT 20"}) {
      auto a = Q(fast + tail);
      auto b = Q(general + tail);
      ASSERT_TRUE(a.ok() && b.ok()) << tail;
      EXPECT_EQ(a->rows, b->rows) << tail;
    }
  }
  // B also reaches, through a middle of its own, one of A's ends and a
  // node whose name is a number: B's batch compares names.
  Ok("MATCH (b:Hub {name: 'B'}), (e:End {name: 'e6'}) "
     "CREATE (b)-[:R]->(m:Mid {name: 'mB'})-[:R]->(e), (m)-[:R]->(:End {name: 42})");
  for (int run = 0; run < 2; ++run) {
    auto rows = Sorted(fast);
    EXPECT_EQ(rows.size(), static_cast<size_t>(kAll + 2)) << "and the number, once";
    EXPECT_EQ(rows, Sorted(general));
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, NamesColumnTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "cached" : "rocksdb"; });

}  // namespace
}  // namespace kg::query
