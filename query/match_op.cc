// Pattern matching: start-node choice (bound variable, name-index seek, label
// scan, full scan), expansion along the pattern through Transaction::Expand,
// variable-length trails, shortest paths, named paths, relationship
// uniqueness within one MATCH, WHERE and OPTIONAL semantics.
#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "query/internal/catalog.h"
#include "query/internal/compare.h"
#include "query/internal/executor.h"
#include "query/internal/limits.h"

namespace kg::query::internal {

struct MatchOp::Impl {
  std::vector<const PatternPart*> parts;
  const Expr* where = nullptr;
  bool optional = false;
  const SourceText* src = nullptr;
  bool distinct_ends_only = false;
  bool distinct_two_hop = false;
  std::vector<std::pair<int, const Expr*>>
      name_hints;  // node slot -> value expr (WHERE n.name = x)
  // node slot -> value expr (WHERE id(n) = x, or a list: WHERE id(n) IN x)
  std::vector<std::pair<int, const Expr*>> id_hints;
  std::vector<int> new_slots;  // slots this clause introduces
};

namespace {

// Mutable state of one row's matching.
struct MatchState {
  ExecState* st;
  const MatchOp::Impl* impl;
  std::vector<char> bound;
  std::vector<RelationId> used_rels;
  const std::function<Status(Row&, bool*)>* emit;
  bool stop = false;
};

storage::Direction DirFor(RelDir d, bool forward) {
  if (d == RelDir::kBoth) return storage::Direction::kBoth;
  bool out = (d == RelDir::kRight) == forward;
  return out ? storage::Direction::kOutgoing : storage::Direction::kIncoming;
}

Result<bool> PropsMatch(MatchState& ms, const Expr* props, const PropertyMap& have, Row& row) {
  if (props == nullptr) return true;
  KG_ASSIGN_OR_RETURN(Value want, Eval(*props, row, ms.st->eval));
  if (want.is_null()) return true;
  if (!want.is_map())
    return ms.st->eval.TypeError(props->span, "properties in a pattern must be a map");
  for (const auto& [k, v] : want.as_map()) {
    auto it = have.find(k);
    if (it == have.end()) return false;
    if (!CypherEquals(it->second, v).value_or(false)) return false;
  }
  return true;
}

Result<bool> NodeOk(MatchState& ms, EntityId id, const NodePattern& n, Row& row) {
  if (n.labels.empty() && !n.props) return true;
  auto node = ms.st->eval.Node(id);
  if (!node.ok())
    return node.status().code() == StatusCode::kNotFound ? Result<bool>(false) : node.status();
  for (const auto& l : n.labels)
    if (!(*node)->HasLabel(l)) return false;
  return PropsMatch(ms, n.props.get(), (*node)->properties, row);
}

Result<bool> RelOk(MatchState& ms, RelationId id, const RelPattern& r, Row& row) {
  if (std::find(ms.used_rels.begin(), ms.used_rels.end(), id) != ms.used_rels.end()) return false;
  KG_ASSIGN_OR_RETURN(bool valid, RelFiltered(*ms.st, id));
  if (!valid) return false;
  if (!r.props) return true;
  KG_ASSIGN_OR_RETURN(auto rel, ms.st->eval.Rel(id));
  return PropsMatch(ms, r.props.get(), rel->properties, row);
}

// The ids an id hint's value names: an integer, or a list of them (3.0 =
// 3 in Cypher); anything else names no node, as id(n) = it is never true.
// Sorted, without duplicates, not checked to exist. The WHERE still runs on
// every match.
Result<std::vector<EntityId>> HintIds(MatchState& ms, const Expr& hint, Row& row) {
  KG_ASSIGN_OR_RETURN(Value v, Eval(hint, row, ms.st->eval));
  std::vector<EntityId> ids;
  auto add = [&](const Value& x) {
    if (x.is_int() && x.as_int() >= 0) ids.push_back(static_cast<EntityId>(x.as_int()));
    if (x.is_double() && x.as_double() >= 0 && x.as_double() < 9.0e18 &&
        x.as_double() == static_cast<double>(static_cast<int64_t>(x.as_double())))
      ids.push_back(static_cast<EntityId>(x.as_double()));
  };
  if (v.is_list()) {
    for (const Value& x : v.as_list()) add(x);
  } else {
    add(v);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  KG_RETURN_IF_ERROR(ms.st->CheckRows(ids.size()));
  return ids;
}

// The id hint on this node pattern's variable, if any.
const Expr* IdHint(const MatchState& ms, const NodePattern& n) {
  for (const auto& [slot, e] : ms.impl->id_hints)
    if (slot == n.slot) return e;
  return nullptr;
}

Result<std::vector<storage::Edge>> Edges(MatchState& ms, EntityId from, storage::Direction dir,
                                         const std::vector<std::string>& types) {
  std::vector<storage::Edge> edges;
  KG_RETURN_IF_ERROR(ms.st->eval.CheckDeadline());
  KG_RETURN_IF_ERROR(ms.st->eval.txn->Expand(from, dir, types, [&](const storage::Edge& e) {
    // An undirected self-loop is reported once per direction; keep one.
    if (dir == storage::Direction::kBoth && !e.outgoing && e.other == from) return true;
    edges.push_back(e);
    return true;
  }));
  return edges;
}

Status MatchPart(MatchState& ms, size_t pi, Row& row);

// The relationship of an adjacency entry seen from `at`, without reading its record.
Value EdgeValue(const storage::Edge& e, EntityId at) {
  return e.outgoing ? EvalContext::RelRef(e.relation, e.type, at, e.other)
                    : EvalContext::RelRef(e.relation, e.type, e.other, at);
}

// Builds the path value of a fully bound part.
Status BindPath(MatchState& ms, const PatternPart& p, Row& row) {
  if (p.path_slot < 0) return Status::OK();
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
  return Status::OK();
}

// Steps of a part from its start node: rels to the right, then to the left.
struct Step {
  size_t rel;
  size_t from, to;
  bool forward;
};

Status Expand(MatchState& ms, size_t pi, const std::vector<Step>& steps, size_t si, Row& row);

Status BindNodeThen(MatchState& ms, size_t pi, const std::vector<Step>& steps, size_t si,
                    const NodePattern& n, EntityId id, Row& row) {
  int slot = n.slot;
  if (ms.bound[slot]) {
    const Value& v = row[slot];
    if (!v.is_node() || v.as_node().id != id) return Status::OK();
    KG_ASSIGN_OR_RETURN(bool ok, NodeOk(ms, id, n, row));
    if (!ok) return Status::OK();
    return Expand(ms, pi, steps, si, row);
  }
  KG_ASSIGN_OR_RETURN(bool ok, NodeOk(ms, id, n, row));
  if (!ok) return Status::OK();
  row[slot] = EvalContext::NodeRef(id);
  ms.bound[slot] = 1;
  Status s = Expand(ms, pi, steps, si, row);
  ms.bound[slot] = 0;
  return s;
}

Status VarLength(MatchState& ms, size_t pi, const std::vector<Step>& steps, size_t si, Row& row,
                 EntityId at, int64_t depth, ValueList& trail) {
  const PatternPart& p = *ms.impl->parts[pi];
  const Step& step = steps[si];
  const RelPattern& r = p.rels[step.rel];
  if (depth >= r.min_hops) {
    ValueList rels = trail;
    if (!step.forward) std::reverse(rels.begin(), rels.end());
    row[r.slot] = Value(std::move(rels));
    ms.bound[r.slot] = 1;
    Status s = BindNodeThen(ms, pi, steps, si + 1, p.nodes[step.to], at, row);
    ms.bound[r.slot] = 0;
    KG_RETURN_IF_ERROR(s);
    if (ms.stop) return Status::OK();
  }
  if (r.max_hops >= 0 && depth >= r.max_hops) return Status::OK();
  KG_ASSIGN_OR_RETURN(auto edges, Edges(ms, at, DirFor(r.dir, step.forward), r.types));
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
    Status s = VarLength(ms, pi, steps, si, row, e.other, depth + 1, trail);
    ms.used_rels.pop_back();
    trail.pop_back();
    KG_RETURN_IF_ERROR(s);
    if (ms.stop) return Status::OK();
  }
  return Status::OK();
}

Status DistinctEnds(MatchState& ms, size_t pi, const std::vector<Step>& steps, size_t si, Row& row,
                    EntityId at) {
  const PatternPart& p = *ms.impl->parts[pi];
  const Step& step = steps[si];
  const RelPattern& r = p.rels[step.rel];
  PathSearchSpec spec{DirFor(r.dir, step.forward), r.types, r.max_hops, false};
  KG_ASSIGN_OR_RETURN(auto ends, ReachableNodes(*ms.st, at, spec, r.min_hops));
  row[r.slot] = Value();
  for (EntityId id : ends) {
    KG_RETURN_IF_ERROR(BindNodeThen(ms, pi, steps, si + 1, p.nodes[step.to], id, row));
    if (ms.stop) break;
  }
  return Status::OK();
}

// (a)-->()-->(c) for a duplicate-insensitive consumer: distinct middle nodes,
// then distinct end nodes. A middle node reached by a single relationship must
// not leave by that same relationship (relationship uniqueness).
Status DistinctTwoHop(MatchState& ms, size_t pi, const std::vector<Step>& steps, Row& row,
                      EntityId from) {
  const PatternPart& p = *ms.impl->parts[pi];
  const RelPattern& r0 = p.rels[0];
  const RelPattern& r1 = p.rels[1];
  const NodePattern& mid = p.nodes[1];
  struct Via {
    RelationId rel;
    bool multi;
  };
  std::unordered_map<EntityId, Via> via;
  std::vector<EntityId> mids;
  KG_ASSIGN_OR_RETURN(auto edges0, Edges(ms, from, DirFor(r0.dir, true), r0.types));
  for (const auto& e : edges0) {
    auto it = via.find(e.other);
    if (it != via.end()) {
      // A second relation to the middle node frees the second hop to reuse
      // the first; under a RelationFilter only one the filter keeps does.
      if (it->second.rel != e.relation && !it->second.multi) {
        KG_ASSIGN_OR_RETURN(bool kept, RelFiltered(*ms.st, e.relation));
        if (kept) it->second.multi = true;
      }
      continue;
    }
    KG_ASSIGN_OR_RETURN(bool ok, RelOk(ms, e.relation, r0, row));
    if (!ok) continue;
    KG_ASSIGN_OR_RETURN(bool nok, NodeOk(ms, e.other, mid, row));
    if (!nok) continue;
    via.emplace(e.other, Via{e.relation, false});
    mids.push_back(e.other);
  }
  std::unordered_set<EntityId> seen;
  std::vector<EntityId> ends;
  const storage::Direction dir1 = DirFor(r1.dir, true);
  const bool filtered = !ms.st->eval.relations.empty();
  std::vector<std::pair<EntityId, RelationId>> candidates;  // (end, relation) to filter
  for (EntityId m : mids) {
    const Via& v = via[m];
    KG_RETURN_IF_ERROR(ms.st->eval.CheckDeadline());
    candidates.clear();
    Status s = ms.st->eval.txn->Expand(m, dir1, r1.types, [&](const storage::Edge& e) {
      if (dir1 == storage::Direction::kBoth && !e.outgoing && e.other == m) return true;
      if (!v.multi && e.relation == v.rel) return true;
      if (seen.count(e.other)) return true;
      if (filtered) {
        candidates.emplace_back(e.other, e.relation);
        return true;
      }
      seen.insert(e.other);
      ends.push_back(e.other);
      return true;
    });
    KG_RETURN_IF_ERROR(s);
    for (const auto& [end, rel] : candidates) {
      if (seen.count(end)) continue;
      KG_ASSIGN_OR_RETURN(bool kept, RelFiltered(*ms.st, rel));
      if (!kept) continue;
      seen.insert(end);
      ends.push_back(end);
    }
    KG_RETURN_IF_ERROR(ms.st->CheckRows(ends.size()));
  }
  row[r0.slot] = Value();
  row[r1.slot] = Value();
  row[mid.slot] = Value();
  for (EntityId id : ends) {
    KG_RETURN_IF_ERROR(BindNodeThen(ms, pi, steps, 2, p.nodes[2], id, row));
    if (ms.stop) break;
  }
  return Status::OK();
}

Status Expand(MatchState& ms, size_t pi, const std::vector<Step>& steps, size_t si, Row& row) {
  if (ms.stop) return Status::OK();
  const PatternPart& p = *ms.impl->parts[pi];
  if (si == steps.size()) {
    KG_RETURN_IF_ERROR(BindPath(ms, p, row));
    return MatchPart(ms, pi + 1, row);
  }
  const Step& step = steps[si];
  const RelPattern& r = p.rels[step.rel];
  const Value& from_v = row[p.nodes[step.from].slot];
  if (!from_v.is_node()) return Status::OK();
  EntityId from = from_v.as_node().id;
  if (si == 0 && ms.impl->distinct_two_hop && steps.size() == 2 && steps[0].forward &&
      steps[1].forward)
    return DistinctTwoHop(ms, pi, steps, row, from);
  if (r.var_length) {
    if (ms.impl->distinct_ends_only) return DistinctEnds(ms, pi, steps, si, row, from);
    ValueList trail;
    return VarLength(ms, pi, steps, si, row, from, 0, trail);
  }
  KG_ASSIGN_OR_RETURN(auto edges, Edges(ms, from, DirFor(r.dir, step.forward), r.types));
  // An id hint on the far end: edges to any other node cannot match.
  const NodePattern& to = p.nodes[step.to];
  const Expr* hint = ms.bound[to.slot] ? nullptr : IdHint(ms, to);
  std::vector<EntityId> allowed;
  if (hint != nullptr) {
    KG_ASSIGN_OR_RETURN(allowed, HintIds(ms, *hint, row));
  }
  for (const auto& e : edges) {
    if (hint != nullptr && !std::binary_search(allowed.begin(), allowed.end(), e.other)) continue;
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
    Status s = BindNodeThen(ms, pi, steps, si + 1, p.nodes[step.to], e.other, row);
    ms.used_rels.pop_back();
    ms.bound[r.slot] = was_bound;
    KG_RETURN_IF_ERROR(s);
    if (ms.stop) break;
  }
  return Status::OK();
}

// Candidate start nodes for a node pattern that is not bound yet.
Result<std::vector<EntityId>> Candidates(MatchState& ms, const NodePattern& n, Row& row) {
  if (const Expr* hint = IdHint(ms, n)) {
    KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, HintIds(ms, *hint, row));
    std::vector<EntityId> live;
    for (EntityId id : ids) {
      KG_ASSIGN_OR_RETURN(bool exists, ms.st->eval.txn->EntityExists(id));
      if (exists) live.push_back(id);
    }
    return live;
  }
  std::vector<EntityId> ids;
  const Expr* name_expr = nullptr;
  if (n.props && n.props->kind == ExprKind::kMap) {
    for (size_t i = 0; i < n.props->keys.size(); ++i) {
      const Expr* v = n.props->args[i].get();
      if (n.props->keys[i] == "name" &&
          (v->kind == ExprKind::kLiteral || v->kind == ExprKind::kParam))
        name_expr = v;
    }
  }
  for (const auto& [slot, e] : ms.impl->name_hints)
    if (slot == n.slot && name_expr == nullptr) name_expr = e;
  if (name_expr != nullptr) {
    KG_ASSIGN_OR_RETURN(Value name, Eval(*name_expr, row, ms.st->eval));
    if (name.is_null()) return ids;
    if (name.is_string()) return ms.st->eval.txn->FindByName(name.as_string());
  }
  std::string label = n.labels.empty() ? "" : n.labels[0];
  Status s = ms.st->eval.txn->ScanEntities(label, [&](EntityId id) {
    ids.push_back(id);
    return true;
  });
  KG_RETURN_IF_ERROR(s);
  KG_RETURN_IF_ERROR(ms.st->CheckRows(ids.size()));
  return ids;
}

size_t ChooseStart(MatchState& ms, const PatternPart& p) {
  for (size_t i = 0; i < p.nodes.size(); ++i)
    if (ms.bound[p.nodes[i].slot]) return i;
  for (size_t i = 0; i < p.nodes.size(); ++i)
    for (const auto& h : ms.impl->id_hints)
      if (h.first == p.nodes[i].slot) return i;
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    const auto& n = p.nodes[i];
    if (n.props && n.props->kind == ExprKind::kMap &&
        std::find(n.props->keys.begin(), n.props->keys.end(), "name") != n.props->keys.end())
      return i;
    for (const auto& h : ms.impl->name_hints)
      if (h.first == n.slot) return i;
  }
  for (size_t i = 0; i < p.nodes.size(); ++i)
    if (!p.nodes[i].labels.empty()) return i;
  return 0;
}

