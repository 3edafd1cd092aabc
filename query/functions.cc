// The scalar function table: graph accessors, strings, lists, numbers,
// conversions and the kg.* extensions (kg.validAt); the temporal functions
// are in temporal_functions.cc.
#include "query/internal/functions.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/relation.h"
#include "query/internal/ast.h"
#include "query/internal/eval.h"
#include "query/internal/rounding.h"
#include "query/internal/string_functions.h"
#include "query/internal/temporal.h"
#include "storage/sources.h"

namespace kg::query::internal {
namespace {

using Args = std::vector<Value>;

Result<Value> Id(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_node()) return Value(static_cast<int64_t>(a[0].as_node().id));
  if (a[0].is_relationship()) return Value(static_cast<int64_t>(a[0].as_relationship().id));
  return BadArg(ctx, c, 0, a[0]);
}

Result<Value> Labels(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_node()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(auto n, ctx.Node(a[0].as_node().id));
  ValueList out;
  for (const auto& l : n->labels) out.emplace_back(l);
  return Value(std::move(out));
}

Result<Value> Type(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  return Value(a[0].as_relationship().type);
}

Result<Value> Properties(EvalContext& ctx, const Expr& c, Args& a) {
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

Result<Value> Keys(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  KG_ASSIGN_OR_RETURN(Value props, Properties(ctx, c, a));
  ValueList out;
  for (const auto& [k, v] : props.as_map())
    if (!v.is_null() || a[0].is_map()) out.emplace_back(k);
  return Value(std::move(out));
}

Result<Value> StartOrEnd(EvalContext& ctx, const Expr& c, Args& a, bool start) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  const Relation& r = a[0].as_relationship();
  return ctx.NodeValue(start ? r.start : r.end);
}
Result<Value> StartNode(EvalContext& ctx, const Expr& c, Args& a) {
  return StartOrEnd(ctx, c, a, true);
}
Result<Value> EndNode(EvalContext& ctx, const Expr& c, Args& a) {
  return StartOrEnd(ctx, c, a, false);
}

Result<Value> Nodes(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) return BadArg(ctx, c, 0, a[0]);
  ValueList out;
  for (const auto& n : a[0].as_path().nodes) {
    KG_ASSIGN_OR_RETURN(Value v, ctx.NodeValue(n.id));
    out.push_back(std::move(v));
  }
  return Value(std::move(out));
}

Result<Value> Relationships(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) return BadArg(ctx, c, 0, a[0]);
  ValueList out;
  for (const auto& r : a[0].as_path().rels) {
    KG_ASSIGN_OR_RETURN(Value v, ctx.RelValue(r.id));
    out.push_back(std::move(v));
  }
  return Value(std::move(out));
}

Result<Value> Length(EvalContext& ctx, const Expr& c, Args& a) {
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

Result<Value> Size(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_string()) return Value(Utf8Length(a[0].as_string()));
  if (a[0].is_list()) return Value(static_cast<int64_t>(a[0].as_list().size()));
  return BadArg(ctx, c, 0, a[0]);
}

Result<Value> Coalesce(EvalContext&, const Expr&, Args& a) {
  for (auto& v : a)
    if (!v.is_null()) return v;
  return Value();
}

// exists(n.prop): whether the property is there (the binder admits only a
// property access; exists(pattern) is a pattern predicate).
Result<Value> Exists(EvalContext&, const Expr&, Args& a) { return Value(!a[0].is_null()); }

Result<Value> MapString(EvalContext& ctx, const Expr& c, Args& a, int (*f)(int)) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  std::string s = a[0].as_string();
  for (char& ch : s) ch = static_cast<char>(f(static_cast<unsigned char>(ch)));
  return Value(std::move(s));
}
Result<Value> ToLower(EvalContext& ctx, const Expr& c, Args& a) {
  return MapString(ctx, c, a, ::tolower);
}
Result<Value> ToUpper(EvalContext& ctx, const Expr& c, Args& a) {
  return MapString(ctx, c, a, ::toupper);
}

Result<Value> Split(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  if (!a[1].is_string()) return BadArg(ctx, c, 1, a[1]);
  const std::string& s = a[0].as_string();
  const std::string& d = a[1].as_string();
  ValueList out;
  if (d.empty()) {
    for (char ch : s) out.emplace_back(std::string(1, ch));
    return Value(std::move(out));
  }
  size_t pos = 0;
  while (true) {
    size_t next = s.find(d, pos);
    if (next == std::string::npos) break;
    out.emplace_back(s.substr(pos, next - pos));
    pos = next + d.size();
  }
  out.emplace_back(s.substr(pos));
  return Value(std::move(out));
}

Result<Value> Substring(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  if (!a[1].is_int()) return BadArg(ctx, c, 1, a[1]);
  if (a.size() > 2 && !a[2].is_int()) return BadArg(ctx, c, 2, a[2]);
  const std::string& s = a[0].as_string();
  int64_t start = a[1].as_int();
  int64_t len = a.size() > 2 ? a[2].as_int() : static_cast<int64_t>(s.size());
  if (start < 0 || len < 0)
    return ctx.Error(ErrorClass::kArgumentError, "NegativeIntegerArgument", c.span,
                     "negative argument to substring()");
  if (start >= static_cast<int64_t>(s.size())) return Value(std::string());
  return Value(s.substr(start, len));
}

