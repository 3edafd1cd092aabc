// The state of an aggregate in one group and how the projection operator
// drives it: NewStates (each aggregate's init), Accumulate per row (the
// argument evaluated, nulls and DISTINCT duplicates skipped, then the
// catalog entry's update) and Finish (its finalize). Which aggregates exist
// and what each does is the catalog's (query/internal/catalog.h, the
// entries in aggregates.cc).
#pragma once

#include <cstdint>
#include <set>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "core/value.h"
#include "query/internal/catalog.h"
#include "query/internal/compare.h"
#include "query/internal/eval.h"

namespace kg::query::internal {

// State of one aggregate in one group: each aggregate uses the fields it
// needs (count: count; sum/avg: count, sum, fsum; min/max: best; collect,
// stDev and the percentiles: list).
struct AggState {
  int64_t count = 0;
  Value sum;
  double fsum = 0;
  Value best;
  ValueList list;
  Value percentile;  // percentiles: the argument of the first non-null value
  std::set<Value, ValueLess> seen;
  std::unordered_set<EntityId> seen_nodes;  // DISTINCT over nodes: by id
};

// One initialised state per aggregate of a projection (bound call nodes).
std::vector<AggState> NewStates(const std::vector<const BoundExpr*>& aggregates);

// Adds the row's value of aggregate `agg` (a bound kCall or kCountStar) to
// `state`. Errors: TypeError for a non-number to sum/avg/stDev/percentiles or
// a non-number percentile, ArgumentError NumberOutOfRange for a percentile
// outside [0, 1] or an integer sum that overflows, and the budget's errors.
Status Accumulate(EvalContext& ctx, const BoundExpr& agg, AggState& state, Row& row);

// The aggregate's value for a group (null for an empty group, except count
// 0, collect [] and stDev 0.0 as openCypher has them).
Value Finish(const BoundExpr& agg, AggState& state);

}  // namespace kg::query::internal
