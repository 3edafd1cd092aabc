#include "storage/internal/csv_values.h"

#include <charconv>
#include <utility>

#include "core/temporal.h"
#include "core/text.h"

namespace kg::storage::csv {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "YYYY-MM-DD" without building a Status on the hot path; the rare
// candidate that looks right is checked by Date::FromCivil.
bool ParseDate(std::string_view t, Date* out) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  // The eight digits, unrolled (the loop was ~200 instructions a date).
  unsigned d0 = static_cast<unsigned char>(t[0]) - '0', d1 = static_cast<unsigned char>(t[1]) - '0',
           d2 = static_cast<unsigned char>(t[2]) - '0', d3 = static_cast<unsigned char>(t[3]) - '0',
           d5 = static_cast<unsigned char>(t[5]) - '0', d6 = static_cast<unsigned char>(t[6]) - '0',
           d8 = static_cast<unsigned char>(t[8]) - '0', d9 = static_cast<unsigned char>(t[9]) - '0';
  // Unsigned: a byte below '0' wraps past 9 too.
  if (d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || d5 > 9 || d6 > 9 || d8 > 9 || d9 > 9) return false;
  const int v[3] = {static_cast<int>(d0 * 1000 + d1 * 100 + d2 * 10 + d3),
                    static_cast<int>(d5 * 10 + d6), static_cast<int>(d8 * 10 + d9)};
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > kDays[v[1] - 1]) return false;
  if (v[1] == 2 && v[2] == 29) {
    auto d = Date::FromCivil(v[0], v[1], v[2]);
    if (!d.ok()) return false;
    *out = *d;
    return true;
  }
  // Days from civil (H. Hinnant), as core/date.cc computes them.
  int y = v[0] - (v[1] <= 2);
  unsigned m = v[1], d = v[2];
  int era = y / 400;  // y >= -1 here; -1 only for year 0 Jan/Feb
  if (y < 0) era = -1;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *out = Date(static_cast<int32_t>(era * 146097 + static_cast<int>(doe) - 719468));
  return true;
}

// Parses one scalar of `type`; false when the text does not parse.
// Long by design: one case per column type, each a few lines.
bool ParseScalar(std::string_view text, ScalarType type, Value* out) {
  if (type == ScalarType::kString) {
    *out = Value(std::string(text));
    return true;
  }
  text = TrimSpaces(text);
  const char* b = text.data();
  const char* e = b + text.size();
  if (!text.empty() && *b == '+' && type < ScalarType::kDate) ++b;
  switch (type) {
    case ScalarType::kInt: {
      int64_t v = 0;
      auto r = std::from_chars(b, e, v);
      if (r.ec != std::errc() || r.ptr != e || b == e) return false;
      *out = Value(v);
      return true;
    }
    case ScalarType::kDouble: {
      double v = 0;
      auto r = std::from_chars(b, e, v);
      if (r.ec != std::errc() || r.ptr != e || b == e) return false;
      *out = Value(v);
      return true;
    }
    case ScalarType::kBool:
      if (AsciiIEquals(text, "true"))
        *out = Value(true);
      else if (AsciiIEquals(text, "false"))
        *out = Value(false);
      else
        return false;
      return true;
    case ScalarType::kDate: {
      Date d;
      if (!ParseDate(text, &d)) {
        // Not a day: a week, a month or a year (core/date.h), rare enough
        // for the general parser.
        if (text.size() == 10) return false;
        auto period = Date::ParseWithPrecision(text);
        if (!period.ok()) return false;
        d = *period;
      }
      *out = Value(d);
      return true;
    }
    case ScalarType::kLocalTime:
    case ScalarType::kTime:
    case ScalarType::kLocalDateTime:
    case ScalarType::kDateTime: {
      auto kind =
          static_cast<TimeKind>(static_cast<int>(type) - static_cast<int>(ScalarType::kLocalTime));
      auto t = ParseTimeValue(kind, text);
      if (!t.ok()) return false;
      *out = Value(*t);
      return true;
    }
    case ScalarType::kDuration: {
      auto d = ParseDuration(text);
      if (!d.ok()) return false;
      *out = Value(*d);
      return true;
    }
    case ScalarType::kString:
      break;
  }
  return false;
}

bool ParseTypeName(std::string_view name, ScalarType* type) {
  static constexpr std::pair<std::string_view, ScalarType> kTypes[] = {
      {"int", ScalarType::kInt},
      {"long", ScalarType::kInt},
      {"short", ScalarType::kInt},
      {"byte", ScalarType::kInt},
      {"float", ScalarType::kDouble},
      {"double", ScalarType::kDouble},
      {"boolean", ScalarType::kBool},
      {"date", ScalarType::kDate},
      {"string", ScalarType::kString},
      {"char", ScalarType::kString},
      {"localtime", ScalarType::kLocalTime},
      {"time", ScalarType::kTime},
      {"localdatetime", ScalarType::kLocalDateTime},
      {"datetime", ScalarType::kDateTime},
      {"duration", ScalarType::kDuration},
  };
  for (const auto& [n, t] : kTypes) {
    if (AsciiIEquals(name, n)) {
      *type = t;
      return true;
    }
  }
  return false;
}

}  // namespace kg::storage::csv
