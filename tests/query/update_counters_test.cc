// The update counters of a statement (QueryOptions::counters), counted as
// Neo4j counts them: what each write clause adds, and nothing for reads or
// for a statement that fails.
#include "core/update_counters.h"

#include <gtest/gtest.h>

#include <string>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/query/store_fixture.h"

namespace kg::query {
namespace {

class UpdateCountersTest : public OpenStoreTest {
 protected:
  // The counters of `text`, which must succeed.
  UpdateCounters Counted(std::string_view text) {
    UpdateCounters counters;
    counters.properties_set = 999;  // overwritten on success
    QueryOptions options;
    options.counters = &counters;
    auto r = query::Run(*store_, text, options);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    return counters;
  }
};

TEST_F(UpdateCountersTest, CreateCountsNodesLabelsPropertiesAndRelationships) {
  UpdateCounters c = Counted("CREATE (a:A:B {x: 1, y: 'two', z: null})-[:R {w: 3}]->(b:A)");
  EXPECT_EQ(c.nodes_created, 2u);
  EXPECT_EQ(c.labels_added, 3u);
  EXPECT_EQ(c.relationships_created, 1u);
  EXPECT_EQ(c.properties_set, 3u);  // x, y, w: a null property is not set
  EXPECT_EQ(c.nodes_deleted + c.relationships_deleted + c.labels_removed, 0u);
  EXPECT_TRUE(c.contains_updates());
}

TEST_F(UpdateCountersTest, ReadsCountNothing) {
  Counted("CREATE (:A {x: 1})");
  UpdateCounters c = Counted("MATCH (n:A) RETURN n.x");
  EXPECT_EQ(c, UpdateCounters{});
  EXPECT_FALSE(c.contains_updates());
}

TEST_F(UpdateCountersTest, SetAndRemoveCountWhatChanges) {
  Counted("CREATE (:A {x: 1, y: 2}), (:A {x: 5})");
  UpdateCounters c = Counted("MATCH (n:A) SET n.x = 7");
  EXPECT_EQ(c.properties_set, 2u);  // once per node, also to a value it had
  c = Counted("MATCH (n:A) REMOVE n.y");
  EXPECT_EQ(c.properties_set, 1u);  // only the node that had y
  c = Counted("MATCH (n:A) SET n.gone = null");
  EXPECT_EQ(c.properties_set, 0u);  // nothing to remove
  c = Counted("MATCH (n:A) SET n += {a: 1, x: null}");
  EXPECT_EQ(c.properties_set, 4u);  // a set twice, x removed twice
  c = Counted("MATCH (n:A) SET n = {b: 2}");
  EXPECT_EQ(c.properties_set, 4u);  // a removed twice, b set twice
  c = Counted("MATCH (n:A) SET n:B:A REMOVE n:C");
  EXPECT_EQ(c.labels_added, 2u);  // B on each node; A was there
  EXPECT_EQ(c.labels_removed, 0u);
  c = Counted("MATCH (n:A) REMOVE n:B, n:C");
  EXPECT_EQ(c.labels_removed, 2u);
}

TEST_F(UpdateCountersTest, DeleteCountsDetachedRelationshipsOnce) {
  Counted("CREATE (a:A)-[:R]->(b:B), (a)-[:R]->(a), (b)-[:S]->(:C)");
  UpdateCounters c = Counted("MATCH (a:A) DETACH DELETE a");
  EXPECT_EQ(c.nodes_deleted, 1u);
  EXPECT_EQ(c.relationships_deleted, 2u);  // the self-loop once
  c = Counted("MATCH (b:B)-[r:S]->(x) DELETE r, x");
  EXPECT_EQ(c.nodes_deleted, 1u);
  EXPECT_EQ(c.relationships_deleted, 1u);
  c = Counted("MATCH (b:B) DELETE b, b");
  EXPECT_EQ(c.nodes_deleted, 1u);  // the same node twice is deleted once
}

TEST_F(UpdateCountersTest, MergeCountsOnlyWhatItCreates) {
  UpdateCounters c =
      Counted("MERGE (n:A {k: 1}) ON CREATE SET n.new = true ON MATCH SET n.seen = 1");
  EXPECT_EQ(c.nodes_created, 1u);
  EXPECT_EQ(c.properties_set, 2u);  // k and new
  c = Counted("MERGE (n:A {k: 1}) ON CREATE SET n.new = true ON MATCH SET n.seen = 1");
  EXPECT_EQ(c.nodes_created, 0u);
  EXPECT_EQ(c.properties_set, 1u);  // seen
}

TEST_F(UpdateCountersTest, FailedStatementLeavesCountersUntouched) {
  UpdateCounters counters;
  counters.nodes_created = 42;
  QueryOptions options;
  options.counters = &counters;
  auto r = query::Run(*store_, "CREATE (n:A) SET n.v = {a: 1}", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(counters.nodes_created, 42u);
  auto empty = query::Run(*store_, "MATCH (n) RETURN count(n)", {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->rows[0][0], Value(0));
}

}  // namespace
}  // namespace kg::query
