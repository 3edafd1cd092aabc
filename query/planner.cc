// The planner: one operator per clause; a MATCH's access steps (seek or
// scan, where to start, how to expand) come from PlanMatch (plan_match.cc)
// with the rules decided here from the clause that follows it (BFS of
// distinct end nodes for var-length expansions, distinct two-hop ends,
// when the only consumer is a duplicate-insensitive projection), and the
// CALL operator.
#include "query/internal/catalog.h"
#include "query/internal/executor.h"

namespace kg::query::internal {
namespace {

bool AggregatesIgnoreDuplicates(const BoundProjection& p) {
  if (p.aggregates.empty()) return p.distinct;
  for (const BoundExpr* a : p.aggregates) {
    bool ok = (a->distinct && a->kind == ExprKind::kCall) || a->aggregate_def->ignores_duplicates;
    if (!ok) return false;
  }
  return true;
}

bool UsesSlot(const BoundExpr& e, int slot) {
  if (e.kind == ExprKind::kVar && e.slot == slot) return true;
  for (const auto& a : e.args)
    if (a && UsesSlot(*a, slot)) return true;
  return e.else_expr && UsesSlot(*e.else_expr, slot);
}

// Rule: MATCH (a ...)-[*m..n]->(c) with an anonymous var-length relationship,
// no path variable, min hops <= 1, directly followed by a projection that
// ignores duplicates (DISTINCT, count(DISTINCT), min, max): walks to the same
// end node are indistinguishable downstream, so a BFS of distinct reachable
// nodes replaces the enumeration of every trail.
bool DistinctEndsRule(const BoundClause& match, const BoundClause* next) {
  if (next == nullptr || (next->kind != ClauseKind::kWith && next->kind != ClauseKind::kReturn))
    return false;
  if (match.optional || match.patterns.size() != 1) return false;
  const BoundPatternPart& p = match.patterns[0];
  if (p.kind != PathKind::kNormal || !p.path_var.empty() || p.rels.size() != 1) return false;
  const BoundRel& r = p.rels[0];
  if (!r.var_length || !r.var.empty() || r.props || r.min_hops > 1 || r.bound_before) return false;
  if (p.nodes[0].bound_before && p.nodes[1].bound_before) return false;
  if (!AggregatesIgnoreDuplicates(next->projection)) return false;
  if (next->projection.star) return false;
  // The relationship slot must not be read anywhere downstream.
  for (const auto& item : next->projection.items)
    if (UsesSlot(*item.expr, r.slot)) return false;
  return true;
}

// The node slot `item` counts when it is count(DISTINCT v) of a variable
// v (no other expression around it), else -1.
int CountedDistinctVar(const BoundReturnItem& item) {
  static const AggregateDef* const kCount = FindAggregate("count");
  const BoundExpr& e = *item.expr;
  if (e.kind != ExprKind::kCall || !e.aggregate || !e.distinct) return -1;
  if (e.aggregate_def != kCount || e.args.size() != 1) return -1;
  return e.args[0]->kind == ExprKind::kVar ? e.args[0]->slot : -1;
}

// Rule: a MATCH that DistinctEndsRule allows, the first clause of its
// query (so it runs once, on the one empty row: the ends of every start
// it finds make one set) and without WHERE, directly followed by a
// projection of count(DISTINCT c) alone (any alias; DISTINCT, SKIP and
// LIMIT allowed, no ORDER BY or WHERE), c one end of the relationship
// with labels at most (no properties):
// when the plan walks the relationship to c, VarLengthExpand(Count) counts
// the distinct ends over bitsets and the match hands on one row holding
// the count in the item's slot (MatchRules::count_slot; the projection
// takes it as written, MakeProjectOp's items_bound). Which sets of ends
// equal the trails' is argued in var_length_ends.cc.
void CountEndsRule(const BoundClause& match, const BoundClause* next, bool first,
                   MatchRules* rules) {
  if (!first || !rules->distinct_ends || match.where) return;
  const BoundProjection& p = next->projection;
  if (p.items.size() != 1 || !p.order_by.empty() || p.where) return;
  int counted = CountedDistinctVar(p.items[0]);
  const BoundPatternPart& part = match.patterns[0];
  if (counted < 0 || part.nodes[0].slot == part.nodes[1].slot) return;
  const BoundNode& end = part.nodes[counted == part.nodes[0].slot ? 0 : 1];
  if (end.slot != counted || end.props) return;  // properties could name the start
  rules->count_node = counted;
  rules->count_slot = p.items[0].slot;
}

// Rule: a MATCH that DistinctEndsRule allows, without WHERE, directly
// followed by DISTINCT of one end's name alone (DistinctNameSlot): when
// the plan walks the relationship to that end, VarLengthExpand(Pruning)
// writes each distinct end's name into the item's slot
// (MatchRules::distinct_end_name).
void DistinctEndNameRule(const BoundClause& match, const BoundClause* next, MatchRules* rules) {
  if (!rules->distinct_ends || match.where) return;
  const BoundPatternPart& part = match.patterns[0];
  if (part.nodes[0].slot == part.nodes[1].slot) return;
  for (const BoundNode& end : part.nodes) {
    int slot = DistinctNameSlot(next->projection, end.slot);
    if (end.bound_before || slot < 0) continue;
    rules->distinct_end_name = true;
    rules->name_slot = slot;
    rules->name_node = end.slot;
  }
}

// Rule: MATCH (a ...)-->()-->(c) (two fixed-length anonymous relationships,
// an anonymous middle node without properties, no path variable, no WHERE),
// directly followed by a duplicate-insensitive projection: the middle nodes
// and then the end nodes are deduplicated level by level instead of
// enumerating every two-hop walk (relationship uniqueness is kept by
// remembering, per middle node, whether it was reached by more than one
// relationship).
bool DistinctTwoHopRule(const BoundClause& match, const BoundClause* next) {
  if (next == nullptr || (next->kind != ClauseKind::kWith && next->kind != ClauseKind::kReturn))
    return false;
  if (match.optional || match.where || match.patterns.size() != 1) return false;
  const BoundPatternPart& p = match.patterns[0];
  if (p.kind != PathKind::kNormal || !p.path_var.empty() || p.rels.size() != 2) return false;
  for (const BoundRel& r : p.rels)
    if (r.var_length || !r.var.empty() || r.props || r.bound_before) return false;
  const BoundNode& mid = p.nodes[1];
  if (!mid.var.empty() || mid.props || mid.bound_before) return false;
  if (p.nodes[2].bound_before) return false;
  if (!AggregatesIgnoreDuplicates(next->projection)) return false;
  return !next->projection.star;
}

// Rule: a distinct two-hop MATCH whose consumer is DISTINCT of the end
// node's name alone: the match writes the names into the item's slot
// (MatchRules::name_slot), so no end node is bound or looked at again.
int NameSlot(const BoundClause& match, const BoundClause* next) {
  if (!DistinctTwoHopRule(match, next)) return -1;
  return DistinctNameSlot(next->projection, match.patterns[0].nodes[2].slot);
}

// Rule: MATCH (a ...)-[:T]-(b) (one fixed-length anonymous relationship
// without properties, no path variable, no WHERE, not OPTIONAL) directly
// followed by a projection of `b.name` alone (RETURN b.name, DISTINCT or
// not, SKIP / LIMIT allowed): when the plan walks the relationship to b,
// the match writes b's name into the item's slot (MatchRules::one_hop_name),
// so neither the relationship nor b is bound, copied or released per row.
MatchRules OneHopNameRule(const BoundClause& match, const BoundClause* next) {
  MatchRules rules;
  if (next == nullptr || (next->kind != ClauseKind::kWith && next->kind != ClauseKind::kReturn))
    return rules;
  if (match.optional || match.where || match.patterns.size() != 1) return rules;
  const BoundPatternPart& p = match.patterns[0];
  if (p.kind != PathKind::kNormal || !p.path_var.empty() || p.rels.size() != 1) return rules;
  const BoundRel& r = p.rels[0];
  if (r.var_length || !r.var.empty() || r.props || r.bound_before) return rules;
  for (const BoundNode& end : p.nodes) {
    if (end.bound_before) continue;
    int slot = NameItemSlot(next->projection, end.slot);
    if (slot < 0) continue;
    rules.one_hop_name = true;
    rules.name_slot = slot;
    rules.name_node = end.slot;
  }
  return rules;
}

// Whether the pipeline's last operator is a match that fills the item of
// the projection that follows (its plan took NameSlot's, CountEndsRule's
// or DistinctEndNameRule's rule).
bool FilledByMatch(const Pipeline& pipe) {
  const MatchPlan* m = pipe.ops.empty() ? nullptr : pipe.ops.back()->access_plan();
  if (m == nullptr) return false;
  for (const MatchStep& s : m->steps)
    if (s.name_slot >= 0 || s.count_slot >= 0) return true;
  return false;
}

// The procedure a CALL names, checked once when the statement is planned:
// it exists, takes as many arguments as the call gives (their count is
// fixed by the text) and has every column the call yields.
Result<const ProcedureDef*> ResolveProcedure(const SourceText& src, const BoundClause& c,
                                             const ProcedureRegistry& procs) {
  const ProcedureDef* def = procs.Find(c.proc_name);
  if (def == nullptr)
    return MakeError(src, ErrorClass::kProcedureError, "ProcedureNotFound", c.span,
                     "there is no procedure named " + c.proc_name, true);
  int n = static_cast<int>(c.exprs.size());
  if (n < def->min_args || (def->max_args >= 0 && n > def->max_args))
    return MakeError(
        src, ErrorClass::kSyntaxError, "InvalidNumberOfArguments", c.span,
        "wrong number of arguments to procedure " + def->name + ": " + def->Signature(), true);
  for (const auto& [col, alias] : c.yields) {
    if (std::find(def->columns.begin(), def->columns.end(), col) == def->columns.end())
      return MakeError(src, ErrorClass::kSyntaxError, "UndefinedVariable", c.span,
                       "procedure " + def->name + " has no output column " + col, true);
  }
  return def;
}

class CallOp : public Operator {
 public:
  CallOp(const BoundClause* c, const ProcedureDef* def) : c_(c), def_(def) {}
  std::string name() const override { return "ProcedureCall"; }
  std::string details() const override { return def_->name; }
  Status Run(ExecState& st, Rows& in, Rows* out) const override {
    for (Row& row : in) {
      std::vector<Value> args;
      for (const auto& e : c_->exprs) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*e, row, st.eval));
        args.push_back(std::move(v));
      }
      ProcedureContext context = ContextFor(st, *c_);
      auto table = def_->Call(*st.eval.txn, args, context);
      if (!table.ok() && IsStopError(table.status())) return table.status();
      if (!table.ok())
        return Status(table.status().code(),
                      "ProcedureError: " + def_->name + ": " + table.status().message())
            .WithClass("ProcedureError");
      for (auto& prow : table->rows) {
        Row r = row;
        for (size_t i = 0; i < c_->yields.size(); ++i) {
          size_t col = ColumnIndex(*table, c_->yields[i].first);
          r[c_->yield_slots[i]] = col < prow.size() ? prow[col] : Value();
        }
        if (c_->where) {
          KG_ASSIGN_OR_RETURN(bool keep, EvalPredicate(*c_->where, r, st.eval));
          if (!keep) continue;
        }
        KG_RETURN_IF_ERROR(st.eval.memory.Charge(ApproxBytes(r)));
        out->push_back(std::move(r));
      }
      KG_RETURN_IF_ERROR(st.CheckRows(out->size()));
    }
    return Status::OK();
  }

 private:
  static size_t ColumnIndex(const ResultTable& t, const std::string& name) {
    for (size_t i = 0; i < t.columns.size(); ++i)
      if (t.columns[i] == name) return i;
    return t.columns.size();
  }
  const BoundClause* c_;
  const ProcedureDef* def_;
};

