// Shortest paths and reachability over the store's adjacency.
//
// Why breadth-first search straight over Transaction::Expand rather than a
// Boost.Graph copy: building an adjacency_list snapshot costs O(V + E) time
// and memory per query (on kggen M: 100k nodes and 1M edges to read and copy
// before the first step), while a bidirectional BFS touches only the two
// explored frontiers, which for the typical analyst question (two named
// entities a few hops apart) is a few hundred adjacency prefix scans. The
// snapshot would only pay off for whole-graph analytics, which live in
// CALL procedures. Measured on kggen M (2 cores): building the Boost.Graph
// compressed_sparse_row view that analytics/ uses takes ~450 ms (about half
// of the 920 ms `kg analyze pagerank` run), while the whole W5 batch of 100
// shortest-path queries by bidirectional BFS takes 70-120 ms, i.e. ~1 ms
// per query: a per-query copy would be ~400x slower. Once the store's
// topology cache is built, Expand reads the same CSR-like rows anyway.
#include <algorithm>
#include <set>

#include "query/internal/executor.h"
#include "query/internal/flat_id_map.h"

namespace kg::query::internal {

Status ExecState::CheckRows(size_t n) const {
  if (options != nullptr && n > options->max_intermediate_rows)
    return MakeRuntimeError(ErrorClass::kLimitExceeded, "",
                            "more than " + std::to_string(options->max_intermediate_rows) +
                                " intermediate rows (the limit); narrow the pattern");
  return Status::OK();
}

namespace {

storage::Direction Reverse(storage::Direction d) {
  if (d == storage::Direction::kOutgoing) return storage::Direction::kIncoming;
  if (d == storage::Direction::kIncoming) return storage::Direction::kOutgoing;
  return d;
}

constexpr uint32_t kNoLink = UINT32_MAX;

// What one side of the search knows of a node it reached: the level and the
// relation it was first reached by (parent 0 at the side's origin; ids are
// never 0). Why one flat map entry rather than std::unordered_map dist and
// parents maps: each edge's far end is looked up once, in one cache line,
// without the two heap nodes (and a parents vector) per reached node that
// were most of a search's time on kggen M. Depth kUnreached marks an entry
// left by a level that was given up (ExpandLevel's budget): not reached.
constexpr int32_t kUnreached = -1;
struct Reached {
  int32_t depth = 0;
  uint32_t more = kNoLink;  // allShortestPaths: the last further parent in Side::links
  EntityId parent = 0;
  RelationId rel = 0;
};

// A further parent of a node at the same level (allShortestPaths only),
// linked to the one recorded before it.
struct Link {
  EntityId parent;
  RelationId rel;
  uint32_t prev;
};

// One side of the bidirectional search.
struct Side {
  storage::Direction dir;
  FlatIdMap<Reached> seen;
  std::vector<Link> links;
  std::vector<EntityId> frontier;
  int32_t depth = 0;

