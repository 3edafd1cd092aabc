// Calendar dates (proleptic Gregorian, no time zone) stored as days since
// 1970-01-01, so they compare and sort as integers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kg {

class Date {
 public:
  Date() = default;
  explicit constexpr Date(int32_t days_since_epoch) : days_(days_since_epoch) {}

  // Parses "YYYY-MM-DD" (years 0000..9999, real calendar days only).
  // Anything else is InvalidArgument naming the text.
  static Result<Date> Parse(std::string_view text);
  // The last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a day is its own
  // last day): by when something dated with that precision had happened.
  // InvalidArgument for anything else.
  static Result<Date> ParseLastDay(std::string_view text);
  // From a civil date; InvalidArgument if the day does not exist.
  static Result<Date> FromCivil(int year, int month, int day);

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;

  // "YYYY-MM-DD".
  std::string ToString() const;

  friend bool operator==(Date a, Date b) = default;
  friend auto operator<=>(Date a, Date b) = default;

 private:
  int32_t days_ = 0;
};

}  // namespace kg
