// Temporal values taken apart and rebuilt, their components, arithmetic
// with durations and comparison, as openCypher (and java.time, which its
// reference implementation follows) defines them.
#include <climits>
#include <cmath>
#include <ctime>

#include "core/text.h"
#include "core/timezone.h"
#include "query/internal/temporal.h"

namespace kg::query::internal {
namespace {

using i128 = __int128;
constexpr int64_t kDayNanos = kSecondsPerDay * kNanosPerSecond;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

int64_t PlusMonths(int64_t days, int64_t months) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t total = y * 12 + (m - 1) + months;
  int64_t ny = FloorDiv(total, 12);
  int nm = static_cast<int>(FloorMod(total, 12)) + 1;
  return DaysFromCivil(ny, nm, std::min(d, DaysInMonth(ny, nm)));
}

// Whole months from one date to another, as java.time.LocalDate.until.
int64_t MonthsBetween(int64_t from, int64_t to) {
  int64_t y1, y2;
  int m1, d1, m2, d2;
  CivilFromDays(from, &y1, &m1, &d1);
  CivilFromDays(to, &y2, &m2, &d2);
  int64_t total = (y2 * 12 + m2) - (y1 * 12 + m1);
  int dd = d2 - d1;
  if (total > 0 && dd < 0) --total;
  if (total < 0 && dd > 0) ++total;
  return total;
}

i128 TimeNanos(const TemporalParts& p) {
  return static_cast<i128>(p.sod) * kNanosPerSecond + p.nanos;
}

// The end date as java.time.LocalDateTime.until counts it: a day less when
// the end's time of day has not reached the start's.
int64_t AdjustedEnd(const TemporalParts& a, const TemporalParts& b) {
  if (b.days > a.days && TimeNanos(b) < TimeNanos(a)) return b.days - 1;
  if (b.days < a.days && TimeNanos(b) > TimeNanos(a)) return b.days + 1;
  return b.days;
}

Duration FromNanos(int64_t months, int64_t days, i128 nanos) {
  auto s = static_cast<int64_t>(nanos / kNanosPerSecond);
  auto n = static_cast<int64_t>(nanos % kNanosPerSecond);
  return Duration::Of(months, days, s, n);
}

// The UTC instant in nanoseconds of local date-time parts in their zone.
i128 InstantNanos(const TemporalParts& p) {
  int64_t local = p.days * kSecondsPerDay + p.sod;
  int64_t utc = p.zone != 0 ? ZonedDateTime(local, p.nanos, p.offset, p.zone).utc_seconds()
                            : local - p.offset;
  return static_cast<i128>(utc) * kNanosPerSecond + p.nanos;
}

i128 LocalNanos(const TemporalParts& p) {
  return static_cast<i128>(p.days * kSecondsPerDay + p.sod) * kNanosPerSecond + p.nanos;
}

Value DurationComponent(const Duration& d, const std::string& k) {
  const int64_t s = d.seconds;
  const int64_t n = d.nanos;
  if (k == "years") return Value(d.months / 12);
  if (k == "quarters") return Value(d.months / 3);
  if (k == "months") return Value(d.months);
  if (k == "weeks") return Value(d.days / 7);
  if (k == "days") return Value(d.days);
  if (k == "hours") return Value(s / 3600);
  if (k == "minutes") return Value(s / 60);
  if (k == "seconds") return Value(s);
  if (k == "milliseconds") return Value(s * 1000 + n / 1'000'000);
  if (k == "microseconds") return Value(s * 1'000'000 + n / 1000);
  if (k == "nanoseconds") return Value(s * kNanosPerSecond + n);
  if (k == "quartersofyear") return Value(d.months / 3 % 4);
  if (k == "monthsofquarter") return Value(d.months % 3);
  if (k == "monthsofyear") return Value(d.months % 12);
  if (k == "daysofweek") return Value(d.days % 7);
  if (k == "minutesofhour") return Value(s / 60 % 60);
  if (k == "secondsofminute") return Value(s % 60);
  if (k == "millisecondsofsecond") return Value(n / 1'000'000);
  if (k == "microsecondsofsecond") return Value(n / 1000);
  if (k == "nanosecondsofsecond") return Value(n);
  return Value(std::string("\x01"));  // marker: no such component
}

std::optional<Value> DateComponent(int64_t days, const std::string& k) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  if (k == "year") return Value(y);
  if (k == "quarter") return Value(int64_t{(m - 1) / 3 + 1});
  if (k == "month") return Value(int64_t{m});
  if (k == "day") return Value(int64_t{d});
  if (k == "week" || k == "weekyear") {
    int64_t wy;
    int w;
    IsoWeek(days, &wy, &w);
    return k == "week" ? Value(int64_t{w}) : Value(wy);
  }
  if (k == "dayofweek" || k == "weekday") return Value(int64_t{DayOfWeek(days)});
  if (k == "ordinalday") return Value(days - DaysFromCivil(y, 1, 1) + 1);
  if (k == "dayofquarter") return Value(days - DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1) + 1);
  return std::nullopt;
}

