// Binding of expressions: variables, function calls and their static argument
// types, aggregates, comprehensions and pattern predicates.
#include "query/internal/binder_impl.h"
#include "query/internal/catalog.h"

namespace kg::query::internal::binding {

namespace {

// The static type shared by the non-null elements of a list literal of
// literals (kAny when mixed, unknown or not a literal), so that the
// variable iterating it is typed as openCypher's semantic analysis does.
SType ElementType(const Expr& list) {
  if (list.kind != ExprKind::kList) return SType::kAny;
  SType common = SType::kNull;
  for (const auto& item : list.args) {
    if (item->kind != ExprKind::kLiteral) return SType::kAny;
    SType t = LiteralType(item->value);
    if (t == SType::kNull) continue;
    if (common != SType::kNull && common != t) return SType::kAny;
    common = t;
  }
  return common == SType::kNull ? SType::kAny : common;
}

// The context for an expression evaluated per list element: aggregating
// there has no meaning (openCypher's InvalidAggregation).
ExprCtx NoAggregates(ExprCtx ctx) {
  ctx.allow_aggregates = false;
  return ctx;
}

bool IsNumber(SType t) { return t == SType::kInt || t == SType::kFloat; }

}  // namespace

Status Binder::BindIterator(Expr* e, const Scope& scope, ExprCtx ctx, SType* type) {
  Scope inner = scope;
  SType t;
  if (e->kind == ExprKind::kReduce) {
    KG_RETURN_IF_ERROR(BindExpr(e->args[0].get(), scope, ctx, &t));
    KG_RETURN_IF_ERROR(BindExpr(e->args[1].get(), scope, ctx, &t));
    e->slot2 = NewSlot();
    e->slot = NewSlot();
    inner[e->name] = {e->slot2, VarKind::kValue, SType::kAny};
    inner[e->name2] = {e->slot, VarKind::kValue, SType::kAny};
    KG_RETURN_IF_ERROR(BindExpr(e->args[2].get(), inner, NoAggregates(ctx), &t));
    *type = SType::kAny;
    return Status::OK();
  }
  KG_RETURN_IF_ERROR(BindExpr(e->args[0].get(), scope, ctx, &t));
  e->slot = NewSlot();
  inner[e->name] = {e->slot, VarKind::kValue, ElementType(*e->args[0])};
  for (size_t i = 1; i < e->args.size(); ++i)
    if (e->args[i]) KG_RETURN_IF_ERROR(BindExpr(e->args[i].get(), inner, NoAggregates(ctx), &t));
  *type = e->kind == ExprKind::kListComp ? SType::kList : SType::kBool;
  return Status::OK();
}

Status Binder::BindCall(Expr* e, const Scope& scope, ExprCtx ctx, SType* type) {
  *type = SType::kAny;
  const AggregateDef* agg =
      e->kind == ExprKind::kCountStar ? FindAggregate("count") : FindAggregate(e->name);
  if (agg != nullptr) return BindAggregate(e, agg, scope, ctx, type);
  const FunctionDef* def = FindFunction(e->name);
  if (def == nullptr) return Err("UnknownFunction", e->span, "unknown function '" + e->name + "'");
  int n = static_cast<int>(e->args.size());
  if (n < def->min_args || (def->max_args >= 0 && n > def->max_args))
    return Err("InvalidNumberOfArguments", e->span, "wrong number of arguments to " + e->name);
  std::vector<SType> arg_types;
  for (auto& a : e->args) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(a.get(), scope, ctx, &t));
    arg_types.push_back(t);
  }
  if (def->check != nullptr) {
    BindProblem p = def->check(*e);
    if (p.detail != nullptr) return Err(p.detail, e->args[p.arg]->span, p.message);
  }
  for (size_t i = 0; i < arg_types.size() && i < kMaxTypedArgs; ++i)
    if (!Admits(def->args[i], arg_types[i]))
      return Err(
          "InvalidArgumentType", e->args[i]->span,
          std::string("invalid argument of type ") + STypeName(arg_types[i]) + " to " + e->name);
  e->function = def;
  *type = def->returns;
  return Status::OK();
}

Status Binder::BindAggregate(Expr* e, const AggregateDef* def, const Scope& scope, ExprCtx ctx,
                             SType* type) {
  if (!ctx.allow_aggregates || ctx.aggregates == nullptr)
    return Err("InvalidAggregation", e->span, "aggregation is not allowed here");
  if (ctx.in_aggregate) return Err("NestedAggregation", e->span, "aggregations cannot be nested");
  e->aggregate = true;
  e->aggregate_def = def;
  e->agg_index = static_cast<int>(ctx.aggregates->size());
  ctx.aggregates->push_back(e);
  ctx.in_aggregate = true;
  *type = def->returns;
  if (e->kind == ExprKind::kCountStar) return Status::OK();
  if (static_cast<int>(e->args.size()) != def->num_args)
    return Err("InvalidNumberOfArguments", e->span,
               e->name + " takes " + std::to_string(def->num_args) + " argument(s)");
  for (auto& a : e->args) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(a.get(), scope, ctx, &t));
  }
  return Status::OK();
}

