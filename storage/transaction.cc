// Transactions: snapshot reads, and writes collected in a WriteBatchWithIndex
// (so a write transaction reads its own writes) that Commit applies in one
// synced RocksDB write together with the counters, counts and dictionaries.
#include <rocksdb/utilities/write_batch_with_index.h>

#include <algorithm>
#include <array>
#include <set>
#include <span>

#include "core/suggest.h"
#include "storage/internal/adj_clock.h"
#include "storage/internal/codec.h"
#include "storage/internal/property_keys.h"
#include "storage/internal/store_impl.h"
#include "storage/internal/txn_access.h"
#include "storage/store.h"

namespace kg::storage {
using namespace internal;  // NOLINT: the module's own internals

namespace {

// Labels in first-seen order without repeats.
std::vector<std::string> DistinctLabels(std::vector<std::string> labels) {
  std::vector<std::string> out;
  for (auto& l : labels)
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(std::move(l));
  return out;
}

bool SameLabelSet(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }
rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

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
    for (auto& it : iters_) it.reset();  // before the snapshot they read
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
  Result<std::optional<std::string>> Get(int cf, std::string_view key) const {
    std::string value;
    rocksdb::Status st;
    if (batch_) {
      st = batch_->GetFromBatchAndDB(s_->db(), ro_, s_->cf(cf), ToSlice(key), &value);
    } else {
      st = s_->db()->Get(ro_, s_->cf(cf), ToSlice(key), &value);
    }
    if (st.IsNotFound()) return std::optional<std::string>();
    KG_RETURN_IF_ERROR(FromRocks(st, "reading"));
    return std::optional<std::string>(std::move(value));
  }

