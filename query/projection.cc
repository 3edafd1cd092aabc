// WITH / RETURN: projection, implicit-grouping aggregation, DISTINCT,
// ORDER BY, SKIP / LIMIT and WITH's WHERE; and UNWIND.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "query/internal/aggregates.h"
#include "query/internal/compare.h"
#include "query/internal/dense_id_set.h"
#include "query/internal/executor.h"
#include "query/internal/string_set.h"

namespace kg::query::internal {
namespace {

// ApproxBytes of a row of one value, a string's worked out inline (a
// names step's rows, ProjectSink::AddedValues).
uint64_t OneValueRowBytes(const Row& row) {
  const Value& v = row[0];
  if (!v.is_string()) return ApproxBytes(row);
  const std::string& s = v.as_string();
  return sizeof(Row) + sizeof(Value) + (s.size() > 15 ? s.capacity() : 0);
}

// The distinct rows a projection keeps, checked as each arrives (the
// first of equal rows stays, as ProjectOp::Distinct keeps it). Equality
// is over the output slots. A string in a one-column output (RETURN
// DISTINCT n.name) goes to a StringViewSet over the kept rows' strings,
// which allocates nothing per row; anything else to an ordered set of
// keys, charged to the memory budget. While every row so far is the
// string name of a node, and no two nodes share one (Sink::AddedValues'
// names_of), the nodes are compared instead, in a bitset (InsertNode);
// the first row that is not such a name puts the kept ones in the string
// set and ends that for the rest of the statement.
class DistinctRows {
 public:
  DistinctRows(const Rows* kept, std::vector<int> slots)
      : kept_(kept),
        slots_(std::move(slots)),
        strings_(0, KeptString{kept, slots_.size() == 1 ? slots_[0] : 0}) {}

  // Whether kept row `i`, the last one, differs from every earlier one
  // (then it stays in the set).
  Result<bool> Insert(ExecState& st, size_t i) {
    EndByNode(i);
    if (std::optional<bool> fresh = InsertString(i)) return *fresh;
    const Row& row = (*kept_)[i];
    std::vector<Value> k;
    k.reserve(slots_.size());
    for (int s : slots_) k.push_back(row[s]);
    uint64_t key_bytes = 64 + ApproxBytes(k);
    if (!keys_.insert(std::move(k)).second) return false;
    KG_RETURN_IF_ERROR(st.eval.memory.Charge(key_bytes));
    return true;
  }

  // Room for `n` kept rows' strings without growing.
  void Reserve(size_t n) { strings_.Reserve(n); }

  // Whether InsertNode may still be used: every row kept so far came
  // through it.
  bool ByNode() const { return by_node_; }
  // Insert of a row that is the string name of `node`, under ByNode: true
  // when no earlier row named the same node.
  bool InsertNode(EntityId node) {
    ++node_rows_;
    return nodes_.Insert(node);
  }
  // The bytes the node bitset grew by since the last call (charged to the
  // memory budget with the rows).
  uint64_t TakeNodeBytes() {
    const uint64_t now = nodes_.bytes();
    const uint64_t grown = now - charged_;
    charged_ = now;
    return grown;
  }

  // Insert of a row whose output is one string (RETURN DISTINCT n.name),
  // without a Result; nullopt for any other row (then ask Insert).
  std::optional<bool> InsertString(size_t i) {
    EndByNode(i);
    if (slots_.size() != 1 || i >= UINT32_MAX) return std::nullopt;
    const Value& v = (*kept_)[i][slots_[0]];
    if (!v.is_string()) return std::nullopt;
    return strings_.Insert(static_cast<uint32_t>(i), v.as_string());
  }

 private:
  // The string of kept row i's one output slot (rows move as the vector
  // of rows grows, their strings' bytes with them: views are made anew).
  struct KeptString {
    const Rows* rows;
    int slot;
    std::string_view operator()(uint32_t i) const { return (*rows)[i][slot].as_string(); }
  };
  // Before kept row `i` is checked any other way: the rows InsertNode
  // kept (all before i, all strings) go to the string set, once.
  void EndByNode(size_t i) {
    if (!by_node_) return;
    by_node_ = false;
    if (node_rows_ == 0) return;
    strings_.Reserve(i);
    for (size_t k = 0; k < i; ++k)
      strings_.Insert(static_cast<uint32_t>(k), (*kept_)[k][slots_[0]].as_string());
  }

