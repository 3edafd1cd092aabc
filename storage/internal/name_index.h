// The name index of one snapshot in memory: from a folded name or alias
// (keys.h, FoldCase) to the ids of the entities that have it, in id order.
// The topology copy builds it from the names family of its own snapshot, so
// a look-up here returns exactly what a prefix scan of that family returns.
#pragma once

#include <rocksdb/db.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/store.h"

namespace kg::storage::internal {

class NameIndex {
 public:
  // Reads the names family at `ro` (a whole-family scan). False, and the
  // index left empty, when the family holds what a hash look-up could not
  // answer the way a prefix scan does: an id beyond 32 bits, a key that does
  // not decode, or a folded name with a NUL byte in it.
  Result<bool> Read(const Store::Impl& s, const rocksdb::ReadOptions& ro);

  // The ids under `folded` (already FoldCase'd), in id order. nullopt when
  // the index cannot answer for this text (it holds a NUL byte) or was not
  // built (Read not called, or false): then scan.
  std::optional<std::span<const uint32_t>> Find(std::string_view folded) const;

  size_t bytes() const {
    return text_.capacity() +
           (key_ends_.capacity() + id_ends_.capacity() + ids_.capacity() + slots_.capacity()) *
               sizeof(uint32_t);
  }
  size_t keys() const { return key_ends_.size(); }

 private:
  std::string_view Key(size_t k) const {
    uint32_t begin = k == 0 ? 0 : key_ends_[k - 1];
    return {text_.data() + begin, key_ends_[k] - begin};
  }
  // Adds the id to the last key when it is `folded`, else starts a key.
  bool Add(std::string_view folded, uint64_t id);
  void Hash();

  std::string text_;                // the distinct folded names, in key order
  std::vector<uint32_t> key_ends_;  // end of key k in text_
  std::vector<uint32_t> id_ends_;   // end of key k's ids in ids_
  std::vector<uint32_t> ids_;
  std::vector<uint32_t> slots_;  // open addressing: key + 1, 0 empty; a power of two
};

}  // namespace kg::storage::internal
