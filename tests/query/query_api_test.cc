// The C++ API of the query engine: prepared statements, options (as_of,
// limits, timeout), the procedure registry, PROFILE, and write atomicity
// under the built-in ontology.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <regex>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/storage/topology_options.h"

namespace kg::query {
namespace {

namespace fs = std::filesystem;

class QueryApiTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(schema::Ontology::Open()); }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void Open(const schema::Ontology& ontology) {
    store_.reset();
    dir_ = fs::temp_directory_path() /
           ("kg_query_api_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    ASSERT_TRUE(storage::Store::Create(dir_.string(), ontology).ok());
    auto s = storage::Store::Open(dir_.string(), {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  Result<ResultTable> Q(std::string_view text, const QueryOptions& opts = {}) {
    return query::Run(*store_, text, opts);
  }

  fs::path dir_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(QueryApiTest, PreparedStatementRunsWithDifferentParameters) {
  ASSERT_TRUE(Q("UNWIND range(1, 20) AS i CREATE (:C {name: 'c' + toString(i), i: i})").ok());
  auto prepared = PreparedStatement::Prepare("MATCH (n:C {name: $name}) RETURN n.i AS i", {});
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_EQ(prepared->columns(), std::vector<std::string>{"i"});
  for (int i : {3, 17}) {
    QueryOptions opts;
    opts.parameters["name"] = Value("c" + std::to_string(i));
    auto r = prepared->Execute(*store_, opts);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->rows.size(), 1u);
    EXPECT_EQ(r->rows[0][0], Value(i));
  }
}

TEST_F(QueryApiTest, AsOfFiltersRelationshipsDuringExpansion) {
  ASSERT_TRUE(Q("CREATE (g:Government {name: 'US'})-[:RESTRICTS {valid_from: date('2025-04-01'), "
                "valid_to: date('2025-07-14')}]->(:Product {name: 'H20'})")
                  .ok());
  const char* q = "MATCH (g {name: 'US'})-[:RESTRICTS]->(p) RETURN p.name";
  QueryOptions opts;
  opts.relations.valid_at = *Date::Parse("2025-05-01");
  auto in = Q(q, opts);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->rows.size(), 1u);
  opts.relations.valid_at = *Date::Parse("2025-08-01");
  auto out = Q(q, opts);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->rows.size(), 0u);
  EXPECT_EQ(Q(q)->rows.size(), 1u);  // no as_of: plain openCypher
}

TEST_F(QueryApiTest, MaxRowsAndIntermediateRowsStopRunawayQueries) {
  QueryOptions opts;
  opts.max_rows = 5;
  auto r = Q("UNWIND range(1, 10) AS x RETURN x", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("more than 5 result rows"), std::string::npos)
      << r.status().message();

  ASSERT_TRUE(Q("UNWIND range(1, 30) AS i CREATE (:K {i: i})").ok());
  ASSERT_TRUE(Q("MATCH (a:K), (b:K) WHERE a.i < b.i CREATE (a)-[:E]->(b)").ok());
  QueryOptions small;
  small.max_intermediate_rows = 1000;
  auto v = Q("MATCH (a:K)-[*]-(b) RETURN count(*)", small);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("more than 1000 intermediate rows"), std::string::npos)
      << v.status().message();
}

TEST_F(QueryApiTest, TimeoutStopsTheQueryAndWritesNothing) {
  ASSERT_TRUE(Q("UNWIND range(1, 12) AS i CREATE (:K {i: i})").ok());
  ASSERT_TRUE(Q("MATCH (a:K), (b:K) WHERE a.i <> b.i CREATE (a)-[:E]->(b)").ok());
  QueryOptions opts;
  opts.timeout_seconds = 0.2;
  opts.max_intermediate_rows = UINT64_MAX;
  auto r = Q("CREATE (:Marker) WITH 1 AS one MATCH (a:K {i: 1})-[*]->(b) RETURN count(*)", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("time limit"), std::string::npos) << r.status().message();
  EXPECT_EQ(Q("MATCH (m:Marker) RETURN count(m) AS c")->rows[0][0], Value(0));
}

TEST_F(QueryApiTest, SchemaViolationAbortsTheWholeStatement) {
  Open(schema::Ontology::Builtin());
  ASSERT_TRUE(Q("CREATE (:Company {name: 'NVIDIA'}), (:Person {name: 'Jensen Huang'})").ok());
  // LEADS from Company to Person violates the ontology: nothing of the statement lands.
  auto r =
      Q("MATCH (c {name: 'NVIDIA'}), (p {name: 'Jensen Huang'}) CREATE (:Company {name: 'X'}) "
        "CREATE (c)-[:LEADS]->(p)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSchemaViolation) << r.status().ToString();
  EXPECT_EQ(Q("MATCH (n) RETURN count(n) AS c")->rows[0][0], Value(2));
  auto unknown_label = Q("MATCH (n:NoSuchKind) RETURN n");
  ASSERT_TRUE(unknown_label.ok());
  EXPECT_TRUE(unknown_label->rows.empty());
}

TEST_F(QueryApiTest, ReservedPropertyNamesAreRefusedAndNothingIsWritten) {
  ASSERT_TRUE(Q("CREATE (:C {name: 'x'})-[:R]->(:C {name: 'y'})").ok());
  for (const char* text :
       {"MATCH (c {name: 'x'}) SET c.note = 1, c._id = 5",
        "MATCH (c {name: 'x'}) SET c += {note: 1, _labels: ['D']}",
        "CREATE (:C {name: 'z', _type: 'T'})", "MATCH ()-[r:R]->() SET r._start = 9"}) {
    auto r = Q(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kSchemaViolation) << r.status().ToString();
    EXPECT_NE(r.status().message().find("is reserved"), std::string::npos) << r.status().ToString();
  }
  auto after = Q("MATCH (c:C) RETURN count(c) AS n, count(c.note) AS notes");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->rows[0][0], Value(2));
  EXPECT_EQ(after->rows[0][1], Value(0));
}

TEST_F(QueryApiTest, ProcedureRegistryServesCallYield) {
  ProcedureRegistry reg = ProcedureRegistry::WithBuiltins();
  ProcedureDef def;
  def.name = "test.numbers";
  def.columns = {"n"};
  def.min_args = def.max_args = 1;
  def.fn = [](storage::Transaction&, const std::vector<Value>& args) -> Result<ResultTable> {
    ResultTable t;
    t.columns = {"n"};
    for (int64_t i = 0; i < args[0].as_int(); ++i) t.rows.push_back({Value(i)});
    return t;
  };
  ASSERT_TRUE(reg.Register(def).ok());
  EXPECT_EQ(reg.Register(def).code(), StatusCode::kAlreadyExists);
  QueryOptions opts;
  opts.procedures = &reg;
  auto r = Q("CALL test.numbers(4) YIELD n WHERE n > 1 RETURN sum(n) AS s", opts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows[0][0], Value(5));
  auto standalone = Q("CALL test.numbers(2)", opts);
  ASSERT_TRUE(standalone.ok()) << standalone.status().ToString();
  EXPECT_EQ(standalone->columns, std::vector<std::string>{"n"});
  EXPECT_EQ(standalone->rows.size(), 2u);
}

TEST_F(QueryApiTest, ProceduresSeeTheStatementsAsOfDate) {
  ProcedureRegistry reg = ProcedureRegistry::WithBuiltins();
  ProcedureDef def;
  def.name = "test.asOf";
  def.columns = {"day"};
  def.fn_with_context = [](storage::Transaction&, const std::vector<Value>&,
                           const ProcedureContext& context) -> Result<ResultTable> {
    ResultTable t;
    t.columns = {"day"};
    t.rows.push_back({context.relations.valid_at ? Value(*context.relations.valid_at) : Value()});
    return t;
  };
  ASSERT_TRUE(reg.Register(def).ok());
  QueryOptions opts;
  opts.procedures = &reg;
  for (const char* text : {"CALL test.asOf() YIELD day RETURN day", "CALL test.asOf()"}) {
    auto none = Q(text, opts);
    ASSERT_TRUE(none.ok()) << none.status().ToString();
    EXPECT_TRUE(none->rows[0][0].is_null()) << text;
    opts.relations.valid_at = *Date::Parse("2025-07-16");
    auto dated = Q(text, opts);
    ASSERT_TRUE(dated.ok()) << dated.status().ToString();
    EXPECT_EQ(dated->rows[0][0], Value(*Date::Parse("2025-07-16"))) << text;
    opts.relations.valid_at.reset();
  }
}

TEST_F(QueryApiTest, ProfileReportsRowsPerOperator) {
  ASSERT_TRUE(Q("UNWIND range(1, 5) AS i CREATE (:P {i: i})").ok());
  auto r = Q("PROFILE MATCH (n:P) WHERE n.i > 2 RETURN n.i");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->columns,
            (std::vector<std::string>{"operator", "details", "rows", "time_ms", "expansions"}));
  // The MATCH shows as its steps: the label scan finds 5, the WHERE keeps 3.
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0][0], Value("NodeByLabelScan"));
  EXPECT_EQ(r->rows[0][2], Value(5));
  EXPECT_EQ(r->rows[1][0], Value("Filter"));
  EXPECT_EQ(r->rows[1][2], Value(3));
  // Streamed operators (UNWIND, MATCH, a plain WITH feeding an aggregation)
  // report the rows they passed on.
  auto chain =
      Q("PROFILE UNWIND [1, 2] AS k MATCH (n:P) WITH k, n WHERE n.i > k RETURN k, count(*) AS c "
        "ORDER BY k");
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  ASSERT_EQ(chain->rows.size(), 4u);
  std::vector<Value> rows;
  for (const auto& row : chain->rows) rows.push_back(row[2]);
  EXPECT_EQ(rows, (std::vector<Value>{Value(2), Value(10), Value(7), Value(2)}));
  auto result =
      Q("UNWIND [1, 2] AS k MATCH (n:P) WITH k, n WHERE n.i > k RETURN k, count(*) AS c "
        "ORDER BY k");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows,
            (std::vector<std::vector<Value>>{{Value(1), Value(4)}, {Value(2), Value(3)}}));
}

