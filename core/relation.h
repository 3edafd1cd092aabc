// Relations (edges): a typed, directed link with stance, validity and
// provenance held as ordinary properties, read through typed accessors.
#pragma once

#include <cstdint>
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
  // True unless `day` lies outside [valid_from, valid_to] (open ends count as unbounded).
  bool ValidAt(Date day) const;

  friend bool operator==(const Relation&, const Relation&) = default;
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
