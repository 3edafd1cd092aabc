// StringViewSet: the distinct strings among views the caller keeps alive,
// in one open-addressing array of (hash, index) pairs. DISTINCT over a
// column of names inserts one string per row; std::unordered_set allocates
// a node per insert, this allocates nothing after construction but its
// growth. The set stores no string: `at(index)` gives back the view
// inserted under that index, so the caller's strings must not move while
// the set is in use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace kg::query::internal {

// A 64-bit hash of `s`, inline: a name of a few words costs a few
// multiplications instead of a call to std::hash's byte loop. Words are
// read whole (the last one overlapping the one before it), each mixed in
// by a multiply, then the whole finished as MurmurHash3's fmix64.
inline uint64_t HashString(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = n * kMul;
  auto word = [](const char* at) {
    uint64_t w;
    std::memcpy(&w, at, 8);
    return w;
  };
  if (n >= 8) {
    for (; n > 8; p += 8, n -= 8) h = (h ^ word(p)) * kMul;
    h = (h ^ word(p + n - 8)) * kMul;  // the last 8 bytes (n in 1..8 left)
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    h = (h ^ (uint64_t{a} << 32 | b)) * kMul;
  } else if (n > 0) {
    uint64_t w = uint64_t{static_cast<unsigned char>(p[0])} << 16 |
                 uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                 static_cast<unsigned char>(p[n - 1]);
    h = (h ^ w) * kMul;
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

template <typename At>  // std::string_view at(uint32_t index)
class StringViewSet {
 public:
  // Room for `expected` strings without growing.
  StringViewSet(size_t expected, At at) : at_(std::move(at)) { Reserve(expected); }

  // Room for `expected` strings in all without growing again.
  void Reserve(size_t expected) {
    size_t n = slots_.empty() ? 16 : slots_.size();
    while (n < expected * 2) n *= 2;
    if (n != slots_.size()) Rehash(n);
  }

  // Adds the string of `index` (at(index)); false when an equal one is in.
  bool Insert(uint32_t index) { return Insert(index, at_(index)); }

  // The same for a caller that holds at(index) already: `s`.
  bool Insert(uint32_t index, std::string_view s) {
    const uint32_t h = static_cast<uint32_t>(HashString(s));
    if ((size_ + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.index == 0) {
        slot = Slot{h, index + 1};
        ++size_;
        return true;
      }
      if (slot.hash == h && at_(slot.index - 1) == s) return false;
    }
  }

 private:
  // The low half of the string's hash (which places the slot: a set has
  // fewer than 2^32 slots) and its index. Eight bytes, so that the slots
  // of a few thousand names stay in the nearer caches.
  struct Slot {
    uint32_t hash = 0;
    uint32_t index = 0;  // index + 1; 0 marks an empty slot
  };
  void Rehash(size_t n) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (const Slot& s : old) {
      if (s.index == 0) continue;
      size_t i = s.hash & mask_;
      while (slots_[i].index != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  At at_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace kg::query::internal