  // Calls fn(key) for every key of `cf` starting with `prefix`, in order
  // (fn returns false to stop). Both scans are templates over the callback,
  // so each key costs the callback's own call and no std::function's.
  template <typename Fn>
  Status ScanPrefix(int cf, std::string_view prefix, Fn&& fn) const {
    return ScanEntries(cf, prefix,
                       [&fn](std::string_view key, std::string_view) { return fn(key); });
  }
  // The same with each key's value.
  template <typename Fn>
  Status ScanEntries(int cf, std::string_view prefix, Fn&& fn) const {
    const rocksdb::ReadOptions& ro = prefix.size() >= 8 ? ro_ : ro_total_;
    // A read transaction keeps one iterator per family (making one costs
    // more than a short scan); a scan nested in a scan of the same family,
    // and every scan of a write transaction, gets its own.
    const bool reuse = !batch_ && prefix.size() >= 8 && !iter_busy_[cf];
    std::unique_ptr<rocksdb::Iterator> own;
    rocksdb::Iterator* it = nullptr;
    if (reuse) {
      if (!iters_[cf]) iters_[cf].reset(s_->db()->NewIterator(ro, s_->cf(cf)));
      it = iters_[cf].get();
      iter_busy_[cf] = true;
    } else {
      own.reset(s_->db()->NewIterator(ro, s_->cf(cf)));
      if (batch_) own.reset(batch_->NewIteratorWithBase(s_->cf(cf), own.release(), &ro));
      it = own.get();
    }
    for (it->Seek(ToSlice(prefix)); it->Valid(); it->Next()) {
      std::string_view key = View(it->key());
      if (!key.starts_with(prefix)) break;
      if (!fn(key, View(it->value()))) break;
    }
    if (reuse) iter_busy_[cf] = false;
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
  Result<Entity> GetEntity(EntityId id, std::string* import_id = nullptr) const {
    KG_ASSIGN_OR_RETURN(auto bytes, Get(kCfEntities, IdKey(id)));
    if (!bytes) return Status::NotFound("node " + std::to_string(id) + " does not exist");
    KG_ASSIGN_OR_RETURN(Entity e, DecodeEntity(*bytes));
    if (import_id != nullptr) {
      KG_ASSIGN_OR_RETURN(*import_id, DecodeImportId(*bytes));
    }
    if (e.id != id)
      return Status::Corruption("entity record " + std::to_string(id) + " holds id " +
                                std::to_string(e.id));
    return e;
  }

  Result<Relation> GetRelation(RelationId id) const {
    KG_ASSIGN_OR_RETURN(auto bytes, Get(kCfRelations, IdKey(id)));
    if (!bytes) return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
    KG_ASSIGN_OR_RETURN(Relation r, DecodeRelation(*bytes));
    if (r.id != id)
      return Status::Corruption("relation record " + std::to_string(id) + " holds id " +
                                std::to_string(r.id));
    return r;
  }

  Result<RelationClock> GetRelationClock(RelationId id) const {
    // A read transaction decodes straight from RocksDB's block (pinned, no
    // copy): a filtered traversal asks this once per edge.
    rocksdb::PinnableSlice pinned;
    std::optional<std::string> copied;
    std::string_view bytes;
    bool found = false;
    if (batch_) {
      KG_ASSIGN_OR_RETURN(copied, Get(kCfRelations, IdKey(id)));
      found = copied.has_value();
      if (found) bytes = *copied;
    } else {
      rocksdb::Status st = s_->db()->Get(ro_, s_->cf(kCfRelations), ToSlice(IdKey(id)), &pinned);
      found = !st.IsNotFound();
      if (found) {
        KG_RETURN_IF_ERROR(FromRocks(st, "reading"));
        bytes = std::string_view(pinned.data(), pinned.size());
      }
    }
    if (!found) return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
    RelationId held = 0;
    KG_ASSIGN_OR_RETURN(RelationClock c, DecodeRelationClock(bytes, &held));
    if (held != id)
      return Status::Corruption("relation record " + std::to_string(id) + " holds id " +
                                std::to_string(held));
    return c;
  }

  // Adds (delta +1) or removes (-1) the label and name index entries and counts.
  void IndexEntity(const Entity& e, int delta) {
    for (const std::string& label : e.labels) {
      uint32_t lid = InternName(s_->labels_, &new_labels_, label);
      if (delta > 0) {
        Put(kCfLabels, LabelKey(lid, e.id), "");
      } else {
        Delete(kCfLabels, LabelKey(lid, e.id));
      }
      label_delta_[label] += delta;
    }
    if (delta > 0) NotePropertyKeys(s_->props_, e.properties, &new_props_);
    for (const std::string& folded : FoldedNames(e)) {
      std::string key = folded;
      key.push_back('\0');
      PutU64(&key, e.id);
      if (delta > 0) {
        Put(kCfNames, key, "");
      } else {
        Delete(kCfNames, key);
      }
    }
    entity_delta_ += delta;
  }

  void IndexRelation(const Relation& r, int delta) {
    uint32_t tid = InternName(s_->types_, &new_types_, r.type);
    std::string out = EncodeAdjKey({r.start, tid, r.end, r.id});
    std::string in = EncodeAdjKey({r.end, tid, r.start, r.id});
    if (delta > 0) {
      NotePropertyKeys(s_->props_, r.properties, &new_props_);
      Put(kCfRelations, IdKey(r.id), EncodeRelation(r));
      std::string clock = AdjClockOf(r);
      Put(kCfOut, out, clock);
      Put(kCfIn, in, clock);
    } else {
      Delete(kCfRelations, IdKey(r.id));
      Delete(kCfOut, out);
      Delete(kCfIn, in);
    }
    type_delta_[r.type] += delta;
    relation_delta_ += delta;
  }

  // The clock in the values of relation `r`'s adjacency entries changes
  // with `r`'s record (type and endpoints stay).
  void SetAdjacencyClock(const Relation& r) {
    uint32_t tid = InternName(s_->types_, &new_types_, r.type);
    std::string clock = AdjClockOf(r);
    Put(kCfOut, EncodeAdjKey({r.start, tid, r.end, r.id}), clock);
    Put(kCfIn, EncodeAdjKey({r.end, tid, r.start, r.id}), clock);
  }

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
                        AdjScan* scan = nullptr) const {
    const bool keep = KeepsClocks();
    const ClockBounds* bounds =
        scan != nullptr && scan->filter != nullptr ? &Bounds(*scan->filter) : nullptr;
    Status failed;
    Status st = ScanEntries(cf, prefix, [&](std::string_view key, std::string_view value) {
      AdjKey k;
      if (!DecodeAdjKey(key, &k)) return true;
      if (scan != nullptr) ++scan->scanned;
      if (bounds != nullptr) {
        Result<bool> ok = ValueAccepts(k.relation, value, *bounds);
        if (!ok.ok()) {
          failed = ok.status();
          return false;
        }
        if (!*ok) return true;
      } else if (keep) {
        memo_.Note(k.relation, value);
      }
      out->push_back(k);
      return true;
    });
    KG_RETURN_IF_ERROR(failed);
    return st;
  }
  // Whether relation `id`, whose adjacency value is `value`, passes the
  // filter of `bounds`: from the value, else (an opaque value) its record.
  Result<bool> ValueAccepts(RelationId id, std::string_view value,
                            const ClockBounds& bounds) const {
    if (value.empty()) return bounds.undated_ok;
    RelationClock clock;
    if (DecodeAdjClock(value, &clock)) return bounds.Accepts(clock);
    KG_ASSIGN_OR_RETURN(clock, GetRelationClock(id));
    return FilterAccepts(*bounds.filter, clock);
  }

