// The ISO 8601 text forms openCypher reads: dates (calendar, week, ordinal,
// quarter; basic and extended), times with offsets, date-times with named
// zones, and durations. Every failure names the text and what was expected.
#include <cmath>
#include <optional>

#include "core/temporal.h"
#include "core/timezone.h"

namespace kg {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  int DigitRun() const {
    size_t j = i_;
    while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9') ++j;
    return static_cast<int>(j - i_);
  }
  // Exactly n digits.
  bool Digits(int n, int64_t* out) {
    if (DigitRun() < n) return false;
    int64_t v = 0;
    for (int k = 0; k < n; ++k) v = v * 10 + (s_[i_++] - '0');
    *out = v;
    return true;
  }
  std::string_view rest() const { return s_.substr(std::min(i_, s_.size())); }
  void Skip(size_t n) { i_ += n; }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

Status Bad(std::string_view what, std::string_view text, std::string_view expected) {
  return Status::InvalidArgument("invalid " + std::string(what) + " '" + std::string(text) +
                                 "', expected " + std::string(expected));
}

constexpr const char* kDateForms =
    "an ISO date such as 2015-07-21, 20150721, 2015-07, 2015-W30-2, 2015-202, 2015-Q3 or 2015";

// The end of a date: the text's, or the 'T' before a time.
bool AtDateEnd(const Cursor& c) { return c.done() || c.peek() == 'T'; }

// Reads the rest of a week date after "YYYY[-]W": the week and an optional
// day of the week (2015-W30-2, 2015W302, 2015-W30).
bool ReadWeekDate(Cursor& c, int64_t year, bool dash, int64_t* days, std::string* why) {
  int64_t week = 0, dow = 1;
  if (!c.Digits(2, &week)) return false;
  if (!AtDateEnd(c)) {
    if (dash && !c.Eat('-')) return false;
    if (!c.Digits(1, &dow)) return false;
  }
  int64_t monday = IsoWeekOneMonday(year);
  int64_t weeks = (IsoWeekOneMonday(year + 1) - monday) / 7;
  if (week < 1 || week > weeks || dow < 1 || dow > 7) {
    *why = "no week " + std::to_string(week) + " day " + std::to_string(dow) + " in " +
           std::to_string(year);
    return true;
  }
  *days = monday + (week - 1) * 7 + dow - 1;
  return AtDateEnd(c);
}

// Reads a date at the cursor (up to the end or a 'T'); false if malformed.
// Sets *why for a well-formed but impossible date.
bool ReadDate(Cursor& c, int64_t* days, std::string* why) {
  int64_t year = 0;
  if (c.peek() == '+' || c.peek() == '-') {
    bool neg = c.peek() == '-';
    c.Skip(1);
    int n = c.DigitRun();
    if (n < 4 || n > 9 || !c.Digits(n, &year)) return false;
    if (neg) year = -year;
  } else if (!c.Digits(4, &year)) {
    return false;
  }
  auto at_end = [&] { return AtDateEnd(c); };
  if (at_end()) {
    *days = DaysFromCivil(year, 1, 1);
    return true;
  }
  bool dash = c.Eat('-');
  if (c.Eat('W')) return ReadWeekDate(c, year, dash, days, why);
  if (c.Eat('Q')) {
    int64_t q = 0;
    if (!c.Digits(1, &q)) return false;
    if (q < 1 || q > 4) {
      *why = "no quarter " + std::to_string(q);
      return true;
    }
    *days = DaysFromCivil(year, static_cast<int>(q * 3 - 2), 1);
    return at_end();
  }
  int run = c.DigitRun();
  int64_t month = 1, day = 1;
  if (run == 3) {
    int64_t ordinal = 0;
    c.Digits(3, &ordinal);
    if (ordinal < 1 || ordinal > (IsLeapYear(year) ? 366 : 365)) {
      *why = "no day " + std::to_string(ordinal) + " in " + std::to_string(year);
      return true;
    }
    *days = DaysFromCivil(year, 1, 1) + ordinal - 1;
    return at_end();
  }
  if (run == 2 || (run == 4 && !dash)) {
    c.Digits(2, &month);
    if (run == 4 || (dash && c.Eat('-'))) {
      if (!c.Digits(2, &day)) return false;
    }
  } else {
    return false;
  }
  if (!at_end()) return false;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, static_cast<int>(month))) {
    *why = "no day " + std::to_string(day) + " in month " + std::to_string(month);
    return true;
  }
  *days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  return true;
}

