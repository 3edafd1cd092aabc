// Connected components (union-find over the relations, direction ignored) and
// strongly connected components (Boost's Tarjan).
#include <boost/graph/strong_components.hpp>
#include <numeric>

#include "analytics/internal/view_impl.h"

namespace kg::analytics {
namespace {

// Union-find with path halving and union by size.
class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n), size_(n, 1) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

}  // namespace

std::vector<int64_t> ConnectedComponents(const GraphView& view) {
  const Csr& g = view.impl().csr();
  const uint32_t n = static_cast<uint32_t>(boost::num_vertices(g));
  DisjointSets sets(n);
  for (auto e : boost::make_iterator_range(boost::edges(g)))
    sets.Union(boost::source(e, g), boost::target(e, g));
  std::vector<uint32_t> root(n);
  for (uint32_t v = 0; v < n; ++v) root[v] = sets.Find(v);
  return internal::NumberGroupsBySize(root);
}

std::vector<int64_t> StrongComponents(const GraphView& view) {
  const Csr& g = view.impl().csr();
  std::vector<uint32_t> component(boost::num_vertices(g), 0);
  if (component.empty()) return {};
  boost::strong_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  return internal::NumberGroupsBySize(component);
}

}  // namespace kg::analytics
