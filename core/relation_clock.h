// The few properties of a relation that RelationFilter reads (validity, said
// date, confidence, sources), apart from the rest of its record: storage can
// hand them out without decoding a whole Relation with its PropertyMap, and
// traversals check each edge against the two clocks at that cost
// (docs/temporal.md, "Speed").
#pragma once

#include <optional>

#include "core/relation.h"

namespace kg {

struct RelationClock {
  // Each as the Relation accessor of the same name returns it.
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  std::optional<Date> said;
  std::optional<double> confidence;
  // The `source` property as stored (a string or a list); null when absent.
  Value source;

  static RelationClock Of(const Relation& relation);
  friend bool operator==(const RelationClock&, const RelationClock&) = default;
};

// Whether `key` is one of the properties RelationClock::Of reads: a
// relation with none of them has an empty clock (RelationClock{}).
constexpr bool IsClockKey(std::string_view key) {
  return key == kValidFromKey || key == kValidToKey || key == kDateKey || key == kConfidenceKey ||
         key == kSourceKey;
}

// RelationFilter::Accepts for the clock alone: the same rules, the same
// code (core/entity.cc), so both always agree.
// The dates a set of relations mention, for each clock field: the date
// whose period begins first and the one whose period ends last (a month
// "2025-04" begins before the day 2025-04-02 and ends after it). What the
// explorer's time slider spans (GET /v1/dates, `kg stats --dates`).
struct DateRange {
  std::optional<Date> first;
  std::optional<Date> last;
  void Widen(const Date& d);
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

struct ClockSpan {
  DateRange valid_from;
  DateRange valid_to;
  DateRange said;
  uint64_t dated = 0;  // relations with at least one of the three dates
  void Widen(const RelationClock& clock);
  friend bool operator==(const ClockSpan&, const ClockSpan&) = default;
};

bool FilterAccepts(const RelationFilter& filter, const RelationClock& clock);
// The same over the clock's parts (`source`: the `source` value, or null
// when absent), for callers that keep clocks in a more compact form
// (storage's clock table).
bool FilterAccepts(const RelationFilter& filter, const std::optional<Date>& valid_from,
                   const std::optional<Date>& valid_to, const std::optional<Date>& said,
                   const std::optional<double>& confidence, const Value* source);

}  // namespace kg