  // Adjacency entries of `node` in one direction restricted to `types` (empty =
  // all), ordered by type name, neighbour, relation id (and to `scan`'s filter).
  Result<std::vector<AdjKey>> Neighbours(int cf, EntityId node,
                                         const std::vector<std::string>& types,
                                         AdjScan* scan = nullptr) const {
    if (types.empty()) {
      std::vector<AdjKey> all;
      KG_RETURN_IF_ERROR(AppendAdjacent(cf, AdjPrefix(node), &all, scan));
      // Keys come grouped by type id; put the groups in type-name order,
      // looking each name up once.
      struct Group {
        std::string_view name;
        size_t begin, end;
      };
      std::vector<Group> groups;
      for (size_t i = 0; i < all.size();) {
        size_t j = i + 1;
        while (j < all.size() && all[j].type == all[i].type) ++j;
        groups.push_back(Group{TypeName(all[i].type), i, j});
        i = j;
      }
      auto by_name = [](const Group& a, const Group& b) { return a.name < b.name; };
      if (std::is_sorted(groups.begin(), groups.end(), by_name)) return all;
      std::stable_sort(groups.begin(), groups.end(), by_name);
      std::vector<AdjKey> ordered;
      ordered.reserve(all.size());
      for (const Group& g : groups)
        ordered.insert(ordered.end(), all.begin() + g.begin, all.begin() + g.end);
      return ordered;
    }
    std::set<std::string_view> names(types.begin(), types.end());
    std::vector<AdjKey> out;
    for (std::string_view name : names) {
      std::optional<uint32_t> tid = TypeId(name);
      if (!tid) continue;
      KG_RETURN_IF_ERROR(AppendAdjacent(cf, AdjPrefix(node, *tid), &out, scan));
    }
    return out;
  }

  // Transaction::Expand through RocksDB; with `filter`, only the relations
  // passing it (InScanFilter must hold).
  Status ExpandRocks(EntityId node, Direction dir, const std::vector<std::string>& types,
                     const RelationFilter* filter,
                     const std::function<bool(const Edge&)>& fn) const;

  // Re-checks every relation at `e` against its (new) labels.
  Status RecheckRelations(const Entity& e) const {
    for (int cf : {kCfOut, kCfIn}) {
      KG_ASSIGN_OR_RETURN(std::vector<AdjKey> adj, Adjacent(cf, e.id));
      for (const AdjKey& k : adj) {
        KG_ASSIGN_OR_RETURN(Relation r, GetRelation(k.relation));
        std::vector<std::string> other = e.labels;
        if (k.other != e.id) {
          KG_ASSIGN_OR_RETURN(Entity o, GetEntity(k.other));
          other = o.labels;
        }
        Status st = cf == kCfOut ? s_->ontology_.CheckRelation(r, e.labels, other)
                                 : s_->ontology_.CheckRelation(r, other, e.labels);
        if (!st.ok())
          return st.WithPrefix("node " + std::to_string(e.id) + " cannot take these labels");
      }
    }
    return Status::OK();
  }

  // --- commit -----------------------------------------------------------------
  Status ApplyCount(const std::string& key, int64_t delta) {
    if (delta == 0) return Status::OK();
    KG_ASSIGN_OR_RETURN(auto old, Get(kCfMeta, key));
    uint64_t n = 0;
    if (old) {
      KG_ASSIGN_OR_RETURN(n, ParseU64(*old, key));
    }
    Put(kCfMeta, key, U64Value(static_cast<uint64_t>(static_cast<int64_t>(n) + delta)));
    return Status::OK();
  }

