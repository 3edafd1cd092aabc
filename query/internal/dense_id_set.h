// DenseIdSet: a set of entity ids as a bitset indexed by id. The store
// hands out entity ids from 1 upwards, so the ids a traversal meets are
// dense and a bit per possible id (12.5 KB per 100,000 entities) answers
// "seen?" with one load, where a hash set probes a table per lookup. Ids
// at or above kMaxDenseId (never met in a store of fewer entities) go to
// a FlatIdMap instead, so memory stays bounded whatever the ids.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "query/internal/flat_id_map.h"

namespace kg::query::internal {

class DenseIdSet {
 public:
  // Ids from here on are kept in the hash map (the bitset would pass 32 MiB).
  static constexpr uint64_t kMaxDenseId = uint64_t{1} << 28;

  bool Contains(uint64_t id) const {
    if (id >= kMaxDenseId) return sparse_.Contains(id);
    size_t w = static_cast<size_t>(id >> 6);
    return w < bits_.size() && ((bits_[w] >> (id & 63)) & 1) != 0;
  }

  // Adds `id`; true when it was not in the set.
  bool Insert(uint64_t id) {
    if (id >= kMaxDenseId) return sparse_.Insert(id, true);
    size_t w = static_cast<size_t>(id >> 6);
    if (w >= bits_.size()) bits_.resize(std::max(w + 1, bits_.size() * 2), 0);
    uint64_t bit = uint64_t{1} << (id & 63);
    if (bits_[w] & bit) return false;
    bits_[w] |= bit;
    return true;
  }

  // Empties the set, given every id in it (`members`, in any order): only
  // their words are touched, so a search that reached few of a large
  // graph's nodes clears the set in time of its own size.
  template <typename Ids>
  void ClearMembers(const Ids& members) {
    for (uint64_t id : members)
      if (id < kMaxDenseId && (id >> 6) < bits_.size()) bits_[id >> 6] = 0;
    if (sparse_.size() != 0) sparse_ = FlatIdMap<bool>();
  }

  // Heap bytes held (what a query charges to its memory budget).
  size_t bytes() const { return bits_.capacity() * sizeof(uint64_t) + sparse_.bytes(); }

 private:
  std::vector<uint64_t> bits_;
  FlatIdMap<bool> sparse_;  // ids >= kMaxDenseId (0 is never an id)
};

}  // namespace kg::query::internal
