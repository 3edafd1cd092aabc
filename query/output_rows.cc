// Output rows: where a pipeline's RETURN columns are in its rows, and how
// those rows become the result's (copied out, or in place), materialised
// or handed over as the RETURN makes them.
#include "query/internal/output_rows.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace kg::query::internal {
namespace {

// OutputShape::movable: a column whose slot no later column shows.
std::vector<char> LastUses(const std::vector<int>& slots) {
  std::vector<char> last(slots.size(), 1);
  for (size_t k = 0; k < slots.size(); ++k)
    for (size_t j = k + 1; j < slots.size(); ++j)
      if (slots[j] == slots[k]) last[k] = 0;
  return last;
}

// Whether a value is output as it is (Refresh returns a copy of it).
bool OutputAsIs(const Value& v) {
  return !v.is_node() && !v.is_relationship() && !v.is_list() && !v.is_map();
}

}  // namespace

OutputShape ShapeOf(const Pipeline& pipe, const BoundQueryPart& q) {
  OutputShape shape;
  shape.columns = pipe.columns;
  if (pipe.final_projection != nullptr) {
    shape.returns = true;
    shape.columns.clear();
    for (const auto& [name, slot] : pipe.final_projection->star_vars) {
      shape.slots.push_back(slot);
      shape.columns.push_back(name);
    }
    for (const auto& item : pipe.final_projection->items) {
      shape.slots.push_back(item.slot);
      shape.columns.push_back(item.alias);
    }
  } else if (!q.clauses.empty() && q.clauses.back().kind == ClauseKind::kCall) {
    shape.returns = true;
    shape.slots = q.clauses.back().yield_slots;
  }
  shape.movable = LastUses(shape.slots);
  shape.in_place = std::is_sorted(shape.slots.begin(), shape.slots.end(), std::less_equal<int>());
  return shape;
}

// One output row: the values of `slots`, nodes and relationships at their
// latest version in this statement. With `movable` (OutputShape::movable,
// for a row that is not read again), such a value that is output as it is
// moves out of the row instead of being copied.
Result<std::vector<Value>> OutputRow(ExecState& st, const std::vector<int>& slots, Row& row,
                                     const std::vector<char>* movable) {
  std::vector<Value> out;
  out.reserve(slots.size());
  for (size_t k = 0; k < slots.size(); ++k) {
    Value& in = row[slots[k]];
    if (movable != nullptr && (*movable)[k] && OutputAsIs(in)) {
      out.emplace_back(std::move(in));
      continue;
    }
    KG_ASSIGN_OR_RETURN(Value v, Refresh(in, st.eval));
    out.emplace_back(std::move(v));
  }
  return out;
}

// `row`, not read again, made its output row in place (for
// OutputShape::in_place): each column's value moves down to its place,
// refreshed as OutputRow would, and the rest is cut off. A row much wider
// than its columns is shrunk, not kept with its room.
Status OutputInPlace(ExecState& st, const std::vector<int>& slots, Row& row) {
  for (size_t k = 0; k < slots.size(); ++k) {
    Value& in = row[slots[k]];
    if (!OutputAsIs(in)) {
      KG_ASSIGN_OR_RETURN(Value v, Refresh(in, st.eval));
      row[k] = std::move(v);
    } else if (static_cast<size_t>(slots[k]) != k) {
      row[k] = std::move(in);
    }
  }
  row.resize(slots.size());
  if (row.capacity() > 2 * row.size() + 4) row.shrink_to_fit();
  return Status::OK();
}

// Final columns of one pipeline's rows: into the table, or handed over
// through st.emit. The rows are not read after this: their values move
// into the table. The table's rows are charged per kStreamBatch.
// Rows whose output columns ascend become the table's rows in place.
Result<ResultTable> Output(ExecState& st, const OutputShape& shape, Rows& rows) {
  ResultTable table;
  table.columns = shape.columns;
  if (!shape.returns) return table;
  if (shape.in_place) {
    uint64_t bytes = 0;
    size_t n = 0;
    for (Row& row : rows) {
      KG_RETURN_IF_ERROR(OutputInPlace(st, shape.slots, row));
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      if (st.emit != nullptr) {
        KG_RETURN_IF_ERROR((*st.emit)(row));
        continue;
      }
      bytes += ApproxBytes(row);
      if (++n % kStreamBatch == 0) {
        KG_RETURN_IF_ERROR(st.eval.memory.Charge(bytes));
        bytes = 0;
      }
    }
    KG_RETURN_IF_ERROR(st.eval.memory.Charge(bytes));
    if (st.emit == nullptr) table.rows = std::move(rows);
    return table;
  }
  table.rows.reserve(st.emit != nullptr ? 0 : rows.size());
  uint64_t bytes = 0;
  for (Row& row : rows) {
    KG_ASSIGN_OR_RETURN(std::vector<Value> out, OutputRow(st, shape.slots, row, &shape.movable));
    KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
    if (st.emit != nullptr) {
      KG_RETURN_IF_ERROR((*st.emit)(out));
      continue;
    }
    bytes += ApproxBytes(out);
    table.rows.push_back(std::move(out));
    if (table.rows.size() % kStreamBatch == 0) {
      KG_RETURN_IF_ERROR(st.eval.memory.Charge(bytes));
      bytes = 0;
    }
  }
  KG_RETURN_IF_ERROR(st.eval.memory.Charge(bytes));
  return table;
}

Result<ResultTable> OutputResultRows(ExecState& st, const OutputShape& shape, Rows& rows) {
  ResultTable table;
  table.columns = shape.columns;
  if (st.emit == nullptr) {
    table.rows = std::move(rows);
    return table;
  }
  for (Row& row : rows) {
    KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
    KG_RETURN_IF_ERROR((*st.emit)(row));
  }
  return table;
}

namespace {

// The final RETURN of a pipeline whose rows are handed over as they come:
// each input row is projected and handed over at once, none kept.
class EmitSink : public Operator::Sink {
 public:
  // The rows the RETURN hands on are not read again: with `in_place`
  // (OutputShape::in_place) each becomes its output row.
  EmitSink(ExecState& st, const Operator& op, const std::vector<int>& slots, bool in_place)
      : st_(st), slots_(slots), op_(op), emit_([this, in_place](Row& r) -> Status {
          if (in_place) {
            KG_RETURN_IF_ERROR(OutputInPlace(st_, slots_, r));
            return (*st_.emit)(r);
          }
          KG_ASSIGN_OR_RETURN(std::vector<Value> out, OutputRow(st_, slots_, r));
          return (*st_.emit)(out);
        }) {}
  Status Add(Row& row) override { return op_.RunRow(st_, row, emit_); }
  Status Finish(Rows*) override { return Status::OK(); }

 private:
  ExecState& st_;
  const std::vector<int>& slots_;
  const Operator& op_;
  const std::function<Status(Row&)> emit_;  // built once, not per row
};

}  // namespace

std::unique_ptr<Operator::Sink> MakeEmitSink(ExecState& st, const Operator& op,
                                             const OutputShape& shape) {
  return std::make_unique<EmitSink>(st, op, shape.slots, shape.in_place);
}

}  // namespace kg::query::internal