  Status AddMetaToBatch() {
    for (const auto& [name, d] : label_delta_)
      KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountLabel) + name, d));
    for (const auto& [name, d] : type_delta_)
      KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountType) + name, d));
    KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountEntities), entity_delta_));
    KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountRelations), relation_delta_));
    for (const auto& [name, id] : new_labels_)
      Put(kCfMeta, std::string(kMetaLabelDict) + name, U32Value(id));
    for (const auto& [name, id] : new_types_)
      Put(kCfMeta, std::string(kMetaTypeDict) + name, U32Value(id));
    for (const auto& [name, id] : new_props_)
      Put(kCfMeta, std::string(kMetaPropDict) + name, U32Value(id));
    if (next_entity_ != s_->next_entity_) Put(kCfMeta, kMetaNextEntity, U64Value(next_entity_));
    if (next_relation_ != s_->next_relation_)
      Put(kCfMeta, kMetaNextRelation, U64Value(next_relation_));
    return Status::OK();
  }

  // New dictionary entries become visible before the write so that a reader
  // never meets a type id it cannot name; they are withdrawn if it fails.
  void PublishDictionaries(bool add) {
    PublishNames(new_labels_, add, &s_->labels_);
    PublishNames(new_types_, add, &s_->types_);
    PublishNames(new_props_, add, &s_->props_);
  }

  Status Commit() {
    if (ended_) return Status::InvalidArgument("the transaction has already ended");
    ended_ = true;
    if (!writable() || batch_->GetWriteBatch()->Count() == 0) {
      if (lock_.owns_lock()) lock_.unlock();
      return Status::OK();
    }
    KG_RETURN_IF_ERROR(AddMetaToBatch());
    PublishDictionaries(true);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    // After a failed write (a full disk) RocksDB refuses writes until its
    // error is cleared: its SstFileManager polls (every 5 s) for room to
    // flush a memtable and resumes by itself; for other errors a commit that
    // finds the error still set asks RocksDB to resume.
    if (s_->write_failed_) s_->db()->Resume().PermitUncheckedError();
    Status st = FromRocks(s_->db()->Write(wo, batch_->GetWriteBatch()), "commit");
    s_->write_failed_ = !st.ok();
    if (!st.ok()) {
      PublishDictionaries(false);
      lock_.unlock();
      return st;
    }
    s_->next_entity_ = next_entity_;
    s_->next_relation_ = next_relation_;
    s_->topology_.SetGraphSize(next_entity_, next_relation_);
    s_->entity_cache_.Reset(s_->db()->GetLatestSequenceNumber());
    lock_.unlock();
    return Status::OK();
  }

  Store::Impl* s_;
  const rocksdb::Snapshot* snap_ = nullptr;
  mutable std::array<std::unique_ptr<rocksdb::Iterator>, kCfCount> iters_;
  mutable std::array<bool, kCfCount> iter_busy_{};
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

// --- Store: beginning transactions ------------------------------------------

std::unique_ptr<Transaction> Store::BeginRead() const {
  return std::make_unique<Transaction>(std::make_unique<Transaction::Impl>(impl_.get(), false));
}

Result<std::unique_ptr<Transaction>> Store::BeginWrite() {
  if (impl_->read_only_)
    return Status::NotSupported("database " + impl_->path_ + " is open read-only");
  return std::make_unique<Transaction>(std::make_unique<Transaction::Impl>(impl_.get(), true));
}

// --- Transaction: reads -----------------------------------------------------

Transaction::Transaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Transaction::~Transaction() = default;

bool Transaction::writable() const { return impl_->writable(); }

Result<Entity> Transaction::GetEntity(EntityId id) const {
  if (impl_->writable()) return impl_->GetEntity(id);
  KG_ASSIGN_OR_RETURN(auto e, GetEntityShared(id));
  return *e;
}

Result<std::shared_ptr<const Entity>> Transaction::GetEntityShared(EntityId id) const {
  if (impl_->writable()) {
    KG_ASSIGN_OR_RETURN(Entity e, impl_->GetEntity(id));
    return std::make_shared<const Entity>(std::move(e));
  }
  if (auto cached = impl_->s_->entity_cache_.Find(impl_->sequence_, id)) {
    // A cached record costs about 1/8 of a RocksDB read; the topology copy
    // would have answered it too, so it counts that much towards a build.
    if ((++impl_->cache_hits_ & 7) == 0) impl_->Miss(1);
    return cached;
  }
  impl_->Miss(1);
  KG_ASSIGN_OR_RETURN(Entity e, impl_->GetEntity(id));
  auto shared = std::make_shared<const Entity>(std::move(e));
  impl_->s_->entity_cache_.Put(impl_->sequence_, shared);
  return shared;
}

