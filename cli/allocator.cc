// The memory allocator the kg executable runs on, for `kg --version`.
// With KG_JEMALLOC (cli/CMakeLists.txt) jemalloc's archive is linked into
// the executable and its malloc/free replace glibc's for the whole process:
// a query that builds thousands of small result rows and frees them before
// the next one stays on jemalloc's per-thread fast path, where glibc's
// malloc consolidates the freed blocks and serves the next query's rows
// from its slow path (bench/RESULTS.md, "The kg executable on jemalloc").
#include "cli/cli.h"

#ifdef KG_JEMALLOC
#include <jemalloc/jemalloc.h>

#include <cstring>

// jemalloc's options for the whole process, read at its first allocation
// (the MALLOC_CONF environment variable still overrides them). Its memory
// on transparent huge pages where the kernel offers them ("madvise" or
// "always" in /sys/kernel/mm/transparent_hugepage/enabled): the importer
// fills tens of MB of fresh arrays and records, and a page fault per 4 KB
// was a sixth of its reading thread's time on the node file. kggen M's
// import 883 -> 853 ms and the W7 look-up 18.7 -> 14.3 ms, queries the
// same, for 20-35 MB more resident memory (docs/internals.md).
//
// One arena for the whole process (jemalloc's default is four per core).
// On huge pages every arena a thread touches costs at least one fresh huge
// page, and memory freed in one arena is reused only by allocations from
// it: the import's threads and RocksDB's each faulted in pages of their own
// while others sat freed. kggen M's import 614 -> 582 ms (medians of 21,
// alternating), CPU 0.99 -> 0.95 s, peak memory 117 -> 96 MB; W2 over HTTP
// with 32 clients the same within the noise. The per-thread caches still
// serve small blocks without a lock; a server on many cores may raise it
// (MALLOC_CONF=narenas:N, docs/internals.md).
const char* malloc_conf = "thp:always,narenas:1";
#endif

namespace kg::cli {

std::string AllocatorName() {
#ifdef KG_JEMALLOC
  // Asked of the allocator the process runs on, not taken from the header.
  const char* version = nullptr;
  size_t size = sizeof version;
  std::string name = "jemalloc (version unknown)";
  if (mallctl("version", &version, &size, nullptr, 0) == 0 && version != nullptr) {
    std::string v = version;  // "5.3.0-0-g<commit>": the release is enough
    name = "jemalloc " + v.substr(0, v.find('-'));
  }
  // Whether its memory may sit on huge pages (malloc_conf above, unless
  // MALLOC_CONF turned it off).
  const char* thp = nullptr;
  size = sizeof thp;
  if (mallctl("opt.thp", &thp, &size, nullptr, 0) == 0 && thp != nullptr &&
      std::strcmp(thp, "always") == 0)
    name += ", huge pages";
  return name;
#else
  return "glibc malloc";
#endif
}

}  // namespace kg::cli
