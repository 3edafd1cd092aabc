// Each relation's clock (core/relation_clock.h: validity, said date,
// confidence, source) kept in the values of its two adjacency entries, so
// that a traversal under --valid-at / --known-at / --as-of checks an edge
// from the entry it already reads, without reading the relation record, and
// the topology cache fills its clock table from the adjacency scans it
// already makes (docs/storage.md, "Clocks in the adjacency values").
//
// The value is empty for a relation without any clock field (the common
// case: an undated graph pays nothing), else a compact encoding:
//   flags(1)                  kFrom | kTo | kSaid | kConfidence | kSourceText
//                             | kSourceList | kOpaque
//   per date present          varint(zigzag(first day) << 2 | precision)
//   confidence                8 bytes, the IEEE double, little-endian
//   source text               varint length, bytes
//   source list of texts      varint count, then each as a source text
// kOpaque alone: a source value of another shape (a number, a list holding
// a non-text...): readers read the record for that relation.
//
// A database written before values carried clocks lacks the meta mark
// kMetaAdjacencyClocks: its readers read records as before, and its first
// writable open fills the values (in batches) and then sets the mark.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/relation.h"
#include "core/relation_clock.h"
#include "core/status.h"
#include "storage/internal/clock_table.h"
#include "storage/store.h"

namespace kg::storage::internal {

// The adjacency value of a relation with this clock ("" when it has none).
std::string EncodeAdjClock(const RelationClock& clock);
inline std::string AdjClockOf(const Relation& relation) {
  return EncodeAdjClock(RelationClock::Of(relation));
}

// Decodes an adjacency value into `clock`. False when the value is opaque or
// malformed: the caller reads the relation record instead.
bool DecodeAdjClock(std::string_view value, RelationClock* clock);

// ClockBounds::Accepts on the clock of an adjacency value, read straight
// from its day numbers without building a RelationClock (a filtered scan
// asks this for every entry it reads). nullopt when the value holds a
// source, is opaque or is malformed: the caller decodes it in full
// (DecodeAdjClock) or reads the record, as before.
std::optional<bool> AdjValueAccepts(std::string_view value, const ClockBounds& bounds);

// The clocks of the edges a read transaction's uncached expansions met,
// from their adjacency values, so that Transaction::RelationAccepted answers
// for them without a record read. Callers check an edge soon after
// expanding it; the memo keeps the last ~65,000 and then starts over
// (forgotten ones are read from their records: slower, never different).
// Noting costs a slot in a flat table and, for a dated relation, a copy of
// its value's few bytes: values are decoded only when asked about.
class EdgeClockMemo {
 public:
  // Keeps the clock in `value` for relation `id` (never 0).
  void Note(RelationId id, std::string_view value);
  // Whether `id` passes the filter of `bounds` by its kept clock; nullopt
  // when none is kept (not noted, forgotten, or its value is opaque or
  // malformed).
  std::optional<bool> Accepts(RelationId id, const ClockBounds& bounds) const;

 private:
  static constexpr size_t kMax = 1 << 16;
  struct Slot {
    RelationId id = 0;   // 0: empty
    uint32_t begin = 0;  // the value is text_[begin, end): empty when undated
    uint32_t end = 0;
  };
  const Slot* Find(RelationId id) const;
  void Grow();
  static size_t Hash(RelationId id) {
    id *= 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(id ^ (id >> 29));
  }

  std::vector<Slot> slots_;  // open addressing, at most half full
  size_t size_ = 0;
  std::string text_;
};

}  // namespace kg::storage::internal

namespace kg::storage::internal {

// At open: notes whether the database's adjacency values carry clocks (the
// kMetaAdjacencyClocks mark). A writable open of a database without the
// mark fills the values first, in batches of relations, then sets the mark
// in a last synced write (a crash in between leaves correct values and no
// mark: the next open finishes the work).
Status LoadAdjacencyClocks(Store::Impl* impl);

// For tests: makes the database look as one written by a kg of format
// `version` (1 or 2, keys.h): every relation record plain, and for 1 every
// adjacency value emptied and the mark removed. The store must be reopened
// for its readers to see the change.
Status RewriteAsOlderFormat(Store& store, uint32_t version);

}  // namespace kg::storage::internal
