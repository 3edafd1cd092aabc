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
#include <string>

#include "core/result.h"

namespace kg::server {

// Documented limits (docs/server.md). 0 disables a limit.
struct Limits {
  size_t max_body_bytes = 1 << 20;    // larger HTTP bodies: 413
  double query_timeout_seconds = 30;  // longer queries: 504
  uint64_t max_rows = 100'000;        // larger results: 400 LimitExceeded
  uint32_t max_page_rows = 10'000;    // RPC Cursor.next pages are capped at this
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
  int bolt_connections = 100;                   // concurrent Bolt connections (one thread each)
  Limits limits;
};

class Server {
 public:
  // Opens the database and starts listening. Errors: the store's (NotFound,
  // IOError when locked, ...), InvalidArgument for a bad address, IOError
  // when a port cannot be bound. Nothing keeps running on error.
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound ports (useful with port 0); 0 when that transport is disabled.
  int http_port() const;
  int rpc_port() const;
  int bolt_port() const;

  // Stops accepting connections, waits for in-flight requests, closes the
  // database. Idempotent.
  void Stop();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads a token file: its content without surrounding whitespace.
// InvalidArgument when it is empty, IOError when it cannot be read.
Result<std::string> ReadTokenFile(const std::string& path);

}  // namespace kg::server
