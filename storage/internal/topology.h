// An immutable in-memory copy of the graph's structure as of one RocksDB
// sequence number: both adjacency directions as compressed sparse rows, the
// `name` and the labels of every entity. Traversals that touch many nodes (two hops,
// variable-length expansion, shortest paths, analytics) read it instead of
// seeking RocksDB once per node and once per name.
//
// The store builds one lazily, from a read transaction's snapshot, once the
// reads done through RocksDB since the last build would have paid for it
// (see TopologyCache), and only within a memory budget. A transaction uses it
// only when its snapshot is exactly the one it was built from, so it never
// changes what any read returns: a commit moves the sequence number on and
// later readers go back to RocksDB until the next build.
#pragma once

#include <rocksdb/db.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/value.h"
#include "storage/internal/clock_table.h"
#include "storage/internal/name_index.h"
#include "storage/store.h"

namespace kg::storage::internal {

struct TypeRanks;

class Topology {
 public:
  // One adjacency entry: the neighbour, the relation and the rank of the
  // relation type's name among all type names (entries of a node are sorted
  // by rank, neighbour, relation: the order Transaction::Expand promises).
  struct Entry {
    uint32_t other;
    uint32_t relation;
    uint32_t rank;
  };

  // Builds the copy at `ro`'s snapshot (whose sequence number is `sequence`),
  // where every entity id is below `entity_bound` and every relation id below
  // `relation_bound`. Returns null when it would need more than
  // `budget_bytes` or when ids do not fit in 32 bits.
  static Result<std::shared_ptr<const Topology>> Build(const Store::Impl& store,
                                                       const rocksdb::ReadOptions& ro,
                                                       uint64_t sequence, uint64_t entity_bound,
                                                       uint64_t relation_bound,
                                                       size_t budget_bytes);

  // A rough size of the copy for this many entities (highest id + 1),
  // relations and type names, in bytes.
  static size_t EstimateBytes(uint64_t id_bound, uint64_t relations);

  uint64_t sequence() const { return sequence_; }
  size_t bytes() const;
  // What the copy holds now (kg stats): its structure, names, labels and
  // name index, the clocks' source values until the clock table replaces them,
  // then the table and the entries' clock slots and days.
  size_t held_bytes() const;

  bool Contains(uint64_t id) const { return id < names_.size() && names_[id].tag != kAbsent; }
  // Adjacency of `id` (empty when absent).
  std::span<const Entry> Out(uint64_t id) const { return Row(out_offsets_, out_, id); }
  std::span<const Entry> In(uint64_t id) const { return Row(in_offsets_, in_, id); }
  // The entries of `row` whose type has this rank (a contiguous range).
  static std::span<const Entry> OfRank(std::span<const Entry> row, uint32_t rank);

  // The rank of a type name; nullopt when no relation type has that name.
  std::optional<uint32_t> Rank(std::string_view type) const;
  std::string_view TypeName(uint32_t rank) const { return type_names_[rank]; }

  // The entity's `name` property: null when it has none, a string when it is
  // one; nullopt when the entity is absent or its name is not a string (the
  // record must be read).
  std::optional<Value> Name(uint64_t id) const;
  // Name without a copy, as Transaction::PeekName gives it: kString with
  // `*text` viewing the name, kNull for an entity without one, kUnknown
  // where Name gives nullopt.
  using PeekedName = Transaction::PeekedName;
  PeekedName NameView(uint64_t id, std::string_view* text) const {
    if (id >= names_.size()) return PeekedName::kUnknown;
    const NameSlot& slot = names_[id];
    if (slot.tag < sizeof slot.text) {
      *text = {slot.text, slot.tag};
      return PeekedName::kString;
    }
    if (slot.tag == kLong) {
      *text = LongName(slot);
      return PeekedName::kString;
    }
    return slot.tag == kNoName ? PeekedName::kNull : PeekedName::kUnknown;
  }
  // Asks the processor to bring the entity's name slot into the cache: a
  // caller that knows the next names it will read (a batch of end nodes)
  // overlaps their cache misses instead of waiting on each in turn.
  void PrefetchName(uint64_t id) const {
    if (id < names_.size()) __builtin_prefetch(&names_[id]);
  }
  // Whether no two entities of the snapshot have the same string as their
  // name (the empty string included; entities without a name or with a
  // name that is not a string do not count). Worked out by the first call
  // (thread-safe) and kept: a DISTINCT over the names of distinct nodes
  // can then keep every name without comparing them.
  bool NamesUnique() const;

  // Whether the entity has `label`, as its record says; nullopt when the
  // entity is absent or the copy holds no labels (more distinct label sets
  // than it counts): then read the record.
  std::optional<bool> HasLabel(uint64_t id, std::string_view label) const;

