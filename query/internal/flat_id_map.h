// FlatIdMap: entity or relation id -> value, open addressing with linear
// probing in one array. Traversals (reachability, shortest paths) look up
// every edge's far end; std::unordered_map chases a heap node per lookup,
// this costs one cache line. Ids are never 0 (the store's first id is 1), so
// 0 marks an empty slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace kg::query::internal {

template <typename V>
class FlatIdMap {
 public:
  // The value stored for `id`, or null.
  const V* Find(uint64_t id) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = Hash(id) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].first == id) return &slots_[i].second;
      if (slots_[i].first == 0) return nullptr;
    }
  }
  bool Contains(uint64_t id) const { return Find(id) != nullptr; }

  // Stores id -> value unless `id` is present; true when it was inserted.
  bool Insert(uint64_t id, V value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    for (size_t i = Hash(id) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].first == id) return false;
      if (slots_[i].first == 0) {
        slots_[i] = {id, std::move(value)};
        ++size_;
        return true;
      }
    }
  }

  // The value stored for `id`, inserting a default V when absent; the bool
  // is true when it was inserted. The pointer is valid until the next insert.
  std::pair<V*, bool> TryEmplace(uint64_t id) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    for (size_t i = Hash(id) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].first == id) return {&slots_[i].second, false};
      if (slots_[i].first == 0) {
        slots_[i].first = id;
        ++size_;
        return {&slots_[i].second, true};
      }
    }
  }

  size_t size() const { return size_; }
  // Heap bytes held.
  size_t bytes() const { return slots_.capacity() * sizeof(slots_[0]); }

 private:
  static size_t Hash(uint64_t id) {
    id *= 0x9E3779B97F4A7C15ull;  // Fibonacci hashing spreads dense ids
    return static_cast<size_t>(id ^ (id >> 29));
  }
  void Grow() {
    std::vector<std::pair<uint64_t, V>> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, {0, V{}});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (auto& s : old)
      if (s.first != 0) Insert(s.first, std::move(s.second));
  }

  std::vector<std::pair<uint64_t, V>> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace kg::query::internal
