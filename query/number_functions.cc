// The number functions (abs, round, floor, ceil, sqrt, sign, rand) and
// their catalog entries; round's decimal rounding is in rounding.cc.
#include <cmath>
#include <random>

#include "query/internal/bound.h"
#include "query/internal/catalog.h"
#include "query/internal/eval.h"
#include "query/internal/rounding.h"
#include "query/internal/string_functions.h"

namespace kg::query::internal {
namespace {

using Args = std::vector<Value>;

Result<Value> Abs(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_int()) return Value(a[0].as_int() < 0 ? -a[0].as_int() : a[0].as_int());
  if (a[0].is_double()) return Value(std::fabs(a[0].as_double()));
  return BadArg(ctx, c, 0, a[0]);
}

Result<Value> NumFn(EvalContext& ctx, const BoundExpr& c, Args& a, double (*f)(double)) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_number()) return BadArg(ctx, c, 0, a[0]);
  return Value(f(a[0].as_number()));
}
double RoundHalfUp(double d) { return std::floor(d + 0.5); }

// round(x, precision[, mode]): rounds the shortest decimal text of x (what
// Java's BigDecimal.valueOf sees, so round(2.675, 2) is 2.68) to
// `precision` digits after the point with one of Java's RoundingModes.
Result<Value> Round(EvalContext& ctx, const BoundExpr& c, Args& a) {
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
Result<Value> Floor(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return NumFn(ctx, c, a, std::floor);
}
Result<Value> Ceil(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return NumFn(ctx, c, a, std::ceil);
}
Result<Value> Sqrt(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return NumFn(ctx, c, a, std::sqrt);
}
// rand(): uniform in [0, 1).
Result<Value> Rand(EvalContext& ctx, const BoundExpr&, Args&) {
  return Value(std::uniform_real_distribution<double>(0.0, 1.0)(ctx.Rng()));
}

Result<Value> Sign(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_number()) return BadArg(ctx, c, 0, a[0]);
  double d = a[0].as_number();
  return Value(int64_t{d > 0 ? 1 : (d < 0 ? -1 : 0)});
}

const FunctionDef kNumberFunctions[] = {
    {"abs", 1, 1, Abs},
    {"round", 1, 3, Round},
    {"floor", 1, 1, Floor},
    {"ceil", 1, 1, Ceil},
    {"sqrt", 1, 1, Sqrt},
    {"sign", 1, 1, Sign},
    {"rand", 0, 0, Rand, SType::kAny, {}, /*deterministic=*/false},
};

}  // namespace

std::span<const FunctionDef> NumberFunctions() { return kNumberFunctions; }

}  // namespace kg::query::internal
