// An immutable in-memory copy of every relation's clock (RelationClock:
// validity, said date, confidence, sources) as of one snapshot, so that a
// traversal under --valid-at / --known-at / --as-of / --min-confidence
// checks each edge with an array lookup instead of a RocksDB read of the
// relation record (docs/storage.md, "Clock table").
//
// It belongs to a Topology (same snapshot, same lifetime) and is built the
// first time a filtered read asks that Topology for it: a session that
// never filters never pays for it.
#pragma once

#include <rocksdb/db.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/relation.h"
#include "core/relation_clock.h"
#include "core/result.h"
#include "storage/store.h"

namespace kg::storage::internal {

// A RelationFilter prepared for many edge checks: the days its dates
// bound, computed once (a period's last day is a calendar computation).
// Holds a pointer to the filter, which must outlive it.
struct ClockBounds {
  explicit ClockBounds(const RelationFilter& f);
  // Whether these bounds were prepared from a filter equal to `f`.
  bool Matches(const RelationFilter& f) const;
  // FilterAccepts(*filter, clock), from the bounds.
  bool Accepts(const RelationClock& clock) const;

  const RelationFilter* filter;
  // What the bounds were made from (Matches).
  std::optional<Date> valid_at, known_at;
  std::optional<double> floor_at;
  const void* published = nullptr;
  bool valid = false;  // valid_at set: held on some day of [valid_first, valid_last]
  int32_t valid_first = 0, valid_last = 0;
  bool known = false;  // known_at set: said by known_last
  int32_t known_last = 0;
  bool floor = false;  // min_confidence set
  double min_confidence = 0;
  bool undated_ok = true;  // the verdict for a relation without any clock field
};

// The last day of `d`'s period, as days since 1970-01-01 (without the
// calendar computation for a day, the common case).
inline int32_t LastDay(Date d) { return d.is_day() ? d.days() : d.last_day().days(); }

// A relation's clock as the topology copy keeps it beside each adjacency
// entry, so that a filter of days decides the entry with three integer
// comparisons and no look-up: a date absent is the day that passes every
// bound (the first day of valid_from, the last of valid_to and of the said
// date). kAskSaid marks a relation without a said date but with sources
// (known-at then asks its record in the table).
struct EntryClock {
  static constexpr int32_t kAskSaid = INT32_MAX;
  int32_t from = INT32_MIN;  // first day of valid_from
  int32_t to = INT32_MAX;    // last day of valid_to
  int32_t said = INT32_MIN;  // last day of the said date, or kAskSaid
};

// ClockBounds as EntryClock compares them: a bound not set is the day that
// passes every clock. `inline_ok` is false for the filters an EntryClock
// cannot decide (a confidence floor; a known-at whose last day is the
// sentinel itself): those go through ClockTable::AcceptsSlot.
struct EntryBounds {
  explicit EntryBounds(const ClockBounds& b)
      : bounds(&b),
        inline_ok(!b.floor && !(b.known && b.known_last == EntryClock::kAskSaid)),
        valid_first(b.valid ? b.valid_first : INT32_MIN),
        valid_last(b.valid ? b.valid_last : INT32_MAX),
        known_last(b.known ? b.known_last : INT32_MAX) {}
  const ClockBounds* bounds;
  bool inline_ok;
  int32_t valid_first, valid_last, known_last;
};

class ClockTable {
 public:
  // Reads every relation record of `ro`'s snapshot (ids below
  // `relation_bound`) and keeps its clock. Null when the table would need
  // more than `budget_bytes`, when an id does not fit, or when a record
  // does not decode or holds another id (readers then go to RocksDB, which
  // reports the fault on the record that has it).
  static Result<std::unique_ptr<const ClockTable>> Build(const Store::Impl& store,
                                                         const rocksdb::ReadOptions& ro,
                                                         uint64_t relation_bound,
                                                         size_t budget_bytes);
  // The table of these clocks, by relation id (for tests of the table alone).
  static std::unique_ptr<const ClockTable> FromClocks(
      const std::vector<std::pair<RelationId, RelationClock>>& clocks, uint64_t relation_bound);

  // A table being filled from adjacency values (the topology cache's scan):
  // no relation until Set; for building only, before the table is shared.
  static std::unique_ptr<ClockTable> Empty(uint64_t relation_bound);
  // Relation `id` (below the bound) exists, with this clock.
  void Set(RelationId id, const RelationClock& clock);