Status Binder::BindExpr(Expr* e, const Scope& scope, ExprCtx ctx, SType* type) {
  *type = SType::kAny;
  switch (e->kind) {
    case ExprKind::kLiteral:
      *type = LiteralType(e->value);
      return Status::OK();
    case ExprKind::kParam:
      return Status::OK();
    case ExprKind::kVar: {
      auto it = scope.find(e->name);
      if (it == scope.end())
        return Err("UndefinedVariable", e->span, "variable '" + e->name + "' not defined");
      e->slot = it->second.slot;
      *type = it->second.kind == VarKind::kValue ? it->second.type : KindType(it->second.kind);
      return Status::OK();
    }
    case ExprKind::kCall:
    case ExprKind::kCountStar:
      return BindCall(e, scope, ctx, type);
    case ExprKind::kListComp:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce:
      return BindIterator(e, scope, ctx, type);
    case ExprKind::kPattern: {
      Scope inner = scope;
      std::set<std::string> fresh;
      KG_RETURN_IF_ERROR(DeclarePattern(e->pattern.get(), &inner, &fresh, false));
      // A pattern predicate only tests variables bound outside; EXISTS { }
      // (name "EXISTS") may introduce its own.
      if (e->name != "EXISTS" && !fresh.empty())
        return Err("UndefinedVariable", e->span,
                   "variable '" + *fresh.begin() +
                       "' is not defined (a pattern predicate cannot introduce variables; use "
                       "EXISTS { ... })");
      if (!e->args.empty()) {
        SType t;
        KG_RETURN_IF_ERROR(BindExpr(e->args[0].get(), inner, {}, &t));
      }
      e->pattern_plan = static_cast<int>(st_->pattern_predicates.size());
      st_->pattern_predicates.push_back(e->pattern.get());
      *type = SType::kBool;
      return Status::OK();
    }
    case ExprKind::kPatternComp: {
      // The pattern's new variables are visible in its WHERE and body only.
      Scope inner = scope;
      std::set<std::string> fresh;
      KG_RETURN_IF_ERROR(DeclarePattern(e->pattern.get(), &inner, &fresh, false));
      SType t;
      if (e->args[0]) {
        KG_RETURN_IF_ERROR(BindExpr(e->args[0].get(), inner, {}, &t));
        KG_RETURN_IF_ERROR(CheckPredicateType(t, e->args[0]->span));
      }
      KG_RETURN_IF_ERROR(BindExpr(e->args[1].get(), inner, {}, &t));
      e->pattern_plan = static_cast<int>(st_->pattern_predicates.size());
      st_->pattern_predicates.push_back(e->pattern.get());
      *type = SType::kList;
      return Status::OK();
    }
    default:
      break;
  }
  std::vector<SType> types;
  for (auto& a : e->args) {
    SType t = SType::kAny;
    if (a) KG_RETURN_IF_ERROR(BindExpr(a.get(), scope, ctx, &t));
    types.push_back(t);
  }
  if (e->else_expr) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(e->else_expr.get(), scope, ctx, &t));
  }
  switch (e->kind) {
    case ExprKind::kNot:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kXor:
      for (size_t i = 0; i < types.size(); ++i)
        KG_RETURN_IF_ERROR(CheckPredicateType(types[i], e->args[i]->span));
      *type = SType::kBool;
      break;
    case ExprKind::kProperty:
      if (types[0] == SType::kPath || types[0] == SType::kList)
        return Err("InvalidArgumentType", e->span,
                   std::string("cannot read a property of a ") + STypeName(types[0]));
      if (types[0] == SType::kInt || types[0] == SType::kFloat || types[0] == SType::kBool ||
          types[0] == SType::kString)
        return Err("InvalidArgumentType", e->span,
                   std::string("cannot read a property of a ") + STypeName(types[0]),
                   ErrorClass::kTypeError);
      break;
    case ExprKind::kIn:
      if (types[1] != SType::kAny && types[1] != SType::kNull && types[1] != SType::kList)
        return Err("InvalidArgumentType", e->args[1]->span,
                   std::string("IN expects a list, got ") + STypeName(types[1]));
      *type = SType::kBool;
      break;
    case ExprKind::kEq:
    case ExprKind::kNeq:
    case ExprKind::kLt:
    case ExprKind::kLe:
    case ExprKind::kGt:
    case ExprKind::kGe:
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
    case ExprKind::kStartsWith:
    case ExprKind::kEndsWith:
    case ExprKind::kContains:
    case ExprKind::kRegex:
    case ExprKind::kLabels:
      *type = SType::kBool;
      break;
    case ExprKind::kList:
      *type = SType::kList;
      break;
    case ExprKind::kMap:
      *type = SType::kMap;
      break;
    case ExprKind::kIndex:
      if (types[0] == SType::kFloat || types[0] == SType::kInt || types[0] == SType::kBool)
        return Err("InvalidArgumentType", e->span, "cannot index this value",
                   ErrorClass::kTypeError);
      break;
    case ExprKind::kSub:
    case ExprKind::kMul:
    case ExprKind::kDiv:
    case ExprKind::kMod:
    case ExprKind::kPow:
      // A string or boolean known statically against a number can never work.
      for (size_t i = 0; i < 2; ++i)
        if ((types[i] == SType::kString || types[i] == SType::kBool) && IsNumber(types[1 - i]))
          return Err("InvalidArgumentType", e->span,
                     std::string("cannot apply the operator to ") + STypeName(types[i]) + " and " +
                         STypeName(types[1 - i]));
      break;
    case ExprKind::kAdd:
      if (types[0] == SType::kInt && types[1] == SType::kInt) *type = SType::kInt;
      if (types[0] == SType::kString && types[1] == SType::kString) *type = SType::kString;
      break;
    default:
      break;
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
