// CALL kg.* procedures through the query engine: YIELD columns, ordering,
// config maps and argument errors.
#include "analytics/procedures.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "query/query.h"

namespace kg::analytics {
namespace {

namespace fs = std::filesystem;

class ProceduresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_procedures_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    const std::string path = (dir_ / "db").string();
    ASSERT_TRUE(storage::Store::Create(path, schema::Ontology::Builtin()).ok());
    auto store = storage::Store::Open(path, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    registry_ = query::ProcedureRegistry::WithBuiltins();
    ASSERT_TRUE(RegisterProcedures(store_->ontology(), &registry_).ok());
    // A triangle of rivals {A, B, C}, a pair {D, E} and D -> B supply.
    Ok("CREATE (a:Company {name:'A'}), (b:Company {name:'B'}), (c:Company {name:'C'}), "
       "(d:Company {name:'D'}), (e:Company {name:'E'}), (p:Person {name:'P'}), "
       "(a)-[:COMPETES_WITH]->(b), (b)-[:COMPETES_WITH]->(c), (c)-[:COMPETES_WITH]->(a), "
       "(d)-[:PARTNERS_WITH]->(e), (d)-[:SUPPLIES]->(b), (p)-[:LEADS]->(a)");
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  Result<ResultTable> Run(const std::string& text) {
    query::QueryOptions options;
    options.procedures = &registry_;
    return query::Run(*store_, text, options);
  }
  ResultTable Ok(const std::string& text) {
    Result<ResultTable> table = Run(text);
    EXPECT_TRUE(table.ok()) << text << "\n" << table.status().ToString();
    return table.ok() ? *table : ResultTable{};
  }

  fs::path dir_;
  std::unique_ptr<storage::Store> store_;
  query::ProcedureRegistry registry_;
};

TEST_F(ProceduresTest, PageRankYieldsNodeAndScore) {
  ResultTable t =
      Ok("CALL kg.pagerank() YIELD node, score "
         "RETURN node.name AS name, score ORDER BY score DESC LIMIT 10");
  EXPECT_EQ(t.columns, (std::vector<std::string>{"name", "score"}));
  ASSERT_EQ(t.rows.size(), 6u);
  double sum = 0;
  for (const auto& row : t.rows) sum += row[1].as_double();
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(t.rows.back()[0], Value("P"));  // nobody points at the person
}

// kg.procedures() lists the registry the statement runs with: the analytics
// procedures registered beside the built-ins, with their signatures.
TEST_F(ProceduresTest, ProceduresListingShowsRegisteredSignatures) {
  ResultTable t =
      Ok("CALL kg.procedures() YIELD name, signature, mode "
         "WHERE name IN ['kg.pagerank', 'kg.lookup'] RETURN name, signature, mode ORDER BY name");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], Value("kg.lookup"));
  EXPECT_EQ(t.rows[1][1], Value("kg.pagerank([config :: MAP]) :: (node, score)"));
  EXPECT_EQ(t.rows[1][2], Value("READ"));
}

TEST_F(ProceduresTest, ComponentsAndCommunitiesYieldGroups) {
  ResultTable t =
      Ok("CALL kg.components() YIELD node, component "
         "RETURN component, count(*) AS n ORDER BY component");
  ASSERT_EQ(t.rows.size(), 1u);  // everything hangs together through D -> B and P -> A
  EXPECT_EQ(t.rows[0][1], Value(int64_t{6}));
  t =
      Ok("CALL kg.scc() YIELD node, component WITH node, component WHERE node.name = 'A' "
         "RETURN component");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], Value(int64_t{0}));  // the rival triangle is the largest SCC
  t =
      Ok("CALL kg.communities({labels: ['Company']}) YIELD node, community "
         "RETURN node.name AS name, community ORDER BY name");
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[0][1], t.rows[1][1]);  // A, B
  EXPECT_EQ(t.rows[1][1], t.rows[2][1]);  // B, C
  EXPECT_EQ(t.rows[3][1], t.rows[4][1]);  // D, E
  EXPECT_NE(t.rows[0][1], t.rows[3][1]);
}

TEST_F(ProceduresTest, ConfigFiltersTypesAndDegreeDirection) {
  ResultTable t =
      Ok("CALL kg.degree({types: ['SUPPLIES'], direction: 'out'}) YIELD node, score "
         "RETURN node.name, score LIMIT 1");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], Value("D"));
  EXPECT_EQ(t.rows[0][1], Value(int64_t{1}));
  t =
      Ok("CALL kg.betweenness({normalized: false}) YIELD node, score "
         "RETURN node.name, score LIMIT 1");
  ASSERT_EQ(t.rows.size(), 1u);
}

TEST_F(ProceduresTest, BadConfigIsAnArgumentError) {
  for (const char* text : {"CALL kg.pagerank({damping: 'high'}) YIELD node RETURN node",
                           "CALL kg.pagerank({dampnig: 0.5}) YIELD node RETURN node",
                           "CALL kg.pagerank({damping: 1.5}) YIELD node RETURN node",
                           "CALL kg.degree({direction: 'up'}) YIELD node RETURN node",
                           "CALL kg.pagerank({asOf: 'yesterday'}) YIELD node RETURN node",
                           "CALL kg.pagerank(3) YIELD node RETURN node",
                           "CALL kg.pagerank({iterations: 1e10}) YIELD node RETURN node",
                           "CALL kg.pagerank({iterations: 2.7}) YIELD node RETURN node",
                           "CALL kg.pagerank({iterations: 0}) YIELD node RETURN node",
                           "CALL kg.communities({seed: -1}) YIELD node RETURN node",
                           "CALL kg.communities({seed: 1e30}) YIELD node RETURN node",
                           "CALL kg.degree({types: ['RESPECT']}) YIELD node RETURN node",
                           "CALL kg.degree({labels: ['Compnay']}) YIELD node RETURN node"}) {
    Result<ResultTable> t = Run(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find("ArgumentError"), std::string::npos)
        << text << ": " << t.status().ToString();
    // The procedure is named once (by the query layer), not again after the class.
    EXPECT_EQ(t.status().message().find("ArgumentError: kg."), std::string::npos)
        << t.status().ToString();
  }
}

