// Expression evaluation: ternary logic, arithmetic with overflow checks,
// string/list operators, CASE, comprehensions, property access.
#include "query/internal/eval.h"

#include <cctype>
#include <cmath>

#include "core/relation.h"
#include "query/internal/catalog.h"
#include "query/internal/compare.h"
#include "query/internal/limits.h"
#include "query/internal/temporal.h"

namespace kg::query::internal {

namespace {

using Tri = std::optional<bool>;

Value FromTri(Tri t) { return t ? Value(*t) : Value(); }

Result<Tri> ToTri(const Value& v, const BoundExpr& at, EvalContext& ctx) {
  if (v.is_null()) return Tri();
  if (!v.is_bool())
    return ctx.TypeError(at.span,
                         std::string("expected a boolean, got ") + ValueTypeName(v.type()));
  return Tri(v.as_bool());
}

Result<Value> EvalLogic(const BoundExpr& e, Row& row, EvalContext& ctx) {
  KG_ASSIGN_OR_RETURN(Value av, Eval(*e.args[0], row, ctx));
  KG_ASSIGN_OR_RETURN(Tri a, ToTri(av, *e.args[0], ctx));
  if (e.kind == ExprKind::kNot) return a ? Value(!*a) : Value();
  if (e.kind == ExprKind::kAnd && a && !*a) {
    KG_ASSIGN_OR_RETURN(Value bv, Eval(*e.args[1], row, ctx));
    KG_RETURN_IF_ERROR(ToTri(bv, *e.args[1], ctx).status());
    return Value(false);
  }
  KG_ASSIGN_OR_RETURN(Value bv, Eval(*e.args[1], row, ctx));
  KG_ASSIGN_OR_RETURN(Tri b, ToTri(bv, *e.args[1], ctx));
  switch (e.kind) {
    case ExprKind::kAnd:
      if ((a && !*a) || (b && !*b)) return Value(false);
      if (a && b) return Value(true);
      return Value();
    case ExprKind::kOr:
      if ((a && *a) || (b && *b)) return Value(true);
      if (a && b) return Value(false);
      return Value();
    default:  // XOR
      if (!a || !b) return Value();
      return Value(*a != *b);
  }
}

Status Overflow(const BoundExpr& e, EvalContext& ctx) {
  return ctx.Error(ErrorClass::kArgumentError, "NumberOutOfRange", e.span, "integer overflow");
}

// Long by design: openCypher's arithmetic table (integers with overflow
// checks, floats, strings, lists, temporals and durations) as one dispatch.
Result<Value> Arithmetic(const BoundExpr& e, const Value& a, const Value& b, EvalContext& ctx) {
  if (a.is_null() || b.is_null()) return Value();
  if (e.kind == ExprKind::kAdd) {
    if (a.is_list() || b.is_list()) {
      ValueList out = a.is_list() ? a.as_list() : ValueList{a};
      if (b.is_list())
        out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      else
        out.push_back(b);
      return Value(std::move(out));
    }
    if (a.is_string() && b.is_string()) return Value(a.as_string() + b.as_string());
    if (a.is_string() && (b.is_number() || b.is_bool()))
      return Value(a.as_string() + b.ToDisplayString());
    if (b.is_string() && (a.is_number() || a.is_bool()))
      return Value(a.ToDisplayString() + b.as_string());
  }
  if (a.is_temporal() || a.is_duration() || b.is_temporal() || b.is_duration()) {
    char op = e.kind == ExprKind::kAdd   ? '+'
              : e.kind == ExprKind::kSub ? '-'
              : e.kind == ExprKind::kMul ? '*'
              : e.kind == ExprKind::kDiv ? '/'
                                         : '?';
    if (auto r = TemporalArithmetic(op, a, b)) {
      if (!r->ok())
        return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", e.span,
                         r->status().message());
      return std::move(**r);
    }
  }
  if (!a.is_number() || !b.is_number())
    return ctx.TypeError(e.span, std::string("cannot apply the operator to ") +
                                     ValueTypeName(a.type()) + " and " + ValueTypeName(b.type()));
  if (a.is_int() && b.is_int() && e.kind != ExprKind::kPow) {
    int64_t x = a.as_int(), y = b.as_int(), r = 0;
    switch (e.kind) {
      case ExprKind::kAdd:
        if (__builtin_add_overflow(x, y, &r)) return Overflow(e, ctx);
        return Value(r);
      case ExprKind::kSub:
        if (__builtin_sub_overflow(x, y, &r)) return Overflow(e, ctx);
        return Value(r);
      case ExprKind::kMul:
        if (__builtin_mul_overflow(x, y, &r)) return Overflow(e, ctx);
        return Value(r);
      case ExprKind::kDiv:
      case ExprKind::kMod:
        if (y == 0)
          return ctx.Error(ErrorClass::kArgumentError, "DivisionByZero", e.span, "/ by zero");
        if (x == INT64_MIN && y == -1) return Overflow(e, ctx);
        return Value(e.kind == ExprKind::kDiv ? x / y : x % y);
      default:
        break;
    }
  }
  double x = a.as_number(), y = b.as_number();
  switch (e.kind) {
    case ExprKind::kAdd:
      return Value(x + y);
    case ExprKind::kSub:
      return Value(x - y);
    case ExprKind::kMul:
      return Value(x * y);
    case ExprKind::kDiv:
      return Value(x / y);
    case ExprKind::kMod:
      return Value(std::fmod(x, y));
    default:
      return Value(std::pow(x, y));
  }
}

Result<Value> Compare(const BoundExpr& e, const Value& a, const Value& b, EvalContext& ctx) {
  ctx.CheckComparable(e, a, b);
  if (e.kind == ExprKind::kEq) return FromTri(CypherEquals(a, b));
  if (e.kind == ExprKind::kNeq) {
    Tri t = CypherEquals(a, b);
    return t ? Value(!*t) : Value();
  }
  std::optional<int> c = CypherCompare(a, b);
  if (!c) return Value();
  switch (e.kind) {
    case ExprKind::kLt:
      return Value(*c < 0);
    case ExprKind::kLe:
      return Value(*c <= 0);
    case ExprKind::kGt:
      return Value(*c > 0);
    default:
      return Value(*c >= 0);
  }
}

Result<Value> InList(const BoundExpr& e, const Value& x, const Value& list, EvalContext& ctx) {
  if (list.is_null()) return Value();
  if (!list.is_list()) return ctx.TypeError(e.args[1]->span, "IN expects a list");
  bool unknown = false;
  for (const auto& item : list.as_list()) {
    Tri t = CypherEquals(x, item);
    if (!t)
      unknown = true;
    else if (*t)
      return Value(true);
  }
  return unknown ? Value() : Value(false);
}

Result<Value> StringOp(const BoundExpr& e, const Value& a, const Value& b, EvalContext& ctx) {
  if (!a.is_string() || !b.is_string()) return Value();
  const std::string& s = a.as_string();
  const std::string& t = b.as_string();
  switch (e.kind) {
    case ExprKind::kStartsWith:
      return Value(s.compare(0, t.size(), t) == 0 && s.size() >= t.size());
    case ExprKind::kEndsWith:
      return Value(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
    case ExprKind::kContains:
      return Value(s.find(t) != std::string::npos);
    default: {
      KG_ASSIGN_OR_RETURN(const re2::RE2* re, ctx.Regex(t, e.args[1]->span));
      KG_RETURN_IF_ERROR(ctx.CheckDeadline());
      return Value(re2::RE2::FullMatch(s, *re));
    }
  }
}

Result<Value> IndexOp(const BoundExpr& e, const Value& base, const Value& idx, EvalContext& ctx) {
  if (base.is_null() || idx.is_null()) return Value();
  if (base.is_list()) {
    if (!idx.is_int()) return ctx.TypeError(e.args[1]->span, "list index must be an integer");
    int64_t n = static_cast<int64_t>(base.as_list().size());
    int64_t i = idx.as_int() < 0 ? n + idx.as_int() : idx.as_int();
    if (i < 0 || i >= n) return Value();
    return base.as_list()[i];
  }
  if (base.is_map() || base.is_node() || base.is_relationship()) {
    if (!idx.is_string()) return ctx.TypeError(e.args[1]->span, "map key must be a string");
    return PropertyOf(base, idx.as_string(), e, ctx);
  }
  return ctx.TypeError(e.args[0]->span,
                       std::string("cannot index a ") + ValueTypeName(base.type()));
}

Result<Value> SliceOp(const BoundExpr& e, Row& row, EvalContext& ctx) {
  KG_ASSIGN_OR_RETURN(Value base, Eval(*e.args[0], row, ctx));
  Value from, to;
  if (e.args[1]) {
    KG_ASSIGN_OR_RETURN(from, Eval(*e.args[1], row, ctx));
  }
  if (e.args[2]) {
    KG_ASSIGN_OR_RETURN(to, Eval(*e.args[2], row, ctx));
  }
  if (base.is_null() || (e.args[1] && from.is_null()) || (e.args[2] && to.is_null()))
    return Value();
  if (!base.is_list()) return ctx.TypeError(e.args[0]->span, "cannot slice a non-list");
  if ((e.args[1] && !from.is_int()) || (e.args[2] && !to.is_int()))
    return ctx.TypeError(e.span, "slice bounds must be integers");
  const ValueList& l = base.as_list();
  int64_t n = static_cast<int64_t>(l.size());
  auto norm = [n](int64_t i) { return std::clamp(i < 0 ? n + i : i, int64_t{0}, n); };
  int64_t b = e.args[1] ? norm(from.as_int()) : 0;
  int64_t en = e.args[2] ? norm(to.as_int()) : n;
  if (b >= en) return Value(ValueList{});
  return Value(ValueList(l.begin() + b, l.begin() + en));
}

Result<Value> EvalCase(const BoundExpr& e, Row& row, EvalContext& ctx) {
  Value subject;
  if (e.args[0]) {
    KG_ASSIGN_OR_RETURN(subject, Eval(*e.args[0], row, ctx));
  }
  for (size_t i = 1; i + 1 < e.args.size(); i += 2) {
    KG_ASSIGN_OR_RETURN(Value w, Eval(*e.args[i], row, ctx));
    bool hit = e.args[0] ? CypherEquals(subject, w).value_or(false) : (w.is_bool() && w.as_bool());
    if (hit) return Eval(*e.args[i + 1], row, ctx);
  }
  if (e.else_expr) return Eval(*e.else_expr, row, ctx);
  return Value();
}

Result<Value> EvalIteration(const BoundExpr& e, Row& row, EvalContext& ctx) {
  if (e.kind == ExprKind::kReduce) {
    KG_ASSIGN_OR_RETURN(Value acc, Eval(*e.args[0], row, ctx));
    KG_ASSIGN_OR_RETURN(Value list, Eval(*e.args[1], row, ctx));
    if (list.is_null()) return Value();
    if (!list.is_list()) return ctx.TypeError(e.args[1]->span, "reduce expects a list");
    for (const auto& item : list.as_list()) {
      KG_RETURN_IF_ERROR(ctx.CheckDeadline());
      row[e.slot2] = std::move(acc);
      row[e.slot] = item;
      KG_ASSIGN_OR_RETURN(acc, Eval(*e.args[2], row, ctx));
      // The accumulator is fed back: only here can a value grow without
      // bound in depth (reduce(a = [], x IN l | [a])) or in size.
      if (acc.is_list() || acc.is_map() || acc.is_string()) {
        if (DeeperThan(acc, kMaxValueDepth))
          return ctx.Error(ErrorClass::kArgumentError, "ValueTooDeep", e.span,
                           "reduce() built a value nested deeper than " +
                               std::to_string(kMaxValueDepth) + " levels (the limit)");
        KG_RETURN_IF_ERROR(ctx.memory.Fits(ApproxBytes(acc)));
      }
    }
    row[e.slot2] = Value();
    return acc;
  }
  KG_ASSIGN_OR_RETURN(Value list, Eval(*e.args[0], row, ctx));
  if (list.is_null()) return Value();
  if (!list.is_list()) return ctx.TypeError(e.args[0]->span, "expected a list");
  ValueList out;
  size_t true_count = 0, false_count = 0;
  bool unknown = false;
  uint64_t out_bytes = 0;
  for (const auto& item : list.as_list()) {
    KG_RETURN_IF_ERROR(ctx.CheckDeadline());
    row[e.slot] = item;
    Tri keep = true;
    if (e.args[1]) {
      KG_ASSIGN_OR_RETURN(Value w, Eval(*e.args[1], row, ctx));
      KG_ASSIGN_OR_RETURN(keep, ToTri(w, *e.args[1], ctx));
    }
    if (!keep) unknown = true;
    if (keep && !*keep) ++false_count;
    if (!keep || !*keep) continue;
    ++true_count;
    if (e.kind == ExprKind::kListComp) {
      if (e.args[2]) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*e.args[2], row, ctx));
        out.push_back(std::move(v));
      } else {
        out.push_back(item);
      }
      out_bytes += ApproxBytes(out.back());
      KG_RETURN_IF_ERROR(ctx.memory.Fits(out_bytes));
    }
  }
  if (e.kind == ExprKind::kListComp) return Value(std::move(out));
  if (e.name2 == "all") return false_count > 0 ? Value(false) : (unknown ? Value() : Value(true));
  if (e.name2 == "any") return true_count > 0 ? Value(true) : (unknown ? Value() : Value(false));
  if (e.name2 == "none") return true_count > 0 ? Value(false) : (unknown ? Value() : Value(true));
  // single
  if (true_count > 1) return Value(false);
  if (unknown) return Value();
  return Value(true_count == 1);
}