// PROFILE's expansions column: per expanding step, how many calls the
// topology cache served and how many went to RocksDB; null elsewhere.
TEST_F(QueryApiTest, ProfileSaysWhereExpansionsWereServed) {
  ASSERT_TRUE(Q("CREATE (:P {name: 'a'})-[:T]->(:P {name: 'b'}), (:P {name: 'c'})").ok());
  const std::string text = "PROFILE MATCH (p:P)-[:T]->(q) RETURN q.name";
  for (bool cached : {false, true}) {
    store_.reset();
    storage::OpenOptions open = storage::TopologyOptions(cached);
    auto s = storage::Store::Open(dir_.string(), open);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto warm = store_->BeginRead()->WarmTopology();
    ASSERT_TRUE(warm.ok());
    ASSERT_EQ(*warm, cached);
    auto r = Q(text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->rows.size(), 3u);
    EXPECT_EQ(r->rows[0][0], Value("NodeByLabelScan"));
    EXPECT_EQ(r->rows[0][4], Value());
    EXPECT_EQ(r->rows[1][0], Value("Expand(All)"));
    EXPECT_EQ(r->rows[1][2], Value(1));
    EXPECT_EQ(r->rows[1][4], Value(cached ? "3 cached" : "3 RocksDB"));
  }
}