Result<Value> Replace(EvalContext& ctx, const Expr& c, Args& a) {
  for (size_t i = 0; i < 3; ++i) {
    if (a[i].is_null()) return Value();
    if (!a[i].is_string()) return BadArg(ctx, c, i, a[i]);
  }
  std::string s = a[0].as_string();
  const std::string& from = a[1].as_string();
  const std::string& to = a[2].as_string();
  if (from.empty()) return Value(s);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(from, pos);
    if (next == std::string::npos) break;
    out += s.substr(pos, next - pos) + to;
    pos = next + from.size();
  }
  out += s.substr(pos);
  return Value(std::move(out));
}

Result<Value> ToString(EvalContext& ctx, const Expr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_string()) return v;
  if (v.is_number() || v.is_bool() || v.is_temporal() || v.is_duration())
    return Value(v.ToDisplayString());
  return BadArg(ctx, c, 0, v);
}

Result<Value> ToInteger(EvalContext& ctx, const Expr& c, Args& a) {
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

Result<Value> ToFloat(EvalContext& ctx, const Expr& c, Args& a) {
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

Result<Value> ToBoolean(EvalContext& ctx, const Expr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null() || v.is_bool()) return v;
  if (v.is_string()) {
    std::string s = v.as_string();
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (s == "true") return Value(true);
    if (s == "false") return Value(false);
    return Value();
  }
  if (v.is_int()) return Value(v.as_int() != 0);
  return BadArg(ctx, c, 0, v);
}

Result<Value> Head(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return BadArg(ctx, c, 0, a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().front();
}
Result<Value> Last(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return BadArg(ctx, c, 0, a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().back();
}
Result<Value> Tail(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return BadArg(ctx, c, 0, a[0]);
  const ValueList& l = a[0].as_list();
  return l.empty() ? Value(ValueList{}) : Value(ValueList(l.begin() + 1, l.end()));
}
Result<Value> Range(EvalContext& ctx, const Expr& c, Args& a) {
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

Result<Value> Abs(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_int()) return Value(a[0].as_int() < 0 ? -a[0].as_int() : a[0].as_int());
  if (a[0].is_double()) return Value(std::fabs(a[0].as_double()));
  return BadArg(ctx, c, 0, a[0]);
}

Result<Value> NumFn(EvalContext& ctx, const Expr& c, Args& a, double (*f)(double)) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_number()) return BadArg(ctx, c, 0, a[0]);
  return Value(f(a[0].as_number()));
}
double RoundHalfUp(double d) { return std::floor(d + 0.5); }

// round(x, precision[, mode]): rounds the shortest decimal text of x (what
// Java's BigDecimal.valueOf sees, so round(2.675, 2) is 2.68) to
// `precision` digits after the point with one of Java's RoundingModes.
Result<Value> Round(EvalContext& ctx, const Expr& c, Args& a) {
  if (a.size() == 1) return NumFn(ctx, c, a, RoundHalfUp);
  for (const Value& v : a)
    if (v.is_null()) return Value();
  if (!a[0].is_number()) return BadArg(ctx, c, 0, a[0]);
  if (!a[1].is_int()) return BadArg(ctx, c, 1, a[1]);
  std::string mode = "HALF_UP";
  if (a.size() > 2) {
    if (!a[2].is_string()) return BadArg(ctx, c, 2, a[2]);
    mode = a[2].as_string();
  }
  std::optional<RoundingMode> m = ParseRoundingMode(mode);
  if (!m)
    return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", c.args[2]->span,
                     "unknown rounding mode '" + mode +
                         "' (UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN)");
  int64_t precision = a[1].as_int();
  if (precision < -400 || precision > 400)
    return ctx.Error(ErrorClass::kArgumentError, "NumberOutOfRange", c.args[1]->span,
                     "precision out of range");
  double x = a[0].as_number();
  if (!std::isfinite(x)) return Value(x);
  return Value(RoundDecimal(x, static_cast<int>(precision), *m));
}
Result<Value> Floor(EvalContext& ctx, const Expr& c, Args& a) {
  return NumFn(ctx, c, a, std::floor);
}
Result<Value> Ceil(EvalContext& ctx, const Expr& c, Args& a) { return NumFn(ctx, c, a, std::ceil); }
Result<Value> Sqrt(EvalContext& ctx, const Expr& c, Args& a) { return NumFn(ctx, c, a, std::sqrt); }
// rand(): uniform in [0, 1).
Result<Value> Rand(EvalContext& ctx, const Expr&, Args&) {
  return Value(std::uniform_real_distribution<double>(0.0, 1.0)(ctx.Rng()));
}

Result<Value> Sign(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_number()) return BadArg(ctx, c, 0, a[0]);
  double d = a[0].as_number();
  return Value(int64_t{d > 0 ? 1 : (d < 0 ? -1 : 0)});
}

