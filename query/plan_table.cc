// EXPLAIN / PROFILE output: the plan's operators in execution order, each
// MATCH replaced by its access steps (and OPTIONAL MATCH's Optional after
// them), with PROFILE's counts.
#include "query/internal/plan_table.h"

#include <string>

namespace kg::query::internal {
namespace {

using Line = std::vector<Value>;

Line Head(const std::string& name, const std::string& details, const PlanProfile* profile) {
  Line line{Value(name), Value(details)};
  if (profile) line.insert(line.end(), {Value(), Value(), Value()});
  return line;
}

// "3 cached, 1 RocksDB": how the store served a step's expansions (and for
// a shortest-path step ", 40 of 90 relations": those its searches took,
// passing the clocks, before they stopped, of all at the nodes expanded);
// null for a step that expands nothing.
Value Expansions(const StepProfile& p, size_t i) {
  std::string out;
  if (p.cached[i] > 0) out = std::to_string(p.cached[i]) + " cached";
  if (p.rocksdb[i] > 0)
    out += (out.empty() ? "" : ", ") + std::to_string(p.rocksdb[i]) + " RocksDB";
  if (i < p.degree.size() && p.degree[i] > 0)
    out += (out.empty() ? "" : ", ") + std::to_string(p.edges[i]) + " of " +
           std::to_string(p.degree[i]) + " relations";
  return out.empty() ? Value() : Value(out);
}

void AddOp(const Operator& op, const OpStats* stats, const PlanProfile* profile, ResultTable* t) {
  const MatchPlan* plan = op.access_plan();
  const StepProfile* steps = nullptr;
  if (plan != nullptr && profile != nullptr) {
    auto it = profile->steps.find(&op);
    if (it != profile->steps.end()) steps = &it->second;
  }
  if (plan != nullptr) {
    for (size_t i = 0; i < plan->steps.size(); ++i) {
      const MatchStep& s = plan->steps[i];
      Line line = Head(s.name, s.details, profile);
      if (profile != nullptr) {
        line[2] = Value(static_cast<int64_t>(steps ? steps->rows[i] : 0));
        if (steps) line[4] = Expansions(*steps, i);
        // The operator's own time goes on the line whose rows it passes on.
        if (!plan->optional && i + 1 == plan->steps.size()) line[3] = Value(stats->ms);
      }
      t->rows.push_back(std::move(line));
    }
    if (!plan->optional) return;
  }
  Line line = Head(op.name(), op.details(), profile);
  if (profile != nullptr) {
    line[2] = Value(static_cast<int64_t>(stats->rows));
    line[3] = Value(stats->ms);
  }
  t->rows.push_back(std::move(line));
}

}  // namespace

ResultTable PlanTable(const Plan& plan, const PlanProfile* profile) {
  ResultTable t;
  t.columns = {"operator", "details"};
  if (profile) t.columns.insert(t.columns.end(), {"rows", "time_ms", "expansions"});
  for (size_t pi = 0; pi < plan.pipelines.size(); ++pi) {
    const auto& pipe = plan.pipelines[pi];
    if (pi > 0) t.rows.push_back(Head(plan.union_all[pi - 1] ? "UnionAll" : "Union", "", profile));
    if (pipe.standalone_call)
      t.rows.push_back(Head("ProcedureCall", pipe.standalone_call->proc_name, profile));
    for (size_t oi = 0; oi < pipe.ops.size(); ++oi) {
      const OpStats* stats = profile ? &profile->ops[pi][oi] : nullptr;
      AddOp(*pipe.ops[oi], stats, profile, &t);
    }
  }
  return t;
}

}  // namespace kg::query::internal
