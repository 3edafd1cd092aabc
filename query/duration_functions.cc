// duration() from a string or a map, duration.between/inMonths/inDays/
// inSeconds, and datetime.fromEpoch/fromEpochMillis, with their catalog
// entries.
#include <cmath>
#include <map>

#include "core/text.h"
#include "query/internal/bound.h"
#include "query/internal/catalog.h"
#include "query/internal/eval.h"
#include "query/internal/string_functions.h"
#include "query/internal/temporal.h"

namespace kg::query::internal {
namespace {

using Args = std::vector<Value>;

Status ArgError(EvalContext& ctx, const BoundExpr& c, const std::string& msg) {
  return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", c.span, msg);
}

// Which field each key adds to (0 months, 1 days, 2 seconds, 3 nanos) and by
// how much.
struct Unit {
  int field;
  int64_t factor;
};

const std::map<std::string, Unit>& Units() {
  static const auto* m = new std::map<std::string, Unit>{
      {"years", {0, 12}},          {"quarters", {0, 3}},   {"months", {0, 1}},
      {"weeks", {1, 7}},           {"days", {1, 1}},       {"hours", {2, 3600}},
      {"minutes", {2, 60}},        {"seconds", {2, 1}},    {"milliseconds", {3, 1'000'000}},
      {"microseconds", {3, 1000}}, {"nanoseconds", {3, 1}}};
  return *m;
}

Result<Value> DurationFromMap(EvalContext& ctx, const BoundExpr& c, const ValueMap& m) {
  int64_t whole[4] = {0, 0, 0, 0};
  double frac[4] = {0, 0, 0, 0};
  for (const auto& [key, v] : m) {
    std::string k = key;
    AsciiLowerInPlace(&k);
    auto it = Units().find(k);
    if (it == Units().end()) return ArgError(ctx, c, "duration() takes no key '" + key + "'");
    if (v.is_null()) return Value();
    if (!v.is_number()) return BadArg(ctx, c, 0, v);
    const Unit u = it->second;
    int64_t n = 0;
    if (v.is_int()) {
      n = v.as_int();
    } else {
      double d = v.as_double();
      if (!std::isfinite(d) || std::fabs(d) > 9e15)
        return ArgError(ctx, c, "duration(): " + key + " out of range");
      n = static_cast<int64_t>(std::trunc(d));
      frac[u.field] += (d - std::trunc(d)) * static_cast<double>(u.factor);
    }
    int64_t scaled = 0;
    if (__builtin_mul_overflow(n, u.factor, &scaled) ||
        __builtin_add_overflow(whole[u.field], scaled, &whole[u.field]))
      return ArgError(ctx, c, "duration(): " + key + " out of range");
  }
  Duration base = Duration::Of(whole[0], whole[1], whole[2], whole[3]);
  Duration f = ApproximateDuration(frac[0], frac[1], frac[2], frac[3]);
  return Value(Duration::Of(base.months + f.months, base.days + f.days, base.seconds + f.seconds,
                            int64_t{base.nanos} + f.nanos));
}

Result<Value> Between(EvalContext& ctx, const BoundExpr& c, Args& a, BetweenUnit unit) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_temporal()) return BadArg(ctx, c, 0, a[0]);
  if (!a[1].is_temporal()) return BadArg(ctx, c, 1, a[1]);
  return DurationBetween(a[0], a[1], unit);
}

Result<Value> DurationFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  const Value& v = a[0];
  if (v.is_null() || v.is_duration()) return v;
  if (v.is_map()) return DurationFromMap(ctx, c, v.as_map());
  if (!v.is_string()) return BadArg(ctx, c, 0, v);
  auto d = ParseDuration(v.as_string());
  if (!d.ok()) return ArgError(ctx, c, d.status().message());
  return Value(*d);
}

Result<Value> DurationBetweenFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return Between(ctx, c, a, BetweenUnit::kAll);
}
Result<Value> DurationInMonthsFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return Between(ctx, c, a, BetweenUnit::kMonths);
}
Result<Value> DurationInDaysFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return Between(ctx, c, a, BetweenUnit::kDays);
}
Result<Value> DurationInSecondsFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return Between(ctx, c, a, BetweenUnit::kSeconds);
}

Result<Value> DateTimeFromEpoch(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_int()) return BadArg(ctx, c, 0, a[0]);
  if (!a[1].is_int()) return BadArg(ctx, c, 1, a[1]);
  int64_t s = a[0].as_int(), n = a[1].as_int();
  int64_t carry = n / kNanosPerSecond - (n % kNanosPerSecond < 0 ? 1 : 0);
  return Value(
      DateTimeAtInstant(s + carry, static_cast<int32_t>(n - carry * kNanosPerSecond), 0, 0));
}

Result<Value> DateTimeFromEpochMillis(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_int()) return BadArg(ctx, c, 0, a[0]);
  int64_t ms = a[0].as_int();
  int64_t s = ms / 1000 - (ms % 1000 < 0 ? 1 : 0);
  return Value(DateTimeAtInstant(s, static_cast<int32_t>((ms - s * 1000) * 1'000'000), 0, 0));
}

const FunctionDef kDurationFunctions[] = {
    {"duration", 1, 1, DurationFn},
    {"duration.between", 2, 2, DurationBetweenFn},
    {"duration.inMonths", 2, 2, DurationInMonthsFn},
    {"duration.inDays", 2, 2, DurationInDaysFn},
    {"duration.inSeconds", 2, 2, DurationInSecondsFn},
    {"datetime.fromEpoch", 2, 2, DateTimeFromEpoch},
    {"datetime.fromEpochMillis", 1, 1, DateTimeFromEpochMillis},
};

}  // namespace

std::span<const FunctionDef> DurationFunctions() { return kDurationFunctions; }

}  // namespace kg::query::internal
