// The aggregate catalog and the per-group accumulation of each aggregate.
#include "query/internal/aggregates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

namespace kg::query::internal {
namespace {

constexpr std::array<AggregateDef, 10> kAggregates = {{
    {"count", AggKind::kCount, 1},
    {"sum", AggKind::kSum, 1},
    {"avg", AggKind::kAvg, 1},
    {"min", AggKind::kMin, 1},
    {"max", AggKind::kMax, 1},
    {"collect", AggKind::kCollect, 1},
    {"stdev", AggKind::kStDev, 1},
    {"stdevp", AggKind::kStDevP, 1},
    {"percentiledisc", AggKind::kPercentileDisc, 2},
    {"percentilecont", AggKind::kPercentileCont, 2},
}};

bool EqualsLower(std::string_view name, const char* lower) {
  size_t i = 0;
  for (; i < name.size() && lower[i] != '\0'; ++i)
    if (std::tolower(static_cast<unsigned char>(name[i])) != lower[i]) return false;
  return i == name.size() && lower[i] == '\0';
}

AggKind KindOf(const Expr& agg) {
  if (agg.kind == ExprKind::kCountStar) return AggKind::kCount;
  return FindAggregate(agg.name)->kind;
}

// Checks the percentile argument of this row and keeps the first one.
Status TakePercentile(EvalContext& ctx, const Expr& agg, AggState& state, Row& row) {
  const Expr& at = *agg.args[1];
  KG_ASSIGN_OR_RETURN(Value p, Eval(at, row, ctx));
  if (!p.is_number()) return ctx.TypeError(at.span, "the percentile must be a number");
  double x = p.as_number();
  if (!(x >= 0.0 && x <= 1.0))
    return ctx.Error(ErrorClass::kArgumentError, "NumberOutOfRange", at.span,
                     "the percentile must be between 0.0 and 1.0");
  if (state.percentile.is_null()) state.percentile = Value(x);
  return Status::OK();
}

Status AddToSum(EvalContext& ctx, const Expr& agg, AggState& state, const Value& v) {
  if (!v.is_number()) return ctx.TypeError(agg.args[0]->span, "sum()/avg() need numbers");
  state.fsum += v.as_number();
  if (!(state.sum.is_int() && v.is_int())) {
    state.sum = Value(state.sum.as_number() + v.as_number());
    return Status::OK();
  }
  int64_t r;
  if (__builtin_add_overflow(state.sum.as_int(), v.as_int(), &r))
    return ctx.Error(ErrorClass::kArgumentError, "NumberOutOfRange", agg.span,
                     "integer overflow in sum()");
  state.sum = Value(r);
  return Status::OK();
}

Value StandardDeviation(const ValueList& xs, bool sample) {
  size_t n = xs.size();
  if (n < 2) return Value(0.0);
  double mean = 0;
  for (const auto& v : xs) mean += v.as_number();
  mean /= static_cast<double>(n);
  double ss = 0;
  for (const auto& v : xs) ss += (v.as_number() - mean) * (v.as_number() - mean);
  return Value(std::sqrt(ss / static_cast<double>(sample ? n - 1 : n)));
}

// Neo4j's definitions: the discrete percentile is the smallest value whose
// rank reaches p * n; the continuous one interpolates linearly between the
// two values around p * (n - 1).
Value Percentile(ValueList& xs, double p, bool continuous) {
  if (xs.empty()) return Value();
  std::sort(xs.begin(), xs.end(),
            [](const Value& a, const Value& b) { return a.as_number() < b.as_number(); });
  size_t n = xs.size();
  if (p == 1.0 || n == 1) return continuous ? Value(xs.back().as_number()) : xs.back();
  if (!continuous) {
    double at = p * static_cast<double>(n);
    size_t i = static_cast<size_t>(at);
    if (static_cast<double>(i) == at && i > 0) --i;
    return xs[std::min(i, n - 1)];
  }
  double at = p * static_cast<double>(n - 1);
  size_t lo = static_cast<size_t>(std::floor(at));
  size_t hi = static_cast<size_t>(std::ceil(at));
  if (lo == hi || lo == n - 1) return Value(xs[lo].as_number());
  return Value(xs[lo].as_number() * (static_cast<double>(hi) - at) +
               xs[hi].as_number() * (at - static_cast<double>(lo)));
}

}  // namespace

const AggregateDef* FindAggregate(std::string_view name) {
  for (const AggregateDef& def : kAggregates)
    if (EqualsLower(name, def.name)) return &def;
  return nullptr;
}

Status Accumulate(EvalContext& ctx, const Expr& agg, AggState& state, Row& row) {
  if (agg.kind == ExprKind::kCountStar) {
    ++state.count;
    return Status::OK();
  }
  KG_ASSIGN_OR_RETURN(Value v, Eval(*agg.args[0], row, ctx));
  if (v.is_null()) return Status::OK();
  AggKind kind = KindOf(agg);
  if (kind == AggKind::kPercentileDisc || kind == AggKind::kPercentileCont)
    KG_RETURN_IF_ERROR(TakePercentile(ctx, agg, state, row));
  if (agg.distinct) {
    bool fresh =
        v.is_node() ? state.seen_nodes.insert(v.as_node().id).second : state.seen.insert(v).second;
    if (!fresh) return Status::OK();
    KG_RETURN_IF_ERROR(ctx.memory.Charge(v.is_node() ? 32 : 48 + ApproxBytes(v)));
  }
  ++state.count;
  switch (kind) {
    case AggKind::kCount:
      return Status::OK();
    case AggKind::kSum:
    case AggKind::kAvg:
      return AddToSum(ctx, agg, state, v);
    case AggKind::kMin:
    case AggKind::kMax: {
      int c = state.best.is_null() ? 0 : OrderCompare(v, state.best);
      if (state.best.is_null() || (kind == AggKind::kMin ? c < 0 : c > 0)) state.best = v;
      return Status::OK();
    }
    case AggKind::kStDev:
    case AggKind::kStDevP:
    case AggKind::kPercentileDisc:
    case AggKind::kPercentileCont:
      if (!v.is_number()) return ctx.TypeError(agg.args[0]->span, agg.name + "() needs numbers");
      [[fallthrough]];
    case AggKind::kCollect:
      KG_RETURN_IF_ERROR(ctx.memory.Charge(ApproxBytes(v)));
      state.list.push_back(v);
      return Status::OK();
  }
  return Status::OK();
}

Value Finish(const Expr& agg, AggState& state) {
  switch (KindOf(agg)) {
    case AggKind::kCount:
      return Value(state.count);
    case AggKind::kSum:
      return state.sum;
    case AggKind::kAvg:
      return state.count == 0 ? Value() : Value(state.fsum / static_cast<double>(state.count));
    case AggKind::kMin:
    case AggKind::kMax:
      return state.best;
    case AggKind::kCollect:
      return Value(std::move(state.list));
    case AggKind::kStDev:
      return StandardDeviation(state.list, true);
    case AggKind::kStDevP:
      return StandardDeviation(state.list, false);
    case AggKind::kPercentileDisc:
    case AggKind::kPercentileCont:
      if (state.list.empty()) return Value();
      return Percentile(state.list, state.percentile.as_number(),
                        KindOf(agg) == AggKind::kPercentileCont);
  }
  return Value();
}

}  // namespace kg::query::internal