Result<Relation> Transaction::GetRelation(RelationId id) const { return impl_->GetRelation(id); }

Result<RelationClock> Transaction::GetRelationClock(RelationId id) const {
  return impl_->GetRelationClock(id);
}

Result<bool> Transaction::RelationAccepted(RelationId id, const RelationFilter& filter) const {
  if (filter.empty()) return true;
  if (std::optional<bool> ok = impl_->AcceptedInMemory(id, filter)) return *ok;
  // Expansions from now on keep the clocks they read (KeepEdgeClocks).
  impl_->keep_clocks_ = true;
  // A record read that the topology cache's clock table would have served
  // counts towards building the cache, like a record read of an entity.
  impl_->Miss(1);
  KG_ASSIGN_OR_RETURN(RelationClock clock, impl_->GetRelationClock(id));
  return FilterAccepts(filter, clock);
}

std::optional<bool> Transaction::RelationAcceptedInMemory(RelationId id,
                                                          const RelationFilter& filter) const {
  if (filter.empty()) return true;
  return impl_->AcceptedInMemory(id, filter);
}

void Transaction::KeepEdgeClocks() const { impl_->keep_clocks_ = true; }

Result<bool> Transaction::EntityExists(EntityId id) const {
  if (const Topology* t = impl_->topology()) return t->Contains(id);
  auto v = impl_->Get(kCfEntities, IdKey(id));
  if (!v.ok()) return v.status();
  return v->has_value();
}

std::optional<Value> Transaction::PeekProperty(EntityId id, std::string_view key) const {
  const Topology* t = impl_->topology();
  if (t == nullptr || key != "name") return std::nullopt;
  return t->Name(id);
}

Result<std::vector<EntityId>> Transaction::FindByName(std::string_view text) const {
  std::vector<EntityId> ids;
  KG_RETURN_IF_ERROR(impl_->ScanPrefix(kCfNames, NamePrefix(text), [&](std::string_view key) {
    ids.push_back(ReadU64(key.data() + key.size() - 8));
    return true;
  }));
  return ids;
}