Result<Value> EvalLabels(const BoundExpr& e, Row& row, EvalContext& ctx) {
  KG_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
  if (v.is_null()) return Value();
  if (!v.is_node()) return ctx.TypeError(e.args[0]->span, "label test needs a node");
  // From the topology copy's label sets when it knows the node.
  const EntityId id = v.as_node().id;
  if (std::optional<bool> has = ctx.PeekNodeLabels(id, e.keys)) return Value(*has);
  KG_ASSIGN_OR_RETURN(auto node, ctx.Node(id));
  for (const auto& l : e.keys)
    if (!node->HasLabel(l)) return Value(false);
  return Value(true);
}

Result<Value> EvalCall(const BoundExpr& e, Row& row, EvalContext& ctx) {
  if (e.aggregate) {
    if (ctx.agg_values == nullptr || e.agg_index < 0)
      return ctx.Error(ErrorClass::kSyntaxError, "InvalidAggregation", e.span,
                       "aggregation is not allowed here");
    return (*ctx.agg_values)[e.agg_index];
  }
  // The binder resolved the function once (BoundExpr::function): no lookup here.
  const FunctionDef* def = e.function;
  if (def == nullptr)
    return ctx.Error(ErrorClass::kSyntaxError, "UnknownFunction", e.span, "unknown function");
  std::vector<Value> args;
  args.reserve(e.args.size());
  for (const auto& a : e.args) {
    KG_ASSIGN_OR_RETURN(Value v, Eval(*a, row, ctx));
    args.push_back(std::move(v));
  }
  return def->fn(ctx, e, args);
}

}  // namespace

