// Aggregate functions: one catalog entry per aggregate (its name and arity),
// the state it keeps per group and how that state turns into a value. The
// binder finds aggregates here and the projection operator runs them.
#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <unordered_set>

#include "core/result.h"
#include "core/value.h"
#include "query/internal/compare.h"
#include "query/internal/eval.h"

namespace kg::query::internal {

enum class AggKind {
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kCollect,
  kStDev,
  kStDevP,
  kPercentileDisc,
  kPercentileCont,
};

struct AggregateDef {
  const char* name;  // lower case
  AggKind kind;
  int num_args;  // the value, then for percentiles the percentile in [0, 1]
};

// The aggregate of this name (any case), or nullptr.
const AggregateDef* FindAggregate(std::string_view name);

// State of one aggregate in one group.
struct AggState {
  int64_t count = 0;
  Value sum = Value(int64_t{0});
  double fsum = 0;
  Value best;
  ValueList list;
  Value percentile;  // percentiles: the argument of the first non-null value
  std::set<Value, ValueLess> seen;
  std::unordered_set<EntityId> seen_nodes;  // DISTINCT over nodes: by id
};

// Adds the row's value of aggregate `agg` (a bound kCall or kCountStar) to
// `state`. Errors: TypeError for a non-number to sum/avg/stDev/percentiles or
// a non-number percentile, ArgumentError NumberOutOfRange for a percentile
// outside [0, 1] or an integer sum that overflows, and the budget's errors.
Status Accumulate(EvalContext& ctx, const Expr& agg, AggState& state, Row& row);

// The aggregate's value for a group (null for an empty group, except count
// 0, collect [] and stDev 0.0 as openCypher has them).
Value Finish(const Expr& agg, AggState& state);

}  // namespace kg::query::internal
