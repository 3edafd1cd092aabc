// The plain option types and names of kg's graph analytics (what to
// analyse, which algorithm, its settings), apart from the algorithms
// themselves so that the session layer and its fronts can name them without
// the storage headers that analytics.h needs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/relation.h"
#include "core/result.h"

namespace kg::analytics {

// What part of the graph to analyse. A relation is kept when its type is
// listed (or `types` is empty), both endpoints are kept nodes and
// `relations` accepts it (the two clocks, min-confidence). A node is kept
// when it has one of `labels` (or `labels` is empty). A name listed twice
// counts once.
struct GraphFilter {
  std::vector<std::string> labels;
  std::vector<std::string> types;
  RelationFilter relations;
};

// Edge cost for shortest paths (PageRank and the rest ignore weights):
//   kHops        1 per relation
//   kConfidence  1 - confidence + 0.001 (a missing confidence counts as 1);
//                the 0.001 per hop makes the fewest hops win among equally
//                certain paths
//   kStance      1 / (0.01 + |stance|) (missing stance counts as 0): strong
//                opinions, for or against, are short links
enum class EdgeWeight { kHops, kConfidence, kStance };

struct PageRankOptions {
  double damping = 0.85;
  int iterations = 20;
  // Stop early once the L1 change of an iteration falls below this (0 = never).
  double tolerance = 0.0;
  // Asked before every iteration when set; a non-OK status (a query's
  // timeout or cancellation) stops the loop and is PageRank's result.
  std::function<Status()> interrupt;
};

struct BetweennessOptions {
  bool directed = false;   // false: relations are undirected links
  bool normalized = true;  // divide by (n-1)(n-2) (directed) or (n-1)(n-2)/2
  // Asked before the BFS from each source when set; a non-OK status stops
  // the computation and is its result.
  std::function<Status()> interrupt;
};

enum class DegreeDirection { kIn, kOut, kBoth };

struct CommunityOptions {
  uint64_t seed = 42;   // order in which nodes are visited
  int max_levels = 10;  // Louvain aggregation levels
};

enum class Algorithm {
  kPageRank,
  kBetweenness,
  kDegree,
  kComponents,
  kStrongComponents,
  kCommunities
};
// "pagerank", "betweenness", "degree", "components", "scc", "communities";
// InvalidArgument listing these otherwise.
Result<Algorithm> ParseAlgorithm(std::string_view name);
std::string_view AlgorithmName(Algorithm algorithm);
// "in", "out", "both" / "hops", "confidence", "stance"; otherwise
// InvalidArgument "<what> must be in, out or both, got 'x'" (likewise).
Result<DegreeDirection> ParseDegreeDirection(std::string_view text, std::string_view what);
Result<EdgeWeight> ParseEdgeWeight(std::string_view text, std::string_view what);
// True for algorithms whose value is a group number (components, communities).
bool IsGrouping(Algorithm algorithm);

struct AnalysisOptions {
  GraphFilter filter;
  PageRankOptions pagerank;
  BetweennessOptions betweenness;
  DegreeDirection degree = DegreeDirection::kBoth;
  CommunityOptions communities;
  // Asked between the phases of Analyze (after reading the graph, after the
  // algorithm) and inside PageRank's and betweenness's loops when set
  // (ParseConfig of CALL kg.* sets it to the statement's deadline and cancel
  // check). Components and communities run to completion once started:
  // their work is near-linear in the graph.
  std::function<Status()> interrupt;
};

// InvalidArgument for a property scores must not be written to: empty,
// "name", "aliases", or starting with '_' (the JSON contract's _id, _labels...).
Status CheckScoreProperty(std::string_view property);

}  // namespace kg::analytics
