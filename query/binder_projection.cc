// Binding of projections: WITH and RETURN items, ORDER BY over projected
// and incoming names, SKIP and LIMIT.
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

void FindUnknownVar(const Expr& e, const Scope& scope, std::string* out) {
  if (!out->empty()) return;
  if (e.kind == ExprKind::kVar && !scope.count(e.name)) *out = e.name;
  if (e.kind == ExprKind::kListComp || e.kind == ExprKind::kQuantifier ||
      e.kind == ExprKind::kReduce || e.kind == ExprKind::kPatternComp)
    return;
  for (const auto& a : e.args)
    if (a) FindUnknownVar(*a, scope, out);
}

}  // namespace

Status Binder::BindProjection(Clause* c, Scope* scope) {
  Projection& p = c->projection;
  bool is_return = c->kind == ClauseKind::kReturn;
  Scope next;
  if (p.star) {
    if (is_return && scope->empty() && p.items.empty())
      return Err("NoVariablesInScope", p.span,
                 "RETURN * is not allowed when there are no variables in scope");
    for (const auto& [name, info] : *scope) {
      next[name] = info;
      p.star_vars.emplace_back(name, info.slot);
    }
  }
  ExprCtx ctx{true, false, &p.aggregates};
  std::vector<std::string> names;
  if (p.star)
    for (const auto& [name, info] : next) names.push_back(name);
  for (auto& item : p.items) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(item.expr.get(), *scope, ctx, &t));
    if (!is_return && !item.explicit_alias && item.expr->kind != ExprKind::kVar)
      return Err("NoExpressionAlias", item.expr->span,
                 "expression in WITH must be aliased (use AS)");
    if (std::find(names.begin(), names.end(), item.alias) != names.end())
      return Err("ColumnNameConflict", item.expr->span,
                 "multiple result columns with the same name '" + item.alias + "'");
    names.push_back(item.alias);
    item.slot = NewSlot();
    VarInfo info{item.slot, VarKind::kValue, t};
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
  p.aggregating = !p.aggregates.empty();
  KG_RETURN_IF_ERROR(BindOrderBy(&p, *scope, next));
  KG_RETURN_IF_ERROR(BindSkipLimit(p.skip.get()));
  KG_RETURN_IF_ERROR(BindSkipLimit(p.limit.get()));
  if (p.where) {
    // WITH ... WHERE sees the projected names and, like ORDER BY, the
    // variables of the incoming scope.
    Scope both = *scope;
    for (const auto& [k, v] : next) both[k] = v;
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(p.where.get(), both, {}, &t));
  }
  *scope = std::move(next);
  if (is_return) columns_ = names;
  return Status::OK();
}

Status Binder::BindOrderBy(Projection* p, const Scope& old_scope, const Scope& next) {
  for (auto& s : p->order_by) {
    if (!p->aggregating && !p->distinct) {
      Scope both = old_scope;
      for (const auto& [k, v] : next) both[k] = v;
      std::vector<Expr*> aggs;
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(s.expr.get(), both, {true, false, &aggs}, &t));
      if (!aggs.empty())
        return Err("InvalidAggregation", aggs[0]->span,
                   "aggregation in ORDER BY of a non-aggregating projection");
      continue;
    }
    bool has_agg = HasAggregateCall(*s.expr);
    int replaced = ReplaceProjected(s.expr, *p, 0);
    if (has_agg && replaced > 0 && p->aggregating)
      return Err("AmbiguousAggregationExpression", s.expr->span,
                 "an ORDER BY item with an aggregation may only use projected variables, not "
                 "projected expressions");
    std::string undefined;
    FindUnknownVar(*s.expr, next, &undefined);
    if (!undefined.empty()) {
      bool in_item = false;
      for (const auto& item : p->items) in_item = in_item || UsesVar(*item.expr, undefined);
      if (in_item && p->aggregating)
        return Err("AmbiguousAggregationExpression", s.expr->span,
                   "ORDER BY expression mixes aggregation with non-grouping variables");
    }
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(s.expr.get(), next, {true, false, &p->aggregates}, &t));
  }
  return Status::OK();
}

// Replaces ORDER BY sub-expressions written exactly like a projected item by a
// reference to that item's alias (Cypher allows ORDER BY on projected expressions).
// Returns how many non-variable sub-expressions (below the top) were replaced.
int Binder::ReplaceProjected(ExprPtr& e, const Projection& p, int depth) {
  if (!e) return 0;
  std::string text = src_.text.substr(e->span.begin, e->span.end - e->span.begin);
  for (const auto& item : p.items) {
    const Expr& ie = *item.expr;
    if (ie.kind == ExprKind::kVar && item.alias == ie.name) continue;
    if (text == src_.text.substr(ie.span.begin, ie.span.end - ie.span.begin)) {
      Span span = e->span;
      e = std::make_unique<Expr>();
      e->kind = ExprKind::kVar;
      e->name = item.alias;
      e->span = span;
      // Inside a larger ORDER BY expression, a projected variable, property
      // or aggregate is unambiguous; another projected expression is not.
      bool plain = ie.kind == ExprKind::kVar || ie.kind == ExprKind::kProperty ||
                   ie.kind == ExprKind::kCountStar ||
                   (ie.kind == ExprKind::kCall && IsAggregateFunction(ie.name));
      return depth > 0 && !plain ? 1 : 0;
    }
  }
  int n = 0;
  for (auto& a : e->args) n += ReplaceProjected(a, p, depth + 1);
  return n + ReplaceProjected(e->else_expr, p, depth + 1);
}

Status Binder::BindSkipLimit(Expr* e) {
  if (!e) return Status::OK();
  SType t;
  Scope empty;
  KG_RETURN_IF_ERROR(BindExpr(e, empty, {}, &t));
  if (e->kind == ExprKind::kLiteral) {
    if (!e->value.is_int())
      return Err("InvalidArgumentType", e->span, "SKIP/LIMIT needs a non-negative integer");
    if (e->value.as_int() < 0)
      return Err("NegativeIntegerArgument", e->span, "SKIP/LIMIT needs a non-negative integer");
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