Result<std::vector<std::string>> Transaction::SuggestNames(std::string_view text,
                                                           size_t max) const {
  NearMatcher matcher(FoldCase(text));
  struct Hit {
    size_t distance;
    EntityId id;
  };
  std::vector<Hit> hits;
  KG_RETURN_IF_ERROR(impl_->ScanPrefix(kCfNames, "", [&](std::string_view key) {
    std::string_view folded;
    uint64_t id = 0;
    if (!DecodeNameKey(key, &folded, &id)) return true;
    if (std::optional<size_t> d = matcher.Distance(folded)) hits.push_back({*d, id});
    return true;
  }));
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Hit& a, const Hit& b) { return a.distance < b.distance; });
  std::vector<std::string> names;
  std::vector<EntityId> seen;
  for (const Hit& h : hits) {
    if (names.size() == max) break;
    if (std::find(seen.begin(), seen.end(), h.id) != seen.end()) continue;
    seen.push_back(h.id);
    KG_ASSIGN_OR_RETURN(Entity e, GetEntity(h.id));
    std::string name(e.name());
    if (name.empty() || FoldCase(name) == FoldCase(text)) continue;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

Result<bool> Transaction::HasName(NameKind kind, std::string_view name) const {
  switch (kind) {
    case NameKind::kLabel:
      return impl_->LabelId(name).has_value();
    case NameKind::kType:
      return impl_->TypeId(name).has_value();
    case NameKind::kPropertyKey:
      KG_RETURN_IF_ERROR(EnsurePropertyKeys(impl_->s_));
      return FindName(impl_->s_->props_, impl_->new_props_, name).has_value();
  }
  return false;
}

Result<std::vector<std::string>> Transaction::Names(NameKind kind) const {
  const Dictionary* dict = &impl_->s_->labels_;
  const PendingNames* pending = &impl_->new_labels_;
  if (kind == NameKind::kType) {
    dict = &impl_->s_->types_;
    pending = &impl_->new_types_;
  } else if (kind == NameKind::kPropertyKey) {
    KG_RETURN_IF_ERROR(EnsurePropertyKeys(impl_->s_));
    dict = &impl_->s_->props_;
    pending = &impl_->new_props_;
  }
  std::set<std::string> names;
  for (auto& [name, id] : dict->Entries()) names.insert(std::move(name));
  for (const auto& [name, id] : *pending) names.insert(name);
  return std::vector<std::string>(names.begin(), names.end());
}

Status Transaction::ScanEntities(std::string_view label,
                                 const std::function<bool(EntityId)>& fn) const {
  if (label.empty()) {
    return impl_->ScanPrefix(kCfEntities, "", [&](std::string_view key) {
      return key.size() != 8 || fn(ReadU64(key.data()));
    });
  }
  std::optional<uint32_t> lid = impl_->LabelId(label);
  if (!lid) return Status::OK();
  return impl_->ScanPrefix(kCfLabels, LabelPrefix(*lid), [&](std::string_view key) {
    return key.size() != kLabelKeySize || fn(ReadU64(key.data() + 4));
  });
}

Status Transaction::ScanEdges(std::string_view type,
                              const std::function<bool(const EdgeTriple&)>& fn) const {
  std::optional<uint32_t> tid;
  if (!type.empty()) {
    tid = impl_->TypeId(type);
    if (!tid) return Status::OK();
  }
  const bool keep = impl_->KeepsClocks();
  return impl_->ScanEntries(kCfOut, "", [&](std::string_view key, std::string_view value) {
    AdjKey k;
    if (!DecodeAdjKey(key, &k) || (tid && k.type != *tid)) return true;
    if (keep) impl_->memo_.Note(k.relation, value);
    return fn(EdgeTriple{k.relation, k.node, k.other, impl_->TypeName(k.type)});
  });
}

namespace {

// Expand over the in-memory topology, in the same order as over RocksDB:
// fn(edge, entry) per entry, until it returns false.
template <typename Fn>
void ExpandCached(const Topology& t, EntityId node, Direction dir,
                  const std::vector<std::string>& types, Fn&& fn) {
  // The ranks of the wanted types, sorted (name order, as over RocksDB),
  // without a heap allocation for the usual handful of types.
  std::array<uint32_t, 8> inline_ranks;
  std::vector<uint32_t> heap_ranks;
  if (types.size() > inline_ranks.size()) heap_ranks.resize(types.size());
  uint32_t* rank_data = heap_ranks.empty() ? inline_ranks.data() : heap_ranks.data();
  size_t known = 0;
  for (const std::string& name : types)
    if (auto r = t.Rank(name)) rank_data[known++] = *r;
  std::sort(rank_data, rank_data + known);
  std::span<const uint32_t> ranks(rank_data, std::unique(rank_data, rank_data + known));
  if (!types.empty() && ranks.empty()) return;
  for (bool out : {true, false}) {
    if (out ? dir == Direction::kIncoming : dir == Direction::kOutgoing) continue;
    std::span<const Topology::Entry> row = out ? t.Out(node) : t.In(node);
    auto emit = [&](std::span<const Topology::Entry> part) {
      for (const Topology::Entry& e : part)
        if (!fn(Edge{e.relation, e.other, t.TypeName(e.rank), out}, e)) return false;
      return true;
    };
    if (ranks.empty()) {
      if (!emit(row)) return;
      continue;
    }
    for (uint32_t r : ranks)
      if (!emit(Topology::OfRank(row, r))) return;
  }
}

}  // namespace

Status Transaction::Expand(EntityId node, Direction dir, const std::vector<std::string>& types,
                           const std::function<bool(const Edge&)>& fn) const {
  if (const Topology* t = impl_->topology()) {
    ExpandCached(*t, node, dir, types,
                 [&fn](const Edge& e, const Topology::Entry&) { return fn(e); });
    return Status::OK();
  }
  return impl_->ExpandRocks(node, dir, types, nullptr, fn);
}

Status Transaction::Impl::ExpandRocks(EntityId node, Direction dir,
                                      const std::vector<std::string>& types,
                                      const RelationFilter* filter,
                                      const std::function<bool(const Edge&)>& fn) const {
  for (int cf : {kCfOut, kCfIn}) {
    if (cf == kCfOut && dir == Direction::kIncoming) continue;
    if (cf == kCfIn && dir == Direction::kOutgoing) continue;
    AdjScan scan{filter, 0};
    KG_ASSIGN_OR_RETURN(std::vector<AdjKey> adj, Neighbours(cf, node, types, &scan));
    // A seek costs about as much as a point read, each entry after it ~1/16.
    Miss(1 + scan.scanned / 16);
    std::string_view name;
    uint32_t named = 0;
    for (size_t i = 0; i < adj.size(); ++i) {
      const AdjKey& k = adj[i];
      if (i == 0 || k.type != named) name = TypeName(named = k.type);
      if (!fn(Edge{k.relation, k.other, name, cf == kCfOut})) return Status::OK();
    }
  }
  return Status::OK();
}

Status Transaction::Expand(EntityId node, Direction dir, const std::vector<std::string>& types,
                           const RelationFilter& filter,
                           const std::function<bool(const Edge&)>& fn) const {
  if (filter.empty()) return Expand(node, dir, types, fn);
  Status failed;
  // Decides one edge: from the clock slot beside its topology entry when
  // there is one, else as RelationAccepted does (memory, then the record).
  auto check = [&](const Edge& e, const uint32_t* slots, const Topology* t,
                   const Topology::Entry* entry) {
    std::optional<bool> ok;
    if (slots != nullptr)
      ok = impl_->Clocks()->AcceptsSlot(slots[t->EntryIndex(e.outgoing, *entry)],
                                        impl_->Bounds(filter));
    if (!ok) {
      Result<bool> r = RelationAccepted(e.relation, filter);
      if (!r.ok()) {
        failed = r.status();
        return false;
      }
      ok = *r;
    }
    return !*ok || fn(e);
  };
  if (const Topology* t = impl_->topology()) {
    const ClockTable* clocks = impl_->Clocks();  // builds the slots with the table
    const uint32_t* out_slots = clocks != nullptr ? t->ClockSlots(true) : nullptr;
    const uint32_t* in_slots = clocks != nullptr ? t->ClockSlots(false) : nullptr;
    ExpandCached(*t, node, dir, types, [&](const Edge& e, const Topology::Entry& entry) {
      return check(e, e.outgoing ? out_slots : in_slots, t, &entry);
    });
    return failed;
  }
  // Through RocksDB: decided from each entry's value as the scan reads it.
  if (impl_->InScanFilter()) return impl_->ExpandRocks(node, dir, types, &filter, fn);
  KG_RETURN_IF_ERROR(
      Expand(node, dir, types, [&](const Edge& e) { return check(e, nullptr, nullptr, nullptr); }));
  return failed;
}

Result<uint64_t> Transaction::Degree(EntityId node, Direction dir,
                                     const std::vector<std::string>& types) const {
  uint64_t n = 0;
  KG_RETURN_IF_ERROR(Expand(node, dir, types, [&](const Edge&) {
    ++n;
    return true;
  }));
  return n;
}

// --- Transaction: writes ----------------------------------------------------

Result<EntityId> Transaction::CreateEntity(std::vector<std::string> labels,
                                           PropertyMap properties) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  Entity e{impl_->next_entity_, DistinctLabels(std::move(labels)), std::move(properties)};
  for (const std::string& l : e.labels)
    if (l.empty()) return Status::SchemaViolation("a label must not be empty");
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckEntity(e));
  ++impl_->next_entity_;
  impl_->Put(kCfEntities, IdKey(e.id), EncodeEntity(e));
  impl_->IndexEntity(e, +1);
  return e.id;
}

