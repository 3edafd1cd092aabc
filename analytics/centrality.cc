// Centralities: PageRank (own power iteration, dangling mass redistributed),
// Brandes betweenness (Boost) and degree.
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/property_map/property_map.hpp>

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

std::vector<double> Betweenness(const GraphView& view, const BetweennessOptions& options) {
  const PlainCsr g = internal::SimpleGraph(view.impl().csr(), !options.directed);
  const size_t n = boost::num_vertices(g);
  std::vector<double> centrality(n, 0.0);
  if (n == 0) return centrality;
  boost::brandes_betweenness_centrality(
      g, boost::centrality_map(boost::make_iterator_property_map(
                                   centrality.begin(), boost::get(boost::vertex_index, g)))
             .vertex_index_map(boost::get(boost::vertex_index, g)));
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
