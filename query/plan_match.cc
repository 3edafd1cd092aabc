// The planner's access paths for one MATCH: where each pattern part starts
// (a bound node, an id seek, a name-index seek, a label scan, all nodes),
// how each relationship is walked (Expand, VarLengthExpand, the BFS rules,
// shortest paths), then the named paths and the WHERE. Which variables are
// bound is followed step by step as the operator will bind them, so a
// step's Into/All and a part's start are known here, not at run time.
#include <algorithm>
#include <set>

#include "query/internal/catalog.h"
#include "query/internal/match_plan.h"

namespace kg::query::internal {
namespace {

// A WHERE conjunct that names a node's name or id by a constant.
struct Hint {
  int slot;                   // the node's
  const BoundExpr* value;     // the constant
  const BoundExpr* conjunct;  // n.name = value, id(n) = value, id(n) IN value
};
using Hints = std::vector<Hint>;

std::string Text(const SourceText& src, Span s) {
  return src.text.substr(s.begin, s.end - s.begin);
}

bool Constant(const BoundExpr* e) {
  return e->kind == ExprKind::kLiteral || e->kind == ExprKind::kParam;
}

// WHERE n.name = x (x a literal or parameter) among the conjuncts.
void CollectNameHints(const BoundExpr* where, Hints* out) {
  if (where == nullptr) return;
  if (where->kind == ExprKind::kAnd) {
    CollectNameHints(where->args[0].get(), out);
    CollectNameHints(where->args[1].get(), out);
    return;
  }
  if (where->kind != ExprKind::kEq) return;
  for (int i = 0; i < 2; ++i) {
    const BoundExpr* prop = where->args[i].get();
    const BoundExpr* val = where->args[1 - i].get();
    if (prop->kind == ExprKind::kProperty && prop->name == "name" &&
        prop->args[0]->kind == ExprKind::kVar && Constant(val))
      out->push_back({prop->args[0]->slot, val, where});
  }
}

// WHERE id(n) = x and id(n) IN x (x a literal or parameter) among the
// conjuncts: the node can start from those ids instead of a scan.
void CollectIdHints(const BoundExpr* where, Hints* out) {
  if (where == nullptr) return;
  if (where->kind == ExprKind::kAnd) {
    CollectIdHints(where->args[0].get(), out);
    CollectIdHints(where->args[1].get(), out);
    return;
  }
  if (where->kind != ExprKind::kEq && where->kind != ExprKind::kIn) return;
  auto id_of_var = [](const BoundExpr* e) {
    static const FunctionDef* const kId = FindFunction("id");
    if (e->kind != ExprKind::kCall || e->function != kId) return -1;
    return e->args[0]->kind == ExprKind::kVar ? e->args[0]->slot : -1;
  };
  for (int i = 0; i < (where->kind == ExprKind::kEq ? 2 : 1); ++i) {
    int slot = id_of_var(where->args[i].get());
    const BoundExpr* val = where->args[1 - i].get();
    if (slot >= 0 && Constant(val)) out->push_back({slot, val, where});
  }
}

const Hint* HintFor(const Hints& hints, int slot) {
  for (const Hint& h : hints)
    if (h.slot == slot) return &h;
  return nullptr;
}

// The planner's state while it lays out the steps of one MATCH.
struct Planner {
  const SourceText& src;
  MatchPlan plan;
  MatchRules rules;
  Hints name_hints, id_hints;
  std::set<int> bound;

  std::string Var(const BoundNode& n) const { return n.var.empty() ? "()" : "(" + n.var + ")"; }

  // The name value a node pattern's own properties give ({name: literal}).
  const BoundExpr* NameInProps(const BoundNode& n) const {
    const BoundExpr* found = nullptr;
    if (!n.props || n.props->kind != ExprKind::kMap) return nullptr;
    for (size_t i = 0; i < n.props->keys.size(); ++i)
      if (n.props->keys[i] == "name" && Constant(n.props->args[i].get()))
        found = n.props->args[i].get();
    return found;
  }

  // Where a part starts: a bound node, else one with an id hint, else one
  // whose name is given, else one with a label, else the first.
  size_t ChooseStart(const BoundPatternPart& p) const {
    for (size_t i = 0; i < p.nodes.size(); ++i)
      if (bound.count(p.nodes[i].slot)) return i;
    for (size_t i = 0; i < p.nodes.size(); ++i)
      if (HintFor(id_hints, p.nodes[i].slot)) return i;
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      const auto& n = p.nodes[i];
      if (n.props && n.props->kind == ExprKind::kMap &&
          std::find(n.props->keys.begin(), n.props->keys.end(), "name") != n.props->keys.end())
        return i;
      if (HintFor(name_hints, n.slot)) return i;
    }
    for (size_t i = 0; i < p.nodes.size(); ++i)
      if (!p.nodes[i].labels.empty()) return i;
    return 0;
  }