Status ShortestPart(MatchState& ms, size_t pi, Row& row);

Status MatchPart(MatchState& ms, size_t pi, Row& row) {
  if (ms.stop) return Status::OK();
  if (pi == ms.impl->parts.size()) {
    if (ms.impl->where) {
      KG_ASSIGN_OR_RETURN(bool keep, EvalPredicate(*ms.impl->where, row, ms.st->eval));
      if (!keep) return Status::OK();
    }
    bool more = true;
    KG_RETURN_IF_ERROR((*ms.emit)(row, &more));
    if (!more) ms.stop = true;
    return Status::OK();
  }
  const PatternPart& p = *ms.impl->parts[pi];
  if (p.kind != PathKind::kNormal) return ShortestPart(ms, pi, row);
  size_t s = ChooseStart(ms, p);
  std::vector<Step> steps;
  for (size_t i = s; i < p.rels.size(); ++i) steps.push_back({i, i, i + 1, true});
  for (size_t i = s; i > 0; --i) steps.push_back({i - 1, i, i - 1, false});
  const NodePattern& start = p.nodes[s];
  if (ms.bound[start.slot]) {
    const Value& v = row[start.slot];
    if (!v.is_node()) return Status::OK();
    return BindNodeThen(ms, pi, steps, 0, start, v.as_node().id, row);
  }
  KG_ASSIGN_OR_RETURN(auto ids, Candidates(ms, start, row));
  for (EntityId id : ids) {
    KG_RETURN_IF_ERROR(ms.st->eval.CheckDeadline());
    KG_RETURN_IF_ERROR(BindNodeThen(ms, pi, steps, 0, start, id, row));
    if (ms.stop) break;
  }
  return Status::OK();
}

