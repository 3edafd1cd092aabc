// The public C++ API (include/kg/): open/create, typed rows, parameters,
// write transactions, read-only refusal, errors with positions, diagrams.
#include <filesystem>

#include "gtest/gtest.h"
#include "kg/kg.h"

namespace kg {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kg_api_test_XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A database with NVIDIA -COMPETES_WITH- Huawei and Jensen Huang -LEADS-> NVIDIA.
  std::unique_ptr<Database> Seeded() {
    DatabaseOptions options;
    options.create_if_missing = true;
    auto db = Database::Open(path_, options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    auto txn = (*db)->BeginWrite();
    EXPECT_TRUE(txn.ok());
    auto nvidia = (*txn)->CreateEntity({"Company"}, {{"name", "NVIDIA"}});
    auto huawei = (*txn)->CreateEntity({"Company"}, {{"name", "Huawei"}});
    auto jensen = (*txn)->CreateEntity({"Person"}, {{"name", "Jensen Huang"}});
    EXPECT_TRUE(nvidia.ok() && huawei.ok() && jensen.ok());
    EXPECT_TRUE((*txn)->CreateRelation("COMPETES_WITH", *nvidia, *huawei, {}).ok());
    EXPECT_TRUE((*txn)->CreateRelation("LEADS", *jensen, *nvidia, {{"source", "a1"}}).ok());
    EXPECT_TRUE((*txn)->Commit().ok());
    return std::move(db).value();
  }

  std::string dir_;
  std::string path_;
};

TEST_F(DatabaseTest, OpenMissingIsNotFoundUnlessCreated) {
  auto db = Database::Open(path_, {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kNotFound);
}

TEST_F(DatabaseTest, TypedRowsWithParameters) {
  auto db = Seeded();
  auto result = db->Query("MATCH (p:Person)-[r:LEADS]->(c {name: $name}) RETURN p, r, c.name AS n",
                          {{"name", "NVIDIA"}});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->columns(), (std::vector<std::string>{"p", "r", "n"}));
  EXPECT_EQ(result->ColumnIndex("n"), 2);
  EXPECT_EQ(result->ColumnIndex("zz"), -1);
  ASSERT_EQ(result->size(), 1u);
  int rows = 0;
  for (Row row : *result) {
    ++rows;
    ASSERT_TRUE(row[0].is_node());
    EXPECT_EQ(row[0].as_node().name(), "Jensen Huang");
    ASSERT_TRUE(row[1].is_relationship());
    EXPECT_EQ(row[1].as_relationship().type, "LEADS");
    EXPECT_EQ(row[1].as_relationship().StringProperty("source"), "a1");
    EXPECT_EQ(row[2].as_string(), "NVIDIA");
  }
  EXPECT_EQ(rows, 1);
  auto json = ParseJson(result->ToJson());
  ASSERT_TRUE(json.ok()) << result->ToJson();
  const Value& rel = json->as_map().at("rows").as_list()[0].as_list()[1];
  EXPECT_EQ(rel.as_map().at("_type"), Value("LEADS")) << result->ToJson();
}

TEST_F(DatabaseTest, PathValues) {
  auto db = Seeded();
  auto result =
      db->Query("MATCH p = (a {name: 'Jensen Huang'})-[:LEADS]->()-[:COMPETES_WITH]-(b) RETURN p");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->size(), 1u);
  const Path& path = result->row(0)[0].as_path();
  ASSERT_EQ(path.nodes.size(), 3u);
  EXPECT_EQ(path.nodes[2].name(), "Huawei");
}

