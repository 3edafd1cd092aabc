// The HTTP/JSON front end (cpp-httplib): routes, bodies, status codes.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "core/result.h"
#include "server/internal/service.h"

namespace httplib {
class Server;
}

namespace kg::server::internal {

// Splits "host:port" (port may be 0). InvalidArgument otherwise.
Result<std::pair<std::string, int>> ParseAddress(std::string_view address);

class HttpFront {
 public:
  HttpFront(Service& service, int threads);
  ~HttpFront();  // Stop()s

  // Binds and starts serving on a thread of its own. IOError when the
  // address cannot be bound.
  Status Start(const std::string& address);
  int port() const { return port_; }
  // Stops accepting, waits for in-flight requests. Idempotent.
  void Stop();

 private:
  void InstallRoutes();
  // Answers the methods a known path does not take with 405 and an Allow
  // header (`allow`, e.g. "GET, HEAD"), rather than httplib's 404.
  void RefuseOtherMethods(const std::string& pattern, const std::string& allow);

  Service& service_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
  int listen_fd_ = -1;  // the listening socket, captured to widen its backlog
};

}  // namespace kg::server::internal