  const Rows* kept_;
  std::vector<int> slots_;
  StringViewSet<KeptString> strings_;
  std::set<std::vector<Value>, RowLess> keys_;
  bool by_node_ = true;
  uint64_t node_rows_ = 0;  // rows InsertNode was asked about
  DenseIdSet nodes_;
  uint64_t charged_ = 0;  // nodes_.bytes() charged so far
};

class ProjectOp : public Operator {
 public:
  ProjectOp(const BoundClause* c, bool is_return, bool items_bound)
      : p_(c->projection), is_return_(is_return), items_bound_(items_bound) {}
  std::string name() const override {
    std::string n = is_return_ ? "Return" : "With";
    if (p_.aggregating) n += "+Aggregate";
    if (p_.distinct) n += "+Distinct";
    if (!p_.order_by.empty()) n += "+Sort";
    if (p_.skip || p_.limit) n += "+Limit";
    return n;
  }
  std::string details() const override {
    std::string out;
    for (const auto& item : p_.items) {
      if (!out.empty()) out += ", ";
      out += item.alias;
    }
    return p_.star ? "*" + (out.empty() ? "" : ", " + out) : out;
  }

  Status Run(ExecState& st, Rows& in, Rows* out) const override {
    std::unique_ptr<Sink> sink = MakeSink(st);
    for (Row& row : in) KG_RETURN_IF_ERROR(sink->Add(row));
    return sink->Finish(out);
  }

  // A plain projection (no aggregation, DISTINCT, ORDER BY, SKIP or LIMIT)
  // maps each row on its own.
  bool Streams() const override {
    return !p_.aggregating && !p_.distinct && p_.order_by.empty() && !p_.skip && !p_.limit;
  }

  Status RunRow(ExecState& st, Row& row, const std::function<Status(Row&)>& emit) const override {
    KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
    KG_RETURN_IF_ERROR(ProjectRow(st, row));
    if (p_.where) {
      KG_ASSIGN_OR_RETURN(bool keep, EvalPredicate(*p_.where, row, st.eval));
      if (!keep) return Status::OK();
    }
    return emit(row);
  }

  std::unique_ptr<Sink> MakeSink(ExecState& st) const override {
    return std::make_unique<ProjectSink>(*this, st);
  }

 private:
  // The groups of an aggregation, in order of first appearance.
  struct Group {
    Row rep;
    std::vector<AggState> accs;
  };
  using Groups = std::map<std::vector<Value>, Group, RowLess>;

  class ProjectSink : public Sink {
   public:
    ProjectSink(const ProjectOp& op, ExecState& st) : op_(op), st_(st) {
      if (op_.p_.distinct && !op_.Aggregates()) distinct_.emplace(&rows_, op_.OutputSlots());
      for (const auto& item : op_.p_.items)
        if (!ContainsAggregate(*item.expr)) group_items_.push_back(&item);
      const BoundProjection& p = op_.p_;
      // DISTINCT keeps the first of equal rows as they arrive (Keep): its
      // first SKIP + LIMIT rows are final too.
      if (p.limit && !p.aggregating && p.order_by.empty()) {
        // Bad SKIP/LIMIT values are reported by Finish, with their position.
        Result<int64_t> skip = p.skip ? op_.Count(st_, p.skip.get(), "SKIP") : Result<int64_t>(0);
        Result<int64_t> limit = op_.Count(st_, p.limit.get(), "LIMIT");
        if (skip.ok() && limit.ok()) {
          wanted_ = static_cast<size_t>(*skip) + static_cast<size_t>(*limit);
          if (*wanted_ < static_cast<size_t>(*limit)) wanted_.reset();  // overflowed: no bound
        }
      }
    }

    Status Add(Row& row) override {
      KG_RETURN_IF_ERROR(st_.eval.CheckDeadline());
      if (op_.Aggregates()) return Accumulate(row);
      KG_ASSIGN_OR_RETURN(uint64_t bytes, Keep(row));
      KG_RETURN_IF_ERROR(st_.eval.memory.Charge(bytes));
      return st_.CheckRows(rows_.size());
    }