  // The ids of the entities whose name or an alias folds to `folded`
  // (FoldCase'd text), in id order: what Transaction::FindByName's scan of
  // the names family at this snapshot returns. nullopt when the copy has no
  // name index or it cannot answer for this text (then scan the family).
  std::optional<std::span<const uint32_t>> FindName(std::string_view folded) const {
    return name_index_.Find(folded);
  }

  // The clock of every relation at this snapshot (clock_table.h), built by
  // the first call from `ro`, a read of this same snapshot (thread-safe:
  // concurrent callers wait for that one build). Null when it does not fit
  // in what the budget leaves after the topology, or when the build failed:
  // readers then go to RocksDB.
  const ClockTable* Clocks(const Store::Impl& store, const rocksdb::ReadOptions& ro) const;
  // With Clocks built: the clock table's slot (ClockTable::SlotOf) of each
  // entry of Out (out = true) or In, indexed as the entries from the
  // start of their family (EntryIndex); null when the table is absent or the
  // slots did not fit in the budget. A filtered expansion reads them beside
  // the entries it walks, instead of looking each relation up by id.
  const uint32_t* ClockSlots(bool out) const {
    return clocks_built_.load(std::memory_order_acquire) && !out_slots_.empty()
               ? (out ? out_slots_.data() : in_slots_.data())
               : nullptr;
  }
  // With ClockSlots: each entry's EntryClock, indexed as the slots; null
  // when they did not fit in the budget or some relation is not in the
  // table. A filtered expansion whose filter EntryBounds can decide
  // compares these instead of reading each dated relation's record.
  const EntryClock* EntryClocks(bool out) const {
    return clocks_built_.load(std::memory_order_acquire) && !out_clocks_.empty()
               ? (out ? out_clocks_.data() : in_clocks_.data())
               : nullptr;
  }
  // With EntryClocks: whether `b` keeps every relation of the snapshot (no
  // entry's days fall outside its bounds, and no entry asks its record), so
  // that a filtered expansion need not look at the days at all.
  bool DaysKeepAll(const EntryBounds& b) const {
    return b.inline_ok && days_hull_.from <= b.valid_last && days_hull_.to >= b.valid_first &&
           days_hull_.said <= b.known_last;
  }
  size_t EntryIndex(bool out, const Entry& e) const {
    return static_cast<size_t>(&e - (out ? out_.data() : in_.data()));
  }
  // The clock table when some call of Clocks has built it, else null.
  const ClockTable* built_clocks() const {
    return clocks_built_.load(std::memory_order_acquire) ? clocks_.get() : nullptr;
  }

 private:
  // The non-empty values of the out family (the clocks of dated relations),
  // kept from the build until the clock table is made from them.
  struct DatedValues {
    std::vector<uint32_t> ids;  // relation ids
    std::vector<size_t> ends;   // end of each value in `text`
    std::string text;
    size_t bytes() const { return ids.capacity() * 4 + ends.capacity() * 8 + text.capacity(); }
    void Swap(DatedValues* o) {
      ids.swap(o->ids);
      ends.swap(o->ends);
      text.swap(o->text);
    }
  };
  static Result<bool> ReadAdjacency(const Store::Impl& s, int cf, const rocksdb::ReadOptions& ro,
                                    const TypeRanks& ranks, uint64_t bound,
                                    std::vector<uint32_t>* offsets, std::vector<Entry>* entries,
                                    DatedValues* dated);
  // The clock table from dated_ and out_; null over the budget or when a
  // value is opaque.
  std::unique_ptr<const ClockTable> ClocksFromValues() const;
  // Fills out_slots_ and in_slots_ from the built table, when they fit,
  // and then out_clocks_ and in_clocks_, when those fit too.
  void FillClockSlots() const;
  // Reads every entity's name and label set.
  Status ReadNames(const Store::Impl& s, const rocksdb::ReadOptions& ro, uint64_t bound);
  size_t LabelBytes() const;
  static std::span<const Entry> Row(const std::vector<uint32_t>& offsets,
                                    const std::vector<Entry>& entries, uint64_t id) {
    if (id + 1 >= offsets.size()) return {};
    return {entries.data() + offsets[id], entries.data() + offsets[id + 1]};
  }

