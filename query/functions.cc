// The graph, list and conversion functions (id, labels, nodes, size,
// coalesce, toInteger, range, ...) and their catalog entries. The other
// families: string_functions.cc, number_functions.cc,
// temporal_functions.cc, duration_functions.cc, kg_functions.cc.
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/relation.h"
#include "core/text.h"
#include "query/internal/bound.h"
#include "query/internal/catalog.h"
#include "query/internal/eval.h"
#include "query/internal/string_functions.h"

namespace kg::query::internal {
namespace {

using Args = std::vector<Value>;
using enum SType;

Result<Value> Id(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_node()) return Value(static_cast<int64_t>(a[0].as_node().id));
  if (a[0].is_relationship()) return Value(static_cast<int64_t>(a[0].as_relationship().id));
  return BadArg(ctx, c, 0, a[0]);
}

Result<Value> Labels(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_node()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(auto n, ctx.Node(a[0].as_node().id));
  ValueList out;
  for (const auto& l : n->labels) out.emplace_back(l);
  return Value(std::move(out));
}

Result<Value> Type(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  return Value(a[0].as_relationship().type);
}

Result<Value> Properties(EvalContext& ctx, const BoundExpr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_map()) return v;
  if (v.is_node()) {
    KG_ASSIGN_OR_RETURN(auto n, ctx.Node(v.as_node().id));
    return Value(ValueMap(n->properties.begin(), n->properties.end()));
  }
  if (v.is_relationship()) {
    KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(v.as_relationship().id));
    return Value(ValueMap(r->properties.begin(), r->properties.end()));
  }
  return BadArg(ctx, c, 0, v);
}

Result<Value> Keys(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  KG_ASSIGN_OR_RETURN(Value props, Properties(ctx, c, a));
  ValueList out;
  for (const auto& [k, v] : props.as_map())
    if (!v.is_null() || a[0].is_map()) out.emplace_back(k);
  return Value(std::move(out));
}

Result<Value> StartOrEnd(EvalContext& ctx, const BoundExpr& c, Args& a, bool start) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  const Relation& r = a[0].as_relationship();
  return ctx.NodeValue(start ? r.start : r.end);
}
Result<Value> StartNode(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return StartOrEnd(ctx, c, a, true);
}
Result<Value> EndNode(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return StartOrEnd(ctx, c, a, false);
}

Result<Value> Nodes(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) return BadArg(ctx, c, 0, a[0]);
  ValueList out;
  for (const auto& n : a[0].as_path().nodes) {
    KG_ASSIGN_OR_RETURN(Value v, ctx.NodeValue(n.id));
    out.push_back(std::move(v));
  }
  return Value(std::move(out));
}

Result<Value> Relationships(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) return BadArg(ctx, c, 0, a[0]);
  ValueList out;
  for (const auto& r : a[0].as_path().rels) {
    KG_ASSIGN_OR_RETURN(Value v, ctx.RelValue(r.id));
    out.push_back(std::move(v));
  }
  return Value(std::move(out));
}

Result<Value> Length(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_path()) return Value(static_cast<int64_t>(a[0].as_path().rels.size()));
  if (a[0].is_string()) return Value(static_cast<int64_t>(a[0].as_string().size()));
  if (a[0].is_list()) return Value(static_cast<int64_t>(a[0].as_list().size()));
  return BadArg(ctx, c, 0, a[0]);
}

int64_t Utf8Length(const std::string& s) {
  int64_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

Result<Value> Size(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_string()) return Value(Utf8Length(a[0].as_string()));
  if (a[0].is_list()) return Value(static_cast<int64_t>(a[0].as_list().size()));
  return BadArg(ctx, c, 0, a[0]);
}

Result<Value> Coalesce(EvalContext&, const BoundExpr&, Args& a) {
  for (auto& v : a)
    if (!v.is_null()) return v;
  return Value();
}

// exists(n.prop): whether the property is there (the binder admits only a
// property access; exists(pattern) is a pattern predicate).
Result<Value> Exists(EvalContext&, const BoundExpr&, Args& a) { return Value(!a[0].is_null()); }

Result<Value> ToString(EvalContext& ctx, const BoundExpr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_string()) return v;
  if (v.is_number() || v.is_bool() || v.is_temporal() || v.is_duration())
    return Value(v.ToDisplayString());
  return BadArg(ctx, c, 0, v);
}

Result<Value> ToInteger(EvalContext& ctx, const BoundExpr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_int()) return v;
  if (v.is_double()) {
    double d = v.as_double();
    if (std::isnan(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18) return Value();
    return Value(static_cast<int64_t>(d));
  }
  if (v.is_bool()) return Value(int64_t{v.as_bool() ? 1 : 0});
  if (v.is_string()) {
    const std::string& s = v.as_string();
    char* end = nullptr;
    errno = 0;
    long long i = std::strtoll(s.c_str(), &end, 10);
    if (end != s.c_str() && *end == '\0' && errno == 0) return Value(static_cast<int64_t>(i));
    double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() && *end == '\0' && std::isfinite(d)) return Value(static_cast<int64_t>(d));
    return Value();
  }
  return BadArg(ctx, c, 0, v);
}

