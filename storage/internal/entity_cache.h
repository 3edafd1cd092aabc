// Decoded entity records shared by the read transactions of one snapshot.
//
// A read of a record costs a RocksDB point lookup (index, filter, block
// search) and a Cap'n Proto decode into maps and strings; analysts' queries
// read the same hub entities again and again. The cache holds records only
// for one RocksDB sequence number, the store's latest: a transaction whose
// snapshot is at that sequence number sees exactly those records, so the
// cache never changes what a read returns. Every commit moves the cache to
// the new sequence number and empties it (under each shard's lock, so an
// insert racing with the move cannot leave an old record behind).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/entity.h"

namespace kg::storage::internal {

class EntityCache {
 public:
  // At most `max_entries` records (0 disables the cache).
  void Configure(size_t max_entries) { max_per_shard_ = max_entries / kShards; }

  // Makes `sequence` the one whose records are kept; drops the others.
  void Reset(uint64_t sequence) {
    for (Shard& s : shards_) {
      std::lock_guard<std::mutex> lock(s.mu);
      s.records.clear();
      s.sequence = sequence;
    }
  }

  // The record of `id` as of `sequence`, or null.
  std::shared_ptr<const Entity> Find(uint64_t sequence, EntityId id) const {
    const Shard& s = shards_[id % kShards];
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.sequence != sequence) return nullptr;
    auto it = s.records.find(id);
    return it == s.records.end() ? nullptr : it->second;
  }

  // Keeps `e`, read at `sequence`, when that is the cached sequence. A full
  // shard starts over (records are cheap to read again; memory stays bounded).
  void Put(uint64_t sequence, std::shared_ptr<const Entity> e) {
    if (max_per_shard_ == 0) return;
    Shard& s = shards_[e->id % kShards];
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.sequence != sequence) return;
    if (s.records.size() >= max_per_shard_) s.records.clear();
    s.records.emplace(e->id, std::move(e));
  }

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable std::mutex mu;
    uint64_t sequence = UINT64_MAX;
    std::unordered_map<EntityId, std::shared_ptr<const Entity>> records;
  };
  std::array<Shard, kShards> shards_;
  size_t max_per_shard_ = 0;
};

}  // namespace kg::storage::internal
