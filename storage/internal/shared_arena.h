// Helper threads that allocate on behalf of one job share the allocator
// arena of the thread that started them.
//
// jemalloc (the kg executable's malloc, cli/allocator.cc) gives every new
// thread an arena of its own (up to four per core), and memory freed in one
// arena is reused only by allocations from it. A bulk import's helpers (the
// record writer, the index writer, the second adjacency thread) each
// allocate tens of MB of arrays and table-builder buffers: in arenas of
// their own every one of those bytes was a fresh page to fault in and zero,
// while the memory the reading thread had just freed sat unused in its
// arena. Sharing the starting thread's arena lets each allocation reuse
// what the job freed before (kggen M's import: peak memory 120 -> 96 MB, a
// tenth less CPU; bench/RESULTS.md).
//
// Where the process does not run on jemalloc (the test executables, the
// library in another program, sanitizer builds), both calls do nothing.
#pragma once

namespace kg::storage::internal {

class SharedArena {
 public:
  // The calling thread's arena.
  SharedArena();
  // Binds the calling thread to that arena (for the thread's whole life).
  void Enter() const;
  // Whether the process's allocator has arenas to share (it is jemalloc).
  bool Available() const { return available_; }
  // The calling thread's arena, or -1 without jemalloc.
  static long Current();

 private:
  unsigned arena_ = 0;
  bool available_ = false;
};

}  // namespace kg::storage::internal