TEST_F(DatabaseTest, SyntaxErrorNamesThePosition) {
  auto db = Seeded();
  auto result = db->Query("MATCH (n\nRETURN n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kSyntaxError);
  EXPECT_NE(result.status().message().find("query:2:"), std::string::npos)
      << result.status().message();
}

TEST_F(DatabaseTest, UncommittedTransactionWritesNothing) {
  auto db = Seeded();
  {
    auto txn = db->BeginWrite();
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE((*txn)->CreateEntity({"Company"}, {{"name", "Ghost"}}).ok());
    auto found = (*txn)->FindByName("ghost");
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->size(), 1u);  // sees its own write
  }
  auto result = db->Query("MATCH (c {name: 'Ghost'}) RETURN c");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->size(), 0u);
}

TEST_F(DatabaseTest, SchemaViolationRefusedAndCommitEndsTransaction) {
  auto db = Seeded();
  auto txn = db->BeginWrite();
  ASSERT_TRUE(txn.ok());
  auto bad = (*txn)->CreateEntity({"Compnay"}, {{"name", "Typo"}});
  EXPECT_EQ(bad.status().code(), StatusCode::kSchemaViolation);
  ASSERT_TRUE((*txn)->Commit().ok());
  EXPECT_EQ((*txn)->Commit().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE((*txn)->CreateEntity({"Company"}, {{"name", "Late"}}).ok());
}

TEST_F(DatabaseTest, ReadOnlyRefusesWrites) {
  Seeded().reset();
  DatabaseOptions options;
  options.read_only = true;
  auto db = Database::Open(path_, options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_TRUE((*db)->read_only());
  EXPECT_FALSE((*db)->BeginWrite().ok());
  EXPECT_FALSE((*db)->Query("CREATE (:Company {name: 'No'})").ok());
  auto stats = (*db)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entities, 3u);
  EXPECT_EQ(stats->relations, 2u);
}

TEST_F(DatabaseTest, WriteQueryAndCheck) {
  auto db = Seeded();
  ASSERT_TRUE(db->Query("CREATE (:Company {name: $n})", {{"n", "Xiaomi"}}).ok());
  auto count = db->Query("MATCH (c:Company) RETURN count(c)");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->row(0)[0].as_int(), 3);
  auto problems = db->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
}

TEST_F(DatabaseTest, ResultsAndCursorsSayWhatTheStatementChanged) {
  auto db = Seeded();
  auto created = db->Query("CREATE (:Company {name: $n, ticker: 'XI'})", {{"n", "Xiaomi"}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->counters().nodes_created, 1u);
  EXPECT_EQ(created->counters().properties_set, 2u);
  EXPECT_EQ(created->counters().labels_added, 1u);
  auto cursor = db->Stream("MATCH (c:Company {name: 'Huawei'}) DETACH DELETE c");
  ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
  EXPECT_EQ((*cursor)->counters().nodes_deleted, 1u);
  EXPECT_EQ((*cursor)->counters().relationships_deleted, 1u);
  auto read = db->Query("MATCH (c:Company) RETURN c");
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->counters().contains_updates());
}

TEST_F(DatabaseTest, CursorStreamsRowsInOrder) {
  auto db = Seeded();
  auto cursor = db->Stream("MATCH (c:Company) RETURN c.name AS name ORDER BY name");
  ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
  EXPECT_EQ((*cursor)->columns(), std::vector<std::string>{"name"});
  EXPECT_TRUE((*cursor)->notifications().empty());
  std::vector<std::string> names;
  while ((*cursor)->Next()) names.push_back((*cursor)->row()[0].as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"Huawei", "NVIDIA"}));
  // At the end it stays at the end.
  EXPECT_FALSE((*cursor)->Next());
}

TEST_F(DatabaseTest, CursorOfAnEmptyResultHasColumnsAndNoRows) {
  auto db = Seeded();
  auto cursor = db->Stream("MATCH (c:Company {name: 'Nobody'}) RETURN c");
  ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
  EXPECT_EQ((*cursor)->columns().size(), 1u);
  EXPECT_FALSE((*cursor)->Next());
}