// Reads HH[:MM[:SS[.f]]] or HH[MM[SS[.f]]].
bool ReadTime(Cursor& c, int64_t* second_of_day, int32_t* nanos, std::string* why) {
  int64_t h = 0, m = 0, s = 0, n = 0;
  if (!c.Digits(2, &h)) return false;
  bool colon = c.peek() == ':';
  if (colon ? c.Eat(':') : c.DigitRun() >= 2) {
    if (!c.Digits(2, &m)) return false;
    if (colon ? c.Eat(':') : c.DigitRun() >= 2) {
      if (!c.Digits(2, &s)) return false;
      if (c.Eat('.') || c.Eat(',')) {
        int run = c.DigitRun();
        if (run < 1 || run > 9) return false;
        c.Digits(run, &n);
        for (int k = run; k < 9; ++k) n *= 10;
      }
    }
  }
  if (h > 23 || m > 59 || s > 59) {
    *why = "hour, minute or second out of range";
    return true;
  }
  *second_of_day = h * 3600 + m * 60 + s;
  *nanos = static_cast<int32_t>(n);
  return true;
}

// Reads Z, ±HH, ±HHMM, ±HH:MM, ±HH:MM:SS; nullopt if none is there.
bool ReadOffset(Cursor& c, std::optional<int32_t>* offset) {
  if (c.Eat('Z')) {
    *offset = 0;
    return true;
  }
  if (c.peek() != '+' && c.peek() != '-') return true;
  int sign = c.peek() == '-' ? -1 : 1;
  c.Skip(1);
  int64_t h = 0, m = 0, s = 0;
  if (!c.Digits(2, &h)) return false;
  bool colon = c.Eat(':');
  if (colon || c.DigitRun() >= 2) {
    if (!c.Digits(2, &m)) return false;
    if (colon ? c.Eat(':') : c.DigitRun() >= 2) {
      if (!c.Digits(2, &s)) return false;
    }
  }
  int64_t total = h * 3600 + m * 60 + s;
  if (m > 59 || s > 59 || total > 18 * 3600) return false;
  *offset = static_cast<int32_t>(sign * total);
  return true;
}

}  // namespace

Result<Date> ParseIsoDate(std::string_view text) {
  Cursor c(text);
  int64_t days = 0;
  std::string why;
  if (!ReadDate(c, &days, &why) || !c.done()) return Bad("date", text, kDateForms);
  if (!why.empty())
    return Status::InvalidArgument("invalid date '" + std::string(text) + "': " + why);
  return DateFromDays(days);
}

Status ParseZone(std::string_view text, int32_t* offset, int32_t* zone) {
  Cursor c(text);
  std::optional<int32_t> off;
  if (!text.empty() && (text[0] == 'Z' || text[0] == '+' || text[0] == '-')) {
    if (!ReadOffset(c, &off) || !c.done() || !off)
      return Bad("time zone", text,
                 "Z, +HH:MM, +HHMM, +HH or a zone name such as Europe/Stockholm");
    *offset = *off;
    *zone = 0;
    return Status::OK();
  }
  KG_ASSIGN_OR_RETURN(*zone, FindZone(text));
  *offset = 0;
  return Status::OK();
}

TimeValue ZonedDateTime(int64_t local, int32_t nanos, int32_t offset, int32_t zone) {
  TimeValue t;
  t.kind = TimeKind::kDateTime;
  t.nanos = nanos;
  t.zone = zone;
  t.offset = zone == 0 ? offset : ZoneOffsetForLocal(zone, local, offset);
  t.seconds = local;
  if (zone != 0) {
    // In a gap the resolved offset differs from the one there: move on.
    int32_t actual = ZoneOffsetAt(zone, local - t.offset);
    t.seconds = local - t.offset + actual;
    t.offset = actual;
  }
  return t;
}

TimeValue DateTimeAtInstant(int64_t utc, int32_t nanos, int32_t offset, int32_t zone) {
  TimeValue t;
  t.kind = TimeKind::kDateTime;
  t.nanos = nanos;
  t.zone = zone;
  t.offset = zone == 0 ? offset : ZoneOffsetAt(zone, utc);
  t.seconds = utc + t.offset;
  return t;
}

