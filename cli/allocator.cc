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
#endif

namespace kg::cli {

std::string AllocatorName() {
#ifdef KG_JEMALLOC
  // Asked of the allocator the process runs on, not taken from the header.
  const char* version = nullptr;
  size_t size = sizeof version;
  if (mallctl("version", &version, &size, nullptr, 0) == 0 && version != nullptr) {
    std::string v = version;  // "5.3.0-0-g<commit>": the release is enough
    return "jemalloc " + v.substr(0, v.find('-'));
  }
  return "jemalloc (version unknown)";
#else
  return "glibc malloc";
#endif
}

}  // namespace kg::cli
