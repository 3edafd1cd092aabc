// Dates as day counts plus a precision; the calendar arithmetic is in
// temporal.cc.
#include "core/date.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/temporal.h"

namespace kg {
namespace {

// The digits of text[from, from + n) as a number; -1 if any is not a digit.
int Digits(std::string_view text, size_t from, size_t n) {
  int v = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// "2025", or with a sign outside 0000..9999 as FormatDate writes years.
std::string FormatYear(int64_t y) {
  char buf[32];
  if (y >= 0 && y <= 9999)
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(y));
  else
    std::snprintf(buf, sizeof buf, "%c%04lld", y < 0 ? '-' : '+',
                  static_cast<long long>(std::llabs(y)));
  return buf;
}

int32_t Clamp(int64_t days) {
  if (days > INT32_MAX) return INT32_MAX;
  if (days < INT32_MIN) return INT32_MIN;
  return static_cast<int32_t>(days);
}

}  // namespace

const char* DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kWeek:
      return "week";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kYear:
      return "year";
  }
  return "day";
}

bool ParseDatePrecision(std::string_view name, DatePrecision* out) {
  for (DatePrecision p :
       {DatePrecision::kDay, DatePrecision::kWeek, DatePrecision::kMonth, DatePrecision::kYear}) {
    if (name == DatePrecisionName(p)) {
      *out = p;
      return true;
    }
  }
  return false;
}

Date Date::Period(Date day, DatePrecision precision) {
  int64_t y;
  int m, d;
  CivilFromDays(day.days_, &y, &m, &d);
  switch (precision) {
    case DatePrecision::kDay:
      return Date(day.days_);
    case DatePrecision::kWeek:
      return Date(Clamp(int64_t{day.days_} - (DayOfWeek(day.days_) - 1)), precision);
    case DatePrecision::kMonth:
      return Date(Clamp(DaysFromCivil(y, m, 1)), precision);
    case DatePrecision::kYear:
      return Date(Clamp(DaysFromCivil(y, 1, 1)), precision);
  }
  return Date(day.days_);
}

Date Date::last_day() const {
  int64_t y;
  int m, d;
  CivilFromDays(days_, &y, &m, &d);
  switch (precision_) {
    case DatePrecision::kDay:
      return Date(days_);
    case DatePrecision::kWeek:
      return Date(Clamp(int64_t{days_} + 6));
    case DatePrecision::kMonth:
      return Date(Clamp(DaysFromCivil(y, m, DaysInMonth(y, m))));
    case DatePrecision::kYear:
      return Date(Clamp(DaysFromCivil(y, 12, 31)));
  }
  return Date(days_);
}

Result<Date> Date::FromCivil(int year, int month, int day) {
  if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return Status::InvalidArgument(std::string("no such date: ") + buf);
  }
  return Date(static_cast<int32_t>(DaysFromCivil(year, month, day)));
}

Result<Date> Date::Parse(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("invalid date '" + std::string(text) + "', expected YYYY-MM-DD");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return bad();
  auto day = FromCivil(y, m, d);
  if (!day.ok()) return bad();
  return day;
}

Result<Date> Date::ParseWithPrecision(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("invalid date '" + std::string(text) +
                                   "', expected YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY");
  };
  if (text.size() == 10) {
    auto day = Parse(text);
    if (!day.ok()) return bad();
    return day;
  }
  if (text.size() < 4) return bad();
  int y = Digits(text, 0, 4);
  if (y < 0) return bad();
  if (text.size() == 4)
    return Date(static_cast<int32_t>(DaysFromCivil(y, 1, 1)), DatePrecision::kYear);
  if (text.size() == 7 && text[4] == '-') {
    int m = Digits(text, 5, 2);
    if (m < 1 || m > 12) return bad();
    return Date(static_cast<int32_t>(DaysFromCivil(y, m, 1)), DatePrecision::kMonth);
  }
  if (text.size() == 8 && text[4] == '-' && text[5] == 'W') {
    int w = Digits(text, 6, 2);
    int64_t monday = IsoWeekOneMonday(y);
    int weeks = static_cast<int>((IsoWeekOneMonday(y + 1) - monday) / 7);
    if (w < 1 || w > weeks) return bad();
    return Date(static_cast<int32_t>(monday + 7 * (w - 1)), DatePrecision::kWeek);
  }
  return bad();
}

int Date::year() const {
  int64_t y;
  int m, d;
  CivilFromDays(days_, &y, &m, &d);
  return static_cast<int>(y);
}
int Date::month() const {
  int64_t y;
  int m, d;
  CivilFromDays(days_, &y, &m, &d);
  return m;
}
int Date::day() const {
  int64_t y;
  int m, d;
  CivilFromDays(days_, &y, &m, &d);
  return d;
}

std::string Date::ToString() const {
  switch (precision_) {
    case DatePrecision::kDay:
      break;
    case DatePrecision::kWeek: {
      int64_t week_year;
      int week;
      IsoWeek(days_, &week_year, &week);
      char buf[8];
      std::snprintf(buf, sizeof buf, "-W%02d", week);
      return FormatYear(week_year) + buf;
    }
    case DatePrecision::kMonth: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "-%02d", month());
      return FormatYear(year()) + buf;
    }
    case DatePrecision::kYear:
      return FormatYear(year());
  }
  return FormatDate(days_);
}

}  // namespace kg