// shortestPath((a)-[*..n]-(b)): bind both ends, then bidirectional BFS.
Status ShortestPart(MatchState& ms, size_t pi, Row& row) {
  const PatternPart& p = *ms.impl->parts[pi];
  const NodePattern& a = p.nodes[0];
  const NodePattern& b = p.nodes[1];
  const RelPattern& r = p.rels[0];
  auto ends = [&](const NodePattern& n) -> Result<std::vector<EntityId>> {
    if (ms.bound[n.slot]) {
      const Value& v = row[n.slot];
      if (!v.is_node()) return std::vector<EntityId>{};
      return std::vector<EntityId>{v.as_node().id};
    }
    return Candidates(ms, n, row);
  };
  KG_ASSIGN_OR_RETURN(auto as, ends(a));
  KG_ASSIGN_OR_RETURN(auto bs, ends(b));
  PathSearchSpec spec{DirFor(r.dir, true), r.types, r.max_hops, p.kind == PathKind::kAllShortest};
  for (EntityId x : as) {
    KG_ASSIGN_OR_RETURN(bool ax, NodeOk(ms, x, a, row));
    if (!ax) continue;
    KG_ASSIGN_OR_RETURN(row[a.slot], ms.st->eval.NodeValue(x));
    for (EntityId y : bs) {
      KG_ASSIGN_OR_RETURN(bool by, NodeOk(ms, y, b, row));
      if (!by) continue;
      KG_ASSIGN_OR_RETURN(row[b.slot], ms.st->eval.NodeValue(y));
      KG_ASSIGN_OR_RETURN(auto paths, ShortestPaths(*ms.st, x, y, spec));
      for (const auto& rels : paths) {
        if (static_cast<int64_t>(rels.size()) < r.min_hops) continue;
        ValueList list;
        for (RelationId id : rels) {
          KG_ASSIGN_OR_RETURN(Value rv, ms.st->eval.RelValue(id));
          list.push_back(std::move(rv));
        }
        row[r.slot] = Value(std::move(list));
        KG_RETURN_IF_ERROR(BindPath(ms, p, row));
        KG_RETURN_IF_ERROR(MatchPart(ms, pi + 1, row));
        if (ms.stop) return Status::OK();
      }
    }
  }
  return Status::OK();
}

