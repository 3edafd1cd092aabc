// Execution of a MatchPlan (match_op.cc, match_scan.cc, match_expand.cc):
// the state of one input row's matching and the steps' entry points. Step
// i binds what it binds and calls Next(i), which counts the row for
// PROFILE and runs step i + 1; past the last step the row goes out.
#pragma once

#include <functional>
#include <vector>

#include "query/internal/executor.h"
#include "query/internal/match_plan.h"

namespace kg::query::internal {

struct CountedEnds;  // var_length_ends.h

// Mutable state of one row's matching.
struct MatchState {
  ExecState* st;
  const MatchPlan* plan;
  std::vector<char> bound;            // by slot: bound in the row now
  std::vector<RelationId> used_rels;  // relationship uniqueness within the MATCH
  const std::function<Status(Row&, bool*)>* emit;
  StepProfile* profile = nullptr;  // PROFILE only
  bool stop = false;
  CountedEnds* counted = nullptr;  // set by RunCountingEnds for VarLengthExpand(Count)
  // MatchOp::RunValues: the sink the names step hands its values to (no
  // row per name, nothing reaches `emit`), the sink's rows it appends
  // them to, where its batch begins there, how many names make a batch,
  // and the count of names handed on.
  Operator::Sink* values = nullptr;
  Rows* column = nullptr;
  size_t column_from = 0;
  size_t column_cap = 0;
  uint64_t* passed = nullptr;
  // The node each name of the batch is the string name of, while every
  // name of the batch is one and the sink UsesNamesOf (names_of_ok); the
  // sink's names_of.
  std::vector<EntityId> names_of;
  bool names_of_ok = false;
};

// Runs step i (past the last: the row is a match and goes to emit).
Status RunStep(MatchState& ms, size_t i, Row& row);
// Step i produced `row`: counts it, then runs step i + 1.
Status Next(MatchState& ms, size_t i, Row& row);
// Binds node pattern `n` to `id` (or, when its slot is bound, checks that it
// is `id`), checks its labels and properties, then Next(i).
Status BindNode(MatchState& ms, size_t i, const BoundNode& n, EntityId id, Row& row);
// Counts `n` expansions of step i (from `node`, or a search begun there) by
// where the store serves them (PROFILE).
void NoteExpansion(MatchState& ms, size_t i, EntityId node, uint64_t n = 1);

// MatchOp::RunValues: hands the batch of names appended to ms.column
// since column_from to the sink (counted for step i as Next would count
// their rows), and starts the next batch.
Status FlushNames(MatchState& ms, size_t i);

// NodeOk for a pattern that asks labels or properties.
Result<bool> CheckNode(MatchState& ms, EntityId id, const BoundNode& n, Row& row);
// The node pattern's labels and properties hold for `id`. Inline for the
// pattern that asks none (an expansion's plain end, per relation).
inline Result<bool> NodeOk(MatchState& ms, EntityId id, const BoundNode& n, Row& row) {
  if (n.labels.empty() && !n.props) return true;
  return CheckNode(ms, id, n, row);
}
// The relationship, met by an expansion that kept only the relations the
// statement's filter passes (match_expand.cc, Edges), is not used yet in
// this MATCH and has the pattern's properties.
Result<bool> RelOk(MatchState& ms, RelationId id, const BoundRel& r, Row& row);
// The ids an id hint names (sorted, without duplicates, not checked to exist).
Result<std::vector<EntityId>> HintIds(MatchState& ms, const BoundExpr& hint, Row& row);
// The direction to ask the store for, walking `d` forwards or backwards.
storage::Direction DirFor(RelDir d, bool forward);

// The steps (match_scan.cc: node access; match_expand.cc: the rest).
Status ScanStep(MatchState& ms, size_t i, Row& row);
Status ExpandStep(MatchState& ms, size_t i, Row& row);
Status VarExpandStep(MatchState& ms, size_t i, Row& row);
Status PruningStep(MatchState& ms, size_t i, Row& row);
Status CountStep(MatchState& ms, size_t i, Row& row);  // var_length_ends.cc
Status TwoHopStep(MatchState& ms, size_t i, Row& row);
Status ShortestStep(MatchState& ms, size_t i, Row& row);
Status ProjectPathStep(MatchState& ms, size_t i, Row& row);

}  // namespace kg::query::internal
