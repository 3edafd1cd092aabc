// Helper threads that allocate on behalf of one job share the allocator
// arena of the thread that started them.
//
// jemalloc, by default, gives every new thread an arena of its own (up to
// four per core), and memory freed in one arena is reused only by
// allocations from it. A bulk import's helpers (the record writer, the
// index writer, the second adjacency thread) allocate MBs of arrays and
// table-builder buffers: in arenas of their own those were fresh pages to
// fault in and zero, while memory the reading thread had freed sat unused
// in its arena. Sharing the starting thread's arena lets them reuse it
// (kggen M's import on eight arenas: page faults 2,340 -> ~780, peak
// memory 124 -> 117 MB; bench/RESULTS.md, "W1 on one allocator arena").
// The kg executable now runs on one arena anyway (cli/allocator.cc); this
// keeps an import's threads together where MALLOC_CONF raises the count,
// or in another program on jemalloc.
//
// Where the process does not run on jemalloc (the test executables, the
// library in another program on glibc, sanitizer builds), both calls do
// nothing.
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
