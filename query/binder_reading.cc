// Binding of the reading clauses: MATCH, UNWIND and CALL ... YIELD.
#include "query/internal/binder_impl.h"

namespace kg::query::internal::binding {

Status Binder::BindMatch(Clause* c, Scope* scope) {
  std::set<std::string> fresh;
  for (auto& p : c->patterns) {
    if (p.kind != PathKind::kNormal) {
      if (p.rels.size() != 1)
        return Err("InvalidArgumentLength", p.span,
                   "shortestPath needs a pattern with exactly one relationship");
      if (p.rels[0].var_length && p.rels[0].min_hops > 1)
        return Err("InvalidArgumentValue", p.span, "shortestPath's minimal length must be 0 or 1");
      p.rels[0].var_length = true;
    }
    KG_RETURN_IF_ERROR(DeclarePattern(&p, scope, &fresh, false));
  }
  // A variable declared as a path cannot be reused as node/relationship in the same MATCH
  // (caught above through scope kinds since paths are declared after their elements).
  if (c->where) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(c->where.get(), *scope, {}, &t));
    KG_RETURN_IF_ERROR(CheckPredicateType(t, c->where->span));
  }
  return Status::OK();
}

Status Binder::BindUnwind(Clause* c, Scope* scope) {
  SType t;
  KG_RETURN_IF_ERROR(BindExpr(c->expr.get(), *scope, {}, &t));
  if (scope->count(c->var))
    return Err("VariableAlreadyBound", c->span, c->var + " is already declared");
  c->slot = NewSlot();
  (*scope)[c->var] = {c->slot, VarKind::kValue, SType::kAny};
  return Status::OK();
}

Status Binder::BindCall(Clause* c, Scope* scope) {
  for (auto& e : c->exprs) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(e.get(), *scope, {}, &t));
  }
  for (auto& [col, alias] : c->yields) {
    if (scope->count(alias))
      return Err("VariableAlreadyBound", c->span, alias + " is already declared");
    int slot = NewSlot();
    c->yield_slots.push_back(slot);
    (*scope)[alias] = {slot, VarKind::kValue, SType::kAny};
  }
  if (c->where) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(c->where.get(), *scope, {}, &t));
  }
  columns_.clear();
  for (auto& y : c->yields) columns_.push_back(y.second);
  return Status::OK();
}

}  // namespace kg::query::internal::binding
