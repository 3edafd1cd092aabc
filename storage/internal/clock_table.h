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
  // The clock of `id` as RelationClock::Of gives it; nullopt as above.
  std::optional<RelationClock> Clock(RelationId id) const;

  // Memory held, in bytes.
  size_t bytes() const;
  // How many relations have any clock field (the others cost 4 bytes).
  size_t dated() const { return records_.size(); }

 private:
  // slot_[id]: kAbsent, kUndated, or kFirstRecord + index into records_.
  static constexpr uint32_t kAbsent = 0;
  static constexpr uint32_t kUndated = 1;
  static constexpr uint32_t kFirstRecord = 2;
  enum Has : uint8_t { kFrom = 1, kTo = 2, kSaid = 4 };

  // 32 bytes: the three dates as stored (first day and precision), which of
  // them are present, and 1 + the index into extras_ of a confidence or a
  // source (0: neither; both are rare in dated data, so they live apart).
  struct Record {
    Date valid_from;
    Date valid_to;
    Date said;
    uint32_t extra = 0;
    uint8_t has = 0;
  };
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
