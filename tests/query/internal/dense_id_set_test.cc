// DenseIdSet and StringViewSet: the sets the distinct two-hop walk and
// DISTINCT over a string column keep per query.
#include "query/internal/dense_id_set.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "query/internal/string_set.h"

namespace kg::query::internal {
namespace {

TEST(DenseIdSetTest, InsertSaysWhetherTheIdWasNew) {
  DenseIdSet s;
  EXPECT_FALSE(s.Contains(0));
  EXPECT_TRUE(s.Insert(0));
  EXPECT_TRUE(s.Insert(63));
  EXPECT_TRUE(s.Insert(64));
  EXPECT_FALSE(s.Insert(63));
  EXPECT_TRUE(s.Contains(64));
  EXPECT_FALSE(s.Contains(65));
  EXPECT_FALSE(s.Contains(1'000'000));  // past the bitset: not there, no growth needed
}

TEST(DenseIdSetTest, HugeIdsGoToTheHashMapAndAgreeWithAStdSet) {
  DenseIdSet s;
  std::set<uint64_t> want;
  const uint64_t ids[] = {1,
                          DenseIdSet::kMaxDenseId - 1,
                          DenseIdSet::kMaxDenseId,
                          uint64_t{1} << 40,
                          5,
                          uint64_t{1} << 40,
                          77,
                          5};
  for (uint64_t id : ids) EXPECT_EQ(s.Insert(id), want.insert(id).second) << id;
  for (uint64_t id : ids) EXPECT_TRUE(s.Contains(id)) << id;
  EXPECT_FALSE(s.Contains((uint64_t{1} << 40) + 1));
}

TEST(StringViewSetTest, KeepsTheFirstOfEqualStringsAcrossGrowth) {
  std::vector<std::string> strings;
  for (int i = 0; i < 500; ++i) strings.push_back("name_" + std::to_string(i % 137));
  strings.push_back("");
  strings.push_back("");
  auto at = [&](uint32_t i) -> std::string_view { return strings[i]; };
  StringViewSet<decltype(at)> set(4, at);  // grows many times
  std::set<std::string> want;
  for (uint32_t i = 0; i < strings.size(); ++i)
    EXPECT_EQ(set.Insert(i), want.insert(strings[i]).second) << i;
  EXPECT_EQ(want.size(), 138u);
}

}  // namespace
}  // namespace kg::query::internal