TEST_F(ProceduresTest, ConfigNumbersMustBeWholeAndInRange) {
  Result<ResultTable> t = Run("CALL kg.pagerank({iterations: 1e10}) YIELD node RETURN node");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("iterations must be an integer in [1, 2147483647], got "
                                      "10000000000"),
            std::string::npos)
      << t.status().ToString();
  // Whole doubles are fine; iterations 1 from a uniform start stays sum 1.
  ResultTable ok = Ok("CALL kg.pagerank({iterations: 3.0}) YIELD score RETURN sum(score) AS s");
  ASSERT_EQ(ok.rows.size(), 1u);
  EXPECT_NEAR(ok.rows[0][0].as_number(), 1.0, 1e-12);
  Ok("CALL kg.communities({seed: 7}) YIELD node RETURN node");
}

TEST_F(ProceduresTest, UnknownTypeMessageListsKnownTypes) {
  Result<ResultTable> t = Run("CALL kg.degree({types: ['RESPECT']}) YIELD node RETURN node");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("unknown relation type 'RESPECT'; known: "),
            std::string::npos)
      << t.status().ToString();
  EXPECT_NE(t.status().message().find("RESPECTS"), std::string::npos);
}

TEST_F(ProceduresTest, TypeListedTwiceCountsOnce) {
  ResultTable t =
      Ok("CALL kg.degree({types: ['COMPETES_WITH', 'COMPETES_WITH']}) YIELD node, score "
         "RETURN node.name, score ORDER BY node.name LIMIT 1");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], Value("A"));
  EXPECT_EQ(t.rows[0][1], Value(int64_t{2}));  // A competes with B and C
}

TEST_F(ProceduresTest, BetweennessOfTheBridge) {
  // B links the triangle to D (via SUPPLIES) and so to E: B is the top broker.
  ResultTable t =
      Ok("CALL kg.betweenness({normalized: false}) YIELD node, score "
         "RETURN node.name, score LIMIT 2");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], Value("B"));
  // Pairs through B: {A, C, P} x {D, E} = 6; through A (P x {B, C, D, E})
  // or D (E x {A, B, C, P}): 4.
  EXPECT_DOUBLE_EQ(t.rows[0][1].as_number(), 6.0);
  EXPECT_DOUBLE_EQ(t.rows[1][1].as_number(), 4.0);
}

// asOf comes from the config map, else from the statement's as-of date.
class AsOfProceduresTest : public ProceduresTest {
 protected:
  void SetUp() override {
    ProceduresTest::SetUp();
    Ok("MATCH (a {name:'A'}), (e {name:'E'}) "
       "CREATE (e)-[:SUPPLIES {valid_from: date('2025-01-01'), valid_to: "
       "date('2025-06-30')}]->(a)");
  }
  // Degree of E with `config` (a map literal) and, through ProcedureDef::Call,
  // the statement as-of date `as_of`.
  int64_t DegreeOfE(const std::string& config, std::optional<Date> as_of) {
    const query::ProcedureDef* def = registry_.Find("kg.degree");
    EXPECT_NE(def, nullptr);
    ResultTable cfg = Ok("RETURN " + config + " AS c");
    auto txn = store_->BeginRead();
    RelationFilter relations;
    relations.valid_at = as_of;
    Result<ResultTable> t = def->Call(*txn, {cfg.rows[0][0]}, query::ProcedureContext{relations});
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (!t.ok()) return -1;
    for (const auto& row : t->rows)
      if (row[0].as_node().name() == "E") return row[1].as_int();
    return -1;
  }
};

TEST_F(AsOfProceduresTest, ConfigAsOfFiltersRelations) {
  ResultTable t =
      Ok("CALL kg.degree({asOf: '2025-03-01'}) YIELD node, score "
         "WITH node, score WHERE node.name = 'E' RETURN score");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], Value(int64_t{2}));  // PARTNERS_WITH + SUPPLIES
  t =
      Ok("CALL kg.degree({asOf: date('2025-08-01')}) YIELD node, score "
         "WITH node, score WHERE node.name = 'E' RETURN score");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], Value(int64_t{1}));  // the supply ended
}

TEST_F(AsOfProceduresTest, StatementAsOfAppliesUnlessConfigGivesOne) {
  const Date spring = Date::Parse("2025-03-01").value(), summer = Date::Parse("2025-08-01").value();
  EXPECT_EQ(DegreeOfE("{}", std::nullopt), 2);
  EXPECT_EQ(DegreeOfE("{}", spring), 2);
  EXPECT_EQ(DegreeOfE("{}", summer), 1);
  EXPECT_EQ(DegreeOfE("{asOf: '2025-03-01'}", summer), 2);  // config wins
  // `fn` (no statement context) sees every date.
  const query::ProcedureDef* def = registry_.Find("kg.degree");
  auto txn = store_->BeginRead();
  Result<ResultTable> t = def->fn(*txn, {});
  ASSERT_TRUE(t.ok());
}

TEST_F(ProceduresTest, RegisteringTwiceIsRefused) {
  EXPECT_EQ(RegisterProcedures(store_->ontology(), &registry_).code(), StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace kg::analytics