    // Without aggregation every row is projected and kept (DISTINCT: unless
    // an equal one is kept already), charged to the memory budget and the
    // intermediate-row cap once per batch. Under a LIMIT the rows go one by
    // one until the output is full.
    Status AddBatch(Rows& batch) override {
      if (op_.Aggregates()) return Sink::AddBatch(batch);
      uint64_t bytes = 0;
      if (rows_.empty() && !wanted_) rows_.reserve(batch.size());
      for (Row& row : batch) {
        if (Full()) break;
        KG_RETURN_IF_ERROR(st_.eval.CheckDeadline());
        KG_ASSIGN_OR_RETURN(uint64_t kept, Keep(row));
        bytes += kept;
      }
      KG_RETURN_IF_ERROR(st_.eval.memory.Charge(bytes));
      return st_.CheckRows(rows_.size());
    }

    // A RETURN of the one item a names step writes (items_bound, not
    // aggregating): its rows are the values themselves, as result rows.
    Rows* TakeValues() override {
      const BoundProjection& p = op_.p_;
      if (!op_.items_bound_ || !op_.is_return_ || p.aggregating || p.star || p.items.size() != 1 ||
          !p.order_by.empty() || p.where || !rows_.empty())
        return nullptr;
      if (distinct_) distinct_.emplace(&rows_, std::vector<int>{0});
      return &rows_;
    }

    // The rows from `first` on (after TakeValues, one value each): kept in
    // order unless DISTINCT holds an equal one (a row kept moves down over
    // one dropped), up to what the output can hold; charged to the memory
    // budget and the intermediate-row cap per batch, as AddBatch would.
    Status AddedValues(size_t first, std::span<const EntityId> names_of) override {
      KG_RETURN_IF_ERROR(st_.eval.CheckDeadlineNow());
      const size_t limit = wanted_ ? *wanted_ : SIZE_MAX;
      size_t kept = first;
      uint64_t bytes = 0;
      const bool by_node = distinct_ && !names_of.empty() && distinct_->ByNode();
      if (distinct_ && !by_node) distinct_->Reserve(rows_.capacity());  // not per insert
      for (size_t i = first; i < rows_.size() && kept < limit; ++i) {
        if (i != kept) rows_[kept] = std::move(rows_[i]);
        if (by_node) {
          if (!distinct_->InsertNode(names_of[i - first])) continue;
        } else if (distinct_) {
          std::optional<bool> fresh = distinct_->InsertString(kept);
          if (!fresh) {
            KG_ASSIGN_OR_RETURN(fresh, distinct_->Insert(st_, kept));
          }
          if (!*fresh) continue;
        }
        bytes += OneValueRowBytes(rows_[kept]);
        ++kept;
      }
      rows_.resize(kept);
      if (by_node) bytes += distinct_->TakeNodeBytes();
      KG_RETURN_IF_ERROR(st_.eval.memory.Charge(bytes));
      return st_.CheckRows(rows_.size());
    }

    bool UsesNamesOf() const override { return distinct_ && distinct_->ByNode(); }

    // Without aggregation or ORDER BY, the first SKIP + LIMIT rows (distinct
    // ones under DISTINCT) are all the output can hold.
    bool Full() const override { return wanted_ && rows_.size() >= *wanted_; }
    size_t Wanted() const override {
      if (!wanted_) return SIZE_MAX;
      return *wanted_ > rows_.size() ? *wanted_ - rows_.size() : 0;
    }

    Status Finish(Rows* out) override {
      if (op_.Aggregates()) {
        KG_RETURN_IF_ERROR(EmitGroups(out));
      } else {
        *out = std::move(rows_);
      }
      // Rows kept by Keep are distinct already; an aggregation's groups are not.
      return op_.Finish(st_, out, &keys_, !op_.Aggregates());
    }

   private:
    // Projects `row` and keeps it with its sort key, unless DISTINCT holds an
    // equal row already: the bytes kept. The first of equal rows is kept, as
    // ProjectOp::Distinct would keep it; the sort key of a dropped row is
    // still evaluated (its errors are reported as before).
    Result<uint64_t> Keep(Row& row) {
      // Rows whose items the match wrote and that have no sort key (a names
      // step's) skip the two calls.
      if (!op_.items_bound_) KG_RETURN_IF_ERROR(op_.ProjectRow(st_, row));
      if (!op_.p_.order_by.empty()) KG_RETURN_IF_ERROR(op_.SortKeys(st_, row, &keys_));
      rows_.push_back(std::move(row));
      if (distinct_) {
        KG_ASSIGN_OR_RETURN(bool fresh, distinct_->Insert(st_, rows_.size() - 1));
        if (!fresh) {
          rows_.pop_back();
          if (!keys_.empty()) keys_.pop_back();
          return uint64_t{0};
        }
      }
      uint64_t bytes = op_.RowBytes(rows_.back());
      if (!keys_.empty()) bytes += ApproxBytes(keys_.back());
      return bytes;
    }

