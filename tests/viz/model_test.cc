// The drawing model: merging of symmetric relations, large-graph label
// thinning, legend entries and the footnote, without Graphviz.
#include "viz/internal/model.h"

#include <gtest/gtest.h>

#include "tests/viz/sample_graph.h"

namespace kg::viz::internal {
namespace {

using viz::testing::D;
using viz::testing::LargeGraph;
using viz::testing::MakeEntity;
using viz::testing::MakeRelation;
using viz::testing::SampleGraph;
using viz::testing::SymmetricTypes;

RenderOptions Options() {
  RenderOptions o;
  o.symmetric_types = SymmetricTypes();
  return o;
}

TEST(ModelTest, SymmetricRelationsMergeOncePerPair) {
  Subgraph g;
  g.nodes = {MakeEntity(1, "Company", "A"), MakeEntity(2, "Company", "B")};
  g.relations = {MakeRelation(9, "COMPETES_WITH", 2, 1), MakeRelation(3, "COMPETES_WITH", 1, 2),
                 MakeRelation(4, "COMPETES_WITH", 1, 2), MakeRelation(5, "PARTNERS_WITH", 2, 1),
                 MakeRelation(6, "SUPPLIES", 1, 2),      MakeRelation(7, "SUPPLIES", 1, 2),
                 MakeRelation(8, "SUPPLIES", 2, 1)};
  RenderOptions o = Options();
  o.merge_parallel = false;
  DrawModel m = BuildModel(g, o).value();
  ASSERT_EQ(m.edges.size(), 5u);
  EXPECT_EQ(m.edges[0].key, "r3");
  EXPECT_EQ(m.edges[0].relations, (std::vector<RelationId>{3, 4, 9}));
  EXPECT_EQ(m.edges[0].label, "COMPETES_WITH \u00D73");
  EXPECT_TRUE(m.edges[0].style.symmetric);
  EXPECT_EQ(m.edges[1].key, "r5");
  EXPECT_EQ(m.edges[1].tail, 1u) << "symmetric edges run from the lower id";
  EXPECT_EQ(m.edges[1].label, "PARTNERS_WITH");
  EXPECT_EQ(m.edges[2].key, "r6") << "without merge_parallel, parallels stay separate";
  EXPECT_EQ(m.edges[3].key, "r7");
  EXPECT_EQ(m.edges[4].key, "r8");
  EXPECT_EQ(m.nodes[0].degree, 5u);
}

TEST(ModelTest, ParallelRelationsMergePerDirectionWithMeanStance) {
  Subgraph g;
  g.nodes = {MakeEntity(1, "Person", "A"), MakeEntity(2, "Company", "B")};
  g.relations = {MakeRelation(1, "PRAISES", 1, 2, {{"stance", Value(0.9)}}),
                 MakeRelation(2, "PRAISES", 1, 2, {{"stance", Value(0.3)}}),
                 MakeRelation(3, "PRAISES", 2, 1, {{"stance", Value(-0.2)}}),
                 MakeRelation(4, "CRITICIZES", 1, 2, {{"stance", Value(-0.5)}})};
  DrawModel m = BuildModel(g, Options()).value();
  ASSERT_EQ(m.edges.size(), 3u);
  EXPECT_EQ(m.edges[0].relations, (std::vector<RelationId>{1, 2}));
  EXPECT_EQ(m.edges[0].label, "PRAISES \u00D72");
  EXPECT_EQ(m.edges[0].style.family, Family::kPositive);
  EXPECT_DOUBLE_EQ(m.edges[0].style.penwidth, QuotePenWidth(2)) << "width counts quotes";
  EXPECT_FALSE(m.edges[0].style.symmetric);
  EXPECT_EQ(m.edges[1].relations, (std::vector<RelationId>{3})) << "the other direction";
  EXPECT_EQ(m.edges[1].style.family, Family::kNegative);
  EXPECT_DOUBLE_EQ(m.edges[1].style.penwidth, QuotePenWidth(1));
  EXPECT_EQ(m.edges[2].label, "CRITICIZES");
  EXPECT_NE(m.edges[0].tooltip.find("(stance +0.90)"), std::string::npos);
  EXPECT_NE(m.edges[0].tooltip.find("(stance +0.30)"), std::string::npos);
}

TEST(ModelTest, MergedEdgeIsDashedOnlyWhenNoRelationIsValid) {
  Subgraph g;
  g.nodes = {MakeEntity(1, "Company", "A"), MakeEntity(2, "Company", "B")};
  g.relations = {MakeRelation(1, "PARTNERS_WITH", 1, 2, {{"valid_to", Value(D("2020-01-01"))}}),
                 MakeRelation(2, "PARTNERS_WITH", 2, 1)};
  RenderOptions o = Options();
  o.as_of = D("2025-01-01");
  EXPECT_FALSE(BuildModel(g, o).value().edges[0].style.dashed);
  g.relations.pop_back();
  EXPECT_TRUE(BuildModel(g, o).value().edges[0].style.dashed);
}

TEST(ModelTest, LargeGraphKeepsLabelsOfTheBestConnected) {
  DrawModel m = BuildModel(LargeGraph(300), Options()).value();
  EXPECT_TRUE(m.large);
  // 19 hubs, then 281 leaves of degree 1 tied at the cut of 40: none of the
  // leaves is picked over its equals.
  EXPECT_EQ(m.labelled_nodes, 19u);
  size_t min_labelled = SIZE_MAX, max_unlabelled = 0;
  for (const DrawNode& n : m.nodes) {
    if (n.label.empty()) {
      max_unlabelled = std::max(max_unlabelled, n.degree);
      EXPECT_FALSE(n.tooltip.empty());
    } else {
      min_labelled = std::min(min_labelled, n.degree);
    }
  }
  EXPECT_GT(min_labelled, max_unlabelled) << "a tie is never split";
  for (const DrawEdge& e : m.edges) EXPECT_TRUE(e.label.empty());
  // Its edges carry no tooltip, so none is written; a smaller drawing's are.
  for (const DrawEdge& e : m.edges) EXPECT_TRUE(e.tooltip.empty()) << e.key;
  DrawModel small = BuildModel(LargeGraph(kLargeGraphNodes), Options()).value();
  EXPECT_FALSE(small.large);
  for (const DrawEdge& e : small.edges) EXPECT_FALSE(e.tooltip.empty()) << e.key;
}

TEST(ModelTest, ThinningSplitsATieOnlyWhenItReachesTheTop) {
  // A ring: every node has degree 2, so leaving the tie out would name
  // nobody; the first 40 by name are named instead.
  Subgraph g;
  const size_t n = kLargeGraphNodes + 10;
  for (EntityId id = 1; id <= n; ++id) {
    g.nodes.push_back(MakeEntity(id, "Company", "node-" + std::to_string(1000 + id)));
    g.relations.push_back(MakeRelation(id, "SUPPLIES", id, id % n + 1));
  }
  DrawModel m = BuildModel(g, Options()).value();
  ASSERT_TRUE(m.large);
  EXPECT_EQ(m.labelled_nodes, kLargeGraphLabels);
  for (const DrawNode& node : m.nodes) {
    EXPECT_EQ(node.label.empty(), node.id > kLargeGraphLabels) << node.id;
  }

  // Two hubs above the ring's tie: only they are named.
  g.nodes.push_back(MakeEntity(n + 1, "Company", "hub-a"));
  g.nodes.push_back(MakeEntity(n + 2, "Company", "hub-b"));
  RelationId rid = n + 1;
  for (EntityId id = 1; id <= 5; ++id) {
    g.relations.push_back(MakeRelation(rid++, "SUPPLIES", id, n + 1));
    g.relations.push_back(MakeRelation(rid++, "SUPPLIES", id + 5, n + 2));
  }
  m = BuildModel(g, Options()).value();
  // The 2 hubs (degree 5) and nodes 1..10 (degree 3) fit in 40; the
  // degree-2 rest ties at the cut and stays unnamed.
  EXPECT_EQ(m.labelled_nodes, 12u);
  for (const DrawNode& node : m.nodes) {
    EXPECT_EQ(node.label.empty(), node.degree == 2) << node.id;
  }
}

TEST(ModelTest, LegendHasOnlyPresentKindsAndFamilies) {
  DrawModel m = BuildModel(SampleGraph(), Options()).value();
  ASSERT_EQ(m.legend.kinds.size(), 9u);
  EXPECT_EQ(m.legend.kinds.front()->kind, "Company");
  EXPECT_EQ(m.legend.kinds.back()->kind, "") << "other kinds last";
  EXPECT_EQ(m.legend.families,
            (std::vector<Family>{Family::kNegative, Family::kPositive, Family::kCompetitive,
                                 Family::kSupply, Family::kOwnership, Family::kFactual}));
  EXPECT_TRUE(m.legend.symmetric);
  EXPECT_FALSE(m.legend.dashed) << "no as-of date given";

  Subgraph small;
  small.nodes = {MakeEntity(1, "Person", "P")};
  DrawModel s = BuildModel(small, Options()).value();
  ASSERT_EQ(s.legend.kinds.size(), 1u);
  EXPECT_TRUE(s.legend.families.empty());
  EXPECT_FALSE(s.legend.symmetric);
}

TEST(ModelTest, FootnoteNamesSourcesDatesAndAsOf) {
  std::vector<Relation> rels = {
      MakeRelation(1, "X", 1, 2, {{"source", Value("b")}, {"date", Value(D("2025-07-16"))}}),
      MakeRelation(2, "X", 1, 2, {{"source", Value("a")}, {"date", Value("2025-07-01")}}),
      MakeRelation(3, "X", 1, 2, {{"source", Value("a")}})};
  std::vector<const Relation*> ptrs = {&rels[0], &rels[1], &rels[2]};
  RenderOptions none;
  EXPECT_EQ(Footnote(ptrs, none), "Source: a; b \u00B7 2025-07-01 to 2025-07-16");
  RenderOptions as_of;
  as_of.as_of = D("2025-07-16");
  EXPECT_EQ(Footnote({}, as_of), "Source: kg \u00B7 as of 2025-07-16");
  std::vector<Relation> many;
  for (int i = 0; i < 5; ++i) {
    many.push_back(MakeRelation(i, "X", 1, 2, {{"source", Value("s" + std::to_string(i))}}));
  }
  std::vector<const Relation*> mp;
  for (const Relation& r : many) mp.push_back(&r);
  EXPECT_EQ(Footnote(mp, none), "Source: s0; s1; s2 and 2 more");
}

TEST(ModelTest, FootnoteNamesSourcesByTitleAndPublisher) {
  std::vector<Relation> rels = {MakeRelation(1, "X", 1, 2, {{"source", Value("000_a.txt")}}),
                                MakeRelation(2, "X", 1, 2, {{"source", Value("001_b.txt")}})};
  std::vector<const Relation*> ptrs = {&rels[0], &rels[1]};
  RenderOptions o;
  o.source_titles = {{"000_a.txt", "Huang Exchange Transcript \u2014 Wallstreetcn"}};
  EXPECT_EQ(Footnote(ptrs, o), "Source: 001_b.txt; Huang Exchange Transcript \u2014 Wallstreetcn")
      << "a source without a record keeps its file name";
  o.source_titles["001_b.txt"] =
      "Jensen Huang Shares His Vision For NVIDIA, Also Deepening His Commitment";
  EXPECT_EQ(Footnote(ptrs, o),
            "Source: Huang Exchange Transcript \u2014 Wallstreetcn\nJensen Huang Shares His "
            "Vision For NVIDIA, Also Deepening His Commitment")
      << "long titles go on lines of their own";
}

TEST(ModelTest, NamelessEntitiesShowKindAndId) {
  Subgraph g;
  Entity e;
  e.id = 7;
  e.labels = {"A", "B"};
  g.nodes = {e};
  DrawModel m = BuildModel(g, Options()).value();
  EXPECT_EQ(m.nodes[0].label, "A:B #7");
  EXPECT_EQ(m.nodes[0].kind, "A:B");
}

TEST(ModelTest, EmptyAndOversizedInputsAreRefused) {
  EXPECT_EQ(BuildModel(Subgraph{}, Options()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(BuildModel(LargeGraph(kMaxNodes), Options()).ok());
  EXPECT_FALSE(BuildModel(LargeGraph(kMaxNodes + 1), Options()).ok());
}

}  // namespace
}  // namespace kg::viz::internal
