// Weighted shortest paths: boost::dijkstra_shortest_paths over the view's arc
// costs, on the view itself (directed) or on its symmetrised copy.
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>

#include "analytics/internal/view_impl.h"

namespace kg::analytics {
namespace {

// The graph Dijkstra walks: the view's arcs, plus (undirected) every
// non-mirror arc reversed (mirror arcs already are reverses).
Csr WalkGraph(const Csr& csr, bool directed) {
  std::vector<Arc> arcs;
  std::vector<ArcData> data;
  for (auto e : boost::make_iterator_range(boost::edges(csr))) {
    uint32_t u = boost::source(e, csr), v = boost::target(e, csr);
    arcs.emplace_back(u, v);
    data.push_back(csr[e]);
    if (!directed && !csr[e].mirror) {
      arcs.emplace_back(v, u);
      data.push_back({csr[e].weight, csr[e].relation, true});
    }
  }
  return Csr(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), data.begin(),
             static_cast<uint32_t>(boost::num_vertices(csr)));
}

struct Search {
  std::vector<double> distance;
  std::vector<uint32_t> predecessor;
  std::vector<RelationId> via;  // relation of the arc that reached each vertex
};

Search Dijkstra(const Csr& g, uint32_t source) {
  const size_t n = boost::num_vertices(g);
  Search s{std::vector<double>(n), std::vector<uint32_t>(n), std::vector<RelationId>(n, 0)};
  auto index = boost::get(boost::vertex_index, g);
  boost::dijkstra_shortest_paths(
      g, source,
      boost::weight_map(boost::get(&ArcData::weight, g))
          .distance_map(boost::make_iterator_property_map(s.distance.begin(), index))
          .predecessor_map(boost::make_iterator_property_map(s.predecessor.begin(), index))
          .distance_inf(std::numeric_limits<double>::infinity()));
  // Recover which (cheapest) parallel arc realised each predecessor link.
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t u = s.predecessor[v];
    if (u == v) continue;
    double best = std::numeric_limits<double>::infinity();
    for (auto e : boost::make_iterator_range(boost::out_edges(u, g))) {
      if (boost::target(e, g) == v && g[e].weight < best) {
        best = g[e].weight;
        s.via[v] = g[e].relation;
      }
    }
  }
  return s;
}

}  // namespace

Result<std::vector<double>> Distances(const GraphView& view, EntityId from, bool directed) {
  std::optional<uint32_t> source = view.vertex(from);
  if (!source) return Status::NotFound("node " + std::to_string(from) + " is not in the graph");
  return Dijkstra(WalkGraph(view.impl().csr(), directed), *source).distance;
}

Result<std::vector<PathStep>> ShortestPath(const GraphView& view, EntityId from, EntityId to,
                                           bool directed) {
  std::optional<uint32_t> source = view.vertex(from), target = view.vertex(to);
  if (!source) return Status::NotFound("node " + std::to_string(from) + " is not in the graph");
  if (!target) return Status::NotFound("node " + std::to_string(to) + " is not in the graph");
  Search s = Dijkstra(WalkGraph(view.impl().csr(), directed), *source);
  if (s.distance[*target] == std::numeric_limits<double>::infinity())
    return Status::NotFound("no path from node " + std::to_string(from) + " to node " +
                            std::to_string(to));
  std::vector<PathStep> path;
  for (uint32_t v = *target;; v = s.predecessor[v]) {
    path.push_back({view.id(v), v == *source ? 0 : s.via[v], s.distance[v]});
    if (v == *source) break;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace kg::analytics
