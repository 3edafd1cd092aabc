// StringViewSet: the distinct strings among views the caller keeps alive,
// in one open-addressing array of (hash, index) pairs. DISTINCT over a
// column of names inserts one string per row; std::unordered_set allocates
// a node per insert, this allocates nothing after construction. The set
// stores no string: `at(index)` gives back the view inserted under that
// index, so the caller's strings must not move while the set is in use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace kg::query::internal {

template <typename At>  // std::string_view at(uint32_t index)
class StringViewSet {
 public:
  // Room for `expected` strings without growing.
  StringViewSet(size_t expected, At at) : at_(std::move(at)) {
    size_t n = 16;
    while (n < expected * 2) n *= 2;
    slots_.assign(n, Slot{});
    mask_ = n - 1;
  }

  // Adds the string of `index` (at(index)); false when an equal one is in.
  bool Insert(uint32_t index) {
    std::string_view s = at_(index);
    uint64_t h = std::hash<std::string_view>{}(s);
    if ((size_ + 1) * 2 > slots_.size()) Grow();
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
  struct Slot {
    uint64_t hash = 0;
    uint32_t index = 0;  // index + 1; 0 marks an empty slot
  };
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
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