// The date argument of kg.validAt / kg.certainAt / kg.knownAt: a date or a
// string of any precision ("2025-04-16", "2025-W28", "2025-04", "2025").
Result<Date> DayArg(EvalContext& ctx, const Expr& c, const Value& v) {
  if (v.is_date()) return v.as_date();
  if (!v.is_string()) return BadArg(ctx, c, 1, v);
  auto d = Date::ParseWithPrecision(v.as_string());
  if (!d.ok())
    return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", c.span,
                     d.status().message());
  return *d;
}

// kg.validAt(r, date): held on some day of the date (Relation::ValidAt:
// imprecise bounds read generously).
Result<Value> ValidAt(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(Date day, DayArg(ctx, c, a[1]));
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  return Value(r->ValidAt(day));
}

// kg.certainAt(r, date): held on every day of the date under every reading
// of imprecise bounds (Relation::CertainAt).
Result<Value> CertainAt(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(Date day, DayArg(ctx, c, a[1]));
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  return Value(r->CertainAt(day));
}

// kg.knownAt(r, date): true when the relationship was said on or before the
// date (RelationFilter::KnownAt: its `date`, else its sources' publication).
Result<Value> KnownAt(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(Date day, DayArg(ctx, c, a[1]));
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  RelationFilter filter;
  if (!r->said()) {
    auto published = std::make_shared<std::map<std::string, Date, std::less<>>>();
    for (const std::string& id : storage::RelationSourceIds(*r)) {
      KG_ASSIGN_OR_RETURN(auto rec, storage::GetSource(*ctx.txn, id));
      if (!rec) continue;
      if (auto d = Date::ParseWithPrecision(rec->published); d.ok()) (*published)[id] = *d;
    }
    filter.source_published = std::move(published);
  }
  return Value(filter.KnownAt(*r, day));
}

// kg.source(r): the record of the relationship's (first) source as a map
// {id, title, publisher, author, url, published, language}; null when the
// relationship names no source. A source without a stored record (CSV data
// imported without --sources) gives just {id}.
Result<Value> SourceOf(EvalContext& ctx, const Expr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  std::vector<std::string> ids = storage::RelationSourceIds(*r);
  if (ids.empty()) return Value();
  ValueMap m;
  m["id"] = Value(ids[0]);
  KG_ASSIGN_OR_RETURN(auto rec, storage::GetSource(*ctx.txn, ids[0]));
  if (rec) {
    auto put = [&](const char* key, const std::string& v) {
      m[key] = v.empty() ? Value() : Value(v);
    };
    put("title", rec->title);
    put("publisher", rec->publisher);
    put("author", rec->author);
    put("url", rec->url);
    put("published", rec->published);
    put("language", rec->language);
  }
  return Value(std::move(m));
}

const FunctionDef kFunctions[] = {
    {"id", 1, 1, Id},
    {"labels", 1, 1, Labels},
    {"type", 1, 1, Type},
    {"properties", 1, 1, Properties},
    {"keys", 1, 1, Keys},
    {"startnode", 1, 1, StartNode},
    {"endnode", 1, 1, EndNode},
    {"nodes", 1, 1, Nodes},
    {"relationships", 1, 1, Relationships},
    {"length", 1, 1, Length},
    {"size", 1, 1, Size},
    {"coalesce", 1, -1, Coalesce},
    {"exists", 1, 1, Exists},
    {"tolower", 1, 1, ToLower},
    {"toupper", 1, 1, ToUpper},
    {"trim", 1, 2, TrimFn},
    {"btrim", 1, 2, TrimFn},
    {"ltrim", 1, 2, LTrimFn},
    {"rtrim", 1, 2, RTrimFn},
    {"left", 2, 2, LeftFn},
    {"right", 2, 2, RightFn},
    {"split", 2, 2, Split},
    {"substring", 2, 3, Substring},
    {"replace", 3, 3, Replace},
    {"tostring", 1, 1, ToString},
    {"tointeger", 1, 1, ToInteger},
    {"tofloat", 1, 1, ToFloat},
    {"toboolean", 1, 1, ToBoolean},
    {"head", 1, 1, Head},
    {"last", 1, 1, Last},
    {"tail", 1, 1, Tail},
    {"reverse", 1, 1, ReverseFn},
    {"range", 2, 3, Range},
    {"abs", 1, 1, Abs},
    {"round", 1, 3, Round},
    {"floor", 1, 1, Floor},
    {"ceil", 1, 1, Ceil},
    {"sqrt", 1, 1, Sqrt},
    {"sign", 1, 1, Sign},
    {"rand", 0, 0, Rand},
    {"kg.validat", 2, 2, ValidAt},
    {"kg.certainat", 2, 2, CertainAt},
    {"kg.date", 1, 2, KgDateFn},
    {"kg.knownat", 2, 2, KnownAt},
    {"kg.source", 1, 1, SourceOf},
};

}  // namespace

const FunctionDef* FindFunction(std::string_view name) {
  std::string lower(name);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const FunctionDef& f : kFunctions)
    if (lower == f.name) return &f;
  return FindTemporalFunction(lower);
}

}  // namespace kg::query::internal
