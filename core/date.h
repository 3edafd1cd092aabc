// Calendar dates (proleptic Gregorian, no time zone) stored as days since
// 1970-01-01 plus a precision: a day, or an ISO week, a month or a year whose
// exact day is not known ("April 2025", "1999"). A date of coarser precision
// is stored as the first day of its period (docs/temporal.md, "Dates with
// precision").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kg {

// Ordered from the shortest period to the longest: the order of dates that
// start on the same day (a day, then its week, month, year) follows it.
enum class DatePrecision : uint8_t { kDay = 0, kWeek = 1, kMonth = 2, kYear = 3 };

// "day", "week", "month", "year".
const char* DatePrecisionName(DatePrecision p);
// The inverse of DatePrecisionName; false for anything else.
bool ParseDatePrecision(std::string_view name, DatePrecision* out);

class Date {
 public:
  Date() = default;
  // A day.
  explicit constexpr Date(int32_t days_since_epoch) : days_(days_since_epoch) {}
  // The period of `precision` containing `day` (snapped to its first day:
  // the Monday of an ISO week, the 1st of a month, 1 January of a year).
  static Date Period(Date day, DatePrecision precision);

  // Parses "YYYY-MM-DD" (years 0000..9999, real calendar days only).
  // Anything else is InvalidArgument naming the text. For callers that need
  // a day.
  static Result<Date> Parse(std::string_view text);
  // Parses a date of any precision: "YYYY-MM-DD" (day), "YYYY-Www" (ISO
  // week 01..52/53), "YYYY-MM" (month), "YYYY" (year). InvalidArgument
  // naming the text and the four forms otherwise.
  static Result<Date> ParseWithPrecision(std::string_view text);
  // From a civil date; InvalidArgument if the day does not exist.
  static Result<Date> FromCivil(int year, int month, int day);

  // The first day of the period, as days since 1970-01-01.
  int32_t days() const { return days_; }
  DatePrecision precision() const { return precision_; }
  bool is_day() const { return precision_ == DatePrecision::kDay; }
  // The first and the last day of the period (day precision); a day is
  // its own first and last day.
  Date first_day() const { return Date(days_); }
  Date last_day() const;
  // Civil fields of the first day.
  int year() const;
  int month() const;
  int day() const;

  // The spelling of its precision: "2025-04-16", "2025-W28", "2025-04",
  // "1999"; ParseWithPrecision reads it back.
  std::string ToString() const;

  // Equal: the same period at the same precision ("2025-04" is not
  // "2025-04-01"). Ordered by first day, then by precision (a day before
  // the week, month and year starting on it): a total order, so sorting is
  // deterministic. Cypher's comparison operators use the periods instead
  // (query/compare.cc).
  friend bool operator==(Date a, Date b) = default;
  friend auto operator<=>(Date a, Date b) = default;

 private:
  constexpr Date(int32_t first_day, DatePrecision precision)
      : days_(first_day), precision_(precision) {}

  int32_t days_ = 0;
  DatePrecision precision_ = DatePrecision::kDay;
};

}  // namespace kg