  // The step that binds a node from nothing (or takes it from the row).
  void AccessNode(size_t pi, const BoundNode& n) {
    MatchStep s;
    s.part = pi;
    s.node = &n;
    s.label = n.labels.empty() ? "" : n.labels[0];
    s.details = Text(src, n.span);
    // One access path: its kind, its name in EXPLAIN, the value it seeks
    // and the WHERE conjunct that supplied that value, if one did.
    auto use = [&](StepKind kind, const char* name, const BoundExpr* value = nullptr,
                   const Hint* from = nullptr) {
      s.kind = kind;
      s.name = name;
      s.value = value;
      if (from != nullptr) s.details += " WHERE " + Text(src, from->conjunct->span);
    };
    if (bound.count(n.slot)) {
      use(StepKind::kArgument, "Argument");
    } else if (const Hint* ids = HintFor(id_hints, n.slot)) {
      use(StepKind::kIdSeek, "NodeByIdSeek", ids->value, ids);
    } else if (const BoundExpr* name = NameInProps(n)) {
      use(StepKind::kIndexSeek, "NodeIndexSeek", name);
    } else if (const Hint* h = HintFor(name_hints, n.slot)) {
      use(StepKind::kIndexSeek, "NodeIndexSeek", h->value, h);
    } else if (!s.label.empty()) {
      use(StepKind::kLabelScan, "NodeByLabelScan");
    } else {
      use(StepKind::kAllNodesScan, "AllNodesScan");
    }
    bound.insert(n.slot);
    plan.steps.push_back(std::move(s));
  }

  std::string RelText(const BoundRel& r, bool forward) const {
    std::string in = r.var;
    for (size_t i = 0; i < r.types.size(); ++i) in += (i ? "|" : ":") + r.types[i];
    if (r.var_length)
      in += "*" + std::to_string(r.min_hops) + ".." +
            (r.max_hops >= 0 ? std::to_string(r.max_hops) : "");
    if (r.props) in += " " + Text(src, r.props->span);
    std::string body = in.empty() ? "--" : "-[" + in + "]-";
    if (r.dir == RelDir::kBoth) return body;
    return (r.dir == RelDir::kRight) == forward ? body + ">" : "<" + body;
  }

  void ExpandRel(size_t pi, const BoundPatternPart& p, size_t ri, bool forward) {
    const BoundRel& r = p.rels[ri];
    MatchStep s;
    s.part = pi;
    s.rel = &r;
    s.forward = forward;
    s.from = &p.nodes[forward ? ri : ri + 1];
    s.node = &p.nodes[forward ? ri + 1 : ri];
    s.into = bound.count(s.node->slot) > 0;
    s.details = Var(*s.from) + RelText(r, forward) + Text(src, s.node->span);
    if (r.var_length && rules.distinct_ends && !s.into && s.node->slot == rules.count_node) {
      s.kind = StepKind::kVarExpandCount;
      s.name = "VarLengthExpand(Count)";
      s.count_slot = rules.count_slot;
    } else if (r.var_length && rules.distinct_ends) {
      s.kind = StepKind::kVarExpandPruning;
      s.name = "VarLengthExpand(Pruning)";
      if (rules.distinct_end_name && !s.into && s.node->slot == rules.name_node)
        s.name_slot = rules.name_slot;
    } else if (r.var_length) {
      s.kind = StepKind::kVarExpand;
      s.name = s.into ? "VarLengthExpand(Into)" : "VarLengthExpand(All)";
    } else {
      s.kind = StepKind::kExpand;
      s.name = s.into ? "Expand(Into)" : "Expand(All)";
      const Hint* h = s.into ? nullptr : HintFor(id_hints, s.node->slot);
      s.value = h ? h->value : nullptr;
      if (h != nullptr) s.details += " WHERE " + Text(src, h->conjunct->span);
      if (rules.one_hop_name && !s.into && h == nullptr && s.node->slot == rules.name_node)
        s.name_slot = rules.name_slot;
    }
    bound.insert(r.slot);
    bound.insert(s.node->slot);
    plan.steps.push_back(std::move(s));
  }

