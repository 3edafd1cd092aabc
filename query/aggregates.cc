// The aggregates of the catalog (count, sum, avg, min, max, collect, stDev,
// stDevP, percentileDisc, percentileCont): each one's init, update, merge
// and finalize, and the per-row driver shared by all of them.
#include "query/internal/aggregates.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "core/text.h"

namespace kg::query::internal {
namespace {

// --- init ---------------------------------------------------------------------

void InitEmpty(AggState&) {}
void InitSum(AggState& s) { s.sum = Value(int64_t{0}); }

// --- update -------------------------------------------------------------------

Status CountOne(EvalContext&, const BoundExpr&, AggState&, const Value&) { return Status::OK(); }

// Adds `v` to an integer sum while both are integers (an overflow is an
// error), else to a float sum; `fsum` keeps the float sum for avg.
Status AddToSum(EvalContext& ctx, const BoundExpr& agg, AggState& state, const Value& v) {
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

Status SumUpdate(EvalContext& ctx, const BoundExpr& agg, AggState& state, const Value& v) {
  if (!v.is_number()) return ctx.TypeError(agg.args[0]->span, "sum()/avg() need numbers");
  return AddToSum(ctx, agg, state, v);
}

Status KeepBest(AggState& state, const Value& v, bool min) {
  int c = state.best.is_null() ? 0 : OrderCompare(v, state.best);
  if (state.best.is_null() || (min ? c < 0 : c > 0)) state.best = v;
  return Status::OK();
}
Status MinUpdate(EvalContext&, const BoundExpr&, AggState& s, const Value& v) {
  return KeepBest(s, v, true);
}
Status MaxUpdate(EvalContext&, const BoundExpr&, AggState& s, const Value& v) {
  return KeepBest(s, v, false);
}

Status CollectUpdate(EvalContext& ctx, const BoundExpr&, AggState& state, const Value& v) {
  KG_RETURN_IF_ERROR(ctx.memory.Charge(ApproxBytes(v)));
  state.list.push_back(v);
  return Status::OK();
}

// stDev, stDevP and the percentiles keep the numbers of the group.
Status NumberUpdate(EvalContext& ctx, const BoundExpr& agg, AggState& state, const Value& v) {
  if (!v.is_number()) return ctx.TypeError(agg.args[0]->span, agg.name + "() needs numbers");
  return CollectUpdate(ctx, agg, state, v);
}

// --- merge --------------------------------------------------------------------

Status MergeCount(EvalContext&, const BoundExpr&, AggState& into, AggState& from) {
  into.count += from.count;
  return Status::OK();
}

Status MergeSum(EvalContext& ctx, const BoundExpr& agg, AggState& into, AggState& from) {
  into.count += from.count;
  double fsum = into.fsum + from.fsum;
  KG_RETURN_IF_ERROR(AddToSum(ctx, agg, into, from.sum));
  into.fsum = fsum;
  return Status::OK();
}

Status MergeMin(EvalContext&, const BoundExpr&, AggState& into, AggState& from) {
  into.count += from.count;
  return from.best.is_null() ? Status::OK() : KeepBest(into, from.best, true);
}
Status MergeMax(EvalContext&, const BoundExpr&, AggState& into, AggState& from) {
  into.count += from.count;
  return from.best.is_null() ? Status::OK() : KeepBest(into, from.best, false);
}

// Lists concatenate in partition order; the percentile is the first one seen.
Status MergeList(EvalContext&, const BoundExpr&, AggState& into, AggState& from) {
  into.count += from.count;
  if (into.percentile.is_null()) into.percentile = from.percentile;
  for (Value& v : from.list) into.list.push_back(std::move(v));
  return Status::OK();
}

// --- finalize -----------------------------------------------------------------

Value CountFinal(AggState& s) { return Value(s.count); }
Value SumFinal(AggState& s) { return s.sum; }
Value AvgFinal(AggState& s) {
  return s.count == 0 ? Value() : Value(s.fsum / static_cast<double>(s.count));
}
Value BestFinal(AggState& s) { return s.best; }
Value CollectFinal(AggState& s) { return Value(std::move(s.list)); }

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
Value StDevFinal(AggState& s) { return StandardDeviation(s.list, true); }
Value StDevPFinal(AggState& s) { return StandardDeviation(s.list, false); }

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
Value PercentileDiscFinal(AggState& s) {
  return s.list.empty() ? Value() : Percentile(s.list, s.percentile.as_number(), false);
}
Value PercentileContFinal(AggState& s) {
  return s.list.empty() ? Value() : Percentile(s.list, s.percentile.as_number(), true);
}

using enum SType;

const AggregateDef kAggregates[] = {
    {"count", 1, kInt, false, InitEmpty, CountOne, MergeCount, CountFinal},
    {"sum", 1, kAny, false, InitSum, SumUpdate, MergeSum, SumFinal},
    {"avg", 1, kAny, false, InitSum, SumUpdate, MergeSum, AvgFinal},
    {"min", 1, kAny, true, InitEmpty, MinUpdate, MergeMin, BestFinal},
    {"max", 1, kAny, true, InitEmpty, MaxUpdate, MergeMax, BestFinal},
    {"collect", 1, kList, false, InitEmpty, CollectUpdate, MergeList, CollectFinal},
    {"stDev", 1, kAny, false, InitEmpty, NumberUpdate, MergeList, StDevFinal},
    {"stDevP", 1, kAny, false, InitEmpty, NumberUpdate, MergeList, StDevPFinal},
    {"percentileDisc", 2, kAny, false, InitEmpty, NumberUpdate, MergeList, PercentileDiscFinal},
    {"percentileCont", 2, kAny, false, InitEmpty, NumberUpdate, MergeList, PercentileContFinal},
};

// Checks the percentile argument of this row and keeps the first one.
Status TakePercentile(EvalContext& ctx, const BoundExpr& agg, AggState& state, Row& row) {
  const BoundExpr& at = *agg.args[1];
  KG_ASSIGN_OR_RETURN(Value p, Eval(at, row, ctx));
  if (!p.is_number()) return ctx.TypeError(at.span, "the percentile must be a number");
  double x = p.as_number();
  if (!(x >= 0.0 && x <= 1.0))
    return ctx.Error(ErrorClass::kArgumentError, "NumberOutOfRange", at.span,
                     "the percentile must be between 0.0 and 1.0");
  if (state.percentile.is_null()) state.percentile = Value(x);
  return Status::OK();
}

}  // namespace

const AggregateDef* FindAggregate(std::string_view name) {
  for (const AggregateDef& def : kAggregates)
    if (AsciiIEquals(name, def.name)) return &def;
  return nullptr;
}

std::span<const AggregateDef> AllAggregates() { return kAggregates; }

std::vector<AggState> NewStates(const std::vector<const BoundExpr*>& aggregates) {
  std::vector<AggState> states(aggregates.size());
  for (size_t i = 0; i < aggregates.size(); ++i) aggregates[i]->aggregate_def->init(states[i]);
  return states;
}

Status Accumulate(EvalContext& ctx, const BoundExpr& agg, AggState& state, Row& row) {
  if (agg.kind == ExprKind::kCountStar) {
    ++state.count;
    return Status::OK();
  }
  KG_ASSIGN_OR_RETURN(Value v, Eval(*agg.args[0], row, ctx));
  if (v.is_null()) return Status::OK();
  const AggregateDef& def = *agg.aggregate_def;
  if (def.num_args == 2) KG_RETURN_IF_ERROR(TakePercentile(ctx, agg, state, row));
  if (agg.distinct) {
    bool fresh =
        v.is_node() ? state.seen_nodes.insert(v.as_node().id).second : state.seen.insert(v).second;
    if (!fresh) return Status::OK();
    KG_RETURN_IF_ERROR(ctx.memory.Charge(v.is_node() ? 32 : 48 + ApproxBytes(v)));
  }
  ++state.count;
  return def.update(ctx, agg, state, v);
}

Value Finish(const BoundExpr& agg, AggState& state) { return agg.aggregate_def->finalize(state); }

}  // namespace kg::query::internal