    Status Accumulate(Row& row) {
      std::vector<Value> key;
      for (const BoundReturnItem* item : group_items_) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*item->expr, row, st_.eval));
        key.push_back(std::move(v));
      }
      auto it = groups_.find(key);
      if (it == groups_.end()) {
        KG_RETURN_IF_ERROR(st_.eval.memory.Charge(ApproxBytes(key) + ApproxBytes(row) +
                                                  sizeof(AggState) * op_.p_.aggregates.size()));
        it = groups_.emplace(key, Group{row, NewStates(op_.p_.aggregates)}).first;
        order_.push_back(it);
        KG_RETURN_IF_ERROR(st_.CheckRows(order_.size()));
      }
      for (size_t i = 0; i < op_.p_.aggregates.size(); ++i) {
        KG_RETURN_IF_ERROR(
            internal::Accumulate(st_.eval, *op_.p_.aggregates[i], it->second.accs[i], row));
      }
      return Status::OK();
    }

    // One row per group: its aggregates finished, then projected.
    Status EmitGroups(Rows* out) {
      if (groups_.empty() && group_items_.empty()) {
        Row empty(st_.num_slots);
        order_.push_back(
            groups_.emplace(std::vector<Value>{}, Group{empty, NewStates(op_.p_.aggregates)})
                .first);
      }
      for (auto it : order_) {
        Group& g = it->second;
        std::vector<Value> results;
        for (size_t i = 0; i < op_.p_.aggregates.size(); ++i)
          results.push_back(internal::Finish(*op_.p_.aggregates[i], g.accs[i]));
        st_.eval.agg_values = &results;
        Status s = op_.ProjectRow(st_, g.rep);
        if (s.ok()) s = op_.SortKeys(st_, g.rep, &keys_);
        st_.eval.agg_values = nullptr;
        KG_RETURN_IF_ERROR(s);
        out->push_back(std::move(g.rep));
      }
      return Status::OK();
    }

