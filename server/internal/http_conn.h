// One client connection of the HTTP front: reads requests with the wire
// parser (http_wire.h) under deadlines and answers them strictly in the
// order they arrived, pipelined or not. One thread per connection; the
// number of connections is capped by the front, the number of requests
// running at once by its worker slots.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "server/internal/http_wire.h"

namespace kg::server::internal {

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the framing ones
  // Dropped once the reply is written (or the connection given up), on the
  // connection's thread: what a handler frees only after answering, such as
  // the subgraph of a drawing.
  std::shared_ptr<void> after_write;
};

// What a connection asks of the front: answers for requests and for the
// refusals the connection itself makes (malformed requests, timeouts).
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual HttpResponse Handle(const HttpRequest& request) = 0;
  virtual HttpResponse Refuse(int status, const std::string& code, const std::string& message) = 0;
};

struct ConnectionLimits {
  WireLimits wire;
  double request_timeout_seconds = 10;  // from a request's first byte to its last
  double idle_timeout_seconds = 5;      // between requests on a kept-alive connection
  double write_timeout_seconds = 10;    // to hand one reply to the kernel
  // Requests one connection may make: the last reply says Connection:
  // close, so a client that never lets go of its connection still hands its
  // slot (and its thread) back now and then, as nginx's keepalive_requests.
  // 0: no cap.
  uint64_t max_requests = 1000;
};

// The serialised reply: status line, Content-Type, Content-Length,
// Connection: close when `close`, the response's headers, the body (none
// for HEAD).
std::string SerializeResponse(const HttpResponse& response, bool head_only, bool close);

class Connection {
 public:
  // Owns `fd` (closed by the destructor). `stop_fd` becomes readable and
  // `stopping` true when the server stops.
  Connection(int fd, int stop_fd, const std::atomic<bool>& stopping, ConnectionLimits limits);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Serves requests until the client closes, a framing error or timeout
  // (answered 400/408/413/... and closed), or the server stops (an idle
  // connection closes at once, a running request is answered first).
  void Serve(HttpHandler& handler);

  // From another thread at the shutdown deadline: answers the request being
  // handled with `response` (the handler's own reply is then dropped) and
  // shuts the socket down. True when a request was being handled.
  bool Abort(const HttpResponse& response);

 private:
  enum class Read { kData, kEof, kTimeout, kStopped };
  enum class State { kReading, kHandling, kWriting, kAborted };
  Read ReadMore(double deadline);
  bool WriteAll(std::string_view data, double seconds);
  bool ReadHead(HttpHandler& handler, double deadline, HttpRequest* request);
  bool ReadBody(HttpHandler& handler, double deadline, HttpRequest* request);
  void Refuse(HttpHandler& handler, const WireError& error);
  // Shuts down sending and drains the socket (bounded) before the close.
  void LingeringClose();

  const int fd_;
  const int stop_fd_;
  const std::atomic<bool>& stopping_;
  const ConnectionLimits limits_;
  std::string in_;  // received bytes not yet consumed: the next (pipelined) requests
  std::mutex mu_;   // guards state_ against Abort()
  State state_ = State::kReading;
};

}  // namespace kg::server::internal
