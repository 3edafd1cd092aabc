// A prepared statement keeps the buffers of its last run for the next one
// (query.cc's RunBuffers) and makes its result rows in place where their
// columns allow (OutputShape::in_place): re-runs with other parameters,
// after a failed run and from several threads at once must give what fresh
// runs give, and PROFILE's counts must be those of one run.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "core/json.h"
#include "query/query.h"
#include "tests/query/store_fixture.h"

namespace kg::query {
namespace {

constexpr const char* kOneHop = "MATCH (a:C {name: $name})-[:R]-(b) RETURN b.name";

class PreparedReuseTest : public OpenStoreTest {
 protected:
  static constexpr int kNodes = 40;

  // Node i is joined by R to i+1 .. i+(i % 5), so starts have 0..4 ends
  // one way and a few more the other way.
  void SetUp() override {
    OpenStoreTest::SetUp();
    ASSERT_TRUE(Q("UNWIND range(0, " + std::to_string(kNodes - 1) +
                  ") AS i CREATE (:C {name: 'c' + toString(i), i: i})")
                    .ok());
    auto joined =
        Q("MATCH (a:C), (b:C) WHERE b.i > a.i AND b.i <= a.i + a.i % 5 CREATE (a)-[:R]->(b)");
    ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  }

  static QueryOptions Named(const std::string& name) {
    QueryOptions options;
    options.parameters["name"] = Value(name);
    return options;
  }
  // The rows of a fresh run (prepared anew), sorted.
  std::vector<std::vector<Value>> Fresh(std::string_view text, const QueryOptions& options) {
    auto r = Q(text, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? Sorted(r->rows) : std::vector<std::vector<Value>>{};
  }
  static std::vector<std::vector<Value>> Sorted(std::vector<std::vector<Value>> rows) {
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return ResultTableToJson({{"x"}, {a}}) < ResultTableToJson({{"x"}, {b}});
    });
    return rows;
  }
};

TEST_F(PreparedReuseTest, ReRunsWithOtherParametersAgreeWithFreshRuns) {
  auto prepared = PreparedStatement::Prepare(kOneHop, {});
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  size_t rows = 0;
  for (int round = 0; round < 3; ++round) {
    for (int i = -1; i <= kNodes; ++i) {  // c-1 and c40 are not in the graph
      QueryOptions options = Named("c" + std::to_string(i));
      auto r = prepared->Execute(*store_, options);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->columns, std::vector<std::string>{"b.name"});
      for (const auto& row : r->rows) EXPECT_EQ(row.size(), 1u);
      EXPECT_EQ(Sorted(r->rows), Fresh(kOneHop, options)) << i;
      rows += r->rows.size();
    }
  }
  EXPECT_GT(rows, 3u * kNodes);
}

TEST_F(PreparedReuseTest, ARunAfterAFailedRunGivesTheFreshRows) {
  auto prepared = PreparedStatement::Prepare(kOneHop, {});
  ASSERT_TRUE(prepared.ok());
  QueryOptions capped = Named("c9");  // c9 has 4 + 2 ends
  capped.max_rows = 1;
  EXPECT_FALSE(prepared->Execute(*store_, capped).ok());
  // A consumer that stops the statement after its first row, mid-batch.
  QueryOptions stopped = Named("c9");
  int seen = 0;
  stopped.row_consumer = [&](std::vector<Value>&) {
    return ++seen == 1 ? Status::OK() : Status::InvalidArgument("enough");
  };
  EXPECT_FALSE(prepared->Execute(*store_, stopped).ok());
  for (const char* name : {"c9", "c14", "c3"}) {
    auto r = prepared->Execute(*store_, Named(name));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(Sorted(r->rows), Fresh(kOneHop, Named(name))) << name;
  }
}

