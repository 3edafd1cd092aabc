// The query engine's public face: run one statement of kg's openCypher-based
// path language against a Store and get typed rows back.
//
// Pipeline (each phase consumes only the previous phase's output):
//   lexer -> parser (AST) -> binder (bound query) -> planner (plan) -> executor (rows)
//
// Errors are Status values whose message starts with the openCypher error
// class and names the position, with a caret line when the source is known:
//   SyntaxError: query:1:9: VariableAlreadyBound: n is already declared
//   SemanticError / TypeError / ArgumentError / EntityNotFound / ...
// Codes: kSyntaxError for syntax and semantic errors found before running,
// kInvalidArgument for errors while running (type errors, bad arguments,
// timeouts, row limits), kSchemaViolation for ontology violations of writes.
// Limits (docs/query-language.md, "Limits"): expressions nest at most 1000
// levels (SyntaxError ExpressionTooDeep), patterns and variable-length
// matches at most 1000 relationships, values built by reduce() 1000 levels;
// the timeout, cancel flag and memory budget below hold in every operator,
// function and procedure (TimeoutError, Cancelled, MemoryLimitExceeded).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/result_table.h"
#include "core/update_counters.h"
#include "core/value.h"
#include "query/notification.h"
#include "query/procedures.h"
#include "storage/store.h"

namespace kg::query {

struct QueryOptions {
  ValueMap parameters;            // $name -> value
  double timeout_seconds = 60.0;  // 0 = no limit; exceeded -> error, nothing written
  uint64_t max_rows = 1'000'000;  // result rows; exceeded -> error
  // Cap on rows produced by any single variable-length expansion or on
  // intermediate rows held in memory; stops runaway queries with a clear error.
  uint64_t max_intermediate_rows = 10'000'000;
  // Bytes the statement may hold at once in materialised rows, sort and
  // aggregation buffers, collect() lists, paths and the lists it builds
  // (range(), comprehensions, reduce()); estimated, counted per statement.
  // Exceeded -> "MemoryLimitExceeded: ...", nothing written. 0 = no limit.
  uint64_t max_memory_bytes = uint64_t{1} << 30;  // 1 GiB
  // When set, the statement polls this flag wherever it polls its deadline
  // (per row, expansion, list element, procedure iteration) and stops with
  // "Cancelled: the query was cancelled" soon after another thread sets it
  // to true; nothing is written. Not owned: must outlive the call. A server
  // sets one flag shared by its running queries to cancel them at shutdown.
  const std::atomic<bool>* cancel = nullptr;
  // A second flag polled like `cancel`: one client's own (Bolt's RESET),
  // where `cancel` is the whole server's. Not owned.
  const std::atomic<bool>* interrupt = nullptr;
  // Where result rows go, when set: each row is handed over (moved) instead
  // of kept in the returned table, which then holds the columns only. A
  // read statement without UNION hands its rows over as its RETURN makes
  // them, holding none that the RETURN itself does not need (ORDER BY,
  // DISTINCT, aggregation hold theirs); other statements, and any under
  // `strict`, hand theirs over once all are computed and checked (a write
  // run by Execute: after it commits). max_rows counts the rows handed
  // over. A non-OK status from the consumer stops the statement with it,
  // nothing written.
  std::function<Status(std::vector<Value>&)> row_consumer;
  std::string source_name = "query";  // used in error positions: query:LINE:COL
  // kg extension: pattern expansion, variable-length steps and shortest
  // paths follow only relationships the filter accepts (the two clocks and
  // min-confidence, RelationFilter::Accepts); plain openCypher when empty.
  RelationFilter relations;
  // Procedures for CALL; nullptr = kg's built-ins (kg.lookup). Not owned.
  const ProcedureRegistry* procedures = nullptr;
  // Where the statement's notifications go (query/notification.h; appended
  // when it succeeds). nullptr: none are computed. Not owned.
  std::vector<Notification>* notifications = nullptr;
  // Notifications are errors (StrictError of the first): the statement
  // fails before anything is committed.
  bool strict = false;
  // Where the statement's update counters go (core/update_counters.h): set
  // when it succeeds, all zero for a statement that writes nothing. Not
  // owned.
  UpdateCounters* counters = nullptr;
};

// What EXPLAIN / PROFILE report (ResultTable columns "operator", "details",
// and with PROFILE also "rows", "time_ms", "expansions"), one line per
// operator in execution order, a MATCH as its access steps (NodeIndexSeek,
// Expand(All), ...; docs/query-language.md, "EXPLAIN and PROFILE").
// A statement prefixed with EXPLAIN returns the plan without running it;
// PROFILE runs it and returns the plan with per-line rows and times.

// Runs one statement. Reads see a consistent snapshot; a statement with
// writes runs in one write transaction and commits atomically (nothing is
// written if any part fails). The store must be writable for writes.
Result<ResultTable> Run(storage::Store& store, std::string_view text, const QueryOptions& options);

// What a result draws as a diagram: every node and relationship in `table`
// (also inside paths and lists, as CollectSubgraph finds them) plus the
// endpoints of returned relationships that the result does not hold, read
// from the latest snapshot of `store`; nodes in id order. NotFound when such
// an endpoint has been deleted since the query ran. An empty Subgraph when
// the result holds neither nodes nor relationships.
Result<Subgraph> ResultSubgraph(const storage::Store& store, const ResultTable& table);

// Moves every row of `table` to `consumer` in order (stopping at its first
// non-OK status) and returns the table with its columns only: how a result
// computed whole reaches a QueryOptions::row_consumer.
Result<ResultTable> HandOverRows(ResultTable table,
                                 const std::function<Status(std::vector<Value>&)>& consumer);

// A statement parsed, bound and planned once, executed many times with
// different parameters (QueryOptions::parameters of each Execute call).
// Cheap to copy (shares the immutable plan); safe to Execute from one thread
// at a time per copy.
class PreparedStatement {
 public:
  // Syntax and semantic errors as Run reports them.
  static Result<PreparedStatement> Prepare(std::string_view text, const QueryOptions& options);
  // Runs the plan; same contract as Run.
  Result<ResultTable> Execute(storage::Store& store, const QueryOptions& options) const;
  // Runs the plan inside `txn`, which the caller owns and commits or drops
  // (an explicit multi-statement transaction: Bolt's BEGIN..COMMIT). A
  // statement that writes needs a write transaction; it sees the earlier
  // writes of `txn`. Same errors as Execute, but a failed statement may
  // leave part of its writes in `txn`: the caller must then drop it.
  Result<ResultTable> ExecuteIn(storage::Transaction& txn, const QueryOptions& options) const;
  // Result column names (empty for statements without RETURN).
  const std::vector<std::string>& columns() const;
  bool writes() const;

  class Impl;

 private:
  explicit PreparedStatement(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace kg::query
