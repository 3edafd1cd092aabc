// Binding of expressions: each syntax node (ast.h) becomes a BoundExpr
// (bound.h) with its variables' slots, its calls' catalog entries and its
// static type: variables, function calls and their static argument types,
// aggregates, comprehensions and pattern predicates.
#include "query/internal/binder_impl.h"
#include "query/internal/catalog.h"

namespace kg::query::internal::binding {

namespace {

// The static type shared by the non-null elements of a list literal of
// literals (kAny when mixed, unknown or not a literal), so that the
// variable iterating it is typed as openCypher's semantic analysis does.
SType ElementType(const BoundExpr& list) {
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

// The bound node of `e` with what was written copied over; the caller adds
// the children and the binder's decisions.
BoundExprPtr Shell(const Expr& e) {
  auto b = std::make_unique<BoundExpr>();
  b->kind = e.kind;
  b->span = e.span;
  b->value = e.value;
  b->name = e.name;
  b->name2 = e.name2;
  b->keys = e.keys;
  b->distinct = e.distinct;
  b->name_spans = e.name_spans;
  b->op_span = e.op_span;
  return b;
}

}  // namespace

Status Binder::BindIterator(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExpr* b) {
  Scope inner = scope;
  b->args.resize(e.args.size());
  if (e.kind == ExprKind::kReduce) {
    KG_RETURN_IF_ERROR(BindExpr(*e.args[0], scope, ctx, &b->args[0]));
    KG_RETURN_IF_ERROR(BindExpr(*e.args[1], scope, ctx, &b->args[1]));
    b->slot2 = NewSlot();
    b->slot = NewSlot();
    inner[e.name] = {b->slot2, VarKind::kValue, SType::kAny};
    inner[e.name2] = {b->slot, VarKind::kValue, SType::kAny};
    KG_RETURN_IF_ERROR(BindExpr(*e.args[2], inner, NoAggregates(ctx), &b->args[2]));
    b->type = SType::kAny;
    return Status::OK();
  }
  KG_RETURN_IF_ERROR(BindExpr(*e.args[0], scope, ctx, &b->args[0]));
  b->slot = NewSlot();
  inner[e.name] = {b->slot, VarKind::kValue, ElementType(*b->args[0])};
  for (size_t i = 1; i < e.args.size(); ++i)
    KG_RETURN_IF_ERROR(BindOptional(e.args[i].get(), inner, NoAggregates(ctx), &b->args[i]));
  b->type = e.kind == ExprKind::kListComp ? SType::kList : SType::kBool;
  return Status::OK();
}

Status Binder::BindCall(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExpr* b) {
  b->type = SType::kAny;
  const AggregateDef* agg =
      e.kind == ExprKind::kCountStar ? FindAggregate("count") : FindAggregate(e.name);
  if (agg != nullptr) return BindAggregate(e, agg, scope, ctx, b);
  const FunctionDef* def = FindFunction(e.name);
  if (def == nullptr) return Err("UnknownFunction", e.span, "unknown function '" + e.name + "'");
  int n = static_cast<int>(e.args.size());
  if (n < def->min_args || (def->max_args >= 0 && n > def->max_args))
    return Err("InvalidNumberOfArguments", e.span, "wrong number of arguments to " + e.name);
  b->args.resize(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i)
    KG_RETURN_IF_ERROR(BindExpr(*e.args[i], scope, ctx, &b->args[i]));
  if (def->check != nullptr) {
    BindProblem p = def->check(*b);
    if (p.detail != nullptr) return Err(p.detail, b->args[p.arg]->span, p.message);
  }
  for (size_t i = 0; i < b->args.size() && i < kMaxTypedArgs; ++i)
    if (!Admits(def->args[i], b->args[i]->type))
      return Err(
          "InvalidArgumentType", b->args[i]->span,
          std::string("invalid argument of type ") + STypeName(b->args[i]->type) + " to " + e.name);
  b->function = def;
  b->type = def->returns;
  return Status::OK();
}

Status Binder::BindAggregate(const Expr& e, const AggregateDef* def, const Scope& scope,
                             ExprCtx ctx, BoundExpr* b) {
  if (!ctx.allow_aggregates || ctx.aggregates == nullptr)
    return Err("InvalidAggregation", e.span, "aggregation is not allowed here");
  if (ctx.in_aggregate) return Err("NestedAggregation", e.span, "aggregations cannot be nested");
  b->aggregate = true;
  b->aggregate_def = def;
  b->agg_index = static_cast<int>(ctx.aggregates->size());
  ctx.aggregates->push_back(b);
  ctx.in_aggregate = true;
  b->type = def->returns;
  if (e.kind == ExprKind::kCountStar) return Status::OK();
  if (static_cast<int>(e.args.size()) != def->num_args)
    return Err("InvalidNumberOfArguments", e.span,
               e.name + " takes " + std::to_string(def->num_args) + " argument(s)");
  b->args.resize(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i)
    KG_RETURN_IF_ERROR(BindExpr(*e.args[i], scope, ctx, &b->args[i]));
  return Status::OK();
}

Status Binder::BindOptional(const Expr* e, const Scope& scope, ExprCtx ctx, BoundExprPtr* out) {
  if (e == nullptr) {
    out->reset();
    return Status::OK();
  }
  return BindExpr(*e, scope, ctx, out);
}

Status Binder::BindExpr(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExprPtr* out) {
  if (projected_ != nullptr) {
    auto it = projected_->find(&e);
    if (it != projected_->end()) {
      // ORDER BY names a projected item by writing its expression again.
      Expr var;
      var.kind = ExprKind::kVar;
      var.name = it->second;
      var.span = e.span;
      return BindExpr(var, scope, ctx, out);
    }
  }
  *out = Shell(e);
  BoundExpr* b = out->get();
  switch (e.kind) {
    case ExprKind::kLiteral:
      b->type = LiteralType(e.value);
      return Status::OK();
    case ExprKind::kParam:
      return Status::OK();
    case ExprKind::kVar: {
      auto it = scope.find(e.name);
      if (it == scope.end())
        return Err("UndefinedVariable", e.span, "variable '" + e.name + "' not defined");
      b->slot = it->second.slot;
      b->type = it->second.kind == VarKind::kValue ? it->second.type : KindType(it->second.kind);
      return Status::OK();
    }
    case ExprKind::kCall:
    case ExprKind::kCountStar:
      return BindCall(e, scope, ctx, b);
    case ExprKind::kListComp:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce:
      return BindIterator(e, scope, ctx, b);
    case ExprKind::kPattern:
    case ExprKind::kPatternComp:
      return BindPatternExpr(e, scope, b);
    default:
      return BindOperator(e, scope, ctx, b);
  }
}

// A pattern predicate (kPattern) or comprehension (kPatternComp): its
// pattern is bound in a scope of its own and becomes a sub-plan.
Status Binder::BindPatternExpr(const Expr& e, const Scope& scope, BoundExpr* b) {
  Scope inner = scope;
  std::set<std::string> fresh;
  b->pattern = std::make_unique<BoundPatternPart>();
  KG_RETURN_IF_ERROR(DeclarePattern(*e.pattern, &inner, &fresh, false, b->pattern.get()));
  b->args.resize(e.args.size());
  if (e.kind == ExprKind::kPattern) {
    // A pattern predicate only tests variables bound outside; EXISTS { }
    // (name "EXISTS") may introduce its own.
    if (e.name != "EXISTS" && !fresh.empty())
      return Err("UndefinedVariable", e.span,
                 "variable '" + *fresh.begin() +
                     "' is not defined (a pattern predicate cannot introduce variables; use "
                     "EXISTS { ... })");
    if (!e.args.empty()) KG_RETURN_IF_ERROR(BindExpr(*e.args[0], inner, {}, &b->args[0]));
    b->type = SType::kBool;
  } else {
    // The pattern's new variables are visible in its WHERE and body only.
    if (e.args[0]) {
      KG_RETURN_IF_ERROR(BindExpr(*e.args[0], inner, {}, &b->args[0]));
      KG_RETURN_IF_ERROR(CheckPredicateType(b->args[0]->type, b->args[0]->span));
    }
    KG_RETURN_IF_ERROR(BindExpr(*e.args[1], inner, {}, &b->args[1]));
    b->type = SType::kList;
  }
  b->pattern_plan = static_cast<int>(out_.pattern_predicates.size());
  out_.pattern_predicates.push_back(b->pattern.get());
  return Status::OK();
}

Status Binder::BindOperator(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExpr* b) {
  b->args.resize(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i)
    KG_RETURN_IF_ERROR(BindOptional(e.args[i].get(), scope, ctx, &b->args[i]));
  KG_RETURN_IF_ERROR(BindOptional(e.else_expr.get(), scope, ctx, &b->else_expr));
  return TypeOperator(b);
}

// One case per kind of operator, each short; kept together so that the
// static typing rules of all operators read as one table.
Status Binder::TypeOperator(BoundExpr* b) {
  std::vector<SType> types;
  for (const auto& a : b->args) types.push_back(a ? a->type : SType::kAny);
  const auto& args = b->args;
  switch (b->kind) {
    case ExprKind::kNot:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kXor:
      for (size_t i = 0; i < types.size(); ++i)
        KG_RETURN_IF_ERROR(CheckPredicateType(types[i], args[i]->span));
      b->type = SType::kBool;
      break;
    case ExprKind::kProperty:
      if (types[0] == SType::kPath || types[0] == SType::kList)
        return Err("InvalidArgumentType", b->span,
                   std::string("cannot read a property of a ") + STypeName(types[0]));
      if (types[0] == SType::kInt || types[0] == SType::kFloat || types[0] == SType::kBool ||
          types[0] == SType::kString)
        return Err("InvalidArgumentType", b->span,
                   std::string("cannot read a property of a ") + STypeName(types[0]),
                   ErrorClass::kTypeError);
      break;
    case ExprKind::kIn:
      if (types[1] != SType::kAny && types[1] != SType::kNull && types[1] != SType::kList)
        return Err("InvalidArgumentType", args[1]->span,
                   std::string("IN expects a list, got ") + STypeName(types[1]));
      b->type = SType::kBool;
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
      b->type = SType::kBool;
      break;
    case ExprKind::kList:
      b->type = SType::kList;
      break;
    case ExprKind::kMap:
      b->type = SType::kMap;
      break;
    case ExprKind::kIndex:
      if (types[0] == SType::kFloat || types[0] == SType::kInt || types[0] == SType::kBool)
        return Err("InvalidArgumentType", b->span, "cannot index this value",
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
          return Err("InvalidArgumentType", b->span,
                     std::string("cannot apply the operator to ") + STypeName(types[i]) + " and " +
                         STypeName(types[1 - i]));
      break;
    case ExprKind::kAdd:
      if (types[0] == SType::kInt && types[1] == SType::kInt) b->type = SType::kInt;
      if (types[0] == SType::kString && types[1] == SType::kString) b->type = SType::kString;
      break;
    default:
      break;
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