void CollectNameHints(const Expr* where, std::vector<std::pair<int, const Expr*>>* out) {
  if (where == nullptr) return;
  if (where->kind == ExprKind::kAnd) {
    CollectNameHints(where->args[0].get(), out);
    CollectNameHints(where->args[1].get(), out);
    return;
  }
  if (where->kind != ExprKind::kEq) return;
  for (int i = 0; i < 2; ++i) {
    const Expr* prop = where->args[i].get();
    const Expr* val = where->args[1 - i].get();
    if (prop->kind == ExprKind::kProperty && prop->name == "name" &&
        prop->args[0]->kind == ExprKind::kVar &&
        (val->kind == ExprKind::kLiteral || val->kind == ExprKind::kParam))
      out->emplace_back(prop->args[0]->slot, val);
  }
}

// WHERE id(n) = x and id(n) IN x (x a literal or parameter) among the
// conjuncts: the node can start from those ids instead of a scan.
void CollectIdHints(const Expr* where, std::vector<std::pair<int, const Expr*>>* out) {
  if (where == nullptr) return;
  if (where->kind == ExprKind::kAnd) {
    CollectIdHints(where->args[0].get(), out);
    CollectIdHints(where->args[1].get(), out);
    return;
  }
  if (where->kind != ExprKind::kEq && where->kind != ExprKind::kIn) return;
  auto id_of_var = [](const Expr* e) {
    static const FunctionDef* const kId = FindFunction("id");
    if (e->kind != ExprKind::kCall || e->function != kId) return -1;
    return e->args[0]->kind == ExprKind::kVar ? e->args[0]->slot : -1;
  };
  auto constant = [](const Expr* e) {
    return e->kind == ExprKind::kLiteral || e->kind == ExprKind::kParam;
  };
  for (int i = 0; i < (where->kind == ExprKind::kEq ? 2 : 1); ++i) {
    int slot = id_of_var(where->args[i].get());
    const Expr* val = where->args[1 - i].get();
    if (slot >= 0 && constant(val)) out->emplace_back(slot, val);
  }
}

}  // namespace