// A shortest-path step's expansions are the nodes its search expanded and
// the relations found there: on a-b-c-d (and c-e), from a: a (1), b (2),
// then c, whose first relation (outgoing, to d) meets the other side and
// stops it; of 1 + 2 + 3 relations at those nodes.
TEST_F(QueryApiTest, ProfileCountsWhatAShortestPathSearchExpanded) {
  ASSERT_TRUE(
      Q("CREATE (a:P {name: 'a'})-[:T]->(b:P {name: 'b'})-[:T]->(c:P {name: 'c'})-[:T]->(:P "
        "{name: 'd'}), (c)-[:T]->(:P {name: 'e'})")
          .ok());
  auto r = Q("PROFILE MATCH p = shortestPath((x {name: 'a'})-[*..5]-(y {name: 'd'})) RETURN p");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 5u);
  EXPECT_EQ(r->rows[2][0], Value("ShortestPath(BFS)"));
  EXPECT_EQ(r->rows[2][2], Value(1));
  const Value& expansions = r->rows[2][4];
  ASSERT_TRUE(expansions.is_string());
  EXPECT_TRUE(expansions.as_string() == "3 cached, 4 of 6 relations" ||
              expansions.as_string() == "3 RocksDB, 4 of 6 relations")
      << expansions.as_string();
}

