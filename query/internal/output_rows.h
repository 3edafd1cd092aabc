// How a pipeline's rows become the result's rows (query.cc runs the
// pipelines): the RETURN's columns and their slots, worked out once per
// plan, and the conversion of each final row, into the result table or to
// the row consumer as the RETURN makes it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/result_table.h"
#include "query/internal/executor.h"

namespace kg::query::internal {

// Rows between two checks of the memory budget where rows are charged per
// batch (Output; a streamed run's batches): the same error as a check per
// row, at most this many rows later.
constexpr size_t kStreamBatch = 1024;
// Rows a streamed batch has room for from the start.
constexpr size_t kFirstBatch = 32;

// Where a pipeline's output columns live in its rows.
struct OutputShape {
  std::vector<std::string> columns;
  std::vector<int> slots;
  // Per column: its value may move out of a row that is not read again (no
  // later column shows the same slot).
  std::vector<char> movable;
  // The slots ascend strictly: a row becomes its output row in place (each
  // column's value moves down to its place, the rest is cut off).
  bool in_place = false;
  bool returns = false;  // false: the pipeline has no output rows
};

// The output columns of pipeline `pipe` of the statement part `q`.
OutputShape ShapeOf(const Pipeline& pipe, const BoundQueryPart& q);

// One output row: the values of `slots`, nodes and relationships at their
// latest version in this statement. With `movable` (OutputShape::movable,
// for a row that is not read again), such a value that is output as it is
// moves out of the row instead of being copied.
Result<std::vector<Value>> OutputRow(ExecState& st, const std::vector<int>& slots, Row& row,
                                     const std::vector<char>* movable = nullptr);

// `row`, not read again, made its output row in place (for
// OutputShape::in_place): each column's value moves down to its place,
// refreshed as OutputRow would, and the rest is cut off. A row much wider
// than its columns is shrunk, not kept with its room.
Status OutputInPlace(ExecState& st, const std::vector<int>& slots, Row& row);

// Final columns of one pipeline's rows: into the table, or handed over
// through st.emit. The rows are not read after this: their values move
// into the table (rows whose output columns ascend become the table's rows
// in place). The table's rows are charged per kStreamBatch.
Result<ResultTable> Output(ExecState& st, const OutputShape& shape, Rows& rows);

// Rows that are the result's rows already (a sink that took a names
// step's values, Operator::Sink::TakeValues: one column each, charged as
// they were kept): into the table, or handed over through st.emit.
Result<ResultTable> OutputResultRows(ExecState& st, const OutputShape& shape, Rows& rows);

// The sink of a final RETURN `op` whose rows are handed over through
// st.emit as they come: each input row is projected and handed over at
// once, none kept.
std::unique_ptr<Operator::Sink> MakeEmitSink(ExecState& st, const Operator& op,
                                             const OutputShape& shape);

}  // namespace kg::query::internal
