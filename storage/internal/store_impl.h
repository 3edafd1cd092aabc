// The state behind a Store handle: the RocksDB instance, its column family
// handles, the in-memory label and type dictionaries, the id counters and the
// writer mutex. Shared by store.cc, transaction.cc, check.cc and import.cc.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "schema/ontology.h"
#include "storage/internal/entity_cache.h"
#include "storage/internal/keys.h"
#include "storage/internal/open_guard.h"
#include "storage/internal/topology.h"
#include "storage/store.h"

namespace kg::storage {
namespace internal {

// A name <-> u32 id dictionary (labels or relation types). Names live as long
// as the dictionary, so string_views handed out stay valid. Thread-safe.
class Dictionary {
 public:
  std::optional<uint32_t> Find(std::string_view name) const;
  // The name of `id`, or "" when unknown.
  std::string_view Name(uint32_t id) const;
  // The id the next new name gets.
  uint32_t next_id() const;
  void Add(std::string_view name, uint32_t id);
  // Forgets a name added for a write that then failed (its id stays unused).
  void Remove(std::string_view name);
  // All names with their ids, sorted by name.
  std::vector<std::pair<std::string, uint32_t>> Entries() const;

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, uint32_t, std::less<>> ids_;
  std::vector<std::unique_ptr<std::string>> names_;  // by id; null for holes
};

// Names a write adds to a Dictionary before it lands (name -> id).
using PendingNames = std::map<std::string, uint32_t, std::less<>>;
// The id `name` has in `dict` or among `pending`; nullopt when neither.
std::optional<uint32_t> FindName(const Dictionary& dict, const PendingNames& pending,
                                 std::string_view name);
// That id, or a new one numbered after the dictionary's and the pending
// ones (and added to `pending`).
uint32_t InternName(const Dictionary& dict, PendingNames* pending, std::string_view name);
// Adds the pending names to `dict` (add) or withdraws them after a failed
// write. Entries become visible before the write lands so that a reader never
// meets an id it cannot name.
void PublishNames(const PendingNames& pending, bool add, Dictionary* dict);

// Converts a RocksDB status; `context` says what was being done.
Status FromRocks(const rocksdb::Status& s, std::string_view context);

// RocksDB options of the database and of each column family (bloom filters,
// a prefix extractor on the adjacency families, one shared block cache).
rocksdb::DBOptions MakeDbOptions();
rocksdb::ColumnFamilyOptions MakeCfOptions(int cf, const std::shared_ptr<rocksdb::Cache>& cache);

// Ordered bytes of a u64 meta value, or Corruption.
Result<uint64_t> ParseU64(std::string_view value, std::string_view key);

}  // namespace internal

class Store::Impl {
 public:
  Impl() = default;
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  rocksdb::ColumnFamilyHandle* cf(int index) const { return handles_[index]; }
  rocksdb::DB* db() const { return db_.get(); }

  // A snapshot of the database now; null on a read-only (secondary) open,
  // whose state never changes after opening, so plain reads are consistent.
  const rocksdb::Snapshot* TakeSnapshot() const;
  void ReleaseSnapshot(const rocksdb::Snapshot* snapshot) const;

  // Reads a key of `cf` at `snapshot` (null = latest); nullopt when absent.
  Result<std::optional<std::string>> Get(int cf, std::string_view key,
                                         const rocksdb::Snapshot* snapshot = nullptr) const;

  std::string path_;
  bool read_only_ = false;
  std::string secondary_dir_;  // private info-log directory of a read-only open
  schema::Ontology ontology_;
  std::shared_ptr<rocksdb::Cache> cache_;
  // A writable open's file system (moves deleted table files aside while
  // opening: open_guard.h) and the Env over it; both outlive db_.
  std::shared_ptr<internal::GuardFs> guard_fs_;
  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  internal::Dictionary labels_;
  internal::Dictionary types_;
  // Property keys (storage/internal/property_keys.h). `props_complete_`
  // once props_ covers the database; a read-only open of a database written
  // before kg kept the dictionary fills it on first use, under props_mu_.
  internal::Dictionary props_;
  std::atomic<bool> props_complete_{false};
  std::mutex props_mu_;
  // Every adjacency value holds its relation's clock (adj_clock.h): set at
  // open from the meta mark; without it readers read relation records.
  bool adj_clocks_ = false;
  // The meta's format version, as read at open and raised by its upgrades.
  uint32_t format_version_ = 0;
  internal::TopologyCache topology_;
  internal::EntityCache entity_cache_;
  // The sources' publication days (AddSourcePublished) as of the snapshot
  // with sequence number published_sequence_, shared by its read
  // transactions so that a statement under --known-at does not scan every
  // source record again. Guarded by published_mu_.
  std::mutex published_mu_;
  uint64_t published_sequence_ = UINT64_MAX;
  decltype(RelationFilter::source_published) published_;

  // The last commit failed (guarded by write_mu_): the next one first asks
  // RocksDB to resume.
  bool write_failed_ = false;
  // Held by a write transaction (or an import) from begin to end.
  std::mutex write_mu_;
  // Next ids to hand out; guarded by write_mu_.
  uint64_t next_entity_ = internal::kFirstId;
  uint64_t next_relation_ = internal::kFirstId;
};

}  // namespace kg::storage
