// The HTTP/JSON front end: a listening socket, an accept thread, one thread
// per connection (http_conn.h) and the routes. Requests are read by kg's own
// HTTP/1.1 layer (http_wire.h says why not cpp-httplib's server).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <semaphore>
#include <set>
#include <string>
#include <thread>

#include "core/result.h"
#include "server/internal/http_conn.h"
#include "server/internal/service.h"

namespace kg::server::internal {

// Splits "host:port" (port may be 0; an IPv6 host in brackets, "[::1]:80").
// InvalidArgument otherwise.
Result<std::pair<std::string, int>> ParseAddress(std::string_view address);

// True for an address only this machine can reach: 127.0.0.0/8, ::1,
// "localhost". Everything else (0.0.0.0, a host name, ...) is remote.
bool IsLoopbackHost(std::string_view host);

class HttpFront : public HttpHandler {
 public:
  HttpFront(Service& service, const ServerOptions& options);
  ~HttpFront() override;  // Stop(0)s

  // Binds (no SO_REUSEPORT: a port in use is an error, never shared) and
  // starts the accept thread. IOError when the address cannot be bound.
  Status Start(const std::string& address);
  int port() const { return port_; }

  // Stops accepting and closes idle connections; waits up to `grace` for
  // running requests; those still running then are answered 503
  // ShuttingDown and their connections closed. True when every connection
  // thread has finished (the Service may go); false when some are still
  // inside the engine (the Service and this object must then stay alive
  // until the process exits). Idempotent.
  bool Stop(std::chrono::milliseconds grace);

  HttpResponse Handle(const HttpRequest& request) override;
  HttpResponse Refuse(int status, const std::string& code, const std::string& message) override;

 private:
  void AcceptLoop();
  void RefuseConnection(int fd);
  void Route(const HttpRequest& request, HttpResponse* response);
  bool AcquireSlot();

  Service& service_;
  const ServerOptions options_;
  ConnectionLimits limits_;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};  // [0] becomes readable when stopping
  std::atomic<bool> stopping_ = false;
  std::thread accept_thread_;
  int port_ = 0;
  bool stopped_ = false;
  bool drained_ = true;

  std::mutex mu_;
  std::condition_variable changed_;
  std::set<std::shared_ptr<Connection>> connections_;
  std::counting_semaphore<> slots_;  // --threads requests run at once
};

}  // namespace kg::server::internal
