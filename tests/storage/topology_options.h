// Open options for the storage tests that run with and without the
// in-memory topology cache.
#pragma once

#include "storage/store.h"

namespace kg::storage {

// With the cache built on the first read RocksDB serves, or with none.
inline OpenOptions TopologyOptions(bool cached) {
  OpenOptions o;
  if (cached) {
    o.topology_build_after = 1;
  } else {
    o.topology_cache_bytes = 0;
  }
  return o;
}

}  // namespace kg::storage