// A shortest-path level that takes more relations than its budget without
// meeting is given up for the other side's: from s, whose neighbours are a
// hub (3,000 leaves) and a2, to t, whose neighbour c1 leads to a2 through
// m, the search does not walk the whole hub (it did before), and finds the
// same route through RocksDB and on the topology copy.
TEST_F(QueryApiTest, AShortestPathSearchGivesUpAHubForTheCheaperSide) {
  ASSERT_TRUE(Q("CREATE (s:P {name: 's'})-[:T]->(:P {name: 'hub'}), (s)-[:T]->(a2:P {name: "
                "'a2'})-[:T]->(m:P {name: 'm'}), (c1:P {name: 'c1'})-[:T]->(m), (t:P {name: "
                "'t'})-[:T]->(c1), (t)-[:T]->(:P {name: 'c2'})")
                  .ok());
  ASSERT_TRUE(Q("MATCH (h {name: 'hub'}) UNWIND range(1, 3000) AS i CREATE (h)-[:T]->(:P)").ok());
  for (bool cached : {false, true}) {
    store_.reset();
    auto s = storage::Store::Open(dir_.string(), storage::TopologyOptions(cached));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    ASSERT_EQ(*store_->BeginRead()->WarmTopology(), cached);
    auto r =
        Q("PROFILE MATCH p = shortestPath((x {name: 's'})-[*..6]-(y {name: 't'})) "
          "RETURN [n IN nodes(p) | n.name] AS route");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_GE(r->rows.size(), 3u);
    EXPECT_EQ(r->rows[2][0], Value("ShortestPath(BFS)"));
    const Value& expansions = r->rows[2][4];
    ASSERT_TRUE(expansions.is_string());
    std::smatch m;
    const std::string text = expansions.as_string();
    ASSERT_TRUE(std::regex_search(text, m, std::regex("(\\d+) of (\\d+) relations"))) << text;
    EXPECT_LT(std::stoi(m[1]), 3000) << text;
    for (const char* fn : {"shortestPath", "allShortestPaths"}) {
      auto route = Q(std::string("MATCH p = ") + fn +
                     "((x {name: 's'})-[*..6]-(y {name: 't'})) RETURN [n IN nodes(p) | n.name]");
      ASSERT_TRUE(route.ok()) << route.status().ToString();
      ASSERT_EQ(route->rows.size(), 1u) << fn;
      EXPECT_EQ(route->rows[0][0],
                Value(ValueList{Value("s"), Value("a2"), Value("m"), Value("c1"), Value("t")}))
          << fn << (cached ? ", topology copy" : ", RocksDB");
    }
  }
}

// A LIMIT without ORDER BY stops the match once it has its rows.
TEST_F(QueryApiTest, LimitStopsStreamingEarly) {
  ASSERT_TRUE(Q("UNWIND range(1, 50) AS i CREATE (:P {i: i})").ok());
  auto profile = Q("PROFILE MATCH (n:P) WITH n.i AS i WHERE i % 2 = 0 RETURN i SKIP 3 LIMIT 2");
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  ASSERT_EQ(profile->rows.size(), 3u);
  EXPECT_EQ(profile->rows[0][2], Value(10)) << "the match stops after the 5th even number";
  EXPECT_EQ(profile->rows[2][2], Value(2));
  auto rows = Q("MATCH (n:P) WITH n.i AS i WHERE i % 2 = 0 RETURN i SKIP 3 LIMIT 2");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->rows, (std::vector<std::vector<Value>>{{Value(8)}, {Value(10)}}));
  auto unwind = Q("UNWIND range(1, 10) AS i UNWIND [i, -i] AS j RETURN j LIMIT 3");
  ASSERT_TRUE(unwind.ok());
  EXPECT_EQ(unwind->rows, (std::vector<std::vector<Value>>{{Value(1)}, {Value(-1)}, {Value(2)}}));
  auto huge = Q("UNWIND range(1, 3) AS i RETURN i SKIP 1 LIMIT 9223372036854775807");
  ASSERT_TRUE(huge.ok()) << huge.status().ToString();
  EXPECT_EQ(huge->rows.size(), 2u);
  auto bad = Q("MATCH (n:P) RETURN n LIMIT -1");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("LIMIT"), std::string::npos);
}

// MATCH ... RETURN count(*) streams: the cap on intermediate rows still
// holds for the rows passed through, with its own message.
TEST_F(QueryApiTest, StreamedRowsCountAgainstTheIntermediateCap) {
  ASSERT_TRUE(Q("UNWIND range(1, 20) AS i CREATE (:P {i: i})").ok());
  QueryOptions small;
  small.max_intermediate_rows = 300;
  auto ok = Q("MATCH (a:P), (b:P) WHERE a.i < 16 RETURN count(*) AS c", small);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->rows[0][0], Value(300));
  auto over = Q("MATCH (a:P), (b:P) RETURN count(*) AS c", small);
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.status().message().find("more than 300 intermediate rows"), std::string::npos)
      << over.status().message();
}

TEST_F(QueryApiTest, RuntimeErrorsNamePosition) {
  auto r = Q("WITH 1 AS x\nRETURN x / 0");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("ArgumentError: query:2:8:"), std::string::npos)
      << r.status().message();
}

