// IdMap: the import's :ID string -> node index map. An open-addressing table
// whose slots hold short keys inline (longer ones live in one byte arena):
// a lookup of a short key costs one cache miss, where
// std::unordered_map<std::string, ...> chases a node and a string. The
// importer resolves two ids per edge, millions of times. Decimal keys (the
// usual 0..N-1) live in a plain array instead while it stays dense, which is
// smaller and needs no hashing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kg::storage::internal {

class IdMap {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // The value of `key`, or kAbsent.
  uint32_t Find(std::string_view key) const {
    uint64_t n;
    if (Decimal(key, &n)) {
      if (n < identity_) return static_cast<uint32_t>(n);
      if (n < dense_.size() && dense_[n] != kAbsent) return dense_[n];
    }
    return FindHashed(key);
  }

  // Inserts key -> value unless the key is present; returns the value now
  // stored for the key (the old one when present). A decimal key that the
  // dense array takes is kept there only: the usual 0..N-1 ids never build
  // the hash table (whose growth was a fifth of reading a node file).
  uint32_t Insert(std::string_view key, uint32_t value) {
    uint64_t n;
    if (Decimal(key, &n)) {
      if (n < dense_.size() && dense_[n] != kAbsent) return dense_[n];
      // An earlier insert the dense array did not take is in the table.
      if (uint32_t old = FindHashed(key); old != kAbsent) return old;
      if (AddDense(n, value)) {
        ++size_;
        return value;
      }
    }
    return InsertHashed(key, value);
  }

  size_t size() const { return size_; }

 private:
  static constexpr size_t kInline = 16;
  struct Slot {
    uint32_t hash = 0;
    uint32_t value = kAbsent;
    uint32_t length = 0;
    char bytes[kInline] = {};  // the key itself, or its u64 arena offset when longer
  };

  uint32_t FindHashed(std::string_view key) const {
    if (slots_.empty()) return kAbsent;
    uint64_t h = Hash(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kAbsent) return kAbsent;
      if (s.hash == static_cast<uint32_t>(h) && KeyOf(s) == key) return s.value;
    }
  }

  uint32_t InsertHashed(std::string_view key, uint32_t value) {
    if ((hashed_ + 1) * 2 > slots_.size()) Grow();
    uint64_t h = Hash(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kAbsent) {
        s.hash = static_cast<uint32_t>(h);
        s.value = value;
        s.length = static_cast<uint32_t>(key.size());
        if (key.size() <= kInline) {
          std::memcpy(s.bytes, key.data(), key.size());
        } else {
          uint64_t offset = arena_.size();
          std::memcpy(s.bytes, &offset, sizeof(offset));
          arena_.append(key);
        }
        ++size_;
        ++hashed_;
        return value;
      }
      if (s.hash == static_cast<uint32_t>(h) && KeyOf(s) == key) return s.value;
    }
  }

  // True for the canonical decimal form of a number ("0", "17", not "017"
  // or "+1"), which no other key shares: such keys are also kept in dense_.
  static bool Decimal(std::string_view key, uint64_t* n) {
    if (key.empty() || key.size() > 9 || (key[0] == '0' && key.size() > 1)) return false;
    uint64_t v = 0;
    for (char c : key) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    *n = v;
    return true;
  }
  // Keeps decimal key n in dense_ when the array stays at most a few times
  // the number of keys (ids 0..N-1 in some order: the common export shape);
  // false when it does not take it.
  bool AddDense(uint64_t n, uint32_t value) {
    if (n >= dense_.size()) {
      if (n >= 4 * size_ + 1024) return false;
      dense_.resize(std::max<size_t>(n + 1, dense_.size() * 2), kAbsent);
    }
    dense_[n] = value;
    if (n == identity_ && value == n) ++identity_;
    return true;
  }

  static uint64_t Hash(std::string_view key) { return std::hash<std::string_view>()(key); }
  std::string_view KeyOf(const Slot& s) const {
    if (s.length <= kInline) return {s.bytes, s.length};
    uint64_t offset;
    std::memcpy(&offset, s.bytes, sizeof(offset));
    return {arena_.data() + offset, s.length};
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value == kAbsent) continue;
      size_t i = Hash(KeyOf(s)) & mask_;
      while (slots_[i].value != kAbsent) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;    // keys
  size_t hashed_ = 0;  // keys in slots_
  std::string arena_;
  std::vector<uint32_t> dense_;  // decimal key -> value, kAbsent for holes
  // Every decimal key n below this maps to n: the ids 0..N-1 of a node file
  // in that order (the usual export), found without reading dense_, whose
  // random reads were a cache miss for each edge endpoint (a tenth of the
  // reading thread's time on the edge file).
  uint64_t identity_ = 0;
};

}  // namespace kg::storage::internal
