// The Bolt front end: a TCP listener speaking Neo4j's Bolt protocol
// (docs/bolt.md). One thread accepts; each connection gets two of its own
// (Bolt connections are stateful and long-lived, and an explicit
// transaction's writer lock must be released by the thread that took it),
// up to a limit, beyond which new connections are closed at once: a reader
// that takes requests off the socket as they come, so that a RESET stops
// the statement running, and a handler that runs them in order and sends
// the responses.
#pragma once

#include <atomic>
#include <list>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "server/internal/bolt_backend.h"

namespace kg::server::internal {

class BoltFront {
 public:
  // `max_connections`: concurrent connections; `max_message_bytes`: the
  // largest request message (larger ones close the connection).
  BoltFront(Service& service, int max_connections, size_t max_message_bytes);
  ~BoltFront();  // Stop()s

  // Binds and starts accepting on a thread of its own. InvalidArgument for a
  // bad address, IOError when it cannot be bound.
  Status Start(const std::string& address);
  int port() const { return port_; }

  // Stops accepting; each connection finishes the request it is running,
  // rolls back its open transaction and closes. Idempotent.
  void Stop();

 private:
  void AcceptLoop();
  void Serve(int fd, uint64_t id);
  void ReapFinished();

  bolt::Backend backend_;
  const int max_connections_;
  const size_t max_message_bytes_;
  std::string address_;  // host:port, for ROUTE answers
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};  // written once on Stop(); every poll watches it
  int port_ = 0;
  std::thread acceptor_;
  std::mutex mu_;
  struct Connection {
    std::thread thread;
    bool finished = false;
  };
  std::list<Connection> connections_;  // guarded by mu_
  std::atomic<int> active_{0};
  bool stopped_ = false;
};

}  // namespace kg::server::internal