TEST_F(DatabaseTest, StreamErrorsCarryClassAndPositionFields) {
  auto db = Seeded();
  auto bad = db->Stream("MATCH (n)\nRETURN m");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kSyntaxError);
  EXPECT_EQ(bad.status().error_class(), "SyntaxError");  // the TCK class of UndefinedVariable
  EXPECT_EQ(bad.status().position().line, 2);
  EXPECT_EQ(bad.status().position().column, 8);
  QueryLimits limits;
  limits.max_rows = 2;
  auto many = db->Stream("UNWIND range(1, 3) AS i RETURN i", {}, limits);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().error_class(), "LimitExceeded");
}

TEST_F(DatabaseTest, StreamedWriteLandsWholeAndReadOnlyRefusesIt) {
  auto db = Seeded();
  auto created = db->Stream("UNWIND ['A', 'B'] AS n CREATE (c:Company {name: n}) RETURN c.name");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  int rows = 0;
  while ((*created)->Next()) ++rows;
  EXPECT_EQ(rows, 2);
  auto count = db->Query("MATCH (c:Company) RETURN count(c)");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->row(0)[0].as_int(), 4);
}

TEST_F(DatabaseTest, ValidAtFollowsOnlyValidRelationships) {
  auto db = Seeded();
  ASSERT_TRUE(db->Query("MATCH (a {name: 'NVIDIA'})-[r:COMPETES_WITH]-(b) "
                        "SET r.valid_to = date('2020-01-01')")
                  .ok());
  QueryLimits limits;
  limits.valid_at = *Date::Parse("2025-07-01");
  auto later = db->Query("MATCH ({name: 'NVIDIA'})-[:COMPETES_WITH]-(b) RETURN b", {}, limits);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(later->size(), 0u);
  limits.valid_at = *Date::Parse("2019-07-01");
  auto earlier = db->Query("MATCH ({name: 'NVIDIA'})-[:COMPETES_WITH]-(b) RETURN b", {}, limits);
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->size(), 1u);
}

// A statement's later clauses see the clocks its earlier clauses wrote:
// the expansion decides each relation on what the transaction holds, not on
// the snapshot's copy.
TEST_F(DatabaseTest, ValidAtSeesTheClocksWrittenEarlierInTheStatement) {
  auto db = Seeded();
  QueryLimits limits;
  limits.valid_at = *Date::Parse("2025-07-01");
  auto before = db->Query("MATCH ({name: 'NVIDIA'})-[:COMPETES_WITH]-(b) RETURN b", {}, limits);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->size(), 1u);
  auto t = db->Query(
      "MATCH (a {name: 'NVIDIA'})-[r:COMPETES_WITH]-(b) SET r.valid_to = date('2020-01-01') "
      "WITH DISTINCT a MATCH (a)-[:COMPETES_WITH]-(c) RETURN count(c) AS n",
      {}, limits);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ(t->row(0)[0].as_int(), 0);
}