MatchOp::MatchOp(std::vector<const PatternPart*> parts, const Expr* where, bool optional,
                 const SourceText* src, bool distinct_ends_only, bool distinct_two_hop)
    : impl_(std::make_shared<Impl>()) {
  impl_->distinct_two_hop = distinct_two_hop;
  impl_->parts = std::move(parts);
  impl_->where = where;
  impl_->optional = optional;
  impl_->src = src;
  impl_->distinct_ends_only = distinct_ends_only;
  CollectNameHints(where, &impl_->name_hints);
  CollectIdHints(where, &impl_->id_hints);
  for (const PatternPart* p : impl_->parts) {
    for (const auto& n : p->nodes)
      if (!n.bound_before) impl_->new_slots.push_back(n.slot);
    for (const auto& r : p->rels)
      if (!r.bound_before) impl_->new_slots.push_back(r.slot);
    if (p->path_slot >= 0) impl_->new_slots.push_back(p->path_slot);
  }
}

std::string MatchOp::name() const { return impl_->optional ? "OptionalMatch" : "Match"; }

std::string MatchOp::details() const {
  std::string out;
  for (const PatternPart* p : impl_->parts) {
    if (!out.empty()) out += ", ";
    out += impl_->src->text.substr(p->span.begin, p->span.end - p->span.begin);
  }
  if (!impl_->name_hints.empty()) out += " [name index seek]";
  if (!impl_->id_hints.empty()) out += " [id seek]";
  if (impl_->distinct_ends_only) out += " [BFS distinct ends]";
  if (impl_->distinct_two_hop) out += " [distinct two-hop]";
  if (impl_->where)
    out += " WHERE " + impl_->src->text.substr(impl_->where->span.begin,
                                               impl_->where->span.end - impl_->where->span.begin);
  return out;
}