std::optional<Value> TimeComponent(const TemporalParts& p, const std::string& k) {
  if (k == "hour") return Value(p.sod / 3600);
  if (k == "minute") return Value(p.sod / 60 % 60);
  if (k == "second") return Value(p.sod % 60);
  if (k == "millisecond") return Value(int64_t{p.nanos / 1'000'000});
  if (k == "microsecond") return Value(int64_t{p.nanos / 1000});
  if (k == "nanosecond") return Value(int64_t{p.nanos});
  return std::nullopt;
}

std::optional<Value> ZoneComponent(const TemporalParts& p, const std::string& k) {
  if (k == "timezone") return Value(p.zone != 0 ? ZoneName(p.zone) : FormatOffset(p.offset));
  if (k == "offset") return Value(FormatOffset(p.offset));
  if (k == "offsetminutes") return Value(int64_t{p.offset / 60});
  if (k == "offsetseconds") return Value(int64_t{p.offset});
  return std::nullopt;
}

Status OutOfRange() { return Status::InvalidArgument("temporal arithmetic out of range"); }

// Days of the years openCypher allows (±999,999,999), with room to spare.
constexpr int64_t kMaxDays = 400'000'000'000;

Result<Value> AddDuration(const Value& t, const Duration& d, int sign) {
  if (d.months > kMaxDays / 28 || d.months < -kMaxDays / 28 || d.days > kMaxDays ||
      d.days < -kMaxDays || d.seconds / kSecondsPerDay > kMaxDays ||
      d.seconds / kSecondsPerDay < -kMaxDays)
    return OutOfRange();
  TemporalParts p = *PartsOf(t);
  if (p.has_date) p.days = PlusMonths(p.days, sign * d.months) + sign * d.days;
  // A date adds the whole days of the seconds too (truncated, as Neo4j).
  if (!p.has_time) p.days += sign * (d.seconds / kSecondsPerDay);
  if (p.has_time) {
    i128 delta = sign * (static_cast<i128>(d.seconds) * kNanosPerSecond + d.nanos);
    if (p.zone != 0) {
      i128 utc = InstantNanos(p) + delta;
      i128 s = utc / kNanosPerSecond - (utc % kNanosPerSecond < 0 ? 1 : 0);
      auto n = static_cast<int32_t>(utc - s * kNanosPerSecond);
      if (s / kSecondsPerDay > kMaxDays || s / kSecondsPerDay < -kMaxDays) return OutOfRange();
      return Value(DateTimeAtInstant(static_cast<int64_t>(s), n, 0, p.zone));
    }
    i128 total = TimeNanos(p) + delta;
    i128 day = total / kDayNanos - (total % kDayNanos < 0 ? 1 : 0);
    i128 rest = total - day * kDayNanos;
    if (p.has_date) p.days += static_cast<int64_t>(day);
    p.sod = static_cast<int64_t>(rest / kNanosPerSecond);
    p.nanos = static_cast<int32_t>(rest % kNanosPerSecond);
  }
  return BuildTemporal(t.type(), p);
}

std::optional<Result<Value>> ScaleDuration(const Duration& d, const Value& f, bool divide) {
  if (!f.is_number()) return std::nullopt;
  if (divide && f.as_number() == 0) return Result<Value>(Status::InvalidArgument("/ by zero"));
  if (!divide && f.is_int()) {
    int64_t x = f.as_int(), m, dd, s, n;
    if (__builtin_mul_overflow(d.months, x, &m) || __builtin_mul_overflow(d.days, x, &dd) ||
        __builtin_mul_overflow(d.seconds, x, &s) || __builtin_mul_overflow(int64_t{d.nanos}, x, &n))
      return Result<Value>(Status::InvalidArgument("duration overflow"));
    return Result<Value>(Value(Duration::Of(m, dd, s, n)));
  }
  double x = f.as_number();
  double v[4] = {static_cast<double>(d.months), static_cast<double>(d.days),
                 static_cast<double>(d.seconds), static_cast<double>(d.nanos)};
  for (double& e : v) {
    e = divide ? e / x : e * x;
    // Fractions cascade into smaller units: keep every one well inside int64.
    if (!std::isfinite(e) || std::fabs(e) > 1e15)
      return Result<Value>(Status::InvalidArgument("duration overflow"));
  }
  return Result<Value>(Value(ApproximateDuration(v[0], v[1], v[2], v[3])));
}

}  // namespace

