// Binding of projections: WITH and RETURN items, ORDER BY over projected
// and incoming names, SKIP and LIMIT, into a BoundProjection.
#include "query/internal/binder_impl.h"

namespace kg::query::internal::binding {

namespace {

bool HasAggregateCall(const Expr& e) {
  if (e.kind == ExprKind::kCountStar || (e.kind == ExprKind::kCall && IsAggregateFunction(e.name)))
    return true;
  for (const auto& a : e.args)
    if (a && HasAggregateCall(*a)) return true;
  return e.else_expr && HasAggregateCall(*e.else_expr);
}

bool UsesVar(const Expr& e, const std::string& name) {
  if (e.kind == ExprKind::kVar && e.name == name) return true;
  for (const auto& a : e.args)
    if (a && UsesVar(*a, name)) return true;
  return e.else_expr && UsesVar(*e.else_expr, name);
}

// The first variable of `e` not in `scope`, skipping the sub-expressions
// that name a projected item (those are bound as its alias, which is).
void FindUnknownVar(const Expr& e, const Scope& scope, const ProjectedAliases& projected,
                    std::string* out) {
  if (!out->empty() || projected.count(&e)) return;
  if (e.kind == ExprKind::kVar && !scope.count(e.name)) *out = e.name;
  if (e.kind == ExprKind::kListComp || e.kind == ExprKind::kQuantifier ||
      e.kind == ExprKind::kReduce || e.kind == ExprKind::kPatternComp)
    return;
  for (const auto& a : e.args)
    if (a) FindUnknownVar(*a, scope, projected, out);
}

}  // namespace

// Binds the items of a WITH or RETURN (and through BindOrderBy the rest of
// it); `scope` becomes the projected names. Kept whole: the order of its
// steps (items, aggregating, ORDER BY, SKIP/LIMIT, WHERE) is the rule.
Status Binder::BindProjection(const Clause& c, Scope* scope, BoundProjection* out) {
  const Projection& p = c.projection;
  bool is_return = c.kind == ClauseKind::kReturn;
  out->distinct = p.distinct;
  out->star = p.star;
  out->span = p.span;
  Scope next;
  if (p.star) {
    if (is_return && scope->empty() && p.items.empty())
      return Err("NoVariablesInScope", p.span,
                 "RETURN * is not allowed when there are no variables in scope");
    for (const auto& [name, info] : *scope) {
      next[name] = info;
      out->star_vars.emplace_back(name, info.slot);
    }
  }
  ExprCtx ctx{true, false, &out->aggregates};
  std::vector<std::string> names;
  if (p.star)
    for (const auto& [name, info] : next) names.push_back(name);
  out->items.resize(p.items.size());
  for (size_t i = 0; i < p.items.size(); ++i) {
    const ReturnItem& item = p.items[i];
    BoundReturnItem& bound = out->items[i];
    KG_RETURN_IF_ERROR(BindExpr(*item.expr, *scope, ctx, &bound.expr));
    SType t = bound.expr->type;
    if (!is_return && !item.explicit_alias && item.expr->kind != ExprKind::kVar)
      return Err("NoExpressionAlias", item.expr->span,
                 "expression in WITH must be aliased (use AS)");
    if (std::find(names.begin(), names.end(), item.alias) != names.end())
      return Err("ColumnNameConflict", item.expr->span,
                 "multiple result columns with the same name '" + item.alias + "'");
    names.push_back(item.alias);
    bound.alias = item.alias;
    bound.slot = NewSlot();
    VarInfo info{bound.slot, VarKind::kValue, t};
    if (item.expr->kind == ExprKind::kVar && scope->count(item.expr->name)) {
      info.kind = scope->at(item.expr->name).kind;
      if (info.kind != VarKind::kValue) info.type = KindType(info.kind);
    } else if (t == SType::kNode) {
      info.kind = VarKind::kNode;
    } else if (t == SType::kRel) {
      info.kind = VarKind::kRel;
    } else if (t == SType::kPath) {
      info.kind = VarKind::kPath;
    }
    next[item.alias] = info;
  }
  out->aggregating = !out->aggregates.empty();
  KG_RETURN_IF_ERROR(BindOrderBy(p, *scope, next, out));
  KG_RETURN_IF_ERROR(BindSkipLimit(p.skip.get(), &out->skip));
  KG_RETURN_IF_ERROR(BindSkipLimit(p.limit.get(), &out->limit));
  if (p.where) {
    // WITH ... WHERE sees the projected names and, like ORDER BY, the
    // variables of the incoming scope.
    Scope both = *scope;
    for (const auto& [k, v] : next) both[k] = v;
    KG_RETURN_IF_ERROR(BindExpr(*p.where, both, {}, &out->where));
  }
  *scope = std::move(next);
  if (is_return) columns_ = names;
  return Status::OK();
}

Status Binder::BindOrderBy(const Projection& p, const Scope& old_scope, const Scope& next,
                           BoundProjection* out) {
  out->order_by.resize(p.order_by.size());
  for (size_t i = 0; i < p.order_by.size(); ++i) {
    const Expr& e = *p.order_by[i].expr;
    BoundSortItem& bound = out->order_by[i];
    bound.descending = p.order_by[i].descending;
    if (!out->aggregating && !p.distinct) {
      Scope both = old_scope;
      for (const auto& [k, v] : next) both[k] = v;
      std::vector<const BoundExpr*> aggs;
      KG_RETURN_IF_ERROR(BindExpr(e, both, {true, false, &aggs}, &bound.expr));
      if (!aggs.empty())
        return Err("InvalidAggregation", aggs[0]->span,
                   "aggregation in ORDER BY of a non-aggregating projection");
      continue;
    }
    bool has_agg = HasAggregateCall(e);
    ProjectedAliases projected;
    int replaced = FindProjected(&e, p, 0, &projected);
    if (has_agg && replaced > 0 && out->aggregating)
      return Err("AmbiguousAggregationExpression", e.span,
                 "an ORDER BY item with an aggregation may only use projected variables, not "
                 "projected expressions");
    std::string undefined;
    FindUnknownVar(e, next, projected, &undefined);
    if (!undefined.empty()) {
      bool in_item = false;
      for (const auto& item : p.items) in_item = in_item || UsesVar(*item.expr, undefined);
      if (in_item && out->aggregating)
        return Err("AmbiguousAggregationExpression", e.span,
                   "ORDER BY expression mixes aggregation with non-grouping variables");
    }
    projected_ = &projected;
    Status s = BindExpr(e, next, {true, false, &out->aggregates}, &bound.expr);
    projected_ = nullptr;
    KG_RETURN_IF_ERROR(s);
  }
  return Status::OK();
}

// Finds the ORDER BY sub-expressions written exactly like a projected item
// (Cypher allows ORDER BY on projected expressions): each is noted in
// `found` with the item's alias, and bound as that variable. Returns how
// many non-variable sub-expressions (below the top) were found.
int Binder::FindProjected(const Expr* e, const Projection& p, int depth,
                          ProjectedAliases* found) const {
  if (e == nullptr) return 0;
  std::string text = src_.text.substr(e->span.begin, e->span.end - e->span.begin);
  for (const auto& item : p.items) {
    const Expr& ie = *item.expr;
    if (ie.kind == ExprKind::kVar && item.alias == ie.name) continue;
    if (text == src_.text.substr(ie.span.begin, ie.span.end - ie.span.begin)) {
      (*found)[e] = item.alias;
      // Inside a larger ORDER BY expression, a projected variable, property
      // or aggregate is unambiguous; another projected expression is not.
      bool plain = ie.kind == ExprKind::kVar || ie.kind == ExprKind::kProperty ||
                   ie.kind == ExprKind::kCountStar ||
                   (ie.kind == ExprKind::kCall && IsAggregateFunction(ie.name));
      return depth > 0 && !plain ? 1 : 0;
    }
  }
  int n = 0;
  for (const auto& a : e->args) n += FindProjected(a.get(), p, depth + 1, found);
  return n + FindProjected(e->else_expr.get(), p, depth + 1, found);
}

Status Binder::BindSkipLimit(const Expr* e, BoundExprPtr* out) {
  if (!e) return Status::OK();
  Scope empty;
  KG_RETURN_IF_ERROR(BindExpr(*e, empty, {}, out));
  if (e->kind == ExprKind::kLiteral) {
    if (!e->value.is_int())
      return Err("InvalidArgumentType", e->span, "SKIP/LIMIT needs a non-negative integer");
    if (e->value.as_int() < 0)
      return Err("NegativeIntegerArgument", e->span, "SKIP/LIMIT needs a non-negative integer");
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
