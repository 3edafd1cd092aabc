// Louvain community detection (Blondel et al. 2008) on the undirected view,
// and Newman modularity. Chosen over label propagation because it optimises a
// stated objective (modularity) and, with a seeded visiting order, gives the
// same communities on every run, where label propagation oscillates and often
// swallows small groups into large ones.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <unordered_map>

#include "analytics/internal/view_impl.h"

namespace kg::analytics {
namespace {

constexpr double kGainEpsilon = 1e-12;  // gains closer than this are ties
constexpr int kMaxPasses = 100;         // safety net against float ping-pong

// An undirected weighted graph as adjacency lists. A self-loop of weight w is
// stored once and contributes 2w to its node's strength.
struct WeightedGraph {
  std::vector<std::vector<std::pair<uint32_t, double>>> adj;
  std::vector<double> self;      // self-loop weight per node
  std::vector<double> strength;  // weighted degree
  double total = 0.0;            // sum of strengths (= 2m)
};

void FinishStrengths(WeightedGraph& g) {
  g.strength.assign(g.adj.size(), 0.0);
  g.total = 0.0;
  for (size_t u = 0; u < g.adj.size(); ++u) {
    double s = 2.0 * g.self[u];
    for (const auto& [v, w] : g.adj[u]) s += w;
    g.strength[u] = s;
    g.total += s;
  }
}

WeightedGraph FromView(const GraphView& view) {
  WeightedGraph g;
  g.adj.resize(view.num_nodes());
  g.self.assign(view.num_nodes(), 0.0);
  for (const Arc& link : internal::UndirectedLinks(view.impl().csr())) {
    if (link.first == link.second) {
      g.self[link.first] += 1.0;
    } else {
      g.adj[link.first].emplace_back(link.second, 1.0);
      g.adj[link.second].emplace_back(link.first, 1.0);
    }
  }
  FinishStrengths(g);
  return g;
}

// Fisher-Yates with mt19937_64, whose output the standard fixes (unlike
// std::shuffle's use of distributions), so orders match across platforms.
std::vector<uint32_t> SeededOrder(size_t n, uint64_t seed) {
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

// Phase one: moves single nodes to the neighbouring community with the best
// modularity gain until no move helps. Returns whether anything moved.
bool MoveNodes(const WeightedGraph& g, uint64_t seed, std::vector<uint32_t>& community) {
  const size_t n = g.adj.size();
  std::vector<double> tot(n, 0.0);
  for (uint32_t u = 0; u < n; ++u) tot[community[u]] += g.strength[u];
  std::vector<double> link(n, 0.0);
  std::vector<uint32_t> touched;
  const std::vector<uint32_t> order = SeededOrder(n, seed);
  bool moved_any = false;
  bool moved = true;
  for (int pass = 0; moved && pass < kMaxPasses; ++pass) {
    moved = false;
    for (uint32_t u : order) {
      const uint32_t old = community[u];
      const double k = g.strength[u];
      for (const auto& [v, w] : g.adj[u]) {
        if (link[community[v]] == 0.0) touched.push_back(community[v]);
        link[community[v]] += w;
      }
      tot[old] -= k;
      uint32_t best = old;
      double best_gain = link[old] - tot[old] * k / g.total;
      for (uint32_t c : touched) {
        if (c == old) continue;
        const double gain = link[c] - tot[c] * k / g.total;
        // Strictly better wins; among equals keep the current community, else the lowest id.
        const bool tie = std::fabs(gain - best_gain) <= kGainEpsilon;
        if (gain > best_gain + kGainEpsilon || (tie && best != old && c < best)) {
          best = c;
          best_gain = gain;
        }
      }
      tot[best] += k;
      community[u] = best;
      for (uint32_t c : touched) link[c] = 0.0;
      touched.clear();
      if (best != old) moved = moved_any = true;
    }
  }
  return moved_any;
}

// Phase two: one node per community; links between communities summed,
// links inside a community become its self-loop. `community` is renumbered
// densely 0..k-1.
WeightedGraph Aggregate(const WeightedGraph& g, std::vector<uint32_t>& community) {
  std::unordered_map<uint32_t, uint32_t> dense;
  for (uint32_t& c : community)
    c = dense.emplace(c, static_cast<uint32_t>(dense.size())).first->second;
  WeightedGraph out;
  out.adj.resize(dense.size());
  out.self.assign(dense.size(), 0.0);
  std::vector<std::unordered_map<uint32_t, double>> sums(dense.size());
  for (uint32_t u = 0; u < g.adj.size(); ++u) {
    const uint32_t cu = community[u];
    out.self[cu] += g.self[u];
    for (const auto& [v, w] : g.adj[u]) {
      const uint32_t cv = community[v];
      if (cu == cv) {
        out.self[cu] += w / 2.0;  // each inner link is seen from both ends
      } else {
        sums[cu][cv] += w;
      }
    }
  }
  for (uint32_t c = 0; c < sums.size(); ++c) {
    for (const auto& [d, w] : sums[c]) out.adj[c].emplace_back(d, w);
    std::sort(out.adj[c].begin(), out.adj[c].end());
  }
  FinishStrengths(out);
  return out;
}

}  // namespace

std::vector<int64_t> Communities(const GraphView& view, const CommunityOptions& options) {
  const size_t n = view.num_nodes();
  std::vector<uint32_t> membership(n);
  for (uint32_t v = 0; v < n; ++v) membership[v] = v;
  WeightedGraph g = FromView(view);
  if (g.total == 0.0) return internal::NumberGroupsBySize(membership);
  for (int level = 0; level < options.max_levels; ++level) {
    std::vector<uint32_t> community(g.adj.size());
    for (uint32_t c = 0; c < community.size(); ++c) community[c] = c;
    if (!MoveNodes(g, options.seed + static_cast<uint64_t>(level), community)) break;
    g = Aggregate(g, community);
    for (uint32_t& m : membership) m = community[m];
  }
  // Labels are < number of super-nodes <= n, as NumberGroupsBySize needs.
  return internal::NumberGroupsBySize(membership);
}

double Modularity(const GraphView& view, const std::vector<int64_t>& community) {
  WeightedGraph g = FromView(view);
  if (g.total == 0.0 || community.size() != g.adj.size()) return 0.0;
  std::unordered_map<int64_t, double> inner, tot;
  for (uint32_t u = 0; u < g.adj.size(); ++u) {
    tot[community[u]] += g.strength[u];
    inner[community[u]] += 2.0 * g.self[u];
    for (const auto& [v, w] : g.adj[u])
      if (community[v] == community[u]) inner[community[u]] += w;
  }
  double q = 0.0;
  for (const auto& [c, t] : tot) q += inner[c] / g.total - (t / g.total) * (t / g.total);
  return q;
}

}  // namespace kg::analytics