TEST_F(DatabaseTest, KnownAtAsOfAndMinConfidenceChooseTheRelations) {
  auto db = Seeded();
  ASSERT_TRUE(db->Query("MATCH (a {name: 'NVIDIA'})-[r:COMPETES_WITH]-(b) "
                        "SET r.date = date('2025-07-16'), r.confidence = 0.6")
                  .ok());
  const char* rivals = "MATCH ({name: 'NVIDIA'})-[:COMPETES_WITH]-(b) RETURN b";
  auto count = [&](const QueryLimits& limits) -> int64_t {
    auto r = db->Query(rivals, {}, limits);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? static_cast<int64_t>(r->size()) : -1;
  };
  QueryLimits limits;
  EXPECT_EQ(count(limits), 1);
  limits.known_at = *Date::Parse("2025-07-15");
  EXPECT_EQ(count(limits), 0) << "said a day later";
  limits.known_at.reset();
  limits.as_of = *Date::Parse("2025-07-16");
  EXPECT_EQ(count(limits), 1);
  limits.as_of.reset();
  limits.min_confidence = 0.7;
  EXPECT_EQ(count(limits), 0);
  limits.min_confidence = 1.5;
  auto bad = db->Query(rivals, {}, limits);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

// Dates with precision through the library: stored and returned with their
// precision, and a month as the valid-at date keeps what held on some day of it.
TEST_F(DatabaseTest, DatesKeepTheirPrecision) {
  auto db = Seeded();
  auto set = db->Query("MATCH (a {name: 'NVIDIA'})-[r:COMPETES_WITH]-(b) SET r.valid_from = $from",
                       {{"from", Value(*Date::ParseWithPrecision("2025-04"))}});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  auto read = db->Query("MATCH ()-[r:COMPETES_WITH]->() RETURN r.valid_from AS f");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  Date from = read->row(0)[0].as_date();
  EXPECT_EQ(from.precision(), DatePrecision::kMonth);
  EXPECT_EQ(from.ToString(), "2025-04");
  EXPECT_EQ(from.last_day(), *Date::Parse("2025-04-30"));
  const char* rivals = "MATCH ({name: 'NVIDIA'})-[:COMPETES_WITH]-(b) RETURN b";
  QueryLimits limits;
  limits.valid_at = *Date::Parse("2025-04-10");  // some day of April: may have held
  EXPECT_EQ(db->Query(rivals, {}, limits)->size(), 1u);
  limits.valid_at = *Date::ParseWithPrecision("2025-03");
  EXPECT_EQ(db->Query(rivals, {}, limits)->size(), 0u);
  limits.valid_at = *Date::ParseWithPrecision("2025");
  EXPECT_EQ(db->Query(rivals, {}, limits)->size(), 1u);
}

TEST_F(DatabaseTest, RenderRefusesAWriteAndWritesNothing) {
  auto db = Seeded();
  auto drawn = db->Render("CREATE (c:Company {name: 'Drawn'}) RETURN c", {}, DiagramFormat::kDot);
  ASSERT_FALSE(drawn.ok());
  EXPECT_EQ(drawn.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(drawn.status().message().find("read-only"), std::string::npos);
  auto count = db->Query("MATCH (c:Company {name: 'Drawn'}) RETURN count(c)");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->row(0)[0].as_int(), 0);
}

TEST_F(DatabaseTest, RenderDiagram) {
  auto db = Seeded();
  auto dot = db->Render("MATCH (a)-[r:LEADS]->(b) RETURN r", {}, DiagramFormat::kDot);
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  // The endpoints were not returned but are drawn by name.
  EXPECT_NE(dot->find("Jensen Huang"), std::string::npos);
  EXPECT_NE(dot->find("NVIDIA"), std::string::npos);
  auto empty = db->Render("RETURN 1", {}, DiagramFormat::kSvg);
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kg

namespace kg {
namespace {

// Notifications reach the library's result and cursor; the strict limit
// turns them into errors with class and position.
TEST_F(DatabaseTest, NotificationsAndStrict) {
  auto db = Seeded();
  auto result = db->Query("MATCH (c:Compnay) RETURN c");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->size(), 0u);
  ASSERT_EQ(result->notifications().size(), 1u);
  EXPECT_EQ(result->notifications()[0].code, "UnknownLabelWarning");
  EXPECT_EQ(result->notifications()[0].position.column, 10);
  EXPECT_NE(result->notifications()[0].description.find("did you mean 'Company'?"),
            std::string::npos);
  // Keys written through a WriteTransaction are known ("source").
  auto known = db->Query("MATCH ()-[r:LEADS]->() RETURN r.source");
  ASSERT_TRUE(known.ok());
  EXPECT_TRUE(known->notifications().empty());
  QueryLimits strict;
  strict.strict = true;
  auto refused = db->Query("MATCH ()-[r:LEADS]->() RETURN r.sourc", {}, strict);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_class(), "UnknownPropertyKeyWarning");
  EXPECT_EQ(refused.status().position().line, 1);
  EXPECT_EQ(refused.status().position().column, 33);
}

}  // namespace
}  // namespace kg
