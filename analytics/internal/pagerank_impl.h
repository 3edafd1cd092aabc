// PageRank as a template over any Boost graph with out-edges, so the
// benchmark can run the same loop on the CSR and on an adjacency_list.
#pragma once

#include <boost/graph/graph_traits.hpp>
#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <functional>
#include <vector>

namespace kg::analytics::internal {

// Graph functions are called unqualified so that they are found by
// argument-dependent lookup at instantiation.
//
// Power iteration with damping `d`: each step every vertex gets (1-d)/n plus
// d/n of the mass of dangling vertices (no out-arcs) plus d * rank(u) /
// outdeg(u) from each in-neighbour u (parallel arcs count separately).
// Ranks start at 1/n and always sum to 1. `stop`, when given, is asked
// before each iteration; true ends the loop early (the caller then reports
// why: a query's timeout or cancellation).
template <typename Graph>
std::vector<double> PowerIteratePageRank(const Graph& g, double d, int iterations, double tolerance,
                                         const std::function<bool()>& stop = nullptr) {
  using Vertex = typename boost::graph_traits<Graph>::vertex_descriptor;
  const Vertex n = num_vertices(g);
  if (n == 0) return {};
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), next(n);
  std::vector<double> inv_out(n, 0.0);
  for (Vertex u = 0; u < n; ++u) {
    auto degree = out_degree(u, g);
    if (degree > 0) inv_out[u] = 1.0 / degree;
  }
  for (int it = 0; it < iterations; ++it) {
    if (stop && stop()) break;
    double dangling = 0.0;
    for (Vertex u = 0; u < n; ++u)
      if (inv_out[u] == 0.0) dangling += rank[u];
    const double base = ((1.0 - d) + d * dangling) / static_cast<double>(n);
    std::fill(next.begin(), next.end(), base);
    for (Vertex u = 0; u < n; ++u) {
      if (inv_out[u] == 0.0) continue;
      const double share = d * rank[u] * inv_out[u];
      for (auto e : boost::make_iterator_range(out_edges(u, g))) next[target(e, g)] += share;
    }
    double change = 0.0;
    for (Vertex v = 0; v < n; ++v) change += std::fabs(next[v] - rank[v]);
    rank.swap(next);
    if (tolerance > 0.0 && change < tolerance) break;
  }
  return rank;
}

}  // namespace kg::analytics::internal