  // Whether relation `id` passes `filter` (FilterAccepts on its clock);
  // nullopt when the table does not hold `id` (no such relation in the
  // snapshot): the caller reads RocksDB, which says NotFound.
  std::optional<bool> Accepts(RelationId id, const RelationFilter& filter) const;
  // The same with the filter prepared: a slot and a record read and a few
  // integer comparisons (the filter's sources are looked up only for a
  // relation with sources and no said date).
  std::optional<bool> Accepts(RelationId id, const ClockBounds& bounds) const {
    return AcceptsSlot(SlotOf(id), bounds);
  }
  // Where the table keeps `id`'s clock (kAbsent when it holds no `id`): the
  // topology cache keeps it beside each adjacency entry, so that a filtered
  // expansion does not look the relation up by id.
  static constexpr uint32_t kAbsent = 0;
  uint32_t SlotOf(RelationId id) const { return id < slot_.size() ? slot_[id] : kAbsent; }
  // Accepts for the relation at `slot` (nullopt for kAbsent).
  std::optional<bool> AcceptsSlot(uint32_t slot, const ClockBounds& bounds) const {
    if (slot == kAbsent) return std::nullopt;
    if (slot == kUndated) return bounds.undated_ok;
    return RecordAccepts(records_[slot - kFirstRecord], bounds);
  }
  // The clock the topology copy keeps beside an entry whose relation is at
  // `slot`; nullopt for kAbsent.
  std::optional<EntryClock> EntryClockAt(uint32_t slot) const;
  // AcceptsSlot(*slot, *b.bounds) for an entry whose EntryClock is `c`
  // (b.inline_ok must hold): the comparisons alone, and the record (at the
  // slot, read only then) for a relation known by its sources.
  bool AcceptsEntry(const EntryClock& c, const uint32_t* slot, const EntryBounds& b) const {
    if (c.from > b.valid_last || c.to < b.valid_first) return false;
    if (c.said <= b.known_last) return true;
    return c.said == EntryClock::kAskSaid && AcceptsSlot(*slot, *b.bounds).value_or(false);
  }
  // The clock of `id` as RelationClock::Of gives it; nullopt as above.
  std::optional<RelationClock> Clock(RelationId id) const;

  // Widens `span` by every clock the table holds.
  void Widen(ClockSpan* span) const;
  // Memory held, in bytes.
  size_t bytes() const;
  // How many relations have any clock field (the others cost 4 bytes).
  size_t dated() const { return records_.size(); }

 private:
  // slot_[id]: kAbsent, kUndated, or kFirstRecord + index into records_.
  static constexpr uint32_t kUndated = 1;
  static constexpr uint32_t kFirstRecord = 2;
  enum Has : uint8_t { kFrom = 1, kTo = 2, kSaid = 4 };

  // 28 bytes: the first day of each date present (which are: `has`), the
  // precision of each (2 bits apiece), the last days that Accepts compares
  // (valid_to's and said's), and 1 + the index into extras_ of a confidence
  // or a source (0: neither; both are rare in dated data, so they live
  // apart).
  struct Record {
    int32_t from_first = 0;
    int32_t to_first = 0;
    int32_t said_first = 0;
    int32_t to_last = 0;
    int32_t said_last = 0;
    uint32_t extra = 0;
    uint8_t has = 0;
    uint8_t precisions = 0;  // from | to << 2 | said << 4
  };
  bool RecordAccepts(const Record& r, const ClockBounds& b) const {
    if (b.valid && (((r.has & kFrom) && r.from_first > b.valid_last) ||
                    ((r.has & kTo) && r.to_last < b.valid_first)))
      return false;
    if (b.known) {
      if (r.has & kSaid) {
        if (r.said_last > b.known_last) return false;
      } else if (r.extra != 0 && !extras_[r.extra - 1].source.is_null()) {
        return FilterAccepts(*b.filter, ClockOf(r));  // by its sources' publication
      }
    }
    if (b.floor) {
      // No confidence counts as 1.0.
      const double c = r.extra != 0 ? extras_[r.extra - 1].confidence.value_or(1.0) : 1.0;
      if (c < b.min_confidence) return false;
    }
    return true;
  }
  RelationClock ClockOf(const Record& r) const;
  struct Extra {
    std::optional<double> confidence;
    Value source;  // null when absent
  };

  // Records of a range of ids being read; slots are set in the table's
  // slot array, with record and extra indices local to the part.
  struct Part {
    Part(uint32_t* table_slots, uint64_t slots) : slot(table_slots), bound(slots) {}
    uint32_t* slot;
    uint64_t bound;  // slot's size
    std::vector<Record> records;
    std::vector<Extra> extras;
    size_t extra_bytes = 0;
    void Add(RelationId id, const RelationClock& clock) {
      AddRecord(slot, &records, &extras, &extra_bytes, id, clock);
    }
    size_t bytes() const { return records.size() * sizeof(Record) + extras.size() * sizeof(Extra); }
  };
  // Sets slot[id] for `clock`, appending its record and extra if it has any.
  static void AddRecord(uint32_t* slot, std::vector<Record>* records, std::vector<Extra>* extras,
                        size_t* extra_bytes, RelationId id, const RelationClock& clock);
  // Reads the records of the ids in [lo, hi) into `part`. False when a
  // record does not decode, holds another id or an id at or beyond the
  // bound, or the part alone exceeds `budget_bytes`.
  static Result<bool> ScanPart(const Store::Impl& s, rocksdb::ReadOptions ro, uint64_t lo,
                               uint64_t hi, size_t budget_bytes, Part* part);
  // Appends a part's records and extras (shifting the part's slots in
  // [lo, hi) by what the table held before).
  void Join(Part&& part, uint64_t lo, uint64_t hi);
  static bool Undated(const RelationClock& c) {
    return !c.valid_from && !c.valid_to && !c.said && !c.confidence && c.source.is_null();
  }

  std::vector<uint32_t> slot_;
  std::vector<Record> records_;
  std::vector<Extra> extras_;
  size_t extra_bytes_ = 0;  // heap held by sources in extras_ (estimated)
};

}  // namespace kg::storage::internal