  bool Has(EntityId id) const {
    const Reached* r = seen.Find(id);
    return r != nullptr && r->depth != kUnreached;
  }
};

// Relations a level may take before the search compares it with the other
// side's next level (ExpandLevel's budget); grown fourfold each round. On
// kggen M's W5 (bench/RESULTS.md, "W5 levels given up") 2,048 left the
// plain searches' instructions as they were (+0.4%) and cut the valid-time
// ones by 23%; 256-1,024 gave up levels that then had to be walked anyway
// (plain up to +22%), 4,096 helped valid time less (-18%).
constexpr uint64_t kFirstBudget = 2048;

// Expands one level of `side`, deciding each edge as the store reports it.
// Without spec.all, stops at the first newly reached node that `other` has
// seen (the first meeting node in discovery order, which is the one a full
// level would report first) and sets *met. When the level takes more than
// `budget` relations without meeting, it is given up: the side is left as
// it was and *over is set.
Status ExpandLevel(ExecState& st, Side& side, const Side& other, const PathSearchSpec& spec,
                   uint64_t budget, EntityId* met, bool* over, PathSearchCounts* counts) {
  std::vector<EntityId> next;
  const size_t links = side.links.size();
  const int32_t depth = side.depth + 1;
  uint64_t taken = 0;
  for (EntityId u : side.frontier) {
    KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
    // Only relations that pass the statement's clocks (decided by the store
    // beside each entry it walks).
    uint64_t edges = 0;
    KG_RETURN_IF_ERROR(st.eval.txn->Expand(
        u, side.dir, spec.types, st.eval.relations, [&](const storage::Edge& e) {
          if (e.other == u) return true;
          ++edges;
          auto [r, inserted] = side.seen.TryEmplace(e.other);
          if (inserted || r->depth == kUnreached) {
            *r = Reached{depth, kNoLink, u, e.relation};
            next.push_back(e.other);
            if (!spec.all && other.Has(e.other)) {
              *met = e.other;
              return false;
            }
          } else if (spec.all && r->depth == depth) {
            side.links.push_back({u, e.relation, r->more});
            r->more = static_cast<uint32_t>(side.links.size() - 1);
          }
          return ++taken <= budget;
        }));
    if (counts != nullptr) {
      ++counts->nodes;
      counts->edges += edges;
      KG_ASSIGN_OR_RETURN(uint64_t degree, st.eval.txn->Degree(u, side.dir, spec.types));
      counts->degree += degree;
    }
    if (*met != 0) break;
    if (taken > budget) {
      for (EntityId n : next) side.seen.TryEmplace(n).first->depth = kUnreached;
      side.links.resize(links);
      *over = true;
      return Status::OK();
    }
  }
  side.frontier = std::move(next);
  side.depth = depth;
  if (*met != 0) return Status::OK();
  return st.CheckRows(side.seen.size());
}

// All parent chains from `node` back to the side's origin (rels in
// origin->node order), parents in the order they were found; without `all`
// only the first parent's.
void Chains(const Side& side, EntityId node, bool all, std::vector<RelationId>& cur,
            std::vector<std::vector<RelationId>>* out) {
  const Reached& r = *side.seen.Find(node);
  if (r.parent == 0) {
    out->emplace_back(cur.rbegin(), cur.rend());
    return;
  }
  std::vector<std::pair<EntityId, RelationId>> parents{{r.parent, r.rel}};
  if (all) {
    for (uint32_t i = r.more; i != kNoLink; i = side.links[i].prev)
      parents.emplace_back(side.links[i].parent, side.links[i].rel);
    std::reverse(parents.begin() + 1, parents.end());  // linked last first
  }
  for (const auto& [parent, rel] : parents) {
    cur.push_back(rel);
    Chains(side, parent, all, cur, out);
    cur.pop_back();
  }
}

Side StartSide(storage::Direction dir, EntityId origin) {
  Side side{dir, {}, {}, {origin}};
  side.seen.TryEmplace(origin);  // depth 0, no parent
  return side;
}

}  // namespace

Result<std::vector<std::vector<RelationId>>> ShortestPaths(ExecState& st, EntityId from,
                                                           EntityId to,
                                                           const PathSearchSpec& spec) {
  std::vector<std::vector<RelationId>> out;
  if (from == to) {
    out.emplace_back();
    return out;
  }
  Side f = StartSide(spec.dir, from);
  Side b = StartSide(Reverse(spec.dir), to);
  std::vector<EntityId> meet;
  while (meet.empty() && !f.frontier.empty() && !b.frontier.empty()) {
    if (spec.max_hops >= 0 && f.depth + b.depth >= spec.max_hops) break;
    // The side with the smaller frontier grows (ties to the start's). A
    // level that takes more than the budget without meeting is given up
    // for the other side's, whose may cost far less (a frontier of a few
    // small nodes against one holding a hub); the budget grows fourfold
    // each time both were given up, so neither is given up for ever.
    Side* sides[2] = {&f, &b};
    if (b.frontier.size() < f.frontier.size()) std::swap(sides[0], sides[1]);
    Side* grown = nullptr;
    EntityId met = 0;
    for (uint64_t budget = kFirstBudget; grown == nullptr; budget *= 4) {
      for (Side* grow : sides) {
        bool over = false;
        const Side& other = grow == &f ? b : f;
        KG_RETURN_IF_ERROR(ExpandLevel(st, *grow, other, spec, budget, &met, &over, spec.counts));
        if (!over) {
          grown = grow;
          break;
        }
      }
    }
    if (met != 0) {
      meet.push_back(met);
      break;
    }
    const Side& other = grown == &f ? b : f;
    for (EntityId n : grown->frontier)
      if (other.Has(n)) meet.push_back(n);
  }
  // Distinct relation sequences end at distinct meeting nodes or differ in
  // a chain, so the set only guards against an edge reported twice.
  std::set<std::vector<RelationId>> seen;
  for (EntityId m : meet) {
    std::vector<std::vector<RelationId>> left, right;
    std::vector<RelationId> cur;
    Chains(f, m, spec.all, cur, &left);
    Chains(b, m, spec.all, cur, &right);
    for (const auto& l : left) {
      for (const auto& r : right) {
        std::vector<RelationId> path = l;
        path.insert(path.end(), r.rbegin(), r.rend());
        if (!spec.all) {
          out.push_back(std::move(path));
          return out;
        }
        if (seen.insert(path).second) out.push_back(std::move(path));
      }
    }
  }
  return out;
}

}  // namespace kg::query::internal
