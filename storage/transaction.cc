// Transactions, the read side: snapshot reads of records, names, labels and
// adjacency (through the topology copy when there is one, else RocksDB),
// the clock filter decided beside each edge, and the beginning of
// transactions. The scan of an expansion through RocksDB is in
// transaction_expand.cc, the writes and the commit in transaction_write.cc;
// the state they share is storage/internal/transaction_impl.h.
#include <algorithm>
#include <set>
#include <span>

#include "core/suggest.h"
#include "storage/internal/transaction_impl.h"
#include "storage/internal/txn_access.h"
#include "storage/store.h"

namespace kg::storage {

// --- Transaction::Impl: reads -------------------------------------------------

Result<std::optional<std::string>> Transaction::Impl::Get(int cf, std::string_view key) const {
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

Result<Entity> Transaction::Impl::GetEntity(EntityId id, std::string* import_id) const {
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

Result<Relation> Transaction::Impl::GetRelation(RelationId id) const {
  KG_ASSIGN_OR_RETURN(auto bytes, Get(kCfRelations, IdKey(id)));
  if (!bytes) return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
  KG_ASSIGN_OR_RETURN(Relation r, DecodeRelation(*bytes));
  if (r.id != id)
    return Status::Corruption("relation record " + std::to_string(id) + " holds id " +
                              std::to_string(r.id));
  return r;
}

Result<RelationClock> Transaction::Impl::GetRelationClock(RelationId id) const {
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

Status Transaction::Impl::AppendAdjacent(int cf, std::string_view prefix, std::vector<AdjKey>* out,
                                         AdjScan* scan) const {
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

Result<bool> Transaction::Impl::ValueAccepts(RelationId id, std::string_view value,
                                             const ClockBounds& bounds) const {
  if (std::optional<bool> ok = AdjValueAccepts(value, bounds)) return *ok;
  RelationClock clock;
  if (DecodeAdjClock(value, &clock)) return bounds.Accepts(clock);
  KG_ASSIGN_OR_RETURN(clock, GetRelationClock(id));
  return FilterAccepts(*bounds.filter, clock);
}

Result<std::vector<AdjKey>> Transaction::Impl::Neighbours(int cf, EntityId node,
                                                          const std::vector<std::string>& types,
                                                          AdjScan* scan) const {
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

Transaction::PeekedName Transaction::PeekName(EntityId id, std::string_view* text) const {
  const Topology* t = impl_->topology();
  return t != nullptr ? t->NameView(id, text) : PeekedName::kUnknown;
}

void Transaction::PrefetchNames(std::span<const EntityId> ids) const {
  if (const Topology* t = impl_->topology())
    for (EntityId id : ids) t->PrefetchName(id);
}

bool Transaction::PeekedNamesUnique() const {
  const Topology* t = impl_->topology();
  return t != nullptr && t->NamesUnique();
}

std::optional<bool> Transaction::PeekLabel(EntityId id, std::string_view label) const {
  const Topology* t = impl_->topology();
  if (t == nullptr) return std::nullopt;
  return t->HasLabel(id, label);
}

Result<std::vector<EntityId>> Transaction::FindByName(std::string_view text) const {
  // From the topology copy's name index when this snapshot has one: built
  // from the same family, it gives the same ids in the same order.
  if (const Topology* t = impl_->topology()) {
    if (auto found = t->FindName(FoldCase(text)))
      return std::vector<EntityId>(found->begin(), found->end());
  }
  std::vector<EntityId> ids;
  KG_RETURN_IF_ERROR(impl_->ScanPrefix(kCfNames, NamePrefix(text), [&](std::string_view key) {
    ids.push_back(ReadU64(key.data() + key.size() - 8));
    return true;
  }));
  // A seek the copy's name index would have served counts towards building
  // the copy, like an adjacency seek: a session of look-ups alone builds it.
  impl_->Miss(1 + ids.size() / 16);
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

// ExpandCached's `keep` for an expansion without a filter. A `keep` gives,
// for each contiguous part of a node's entries, the predicate on an entry's
// position in that part (For(part, out)(j)), so that what the predicate
// reads beside the entries is located once per part, not per entry.
struct KeepEveryEntry {
  auto For(std::span<const Topology::Entry>, bool) const {
    return [](size_t) { return true; };
  }
};

// Expand over the in-memory topology, in the same order as over RocksDB:
// fn(edge, entry) per entry that `keep` keeps (checked before the edge is
// made), until fn returns false.
template <typename Keep, typename Fn>
void ExpandCached(const Topology& t, EntityId node, Direction dir,
                  const std::vector<std::string>& types, const Keep& keep, Fn&& fn) {
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
      const auto kept = keep.For(part, out);
      for (size_t j = 0; j < part.size(); ++j) {
        const Topology::Entry& e = part[j];
        if (kept(j) && !fn(Edge{e.relation, e.other, t.TypeName(e.rank), out}, e)) return false;
      }
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

// ExpandCached's `keep` for a filter decided by the days the copy keeps
// beside each entry: three comparisons, no edge made for a rejected entry.
struct KeepByEntryDays {
  const Topology& t;
  const ClockTable& clocks;
  const EntryBounds& days;
  auto For(std::span<const Topology::Entry> part, bool out) const {
    const size_t base = part.empty() ? 0 : t.EntryIndex(out, part.front());
    // Copies, so that the loop keeps them in registers.
    const EntryClock* c = t.EntryClocks(out) + base;
    const uint32_t* slots = t.ClockSlots(out) + base;
    const ClockTable* table = &clocks;
    const EntryBounds d = days;
    return [c, slots, table, d](size_t j) { return table->AcceptsEntry(c[j], slots + j, d); };
  }
};

// A filtered expansion over the copy by KeepByEntryDays (or by none, when
// `days` keeps every relation of the snapshot): false, having done nothing,
// when the copy keeps no days or they cannot decide `days`.
template <typename Fn>
bool ExpandByEntryDays(const Topology& t, const ClockTable* clocks, const EntryBounds& days,
                       EntityId node, Direction dir, const std::vector<std::string>& types,
                       Fn&& fn) {
  if (clocks == nullptr || t.EntryClocks(true) == nullptr || !days.inline_ok) return false;
  if (t.DaysKeepAll(days)) {
    ExpandCached(t, node, dir, types, KeepEveryEntry{}, std::forward<Fn>(fn));
  } else {
    ExpandCached(t, node, dir, types, KeepByEntryDays{t, *clocks, days}, std::forward<Fn>(fn));
  }
  return true;
}

}  // namespace

Status Transaction::Expand(EntityId node, Direction dir, const std::vector<std::string>& types,
                           const std::function<bool(const Edge&)>& fn) const {
  if (const Topology* t = impl_->topology()) {
    ExpandCached(*t, node, dir, types, KeepEveryEntry{},
                 [&fn](const Edge& e, const Topology::Entry&) { return fn(e); });
    return Status::OK();
  }
  return impl_->ExpandRocks(node, dir, types, nullptr, fn);
}

Status Transaction::Expand(EntityId node, Direction dir, const std::vector<std::string>& types,
                           const RelationFilter& filter,
                           const std::function<bool(const Edge&)>& fn) const {
  if (filter.empty()) return Expand(node, dir, types, fn);
  Status failed;
  // The filter prepared once for the whole expansion, not per entry (a
  // copy: the callback may ask about another filter, which replaces the
  // transaction's prepared one).
  const ClockBounds bounds = impl_->Bounds(filter);
  const ClockTable* table = nullptr;  // set with the topology's slots
  // Decides one edge: from the clock slot beside its topology entry when
  // there is one, else as RelationAccepted does (memory, then the record).
  auto check = [&](const Edge& e, const uint32_t* slots, const Topology* t,
                   const Topology::Entry* entry) {
    std::optional<bool> ok;
    if (slots != nullptr) ok = table->AcceptsSlot(slots[t->EntryIndex(e.outgoing, *entry)], bounds);
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
    table = clocks;
    const uint32_t* out_slots = clocks != nullptr ? t->ClockSlots(true) : nullptr;
    const uint32_t* in_slots = clocks != nullptr ? t->ClockSlots(false) : nullptr;
    const EntryBounds days(bounds);
    // The clock beside each entry decides it before its edge is made;
    // this cannot fail (every entry's relation is in the table).
    if (ExpandByEntryDays(*t, clocks, days, node, dir, types,
                          [&fn](const Edge& e, const Topology::Entry&) { return fn(e); }))
      return Status::OK();
    ExpandCached(*t, node, dir, types, KeepEveryEntry{},
                 [&](const Edge& e, const Topology::Entry& entry) {
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

Status Transaction::Neighbours(EntityId node, Direction dir, const std::vector<std::string>& types,
                               const RelationFilter& filter, std::vector<EntityId>* out) const {
  auto add = [out](const Edge& e, const Topology::Entry&) {
    out->push_back(e.other);
    return true;
  };
  if (const Topology* t = impl_->topology()) {
    if (filter.empty()) {
      ExpandCached(*t, node, dir, types, KeepEveryEntry{}, add);
      return Status::OK();
    }
    // The prepared filter itself, not a copy: nothing here asks about another.
    const ClockTable* clocks = impl_->Clocks();
    const EntryBounds days(impl_->Bounds(filter));
    if (ExpandByEntryDays(*t, clocks, days, node, dir, types, add)) return Status::OK();
  }
  return Expand(node, dir, types, filter, [&add](const Edge& e) { return add(e, {}); });
}

Result<ClockSpan> Transaction::DateSpan() const {
  ClockSpan span;
  if (const ClockTable* clocks = impl_->Clocks()) {
    clocks->Widen(&span);
    return span;
  }
  // Each relation once, at its outgoing entry. A write transaction reads
  // the records: its own writes are in the batch, not in the values read.
  const bool values = !impl_->batch_ && impl_->s_->adj_clocks_;
  Status read;
  KG_RETURN_IF_ERROR(
      impl_->ScanEntries(kCfOut, "", [&](std::string_view key, std::string_view value) {
        AdjKey k;
        if (!DecodeAdjKey(key, &k)) return true;
        RelationClock clock;
        if (!values || !DecodeAdjClock(value, &clock)) {
          Result<RelationClock> record = impl_->GetRelationClock(k.relation);
          if (!record.ok()) {
            read = record.status();
            return false;
          }
          clock = *std::move(record);
        }
        span.Widen(clock);
        return true;
      }));
  KG_RETURN_IF_ERROR(read);
  return span;
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
TxnAccess::PublishedDays TxnAccess::KeptPublished(const Transaction& t) {
  const Transaction::Impl& i = *t.impl_;
  if (i.writable()) return nullptr;
  std::lock_guard<std::mutex> lock(i.s_->published_mu_);
  return i.s_->published_sequence_ == i.sequence_ ? i.s_->published_ : nullptr;
}
void TxnAccess::KeepPublished(const Transaction& t, PublishedDays days) {
  const Transaction::Impl& i = *t.impl_;
  if (i.writable()) return;
  std::lock_guard<std::mutex> lock(i.s_->published_mu_);
  i.s_->published_sequence_ = i.sequence_;
  i.s_->published_ = std::move(days);
}
}  // namespace internal

}  // namespace kg::storage
