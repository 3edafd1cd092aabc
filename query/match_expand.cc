// The steps that walk relationships (Expand, VarLengthExpand, the BFS of
// distinct ends, the distinct two-hop walk, shortest paths) and bind named
// paths, all through Transaction::Expand.
#include <algorithm>
#include <span>

#include "query/internal/dense_id_set.h"
#include "query/internal/flat_id_map.h"
#include "query/internal/limits.h"
#include "query/internal/match_exec.h"
#include "query/internal/var_length_ends.h"

namespace kg::query::internal {
namespace {

Result<std::vector<storage::Edge>> Edges(MatchState& ms, size_t i, EntityId from,
                                         storage::Direction dir,
                                         const std::vector<std::string>& types) {
  std::vector<storage::Edge> edges;
  KG_RETURN_IF_ERROR(ms.st->eval.CheckDeadline());
  NoteExpansion(ms, i, from);
  // Only the relations the statement's clocks keep: the store decides each
  // beside its adjacency entry (from the copy's entry days, or the value
  // the scan reads), so no relation is looked up by id afterwards.
  KG_RETURN_IF_ERROR(
      ms.st->eval.txn->Expand(from, dir, types, ms.st->eval.relations, [&](const storage::Edge& e) {
        // An undirected self-loop is reported once per direction; keep one.
        if (dir == storage::Direction::kBoth && !e.outgoing && e.other == from) return true;
        edges.push_back(e);
        return true;
      }));
  return edges;
}

// The relationship of an adjacency entry seen from `at`, without reading its record.
Value EdgeValue(const storage::Edge& e, EntityId at) {
  return e.outgoing ? EvalContext::RelRef(e.relation, e.type, at, e.other)
                    : EvalContext::RelRef(e.relation, e.type, e.other, at);
}

// The node a step walks from, when the row has one there.
const Value* FromNode(const MatchStep& s, const Row& row) {
  const Value& v = row[s.from->slot];
  return v.is_node() ? &v : nullptr;
}

Status VarLength(MatchState& ms, size_t i, Row& row, EntityId at, int64_t depth, ValueList& trail) {
  const MatchStep& s = ms.plan->steps[i];
  const BoundRel& r = *s.rel;
  if (depth >= r.min_hops) {
    ValueList rels = trail;
    if (!s.forward) std::reverse(rels.begin(), rels.end());
    row[r.slot] = Value(std::move(rels));
    ms.bound[r.slot] = 1;
    Status st = BindNode(ms, i, *s.node, at, row);
    ms.bound[r.slot] = 0;
    KG_RETURN_IF_ERROR(st);
    if (ms.stop) return Status::OK();
  }
  if (r.max_hops >= 0 && depth >= r.max_hops) return Status::OK();
  KG_ASSIGN_OR_RETURN(auto edges, Edges(ms, i, at, DirFor(r.dir, s.forward), r.types));
  for (const auto& e : edges) {
    KG_ASSIGN_OR_RETURN(bool ok, RelOk(ms, e.relation, r, row));
    if (!ok) continue;
    // Each hop is one level of this recursion: a trail through a long chain
    // of relationships would otherwise exhaust the stack.
    if (static_cast<size_t>(depth) >= kMaxPatternLength)
      return ms.st->eval.Error(ErrorClass::kLimitExceeded, "PatternTooLong", r.span,
                               "a variable-length relationship matched more than " +
                                   std::to_string(kMaxPatternLength) + " hops (the limit)");
    trail.push_back(EdgeValue(e, at));
    ms.used_rels.push_back(e.relation);
    Status st = VarLength(ms, i, row, e.other, depth + 1, trail);
    ms.used_rels.pop_back();
    trail.pop_back();
    KG_RETURN_IF_ERROR(st);
    if (ms.stop) return Status::OK();
  }
  return Status::OK();
}

// A middle node of (a)-->(m)-->(c): the relation it was first reached by,
// and whether a second one (that the relation filter keeps) reached it too.
struct Via {
  RelationId rel = 0;
  bool multi = false;
};

// The distinct middle nodes of a two-hop walk from `from`, in the order
// the first hop reaches them (only through relations the filter keeps).
Status MiddleNodes(MatchState& ms, size_t i, EntityId from, Row& row, FlatIdMap<Via>* via,
                   std::vector<EntityId>* mids) {
  const BoundPatternPart& p = *ms.plan->parts[ms.plan->steps[i].part];
  const BoundRel& r0 = p.rels[0];
  const storage::Direction dir0 = DirFor(r0.dir, true);
  std::vector<storage::Edge> edges;
  KG_RETURN_IF_ERROR(ms.st->eval.CheckDeadline());
  NoteExpansion(ms, i, from);
  KG_RETURN_IF_ERROR(ms.st->eval.txn->Expand(
      from, dir0, r0.types, ms.st->eval.relations, [&](const storage::Edge& e) {
        if (dir0 == storage::Direction::kBoth && !e.outgoing && e.other == from) return true;
        edges.push_back(e);
        return true;
      }));
  // Nodes the middle pattern refused (labels, properties): not asked twice.
  DenseIdSet refused;
  for (const auto& e : edges) {
    if (via->Contains(e.other)) {
      // A second relation to the middle node frees the second hop to reuse the first.
      Via* v = via->TryEmplace(e.other).first;
      if (v->rel != e.relation) v->multi = true;
      continue;
    }
    if (refused.Contains(e.other)) continue;
    KG_ASSIGN_OR_RETURN(bool ok, NodeOk(ms, e.other, p.nodes[1], row));
    if (!ok) {
      refused.Insert(e.other);
      continue;
    }
    via->Insert(e.other, Via{e.relation, false});
    mids->push_back(e.other);
  }
  return Status::OK();
}

constexpr std::string_view kName = "name";

// The name of `id` as `c.name`'s evaluation gives it when the topology
// copy did not (EvalContext::PeekNodeName): from the record.
Status RecordName(EvalContext& ctx, EntityId id, std::optional<Value>* name) {
  KG_ASSIGN_OR_RETURN(Value v, ctx.NodeProperty(id, std::string(kName)));
  name->emplace(std::move(v));
  return Status::OK();
}

// A names step met a node this statement deleted: `c.name` would fail so.
Status DeletedEnd(MatchState& ms, size_t i) {
  return ms.st->eval.Error(ErrorClass::kEntityNotFound, "DeletedEntityAccess",
                           ms.plan->steps[i].node->span, "the node was deleted");
}

// Whether step i's names go to the sink's rows (MatchOp::RunValues).
bool Collecting(const MatchState& ms, size_t i) {
  return ms.values != nullptr && i + 1 == ms.plan->steps.size();
}

// EndName for a name the topology copy does not hold as a string (`peeked`
// says what it knows): null, or the record's value.
Status OtherEndName(EvalContext& ctx, EntityId id, storage::Transaction::PeekedName peeked,
                    std::optional<Value>* name) {
  if (peeked != storage::Transaction::PeekedName::kNull) return RecordName(ctx, id, name);
  name->emplace();
  return Status::OK();
}

// Node `id`'s name as `c.name` gives it: a string the topology copy holds
// is left in the copy and viewed in `*text` (`*name` stays empty); else
// `*name` is set (OtherEndName). Inline: the names steps call it per end.
[[gnu::always_inline]] inline Status EndName(EvalContext& ctx, EntityId id, std::string_view* text,
                                             std::optional<Value>* name) {
  const auto peeked = ctx.PeekNodeName(id, text);
  if (peeked == storage::Transaction::PeekedName::kString) return Status::OK();
  return OtherEndName(ctx, id, peeked, name);
}

// Appends node `id`'s name (EndName's `text` or `name`) to the sink's rows
// as a row of its own: the result's row as it will stay, a copied name
// made in place from the copy's bytes. Only a copied name is the batch's
// names_of entry.
[[gnu::always_inline]] inline void PushName(MatchState& ms, EntityId id, std::string_view text,
                                            std::optional<Value>&& name) {
  if (ms.names_of_ok) {
    ms.names_of_ok = !name.has_value();
    ms.names_of.push_back(id);
  }
  Row& r = ms.column->emplace_back();
  r.reserve(1);
  if (name) {
    r.emplace_back(std::move(*name));
  } else {
    r.emplace_back(std::string(text));
  }
}

// When the end node pattern accepts `id` (`check_end`: it has labels or
// properties to check; an end pattern with neither accepts every node),
// hands on its name as `c.name` gives it (from the topology copy when the
// transaction has it): to the sink's rows under MatchOp::RunValues, a
// batch at a time, else in a fresh row holding only the name in step i's
// name slot (MatchStep::name_slot: the consumer reads that slot alone, so
// no node is bound, copied or released per row).
Status EmitEndName(MatchState& ms, size_t i, EntityId id, bool check_end, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  EvalContext& ctx = ms.st->eval;
  if (check_end) {
    KG_ASSIGN_OR_RETURN(bool ok, NodeOk(ms, id, *s.node, row));
    if (!ok) return Status::OK();
  }
  if (ctx.IsDeletedNode(id)) return DeletedEnd(ms, i);
  std::string_view text;
  std::optional<Value> name;
  KG_RETURN_IF_ERROR(EndName(ctx, id, &text, &name));
  if (Collecting(ms, i)) {
    PushName(ms, id, text, std::move(name));
    if (ms.column->size() - ms.column_from < ms.column_cap) return Status::OK();
    return FlushNames(ms, i);
  }
  Row out(row.size());  // fresh each time: MatchOp::RunRow moves it on
  out[s.name_slot] = name ? std::move(*name) : Value(std::string(text));
  return Next(ms, i, out);
}

// EmitEndName of each of `ends` for an end pattern that accepts every
// node, under MatchOp::RunValues: the names appended to the sink's rows
// (room made for all of them when the sink wants every row), handed on a
// batch at a time, without a Status per name.
Status AppendEndNames(MatchState& ms, size_t i, std::span<const EntityId> ends) {
  EvalContext& ctx = ms.st->eval;
  Rows& out = *ms.column;
  if (ms.values->Wanted() == SIZE_MAX) {
    out.reserve(out.size() + ends.size());
    if (ms.names_of_ok) ms.names_of.reserve(ms.names_of.size() + ends.size());
  }
  // The names are read kPrefetch ahead of their use: their cache misses
  // overlap instead of each waiting in turn.
  constexpr size_t kPrefetch = 16;
  ctx.txn->PrefetchNames(ends.first(std::min(kPrefetch, ends.size())));
  size_t k = 0;
  while (k < ends.size() && !ms.stop) {
    // Below the batch's size here: a full batch is handed on at once.
    const size_t room = ms.column_cap - (out.size() - ms.column_from);
    const size_t batch_end = k + std::min(room, ends.size() - k);
    for (; k < batch_end; ++k) {
      if (k % kPrefetch == 0 && k + kPrefetch < ends.size())
        ctx.txn->PrefetchNames(
            ends.subspan(k + kPrefetch, std::min(kPrefetch, ends.size() - k - kPrefetch)));
      if (ctx.IsDeletedNode(ends[k])) return DeletedEnd(ms, i);
      std::string_view text;
      std::optional<Value> name;
      KG_RETURN_IF_ERROR(EndName(ctx, ends[k], &text, &name));
      PushName(ms, ends[k], text, std::move(name));
    }
    if (out.size() - ms.column_from >= ms.column_cap) KG_RETURN_IF_ERROR(FlushNames(ms, i));
  }
  return Status::OK();
}

// Whether step i's end node pattern has labels or properties to check.
bool ChecksEnd(const MatchState& ms, size_t i) {
  const BoundNode& end = *ms.plan->steps[i].node;
  return !end.labels.empty() || end.props != nullptr;
}

// Expand(All) under MatchRules::one_hop_name: the far end's name per
// relationship that the filter keeps, in the order Expand binds them.
Status ExpandNames(MatchState& ms, size_t i, EntityId from, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  const BoundRel& r = *s.rel;
  KG_ASSIGN_OR_RETURN(auto edges, Edges(ms, i, from, DirFor(r.dir, s.forward), r.types));
  const bool check_end = ChecksEnd(ms, i);
  if (Collecting(ms, i) && ms.values->Wanted() == SIZE_MAX)
    ms.column->reserve(ms.column->size() + edges.size());
  for (const auto& e : edges) {
    KG_ASSIGN_OR_RETURN(bool ok, RelOk(ms, e.relation, r, row));
    if (!ok) continue;
    KG_RETURN_IF_ERROR(EmitEndName(ms, i, e.other, check_end, row));
    if (ms.stop) break;
  }
  return Status::OK();
}

}  // namespace

Status ExpandStep(MatchState& ms, size_t i, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  const BoundRel& r = *s.rel;
  const Value* from_v = FromNode(s, row);
  if (from_v == nullptr) return Status::OK();
  EntityId from = from_v->as_node().id;
  if (s.name_slot >= 0) return ExpandNames(ms, i, from, row);
  KG_ASSIGN_OR_RETURN(auto edges, Edges(ms, i, from, DirFor(r.dir, s.forward), r.types));
  // An id hint on the far end: edges to any other node cannot match.
  std::vector<EntityId> allowed;
  if (s.value != nullptr) {
    KG_ASSIGN_OR_RETURN(allowed, HintIds(ms, *s.value, row));
  }
  for (const auto& e : edges) {
    if (s.value != nullptr && !std::binary_search(allowed.begin(), allowed.end(), e.other))
      continue;
    if (ms.bound[r.slot]) {
      const Value& rv = row[r.slot];
      if (!rv.is_relationship() || rv.as_relationship().id != e.relation) continue;
    }
    KG_ASSIGN_OR_RETURN(bool ok, RelOk(ms, e.relation, r, row));
    if (!ok) continue;
    bool was_bound = ms.bound[r.slot];
    if (!was_bound) row[r.slot] = EdgeValue(e, from);
    ms.bound[r.slot] = 1;
    ms.used_rels.push_back(e.relation);
    Status st = BindNode(ms, i, *s.node, e.other, row);
    ms.used_rels.pop_back();
    ms.bound[r.slot] = was_bound;
    KG_RETURN_IF_ERROR(st);
    if (ms.stop) break;
  }
  return Status::OK();
}

Status VarExpandStep(MatchState& ms, size_t i, Row& row) {
  const Value* from_v = FromNode(ms.plan->steps[i], row);
  if (from_v == nullptr) return Status::OK();
  ValueList trail;
  return VarLength(ms, i, row, from_v->as_node().id, 0, trail);
}

namespace {

// Binds step i's end node to each of `ends` in turn, until the consumer stops.
Status BindEnds(MatchState& ms, size_t i, std::span<const EntityId> ends, Row& row) {
  for (EntityId id : ends) {
    KG_RETURN_IF_ERROR(BindNode(ms, i, *ms.plan->steps[i].node, id, row));
    if (ms.stop) break;
  }
  return Status::OK();
}

// Hands on the name of each of `ends` (that the end node pattern accepts)
// in step i's name slot (EmitEndName; MatchRules::name_slot: DISTINCT
// c.name alone, no WHERE, ORDER BY or later step).
Status BindEndNames(MatchState& ms, size_t i, std::span<const EntityId> ends, Row& row) {
  const bool check_end = ChecksEnd(ms, i);
  if (Collecting(ms, i) && !check_end) return AppendEndNames(ms, i, ends);
  for (EntityId id : ends) {
    KG_RETURN_IF_ERROR(EmitEndName(ms, i, id, check_end, row));
    if (ms.stop) break;
  }
  return Status::OK();
}

}  // namespace

// Walks to the same end node are indistinguishable to the consumer: a BFS
// of the distinct ends (var_length_ends.cc) replaces the enumeration of
// every trail. Under MatchRules::distinct_end_name the step hands on the
// ends' names instead (MatchStep::name_slot).
Status PruningStep(MatchState& ms, size_t i, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  const Value* from_v = FromNode(s, row);
  if (from_v == nullptr) return Status::OK();
  EndsSearch search(*ms.st);
  KG_RETURN_IF_ERROR(PruningEnds(ms, i, from_v->as_node().id, &search));
  row[s.rel->slot] = Value();
  if (s.name_slot >= 0) return BindEndNames(ms, i, search.ends(), row);
  return BindEnds(ms, i, search.ends(), row);
}

// (a)-->()-->(c) for a duplicate-insensitive consumer: distinct middle nodes,
// then distinct end nodes. A middle node reached by a single relationship must
// not leave by that same relationship (relationship uniqueness). Both hops
// ask the store for the relations the statement's filter keeps only
// (decided beside each adjacency entry), so no relation is looked up again.
Status TwoHopStep(MatchState& ms, size_t i, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  const BoundPatternPart& p = *ms.plan->parts[s.part];
  const BoundRel& r0 = p.rels[0];
  const BoundRel& r1 = p.rels[1];
  const BoundNode& mid = p.nodes[1];
  const Value* from_v = FromNode(s, row);
  if (from_v == nullptr) return Status::OK();
  FlatIdMap<Via> via;
  std::vector<EntityId> mids;
  KG_RETURN_IF_ERROR(MiddleNodes(ms, i, from_v->as_node().id, row, &via, &mids));
  const storage::Transaction& txn = *ms.st->eval.txn;
  DenseIdSet seen;
  std::vector<EntityId> ends;
  const storage::Direction dir1 = DirFor(r1.dir, true);
  for (EntityId m : mids) {
    const Via v = *via.Find(m);
    KG_RETURN_IF_ERROR(ms.st->eval.CheckDeadline());
    NoteExpansion(ms, i, m);
    KG_RETURN_IF_ERROR(
        txn.Expand(m, dir1, r1.types, ms.st->eval.relations, [&](const storage::Edge& e) {
          if (dir1 == storage::Direction::kBoth && !e.outgoing && e.other == m) return true;
          if (!v.multi && e.relation == v.rel) return true;
          if (seen.Insert(e.other)) ends.push_back(e.other);
          return true;
        }));
    KG_RETURN_IF_ERROR(ms.st->CheckRows(ends.size()));
  }
  row[r0.slot] = Value();
  row[r1.slot] = Value();
  row[mid.slot] = Value();
  if (s.name_slot >= 0) return BindEndNames(ms, i, ends, row);
  return BindEnds(ms, i, ends, row);
}

// shortestPath((a)-[*..n]-(b)) with both ends bound by the steps before:
// a bidirectional BFS (path_search.cc), each path bound as a list.
Status ShortestStep(MatchState& ms, size_t i, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  const BoundPatternPart& p = *ms.plan->parts[s.part];
  const BoundRel& r = *s.rel;
  const Value& a = row[s.from->slot];
  const Value& b = row[s.node->slot];
  if (!a.is_node() || !b.is_node()) return Status::OK();
  PathSearchCounts counts;
  PathSearchSpec spec{DirFor(r.dir, true), r.types, r.max_hops, p.kind == PathKind::kAllShortest,
                      ms.profile != nullptr ? &counts : nullptr};
  KG_ASSIGN_OR_RETURN(auto paths, ShortestPaths(*ms.st, a.as_node().id, b.as_node().id, spec));
  if (ms.profile != nullptr) {
    NoteExpansion(ms, i, a.as_node().id, counts.nodes);
    ms.profile->edges[i] += counts.edges;
    ms.profile->degree[i] += counts.degree;
  }
  for (const auto& rels : paths) {
    if (static_cast<int64_t>(rels.size()) < r.min_hops) continue;
    ValueList list;
    for (RelationId id : rels) {
      KG_ASSIGN_OR_RETURN(Value rv, ms.st->eval.RelValue(id));
      list.push_back(std::move(rv));
    }
    row[r.slot] = Value(std::move(list));
    ms.bound[r.slot] = 1;
    Status st = Next(ms, i, row);
    ms.bound[r.slot] = 0;
    KG_RETURN_IF_ERROR(st);
    if (ms.stop) return Status::OK();
  }
  return Status::OK();
}

// Builds the path value of a fully bound part.
Status ProjectPathStep(MatchState& ms, size_t i, Row& row) {
  const BoundPatternPart& p = *ms.plan->parts[ms.plan->steps[i].part];
  auto path = std::make_shared<Path>();
  const Value& first = row[p.nodes[0].slot];
  if (!first.is_node()) return Status::Internal("path start is not a node");
  KG_ASSIGN_OR_RETURN(auto n0, ms.st->eval.Node(first.as_node().id));
  path->nodes.push_back(*n0);
  EntityId cur = n0->id;
  for (const auto& r : p.rels) {
    const Value& rv = row[r.slot];
    ValueList single;
    const ValueList* rels = &single;
    if (rv.is_list())
      rels = &rv.as_list();
    else
      single.push_back(rv);
    for (const auto& x : *rels) {
      KG_ASSIGN_OR_RETURN(auto rel, ms.st->eval.Rel(x.as_relationship().id));
      path->rels.push_back(*rel);
      cur = rel->start == cur ? rel->end : rel->start;
      KG_ASSIGN_OR_RETURN(auto n, ms.st->eval.Node(cur));
      path->nodes.push_back(*n);
    }
  }
  row[p.path_slot] = Value(std::shared_ptr<const Path>(std::move(path)));
  return Next(ms, i, row);
}

}  // namespace kg::query::internal