    const ProjectOp& op_;
    ExecState& st_;
    Rows rows_;
    std::vector<std::vector<Value>> keys_;  // sort keys, parallel to the output rows
    std::vector<const BoundReturnItem*> group_items_;
    ProjectOp::Groups groups_;
    std::vector<ProjectOp::Groups::iterator> order_;
    std::optional<size_t> wanted_;          // rows after which the output is complete
    std::optional<DistinctRows> distinct_;  // DISTINCT: over rows_ (unless aggregating)
  };

  // DISTINCT, ORDER BY, SKIP / LIMIT and WITH's WHERE over the projected rows.
  // With `distinct_done` the rows are distinct already (ProjectSink::Keep).
  Status Finish(ExecState& st, Rows* out, std::vector<std::vector<Value>>* keys,
                bool distinct_done = false) const {
    if (p_.distinct && !distinct_done) KG_RETURN_IF_ERROR(Distinct(st, out, keys));
    if (!p_.order_by.empty()) KG_RETURN_IF_ERROR(Sort(st, out, keys));
    KG_RETURN_IF_ERROR(SkipLimit(st, out));
    if (p_.where) {
      Rows kept;
      for (Row& row : *out) {
        KG_ASSIGN_OR_RETURN(bool keep, EvalPredicate(*p_.where, row, st.eval));
        if (keep) kept.push_back(std::move(row));
      }
      *out = std::move(kept);
    }
    return Status::OK();
  }

  // An aggregating projection whose match wrote the aggregate's value
  // (VarLengthExpand(Count): one row) takes it as written.
  bool Aggregates() const { return p_.aggregating && !items_bound_; }

  Status ProjectRow(ExecState& st, Row& row) const {
    if (items_bound_) return Status::OK();  // the match wrote the items
    // Evaluate all first: an alias may shadow a variable another item reads.
    std::vector<Value> vals;
    vals.reserve(p_.items.size());
    for (const auto& item : p_.items) {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*item.expr, row, st.eval));
      vals.push_back(std::move(v));
    }
    for (size_t i = 0; i < vals.size(); ++i) row[p_.items[i].slot] = std::move(vals[i]);
    return Status::OK();
  }

  // ApproxBytes(row). With items_bound_ every slot but the items' is null
  // (MakeProjectOp), so only those are looked at.
  uint64_t RowBytes(const Row& row) const {
    if (!items_bound_) return ApproxBytes(row);
    uint64_t n = sizeof(Row) + row.size() * sizeof(Value);
    for (const auto& item : p_.items) n += ApproxBytes(row[item.slot]) - sizeof(Value);
    return n;
  }

  Status SortKeys(ExecState& st, Row& row, std::vector<std::vector<Value>>* keys) const {
    if (p_.order_by.empty()) return Status::OK();
    std::vector<Value> k;
    for (const auto& s : p_.order_by) {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*s.expr, row, st.eval));
      k.push_back(std::move(v));
    }
    keys->push_back(std::move(k));
    return Status::OK();
  }

  static bool ContainsAggregate(const BoundExpr& e) {
    if (e.aggregate) return true;
    for (const auto& a : e.args)
      if (a && ContainsAggregate(*a)) return true;
    return e.else_expr && ContainsAggregate(*e.else_expr);
  }

  std::vector<int> OutputSlots() const {
    std::vector<int> slots;
    for (const auto& [name, slot] : p_.star_vars) slots.push_back(slot);
    for (const auto& item : p_.items) slots.push_back(item.slot);
    return slots;
  }

  // Keeps the first row of each distinct key. Rows are marked first and
  // moved after, so that the string column's set can hold views into them.
  Status Distinct(ExecState& st, Rows* rows, std::vector<std::vector<Value>>* keys) const {
    std::vector<int> slots = OutputSlots();
    std::set<std::vector<Value>, RowLess> seen;
    // One string column (RETURN DISTINCT n.name): hashed, without building keys.
    const bool one_column = slots.size() == 1 && rows->size() < UINT32_MAX;
    auto at = [rows, slot = slots.empty() ? 0 : slots[0]](uint32_t i) -> std::string_view {
      return (*rows)[i][slot].as_string();
    };
    StringViewSet<decltype(at)> seen_strings(one_column ? rows->size() : 0, at);
    std::vector<size_t> kept_at;
    kept_at.reserve(rows->size());
    for (size_t i = 0; i < rows->size(); ++i) {
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      if (one_column && (*rows)[i][slots[0]].is_string()) {
        if (seen_strings.Insert(static_cast<uint32_t>(i))) kept_at.push_back(i);
        continue;
      }
      std::vector<Value> k;
      for (int s : slots) k.push_back((*rows)[i][s]);
      uint64_t key_bytes = 64 + ApproxBytes(k);
      if (!seen.insert(std::move(k)).second) continue;
      KG_RETURN_IF_ERROR(st.eval.memory.Charge(key_bytes));
      kept_at.push_back(i);
    }
    if (kept_at.size() == rows->size()) return Status::OK();
    Rows kept;
    kept.reserve(kept_at.size());
    std::vector<std::vector<Value>> kept_keys;
    for (size_t i : kept_at) {
      kept.push_back(std::move((*rows)[i]));
      if (!keys->empty()) kept_keys.push_back(std::move((*keys)[i]));
    }
    *rows = std::move(kept);
    *keys = std::move(kept_keys);
    return Status::OK();
  }

  Status Sort(ExecState& st, Rows* rows, std::vector<std::vector<Value>>* keys) const {
    std::vector<size_t> idx(rows->size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    KG_RETURN_IF_ERROR(st.eval.memory.Charge(2 * sizeof(size_t) * idx.size()));
    // std::stable_sort cannot be left early: once the deadline passes (or the
    // query is cancelled) every comparison says "equal", which is still a
    // valid ordering, so the sort ends quickly and the result is discarded.
    Status stopped;
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      if (!stopped.ok()) return false;
      if (Status s = st.eval.CheckDeadline(); !s.ok()) {
        stopped = s;
        return false;
      }
      for (size_t k = 0; k < p_.order_by.size(); ++k) {
        int c = OrderCompare((*keys)[a][k], (*keys)[b][k]);
        if (c != 0) return p_.order_by[k].descending ? c > 0 : c < 0;
      }
      return false;
    });
    KG_RETURN_IF_ERROR(stopped);
    Rows sorted;
    sorted.reserve(rows->size());
    for (size_t i : idx) sorted.push_back(std::move((*rows)[i]));
    *rows = std::move(sorted);
    return Status::OK();
  }

  Result<int64_t> Count(ExecState& st, const BoundExpr* e, const char* what) const {
    Row empty(st.num_slots);
    KG_ASSIGN_OR_RETURN(Value v, Eval(*e, empty, st.eval));
    if (!v.is_int())
      return st.eval.Error(ErrorClass::kArgumentError, "InvalidArgumentType", e->span,
                           std::string(what) + " needs a non-negative integer");
    if (v.as_int() < 0)
      return st.eval.Error(ErrorClass::kArgumentError, "NegativeIntegerArgument", e->span,
                           std::string(what) + " needs a non-negative integer");
    return v.as_int();
  }

  Status SkipLimit(ExecState& st, Rows* rows) const {
    size_t skip = 0, limit = rows->size();
    if (p_.skip) {
      KG_ASSIGN_OR_RETURN(skip, Count(st, p_.skip.get(), "SKIP"));
    }
    if (p_.limit) {
      KG_ASSIGN_OR_RETURN(limit, Count(st, p_.limit.get(), "LIMIT"));
    }
    if (skip == 0 && limit >= rows->size()) return Status::OK();
    size_t b = std::min(skip, rows->size());
    size_t e = std::min(rows->size(), b + limit);
    *rows = Rows(std::make_move_iterator(rows->begin() + b),
                 std::make_move_iterator(rows->begin() + e));
    return Status::OK();
  }

  const BoundProjection& p_;
  bool is_return_;
  bool items_bound_;  // MakeProjectOp
};

