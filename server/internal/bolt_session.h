// One Bolt connection's server state machine (Bolt 4.4 and 5.0-5.8, the
// server-state tables of the Bolt docs): NEGOTIATION -> (AUTHENTICATION,
// 5.1+) -> READY <-> STREAMING, READY -> TX_READY <-> TX_STREAMING, any ->
// FAILED after a FAILURE, where every request but RESET and GOODBYE is
// IGNORED. Takes decoded request bytes, returns chunked response bytes: no
// sockets here, so tests drive it byte for byte.
//
// Not thread-safe: one connection, one thread. The writer lock an explicit
// transaction holds is released on that same thread (Rollback, Close).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/internal/bolt_backend.h"
#include "server/internal/bolt_packstream.h"

namespace kg::server::internal::bolt {

// Request and response message tags.
enum MessageTag : uint8_t {
  kHello = 0x01,
  kGoodbye = 0x02,
  kReset = 0x0F,
  kRun = 0x10,
  kBegin = 0x11,
  kCommit = 0x12,
  kRollback = 0x13,
  kDiscard = 0x2F,
  kPull = 0x3F,
  kTelemetry = 0x54,
  kRoute = 0x66,
  kLogon = 0x6A,
  kLogoff = 0x6B,
  kSuccess = 0x70,
  kRecord = 0x71,
  kIgnored = 0x7E,
  kFailure = 0x7F,
};

// True when a request message's bytes are a RESET (a structure marker, then
// the tag), read without decoding the rest.
inline bool IsReset(std::string_view message) {
  return message.size() >= 2 && (static_cast<uint8_t>(message[0]) & 0xF0) == 0xB0 &&
         static_cast<uint8_t>(message[1]) == kReset;
}

// The database name kg answers to: Neo4j's default, so code that names it
// (`driver.session({database: 'neo4j'})`) works unchanged. "kg" works too.
inline constexpr const char* kDatabaseName = "neo4j";

// What HELLO's SUCCESS announces. Drivers read "Neo4j/<version>" from it.
inline constexpr const char* kServerAgent = "Neo4j/5.26.0 compatible graph database server - kg";

// What a Session needs from its connection to stream a result: the next
// request while a result is open, and sending what it has written. Set by
// BoltFront; a Session without one materialises every result (tests drive
// it request by request).
class Connection {
 public:
  virtual ~Connection() = default;
  // The next request's bytes; nullopt when the connection is closing or
  // none came within `seconds` (then closed() tells which).
  virtual std::optional<std::string> NextRequest(double seconds) = 0;
  // Sends `*out` and clears it; false when the peer is gone.
  virtual bool Send(std::string* out) = 0;
  // True once the peer has gone or the server is stopping.
  virtual bool closed() const = 0;
};

class Session {
 public:
  // `address`: host:port the server listens on, for ROUTE answers.
  Session(Backend& backend, Version version, std::string connection_id, std::string address);
  ~Session();  // Close()

  // Handles one request message (its unchunked bytes) and appends the
  // responses (chunked) to `out`. False when the connection must close
  // after `out` is sent: GOODBYE, a protocol violation, failed auth.
  bool Handle(std::string_view message, std::string* out);

  // Sends FAILURE for a request the connection could not even read (too
  // large); the connection then closes.
  void Reject(const BoltError& error, std::string* out);

  // Rolls back an explicit transaction that has held the writer lock longer
  // than its timeout; its next request fails with TransactionTimedOut.
  void ExpireTransaction(std::chrono::steady_clock::time_point now);
  // Rolls back whatever is open (the connection is going away).
  void Close();

  Version version() const { return version_; }

  // With a connection, an auto-commit read streams: RUN answers once the
  // statement is planned, and each PULL runs it on until its batch is sent,
  // holding no more rows than the statement itself needs; the session then
  // takes the next request straight from the connection. Not owned.
  void set_connection(Connection* connection) { connection_ = connection; }
  // The connection's reader raises this when a RESET arrives, so that the
  // running statement stops at once (its request is IGNORED); handling the
  // RESET lowers it.
  std::atomic<bool>& interrupt() { return interrupt_; }

 private:
  enum class State {
    kNegotiation,
    kAuthentication,
    kReady,
    kStreaming,
    kTxReady,
    kTxStreaming,
    kFailed,
    kDefunct
  };
  struct Stream {
    StatementResult result;
    size_t next = 0;  // the first row not yet sent or discarded
    std::chrono::steady_clock::time_point started;
    // Not run yet: PULL runs it, streaming (set_connection).
    std::optional<RunRequest> pending;
  };

  bool Dispatch(const Message& m, std::string* out);
  bool OnHello(const Message& m, std::string* out);
  bool OnLogon(const Message& m, std::string* out);
  void OnRun(const Message& m, std::string* out);
  // False when the connection must close.
  bool OnPullOrDiscard(const Message& m, bool pull, std::string* out);
  void OnBegin(const Message& m, std::string* out);
  void OnCommit(std::string* out);
  void OnRollback(std::string* out);
  void OnRoute(const Message& m, std::string* out);
  void OnReset(std::string* out);
  // PULL/DISCARD of a stream not yet run: runs it, sending batches of `n`
  // as the client asks for them. False when the connection must close.
  bool StreamRows(Stream& stream, bool pull, int64_t n, std::string* out);
  // The client's next request while a streamed result waits for it, or
  // nothing when the connection is gone (*lost) or the client stayed away
  // longer than `limit` seconds (*idle_error).
  std::optional<std::string> AwaitRequest(double limit, bool* lost,
                                          std::optional<BoltError>* idle_error);
  // The final SUCCESS of a result that has been sent or discarded.
  void Finished(StatementResult& result, std::chrono::steady_clock::time_point started,
                std::string* out);
  // A request failed because RESET interrupted it: IGNORED, then FAILED
  // until the RESET is handled.
  bool Interrupted(std::string* out);

  // A database name the request picked ("" when none), or a failure.
  std::optional<BoltError> CheckDatabase(const ValueMap& extra, bool* named) const;
  // Sends FAILURE and enters FAILED.
  void Fail(const BoltError& error, std::string* out);
  // FAILURE for a request this state cannot take; the connection closes
  // unless not `fatal` (then FAILED until a RESET).
  bool Violation(const Message& m, std::string* out, bool fatal = true);
  void EndTransaction();

  void Success(const ValueMap& meta, std::string* out) const;
  void Failure(const BoltError& error, std::string* out) const;
  void Ignored(std::string* out) const;
  void Record(const std::vector<Value>& row, std::string* out);

  Backend& backend_;
  Version version_;
  std::string connection_id_;
  std::string address_;
  State state_ = State::kNegotiation;
  Login login_;
  // The auto-commit result (key 0) or an explicit transaction's results by qid.
  std::map<int64_t, Stream> streams_;
  int64_t last_qid_ = -1;
  int64_t next_qid_ = 0;
  std::unique_ptr<ExplicitTransaction> tx_;
  std::optional<BoltError> tx_failure_;  // set when the transaction expired
  std::string scratch_;                  // reused message buffer
  Connection* connection_ = nullptr;
  std::atomic<bool> interrupt_{false};
  // A request taken from the connection while a result streamed, which
  // ended the result (RESET, GOODBYE, anything but PULL/DISCARD): handled
  // next.
  std::optional<std::string> pending_request_;
  // The last request was a RESET that closed an open result.
  bool reset_closed_result_ = false;
};

}  // namespace kg::server::internal::bolt