Result<Value> PropertyOf(const Value& v, const std::string& key, const BoundExpr& at,
                         EvalContext& ctx) {
  switch (v.type()) {
    case Value::Type::kNull:
      return Value();
    case Value::Type::kMap: {
      auto it = v.as_map().find(key);
      return it == v.as_map().end() ? Value() : it->second;
    }
    case Value::Type::kNode: {
      if (ctx.IsDeletedNode(v.as_node().id))
        return ctx.Error(ErrorClass::kEntityNotFound, "DeletedEntityAccess", at.span,
                         "the node was deleted");
      return ctx.NodeProperty(v.as_node().id, key);
    }
    case Value::Type::kRelationship: {
      if (ctx.IsDeletedRel(v.as_relationship().id))
        return ctx.Error(ErrorClass::kEntityNotFound, "DeletedEntityAccess", at.span,
                         "the relationship was deleted");
      KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(v.as_relationship().id));
      const Value* p = r->Find(key);
      return p ? *p : Value();
    }
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
    case Value::Type::kDuration: {
      if (auto c = TemporalComponent(v, key)) return *c;
      return ctx.Error(
          ErrorClass::kSemanticError, "InvalidArgumentValue", at.span,
          std::string("a ") + ValueTypeName(v.type()) + " has no component '" + key + "'");
    }
    default:
      return ctx.TypeError(at.span, std::string("cannot read property '") + key + "' of a " +
                                        ValueTypeName(v.type()));
  }
}