  uint64_t sequence_ = 0;
  std::vector<uint32_t> out_offsets_, in_offsets_;
  std::vector<Entry> out_, in_;
  std::vector<std::string_view> type_names_;  // by rank; views into the store's dictionary
  // Names: one 16-byte slot per id, so that reading a name costs one
  // cache line. A name of up to 15 bytes is held in its slot; a longer one
  // in name_text_, at the offset and of the length its slot holds. `tag`
  // is the inline name's length (0..15) or one of the kinds below.
  enum : uint8_t { kLong = 0xfc, kOther = 0xfd, kNoName = 0xfe, kAbsent = 0xff };
  struct NameSlot {
    char text[15];
    uint8_t tag;
  };
  static_assert(sizeof(NameSlot) == 16);
  // The name a kLong slot points to in name_text_.
  std::string_view LongName(const NameSlot& slot) const {
    uint32_t at[2];
    std::memcpy(at, slot.text, sizeof at);
    return {name_text_.data() + at[0], at[1]};
  }
  std::vector<NameSlot> names_;
  std::string name_text_;
  mutable std::once_flag names_unique_once_;
  mutable bool names_unique_ = false;
  // Folded names and aliases to ids (FindName); left unbuilt when the names
  // family held what the index cannot answer for.
  NameIndex name_index_;
  // Labels: each id's label set (label_set_; set 0 has none, and absent
  // ids have it too), each set's label ids set_labels_[set_ends_[s]..
  // set_ends_[s + 1]], and the label names by id. Left empty when there
  // were too many sets.
  std::vector<uint16_t> label_set_;
  std::vector<uint32_t> set_ends_;
  std::vector<uint32_t> set_labels_;
  std::vector<std::string> label_names_;
  // The clock table: built once, on demand (Clocks).
  uint64_t relation_bound_ = 0;
  size_t clock_budget_ = 0;  // what the budget leaves after the topology
  size_t built_bytes_ = 0;   // bytes() when built, and dated_'s share of it
  size_t dated_bytes_ = 0;
  mutable std::once_flag clocks_once_;
  mutable std::unique_ptr<const ClockTable> clocks_;
  mutable std::atomic<bool> clocks_built_{false};
  bool clocks_in_values_ = false;                       // the out values hold the clocks (dated_)
  mutable DatedValues dated_;                           // freed once the clock table is built
  mutable std::vector<uint32_t> out_slots_, in_slots_;  // ClockSlots
  mutable std::vector<EntryClock> out_clocks_, in_clocks_;  // EntryClocks
  // The latest valid_from, the earliest valid_to and the latest said day
  // of all EntryClocks (DaysKeepAll); set with them.
  mutable EntryClock days_hull_{INT32_MAX, INT32_MIN, EntryClock::kAskSaid};  // keeps none
};

// The store's current Topology and the policy that decides when to build one.
// Thread-safe.
class TopologyCache {
 public:
  // At most `budget_bytes` for a copy (0 disables the cache); build after
  // `build_after` misses, or (0) after as many as a build of the graph costs.
  void Configure(size_t budget_bytes, uint64_t build_after);
  // The graph's size (highest ids) that the automatic threshold follows; the
  // store calls it on open and after every write.
  void SetGraphSize(uint64_t entity_bound, uint64_t relation_bound);

  // Bytes held by the current copy's clock table (0 when none is built).
  size_t clock_bytes() const;
  // Bytes held by the current copy, clock table included (0 when none is
  // built): Topology::held_bytes.
  size_t held_bytes() const;
  // The budget given to Configure, and what a copy of the graph of the
  // last SetGraphSize would take (Topology::EstimateBytes).
  size_t budget() const { return budget_; }
  size_t estimate_bytes() const {
    return Topology::EstimateBytes(entity_bound_.load(), relation_bound_.load());
  }

  // Grows each time a copy is published (0: none yet).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // The copy for a transaction at `sequence`, or null.
  std::shared_ptr<const Topology> Get(uint64_t sequence) const;

  // Counts `n` reads served by RocksDB that the copy could have served. When
  // they add up to what a build costs (ski rental: then the build at most
  // doubles the work), builds a copy at `ro` and returns it; else null.
  Result<std::shared_ptr<const Topology>> NoteMisses(uint64_t n, const Store::Impl& store,
                                                     const rocksdb::ReadOptions& ro,
                                                     uint64_t sequence);
  // Builds the copy at `ro` (sequence `sequence`) now, whatever the reads
  // so far, unless there is one or the budget refused this snapshot's;
  // waits for a build already running. Null when none fits.
  Result<std::shared_ptr<const Topology>> Warm(const Store::Impl& store,
                                               const rocksdb::ReadOptions& ro, uint64_t sequence);

 private:
  // The build itself; build_mu_ is held.
  Result<std::shared_ptr<const Topology>> BuildLocked(const Store::Impl& store,
                                                      const rocksdb::ReadOptions& ro,
                                                      uint64_t sequence);

  mutable std::mutex mu_;
  std::shared_ptr<const Topology> current_;
  std::mutex build_mu_;
  std::atomic<uint64_t> misses_{0};
  std::atomic<uint64_t> generation_{0};
  std::atomic<uint64_t> threshold_{UINT64_MAX};
  std::atomic<uint64_t> entity_bound_{0};
  std::atomic<uint64_t> relation_bound_{0};
  std::atomic<uint64_t> declined_at_{UINT64_MAX};  // sequence whose build the budget refused
  size_t budget_ = 0;
  uint64_t build_after_ = 0;
};

}  // namespace kg::storage::internal
