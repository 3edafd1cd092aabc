// The distinct ends of a variable-length relationship by breadth-first
// search (VarLengthExpand(Pruning) and VarLengthExpand(Count)).
//
// Why a BFS finds exactly the nodes that end a trail. Cypher matches a
// variable-length relationship as a trail: min..max relations, none used
// twice (nodes may repeat). The planner takes this search only when
// min <= 1 (planner.cc, DistinctEndsRule); with min 2 or more a neighbour
// may end a longer trail or not, which BFS levels do not tell.
//
// A node w other than the start s. A shortest path from s to w repeats no
// node, hence no relation: it is a trail of dist(s, w) relations, and any
// trail to w is at least that long. So w ends a trail of 1..max (or
// 0..max) relations iff dist(s, w) <= max: the nodes the BFS reaches in
// max levels, in either direction or both.
//
// The start s. With min 0, always (the trail of no relation). Otherwise s
// ends a trail iff a closed trail of at most max relations passes s.
// - Directed: a shortest closed walk from s is a cycle, of length
//   dist(s, u) + 1 for some relation u -> s; the search looks at every
//   relation of every node it expands (those at distance < max) and notes
//   one back to s (u = s: a self-loop, a trail of one).
// - Undirected: s - u - s back over the same relation is a walk, not a
//   trail, so a relation back to s alone does not do. The relations of a
//   closed trail meet every node an even number of times, so they split
//   into cycles, one of them through s: the shortest closed trail through s
//   is the shortest cycle through s (a self-loop is a cycle of one, two
//   parallel relations one of two). The search labels each node with its
//   branch, the relation of s its BFS-tree path leaves by. A relation u - w
//   between nodes of different branches closes the cycle s ~ u - w ~ s of
//   d(u) + d(w) + 1 relations (the tree paths share only s); a relation
//   from u back to s other than u's tree relation closes one of d(u) + 1.
//   Take a shortest cycle C = s c1 ... c(L-1) s, L <= max. If its first
//   relation is not c1's tree relation, s and c1 have two relations
//   between them, a cycle of 2 <= L that the search sees (from s, or from
//   c1 back to s); the same at its last relation. Otherwise c1 and c(L-1)
//   have different branches (C's first and last relations, distinct in a
//   trail), so some relation c(i) - c(i+1) of C joins two branches and
//   closes a cycle of d(c(i)) + d(c(i+1)) + 1 <= i + (L - i - 1) + 1 = L.
//   Both its ends are at distance < L <= max, so the search expands both
//   and sees it from the later one. Hence s is an end iff such a cycle of
//   at most max relations is found.
#include "query/internal/var_length_ends.h"

