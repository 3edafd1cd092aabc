// Centralities: PageRank (own power iteration, dangling mass redistributed),
// Brandes betweenness (own loop, interruptible) and degree.
#include <boost/range/iterator_range.hpp>

#include "analytics/internal/pagerank_impl.h"
#include "analytics/internal/view_impl.h"

namespace kg::analytics {

Result<std::vector<double>> PageRank(const GraphView& view, const PageRankOptions& options) {
  if (!(options.damping >= 0.0 && options.damping < 1.0))
    return Status::InvalidArgument("PageRank damping must be in [0, 1), got " +
                                   std::to_string(options.damping));
  if (options.iterations < 1)
    return Status::InvalidArgument("PageRank needs at least 1 iteration, got " +
                                   std::to_string(options.iterations));
  Status stopped;
  std::function<bool()> stop;
  if (options.interrupt)
    stop = [&] {
      stopped = options.interrupt();
      return !stopped.ok();
    };
  std::vector<double> ranks = internal::PowerIteratePageRank(
      view.impl().csr(), options.damping, options.iterations, options.tolerance, stop);
  if (!stopped.ok()) return stopped;
  return ranks;
}

// Brandes' algorithm over the simple graph: a BFS from every source, then
// dependencies accumulated in reverse BFS order. Boost's
// brandes_betweenness_centrality computes the same values but cannot be
// stopped, and the work is O(V*E): a query's timeout is asked before every
// source.
Result<std::vector<double>> Betweenness(const GraphView& view, const BetweennessOptions& options) {
  const PlainCsr g = internal::SimpleGraph(view.impl().csr(), !options.directed);
  const size_t n = boost::num_vertices(g);
  std::vector<double> centrality(n, 0.0);
  if (n == 0) return centrality;
  std::vector<int64_t> distance(n, -1);
  std::vector<double> paths(n, 0.0), dependency(n, 0.0);
  std::vector<uint32_t> order;  // vertices in BFS order from the source
  order.reserve(n);
  for (uint32_t s = 0; s < n; ++s) {
    if (options.interrupt) KG_RETURN_IF_ERROR(options.interrupt());
    for (uint32_t v : order) {
      distance[v] = -1;
      paths[v] = 0.0;
      dependency[v] = 0.0;
    }
    order.clear();
    distance[s] = 0;
    paths[s] = 1.0;
    order.push_back(s);
    for (size_t head = 0; head < order.size(); ++head) {
      uint32_t v = order[head];
      for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
        uint32_t w = static_cast<uint32_t>(boost::target(e, g));
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          order.push_back(w);
        }
        if (distance[w] == distance[v] + 1) paths[w] += paths[v];
      }
    }
    // In reverse BFS order every successor's dependency is final when a
    // vertex gathers its share from them (the CSR has out-arcs only, so the
    // successors pull rather than the predecessors being pushed to).
    for (size_t i = order.size(); i-- > 1;) {
      uint32_t w = order[i];
      double sum = 0.0;
      for (auto e : boost::make_iterator_range(boost::out_edges(w, g))) {
        uint32_t x = static_cast<uint32_t>(boost::target(e, g));
        if (distance[x] == distance[w] + 1) sum += (1.0 + dependency[x]) / paths[x];
      }
      dependency[w] = paths[w] * sum;
      centrality[w] += dependency[w];
    }
  }
  // Boost counted ordered pairs; on the symmetrised graph each unordered pair
  // was counted twice.
  double scale = options.directed ? 1.0 : 0.5;
  if (options.normalized) {
    const double pairs = static_cast<double>(n - 1) * static_cast<double>(n - 2);
    scale = pairs > 0 ? 1.0 / pairs : 0.0;
  }
  for (double& c : centrality) c *= scale;
  return centrality;
}

// Each relation once (mirror arcs skipped), by its stored direction, so the
// counts equal MATCH (n)-[r]-() / -[r]-> / <-[r]- in the query language.
std::vector<double> Degree(const GraphView& view, DegreeDirection direction) {
  const Csr& g = view.impl().csr();
  std::vector<double> degree(boost::num_vertices(g), 0.0);
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    if (g[e].mirror) continue;
    if (direction != DegreeDirection::kIn) degree[boost::source(e, g)] += 1;
    if (direction != DegreeDirection::kOut) degree[boost::target(e, g)] += 1;
  }
  return degree;
}

}  // namespace kg::analytics
