// The representation behind GraphView: a Boost compressed sparse row graph
// whose arcs carry the relation id, the cost and whether the arc is the
// added mirror of a symmetric relation; plus helpers that derive the simple
// or undirected graphs some algorithms need.
//
// Why CSR and not adjacency_list: on kggen M (100k nodes, 1M relations) the
// CSR is built from one sorted arc array in a single allocation and a
// PageRank pass streams two flat arrays; adjacency_list<vecS, vecS> makes one
// heap vector per vertex, builds several times slower and iterates slower
// (figures in bench/RESULTS.md, "Analytics"). The view is immutable, so CSR's
// only drawback (no cheap edge insertion) does not matter.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <cstdint>
#include <utility>
#include <vector>

#include "analytics/analytics.h"

namespace kg::analytics {

struct ArcData {
  double weight = 1.0;
  RelationId relation = 0;
  bool mirror = false;  // the reverse arc added for a symmetric relation
};

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ArcData,
                                               boost::no_property, uint32_t, uint32_t>;
// A graph without arc data, for algorithms that only need topology.
using PlainCsr =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, uint32_t, uint32_t>;
using Arc = std::pair<uint32_t, uint32_t>;

class GraphView::Impl {
 public:
  Impl(std::vector<EntityId> ids, std::vector<Arc> arcs, std::vector<ArcData> data);

  const std::vector<EntityId>& ids() const { return ids_; }
  const Csr& csr() const { return csr_; }
  size_t num_nodes() const { return ids_.size(); }
  std::optional<uint32_t> vertex(EntityId id) const;

 private:
  std::vector<EntityId> ids_;  // ascending
  Csr csr_;
};

namespace internal {

// Each relation once as an undirected link {u, v} (mirror arcs skipped), in
// arc order. Self-loops are kept.
std::vector<Arc> UndirectedLinks(const Csr& csr);
// The simple graph: parallel arcs and self-loops dropped; with `symmetrize`
// every link in both directions.
PlainCsr SimpleGraph(const Csr& csr, bool symmetrize);
// Renumbers arbitrary group labels 0..k-1 by size (largest first), ties by
// the smallest vertex (= smallest EntityId, as vertices follow id order).
std::vector<int64_t> NumberGroupsBySize(const std::vector<uint32_t>& group);

}  // namespace internal
}  // namespace kg::analytics
