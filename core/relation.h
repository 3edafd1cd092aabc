// Relations (edges): a typed, directed link with stance, validity and
// provenance held as ordinary properties, read through typed accessors.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"

namespace kg {

using RelationId = uint64_t;

// Property keys with a meaning to kg.
inline constexpr std::string_view kStanceKey = "stance";          // double in [-1, 1]
inline constexpr std::string_view kValidFromKey = "valid_from";   // date, inclusive
inline constexpr std::string_view kValidToKey = "valid_to";       // date, inclusive
inline constexpr std::string_view kSourceKey = "source";          // document it came from
inline constexpr std::string_view kQuoteKey = "quote";            // verbatim text
inline constexpr std::string_view kSpeakerKey = "speaker";        // who said it
inline constexpr std::string_view kDateKey = "date";              // date of the statement
inline constexpr std::string_view kConfidenceKey = "confidence";  // double in [0, 1]

struct Relation {
  RelationId id = 0;
  std::string type;
  EntityId start = 0;
  EntityId end = 0;
  PropertyMap properties;

  const Value* Find(std::string_view key) const;
  // Typed views; nullopt when absent or of another type (ints count as doubles).
  std::optional<double> stance() const;
  std::optional<double> confidence() const;
  std::optional<Date> valid_from() const;
  std::optional<Date> valid_to() const;
  // The string property, or "" when absent.
  std::string_view StringProperty(std::string_view key) const;
  // The statement date (`date`): when the relation was said.
  std::optional<Date> said() const;
  // Held on some day of `when` (a day, or a week/month/year: some day of
  // it): false only when `when` lies wholly before the first day of
  // valid_from's period or wholly after the last day of valid_to's. Open
  // ends count as unbounded (docs/temporal.md, "Dates with precision").
  bool ValidAt(Date when) const;
  // Held on every day of `when` under every reading of imprecise bounds:
  // `when` starts on or after the last day of valid_from's period and ends
  // on or before the first day of valid_to's. For day bounds and a day
  // this is ValidAt.
  bool CertainAt(Date when) const;

  friend bool operator==(const Relation&, const Relation&) = default;
};

// Which relations a read follows: the two clocks and a confidence floor
// (docs/temporal.md). Empty: every relation.
struct RelationFilter {
  // Valid time: only relations that held on some day of this date's period
  // (Relation::ValidAt).
  std::optional<Date> valid_at;
  // Said time: only relations stated by the last day of this date's period.
  // A relation's said date is its `date`; without one, the earliest
  // publication date of its sources in `source_published`; with neither it
  // has no said time and is kept (a hand-entered fact, not a statement). A
  // said or published date of month or year precision counts by its last day.
  std::optional<Date> known_at;
  // Only relations whose `confidence` is at least this; a relation without
  // one counts as certain (1.0).
  std::optional<double> min_confidence;
  // Source id -> its publication date, at its precision (a month or a year
  // counts as published by its last day); read only with known_at.
  std::shared_ptr<const std::map<std::string, Date, std::less<>>> source_published;

  bool empty() const { return !valid_at && !known_at && !min_confidence; }
  bool Accepts(const Relation& relation) const;
  // KnownAt alone: said by the last day of `day` (as above).
  bool KnownAt(const Relation& relation, Date day) const;
};

// An alternating walk n0 -r0- n1 -r1- ... ; rels.size() == nodes.size() - 1
// (a zero-length path has one node). A relationship's direction is given by its
// start/end ids.
struct Path {
  std::vector<Entity> nodes;
  std::vector<Relation> rels;

  friend bool operator==(const Path&, const Path&) = default;
};

}  // namespace kg