Value DurationBetween(const Value& a, const Value& b, BetweenUnit unit) {
  TemporalParts pa = *PartsOf(a);
  TemporalParts pb = *PartsOf(b);
  // The side without a date (or zone) takes the other's, as the reference
  // implementation does: between(date, localtime) is the time of that day.
  if (pa.has_date != pb.has_date) (pa.has_date ? pb : pa).days = (pa.has_date ? pa : pb).days;
  pa.has_date = pb.has_date = pa.has_date || pb.has_date;
  if (pa.has_zone != pb.has_zone) {
    const TemporalParts& from = pa.has_zone ? pa : pb;
    TemporalParts& to = pa.has_zone ? pb : pa;
    to.offset = from.offset;
    to.zone = from.zone;
    if (from.zone != 0 && from.has_date)
      to.offset = ZoneOffsetForLocal(from.zone, to.days * kSecondsPerDay + to.sod, from.offset);
    to.has_zone = true;
  }
  bool zoned = pa.has_zone && pb.has_zone;
  bool dates = pa.has_date && pb.has_date;
  if (zoned) {
    // The end seen from the start's zone (same instant), as java.time does.
    if (dates) {
      int64_t local = pb.days * kSecondsPerDay + pb.sod;
      int64_t utc = pb.zone != 0 ? ZonedDateTime(local, pb.nanos, pb.offset, pb.zone).utc_seconds()
                                 : local - pb.offset;
      TimeValue t = DateTimeAtInstant(utc, pb.nanos, pa.offset, pa.zone);
      pb.days = t.days();
      pb.sod = t.second_of_day();
      pb.offset = t.offset;
      pb.zone = t.zone;
    } else {
      pb.sod = pb.sod - pb.offset + pa.offset;
    }
  }
  int64_t months = 0, days = 0;
  if (dates && unit != BetweenUnit::kSeconds) {
    if (unit != BetweenUnit::kDays) {
      months = MonthsBetween(pa.days, AdjustedEnd(pa, pb));
      if (unit == BetweenUnit::kMonths) return Value(Duration::Of(months, 0, 0, 0));
      pa.days = PlusMonths(pa.days, months);
    }
    days = AdjustedEnd(pa, pb) - pa.days;
    if (unit == BetweenUnit::kDays) return Value(Duration::Of(0, days, 0, 0));
    pa.days += days;
  }
  if (unit == BetweenUnit::kMonths || unit == BetweenUnit::kDays) return Value(Duration());
  i128 nanos;
  if (dates)
    nanos = zoned ? InstantNanos(pb) - InstantNanos(pa) : LocalNanos(pb) - LocalNanos(pa);
  else
    nanos = TimeNanos(pb) - TimeNanos(pa);
  return Value(FromNanos(months, days, nanos));
}

std::optional<TemporalParts> PartsOf(const Value& v) {
  TemporalParts p;
  if (v.is_date()) {
    p.has_date = true;
    p.days = v.as_date().days();
    return p;
  }
  if (!v.is_time_value()) return std::nullopt;
  const TimeValue& t = v.as_time_value();
  p.has_time = true;
  p.has_date = t.has_date();
  p.has_zone = t.has_offset();
  p.days = p.has_date ? t.days() : 0;
  p.sod = t.second_of_day();
  p.nanos = t.nanos;
  p.offset = t.offset;
  p.zone = t.zone;
  return p;
}

Result<Value> BuildTemporal(Value::Type target, const TemporalParts& p) {
  bool wants_date = target == Value::Type::kDate || target == Value::Type::kLocalDateTime ||
                    target == Value::Type::kDateTime;
  if (wants_date && !p.has_date) return Status::InvalidArgument("a date is needed");
  if (p.has_date && !InYearRange(DateComponent(p.days, "year")->as_int()))
    return Status::InvalidArgument("year out of range");
  TimeValue t;
  t.nanos = p.nanos;
  int64_t local = p.days * kSecondsPerDay + p.sod;
  switch (target) {
    case Value::Type::kDate: {
      KG_ASSIGN_OR_RETURN(Date d, DateFromDays(p.days));
      return Value(d);
    }
    case Value::Type::kLocalTime:
      t.kind = TimeKind::kLocalTime;
      t.seconds = p.sod;
      return Value(t);
    case Value::Type::kTime:
      t.kind = TimeKind::kTime;
      t.seconds = p.sod;
      t.offset = p.offset;
      if (p.zone != 0)
        t.offset = p.has_date ? ZoneOffsetForLocal(p.zone, local, p.offset)
                              : ZoneOffsetAt(p.zone, std::time(nullptr));
      return Value(t);
    case Value::Type::kLocalDateTime:
      t.kind = TimeKind::kLocalDateTime;
      t.seconds = local;
      return Value(t);
    case Value::Type::kDateTime:
      return Value(ZonedDateTime(local, p.nanos, p.offset, p.zone));
    default:
      return Status::Internal("not a temporal type");
  }
}

