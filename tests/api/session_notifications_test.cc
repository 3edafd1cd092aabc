// Notifications through the session layer (api/session.h): unknown names
// with positions and "did you mean", computed per execution against the
// database (not cached with the plan), strict as errors with class and
// position, kg.lookup misses, and the property-key dictionary kept by
// writes.
#include "storage/store.h"  // the write transaction BeginWrite hands out
#include "tests/api/session_test_util.h"

namespace kg::session {
namespace {

class NotificationTest : public testing::SessionDbTest {
 protected:
  NotificationTest()
      : SessionDbTest(
            "CREATE (n:Company {name: 'NVIDIA', founded: date('1993-04-05')})"
            "-[:COMPETES_WITH {since: 2019}]->(:Company {name: 'Huawei'})") {}
};

TEST_F(NotificationTest, UnknownLabelHasPositionAndSuggestion) {
  auto r = db_->Run("MATCH (c:Compnay) RETURN c", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->table.rows.empty());
  ASSERT_EQ(r->notifications.size(), 1u);
  const Notification& n = r->notifications[0];
  EXPECT_EQ(n.code, "UnknownLabelWarning");
  EXPECT_EQ(n.title, "The provided label is not in the database.");
  EXPECT_NE(n.description.find("did you mean 'Company'?"), std::string::npos) << n.description;
  EXPECT_EQ(n.position.file, "query");
  EXPECT_EQ(n.position.line, 1);
  EXPECT_EQ(n.position.column, 10);
  EXPECT_EQ(NotificationLine(n),
            "UnknownLabelWarning at query:1:10: the label 'Compnay' is not in the database; did "
            "you mean 'Company'?");
  EXPECT_NE(NotificationsJson(r->notifications)
                .find("\"position\":{\"source\":\"query\",\"line\":1,"
                      "\"column\":10}"),
            std::string::npos);
}

TEST_F(NotificationTest, KnownNamesGiveNone) {
  auto r = db_->Run(
      "MATCH (c:Company)-[k:COMPETES_WITH]->(d) WHERE c.founded < date('2000-01-01') "
      "RETURN c.name, k.since",
      {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->table.rows.size(), 1u);
  EXPECT_TRUE(r->notifications.empty());
}

// The plan is cached by text; whether a name is known is asked per run.
TEST_F(NotificationTest, ComputedPerExecutionNotCachedWithThePlan) {
  const char* text = "MATCH (r:Person) RETURN count(r) AS n";
  auto first = db_->Run(text, {});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->notifications.size(), 1u);
  ASSERT_TRUE(db_->Run("CREATE (:Person {name: 'Lisa Su'})", {}).ok());
  auto second = db_->Run(text, {});
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->notifications.empty());
  EXPECT_EQ(second->table.rows[0][0].as_int(), 1);
  // A deleted label stays known (as Neo4j's tokens).
  ASSERT_TRUE(db_->Run("MATCH (r:Person) DELETE r", {}).ok());
  auto third = db_->Run(text, {});
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->notifications.empty());
}

