// The distinct end nodes of an anonymous variable-length relationship, as
// a breadth-first search over frontiers (var_length_ends.cc): a bitset of
// the nodes seen and one vector of the nodes reached, in which each level
// is the range after the previous one. No path, row or hash-set entry is
// made per node. VarLengthExpand(Pruning) binds the ends it finds;
// VarLengthExpand(Count) only counts them (MatchStep::count_slot).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "query/internal/dense_id_set.h"
#include "query/internal/executor.h"
#include "query/internal/flat_id_map.h"
#include "query/internal/match_exec.h"

namespace kg::query::internal {

// What one search walks: from its start in `dir`, the relations of `types`
// (empty: any) that pass the statement's relation filter (its clocks and
// minimum confidence), trails of min_hops..max_hops relations.
struct EndsSpec {
  storage::Direction dir = storage::Direction::kOutgoing;
  const std::vector<std::string>* types = nullptr;
  int64_t min_hops = 1;   // 0 or 1: the planner's rule (planner.cc, DistinctEndsRule)
  int64_t max_hops = -1;  // -1: no bound
};

// The searches of one match operator's row, from start after start, with
// their sets reused. What they hold is charged to the statement's memory
// budget as it grows and released when the search is destroyed.
class EndsSearch {
 public:
  explicit EndsSearch(ExecState& st) : st_(st) {}
  ~EndsSearch() { st_.eval.memory.Release(charged_); }
  EndsSearch(const EndsSearch&) = delete;
  EndsSearch& operator=(const EndsSearch&) = delete;

  // Finds the distinct nodes that end a trail of spec.min_hops..max_hops
  // relations from `from` (the file's comment says why a BFS finds exactly
  // those; min_hops must be 0 or 1). Errors: the deadline or cancellation,
  // the memory budget, more than max_intermediate_rows nodes reached (as
  // the other BFS steps), a read error of the store.
  Status Run(EntityId from, const EndsSpec& spec);
  // The last Run's ends: `from` first when it is one, then the others in
  // the order the search reached them. Valid until the next Run.
  std::span<const EntityId> ends() const {
    std::span<const EntityId> all(reached_);
    return start_is_end_ ? all : all.subspan(reached_.empty() ? 0 : 1);
  }

 private:
  // The relation of the start that a node's BFS-tree path leaves by (0 at
  // the start) and the node's distance: undirected searches only.
  struct Branch {
    int64_t depth = 0;
    RelationId rel = 0;
  };
  Status ExpandDirected(EntityId u, const EndsSpec& spec);
  Status ExpandUndirected(EntityId u, const EndsSpec& spec);
  // Charges what the sets grew by since the last call.
  Status Charge();

  ExecState& st_;
  EntityId from_ = 0;
  DenseIdSet seen_;                // every node reached from `from_`
  std::vector<EntityId> reached_;  // the same in BFS order, `from_` first
  std::vector<EntityId> next_;     // the far ends of one node's relations
  FlatIdMap<Branch> branches_;     // undirected, until the start is known to be an end
  bool start_is_end_ = false;
  size_t charged_ = 0;
};

// The state of a match whose plan ends in VarLengthExpand(Count): the ends
// of every start walked so far, each node decided once (counted when the
// end node pattern's labels accept it).
struct CountedEnds {
  explicit CountedEnds(ExecState& st) : search(st) {}
  EndsSearch search;
  DenseIdSet decided;
  uint64_t count = 0;
  size_t charged = 0;  // the bytes of `decided`, charged to the statement
};

// Step i's search from `from` (a VarLengthExpand(Pruning) or (Count) step),
// noted for PROFILE; the ends are then in search->ends().
Status PruningEnds(MatchState& ms, size_t i, EntityId from, EndsSearch* search);

// Runs the match of one input row whose plan ends in VarLengthExpand(Count)
// and hands on one row: every slot null but the step's count_slot, which
// holds the number of distinct ends over all its starts.
Status RunCountingEnds(MatchState& ms, Row& row);

}  // namespace kg::query::internal
