// Physical operators and the plan the planner builds from a BoundStatement
// (bound.h; the planner and the operators never see the syntax tree).
// Operators run materialising (Run: all rows of the input in, all output
// rows out; Cypher clauses are eager w.r.t. writes anyway), and where they
// can, row at a time: a run of streaming operators (MATCH, UNWIND, a plain
// WITH) feeds each row straight into the next operator's sink (an
// aggregation, ORDER BY, the RETURN), so MATCH ... RETURN count(*) over
// millions of paths holds one path at a time. Materialised row counts are
// capped by QueryOptions::max_intermediate_rows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result_table.h"
#include "query/internal/bound.h"
#include "query/internal/eval.h"
#include "query/internal/match_plan.h"
#include "query/procedures.h"
#include "query/query.h"

namespace kg::query::internal {

using Rows = std::vector<Row>;

// Per-execution state shared by the operators.
struct ExecState {
  EvalContext eval;
  const QueryOptions* options = nullptr;
  const ProcedureRegistry* procedures = nullptr;
  const BoundStatement* statement = nullptr;
  size_t num_slots = 0;
  // Matching sub-plans of pattern predicates, by BoundExpr::pattern_plan.
  std::vector<std::unique_ptr<class MatchOp>>* pattern_ops = nullptr;

  Status CheckRows(size_t n) const;
  // Set while streaming once the sink needs no more rows (a LIMIT reached):
  // streaming operators stop producing.
  bool sink_full = false;
  // Where the final rows go as they are made (QueryOptions::row_consumer,
  // counted against max_rows); null: into the result table.
  const std::function<Status(std::vector<Value>&)>* emit = nullptr;
  // What the write operators changed (QueryOptions::counters).
  UpdateCounters counters;
  // PROFILE only: each match operator's per-step counts, by operator.
  std::unordered_map<const void*, StepProfile>* profile = nullptr;
};

class Operator {
 public:
  virtual ~Operator() = default;
  virtual std::string name() const = 0;
  virtual std::string details() const { return ""; }
  // Consumes `in`, fills `out`.
  virtual Status Run(ExecState& st, Rows& in, Rows* out) const = 0;

  // Row-at-a-time input: Add each row, then Finish gives the output rows.
  class Sink {
   public:
    virtual ~Sink() = default;
    virtual Status Add(Row& row) = 0;
    // A batch of rows (moved from), as a streamed run hands them on. The
    // default adds them one by one until Full(); a sink may take the whole
    // batch at once, checking its memory and row limits per batch.
    virtual Status AddBatch(Rows& rows);
    // True once more rows cannot change the output (LIMIT reached, no sort).
    virtual bool Full() const { return false; }
    // How many more rows it can use (SIZE_MAX when unbounded).
    virtual size_t Wanted() const { return SIZE_MAX; }
    virtual Status Finish(Rows* out) = 0;
    // A final RETURN of the one item that the match before it writes (a
    // names step, MatchStep::name_slot) can take that item's values
    // without rows of every slot. TakeValues, asked before anything is
    // added, switches the sink to that and gives the rows it will output
    // (null: it cannot, the default). The match then appends to them rows
    // of one value each, the result's rows as they will stay, and after
    // each batch calls AddedValues with the index of the batch's first:
    // the sink keeps those rows, or removes them (DISTINCT, LIMIT), and
    // charges them to the memory budget and the row cap. Finish gives
    // the rows kept (SKIP applied). `names_of`, when not empty, holds for
    // each of those rows the node whose string name it is, and says that
    // no two nodes share a string name (Transaction::PeekedNamesUnique):
    // a DISTINCT may then compare the nodes instead of the names.
    virtual Rows* TakeValues() { return nullptr; }
    virtual Status AddedValues(size_t first, std::span<const EntityId> names_of = {});
    // Whether AddedValues has a use for names_of (a DISTINCT that may
    // still compare nodes): else the match need not gather them.
    virtual bool UsesNamesOf() const { return false; }
  };
  // True when RunRow can map one input row to its output rows on its own.
  virtual bool Streams() const { return false; }
  // Calls `emit` with each output row of `row` (which it may change), in
  // the order Run would produce them. Only called when Streams().
  virtual Status RunRow(ExecState& st, Row& row, const std::function<Status(Row&)>& emit) const;
  // A sink taking this operator's input row by row; nullptr when it has none.
  virtual std::unique_ptr<Sink> MakeSink(ExecState& st) const;
  // The access steps EXPLAIN lists in this operator's place (a MATCH's);
  // null for an operator shown as one line.
  virtual const MatchPlan* access_plan() const { return nullptr; }
};

struct MatchState;  // match_exec.h

// MATCH / OPTIONAL MATCH / MERGE's match part / pattern predicates: runs
// the steps the planner chose (internal/match_plan.h) for each input row.
class MatchOp : public Operator {
 public:
  explicit MatchOp(MatchPlan plan);
  std::string name() const override;  // "Match", or "Optional" for OPTIONAL MATCH
  std::string details() const override;
  Status Run(ExecState& st, Rows& in, Rows* out) const override;
  bool Streams() const override { return true; }
  Status RunRow(ExecState& st, Row& row, const std::function<Status(Row&)>& emit) const override;
  const MatchPlan* access_plan() const override { return plan_.get(); }
  // Matches `row` and calls `emit` per result (stops when it returns false).
  Status MatchRow(ExecState& st, Row& row, const std::function<Status(Row&, bool*)>& emit) const;
  // Whether the plan's last step is a names step (MatchStep::name_slot),
  // whose values RunValues can hand on without rows.
  bool WritesNames() const;
  // RunRow for a plan that WritesNames, into a sink that took values
  // (Sink::TakeValues: `out` the rows it gave): the names are appended to
  // `out` and handed to sink.AddedValues in batches of at most
  // kStreamBatch (fewer when the sink wants fewer), each counted in
  // *passed (the rows this operator passed on) and against the
  // intermediate-row cap. Stops once the sink is Full().
  Status RunValues(ExecState& st, const Row& row, Sink& sink, Rows* out, uint64_t* passed) const;