TEST_F(PreparedReuseTest, ColumnsOutOfSlotOrderRepeatedOrWholeNodesStayExact) {
  // Not in place (a later column before an earlier one, a column twice)
  // and in place with node values (refreshed, not moved).
  for (const char* text :
       {"MATCH (a:C {name: $name})-[:R]->(b) RETURN b.i AS x, a.i AS y, b.i AS z",
        "MATCH (a:C {name: $name})-[:R]->(b) RETURN a, b ORDER BY b.i",
        "MATCH (a:C {name: $name})-[r:R]->(b) RETURN a.name, r, b.i ORDER BY b.i"}) {
    auto prepared = PreparedStatement::Prepare(text, {});
    ASSERT_TRUE(prepared.ok()) << text << ": " << prepared.status().ToString();
    for (int run = 0; run < 2; ++run) {
      auto r = prepared->Execute(*store_, Named("c8"));
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_EQ(r->rows.size(), 3u) << text;  // c8 -> c9, c10, c11
      for (const auto& row : r->rows) EXPECT_EQ(row.size(), r->columns.size()) << text;
      EXPECT_EQ(Sorted(r->rows), Fresh(text, Named("c8"))) << text;
    }
  }
  auto r = Q("MATCH (a:C {name: 'c8'})-[:R]->(b) RETURN b.i AS x, a.i AS y, b.i AS z ORDER BY x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0], (std::vector<Value>{Value(9), Value(8), Value(9)}));
}

TEST_F(PreparedReuseTest, RowsHandedToAConsumerMatchTheTable) {
  auto prepared = PreparedStatement::Prepare(kOneHop, {});
  ASSERT_TRUE(prepared.ok());
  for (int i = 0; i < kNodes; i += 3) {
    QueryOptions options = Named("c" + std::to_string(i));
    std::vector<std::vector<Value>> handed;
    options.row_consumer = [&](std::vector<Value>& row) {
      handed.push_back(row);
      return Status::OK();
    };
    auto r = prepared->Execute(*store_, options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r->rows.empty());
    EXPECT_EQ(Sorted(handed), Fresh(kOneHop, Named("c" + std::to_string(i)))) << i;
  }
}

TEST_F(PreparedReuseTest, ProfileCountsOneRunEachTime) {
  // A match (shown as its steps) and streamed operators (UNWIND, a plain
  // WITH: their counts are the kept buffers' between runs).
  for (std::string text : {std::string("PROFILE ") + kOneHop,
                           std::string("PROFILE UNWIND range(1, 5) AS i WITH i AS j "
                                       "MATCH (a:C {name: $name}) RETURN j, a.i")}) {
    auto prepared = PreparedStatement::Prepare(text, {});
    ASSERT_TRUE(prepared.ok()) << text;
    std::string first;
    for (int run = 0; run < 3; ++run) {
      auto r = prepared->Execute(*store_, Named("c9"));
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      auto rows = std::find(r->columns.begin(), r->columns.end(), "rows") - r->columns.begin();
      ASSERT_LT(static_cast<size_t>(rows), r->columns.size());
      std::string counts;
      for (const auto& row : r->rows) counts += ResultTableToJson({{"rows"}, {{row[rows]}}});
      if (run == 0) first = counts;
      EXPECT_EQ(counts, first) << text << " run " << run;
    }
    EXPECT_NE(first.find(text.find("UNWIND") != std::string::npos ? "5" : "6"), std::string::npos)
        << first;
  }
}

TEST_F(PreparedReuseTest, OnePlanRunsFromSeveralThreadsAtOnce) {
  auto prepared = PreparedStatement::Prepare(kOneHop, {});
  ASSERT_TRUE(prepared.ok());
  std::vector<std::vector<std::vector<Value>>> expected;
  for (int i = 0; i < kNodes; ++i)
    expected.push_back(Fresh(kOneHop, Named("c" + std::to_string(i))));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      PreparedStatement copy = *prepared;  // copies share the plan and its spare buffers
      for (int n = 0; n < 300; ++n) {
        int i = (n * 7 + t * 13) % kNodes;
        auto r = copy.Execute(*store_, Named("c" + std::to_string(i)));
        if (!r.ok() || Sorted(r->rows) != expected[i]) ++wrong[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace kg::query
