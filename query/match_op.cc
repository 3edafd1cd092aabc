// The match operator: runs the steps of its MatchPlan (plan_match.cc) as
// nested loops over one input row, with relationship uniqueness within the
// MATCH, the WHERE as the last step and OPTIONAL's row of nulls; counts
// each step's rows under PROFILE.
#include <algorithm>

#include "query/internal/match_exec.h"
#include "query/internal/output_rows.h"
#include "query/internal/var_length_ends.h"

namespace kg::query::internal {

Status Next(MatchState& ms, size_t i, Row& row) {
  if (ms.profile != nullptr) ++ms.profile->rows[i];
  return RunStep(ms, i + 1, row);
}

Status BindNode(MatchState& ms, size_t i, const BoundNode& n, EntityId id, Row& row) {
  int slot = n.slot;
  if (ms.bound[slot]) {
    const Value& v = row[slot];
    if (!v.is_node() || v.as_node().id != id) return Status::OK();
    KG_ASSIGN_OR_RETURN(bool ok, NodeOk(ms, id, n, row));
    if (!ok) return Status::OK();
    return Next(ms, i, row);
  }
  KG_ASSIGN_OR_RETURN(bool ok, NodeOk(ms, id, n, row));
  if (!ok) return Status::OK();
  row[slot] = EvalContext::NodeRef(id);
  ms.bound[slot] = 1;
  Status s = Next(ms, i, row);
  ms.bound[slot] = 0;
  return s;
}

// Whether the store's topology cache serves this transaction shows in
// whether it can tell a node's name without reading its record
// (Transaction::PeekProperty): it then serves the expansions too.
void NoteExpansion(MatchState& ms, size_t i, EntityId node, uint64_t n) {
  if (ms.profile == nullptr) return;
  bool cached = ms.st->eval.txn->PeekProperty(node, "name").has_value();
  (cached ? ms.profile->cached : ms.profile->rocksdb)[i] += n;
}

namespace {

Status FilterStep(MatchState& ms, size_t i, Row& row) {
  KG_ASSIGN_OR_RETURN(bool keep, EvalPredicate(*ms.plan->where, row, ms.st->eval));
  return keep ? Next(ms, i, row) : Status::OK();
}

Status Emit(MatchState& ms, Row& row) {
  if (ms.emit == nullptr) return Status::Internal("a match that hands on values made a row");
  bool more = true;
  KG_RETURN_IF_ERROR((*ms.emit)(row, &more));
  if (!more) ms.stop = true;
  return Status::OK();
}

}  // namespace

Status RunStep(MatchState& ms, size_t i, Row& row) {
  if (ms.stop) return Status::OK();
  if (i == ms.plan->steps.size()) return Emit(ms, row);
  switch (ms.plan->steps[i].kind) {
    case StepKind::kArgument:
    case StepKind::kAllNodesScan:
    case StepKind::kLabelScan:
    case StepKind::kIndexSeek:
    case StepKind::kIdSeek:
      return ScanStep(ms, i, row);
    case StepKind::kExpand:
      return ExpandStep(ms, i, row);
    case StepKind::kVarExpand:
      return VarExpandStep(ms, i, row);
    case StepKind::kVarExpandPruning:
      return PruningStep(ms, i, row);
    case StepKind::kVarExpandCount:
      return CountStep(ms, i, row);
    case StepKind::kTwoHopDistinct:
      return TwoHopStep(ms, i, row);
    case StepKind::kShortestPath:
      return ShortestStep(ms, i, row);
    case StepKind::kProjectPath:
      return ProjectPathStep(ms, i, row);
    case StepKind::kFilter:
      return FilterStep(ms, i, row);
  }
  return Status::Internal("unknown match step");
}

MatchOp::MatchOp(MatchPlan plan) : plan_(std::make_shared<MatchPlan>(std::move(plan))) {}

std::string MatchOp::name() const { return plan_->optional ? "Optional" : "Match"; }

std::string MatchOp::details() const { return plan_->text; }

// The state of one input row's matching, its PROFILE counts set up.
MatchState MatchOp::Start(ExecState& st, const std::function<Status(Row&, bool*)>* emit) const {
  MatchState ms{&st, plan_.get(), std::vector<char>(st.num_slots, 0), {}, emit};
  for (int slot : plan_->bound_before) ms.bound[slot] = 1;
  if (st.profile != nullptr) {
    StepProfile& p = (*st.profile)[this];
    if (p.rows.empty()) {
      size_t n = plan_->steps.size();
      p.rows.assign(n, 0);
      p.cached.assign(n, 0);
      p.rocksdb.assign(n, 0);
      p.edges.assign(n, 0);
      p.degree.assign(n, 0);
    }
    ms.profile = &p;
  }
  return ms;
}

Status MatchOp::MatchRow(ExecState& st, Row& row,
                         const std::function<Status(Row&, bool*)>& emit) const {
  MatchState ms = Start(st, &emit);
  if (!plan_->steps.empty() && plan_->steps.back().count_slot >= 0) return RunCountingEnds(ms, row);
  return RunStep(ms, 0, row);
}

bool MatchOp::WritesNames() const {
  return !plan_->optional && !plan_->steps.empty() && plan_->steps.back().name_slot >= 0;
}

namespace {

// How many names RunValues gathers before handing them to the sink.
size_t ColumnCap(const Operator::Sink& sink) {
  return std::clamp<size_t>(sink.Wanted(), 1, kStreamBatch);
}

}  // namespace

Status MatchOp::RunValues(ExecState& st, const Row& row, Sink& sink, Rows* out,
                          uint64_t* passed) const {
  MatchState ms = Start(st, nullptr);
  ms.values = &sink;
  ms.column = out;
  ms.column_from = out->size();
  ms.column_cap = ColumnCap(sink);
  ms.passed = passed;
  ms.names_of_ok = sink.UsesNamesOf();
  Row work = row;
  KG_RETURN_IF_ERROR(RunStep(ms, 0, work));
  if (out->size() == ms.column_from) return Status::OK();
  return FlushNames(ms, plan_->steps.size() - 1);
}

Status FlushNames(MatchState& ms, size_t i) {
  const size_t n = ms.column->size() - ms.column_from;
  if (ms.profile != nullptr) ms.profile->rows[i] += n;
  *ms.passed += n;
  KG_RETURN_IF_ERROR(ms.st->CheckRows(*ms.passed));
  std::span<const EntityId> names_of;
  if (ms.names_of_ok && ms.st->eval.txn->PeekedNamesUnique()) names_of = ms.names_of;
  KG_RETURN_IF_ERROR(ms.values->AddedValues(ms.column_from, names_of));
  ms.names_of.clear();
  ms.names_of_ok = ms.values->UsesNamesOf();
  if (ms.values->Full()) ms.stop = true;
  ms.column_from = ms.column->size();
  ms.column_cap = ColumnCap(*ms.values);
  return Status::OK();
}

Status MatchOp::RunRow(ExecState& st, Row& row, const std::function<Status(Row&)>& emit) const {
  // What the callback needs, behind one pointer: a callback that small is
  // held by std::function without an allocation.
  struct Pass {
    ExecState& st;
    const std::function<Status(Row&)>& emit;
    bool fresh;
    bool matched;
  };
  // The names steps hand on a fresh row per name (EmitEndName, BindEndNames), the
  // counting step one fresh row: it may move on instead of being copied.
  const bool fresh = !plan_->steps.empty() &&
                     (plan_->steps.back().name_slot >= 0 || plan_->steps.back().count_slot >= 0);
  Pass pass{st, emit, fresh, false};
  Row work = row;
  KG_RETURN_IF_ERROR(MatchRow(st, work, [p = &pass](Row& r, bool* more) {
    p->matched = true;
    // The next operator may change it; `r` is still matching.
    Row copy = p->fresh ? std::move(r) : r;
    Status s = p->emit(copy);
    *more = !p->st.sink_full;  // stop once the sink has all it needs
    return s;
  }));
  if (!pass.matched && plan_->optional) {
    for (int s : plan_->new_slots) row[s] = Value();
    return emit(row);
  }
  return Status::OK();
}

Status MatchOp::Run(ExecState& st, Rows& in, Rows* out) const {
  for (Row& row : in) {
    KG_RETURN_IF_ERROR(RunRow(st, row, [&](Row& r) {
      KG_RETURN_IF_ERROR(st.eval.memory.Charge(ApproxBytes(r)));
      out->push_back(std::move(r));
      return st.CheckRows(out->size());
    }));
  }
  return Status::OK();
}

}  // namespace kg::query::internal
