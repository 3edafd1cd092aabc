// The table EXPLAIN and PROFILE return (query/query.h): one line per
// operator in execution order, a MATCH shown as its access steps.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/result_table.h"
#include "query/internal/executor.h"

namespace kg::query::internal {

// What PROFILE measured of one operator.
struct OpStats {
  uint64_t rows = 0;  // rows it passed on
  double ms = 0;      // time of its step of the pipeline (streamed operators: in their sink's)
};

struct PlanProfile {
  std::vector<std::vector<OpStats>> ops;               // by pipeline, operator
  std::unordered_map<const void*, StepProfile> steps;  // match operators' steps
};

// Columns operator, details; with `profile` also rows, time_ms, expansions.
ResultTable PlanTable(const Plan& plan, const PlanProfile* profile);

}  // namespace kg::query::internal