class UnwindOp : public Operator {
 public:
  explicit UnwindOp(const BoundClause* c) : c_(c) {}
  std::string name() const override { return "Unwind"; }
  std::string details() const override { return c_->var; }
  Status Run(ExecState& st, Rows& in, Rows* out) const override {
    for (Row& row : in) {
      KG_RETURN_IF_ERROR(RunRow(st, row, [&](Row& r) {
        KG_RETURN_IF_ERROR(st.eval.memory.Charge(ApproxBytes(r)));
        out->push_back(std::move(r));
        return Status::OK();
      }));
      KG_RETURN_IF_ERROR(st.CheckRows(out->size()));
    }
    return Status::OK();
  }

  bool Streams() const override { return true; }

  Status RunRow(ExecState& st, Row& row, const std::function<Status(Row&)>& emit) const override {
    KG_ASSIGN_OR_RETURN(Value v, Eval(*c_->expr, row, st.eval));
    if (v.is_null()) return Status::OK();
    if (!v.is_list()) {
      row[c_->slot] = std::move(v);
      return emit(row);
    }
    for (const auto& item : v.as_list()) {
      if (st.sink_full) break;
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      Row r = row;
      r[c_->slot] = item;
      KG_RETURN_IF_ERROR(emit(r));
    }
    return Status::OK();
  }

 private:
  const BoundClause* c_;
};

}  // namespace

Status Operator::RunRow(ExecState&, Row&, const std::function<Status(Row&)>&) const {
  return Status::Internal(name() + " cannot run row by row");
}

std::unique_ptr<Operator::Sink> Operator::MakeSink(ExecState&) const { return nullptr; }

Status Operator::Sink::AddedValues(size_t, std::span<const EntityId>) {
  return Status::Internal("this sink takes rows, not values");
}

Status Operator::Sink::AddBatch(Rows& rows) {
  for (Row& row : rows) {
    KG_RETURN_IF_ERROR(Add(row));
    if (Full()) break;
  }
  return Status::OK();
}

std::unique_ptr<Operator> MakeProjectOp(const BoundClause* clause, bool is_return,
                                        bool items_bound) {
  return std::make_unique<ProjectOp>(clause, is_return, items_bound);
}

std::unique_ptr<Operator> MakeUnwindOp(const BoundClause* clause) {
  return std::make_unique<UnwindOp>(clause);
}

}  // namespace kg::query::internal