std::optional<Value> TemporalComponent(const Value& v, const std::string& key) {
  std::string k = key;
  AsciiLowerInPlace(&k);
  if (v.is_duration()) {
    Value r = DurationComponent(v.as_duration(), k);
    if (r.is_string()) return std::nullopt;
    return r;
  }
  if (v.is_date()) {  // kg's precision extension (docs/temporal.md)
    Date d = v.as_date();
    if (k == "precision") return Value(DatePrecisionName(d.precision()));
    if (k == "firstday") return Value(d.first_day());
    if (k == "lastday") return Value(d.last_day());
  }
  auto p = PartsOf(v);
  if (!p) return std::nullopt;
  std::optional<Value> r;
  if (p->has_date) r = DateComponent(p->days, k);
  if (!r && p->has_time) r = TimeComponent(*p, k);
  if (!r && p->has_zone) r = ZoneComponent(*p, k);
  if (!r && p->has_zone && p->has_date) {
    i128 n = InstantNanos(*p);
    if (k == "epochseconds") r = Value(static_cast<int64_t>(n / kNanosPerSecond));
    if (k == "epochmillis") r = Value(static_cast<int64_t>(n / 1'000'000));
  }
  return r;
}

namespace {
// A week, month or year plus a duration: the period of that precision
// containing its first day moved by the duration.
Result<Value> KeepPrecision(const Value& from, Result<Value> moved) {
  if (!from.is_date() || from.as_date().is_day() || !moved.ok() || !moved->is_date()) return moved;
  return Value(Date::Period(moved->as_date(), from.as_date().precision()));
}
}  // namespace

std::optional<Result<Value>> TemporalArithmetic(char op, const Value& a, const Value& b) {
  if (op == '+' || op == '-') {
    if (a.is_duration() && b.is_duration()) {
      const Duration& x = a.as_duration();
      const Duration& y = b.as_duration();
      int64_t m, d, s;
      bool overflow = op == '+' ? __builtin_add_overflow(x.months, y.months, &m) ||
                                      __builtin_add_overflow(x.days, y.days, &d) ||
                                      __builtin_add_overflow(x.seconds, y.seconds, &s)
                                : __builtin_sub_overflow(x.months, y.months, &m) ||
                                      __builtin_sub_overflow(x.days, y.days, &d) ||
                                      __builtin_sub_overflow(x.seconds, y.seconds, &s);
      if (overflow || s >= INT64_MAX - 1 || s <= INT64_MIN + 1)
        return Result<Value>(Status::InvalidArgument("duration overflow"));
      int64_t n = op == '+' ? int64_t{x.nanos} + y.nanos : int64_t{x.nanos} - y.nanos;
      return Result<Value>(Value(Duration::Of(m, d, s, n)));
    }
    if (a.is_temporal() && b.is_duration())
      return KeepPrecision(a, AddDuration(a, b.as_duration(), op == '+' ? 1 : -1));
    if (op == '+' && a.is_duration() && b.is_temporal())
      return KeepPrecision(b, AddDuration(b, a.as_duration(), 1));
    return std::nullopt;
  }
  if (op == '*' && a.is_duration()) return ScaleDuration(a.as_duration(), b, false);
  if (op == '*' && b.is_duration()) return ScaleDuration(b.as_duration(), a, false);
  if (op == '/' && a.is_duration()) return ScaleDuration(a.as_duration(), b, true);
  return std::nullopt;
}

int CompareTemporal(const Value& a, const Value& b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  if (a.is_date()) return cmp(a.as_date(), b.as_date());
  const TimeValue& x = a.as_time_value();
  const TimeValue& y = b.as_time_value();
  int c = cmp(x.utc_seconds(), y.utc_seconds());
  if (c == 0) c = cmp(x.nanos, y.nanos);
  if (c == 0) c = cmp(x.offset, y.offset);
  if (c == 0) c = cmp(x.zone, y.zone);
  return c;
}

std::optional<int> ComparePeriods(Date a, Date b) {
  if (a == b) return 0;
  if (a.last_day() < b.first_day()) return -1;
  if (a.first_day() > b.last_day()) return 1;
  return std::nullopt;
}

bool SameInstant(const Value& a, const Value& b) {
  if (a.is_date()) return a.as_date() == b.as_date();
  const TimeValue& x = a.as_time_value();
  const TimeValue& y = b.as_time_value();
  return x.utc_seconds() == y.utc_seconds() && x.nanos == y.nanos;
}

}  // namespace kg::query::internal
