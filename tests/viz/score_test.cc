// Nodes sized by a computed score (RenderOptions::node_scores): a higher
// score draws a larger node, the tooltip quotes the score, the legend names
// it, and the output stays deterministic.
#include <gtest/gtest.h>
#include <gvc.h>

#include <cstdlib>
#include <map>
#include <string>

#include "tests/viz/sample_graph.h"
#include "viz/render.h"

namespace kg::viz {
namespace {

using testing::SampleGraph;
using testing::SymmetricTypes;

RenderOptions ScoredOptions(Format format) {
  RenderOptions o;
  o.format = format;
  o.symmetric_types = SymmetricTypes();
  o.node_scores = {{1, 0.5}, {2, 0.1}, {3, 0.3}};  // NVIDIA highest, Huawei lowest
  o.score_name = "pagerank";
  return o;
}

std::string RenderOrDie(const Subgraph& g, const RenderOptions& o) {
  Result<Rendering> r = Render(g, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->data : std::string();
}

struct NodeAttrs {
  double width = 0;
  double height = 0;
  double fontsize = 0;
  std::string tooltip;
};

// Attributes of every node of a laid-out DOT text, by node name ("n1", ...).
std::map<std::string, NodeAttrs> ReadNodes(const std::string& dot) {
  std::map<std::string, NodeAttrs> out;
  Agraph_t* g = agmemread(dot.c_str());
  if (g == nullptr) return out;
  auto get = [](Agnode_t* n, const char* name) {
    char* v = agget(n, const_cast<char*>(name));
    return std::string(v == nullptr ? "" : v);
  };
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    NodeAttrs a;
    a.width = std::atof(get(n, "width").c_str());
    a.height = std::atof(get(n, "height").c_str());
    a.fontsize = std::atof(get(n, "fontsize").c_str());
    a.tooltip = get(n, "tooltip");
    out.emplace(agnameof(n), a);
  }
  agclose(g);
  return out;
}

TEST(ScoreTest, HigherScoreDrawsALargerNode) {
  std::map<std::string, NodeAttrs> nodes =
      ReadNodes(RenderOrDie(SampleGraph(), ScoredOptions(Format::kDot)));
  ASSERT_TRUE(nodes.contains("n1"));
  ASSERT_TRUE(nodes.contains("n2"));
  ASSERT_TRUE(nodes.contains("n3"));
  EXPECT_GT(nodes["n1"].height, nodes["n3"].height);
  EXPECT_GT(nodes["n3"].height, nodes["n2"].height);
  EXPECT_GT(nodes["n1"].width, nodes["n2"].width);
  EXPECT_GT(nodes["n1"].fontsize, nodes["n2"].fontsize);
  EXPECT_DOUBLE_EQ(nodes["n1"].fontsize, 11 * kMaxScoreScale);
  // Unscored nodes get the minimum, as the lowest score does.
  EXPECT_DOUBLE_EQ(nodes["n4"].fontsize, nodes["n2"].fontsize);
  EXPECT_DOUBLE_EQ(nodes["n4"].height, nodes["n2"].height);
}

TEST(ScoreTest, TooltipQuotesTheScoreAndLegendNamesIt) {
  std::string dot = RenderOrDie(SampleGraph(), ScoredOptions(Format::kDot));
  std::map<std::string, NodeAttrs> nodes = ReadNodes(dot);
  EXPECT_NE(nodes["n1"].tooltip.find("pagerank: 0.5"), std::string::npos) << nodes["n1"].tooltip;
  EXPECT_NE(nodes["n2"].tooltip.find("pagerank: 0.1"), std::string::npos) << nodes["n2"].tooltip;
  EXPECT_EQ(nodes["n4"].tooltip.find("pagerank"), std::string::npos) << "no score, no line";
  EXPECT_NE(dot.find("size: pagerank"), std::string::npos);
}

TEST(ScoreTest, WithoutScoresNothingChanges) {
  RenderOptions plain = ScoredOptions(Format::kDot);
  plain.node_scores.clear();
  std::string dot = RenderOrDie(SampleGraph(), plain);
  EXPECT_EQ(dot.find("size: "), std::string::npos);
  EXPECT_EQ(dot.find("pagerank"), std::string::npos);
  std::map<std::string, NodeAttrs> nodes = ReadNodes(dot);
  EXPECT_DOUBLE_EQ(nodes["n1"].fontsize, 11);
}

TEST(ScoreTest, EqualScoresKeepTheDefaultSize) {
  RenderOptions o = ScoredOptions(Format::kDot);
  o.node_scores = {{1, 2.0}, {2, 2.0}};
  std::map<std::string, NodeAttrs> nodes = ReadNodes(RenderOrDie(SampleGraph(), o));
  EXPECT_DOUBLE_EQ(nodes["n1"].fontsize, 11);
  EXPECT_DOUBLE_EQ(nodes["n2"].fontsize, 11);
}

TEST(ScoreTest, ScoredOutputIsByteIdentical) {
  for (Format f : {Format::kDot, Format::kSvg}) {
    EXPECT_EQ(RenderOrDie(SampleGraph(), ScoredOptions(f)),
              RenderOrDie(SampleGraph(), ScoredOptions(f)));
  }
}

}  // namespace
}  // namespace kg::viz
