// Binding of the reading clauses: MATCH, UNWIND and CALL ... YIELD.
#include "query/internal/binder_impl.h"

namespace kg::query::internal::binding {

Status Binder::BindMatch(const Clause& c, Scope* scope, BoundClause* out) {
  std::set<std::string> fresh;
  out->patterns.resize(c.patterns.size());
  for (size_t i = 0; i < c.patterns.size(); ++i) {
    const PatternPart& p = c.patterns[i];
    if (p.kind != PathKind::kNormal) {
      if (p.rels.size() != 1)
        return Err("InvalidArgumentLength", p.span,
                   "shortestPath needs a pattern with exactly one relationship");
      if (p.rels[0].var_length && p.rels[0].min_hops > 1)
        return Err("InvalidArgumentValue", p.span, "shortestPath's minimal length must be 0 or 1");
    }
    // shortestPath's relationship is bound as variable-length.
    KG_RETURN_IF_ERROR(
        DeclarePattern(p, scope, &fresh, false, &out->patterns[i], p.kind != PathKind::kNormal));
  }
  // A variable declared as a path cannot be reused as node/relationship in the same MATCH
  // (caught above through scope kinds since paths are declared after their elements).
  if (c.where) {
    KG_RETURN_IF_ERROR(BindExpr(*c.where, *scope, {}, &out->where));
    KG_RETURN_IF_ERROR(CheckPredicateType(out->where->type, c.where->span));
  }
  return Status::OK();
}

Status Binder::BindUnwind(const Clause& c, Scope* scope, BoundClause* out) {
  KG_RETURN_IF_ERROR(BindExpr(*c.expr, *scope, {}, &out->expr));
  if (scope->count(c.var))
    return Err("VariableAlreadyBound", c.span, c.var + " is already declared");
  out->slot = NewSlot();
  (*scope)[c.var] = {out->slot, VarKind::kValue, SType::kAny};
  return Status::OK();
}

Status Binder::BindCall(const Clause& c, Scope* scope, BoundClause* out) {
  out->exprs.resize(c.exprs.size());
  for (size_t i = 0; i < c.exprs.size(); ++i)
    KG_RETURN_IF_ERROR(BindExpr(*c.exprs[i], *scope, {}, &out->exprs[i]));
  for (const auto& [col, alias] : c.yields) {
    if (scope->count(alias))
      return Err("VariableAlreadyBound", c.span, alias + " is already declared");
    int slot = NewSlot();
    out->yield_slots.push_back(slot);
    (*scope)[alias] = {slot, VarKind::kValue, SType::kAny};
  }
  KG_RETURN_IF_ERROR(BindOptional(c.where.get(), *scope, {}, &out->where));
  columns_.clear();
  for (const auto& y : c.yields) columns_.push_back(y.second);
  return Status::OK();
}

}  // namespace kg::query::internal::binding
