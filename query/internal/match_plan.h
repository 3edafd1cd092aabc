// The access plan of one MATCH (or MERGE's match, or a pattern predicate):
// the steps the planner chose, in the order the match operator runs them as
// nested loops. Each step binds variables of the row and hands every
// binding to the next step; the last hands finished rows to the operator.
// EXPLAIN lists the steps as operators (NodeIndexSeek, NodeByLabelScan,
// Expand(All), ...), PROFILE with the rows each one passed on.
//
// The planner decides here, from the pattern, the WHERE and which
// variables are already bound, where each part starts (a bound node, an id
// seek, a name-index seek, a label scan, else a scan of all nodes) and how
// each relationship is walked; the operator only executes the list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "query/internal/bound.h"
#include "query/internal/eval.h"

namespace kg::query::internal {

enum class StepKind {
  kArgument,          // the part's start node is bound already (earlier clause or part)
  kAllNodesScan,      // every node (Transaction::ScanEntities(""))
  kLabelScan,         // the nodes of one label
  kIndexSeek,         // the name index (FindByName); a non-string value falls back to a scan
  kIdSeek,            // WHERE id(n) = x / id(n) IN x
  kExpand,            // one relationship: Expand(All) binds the far end, Expand(Into) checks it
  kVarExpand,         // a variable-length relationship: every trail
  kVarExpandPruning,  // a variable-length relationship: distinct end nodes by BFS
  kVarExpandCount,    // the same, counted: one row with the count (MatchStep::count_slot)
  kTwoHopDistinct,    // (a)-->()-->(c): distinct middle nodes, then distinct ends
  kShortestPath,      // shortestPath / allShortestPaths between two bound ends, by BFS
  kProjectPath,       // binds a named path p = (...)
  kFilter,            // the MATCH's WHERE
};

struct MatchStep {
  StepKind kind = StepKind::kFilter;
  size_t part = 0;                  // index into MatchPlan::parts
  const BoundNode* node = nullptr;  // the node the step binds (a start, or an expansion's far end)
  const BoundNode* from = nullptr;  // expansions: the node walked from
  const BoundRel* rel = nullptr;    // expansions, shortest paths
  bool forward = true;              // expansions: in the written order of the pattern
  bool into = false;                // kExpand: the far end is bound already
  // kIndexSeek: the name value; kIdSeek: the ids; kExpand: an id hint on the far end.
  const BoundExpr* value = nullptr;
  // kTwoHopDistinct, and kExpand planned under MatchRules::one_hop_name:
  // the slot of the consumer's one item `c.name` (MatchRules::name_slot):
  // the step hands on rows holding each end's name there and nothing else
  // (it is the plan's last step); -1 binds the end node as usual.
  int name_slot = -1;
  // kVarExpandCount (MatchRules::count_slot): the slot of the consumer's one
  // item count(DISTINCT end). The step adds each start's distinct ends to
  // the match's set and hands on nothing; once every start is walked the
  // match hands on one row holding the set's size there and nothing else.
  int count_slot = -1;
  std::string label;    // kLabelScan; kIndexSeek's fallback scan ("" = all nodes)
  std::string name;     // EXPLAIN's operator name
  std::string details;  // EXPLAIN's details
};

struct MatchPlan {
  std::vector<const BoundPatternPart*> parts;
  std::vector<MatchStep> steps;
  const BoundExpr* where = nullptr;
  bool optional = false;
  std::vector<int> bound_before;  // slots bound when the operator starts
  std::vector<int> new_slots;     // slots this clause introduces (nulled by OPTIONAL)
  std::string text;               // the patterns as written (MERGE's details)
};

// Plan rules decided from the clause that follows the MATCH (planner.cc).
struct MatchRules {
  bool distinct_ends = false;     // var-length: distinct ends by BFS (VarLengthExpand(Pruning))
  bool distinct_two_hop = false;  // two anonymous hops: TwoHopExpand(Distinct)
  // With distinct_two_hop: the consumer is DISTINCT of the end node's name
  // alone (DistinctNameSlot), whose item slot this is; -1 otherwise.
  // With one_hop_name: the consumer projects the name of node `name_node`
  // alone (NameItemSlot) into this slot.
  int name_slot = -1;
  // One anonymous relationship, no WHERE (planner.cc, OneHopNameRule): when
  // the plan walks it to `name_node` (not from it), the Expand step hands on
  // each far end's name in name_slot instead of binding the relationship
  // and the node.
  bool one_hop_name = false;
  int name_node = -1;
  // With distinct_ends: the consumer is DISTINCT of `name_node`'s name
  // alone (DistinctNameSlot, item slot name_slot) and the MATCH has no
  // WHERE: when the plan walks the var-length relationship to name_node,
  // VarLengthExpand(Pruning) hands on each end's name instead of the node.
  bool distinct_end_name = false;
  // With distinct_ends (planner.cc, CountEndsRule): the consumer is
  // count(DISTINCT `count_node`) alone, into the item slot count_slot, and
  // the MATCH is its query's first clause without WHERE: when the plan
  // walks the relationship to count_node, VarLengthExpand(Count) counts
  // the distinct ends over bitsets without a row per end.
  int count_slot = -1;
  int count_node = -1;
};

// The slot of `next`'s one item when `next` is a projection that the match
// can fill by itself: DISTINCT of `end.name` alone (any alias), without
// aggregates, ORDER BY or WHERE, `end` being the slot of the pattern's end
// node; -1 otherwise. The projection then takes its item from the row as
// it is (MakeProjectOp's items_bound) and still removes duplicates.
int DistinctNameSlot(const BoundProjection& next, int end);
// The same for any projection of `end.name` alone (DISTINCT or not; SKIP
// and LIMIT allowed), without aggregates, ORDER BY or WHERE.
int NameItemSlot(const BoundProjection& next, int end);

MatchPlan PlanMatch(const SourceText& src, std::vector<const BoundPatternPart*> parts,
                    const BoundExpr* where, bool optional, MatchRules rules);

// What PROFILE counts per step of one match operator (ExecState::profile):
// rows passed on, and for expanding steps how many expansions the store's
// topology cache served and how many went to RocksDB; for shortest-path
// steps every node the searches expanded, and the relations found there.
struct StepProfile {
  std::vector<uint64_t> rows;
  std::vector<uint64_t> cached;
  std::vector<uint64_t> rocksdb;
  std::vector<uint64_t> edges;
  std::vector<uint64_t> degree;
};

}  // namespace kg::query::internal
