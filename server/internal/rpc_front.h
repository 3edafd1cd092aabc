// The Cap'n Proto RPC front end (schema/rpc.capnp): an EzRpcServer on a KJ
// event loop in its own thread; queries run on a WorkerPool and come back
// to the loop through cross-thread promises.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/status.h"
#include "server/internal/service.h"

namespace kg::server::internal {

class RpcFront {
 public:
  RpcFront(Service& service, int workers);
  ~RpcFront();  // Stop()s

  // Binds `address` (HOST:PORT, port 0 picks one) and starts the loop thread.
  // IOError when it cannot listen.
  Status Start(const std::string& address);
  int port() const { return port_; }
  // Lets running queries finish for up to `grace`, then ends the loop.
  // False (and the loop left running, for the process to end) when queries
  // were still running at the deadline. Idempotent.
  bool Stop(std::chrono::milliseconds grace = std::chrono::seconds(60));

  class Loop;

 private:
  Service& service_;
  int workers_;
  std::unique_ptr<Loop> loop_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace kg::server::internal
