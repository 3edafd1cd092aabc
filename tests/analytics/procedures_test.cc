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
                           "CALL kg.pagerank(3) YIELD node RETURN node"}) {
    Result<ResultTable> t = Run(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find("ArgumentError"), std::string::npos)
        << text << ": " << t.status().ToString();
  }
}

TEST_F(ProceduresTest, RegisteringTwiceIsRefused) {
  EXPECT_EQ(RegisterProcedures(store_->ontology(), &registry_).code(), StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace kg::analytics
