// Graph algorithms on hand-built views whose answers can be checked by hand.
#include <gtest/gtest.h>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <numeric>
#include <random>

#include "analytics/analytics.h"
#include "analytics/internal/view_impl.h"

namespace kg::analytics {
namespace {

GraphView MakeView(std::vector<EntityId> nodes, std::vector<EdgeInput> edges) {
  Result<GraphView> view = GraphView::FromEdges(std::move(nodes), std::move(edges));
  EXPECT_TRUE(view.ok()) << view.status().ToString();
  return std::move(view).value();
}

BetweennessOptions Options(bool directed, bool normalized) {
  BetweennessOptions options;
  options.directed = directed;
  options.normalized = normalized;
  return options;
}

std::vector<double> Ranks(const GraphView& view, int iterations = 20) {
  PageRankOptions options;
  options.iterations = iterations;
  Result<std::vector<double>> ranks = PageRank(view, options);
  EXPECT_TRUE(ranks.ok()) << ranks.status().ToString();
  return ranks.ok() ? *ranks : std::vector<double>();
}

// Two 5-cliques {1..5} and {11..15} joined by the link 5-11.
GraphView TwoCliques() {
  std::vector<EntityId> nodes;
  std::vector<EdgeInput> edges;
  for (EntityId base : {0, 10}) {
    for (EntityId i = 1; i <= 5; ++i) {
      nodes.push_back(base + i);
      for (EntityId j = i + 1; j <= 5; ++j) edges.push_back({base + i, base + j});
    }
  }
  edges.push_back({5, 11});
  return MakeView(nodes, edges);
}

TEST(PageRankTest, ThreeCycleGivesOneThirdEach) {
  GraphView view = MakeView({7, 8, 9}, {{7, 8}, {8, 9}, {9, 7}});
  for (double r : Ranks(view)) EXPECT_NEAR(r, 1.0 / 3.0, 1e-12);
}

TEST(PageRankTest, StarOfLeavesPointingAtDanglingCentre) {
  // Leaves 2..5 -> centre 1 (dangling). Solving the PageRank equations by
  // hand: centre = 0.88 / 1.68 = 11/21, each leaf = 5/42.
  GraphView view = MakeView({1, 2, 3, 4, 5}, {{2, 1}, {3, 1}, {4, 1}, {5, 1}});
  std::vector<double> r = Ranks(view, 200);
  EXPECT_NEAR(r[0], 11.0 / 21.0, 1e-9);
  for (int leaf = 1; leaf <= 4; ++leaf) EXPECT_NEAR(r[leaf], 5.0 / 42.0, 1e-9);
}

TEST(PageRankTest, DanglingNodeMatchesIndependentFixture) {
  // 0->1, 0->2, 1->2, 2->0, 2->3; node 3 is dangling. Fixture from an exact
  // rational power iteration (Python fractions), 20 steps from 1/n:
  GraphView view = MakeView({10, 11, 12, 13}, {{10, 11}, {10, 12}, {11, 12}, {12, 10}, {12, 13}});
  const double expected20[] = {0.233993709847298, 0.18667123430651772, 0.3453413459988863,
                               0.233993709847298};
  std::vector<double> r = Ranks(view);
  ASSERT_EQ(r.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r[i], expected20[i], 1e-12) << i;
  // ... and the exact stationary vector (solved as a linear system).
  const double exact[] = {0.2339937776322253, 0.18667103324054363, 0.34534141149500575,
                          0.2339937776322253};
  r = Ranks(view, 300);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r[i], exact[i], 1e-12) << i;
  EXPECT_NEAR(std::accumulate(r.begin(), r.end(), 0.0), 1.0, 1e-12);
}

TEST(PageRankTest, SymmetricRelationCountsBothWays) {
  GraphView view = MakeView({1, 2}, {{1, 2, 1.0, 0, true}});
  EXPECT_EQ(view.num_arcs(), 2u);
  std::vector<double> r = Ranks(view);
  EXPECT_NEAR(r[0], 0.5, 1e-12);
  EXPECT_NEAR(r[1], 0.5, 1e-12);
}

TEST(PageRankTest, RejectsBadOptions) {
  GraphView view = MakeView({1}, {});
  PageRankOptions options;
  options.damping = 1.0;
  EXPECT_EQ(PageRank(view, options).status().code(), StatusCode::kInvalidArgument);
  options.damping = 0.85;
  options.iterations = 0;
  EXPECT_EQ(PageRank(view, options).status().code(), StatusCode::kInvalidArgument);
}

TEST(GraphViewTest, RejectsEdgeToUnknownNodeAndDuplicates) {
  EXPECT_EQ(GraphView::FromEdges({1, 2}, {{1, 3}}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GraphView::FromEdges({1, 1}, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GraphView::FromEdges({1, 2}, {{1, 2, -1.0}}).status().code(),
            StatusCode::kInvalidArgument);
  GraphView view = MakeView({30, 10, 20}, {});
  EXPECT_EQ(view.id(0), 10u);
  EXPECT_EQ(view.vertex(30), 2u);
  EXPECT_FALSE(view.vertex(40).has_value());
}

TEST(BetweennessTest, BridgeNodeScoresHighest) {
  // Two triangles {1,2,3} and {5,6,7} joined through node 4: 3-4-5.
  GraphView view = MakeView({1, 2, 3, 4, 5, 6, 7},
                            {{1, 2}, {2, 3}, {3, 1}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 5}});
  BetweennessOptions raw = Options(false, false);
  std::vector<double> b = Betweenness(view, raw).value();
  // Node 4 lies on every path between {1,2,3} and {5,6,7}: 3*3 = 9 pairs.
  // Node 3 lies on paths from {1,2} to {4,5,6,7} = 8 pairs (5 likewise).
  EXPECT_DOUBLE_EQ(b[3], 9.0);
  EXPECT_DOUBLE_EQ(b[2], 8.0);
  EXPECT_DOUBLE_EQ(b[4], 8.0);
  EXPECT_DOUBLE_EQ(b[0], 0.0);
  EXPECT_EQ(std::max_element(b.begin(), b.end()) - b.begin(), 3);
  std::vector<double> normalized = Betweenness(view, Options(false, true)).value();
  EXPECT_DOUBLE_EQ(normalized[3], 9.0 / 15.0);  // (n-1)(n-2)/2 = 15 pairs
}

TEST(BetweennessTest, StarCentreNormalisesToOneAndParallelEdgesDoNotCount) {
  GraphView view = MakeView({1, 2, 3, 4}, {{1, 2}, {1, 3}, {1, 4}, {1, 4}, {4, 1}});
  std::vector<double> b = Betweenness(view, Options(false, true)).value();
  EXPECT_DOUBLE_EQ(b[0], 1.0);
  EXPECT_DOUBLE_EQ(b[1], 0.0);
}

TEST(BetweennessTest, DirectedChain) {
  GraphView view = MakeView({1, 2, 3}, {{1, 2}, {2, 3}});
  EXPECT_DOUBLE_EQ(Betweenness(view, Options(true, false)).value()[1], 1.0);  // only 1->3 passes 2
  EXPECT_DOUBLE_EQ(Betweenness(view, Options(true, true)).value()[1], 0.5);   // of (n-1)(n-2) = 2
}

// kg's own Brandes loop (interruptible) against Boost's on random graphs,
// directed and not.
TEST(BetweennessTest, MatchesBoostOnRandomGraphs) {
  std::mt19937 rng(11);
  for (int round = 0; round < 5; ++round) {
    const uint64_t n = 40;
    std::vector<EntityId> ids;
    for (uint64_t i = 1; i <= n; ++i) ids.push_back(i);
    std::vector<EdgeInput> edges;
    std::uniform_int_distribution<uint64_t> pick(1, n);
    for (int e = 0; e < 90; ++e) {
      EdgeInput edge;
      edge.start = pick(rng);
      edge.end = pick(rng);
      edges.push_back(edge);
    }
    GraphView view = MakeView(ids, edges);
    for (bool directed : {false, true}) {
      std::vector<double> ours = Betweenness(view, Options(directed, false)).value();
      PlainCsr g = internal::SimpleGraph(view.impl().csr(), !directed);
      std::vector<double> boost_values(boost::num_vertices(g), 0.0);
      boost::brandes_betweenness_centrality(
          g, boost::centrality_map(boost::make_iterator_property_map(
                                       boost_values.begin(), boost::get(boost::vertex_index, g)))
                 .vertex_index_map(boost::get(boost::vertex_index, g)));
      ASSERT_EQ(ours.size(), boost_values.size());
      for (size_t v = 0; v < ours.size(); ++v)
        EXPECT_NEAR(ours[v], boost_values[v] * (directed ? 1.0 : 0.5), 1e-9)
            << "round " << round << " vertex " << v << (directed ? " directed" : "");
    }
  }
}

TEST(BetweennessTest, AnInterruptStopsItWithItsStatus) {
  GraphView view = MakeView({1, 2, 3, 4}, {{1, 2}, {2, 3}, {3, 4}});
  int asked = 0;
  BetweennessOptions options;
  options.interrupt = [&asked]() -> Status {
    return ++asked < 3 ? Status::OK() : Status::InvalidArgument("TimeoutError: stop");
  };
  Result<std::vector<double>> b = Betweenness(view, options);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "TimeoutError: stop");
  EXPECT_EQ(asked, 3);
}

TEST(DegreeTest, InOutAndTotalCountParallelArcsAndLoops) {
  GraphView view = MakeView({1, 2, 3}, {{1, 2}, {1, 2}, {3, 1}, {3, 3}});
  EXPECT_EQ(Degree(view, DegreeDirection::kOut), (std::vector<double>{2, 0, 2}));
  EXPECT_EQ(Degree(view, DegreeDirection::kIn), (std::vector<double>{1, 2, 1}));
  EXPECT_EQ(Degree(view, DegreeDirection::kBoth), (std::vector<double>{3, 2, 3}));
}

TEST(ComponentsTest, WeakComponentsNumberedBySize) {
  // {1,2,3} (via directed arcs), {4,5}, {6} isolated.
  GraphView view = MakeView({1, 2, 3, 4, 5, 6}, {{1, 2}, {3, 2}, {5, 4}});
  EXPECT_EQ(ConnectedComponents(view), (std::vector<int64_t>{0, 0, 0, 1, 1, 2}));
}

TEST(ComponentsTest, StrongComponentsFollowDirection) {
  // Cycle 1->2->3->1, then 3->4, 4<->5 (symmetric), 6 alone.
  GraphView view =
      MakeView({1, 2, 3, 4, 5, 6}, {{1, 2}, {2, 3}, {3, 1}, {3, 4}, {4, 5, 1.0, 0, true}});
  EXPECT_EQ(StrongComponents(view), (std::vector<int64_t>{0, 0, 0, 1, 1, 2}));
  EXPECT_EQ(ConnectedComponents(view), (std::vector<int64_t>{0, 0, 0, 0, 0, 1}));
}

TEST(CommunitiesTest, TwoCliquesJoinedByOneEdgeSplitInTwo) {
  GraphView view = TwoCliques();
  std::vector<int64_t> c = Communities(view, {});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c[i], c[0]) << i;
  for (int i = 5; i < 10; ++i) EXPECT_EQ(c[i], c[5]) << i;
  EXPECT_NE(c[0], c[5]);
  EXPECT_EQ(c[0], 0);  // equal sizes: the group with the smaller id comes first
  // Modularity of this split: 2 * (10/21 - (21/42)^2) = 0.452...
  EXPECT_NEAR(Modularity(view, c), 2 * (10.0 / 21.0 - 0.25), 1e-12);
}

