#include "core/update_counters.h"

#include <gtest/gtest.h>

namespace kg {
namespace {

TEST(UpdateCountersTest, JsonHasEveryCounterWithNeo4jHttpNames) {
  UpdateCounters c;
  EXPECT_EQ(UpdateCountersJson(c),
            "{\"contains_updates\":false,\"nodes_created\":0,\"nodes_deleted\":0,"
            "\"relationships_created\":0,\"relationships_deleted\":0,\"properties_set\":0,"
            "\"labels_added\":0,\"labels_removed\":0}");
  c.nodes_created = 2;
  c.labels_removed = 1;
  EXPECT_EQ(UpdateCountersJson(c),
            "{\"contains_updates\":true,\"nodes_created\":2,\"nodes_deleted\":0,"
            "\"relationships_created\":0,\"relationships_deleted\":0,\"properties_set\":0,"
            "\"labels_added\":0,\"labels_removed\":1}");
}

TEST(UpdateCountersTest, TextNamesOnlyWhatChanged) {
  UpdateCounters c;
  EXPECT_EQ(UpdateCountersText(c), "");
  c.properties_set = 1;
  EXPECT_EQ(UpdateCountersText(c), "Set 1 property");
  c.nodes_created = 2;
  c.relationships_deleted = 1;
  c.labels_added = 3;
  EXPECT_EQ(UpdateCountersText(c),
            "Created 2 nodes, deleted 1 relationship, set 1 property, added 3 labels");
}

}  // namespace
}  // namespace kg
