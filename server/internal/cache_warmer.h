// Keeps the session's per-snapshot caches warm (Session::WarmCaches: the
// explorer's suggestion index and the store's topology copy) from a
// background thread, so that no request pays for building them: once when
// the server starts (after it listens: startup is not delayed) and again
// after each commit, once the snapshot has stayed the same for one tick (a
// stream of commits, as an ingest makes, is not rebuilt after every one).
// A request that needs the suggestion index while it is being built waits
// for that build (SuggestCache::For), never longer than one build.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "api/session.h"

namespace kg::server::internal {

class CacheWarmer {
 public:
  explicit CacheWarmer(const session::Session& session) : session_(session) {}
  ~CacheWarmer() { Stop(); }
  CacheWarmer(const CacheWarmer&) = delete;
  CacheWarmer& operator=(const CacheWarmer&) = delete;

  void Start();
  // Ends the thread; waits for a build that is running (the session must
  // outlive it). Idempotent.
  void Stop();

 private:
  void Run();

  const session::Session& session_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace kg::server::internal