  // (a)-->()-->(c) from a, both hops forward: one step for the two.
  void TwoHop(size_t pi, const BoundPatternPart& p) {
    MatchStep s;
    s.kind = StepKind::kTwoHopDistinct;
    s.name = "TwoHopExpand(Distinct)";
    s.part = pi;
    s.from = &p.nodes[0];
    s.node = &p.nodes[2];
    s.details = Var(p.nodes[0]) + RelText(p.rels[0], true) + Text(src, p.nodes[1].span) +
                RelText(p.rels[1], true) + Text(src, p.nodes[2].span);
    s.name_slot = rules.name_slot;
    for (int slot : {p.rels[0].slot, p.rels[1].slot, p.nodes[1].slot, p.nodes[2].slot})
      bound.insert(slot);
    plan.steps.push_back(std::move(s));
  }

  void NormalPart(size_t pi, const BoundPatternPart& p) {
    size_t start = ChooseStart(p);
    AccessNode(pi, p.nodes[start]);
    if (start == 0 && rules.distinct_two_hop && p.rels.size() == 2) {
      TwoHop(pi, p);
      return;
    }
    for (size_t i = start; i < p.rels.size(); ++i) ExpandRel(pi, p, i, true);
    for (size_t i = start; i > 0; --i) ExpandRel(pi, p, i - 1, false);
  }

  void ShortestPart(size_t pi, const BoundPatternPart& p) {
    AccessNode(pi, p.nodes[0]);
    AccessNode(pi, p.nodes[1]);
    MatchStep s;
    s.kind = StepKind::kShortestPath;
    s.name = "ShortestPath(BFS)";
    s.part = pi;
    s.rel = &p.rels[0];
    s.from = &p.nodes[0];
    s.node = &p.nodes[1];
    s.details = Text(src, p.span);
    bound.insert(p.rels[0].slot);
    plan.steps.push_back(std::move(s));
  }

  void Part(size_t pi, const BoundPatternPart& p) {
    if (p.kind == PathKind::kNormal) {
      NormalPart(pi, p);
    } else {
      ShortestPart(pi, p);
    }
    if (p.path_slot < 0) return;
    MatchStep s;
    s.kind = StepKind::kProjectPath;
    s.name = "ProjectPath";
    s.part = pi;
    s.details = p.path_var;
    bound.insert(p.path_slot);
    plan.steps.push_back(std::move(s));
  }
};

}  // namespace

int DistinctNameSlot(const BoundProjection& next, int end) {
  return next.distinct ? NameItemSlot(next, end) : -1;
}

int NameItemSlot(const BoundProjection& next, int end) {
  if (next.star || next.aggregating || next.items.size() != 1) return -1;
  if (!next.order_by.empty() || next.where) return -1;
  const BoundExpr& e = *next.items[0].expr;
  if (e.kind != ExprKind::kProperty || e.name != "name") return -1;
  if (e.args[0]->kind != ExprKind::kVar || e.args[0]->slot != end) return -1;
  return next.items[0].slot;
}

MatchPlan PlanMatch(const SourceText& src, std::vector<const BoundPatternPart*> parts,
                    const BoundExpr* where, bool optional, MatchRules rules) {
  Planner pl{src, MatchPlan(), rules, {}, {}, {}};
  pl.plan.parts = std::move(parts);
  pl.plan.where = where;
  pl.plan.optional = optional;
  CollectNameHints(where, &pl.name_hints);
  CollectIdHints(where, &pl.id_hints);
  for (const BoundPatternPart* p : pl.plan.parts) {
    if (!pl.plan.text.empty()) pl.plan.text += ", ";
    pl.plan.text += Text(src, p->span);
    for (const auto& n : p->nodes)
      (n.bound_before ? pl.plan.bound_before : pl.plan.new_slots).push_back(n.slot);
    for (const auto& r : p->rels)
      (r.bound_before ? pl.plan.bound_before : pl.plan.new_slots).push_back(r.slot);
    if (p->path_slot >= 0) pl.plan.new_slots.push_back(p->path_slot);
  }
  pl.bound.insert(pl.plan.bound_before.begin(), pl.plan.bound_before.end());
  for (size_t pi = 0; pi < pl.plan.parts.size(); ++pi) pl.Part(pi, *pl.plan.parts[pi]);
  if (where != nullptr) {
    MatchStep s;
    s.kind = StepKind::kFilter;
    s.name = "Filter";
    s.details = Text(src, where->span);
    pl.plan.steps.push_back(std::move(s));
  }
  return std::move(pl.plan);
}

}  // namespace kg::query::internal