TEST_F(NotificationTest, StrictIsAnErrorWithClassAndPosition) {
  CallOptions options;
  options.strict = true;
  options.source_name = "q.cypher";
  auto r = db_->Run("MATCH (c:Company)\nRETURN c.nmae", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_class(), "UnknownPropertyKeyWarning");
  EXPECT_EQ(r.status().position().file, "q.cypher");
  EXPECT_EQ(r.status().position().line, 2);
  EXPECT_EQ(r.status().position().column, 10);
  EXPECT_NE(r.status().message().find("q.cypher:2:10"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("did you mean 'name'?"), std::string::npos);
  // Through a cursor too; and a clean statement passes under strict.
  EXPECT_FALSE(db_->Stream("MATCH (c:Compnay) RETURN c", options).ok());
  EXPECT_TRUE(db_->Run("MATCH (c:Company) RETURN c.name", options).ok());
}

TEST_F(NotificationTest, StrictWriteWritesNothing) {
  CallOptions options;
  options.strict = true;
  auto r = db_->Run("MATCH (c:Company) WHERE c.nmae = 'x' CREATE (:Ghost)", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_class(), "UnknownPropertyKeyWarning");
  auto ghosts = db_->Run("MATCH (g:Ghost) RETURN count(g)", {});
  ASSERT_TRUE(ghosts.ok());
  EXPECT_EQ(ghosts->table.rows[0][0].as_int(), 0);
  EXPECT_EQ(ghosts->notifications.size(), 1u);  // never written, still unknown
}

TEST_F(NotificationTest, CursorAndExplicitTransactionCarryThem) {
  auto cursor = db_->Stream("MATCH ()-[r:COMPETE_WITH]->() RETURN r", {});
  ASSERT_TRUE(cursor.ok());
  ASSERT_EQ((*cursor)->notifications().size(), 1u);
  EXPECT_EQ((*cursor)->notifications()[0].code, "UnknownRelationshipTypeWarning");
  auto txn = db_->Begin();
  ASSERT_TRUE(db_->RunIn(*txn, "CREATE (:Person {name: 'Lisa Su', size: 1})", {}).ok());
  auto in = db_->RunIn(*txn, "MATCH (w:Person) RETURN w.size, w.colour", {});
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  ASSERT_EQ(in->notifications.size(), 1u);  // Person and size are the transaction's own
  EXPECT_EQ(in->notifications[0].code, "UnknownPropertyKeyWarning");
  db_->Rollback(*txn);
}

TEST_F(NotificationTest, IncomparableComparisonWarnsOnce) {
  auto r = db_->Run("MATCH (c:Company) WHERE c.founded > '1990' OR c.name = 7 RETURN c", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->table.rows.empty());
  ASSERT_EQ(r->notifications.size(), 2u);  // one per comparison, not per row
  EXPECT_EQ(r->notifications[0].code, "IncomparableTypesWarning");
  EXPECT_EQ(r->notifications[0].position.column, 35);
  EXPECT_NE(r->notifications[0].description.find("DATE with STRING"), std::string::npos);
  EXPECT_NE(r->notifications[1].description.find("STRING with INTEGER"), std::string::npos);
}

TEST_F(NotificationTest, LookupMissSuggestsNames) {
  auto r = db_->Run("CALL kg.lookup('Nvidea') YIELD node RETURN node", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->table.rows.empty());
  ASSERT_EQ(r->notifications.size(), 1u);
  EXPECT_EQ(r->notifications[0].code, "UnknownEntityWarning");
  EXPECT_NE(r->notifications[0].description.find("did you mean 'NVIDIA'?"), std::string::npos);
  EXPECT_EQ(r->notifications[0].position.column, 16);
  auto found = db_->Run("CALL kg.lookup('nvidia') YIELD node RETURN node", {});
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->notifications.empty());
}

// Property keys written by the library's write transaction are known, and
// the dictionary survives reopening (read-only too).
TEST_F(NotificationTest, PropertyKeysFromEveryWritePathSurviveReopen) {
  {
    auto txn = db_->BeginWrite();
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE((*txn)->CreateEntity({"Company"}, {{"name", "Arm"}, {"ticker", "ARM"}}).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  db_.reset();
  OpenOptions ro;
  ro.read_only = true;
  auto db = Session::Open(dir_ + "/db", ro);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto r = (*db)->Run("MATCH (c:Company) RETURN c.ticker, c.founded, c.tickr", {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->notifications.size(), 1u);
  EXPECT_NE(r->notifications[0].description.find("'tickr'"), std::string::npos);
  EXPECT_NE(r->notifications[0].description.find("did you mean 'ticker'?"), std::string::npos);
  auto check = (*db)->Check();
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->empty());
}

}  // namespace
}  // namespace kg::session
