// Dates as day counts; the calendar arithmetic is in temporal.cc.
#include "core/date.h"

#include <cstdio>

#include "core/temporal.h"

namespace kg {

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
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      char c = text[starts[p] + i];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  auto d = FromCivil(parts[0], parts[1], parts[2]);
  if (!d.ok()) return bad();
  return d;
}

Result<Date> Date::ParseLastDay(std::string_view text) {
  if (text.size() == 10) return Parse(text);
  auto bad = [&] {
    return Status::InvalidArgument("invalid date '" + std::string(text) +
                                   "', expected YYYY, YYYY-MM or YYYY-MM-DD");
  };
  if (text.size() != 4 && !(text.size() == 7 && text[4] == '-')) return bad();
  int year = 0, month = 12;
  for (size_t i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return bad();
    year = year * 10 + (text[i] - '0');
  }
  if (text.size() == 7) {
    if (text[5] < '0' || text[5] > '9' || text[6] < '0' || text[6] > '9') return bad();
    month = (text[5] - '0') * 10 + (text[6] - '0');
  }
  if (month < 1 || month > 12) return bad();
  return FromCivil(year, month, DaysInMonth(year, month));
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

std::string Date::ToString() const { return FormatDate(days_); }

}  // namespace kg
