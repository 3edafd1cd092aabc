// Test access to a Store's raw column families (as LevelDB's
// db/write_batch_internal.h): tests corrupt a database on purpose to prove
// that Check() reports each violation. Not for production code.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "storage/internal/keys.h"
#include "storage/store.h"

namespace kg::storage::internal {

class StoreInternal {
 public:
  // The store's implementation, for storage/ code outside store.cc (import).
  static Store::Impl* ImplOf(const Store& store) { return store.impl(); }
  // A new database at `path` (which must not exist or be an empty
  // directory), open, with every sync deferred (deferred_sync.h): only for a
  // database built in a private directory, which its builder closes and
  // makes durable with SyncTree before publishing it. No temporary
  // directory and no close and reopen, as Store::Create and Store::Open
  // would take.
  static Result<std::unique_ptr<Store>> CreateDeferringSyncs(const std::string& path,
                                                             const schema::Ontology& ontology);
  // Writes or deletes one raw key of column family `cf` (a CfIndex), synced.
  static Status Put(Store& store, int cf, std::string_view key, std::string_view value);
  static Status Delete(Store& store, int cf, std::string_view key);
  // The raw value, or nullopt.
  static std::optional<std::string> Get(const Store& store, int cf, std::string_view key);
  // Dictionary ids, or nullopt when the name is unknown.
  static std::optional<uint32_t> TypeId(const Store& store, std::string_view type);
  static std::optional<uint32_t> LabelId(const Store& store, std::string_view label);
  // The compression named by each table file of family `cf` ("LZ4", "ZSTD",
  // "NoCompression"), a name per file; an error when RocksDB cannot read
  // the files' properties.
  static Result<std::vector<std::string>> TableCompressions(const Store& store, int cf);
  // The shape of each table file of family `cf`, one per file
  // (docs/storage.md, "RocksDB options").
  struct TableShape {
    uint64_t index_partitions = 0;  // 0: a one-level index
    uint64_t data_blocks = 0;
    uint64_t data_bytes = 0;    // as stored (after compression)
    uint64_t raw_bytes = 0;     // the keys and values before compression
    int compression_level = 0;  // as written in the file's compression options
  };
  static Result<std::vector<TableShape>> TableShapes(const Store& store, int cf);
  // Writes every family's memtable into a table file, synced.
  static Status Flush(Store& store);
};

}  // namespace kg::storage::internal
