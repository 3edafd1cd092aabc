// Transaction::Impl, the state of one transaction (its snapshot, its
// write batch, the dictionaries and counts it changes, the topology copy
// and clock table it reads), shared by storage/transaction.cc (reads),
// storage/transaction_expand.cc (expansions through RocksDB) and
// storage/transaction_write.cc (writes and the commit). Included by those
// files only.
#pragma once

#include <rocksdb/utilities/write_batch_with_index.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/internal/adj_clock.h"
#include "storage/internal/clock_table.h"
#include "storage/internal/codec.h"
#include "storage/internal/property_keys.h"
#include "storage/internal/store_impl.h"
#include "storage/store.h"

namespace kg::storage {

namespace internal {
inline std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }
inline rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }
}  // namespace internal

using namespace internal;  // NOLINT: the storage module's own files only

class Transaction::Impl {
 public:
  Impl(Store::Impl* store, bool writable) : s_(store) {
    if (writable) {
      lock_ = std::unique_lock<std::mutex>(s_->write_mu_);
      batch_ = std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0,
                                                              /*overwrite_key=*/true);
      next_entity_ = s_->next_entity_;
      next_relation_ = s_->next_relation_;
    }
    snap_ = s_->TakeSnapshot();
    ro_.snapshot = snap_;
    ro_total_.snapshot = snap_;
    ro_total_.total_order_seek = true;
    // A read-only (secondary) open has no snapshots: its state is the one it
    // caught up to when it opened, whose sequence number never moves.
    sequence_ = snap_ ? snap_->GetSequenceNumber() : s_->db()->GetLatestSequenceNumber();
  }
  ~Impl() {
    iters_.reset();  // before the snapshot they read
    s_->ReleaseSnapshot(snap_);
  }

  bool writable() const { return batch_ != nullptr; }

  // --- the topology cache -----------------------------------------------------
  // The in-memory copy of this snapshot's structure, if there is one. Write
  // transactions never use it (they must see their own writes).
  const Topology* topology() const {
    if (batch_) return nullptr;
    // Ask the store again only when it has published a new copy since.
    if (!topology_ && s_->topology_.generation() != seen_generation_) {
      seen_generation_ = s_->topology_.generation();
      topology_ = s_->topology_.Get(sequence_);
    }
    return topology_.get();
  }
  // Counts reads that RocksDB served and the copy could have; may build it.
  // A failed build is not an error of the read at hand: it goes on through
  // RocksDB, which reports any real fault itself.
  void Miss(uint64_t n) const {
    if (batch_) return;
    auto built = s_->topology_.NoteMisses(n, *s_, ro_, sequence_);
    if (built.ok() && *built) topology_ = *built;
  }

  Result<bool> WarmTopology() const {
    if (batch_) return false;
    if (topology() != nullptr) return true;
    KG_ASSIGN_OR_RETURN(auto built, s_->topology_.Warm(*s_, ro_, sequence_));
    if (built) topology_ = built;
    return topology_ != nullptr;
  }

  // --- raw access -----------------------------------------------------------
  Result<std::optional<std::string>> Get(int cf, std::string_view key) const;

  // Calls fn(key) for every key of `cf` starting with `prefix`, in order
  // (fn returns false to stop). Both scans are templates over the callback,
  // so each key costs the callback's own call and no std::function's.
  template <typename Fn>
  Status ScanPrefix(int cf, std::string_view prefix, Fn&& fn) const {
    return ScanEntries(cf, prefix,
                       [&fn](std::string_view key, std::string_view) { return fn(key); });
  }
  // The same with each key's value.
  // From `start` (a key under `prefix`) instead of the prefix's first key
  // when `start` is given.
  template <typename Fn>
  Status ScanEntries(int cf, std::string_view prefix, Fn&& fn, std::string_view start = {}) const {
    const rocksdb::ReadOptions& ro = prefix.size() >= 8 ? ro_ : ro_total_;
    // A read transaction keeps its iterators per family and nesting depth
    // (making one costs more than a short scan); a scan nested deeper than
    // kIterDepth, and every scan of a write transaction, gets its own.
    bool reuse = !batch_ && prefix.size() >= 8;
    if (reuse) {
      if (!iters_) iters_ = std::make_unique<Iterators>();
      reuse = iters_->depth[cf] < kIterDepth;
    }
    std::unique_ptr<rocksdb::Iterator> own;
    rocksdb::Iterator* it = nullptr;
    if (reuse) {
      std::unique_ptr<rocksdb::Iterator>& slot = iters_->slots[cf][iters_->depth[cf]++];
      if (!slot) slot.reset(s_->db()->NewIterator(ro, s_->cf(cf)));
      it = slot.get();
    } else {
      own.reset(s_->db()->NewIterator(ro, s_->cf(cf)));
      if (batch_) own.reset(batch_->NewIteratorWithBase(s_->cf(cf), own.release(), &ro));
      it = own.get();
    }
    for (it->Seek(ToSlice(start.empty() ? prefix : start)); it->Valid(); it->Next()) {
      std::string_view key = View(it->key());
      if (!key.starts_with(prefix)) break;
      if (!fn(key, View(it->value()))) break;
    }
    if (reuse) --iters_->depth[cf];
    return FromRocks(it->status(), "scanning");
  }

  void Put(int cf, std::string_view key, std::string_view value) {
    batch_->Put(s_->cf(cf), ToSlice(key), ToSlice(value));
  }
  void Delete(int cf, std::string_view key) { batch_->Delete(s_->cf(cf), ToSlice(key)); }

  Status RequireWritable() const {
    if (ended_) return Status::InvalidArgument("the transaction has already ended");
    if (!writable()) return Status::NotSupported("cannot write in a read-only transaction");
    return Status::OK();
  }

  // --- dictionaries ---------------------------------------------------------
  std::optional<uint32_t> TypeId(std::string_view n) const {
    return FindName(s_->types_, new_types_, n);
  }
  std::optional<uint32_t> LabelId(std::string_view n) const {
    return FindName(s_->labels_, new_labels_, n);
  }
  std::string_view TypeName(uint32_t id) const {
    std::string_view name = s_->types_.Name(id);
    if (!name.empty()) return name;
    for (const auto& [n, i] : new_types_)
      if (i == id) return n;
    return {};
  }

  // --- records and indexes ----------------------------------------------------
  // `*import_id`, when given, receives the record's import id.
  Result<Entity> GetEntity(EntityId id, std::string* import_id = nullptr) const;

  Result<Relation> GetRelation(RelationId id) const;

  Result<RelationClock> GetRelationClock(RelationId id) const;

  // Adds (delta +1) or removes (-1) the label and name index entries and counts.
  void IndexEntity(const Entity& e, int delta);

  void IndexRelation(const Relation& r, int delta);

  // The clock in the values of relation `r`'s adjacency entries changes
  // with `r`'s record (type and endpoints stay).
  void SetAdjacencyClock(const Relation& r);

  // --- edge clocks from adjacency values --------------------------------------
  // Whether expansions through RocksDB keep each edge's clock for
  // RelationAccepted: in a read transaction (a write transaction reads the
  // records, its own writes included) of a database whose values carry
  // clocks, once a filtered read is expected (KeepEdgeClocks) or happened.
  bool KeepsClocks() const { return keep_clocks_ && !batch_ && s_->adj_clocks_; }

  // RelationAccepted from memory: the topology cache's clock table, else
  // the clock an expansion kept; nullopt when only the record can tell.
  std::optional<bool> AcceptedInMemory(RelationId id, const RelationFilter& filter) const {
    const ClockBounds& bounds = Bounds(filter);
    if (const ClockTable* clocks = Clocks()) {
      if (std::optional<bool> ok = clocks->Accepts(id, bounds)) return ok;
    }
    if (KeepsClocks()) return memo_.Accepts(id, bounds);
    return std::nullopt;
  }
  // `filter` prepared (kept while the same filter is asked about).
  const ClockBounds& Bounds(const RelationFilter& filter) const {
    if (bounds_ == std::nullopt || !bounds_->Matches(filter)) bounds_.emplace(filter);
    return *bounds_;
  }
  // The topology cache's clock table for this snapshot (building it on the
  // first call), or null.
  const ClockTable* Clocks() const {
    if (clocks_ == nullptr) {
      if (const Topology* t = topology()) clocks_ = t->Clocks(*s_, ro_);
    }
    return clocks_;
  }

  // Adjacency entries of `node` in one direction (kCfOut or kCfIn), all types.
  Result<std::vector<AdjKey>> Adjacent(int cf, EntityId node) const {
    std::vector<AdjKey> out;
    KG_RETURN_IF_ERROR(AppendAdjacent(cf, AdjPrefix(node), &out));
    return out;
  }
  // What Neighbours and AppendAdjacent keep: every entry, or (`filter` set)
  // only those of relations passing it, decided from each entry's value as
  // it is read (InScanFilter); `scanned` counts the entries read either way.
  struct AdjScan {
    const RelationFilter* filter = nullptr;
    size_t scanned = 0;
  };
  // Whether a filter can be decided from the adjacency values as they are
  // read: a read transaction of a database whose values carry clocks.
  bool InScanFilter() const { return !batch_ && s_->adj_clocks_; }
  // Appends the adjacency entries under `prefix` (noting their clocks).
  Status AppendAdjacent(int cf, std::string_view prefix, std::vector<AdjKey>* out,
                        AdjScan* scan = nullptr) const;
  // Whether relation `id`, whose adjacency value is `value`, passes the
  // filter of `bounds`: from the value, else (an opaque value) its record.
  Result<bool> ValueAccepts(RelationId id, std::string_view value, const ClockBounds& bounds) const;

  // Adjacency entries of `node` in one direction restricted to `types` (empty =
  // all), ordered by type name, neighbour, relation id (and to `scan`'s filter).
  Result<std::vector<AdjKey>> Neighbours(int cf, EntityId node,
                                         const std::vector<std::string>& types,
                                         AdjScan* scan = nullptr) const;

  // Transaction::Expand through RocksDB (storage/transaction_expand.cc);
  // with `filter`, only the relations passing it (InScanFilter must hold).
  // In a read transaction each entry goes to `fn` as the scan reads it and
  // the scan stops when `fn` returns false; `fn` may itself read the store
  // (a scan nested in a scan gets its own iterator).
  Status ExpandRocks(EntityId node, Direction dir, const std::vector<std::string>& types,
                     const RelationFilter* filter,
                     const std::function<bool(const Edge&)>& fn) const;
  // One family of ExpandRocks (`wanted`: the types, sorted and distinct);
  // *stopped when `fn` said stop.
  Status ExpandFamily(int cf, EntityId node, const std::vector<std::string>& wanted,
                      const RelationFilter* filter, const std::function<bool(const Edge&)>& fn,
                      bool* stopped) const;
  // ExpandFamily for all types when their ids are not in name order.
  Status ExpandFamilyByName(int cf, EntityId node, const RelationFilter* filter,
                            const std::function<bool(const Edge&)>& fn, bool* stopped) const;
  // The same by Neighbours, every entry of a family collected and put in
  // type-name order before the first call of `fn` (write transactions).
  Status ExpandCollected(EntityId node, Direction dir, const std::vector<std::string>& types,
                         const RelationFilter* filter,
                         const std::function<bool(const Edge&)>& fn) const;
  // Whether the relation types' ids are in the order of their names, so
  // that a node's adjacency keys (by type id) come in the order Expand
  // promises (by type name); also fills types_by_name_. Read transactions
  // only.
  bool TypeIdsInNameOrder() const;

  // Re-checks every relation at `e` against its (new) labels.
  Status RecheckRelations(const Entity& e) const;

  // --- commit -----------------------------------------------------------------
  Status ApplyCount(const std::string& key, int64_t delta);

  Status AddMetaToBatch();

  // New dictionary entries become visible before the write so that a reader
  // never meets a type id it cannot name; they are withdrawn if it fails.
  void PublishDictionaries(bool add);

  Status Commit();

  Store::Impl* s_;
  const rocksdb::Snapshot* snap_ = nullptr;
  // A read transaction's iterators, per family and nesting depth (a scan
  // whose callback scans the same family uses the next one).
  // Made by the first such scan: kept inline they made this object over
  // 1 KiB, which glibc's allocator serves on its slow path (consolidating
  // its fast bins first) on every BeginRead, ~1 k instructions of a warm
  // one-hop query (bench/RESULTS.md).
  static constexpr int kIterDepth = 3;
  struct Iterators {
    std::array<std::array<std::unique_ptr<rocksdb::Iterator>, kIterDepth>, kCfCount> slots;
    std::array<int, kCfCount> depth{};
  };
  mutable std::unique_ptr<Iterators> iters_;
  mutable int types_in_order_ = -1;              // TypeIdsInNameOrder, once known (-1: not yet)
  mutable std::vector<uint32_t> types_by_name_;  // the type ids in name order
  uint64_t sequence_ = 0;
  mutable std::shared_ptr<const Topology> topology_;
  mutable uint64_t seen_generation_ = 0;
  mutable uint64_t cache_hits_ = 0;  // entity-cache hits, counted for the topology
  mutable bool keep_clocks_ = false;
  mutable EdgeClockMemo memo_;  // see KeepsClocks
  // The clock table of topology_, once asked for (it lives as long as topology_).
  mutable const ClockTable* clocks_ = nullptr;
  mutable std::optional<ClockBounds> bounds_;  // the last filter asked about, prepared
  rocksdb::ReadOptions ro_;
  rocksdb::ReadOptions ro_total_;
  std::unique_lock<std::mutex> lock_;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> batch_;
  bool ended_ = false;
  uint64_t next_entity_ = 0;
  uint64_t next_relation_ = 0;
  PendingNames new_labels_;
  PendingNames new_types_;
  PendingNames new_props_;
  std::map<std::string, int64_t> label_delta_;
  std::map<std::string, int64_t> type_delta_;
  int64_t entity_delta_ = 0;
  int64_t relation_delta_ = 0;
};

}  // namespace kg::storage