Status PlanClause(const SourceText& src, const BoundQueryPart& q, size_t i,
                  const ProcedureRegistry& procs, Pipeline* pipe) {
  const BoundClause& c = q.clauses[i];
  const BoundClause* next = i + 1 < q.clauses.size() ? &q.clauses[i + 1] : nullptr;
  switch (c.kind) {
    case ClauseKind::kMatch: {
      std::vector<const BoundPatternPart*> parts;
      for (const auto& p : c.patterns) parts.push_back(&p);
      MatchRules rules = OneHopNameRule(c, next);
      rules.distinct_ends = DistinctEndsRule(c, next);
      CountEndsRule(c, next, i == 0, &rules);
      DistinctEndNameRule(c, next, &rules);
      rules.distinct_two_hop = DistinctTwoHopRule(c, next);
      if (rules.distinct_two_hop) rules.name_slot = NameSlot(c, next);
      pipe->ops.push_back(std::make_unique<MatchOp>(
          PlanMatch(src, std::move(parts), c.where.get(), c.optional, rules)));
      return Status::OK();
    }
    case ClauseKind::kUnwind:
      pipe->ops.push_back(MakeUnwindOp(&c));
      return Status::OK();
    case ClauseKind::kWith:
      pipe->ops.push_back(MakeProjectOp(&c, false, FilledByMatch(*pipe)));
      return Status::OK();
    case ClauseKind::kReturn:
      pipe->ops.push_back(MakeProjectOp(&c, true, FilledByMatch(*pipe)));
      pipe->final_projection = &c.projection;
      return Status::OK();
    case ClauseKind::kCreate:
      pipe->ops.push_back(MakeCreateOp(&c));
      return Status::OK();
    case ClauseKind::kMerge:
      pipe->ops.push_back(MakeMergeOp(&c, &src));
      return Status::OK();
    case ClauseKind::kSet:
    case ClauseKind::kRemove:
      pipe->ops.push_back(MakeSetOp(&c));
      return Status::OK();
    case ClauseKind::kDelete:
      pipe->ops.push_back(MakeDeleteOp(&c));
      return Status::OK();
    case ClauseKind::kCall: {
      KG_ASSIGN_OR_RETURN(const ProcedureDef* def, ResolveProcedure(src, c, procs));
      pipe->ops.push_back(std::make_unique<CallOp>(&c, def));
      return Status::OK();
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Plan>> BuildPlan(const SourceText& src, const BoundStatement& st,
                                        const ProcedureRegistry& procedures) {
  auto plan = std::make_unique<Plan>();
  for (const auto& q : st.parts) {
    Pipeline pipe;
    // A lone `CALL p(...)` without YIELD returns the procedure's own columns.
    if (q.clauses.size() == 1 && q.clauses[0].kind == ClauseKind::kCall &&
        q.clauses[0].yields.empty()) {
      KG_ASSIGN_OR_RETURN(const ProcedureDef* def, ResolveProcedure(src, q.clauses[0], procedures));
      pipe.standalone_call = &q.clauses[0];
      pipe.standalone_def = def;
      pipe.columns = def->columns;
      plan->pipelines.push_back(std::move(pipe));
      continue;
    }
    for (size_t i = 0; i < q.clauses.size(); ++i)
      KG_RETURN_IF_ERROR(PlanClause(src, q, i, procedures, &pipe));
    pipe.columns = st.columns;
    if (pipe.final_projection == nullptr && q.clauses.back().kind == ClauseKind::kCall) {
      pipe.columns.clear();
      for (const auto& y : q.clauses.back().yields) pipe.columns.push_back(y.second);
    }
    plan->pipelines.push_back(std::move(pipe));
  }
  plan->union_all = st.union_all;
  plan->columns = plan->pipelines.empty() ? std::vector<std::string>{} : plan->pipelines[0].columns;
  for (const BoundPatternPart* p : st.pattern_predicates)
    plan->pattern_ops.push_back(std::make_unique<MatchOp>(PlanMatch(src, {p}, nullptr, false, {})));
  return plan;
}

}  // namespace kg::query::internal
