// What the Bolt front needs from the rest of kg, in one adapter: logging in,
// running a statement (on its own or inside an explicit transaction that
// holds the writer lock), committing, rolling back, and Neo4j's status code
// for every kg error. It is the only Bolt file that knows the server's
// Service (service.h); statements and transactions run on the session
// layer (api/session.h), as every front's do.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/update_counters.h"
#include "core/value.h"
#include "server/internal/service.h"

namespace kg::server::internal::bolt {

// A failure as Bolt reports it: a Neo4j status code ("Neo.ClientError.
// Statement.SyntaxError", ...), the message, and the query position when
// known (1-based; 0 when none).
struct BoltError {
  std::string code;
  std::string message;
  int line = 0;
  int column = 0;
  int offset = 0;  // 0-based character offset of line:column in the query
};

// kg's options a client passes in `tx_metadata` (RUN's for an auto-commit
// statement, BEGIN's for a transaction): the two clocks, the confidence
// floor and strict (docs/bolt.md).
struct StatementScope {
  session::Scope scope;
  std::optional<bool> strict;  // unset: the server's --strict
};

// Reads validAt, knownAt, asOf (a date, or "YYYY-MM-DD"), minConfidence (a
// number in [0, 1]) and strict (a boolean) from `tx_metadata`; other keys
// are the application's own and are ignored, as Neo4j does. A kg key of
// the wrong type or value is a Neo.ClientError.Request.Invalid naming it.
std::optional<BoltError> ScopeOf(const ValueMap& tx_metadata, StatementScope* out);

class ExplicitTransaction;

// One statement as a RUN asks for it.
struct RunRequest {
  std::string text;
  ValueMap params;
  bool read_mode = false;             // the client asked for read access (mode "r")
  ExplicitTransaction* tx = nullptr;  // null: auto-commit
  StatementScope scope;               // for auto-commit; in `tx` the transaction's
  // The connection's RESET flag: the statement stops (Cancelled) once set.
  const std::atomic<bool>* interrupt = nullptr;
  // When set, the rows go here as they are made instead of into
  // StatementResult::rows (session::CallOptions::row_consumer).
  std::function<Status(std::vector<Value>&)> rows;
};

// A statement's result: its columns and, unless RunRequest::rows took them,
// its rows (within --max-rows), which PULL then sends in batches.
struct StatementResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  bool writes = false;  // the statement has an updating clause
  // Neo4j-shaped notifications for the final SUCCESS: {code
  // "Neo.ClientNotification.Statement.<Code>", title, description, severity
  // "WARNING", category, position {offset, line, column}}.
  ValueList notifications;
  // Neo4j-shaped update counters for the final SUCCESS's `stats`: the
  // non-zero ones ("nodes-created", "properties-set", ...) and
  // "contains-updates": true; empty when nothing changed.
  ValueMap stats;
};

// Who is logged in on a connection.
struct Login {
  std::string token;  // the credentials given ("" for scheme none)
};

// An explicit transaction (BEGIN .. COMMIT/ROLLBACK). Statements before its
// first write each read their own fresh snapshot; the first write takes the
// writer lock and opens a write transaction that every later statement runs
// in (seeing the transaction's own writes) until COMMIT or ROLLBACK.
class ExplicitTransaction {
 public:
  // `scope`: what BEGIN's tx_metadata asked for (ScopeOf), for every
  // statement of the transaction.
  ExplicitTransaction(bool read_only, double timeout_seconds, StatementScope scope = {});
  ~ExplicitTransaction();  // rolls back

  bool read_only() const { return read_only_; }
  bool holds_writer() const { return txn_ != nullptr && txn_->holds_writer(); }
  // True when it holds the writer lock longer than its timeout (0: never).
  bool Expired(std::chrono::steady_clock::time_point now) const;

 private:
  friend class Backend;
  bool read_only_;
  double timeout_seconds_;
  StatementScope scope_;
  std::unique_ptr<session::Transaction> txn_;  // made by the first statement
};

class Backend {
 public:
  explicit Backend(Service& service) : service_(service) {}

  // Checks a HELLO (Bolt < 5.1) or LOGON auth map: scheme "basic" with the
  // server's token as password (any user name), or "none" when reads need no
  // token. Without --token-file any credentials pass (writes stay refused).
  std::optional<BoltError> Authenticate(const ValueMap& auth, Login* login) const;

  // Parses and plans a statement (the plan is cached for Run) and checks
  // that the login may run it: its columns and whether it writes.
  std::optional<BoltError> Prepare(const Login& login, const RunRequest& request,
                                   StatementResult* out);
  // Runs one statement: in request.tx when given, else as its own
  // transaction (auto-commit). In read mode a write is refused. Errors come
  // with their Neo4j codes.
  std::optional<BoltError> Run(const Login& login, const RunRequest& request, StatementResult* out);

  std::optional<BoltError> Commit(ExplicitTransaction& tx);
  void Rollback(ExplicitTransaction& tx);

  // The limit of a write transaction's life and of the wait for the writer
  // lock: the server's --timeout (0: none).
  double write_timeout_seconds() const { return service_.limits().query_timeout_seconds; }
  bool read_only_server() const { return service_.options().read_only; }

  // A bookmark for a commit. Bookmarks name commits; kg is one server where
  // every commit is visible to the next statement at once, so they are
  // handed out and accepted, never waited on.
  std::string NextBookmark() { return "kg:bookmark:" + std::to_string(++bookmarks_); }

 private:
  std::optional<BoltError> Authorize(const Login& login, bool writes, bool read_mode) const;
  session::CallOptions OptionsFor(const Login& login, const RunRequest& request) const;
  // A kg error as Bolt reports it, with its offset in `text`.
  BoltError ErrorOf(const Status& status, const std::string& text) const;

  Service& service_;
  std::atomic<uint64_t> bookmarks_{0};
};

// The Neo4j status code of a kg error (parsed by ToApiError: the engine's
// openCypher class or the Status code).
BoltError ToBoltError(const Status& status);

// The `stats` of a final SUCCESS (StatementResult::stats) for `counters`.
ValueMap BoltStats(const UpdateCounters& counters);

// The GQL status and its description for a Neo4j code (Bolt 5.7+ FAILURE).
std::pair<std::string, std::string> GqlStatusFor(const std::string& neo4j_code);

}  // namespace kg::server::internal::bolt