Status MatchOp::MatchRow(ExecState& st, Row& row,
                         const std::function<Status(Row&, bool*)>& emit) const {
  MatchState ms{&st, impl_.get(), std::vector<char>(st.num_slots, 0), {}, &emit, false};
  for (const PatternPart* p : impl_->parts) {
    for (const auto& n : p->nodes)
      if (n.bound_before) ms.bound[n.slot] = 1;
    for (const auto& r : p->rels)
      if (r.bound_before) ms.bound[r.slot] = 1;
  }
  return MatchPart(ms, 0, row);
}

Status MatchOp::RunRow(ExecState& st, Row& row, const std::function<Status(Row&)>& emit) const {
  bool matched = false;
  Row work = row;
  KG_RETURN_IF_ERROR(MatchRow(st, work, [&](Row& r, bool* more) {
    matched = true;
    Row copy = r;  // the next operator may change it; `r` is still matching
    Status s = emit(copy);
    *more = !st.sink_full;  // stop once the sink has all it needs
    return s;
  }));
  if (!matched && impl_->optional) {
    for (int s : impl_->new_slots) row[s] = Value();
    return emit(row);
  }
  return Status::OK();
}

Status MatchOp::Run(ExecState& st, Rows& in, Rows* out) const {
  for (Row& row : in) {
    KG_RETURN_IF_ERROR(RunRow(st, row, [&](Row& r) {
      KG_RETURN_IF_ERROR(st.eval.memory.Charge(ApproxBytes(r)));
      out->push_back(std::move(r));
      return st.CheckRows(out->size());
    }));
  }
  return Status::OK();
}

}  // namespace kg::query::internal
