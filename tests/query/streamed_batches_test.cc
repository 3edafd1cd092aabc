// Rows handed between operators and into the result table in batches
// (query.cc's Streamer and Output, the RETURN's Sink::AddBatch): the memory
// budget and the intermediate-row cap still stop a statement with the same
// errors, no row is lost or repeated at a batch boundary, LIMIT still stops
// the stream, and a prepared statement gives the same rows on every run,
// also after a run that failed. A one-column output row is the matched row
// itself, cut to that column.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "query/query.h"
#include "tests/query/store_fixture.h"

namespace kg::query {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

class StreamedBatchesTest : public OpenStoreTest {
 protected:
  // 3,000 nodes: more than two batches of 1,024 rows.
  static constexpr int kNodes = 3000;

  void SetUp() override {
    OpenStoreTest::SetUp();
    auto made = Q("UNWIND range(0, " + std::to_string(kNodes - 1) +
                  ") AS i CREATE (:K {i: i, pad: '" + std::string(200, 'p') + "'})");
    ASSERT_TRUE(made.ok()) << made.status().ToString();
  }

  void ExpectError(std::string_view text, std::string_view prefix, const QueryOptions& opts) {
    auto r = Q(text, opts);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_TRUE(StartsWith(r.status().message(), prefix)) << r.status().message();
  }
};

TEST_F(StreamedBatchesTest, EveryRowArrivesOnceAcrossBatchBoundaries) {
  auto r = Q("MATCH (n:K) RETURN n.i AS i");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), static_cast<size_t>(kNodes));
  std::set<int64_t> seen;
  for (const auto& row : r->rows) {
    // A row made its output in place (OutputInPlace) holds its one column only.
    ASSERT_EQ(row.size(), 1u);
    seen.insert(row[0].as_int());
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kNodes));
  EXPECT_EQ(*seen.begin(), 0);
  EXPECT_EQ(*seen.rbegin(), kNodes - 1);
}

TEST_F(StreamedBatchesTest, TheMemoryBudgetStillStopsStreamedRows) {
  QueryOptions opts;
  opts.max_memory_bytes = 256 << 10;  // 3,000 rows of a 200-byte string do not fit
  ExpectError("MATCH (n:K) RETURN n.pad AS p", "MemoryLimitExceeded:", opts);
  ExpectError("MATCH (n:K) RETURN n.pad AS p ORDER BY n.i", "MemoryLimitExceeded:", opts);
  // 3,000 distinct strings are held as they come.
  ExpectError("MATCH (n:K) RETURN DISTINCT n.pad + n.i AS p", "MemoryLimitExceeded:", opts);
  // DISTINCT drops a duplicate as it arrives: the one distinct value is all
  // it holds, within the budget.
  auto r = Q("MATCH (n:K) RETURN DISTINCT n.pad AS p", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows.size(), 1u);
  // Without the budget the same statements run.
  opts.max_memory_bytes = 0;
  r = Q("MATCH (n:K) RETURN DISTINCT n.pad + n.i AS p", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows.size(), static_cast<size_t>(kNodes));
}

TEST_F(StreamedBatchesTest, TheIntermediateRowCapStillHolds) {
  QueryOptions opts;
  opts.max_intermediate_rows = 1000;
  ExpectError("MATCH (n:K) RETURN n.i", "LimitExceeded:", opts);
  ExpectError("MATCH (n:K) RETURN DISTINCT n.i % 7 AS r", "LimitExceeded:", opts);
  opts.max_intermediate_rows = kNodes;
  EXPECT_TRUE(Q("MATCH (n:K) RETURN n.i", opts).ok());
}

TEST_F(StreamedBatchesTest, LimitStillStopsTheStream) {
  auto r = Q("MATCH (n:K) RETURN n.i AS i LIMIT 5");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows.size(), 5u);
  r = Q("MATCH (n:K) RETURN n.i AS i SKIP 1020 LIMIT 10");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows.size(), 10u);
  // PROFILE: the match passed on only the rows the LIMIT needed.
  r = Q("PROFILE MATCH (n:K) RETURN n.i AS i LIMIT 5");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  int rows_col = -1;
  for (size_t c = 0; c < r->columns.size(); ++c)
    if (r->columns[c] == "rows") rows_col = static_cast<int>(c);
  ASSERT_GE(rows_col, 0);
  for (const auto& row : r->rows) {
    if (row[rows_col].is_int()) {
      EXPECT_LE(row[rows_col].as_int(), 5);
    }
  }
}

TEST_F(StreamedBatchesTest, APreparedStatementGivesTheSameRowsOnEveryRun) {
  const char* text = "MATCH (n:K) WHERE n.i < $m RETURN n.i AS i, n.pad AS p";
  QueryOptions opts;
  opts.parameters = {{"m", Value(int64_t{2500})}};
  auto prepared = PreparedStatement::Prepare(text, opts);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  auto fresh = Q(text, opts);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  ASSERT_EQ(fresh->rows.size(), 2500u);
  for (int run = 0; run < 3; ++run) {
    auto r = prepared->Execute(*store_, opts);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->columns, fresh->columns);
    EXPECT_EQ(r->rows, fresh->rows) << "run " << run;
  }
  // A run that fails leaves nothing behind for the next.
  QueryOptions tight = opts;
  tight.max_memory_bytes = 64 << 10;
  auto failed = prepared->Execute(*store_, tight);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(StartsWith(failed.status().message(), "MemoryLimitExceeded:"));
  auto after = prepared->Execute(*store_, opts);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->rows, fresh->rows);
  // Other parameters, other rows, from the same plan.
  opts.parameters = {{"m", Value(int64_t{3})}};
  auto few = prepared->Execute(*store_, opts);
  ASSERT_TRUE(few.ok()) << few.status().ToString();
  EXPECT_EQ(few->rows.size(), 3u);
}

}  // namespace
}  // namespace kg::query
