// Calendar arithmetic (after Howard Hinnant's civil-from-days algorithms),
// ISO week dates and the text forms of TimeValue and Duration. The parsers
// are in temporal_parse.cc.
#include "core/temporal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/timezone.h"

namespace kg {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff" (fraction without trailing zeros).
void AppendTimeOfDay(int64_t second_of_day, int32_t nanos, std::string* out) {
  char buf[48];
  int h = static_cast<int>(second_of_day / 3600), m = static_cast<int>(second_of_day / 60 % 60),
      s = static_cast<int>(second_of_day % 60);
  std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  *out += buf;
  if (s == 0 && nanos == 0) return;
  std::snprintf(buf, sizeof buf, ":%02d", s);
  *out += buf;
  if (nanos == 0) return;
  std::snprintf(buf, sizeof buf, ".%09d", nanos);
  std::string frac = buf;
  while (frac.back() == '0') frac.pop_back();
  *out += frac;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, int month, int day) {
  const auto m = static_cast<unsigned>(month);
  const auto d = static_cast<unsigned>(day);
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = y + (*month <= 2);
}

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

int DayOfWeek(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>(FloorMod(days + 3, 7)) + 1;
}

int64_t IsoWeekOneMonday(int64_t week_year) {
  int64_t jan4 = DaysFromCivil(week_year, 1, 4);
  return jan4 - (DayOfWeek(jan4) - 1);
}

void IsoWeek(int64_t days, int64_t* week_year, int* week) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t wy = y + 1;
  if (days < IsoWeekOneMonday(wy)) wy = y;
  if (days < IsoWeekOneMonday(wy)) wy = y - 1;
  *week_year = wy;
  *week = static_cast<int>((days - IsoWeekOneMonday(wy)) / 7) + 1;
}

bool InYearRange(int64_t year) { return year >= -999'999'999 && year <= 999'999'999; }

Result<Date> DateFromDays(int64_t days) {
  if (days < INT32_MIN || days > INT32_MAX)
    return Status::InvalidArgument("date out of range: " + FormatDate(days));
  return Date(static_cast<int32_t>(days));
}

std::string FormatDate(int64_t days) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[48];
  if (y >= 0 && y <= 9999)
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(y), m, d);
  else
    std::snprintf(buf, sizeof buf, "%c%04lld-%02d-%02d", y < 0 ? '-' : '+',
                  static_cast<long long>(std::llabs(y)), m, d);
  return buf;
}

std::string FormatOffset(int32_t offset) {
  if (offset == 0) return "Z";
  int32_t a = std::abs(offset);
  char buf[32];
  if (a % 60 == 0)
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  else
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", offset < 0 ? '-' : '+', a / 3600,
                  a / 60 % 60, a % 60);
  return buf;
}

int64_t TimeValue::days() const { return FloorDiv(seconds, kSecondsPerDay); }

int64_t TimeValue::second_of_day() const { return FloorMod(seconds, kSecondsPerDay); }

std::string TimeValue::ToString() const {
  std::string out;
  if (has_date()) {
    out = FormatDate(days());
    out += 'T';
  }
  AppendTimeOfDay(second_of_day(), nanos, &out);
  if (has_offset()) out += FormatOffset(offset);
  if (zone != 0) out += "[" + ZoneName(zone) + "]";
  return out;
}

Duration Duration::Of(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
  Duration d;
  d.months = months;
  d.days = days;
  d.seconds = seconds + FloorDiv(nanos, kNanosPerSecond);
  d.nanos = static_cast<int32_t>(FloorMod(nanos, kNanosPerSecond));
  return d;
}

std::string Duration::ToString() const {
  if (months == 0 && days == 0 && seconds == 0 && nanos == 0) return "PT0S";
  std::string out = "P";
  auto part = [&](int64_t n, char unit) {
    if (n != 0) out += std::to_string(n) + unit;
  };
  part(months / 12, 'Y');
  part(months % 12, 'M');
  part(days, 'D');
  if (seconds == 0 && nanos == 0) return out;
  out += 'T';
  // Magnitude and sign of the whole seconds part, so -1.5s prints "-1.5S".
  bool negative = seconds < 0;
  int64_t s = seconds;
  int64_t n = nanos;
  if (negative && n != 0) {
    s += 1;
    n = kNanosPerSecond - n;
  }
  int64_t abs_s = negative ? -s : s;
  const char* sign = negative ? "-" : "";
  if (abs_s / 3600 != 0) out += sign + std::to_string(abs_s / 3600) + 'H';
  if (abs_s / 60 % 60 != 0) out += sign + std::to_string(abs_s / 60 % 60) + 'M';
  if (abs_s % 60 != 0 || n != 0) {
    out += sign + std::to_string(abs_s % 60);
    if (n != 0) {
      char buf[16];
      std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(n));
      std::string frac = buf;
      while (frac.back() == '0') frac.pop_back();
      out += frac;
    }
    out += 'S';
  }
  return out;
}

Duration ApproximateDuration(double months, double days, double seconds, double nanos) {
  constexpr double kDaysPerMonth = 365.2425 / 12;
  double m = std::trunc(months);
  days += kDaysPerMonth * (months - m);
  double d = std::trunc(days);
  seconds += kSecondsPerDay * (days - d);
  double s = std::trunc(seconds);
  nanos += kNanosPerSecond * (seconds - s);
  double n = std::trunc(nanos);
  return Duration::Of(static_cast<int64_t>(m), static_cast<int64_t>(d), static_cast<int64_t>(s),
                      static_cast<int64_t>(n));
}

}  // namespace kg
