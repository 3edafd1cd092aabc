// openCypher's temporal values besides DATE (core/date.h): LOCAL TIME,
// ZONED TIME, LOCAL DATETIME, ZONED DATETIME and DURATION, with the ISO 8601
// text forms openCypher reads and writes.
//
// A TimeValue keeps its local fields (what a clock on the wall showed) plus,
// for the zoned kinds, the offset from UTC and optionally a named zone of the
// system tz database (core/timezone.h), so it prints as it was written and
// compares by instant. 24 bytes: a Value holds it inline.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace kg {

enum class TimeKind : uint8_t { kLocalTime, kTime, kLocalDateTime, kDateTime };

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

struct TimeValue {
  // Local seconds: of the day [0, 86400) for the time kinds, since
  // 1970-01-01T00:00 (local) for the date-time kinds.
  int64_t seconds = 0;
  int32_t nanos = 0;   // [0, 1e9)
  int32_t offset = 0;  // seconds east of UTC; kTime and kDateTime only
  int32_t zone = 0;    // kDateTime: 0 = a fixed offset, else a zone id (timezone.h)
  TimeKind kind = TimeKind::kLocalTime;

  bool has_date() const { return kind == TimeKind::kLocalDateTime || kind == TimeKind::kDateTime; }
  bool has_offset() const { return kind == TimeKind::kTime || kind == TimeKind::kDateTime; }
  // Days since 1970-01-01 of the local date (date-time kinds).
  int64_t days() const;
  // Seconds since local midnight.
  int64_t second_of_day() const;
  // The instant as UTC seconds since the epoch (date-times), or the UTC
  // second of the day (ZONED TIME, possibly outside [0, 86400)).
  int64_t utc_seconds() const { return seconds - offset; }

  // ISO 8601: "21:40:32.142", "21:40+01:00", "2015-07-21T21:40Z",
  // "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]".
  std::string ToString() const;

  friend bool operator==(const TimeValue& a, const TimeValue& b) = default;
};

// A duration as openCypher has it: months, days and seconds are separate
// (a month or a day has no fixed length), nanos in [0, 1e9) with the sign on
// seconds.
struct Duration {
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int32_t nanos = 0;

  // Normalizes a seconds/nanos pair with any signs.
  static Duration Of(int64_t months, int64_t days, int64_t seconds, int64_t nanos);
  // ISO 8601: "P12Y5M14DT16H12M10.5S", "PT-1.999S", "PT0S".
  std::string ToString() const;

  friend bool operator==(const Duration& a, const Duration& b) = default;
};

// Calendar helpers (proleptic Gregorian), valid for any year.
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
bool IsLeapYear(int64_t year);
int DaysInMonth(int64_t year, int month);
// ISO week-based year and week of a day; day of week 1 (Monday) .. 7.
void IsoWeek(int64_t days, int64_t* week_year, int* week);
int DayOfWeek(int64_t days);
// The Monday of week 1 of an ISO week-based year.
int64_t IsoWeekOneMonday(int64_t week_year);
// Years openCypher allows: -999,999,999 .. 999,999,999.
bool InYearRange(int64_t year);

// A Date from a day count; InvalidArgument when outside Date's range.
Result<Date> DateFromDays(int64_t days);
// "2015-07-21" or, outside 0000..9999, "+10000-01-01" / "-0001-01-01".
std::string FormatDate(int64_t days);
// "+01:00", "-00:30:15", "Z" for zero.
std::string FormatOffset(int32_t offset);

// Parsers for the ISO forms openCypher reads. Anything else is
// InvalidArgument naming the text and what was expected.
// Dates: 2015-07-21, 20150721, 2015-07, 201507, 2015-W30-2, 2015W302,
// 2015-W30, 2015-202, 2015202, 2015-Q3, 2015, +999999999-12-31.
Result<Date> ParseIsoDate(std::string_view text);
// Times ("21", "2140", "21:40:32.142", + offset "Z"/"+01"/"+0100"/"+01:00"
// and for datetimes "[Europe/Stockholm]") and date-times ("<date>T<time>").
Result<TimeValue> ParseTimeValue(TimeKind kind, std::string_view text);
// P[nY][nM][nW][nD][T[nH][nM][n.nS]] (fractions cascade down) or
// P<yyyy>-<mm>-<dd>T<hh>:<mm>:<ss.fff>.
Result<Duration> ParseDuration(std::string_view text);

// A ZONED DATETIME at this local time. With a zone (id > 0) the offset is
// the zone's there, as java.time resolves it: `offset` wins an overlap when
// it is one of the two, a local time in a gap moves forward by the gap.
TimeValue ZonedDateTime(int64_t local_seconds, int32_t nanos, int32_t offset, int32_t zone);
// A ZONED DATETIME at this UTC instant, shown in the zone (or the offset).
TimeValue DateTimeAtInstant(int64_t utc_seconds, int32_t nanos, int32_t offset, int32_t zone);
// A time zone as a Cypher value writes it: "Z", "+01:00", "-0130", "+02",
// "+02:05:59" or a zone name. Sets exactly one of *offset / *zone.
Status ParseZone(std::string_view text, int32_t* offset, int32_t* zone);

// A duration from fractional amounts: the fraction of a month becomes days
// (30.436875 a month), of a day seconds, of a second nanoseconds.
Duration ApproximateDuration(double months, double days, double seconds, double nanos);

}  // namespace kg
