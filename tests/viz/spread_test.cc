// Spread (viz/internal/spread.h): the overlap removal of large sfdp
// drawings leaves no two boxes overlapping, keeps where each box lies
// relative to the centre, is deterministic, and fans out boxes that sfdp
// put on the same point; a large drawing through Render has no overlapping
// nodes either.
#include "viz/internal/spread.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "tests/viz/sample_graph.h"
#include "viz/render.h"

namespace kg::viz::internal {
namespace {

size_t Overlaps(const std::vector<Box>& b) {
  size_t n = 0;
  for (size_t i = 0; i < b.size(); ++i)
    for (size_t j = i + 1; j < b.size(); ++j)
      if (std::fabs(b[i].x - b[j].x) < (b[i].width + b[j].width) / 2 - 1e-6 &&
          std::fabs(b[i].y - b[j].y) < (b[i].height + b[j].height) / 2 - 1e-6)
        ++n;
  return n;
}

// A dense cluster of labelled boxes and small dots, as sfdp leaves a large
// drawing without overlap removal.
std::vector<Box> Cluster(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> at(0, 40);
  std::vector<Box> out;
  for (size_t i = 0; i < n; ++i) {
    bool label = i % 5 == 0;
    out.push_back({at(rng), at(rng), label ? 110.0 : 24.0, label ? 36.0 : 24.0});
  }
  return out;
}

std::vector<std::pair<size_t, size_t>> Star(size_t n) {
  std::vector<std::pair<size_t, size_t>> edges;
  for (size_t i = 1; i < n; ++i) edges.emplace_back(0, i);
  return edges;
}

TEST(SpreadTest, NoTwoBoxesOverlapAfterwards) {
  for (unsigned seed : {1u, 2u, 3u}) {
    std::vector<Box> boxes = Cluster(200, seed);
    ASSERT_GT(Overlaps(boxes), 100u);
    Spread(&boxes, Star(boxes.size()));
    EXPECT_EQ(Overlaps(boxes), 0u) << "seed " << seed;
  }
}

TEST(SpreadTest, BoxesStayOnTheirRayFromTheCentre) {
  std::vector<Box> boxes = Cluster(120, 7);
  double cx = 0, cy = 0;
  for (const Box& b : boxes) cx += b.x, cy += b.y;
  for (Box& b : boxes) {  // centred on the origin, which scaling keeps
    b.x -= cx / static_cast<double>(boxes.size());
    b.y -= cy / static_cast<double>(boxes.size());
  }
  std::vector<Box> before = boxes;
  Spread(&boxes, Star(boxes.size()));
  EXPECT_EQ(Overlaps(boxes), 0u);
  for (size_t i = 0; i < boxes.size(); ++i) {
    double r0 = std::hypot(before[i].x, before[i].y), r1 = std::hypot(boxes[i].x, boxes[i].y);
    ASSERT_GT(r0, 1e-6);
    // Same direction: the unit vectors agree.
    EXPECT_NEAR(before[i].x / r0, boxes[i].x / r1, 1e-9) << i;
    EXPECT_NEAR(before[i].y / r0, boxes[i].y / r1, 1e-9) << i;
  }
}

TEST(SpreadTest, SameInputSameOutput) {
  std::vector<Box> a = Cluster(150, 11), b = Cluster(150, 11);
  Spread(&a, Star(a.size()));
  Spread(&b, Star(b.size()));
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].x, b[i].x);
    EXPECT_EQ(a[i].y, b[i].y);
  }
}

TEST(SpreadTest, BoxesOnOnePointFanOut) {
  std::vector<Box> boxes(30, Box{5, 5, 20, 20});
  Spread(&boxes, {});
  EXPECT_EQ(Overlaps(boxes), 0u);
}

// Through Render: a large drawing (sfdp) has no two nodes overlapping.
TEST(SpreadTest, ALargeDrawingHasNoOverlappingNodes) {
  RenderOptions o;
  o.format = Format::kXdot;
  Result<Rendering> r = Render(testing::LargeGraph(300), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->layout, Layout::kSfdp);
  Agraph_t* g = agmemread(r->data.c_str());
  ASSERT_NE(g, nullptr);
  EXPECT_STREQ(agget(g, Str("layout")), "sfdp");
  std::vector<Box> nodes;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    Box b;
    ASSERT_EQ(std::sscanf(agget(n, Str("pos")), "%lf,%lf", &b.x, &b.y), 2) << agnameof(n);
    b.width = std::atof(agget(n, Str("width"))) * 72;
    b.height = std::atof(agget(n, Str("height"))) * 72;
    nodes.push_back(b);
  }
  agclose(g);
  EXPECT_GE(nodes.size(), 300u);
  EXPECT_EQ(Overlaps(nodes), 0u);
}

TEST(SpreadTest, FewBoxesAreLeftAlone) {
  std::vector<Box> one = {{3, 4, 10, 10}};
  Spread(&one, {});
  EXPECT_EQ(one[0].x, 3);
  EXPECT_EQ(one[0].y, 4);
}

}  // namespace
}  // namespace kg::viz::internal