namespace kg::query::internal {

Status EndsSearch::Run(EntityId from, const EndsSpec& spec) {
  seen_.ClearMembers(reached_);
  reached_.assign(1, from);
  seen_.Insert(from);
  from_ = from;
  const bool undirected = spec.dir == storage::Direction::kBoth;
  if (spec.max_hops >= 0 && spec.max_hops < spec.min_hops) {
    start_is_end_ = false;
    reached_.clear();  // no trail has min..max relations: no ends
    return Status::OK();
  }
  start_is_end_ = spec.min_hops == 0;
  if (undirected && !start_is_end_) branches_ = FlatIdMap<Branch>();
  size_t begin = 0;
  for (int64_t depth = 0; begin < reached_.size(); ++depth) {
    if (spec.max_hops >= 0 && depth >= spec.max_hops) break;
    const size_t end = reached_.size();  // this level: reached_[begin, end)
    for (size_t k = begin; k < end; ++k) {
      KG_RETURN_IF_ERROR(st_.eval.CheckDeadline());
      const EntityId u = reached_[k];
      KG_RETURN_IF_ERROR(undirected ? ExpandUndirected(u, spec) : ExpandDirected(u, spec));
      KG_RETURN_IF_ERROR(Charge());
      KG_RETURN_IF_ERROR(st_.CheckRows(reached_.size()));
    }
    begin = end;
  }
  return Status::OK();
}

// The relations' far ends come in one vector per node (Neighbours), so
// the loop over them is the bitset's test and set and nothing else.
Status EndsSearch::ExpandDirected(EntityId u, const EndsSpec& spec) {
  next_.clear();
  KG_RETURN_IF_ERROR(
      st_.eval.txn->Neighbours(u, spec.dir, *spec.types, st_.eval.relations, &next_));
  for (EntityId w : next_) {
    if (seen_.Insert(w))
      reached_.push_back(w);
    else if (w == from_)
      start_is_end_ = true;  // a cycle through the start
  }
  return Status::OK();
}

Status EndsSearch::ExpandUndirected(EntityId u, const EndsSpec& spec) {
  // While the start is not known to be an end, every node reached so far
  // has its branch (they are recorded until then).
  Branch bu;
  if (!start_is_end_ && u != from_) bu = *branches_.Find(u);
  const int64_t max = spec.max_hops;
  return st_.eval.txn->Expand(
      u, spec.dir, *spec.types, st_.eval.relations, [&](const storage::Edge& e) {
        const EntityId w = e.other;
        if (w == u && !e.outgoing) return true;  // a self-loop's second report
        if (seen_.Insert(w)) {
          reached_.push_back(w);
          if (!start_is_end_) branches_.Insert(w, {bu.depth + 1, u == from_ ? e.relation : bu.rel});
          return true;
        }
        if (start_is_end_) return true;
        if (w == from_) {
          // A self-loop at the start, or back from a neighbour (distance 1)
          // by another relation than the one it was reached by.
          if (u == from_ || e.relation != bu.rel) start_is_end_ = true;
          return true;
        }
        const Branch& bw = *branches_.Find(w);
        if (bw.rel != bu.rel && (max < 0 || bu.depth + bw.depth + 1 <= max)) start_is_end_ = true;
        return true;
      });
}

Status EndsSearch::Charge() {
  const size_t now = seen_.bytes() + (reached_.capacity() + next_.capacity()) * sizeof(EntityId) +
                     branches_.bytes();
  if (now <= charged_) return Status::OK();
  const size_t more = now - charged_;
  charged_ = now;
  return st_.eval.memory.Charge(more);
}

namespace {

EndsSpec SpecOf(const MatchStep& s) {
  return EndsSpec{DirFor(s.rel->dir, s.forward), &s.rel->types, s.rel->min_hops, s.rel->max_hops};
}

}  // namespace

Status PruningEnds(MatchState& ms, size_t i, EntityId from, EndsSearch* search) {
  NoteExpansion(ms, i, from);
  return search->Run(from, SpecOf(ms.plan->steps[i]));
}

// One start of VarLengthExpand(Count): its ends join the match's set. A
// node is decided once, whichever start reaches it first: the end node
// pattern has labels at most (the planner's rule), which do not depend on
// the start.
Status CountStep(MatchState& ms, size_t i, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  const Value& from = row[s.from->slot];
  if (!from.is_node() || ms.counted == nullptr) return Status::OK();
  CountedEnds& c = *ms.counted;
  KG_RETURN_IF_ERROR(PruningEnds(ms, i, from.as_node().id, &c.search));
  const bool check = !s.node->labels.empty() || s.node->props;
  for (EntityId id : c.search.ends()) {
    if (!c.decided.Insert(id)) continue;
    if (check) {
      KG_ASSIGN_OR_RETURN(bool ok, NodeOk(ms, id, *s.node, row));
      if (!ok) continue;
    }
    ++c.count;
  }
  if (c.decided.bytes() > c.charged) {
    const size_t more = c.decided.bytes() - c.charged;
    c.charged = c.decided.bytes();
    KG_RETURN_IF_ERROR(ms.st->eval.memory.Charge(more));
  }
  return Status::OK();
}

Status RunCountingEnds(MatchState& ms, Row& row) {
  size_t i = 0;
  while (ms.plan->steps[i].count_slot < 0) ++i;  // the caller made sure there is one
  CountedEnds counted(*ms.st);
  ms.counted = &counted;
  Status st = RunStep(ms, 0, row);
  ms.counted = nullptr;
  ms.st->eval.memory.Release(counted.charged);
  KG_RETURN_IF_ERROR(st);
  Row out(row.size());
  out[ms.plan->steps[i].count_slot] = Value(static_cast<int64_t>(counted.count));
  if (ms.profile != nullptr) ++ms.profile->rows[i];
  bool more = true;
  return (*ms.emit)(out, &more);
}

}  // namespace kg::query::internal
