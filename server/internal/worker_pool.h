// A fixed set of threads running queued tasks: the RPC front end runs
// queries here so the KJ event loop stays responsive.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kg::server::internal {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();  // Shutdown()

  // Queues a task. After Shutdown() the task runs on the caller's thread.
  void Submit(std::function<void()> task);
  // Waits until no task is queued or running, at most `limit`. True if idle.
  bool WaitIdle(std::chrono::milliseconds limit);
  // Runs the queued tasks to completion and joins the threads. Idempotent.
  void Shutdown();

 private:
  void Loop();

  std::mutex mu_;
  std::condition_variable work_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kg::server::internal