// Long by design: the dispatch over every expression kind, one short case
// each, the evaluator's hot path (a call per kind would add one per node).
Result<Value> Eval(const BoundExpr& e, Row& row, EvalContext& ctx) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return e.value;
    case ExprKind::kParam: {
      auto it = ctx.params->find(e.name);
      if (it == ctx.params->end())
        return ctx.Error(ErrorClass::kSemanticError, "ParameterMissing", e.span,
                         "expected a parameter named $" + e.name);
      return it->second;
    }
    case ExprKind::kVar:
      return row[e.slot];
    case ExprKind::kProperty: {
      KG_ASSIGN_OR_RETURN(Value base, Eval(*e.args[0], row, ctx));
      return PropertyOf(base, e.name, e, ctx);
    }
    case ExprKind::kList: {
      ValueList out;
      out.reserve(e.args.size());
      for (const auto& a : e.args) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*a, row, ctx));
        out.push_back(std::move(v));
      }
      return Value(std::move(out));
    }
    case ExprKind::kMap: {
      ValueMap out;
      for (size_t i = 0; i < e.args.size(); ++i) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*e.args[i], row, ctx));
        out[e.keys[i]] = std::move(v);
      }
      return Value(std::move(out));
    }
    case ExprKind::kNot:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kXor:
      return EvalLogic(e, row, ctx);
    case ExprKind::kNeg:
    case ExprKind::kPos: {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      if (v.is_null()) return Value();
      if (!v.is_number()) return ctx.TypeError(e.span, "unary minus needs a number");
      if (e.kind == ExprKind::kPos) return v;
      if (v.is_int()) {
        if (v.as_int() == INT64_MIN) return Overflow(e, ctx);
        return Value(-v.as_int());
      }
      return Value(-v.as_double());
    }
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull: {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      return Value(v.is_null() == (e.kind == ExprKind::kIsNull));
    }
    case ExprKind::kSlice:
      return SliceOp(e, row, ctx);
    case ExprKind::kCall:
    case ExprKind::kCountStar:
      return EvalCall(e, row, ctx);
    case ExprKind::kCase:
      return EvalCase(e, row, ctx);
    case ExprKind::kListComp:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce:
      return EvalIteration(e, row, ctx);
    case ExprKind::kLabels:
      return EvalLabels(e, row, ctx);
    case ExprKind::kPattern:
    case ExprKind::kPatternComp:
      return EvalPattern(e, row, ctx);
    default:
      break;
  }
  KG_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], row, ctx));
  KG_ASSIGN_OR_RETURN(Value b, Eval(*e.args[1], row, ctx));
  switch (e.kind) {
    case ExprKind::kAdd:
    case ExprKind::kSub:
    case ExprKind::kMul:
    case ExprKind::kDiv:
    case ExprKind::kMod:
    case ExprKind::kPow:
      return Arithmetic(e, a, b, ctx);
    case ExprKind::kEq:
    case ExprKind::kNeq:
    case ExprKind::kLt:
    case ExprKind::kLe:
    case ExprKind::kGt:
    case ExprKind::kGe:
      return Compare(e, a, b, ctx);
    case ExprKind::kIn:
      return InList(e, a, b, ctx);
    case ExprKind::kStartsWith:
    case ExprKind::kEndsWith:
    case ExprKind::kContains:
    case ExprKind::kRegex:
      return StringOp(e, a, b, ctx);
    case ExprKind::kIndex:
      return IndexOp(e, a, b, ctx);
    default:
      return Status::Internal("unhandled expression kind");
  }
}

