// The background warm-up of the session's caches (see cache_warmer.h).
#include "server/internal/cache_warmer.h"

#include <chrono>
#include <optional>

namespace kg::server::internal {
namespace {

// How often the latest snapshot is compared with the one warmed: a commit
// is warmed for between one and two ticks after it (when no other follows).
constexpr std::chrono::milliseconds kTick{200};

}  // namespace

void CacheWarmer::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void CacheWarmer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CacheWarmer::Run() {
  std::optional<uint64_t> warmed;
  std::optional<uint64_t> seen;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    uint64_t now = session_.SnapshotSequence();
    // At start at once; after a commit when the snapshot held still a tick.
    if (now != warmed && (!warmed.has_value() || now == seen)) {
      // A failure (an I/O error) is left to the requests, which report
      // their own; the next commit tries again.
      (void)session_.WarmCaches();
      warmed = now;
    }
    seen = now;
    lock.lock();
    wake_.wait_for(lock, kTick, [this] { return stopping_; });
  }
}

}  // namespace kg::server::internal