TEST(CommunitiesTest, DeterministicForASeedOnEveryRun) {
  GraphView view = TwoCliques();
  for (uint64_t seed : {1u, 7u, 1234u}) {
    CommunityOptions options{seed, 10};
    EXPECT_EQ(Communities(view, options), Communities(view, options));
  }
}

TEST(CommunitiesTest, IsolatedNodesAreTheirOwnCommunity) {
  GraphView view = MakeView({1, 2, 3}, {});
  EXPECT_EQ(Communities(view, {}), (std::vector<int64_t>{0, 1, 2}));
}

TEST(ShortestPathTest, DijkstraPrefersCheaperLongerRoute) {
  // 1-2 costs 10; 1-3-4-2 costs 1+1+1.
  GraphView view = MakeView(
      {1, 2, 3, 4}, {{1, 2, 10.0, 100}, {1, 3, 1.0, 101}, {4, 3, 1.0, 102}, {4, 2, 1.0, 103}});
  Result<std::vector<PathStep>> path = ShortestPath(view, 1, 2);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  ASSERT_EQ(path->size(), 4u);
  EXPECT_EQ((*path)[1].node, 3u);
  EXPECT_EQ((*path)[2].node, 4u);
  EXPECT_EQ((*path)[2].via, 102u);  // walked against its direction: undirected
  EXPECT_DOUBLE_EQ(path->back().distance, 3.0);
  // Directed, 4->3 cannot be used backwards: only the direct arc remains.
  path = ShortestPath(view, 1, 2, /*directed=*/true);
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path->size(), 2u);
  EXPECT_EQ(path->back().via, 100u);
  EXPECT_DOUBLE_EQ(path->back().distance, 10.0);
}

TEST(ShortestPathTest, UnreachableAndUnknownAreNotFound) {
  GraphView view = MakeView({1, 2, 3}, {{1, 2}});
  EXPECT_EQ(ShortestPath(view, 1, 3).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ShortestPath(view, 1, 99).status().code(), StatusCode::kNotFound);
  Result<std::vector<double>> d = Distances(view, 2);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)[0], 1.0);
  EXPECT_TRUE(std::isinf((*d)[2]));
}

TEST(AlgorithmTest, ParsesNamesAndRejectsUnknown) {
  EXPECT_EQ(*ParseAlgorithm("pagerank"), Algorithm::kPageRank);
  EXPECT_EQ(*ParseAlgorithm("scc"), Algorithm::kStrongComponents);
  EXPECT_EQ(AlgorithmName(Algorithm::kCommunities), "communities");
  Result<Algorithm> bad = ParseAlgorithm("pagernak");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("pagernak"), std::string::npos);
}

}  // namespace
}  // namespace kg::analytics