Status Transaction::UpdateEntity(const Entity& entity) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  std::string import_id;  // kept: it is not the caller's to change
  KG_ASSIGN_OR_RETURN(Entity old, impl_->GetEntity(entity.id, &import_id));
  Entity e{entity.id, DistinctLabels(entity.labels), entity.properties};
  for (const std::string& l : e.labels)
    if (l.empty()) return Status::SchemaViolation("a label must not be empty");
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckEntity(e));
  if (!SameLabelSet(old.labels, e.labels)) KG_RETURN_IF_ERROR(impl_->RecheckRelations(e));
  impl_->IndexEntity(old, -1);
  impl_->Put(kCfEntities, IdKey(e.id), EncodeEntity(e, import_id));
  impl_->IndexEntity(e, +1);
  return Status::OK();
}

Result<std::string> Transaction::ImportId(EntityId id) const {
  KG_ASSIGN_OR_RETURN(auto bytes, impl_->Get(kCfEntities, IdKey(id)));
  if (!bytes) return Status::NotFound("node " + std::to_string(id) + " does not exist");
  return DecodeImportId(*bytes);
}

Status Transaction::DeleteEntity(EntityId id, bool detach) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  KG_ASSIGN_OR_RETURN(Entity e, impl_->GetEntity(id));
  std::set<RelationId> rels;
  for (int cf : {kCfOut, kCfIn}) {
    KG_ASSIGN_OR_RETURN(std::vector<AdjKey> adj, impl_->Adjacent(cf, id));
    for (const AdjKey& k : adj) rels.insert(k.relation);
  }
  if (!rels.empty() && !detach)
    return Status::InvalidArgument("cannot delete node " + std::to_string(id) +
                                   " because it still has relationships; use DETACH DELETE");
  for (RelationId r : rels) KG_RETURN_IF_ERROR(DeleteRelation(r));
  impl_->IndexEntity(e, -1);
  impl_->Delete(kCfEntities, IdKey(id));
  return Status::OK();
}

