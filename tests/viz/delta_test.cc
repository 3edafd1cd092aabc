// PlaceAround (viz/internal/delta.h), the placement of an expansion's new
// nodes: none overlaps a fixed node or another new one, the first placed
// lie nearest the focus, fixed boxes are left alone, and the same input
// gives the same places.
#include "viz/internal/delta.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace kg::viz::internal {
namespace {

bool Overlap(const Box& a, const Box& b) {
  return std::fabs(a.x - b.x) < (a.width + b.width) / 2 - 1e-6 &&
         std::fabs(a.y - b.y) < (a.height + b.height) / 2 - 1e-6;
}

// A row of fixed nodes through the focus and 150 new ones, a few large.
std::vector<Box> Fixed() {
  std::vector<Box> fixed;
  for (int i = -5; i <= 5; ++i) fixed.push_back(Box{30.0 * i, 0, 24, 24});
  fixed.push_back(Box{0, 60, 90, 36});
  return fixed;
}

std::vector<Box> Fresh() {
  std::vector<Box> fresh;
  for (int i = 0; i < 150; ++i)
    fresh.push_back(i % 25 == 0 ? Box{0, 0, 100, 36} : Box{0, 0, 24, 24});
  return fresh;
}

TEST(PlaceAroundTest, NewNodesOverlapNothing) {
  const std::vector<Box> fixed = Fixed();
  std::vector<Box> fresh = Fresh();
  PlaceAround(0, 0, fixed, &fresh);
  for (size_t i = 0; i < fresh.size(); ++i) {
    for (const Box& f : fixed) EXPECT_FALSE(Overlap(fresh[i], f)) << i;
    for (size_t j = 0; j < i; ++j) EXPECT_FALSE(Overlap(fresh[i], fresh[j])) << i << " " << j;
  }
}

TEST(PlaceAroundTest, TheFirstLieNearestTheFocusAndTheDrawingStaysCompact) {
  std::vector<Box> fresh = Fresh();
  PlaceAround(100, -40, Fixed(), &fresh);
  auto distance = [](const Box& b) { return std::hypot(b.x - 100, b.y + 40); };
  double first = 0, last = 0;
  for (size_t i = 0; i < 10; ++i) first += distance(fresh[i]);
  for (size_t i = fresh.size() - 10; i < fresh.size(); ++i) last += distance(fresh[i]);
  EXPECT_LT(first, last);
  // 150 boxes of 24 points fill a disc of some 12 boxes' radius; the
  // spiral must not leave it much emptier than that.
  for (const Box& b : fresh) EXPECT_LT(distance(b), 24 * 20) << b.x << "," << b.y;
}

TEST(PlaceAroundTest, Deterministic) {
  std::vector<Box> a = Fresh(), b = Fresh();
  PlaceAround(0, 0, Fixed(), &a);
  PlaceAround(0, 0, Fixed(), &b);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].x, b[i].x);
    EXPECT_EQ(a[i].y, b[i].y);
  }
}

TEST(PlaceAroundTest, NothingToPlace) {
  std::vector<Box> none;
  PlaceAround(0, 0, Fixed(), &none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace kg::viz::internal
