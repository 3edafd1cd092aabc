// Random relation clocks for the clock tables' tests (clock_table_test,
// entry_clock_test): dates of every precision, confidences, and sources
// named alone or in a list, one of them ("c") without a publication date.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/relation.h"
#include "core/relation_clock.h"

namespace kg::storage::test_clocks {

using PublishedDays = std::map<std::string, Date, std::less<>>;

// A day in 2011-2019, or the day's month, quarter or year period.
inline Date RandomDate(std::mt19937_64& rng) {
  Date day(static_cast<int32_t>(rng() % 3000) + 15000);
  auto p = static_cast<DatePrecision>(rng() % 4);
  return p == DatePrecision::kDay ? day : Date::Period(day, p);
}

// The publication days of sources "a" and "b".
inline std::shared_ptr<PublishedDays> RandomPublished(std::mt19937_64& rng) {
  auto published = std::make_shared<PublishedDays>();
  (*published)["a"] = RandomDate(rng);
  (*published)["b"] = RandomDate(rng);
  return published;
}

// Clocks of relations 0 .. n-1: each date present half the time, a
// confidence and a source ("a" or "c") a quarter, the list ["b", "a"] an
// eighth.
inline std::vector<std::pair<RelationId, RelationClock>> RandomClocks(std::mt19937_64& rng,
                                                                      RelationId n) {
  std::vector<std::pair<RelationId, RelationClock>> clocks;
  for (RelationId id = 0; id < n; ++id) {
    RelationClock c;
    if (rng() % 2) c.valid_from = RandomDate(rng);
    if (rng() % 2) c.valid_to = RandomDate(rng);
    if (rng() % 2) c.said = RandomDate(rng);
    if (rng() % 4 == 0) c.confidence = static_cast<double>(rng() % 11) / 10.0;
    if (rng() % 4 == 0) c.source = Value(std::string(rng() % 2 ? "a" : "c"));
    if (rng() % 8 == 0)
      c.source = Value(ValueList{Value(std::string("b")), Value(std::string("a"))});
    clocks.emplace_back(id, c);
  }
  return clocks;
}

}  // namespace kg::storage::test_clocks
