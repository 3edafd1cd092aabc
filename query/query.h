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
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/result_table.h"
#include "core/value.h"
#include "storage/store.h"

namespace kg::query {

struct QueryOptions {
  ValueMap parameters;              // $name -> value
  double timeout_seconds = 60.0;    // 0 = no limit; exceeded -> error, nothing written
  uint64_t max_rows = 1'000'000;    // result rows; exceeded -> error
  // Cap on rows produced by any single variable-length expansion or on
  // intermediate rows held in memory; stops runaway queries with a clear error.
  uint64_t max_intermediate_rows = 10'000'000;
  std::string source_name = "query";  // used in error positions: query:LINE:COL
};

// What EXPLAIN / PROFILE report (ResultTable columns "operator", "details",
// and with PROFILE also "rows", "time_ms").
// A statement prefixed with EXPLAIN returns the plan without running it;
// PROFILE runs it and returns the plan with per-operator rows and times.

// Runs one statement. Reads see a consistent snapshot; a statement with
// writes runs in one write transaction and commits atomically (nothing is
// written if any part fails). The store must be writable for writes.
Result<ResultTable> Run(storage::Store& store, std::string_view text, const QueryOptions& options);

}  // namespace kg::query