Result<Value> ToFloat(EvalContext& ctx, const BoundExpr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_double()) return v;
  if (v.is_int()) return Value(static_cast<double>(v.as_int()));
  if (v.is_string()) {
    const std::string& s = v.as_string();
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() && *end == '\0') return Value(d);
    return Value();
  }
  return BadArg(ctx, c, 0, v);
}

Result<Value> ToBoolean(EvalContext& ctx, const BoundExpr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null() || v.is_bool()) return v;
  if (v.is_string()) {
    std::string s = v.as_string();
    AsciiLowerInPlace(&s);
    if (s == "true") return Value(true);
    if (s == "false") return Value(false);
    return Value();
  }
  if (v.is_int()) return Value(v.as_int() != 0);
  return BadArg(ctx, c, 0, v);
}

Result<Value> Head(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return BadArg(ctx, c, 0, a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().front();
}
Result<Value> Last(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return BadArg(ctx, c, 0, a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().back();
}
Result<Value> Tail(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return BadArg(ctx, c, 0, a[0]);
  const ValueList& l = a[0].as_list();
  return l.empty() ? Value(ValueList{}) : Value(ValueList(l.begin() + 1, l.end()));
}
Result<Value> Range(EvalContext& ctx, const BoundExpr& c, Args& a) {
  // openCypher classes a non-integer bound or step as an ArgumentError.
  for (size_t i = 0; i < a.size(); ++i)
    if (!a[i].is_int())
      return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentType", c.args[i]->span,
                       std::string("range() takes integers, got ") + ValueTypeName(a[i].type()));
  int64_t from = a[0].as_int(), to = a[1].as_int(), step = a.size() > 2 ? a[2].as_int() : 1;
  if (step == 0)
    return ctx.Error(ErrorClass::kArgumentError, "NumberOutOfRange", c.span,
                     "range() step must not be 0");
  // The length first (in 128 bits: to - from may overflow), so the memory
  // budget can refuse the list before any of it is built.
  __int128 span = static_cast<__int128>(to) - from;
  __int128 count = (step > 0 ? span >= 0 : span <= 0) ? span / step + 1 : 0;
  if (count > 10'000'000)
    return ctx.Error(ErrorClass::kArgumentError, "NumberOutOfRange", c.span, "range() is too long");
  KG_RETURN_IF_ERROR(ctx.memory.Fits(static_cast<uint64_t>(count) * sizeof(Value)));
  ValueList out;
  out.reserve(static_cast<size_t>(count));
  for (int64_t k = 0; k < static_cast<int64_t>(count); ++k) {
    if ((k & 4095) == 0) KG_RETURN_IF_ERROR(ctx.CheckDeadlineNow());
    out.emplace_back(static_cast<int64_t>(from + static_cast<__int128>(k) * step));
  }
  return Value(std::move(out));
}

// exists(x) takes a property access; exists(pattern) never reaches here
// (the parser makes it a pattern predicate).
BindProblem ExistsTakesProperty(const BoundExpr& call) {
  if (call.args[0]->kind == ExprKind::kProperty) return {};
  return {"InvalidArgumentExpression", 0, "exists() takes a property access or a pattern"};
}

constexpr TypeSet kEntity = Types({kNode, kRel});
constexpr TypeSet kPropertyHolder = Types({kNode, kRel, kMap});

const FunctionDef kGraphFunctions[] = {
    {"id", 1, 1, Id, kInt, {kEntity}},
    {"labels", 1, 1, Labels, kList, {Types({kNode})}},
    {"type", 1, 1, Type, kAny, {Types({kRel})}},
    {"properties", 1, 1, Properties, kMap, {kPropertyHolder}},
    {"keys", 1, 1, Keys, kList, {kPropertyHolder}},
    {"startNode", 1, 1, StartNode, kNode},
    {"endNode", 1, 1, EndNode, kNode},
    {"nodes", 1, 1, Nodes, kList, {Types({kPath})}},
    {"relationships", 1, 1, Relationships, kList, {Types({kPath})}},
    {"length", 1, 1, Length, kInt, {Types({kPath, kString, kList})}},
    {"size", 1, 1, Size, kInt, {Types({kString, kList})}},
    {"coalesce", 1, -1, Coalesce},
    {"exists", 1, 1, Exists, kAny, {}, true, ExistsTakesProperty},
    {"toString", 1, 1, ToString, kString},
    {"toInteger", 1, 1, ToInteger, kInt},
    {"toFloat", 1, 1, ToFloat},
    {"toBoolean", 1, 1, ToBoolean},
    {"head", 1, 1, Head},
    {"last", 1, 1, Last},
    {"tail", 1, 1, Tail, kList},
    {"range", 2, 3, Range, kList},
};

}  // namespace

std::span<const FunctionDef> GraphFunctions() { return kGraphFunctions; }

}  // namespace kg::query::internal