Result<TimeValue> ParseTimeValue(TimeKind kind, std::string_view text) {
  static constexpr const char* kExpected[] = {
      "an ISO local time such as 21:40:32.142, 2140 or 21",
      "an ISO time such as 21:40:32.142+01:00, 214032Z or 21:40",
      "an ISO local date-time such as 2015-07-21T21:40:32.142",
      "an ISO date-time such as 2015-07-21T21:40:32.142+01:00 or 2015-07-21T21:40[Europe/London]"};
  static constexpr const char* kWhat[] = {"local time", "time", "local date-time", "date-time"};
  const int k = static_cast<int>(kind);
  auto bad = [&] { return Bad(kWhat[k], text, kExpected[k]); };
  TimeValue t;
  t.kind = kind;
  Cursor c(text);
  std::string why;
  int64_t days = 0, sod = 0;
  if (t.has_date()) {
    if (!ReadDate(c, &days, &why)) return bad();
    if (c.Eat('T')) {
      if (!ReadTime(c, &sod, &t.nanos, &why)) return bad();
    } else if (!c.done()) {
      return bad();
    }
  } else if (!ReadTime(c, &sod, &t.nanos, &why)) {
    return bad();
  }
  std::optional<int32_t> offset;
  int32_t zone = 0;
  if (t.has_offset()) {
    if (!ReadOffset(c, &offset)) return bad();
    if (kind == TimeKind::kDateTime && c.Eat('[')) {
      std::string_view rest = c.rest();
      size_t close = rest.find(']');
      if (close == std::string_view::npos || close + 1 != rest.size()) return bad();
      KG_ASSIGN_OR_RETURN(zone, FindZone(rest.substr(0, close)));
      c.Skip(close + 1);
    }
  }
  if (!c.done()) return bad();
  if (!why.empty())
    return Status::InvalidArgument("invalid " + std::string(kWhat[k]) + " '" + std::string(text) +
                                   "': " + why);
  t.seconds = t.has_date() ? days * kSecondsPerDay + sod : sod;
  if (kind == TimeKind::kTime) t.offset = offset.value_or(0);
  if (kind == TimeKind::kDateTime) {
    if (zone != 0 && offset && ZoneOffsetAt(zone, t.seconds - *offset) != *offset)
      return Status::InvalidArgument("invalid date-time '" + std::string(text) +
                                     "': the offset is not the zone's at that time");
    return ZonedDateTime(t.seconds, t.nanos, offset.value_or(0), zone);
  }
  return t;
}

// Long by design: ISO 8601 durations in both their forms (P1Y2M3DT4H and
// P0001-02-03T04:05:06) read left to right over one cursor.
Result<Duration> ParseDuration(std::string_view text) {
  auto bad = [&] {
    return Bad("duration", text,
               "an ISO duration such as P1Y2M10DT2H30M15.5S or P2012-02-02T14:37:21");
  };
  Cursor c(text);
  if (!c.Eat('P')) return bad();
  // The alternative form P<date>T<time>.
  if (c.DigitRun() == 4 && text.size() > 5 && text[5] == '-') {
    int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
    if (!c.Digits(4, &y) || !c.Eat('-') || !c.Digits(2, &mo) || !c.Eat('-') || !c.Digits(2, &d))
      return bad();
    if (c.Eat('T')) {
      if (!c.Digits(2, &h) || !c.Eat(':') || !c.Digits(2, &mi) || !c.Eat(':') || !c.Digits(2, &s))
        return bad();
      if (c.Eat('.')) {
        int run = c.DigitRun();
        if (run < 1 || run > 9) return bad();
        c.Digits(run, &n);
        for (int k = run; k < 9; ++k) n *= 10;
      }
    }
    if (!c.done()) return bad();
    return Duration::Of(y * 12 + mo, d, h * 3600 + mi * 60 + s, n);
  }
  int64_t months = 0, days = 0, seconds = 0, nanos = 0;
  double fm = 0, fd = 0, fs = 0;
  bool time = false, any = false;
  while (!c.done()) {
    if (!time && c.Eat('T')) {
      time = true;
      continue;
    }
    int sign = c.Eat('-') ? -1 : 1;
    int run = c.DigitRun();
    if (run < 1 || run > 15) return bad();  // 15 digits: * 3600 still fits
    int64_t whole = 0, frac_n = 0;
    c.Digits(run, &whole);
    double frac = 0;
    if (c.Eat('.') || c.Eat(',')) {
      int fr = c.DigitRun();
      if (fr < 1 || fr > 9) return bad();
      c.Digits(fr, &frac_n);
      frac = static_cast<double>(frac_n) / std::pow(10.0, fr);
      for (int k = fr; k < 9; ++k) frac_n *= 10;
    }
    whole *= sign;
    frac *= sign;
    char unit = c.peek();
    c.Skip(1);
    if (!time && unit == 'Y')
      months += whole * 12, fm += frac * 12;
    else if (!time && unit == 'M')
      months += whole, fm += frac;
    else if (!time && unit == 'W')
      days += whole * 7, fd += frac * 7;
    else if (!time && unit == 'D')
      days += whole, fd += frac;
    else if (time && unit == 'H')
      seconds += whole * 3600, fs += frac * 3600;
    else if (time && unit == 'M')
      seconds += whole * 60, fs += frac * 60;
    else if (time && unit == 'S')
      seconds += whole, nanos += sign * frac_n;
    else
      return bad();
    any = true;
  }
  if (!any) return bad();
  Duration base = Duration::Of(months, days, seconds, nanos);
  Duration f = ApproximateDuration(fm, fd, fs, 0);
  return Duration::Of(base.months + f.months, base.days + f.days, base.seconds + f.seconds,
                      static_cast<int64_t>(base.nanos) + f.nanos);
}

}  // namespace kg
