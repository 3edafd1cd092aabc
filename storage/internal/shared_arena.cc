// jemalloc's thread.arena, reached through a weak reference to its mallctl:
// the symbol is there only when the executable links jemalloc.
#include "storage/internal/shared_arena.h"

#include <cstddef>

extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

namespace kg::storage::internal {

SharedArena::SharedArena() {
  if (mallctl == nullptr) return;
  size_t size = sizeof arena_;
  available_ = mallctl("thread.arena", &arena_, &size, nullptr, 0) == 0;
}

void SharedArena::Enter() const {
  if (!available_) return;
  unsigned arena = arena_;
  mallctl("thread.arena", nullptr, nullptr, &arena, sizeof arena);
}

long SharedArena::Current() {
  if (mallctl == nullptr) return -1;
  unsigned arena = 0;
  size_t size = sizeof arena;
  return mallctl("thread.arena", &arena, &size, nullptr, 0) == 0 ? static_cast<long>(arena) : -1;
}

}  // namespace kg::storage::internal