// QueryOptions::row_consumer: rows handed over as they are made.
struct Collected {
  std::vector<std::vector<Value>> rows;
  size_t stop_after = SIZE_MAX;
  std::function<Status(std::vector<Value>&)> Consumer() {
    return [this](std::vector<Value>& row) -> Status {
      rows.push_back(std::move(row));
      if (rows.size() >= stop_after) return Status::InvalidArgument("enough");
      return Status::OK();
    };
  }
};

TEST_F(QueryApiTest, ARowConsumerTakesARowsWorthOfMemoryNotTheWholeResult) {
  const char* query =
      "UNWIND range(0, 999) AS i UNWIND range(1, 100) AS j "
      "RETURN i * 100 + j AS n, 'padding padding padding' AS p";
  QueryOptions opts;
  opts.max_memory_bytes = 1 << 20;  // the whole result would need several MiB
  auto held = Q(query, opts);
  ASSERT_FALSE(held.ok());
  EXPECT_NE(held.status().message().find("MemoryLimitExceeded"), std::string::npos);
  Collected got;
  opts.row_consumer = got.Consumer();
  auto streamed = Q(query, opts);
  ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
  EXPECT_TRUE(streamed->rows.empty());
  EXPECT_EQ(streamed->columns, (std::vector<std::string>{"n", "p"}));
  ASSERT_EQ(got.rows.size(), 100000u);
  EXPECT_EQ(got.rows.front()[0], Value(1));
  EXPECT_EQ(got.rows.back()[0], Value(100000));
}

TEST_F(QueryApiTest, AConsumerErrorStopsTheStatementAtOnce) {
  ASSERT_TRUE(Q("UNWIND range(1, 50) AS i CREATE (:C {i: i})").ok());
  Collected got;
  got.stop_after = 3;
  QueryOptions opts;
  opts.row_consumer = got.Consumer();
  auto r = Q("MATCH (c:C) UNWIND range(1, 1000) AS j RETURN c.i, j", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "enough");
  EXPECT_EQ(got.rows.size(), 3u);  // not one row more was made
}

TEST_F(QueryApiTest, EveryKindOfStatementHandsItsRowsToTheConsumer) {
  struct Case {
    const char* query;
    std::vector<int64_t> first_column;
  };
  for (const Case& c : std::vector<Case>{
           {"UNWIND [3, 1, 2] AS i RETURN i ORDER BY i", {1, 2, 3}},
           {"UNWIND [3, 1, 2] AS i RETURN count(*) AS n", {3}},
           {"UNWIND [1, 1, 2] AS i RETURN DISTINCT i", {1, 2}},
           {"UNWIND [5, 6, 7] AS i RETURN i SKIP 1 LIMIT 1", {6}},
           {"RETURN 1 AS x UNION RETURN 2 AS x UNION RETURN 1 AS x", {1, 2}},
           {"UNWIND [1, 2] AS i WITH i ORDER BY i DESC RETURN i", {2, 1}},
           {"CREATE (n:C {i: 9}) RETURN n.i", {9}},
       }) {
    Collected got;
    QueryOptions opts;
    opts.row_consumer = got.Consumer();
    auto r = Q(c.query, opts);
    ASSERT_TRUE(r.ok()) << c.query << ": " << r.status().ToString();
    EXPECT_TRUE(r->rows.empty()) << c.query;
    std::vector<int64_t> first;
    for (const auto& row : got.rows) first.push_back(row[0].as_int());
    EXPECT_EQ(first, c.first_column) << c.query;
  }
  // The write was committed before its row went out.
  EXPECT_EQ(Q("MATCH (n:C {i: 9}) RETURN count(n)")->rows[0][0], Value(1));
  // EXPLAIN's plan rows too.
  Collected plan;
  QueryOptions opts;
  opts.row_consumer = plan.Consumer();
  ASSERT_TRUE(Q("EXPLAIN MATCH (n) RETURN n", opts).ok());
  EXPECT_FALSE(plan.rows.empty());
}

TEST_F(QueryApiTest, MaxRowsCountsTheRowsHandedOver) {
  Collected got;
  QueryOptions opts;
  opts.max_rows = 5;
  opts.row_consumer = got.Consumer();
  auto r = Q("UNWIND range(1, 100) AS i RETURN i", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("more than 5 result rows"), std::string::npos);
  EXPECT_EQ(got.rows.size(), 5u);
}

TEST_F(QueryApiTest, TheInterruptFlagStopsAStatementLikeCancel) {
  std::atomic<bool> interrupt{true};
  QueryOptions opts;
  opts.interrupt = &interrupt;
  auto r = Q("UNWIND range(1, 1000000) AS i RETURN count(*)", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Cancelled"), std::string::npos) << r.status().ToString();
}

}  // namespace
}  // namespace kg::query
