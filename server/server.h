// kg_server: serves one database over HTTP/JSON (cpp-httplib) and Cap'n
// Proto RPC (schema/rpc.capnp) until Stop(). See docs/server.md.
//
// Reads run concurrently, each on its own snapshot; write statements run one
// at a time. Writes need the bearer token (no token configured: writes are
// refused); with auth_reads, reads need it too. Stop() stops accepting,
// lets in-flight requests finish, then closes the database.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"

namespace kg::server {

// Documented limits (docs/server.md). 0 disables a limit.
struct Limits {
  size_t max_body_bytes = 1 << 20;    // larger HTTP bodies: 413
  double query_timeout_seconds = 30;  // longer queries: 504
  uint64_t max_rows = 100'000;        // larger results: 400 LimitExceeded
  uint32_t max_page_rows = 10'000;    // RPC Cursor.next pages are capped at this
  // HTTP transport (docs/server.md#limits); neither may be 0.
  uint32_t max_connections = 128;       // more open HTTP connections: 503 and close
  double request_timeout_seconds = 10;  // a request's head and body: 408 and close
  // Bytes one query may hold (QueryOptions::max_memory_bytes): 400 MemoryLimitExceeded.
  uint64_t max_memory_bytes = uint64_t{1} << 30;
};

struct ServerOptions {
  std::string db;                               // database directory
  std::string http_address = "127.0.0.1:7474";  // host:port; "" disables HTTP; port 0 picks one
  std::string rpc_address = "127.0.0.1:7688";   // host:port; "" disables RPC
  std::string bolt_address;                     // host:port of Bolt (docs/bolt.md); "" disables it
  std::string token;                            // bearer token; empty: write statements are refused
  bool auth_reads = false;                      // reads need the token too
  bool read_only = false;                       // open the database read-only; writes refused
  int http_threads = 8;                         // concurrent HTTP requests
  int rpc_workers = 4;                          // concurrent RPC queries
  // A host other than 127.0.0.0/8, ::1 or localhost needs this and a token;
  // such a server then needs the token for reads too (auth_reads).
  bool allow_remote = false;
  double shutdown_grace_seconds = 10;  // Stop() waits this long for running requests
  int bolt_connections = 100;          // concurrent Bolt connections (one thread each)
  // Notifications (unknown labels, ...) are errors: the default of every
  // statement; a request's own "strict" (HTTP, RPC) overrides it.
  bool strict = false;
  // Where POST /v1/backup adds backups (kg serve --backup-dir); "" disables it.
  std::string backup_dir;
  // The topology cache's budget (kg --topology-cache-mb); unset: the
  // store's default. See docs/storage.md, "Topology cache".
  std::optional<size_t> topology_cache_bytes;
  Limits limits;
};

class Server {
 public:
  // Checks the options, opens the database and starts listening. Errors:
  // InvalidArgument for a bad option (naming its `kg serve` flag: a limit
  // out of range, a bad address, a non-loopback address without
  // allow_remote and a token), the store's (NotFound, IOError when locked,
  // ...), IOError when a port cannot be bound (in use by another server:
  // ports are never shared). Nothing keeps running on error.
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound ports (useful with port 0); 0 when that transport is disabled.
  int http_port() const;
  int rpc_port() const;
  int bolt_port() const;

  // Stops accepting connections and waits up to shutdown_grace_seconds for
  // in-flight requests. True when all finished: the database is then
  // closed. False when some were still running: each was answered 503
  // ShuttingDown (HTTP) and the database is left open for them; the caller
  // should end the process (kg serve does). Idempotent.
  bool Stop();

  // Makes every running query stop soon with "Cancelled: ..." (nothing it
  // would write is written) and every later one fail the same way: the hook
  // for a shutdown whose grace period is over. Thread-safe; not undone.
  void CancelQueries();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads a token file. Its content is the token, less one trailing newline
// (LF or CRLF). InvalidArgument, naming the file and the rule, when it is a
// symlink or not a regular file, when group or others have any permission
// on it (chmod 600), when it is empty or over 4 KiB, when the token has
// another newline, a control character or whitespace at either end.
// IOError when it cannot be read.
Result<std::string> ReadTokenFile(const std::string& path);

}  // namespace kg::server