 private:
  MatchState Start(ExecState& st, const std::function<Status(Row&, bool*)>* emit) const;

  std::shared_ptr<const MatchPlan> plan_;
};

// One executable (sub)query: operators in order; `returns` when it ends in RETURN.
struct Pipeline {
  std::vector<std::unique_ptr<Operator>> ops;
  const BoundProjection* final_projection = nullptr;  // RETURN
  std::vector<std::string> columns;
  const BoundClause* standalone_call = nullptr;  // CALL without YIELD as the whole query
  const ProcedureDef* standalone_def = nullptr;  // the procedure it calls
};

struct Plan {
  std::vector<Pipeline> pipelines;  // UNION branches
  std::vector<bool> union_all;
  std::vector<std::unique_ptr<MatchOp>> pattern_ops;
  std::vector<std::string> columns;
};

Result<std::unique_ptr<Plan>> BuildPlan(const SourceText& src, const BoundStatement& st,
                                        const ProcedureRegistry& procedures);

// Operator factories (projection.cc, write_ops.cc, call_op.cc).
// With `items_bound`, the rows come with the items' values in their slots
// already and every other slot null (a MATCH planned with
// MatchRules::name_slot, or count_slot: then one row holding the
// aggregate's value): the projection only removes duplicates, skips and
// limits.
std::unique_ptr<Operator> MakeProjectOp(const BoundClause* clause, bool is_return,
                                        bool items_bound = false);
std::unique_ptr<Operator> MakeUnwindOp(const BoundClause* clause);
std::unique_ptr<Operator> MakeCreateOp(const BoundClause* clause);
std::unique_ptr<Operator> MakeMergeOp(const BoundClause* clause, const SourceText* src);
std::unique_ptr<Operator> MakeSetOp(const BoundClause* clause);
std::unique_ptr<Operator> MakeDeleteOp(const BoundClause* clause);

// Shared by write operators: apply SET/REMOVE items to one row.
Status ApplySetItems(ExecState& st, const std::vector<BoundSetItem>& items, bool remove, Row& row);
// Creates the unbound elements of a pattern for one row.
Status CreatePattern(ExecState& st, const BoundPatternPart& part, Row& row);

// Path search (path_search.cc).
// What a search expanded (PROFILE): the nodes whose relations it walked,
// the relations the store reported there (those that pass the clocks, up
// to where the search stopped) and all the relations at those nodes.
struct PathSearchCounts {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t degree = 0;
};
struct PathSearchSpec {
  storage::Direction dir = storage::Direction::kBoth;  // as seen from the start node
  std::vector<std::string> types;
  int64_t max_hops = -1;
  bool all = false;                    // allShortestPaths
  PathSearchCounts* counts = nullptr;  // added to when set (ShortestPaths)
};
// Shortest paths from `from` to `to` as relation-id sequences (each path's
// relations in order from `from`). Empty when unreachable.
Result<std::vector<std::vector<RelationId>>> ShortestPaths(ExecState& st, EntityId from,
                                                           EntityId to, const PathSearchSpec& spec);
// The context a CALL of `c` passes to its procedure (clocks, limits, the
// notification sink, the call's position).
ProcedureContext ContextFor(const ExecState& st, const BoundClause& c);

}  // namespace kg::query::internal
