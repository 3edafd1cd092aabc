// FlatIdMap: the id -> value table the path searches keep per reached node.
#include "query/internal/flat_id_map.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <unordered_map>

namespace kg::query::internal {
namespace {

TEST(FlatIdMapTest, EmptyFindsNothing) {
  FlatIdMap<int> m;
  EXPECT_EQ(m.Find(1), nullptr);
  EXPECT_FALSE(m.Contains(7));
  EXPECT_EQ(m.size(), 0u);
}

TEST(FlatIdMapTest, InsertKeepsTheFirstValue) {
  FlatIdMap<int> m;
  EXPECT_TRUE(m.Insert(5, 50));
  EXPECT_FALSE(m.Insert(5, 51));
  ASSERT_NE(m.Find(5), nullptr);
  EXPECT_EQ(*m.Find(5), 50);
  EXPECT_EQ(m.size(), 1u);
}

TEST(FlatIdMapTest, TryEmplaceInsertsADefaultOnceThenFindsIt) {
  struct Node {
    int32_t depth = -1;
    uint64_t parent = 0;
  };
  FlatIdMap<Node> m;
  auto [a, inserted] = m.TryEmplace(42);
  ASSERT_TRUE(inserted);
  EXPECT_EQ(a->depth, -1);
  EXPECT_EQ(a->parent, 0u);
  *a = Node{3, 9};
  auto [b, again] = m.TryEmplace(42);
  EXPECT_FALSE(again);
  EXPECT_EQ(b->depth, 3);
  EXPECT_EQ(b->parent, 9u);
  EXPECT_EQ(m.size(), 1u);
  EXPECT_FALSE(m.Contains(43));
}

// Dense ids (as the store hands them out) and sparse ones, through many
// growths, agree with std::unordered_map; values written through
// TryEmplace's pointer survive the growths that follow.
TEST(FlatIdMapTest, AgreesWithUnorderedMapAcrossGrowth) {
  FlatIdMap<uint64_t> m;
  std::unordered_map<uint64_t, uint64_t> ref;
  for (uint64_t i = 1; i <= 20000; ++i) {
    uint64_t id = i % 3 == 0 ? i * 1000003 : i;  // a third spread far apart
    auto [v, inserted] = m.TryEmplace(id);
    ASSERT_EQ(inserted, ref.count(id) == 0) << id;
    if (inserted) *v = id * 2;
    ref.emplace(id, id * 2);
    // Every 7th id once more: found, not inserted again.
    if (i % 7 == 0) {
      EXPECT_FALSE(m.TryEmplace(id).second);
    }
  }
  EXPECT_EQ(m.size(), ref.size());
  for (const auto& [id, want] : ref) {
    const uint64_t* got = m.Find(id);
    ASSERT_NE(got, nullptr) << id;
    EXPECT_EQ(*got, want);
  }
  EXPECT_EQ(m.Find(20001), nullptr);
  EXPECT_EQ(m.Find(3 * 1000003 + 1), nullptr);
}

}  // namespace
}  // namespace kg::query::internal