Result<RelationId> Transaction::CreateRelation(std::string type, EntityId start, EntityId end,
                                               PropertyMap properties) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  if (type.empty()) return Status::SchemaViolation("a relationship type must not be empty");
  auto from = impl_->GetEntity(start);
  if (!from.ok()) return from.status().WithPrefix("start of " + type);
  auto to = impl_->GetEntity(end);
  if (!to.ok()) return to.status().WithPrefix("end of " + type);
  Relation r{impl_->next_relation_, std::move(type), start, end, std::move(properties)};
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckRelation(r, from->labels, to->labels));
  ++impl_->next_relation_;
  impl_->IndexRelation(r, +1);
  return r.id;
}

Status Transaction::UpdateRelation(const Relation& relation) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  KG_ASSIGN_OR_RETURN(Relation old, impl_->GetRelation(relation.id));
  if (old.type != relation.type || old.start != relation.start || old.end != relation.end)
    return Status::InvalidArgument("the type and endpoints of relationship " +
                                   std::to_string(relation.id) + " cannot change");
  KG_ASSIGN_OR_RETURN(Entity from, impl_->GetEntity(old.start));
  KG_ASSIGN_OR_RETURN(Entity to, impl_->GetEntity(old.end));
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckRelation(relation, from.labels, to.labels));
  NotePropertyKeys(impl_->s_->props_, relation.properties, &impl_->new_props_);
  impl_->Put(kCfRelations, IdKey(relation.id), EncodeRelation(relation));
  if (RelationClock::Of(old) != RelationClock::Of(relation)) impl_->SetAdjacencyClock(relation);
  return Status::OK();
}

Status Transaction::DeleteRelation(RelationId id) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  KG_ASSIGN_OR_RETURN(Relation r, impl_->GetRelation(id));
  impl_->IndexRelation(r, -1);
  return Status::OK();
}

Status Transaction::Commit() { return impl_->Commit(); }

uint64_t Transaction::snapshot_sequence() const { return impl_->sequence_; }

Result<bool> Transaction::WarmTopology() const { return impl_->WarmTopology(); }

// Raw meta-family access for the source records (storage/sources.cc).
namespace internal {
Result<std::optional<std::string>> TxnAccess::GetMeta(const Transaction& t, std::string_view key) {
  return t.impl_->Get(kCfMeta, key);
}
Status TxnAccess::ScanMeta(const Transaction& t, std::string_view prefix,
                           const std::function<bool(std::string_view)>& fn) {
  return t.impl_->ScanPrefix(kCfMeta, prefix, fn);
}
Status TxnAccess::PutMeta(Transaction& t, std::string_view key, std::string_view value) {
  KG_RETURN_IF_ERROR(t.impl_->RequireWritable());
  t.impl_->Put(kCfMeta, key, value);
  return Status::OK();
}
Status TxnAccess::DeleteMeta(Transaction& t, std::string_view key) {
  KG_RETURN_IF_ERROR(t.impl_->RequireWritable());
  t.impl_->Delete(kCfMeta, key);
  return Status::OK();
}
}  // namespace internal

}  // namespace kg::storage
