// The procedure registry behind `CALL name(args) YIELD col, ...`.
// A registry is an object passed in QueryOptions (no global state); analytics
// modules register their procedures (kg.pagerank, ...) into one they own.
// `ProcedureRegistry::WithBuiltins()` holds kg's own procedures:
//   kg.lookup(text) YIELD node   -- entities whose name or alias equals text
//                                   ignoring case (uses the name+alias index);
//                                   none: an UnknownEntityWarning notification
//                                   with "did you mean" (names and aliases by
//                                   edit distance)
//   kg.procedures() YIELD name, signature, description, mode
//                                -- the procedures of the statement's registry
//   kg.functions() YIELD name, signature, kind, deterministic
//                                -- the scalar functions and aggregates of the
//                                   catalog (query/internal/catalog.h)
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/result_table.h"
#include "core/value.h"
#include "query/notification.h"
#include "storage/store.h"

namespace kg::query {

// Produces the procedure's rows for one call. The returned table's columns
// must be the declared `columns` (in that order). Errors are returned as-is
// (prefix the message with an openCypher class such as "ArgumentError: ").
using ProcedureFn =
    std::function<Result<ResultTable>(storage::Transaction& txn, const std::vector<Value>& args)>;

// What the running statement passes to a procedure besides its arguments.
struct ProcedureContext {
  RelationFilter relations;  // QueryOptions::relations of the statement
  // The statement's deadline and cancel flags (QueryOptions). A procedure
  // whose work grows with its arguments calls Check() per iteration.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  const std::atomic<bool>* cancel = nullptr;
  const std::atomic<bool>* interrupt = nullptr;
  // "Cancelled: ..." once a flag is set, "TimeoutError: ..." past the
  // deadline, else OK. Return it unchanged: the statement reports it as is.
  Status Check() const;
  // The statement's notifications (null when nobody collects them; not
  // owned) and where the call is written.
  std::vector<Notification>* notifications = nullptr;
  SourcePosition position{};
  // Adds a warning at the call's position (each description once per
  // statement, however many rows call the procedure).
  void Notify(std::string code, std::string title, std::string description) const;
  // The registry the statement runs with (for kg.procedures()); not owned,
  // null when the caller runs a procedure outside a statement.
  const class ProcedureRegistry* registry = nullptr;
};

// Whether a procedure's error is the statement being stopped (Check()'s
// errors, or the memory limit), which callers report unwrapped.
bool IsStopError(const Status& status);
// A ProcedureFn that also sees the statement's context.
using ContextProcedureFn = std::function<Result<ResultTable>(
    storage::Transaction& txn, const std::vector<Value>& args, const ProcedureContext& context)>;

struct ProcedureDef {
  std::string name;                  // e.g. "kg.pagerank"; matched case-insensitively
  std::vector<std::string> columns;  // output column names, for YIELD
  // Each argument as "name :: TYPE", for the signature (the first min_args
  // are required; a procedure with max_args -1 takes more of the last kind).
  std::vector<std::string> arguments;
  int min_args = 0;
  int max_args = 0;     // -1 = any number
  bool writes = false;  // procedures are read-only unless set (then CALL runs in a write txn)
  std::string description;
  ProcedureFn fn;
  ContextProcedureFn fn_with_context;  // preferred by Call when set

  // "kg.lookup(text :: STRING) :: (node)": the arguments (optional ones in
  // brackets) and the YIELD columns.
  std::string Signature() const;

  // Runs the procedure: fn_with_context (given `context`) when set, else fn.
  Result<ResultTable> Call(storage::Transaction& txn, const std::vector<Value>& args,
                           const ProcedureContext& context) const;
};

class ProcedureRegistry {
 public:
  // AlreadyExists when the name is taken; InvalidArgument for an empty name or
  // neither fn nor fn_with_context.
  Status Register(ProcedureDef def);
  // nullptr when unknown.
  const ProcedureDef* Find(std::string_view name) const;
  // All procedures by name.
  std::vector<const ProcedureDef*> List() const;

  // A registry holding kg's built-in procedures (kg.lookup, kg.procedures,
  // kg.functions).
  static ProcedureRegistry WithBuiltins();

 private:
  std::map<std::string, ProcedureDef> procs_;  // key: lower-case name
};

}  // namespace kg::query