Result<bool> EvalPredicate(const BoundExpr& e, Row& row, EvalContext& ctx) {
  KG_ASSIGN_OR_RETURN(Value v, Eval(e, row, ctx));
  if (v.is_null()) return false;
  if (!v.is_bool())
    return ctx.TypeError(e.span, std::string("expected a boolean, got ") + ValueTypeName(v.type()));
  return v.as_bool();
}

Result<Value> Refresh(const Value& v, EvalContext& ctx) {
  switch (v.type()) {
    case Value::Type::kNode:
      if (ctx.IsDeletedNode(v.as_node().id)) return v;
      return ctx.NodeValue(v.as_node().id);
    case Value::Type::kRelationship:
      if (ctx.IsDeletedRel(v.as_relationship().id)) return v;
      return ctx.RelValue(v.as_relationship().id);
    case Value::Type::kList: {
      ValueList out;
      for (const auto& x : v.as_list()) {
        KG_ASSIGN_OR_RETURN(Value y, Refresh(x, ctx));
        out.push_back(std::move(y));
      }
      return Value(std::move(out));
    }
    case Value::Type::kMap: {
      ValueMap out;
      for (const auto& [k, x] : v.as_map()) {
        KG_ASSIGN_OR_RETURN(out[k], Refresh(x, ctx));
      }
      return Value(std::move(out));
    }
    default:
      return v;
  }
}

}  // namespace kg::query::internal
