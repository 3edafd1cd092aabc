// The temporal functions: date(), localtime(), time(), localdatetime(),
// datetime() from a string, a map or another temporal (or the clock, with
// no argument), their .truncate/.statement/.transaction/.realtime forms,
// with their catalog entries (durations and datetime.fromEpoch are in
// duration_functions.cc). Map construction follows openCypher: a base
// (date:, time:, datetime:) whose fields the other keys override.
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>

#include "core/text.h"
#include "core/timezone.h"
#include "query/internal/bound.h"
#include "query/internal/eval.h"
#include "query/internal/string_functions.h"
#include "query/internal/temporal.h"

namespace kg::query::internal {
namespace {

using Args = std::vector<Value>;
using T = Value::Type;

bool HasDate(T t) { return t == T::kDate || t == T::kLocalDateTime || t == T::kDateTime; }
bool HasTime(T t) { return t != T::kDate; }
bool HasZone(T t) { return t == T::kTime || t == T::kDateTime; }

const char* Name(T t) {
  switch (t) {
    case T::kDate:
      return "date";
    case T::kLocalTime:
      return "localtime";
    case T::kTime:
      return "time";
    case T::kLocalDateTime:
      return "localdatetime";
    default:
      return "datetime";
  }
}

int64_t FloorDivI(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Status ArgError(EvalContext& ctx, const BoundExpr& c, const std::string& msg) {
  return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", c.span, msg);
}

// The parts of "now" in a zone given as a string (or UTC).
Result<TemporalParts> NowParts(EvalContext& ctx, bool realtime, const Value* tz) {
  auto now = std::chrono::system_clock::now();
  if (!realtime) {
    if (!ctx.statement_time) ctx.statement_time = now;
    now = *ctx.statement_time;
  }
  int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  int32_t offset = 0, zone = 0;
  if (tz != nullptr) KG_RETURN_IF_ERROR(ParseZone(tz->as_string(), &offset, &zone));
  int64_t s = ns / kNanosPerSecond;
  TimeValue t = DateTimeAtInstant(s, static_cast<int32_t>(ns - s * kNanosPerSecond), offset, zone);
  return *PartsOf(Value(t));
}

// The fields a map may set, by kind.
const std::map<std::string, int>& FieldKinds() {
  // 1: date field, 2: time field.
  static const auto* m = new std::map<std::string, int>{
      {"year", 1},        {"month", 1},      {"day", 1},     {"week", 1},
      {"dayofweek", 1},   {"ordinalday", 1}, {"quarter", 1}, {"dayofquarter", 1},
      {"hour", 2},        {"minute", 2},     {"second", 2},  {"millisecond", 2},
      {"microsecond", 2}, {"nanosecond", 2}};
  return *m;
}

Status Range(const char* what, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo || v > hi)
    return Status::InvalidArgument(std::string(what) + " " + std::to_string(v) + " out of range " +
                                   std::to_string(lo) + ".." + std::to_string(hi));
  return Status::OK();
}

using Fields = std::map<std::string, int64_t>;

Status ApplyDateFields(const Fields& f, bool base, TemporalParts* p) {
  auto get = [&](const char* k) -> std::optional<int64_t> {
    auto it = f.find(k);
    return it == f.end() ? std::nullopt : std::optional<int64_t>(it->second);
  };
  auto year = get("year");
  int64_t by = 0;
  int bm = 1, bd = 1;
  if (base) CivilFromDays(p->days, &by, &bm, &bd);
  if (!year && !base) return Status::InvalidArgument("year is required");
  if (year) KG_RETURN_IF_ERROR(Range("year", *year, -999'999'999, 999'999'999));
  if (get("week") || get("dayofweek")) {
    int64_t wy = 0;
    int w = 1;
    int64_t dow = 1;
    if (base) {
      IsoWeek(p->days, &wy, &w);
      dow = DayOfWeek(p->days);
    }
    if (year) wy = *year;
    int64_t week = get("week").value_or(w);
    dow = get("dayofweek").value_or(dow);
    KG_RETURN_IF_ERROR(
        Range("week", week, 1, (IsoWeekOneMonday(wy + 1) - IsoWeekOneMonday(wy)) / 7));
    KG_RETURN_IF_ERROR(Range("dayOfWeek", dow, 1, 7));
    p->days = IsoWeekOneMonday(wy) + (week - 1) * 7 + dow - 1;
  } else if (auto od = get("ordinalday")) {
    int64_t y = year.value_or(by);
    KG_RETURN_IF_ERROR(Range("ordinalDay", *od, 1, IsLeapYear(y) ? 366 : 365));
    p->days = DaysFromCivil(y, 1, 1) + *od - 1;
  } else if (get("quarter") || get("dayofquarter")) {
    int64_t y = year.value_or(by);
    int64_t bq = (bm - 1) / 3 + 1;
    int64_t bdoq = base ? p->days - DaysFromCivil(by, static_cast<int>(bq * 3 - 2), 1) + 1 : 1;
    int64_t q = get("quarter").value_or(bq);
    KG_RETURN_IF_ERROR(Range("quarter", q, 1, 4));
    int64_t start = DaysFromCivil(y, static_cast<int>(q * 3 - 2), 1);
    int64_t end =
        q == 4 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, static_cast<int>(q * 3 + 1), 1);
    int64_t doq = get("dayofquarter").value_or(bdoq);
    KG_RETURN_IF_ERROR(Range("dayOfQuarter", doq, 1, end - start));
    p->days = start + doq - 1;
  } else {
    int64_t y = year.value_or(by);
    int64_t m = get("month").value_or(bm);
    KG_RETURN_IF_ERROR(Range("month", m, 1, 12));
    int64_t d = get("day").value_or(bd);
    KG_RETURN_IF_ERROR(Range("day", d, 1, DaysInMonth(y, static_cast<int>(m))));
    p->days = DaysFromCivil(y, static_cast<int>(m), static_cast<int>(d));
  }
  p->has_date = true;
  return Status::OK();
}

Status ApplyTimeFields(const Fields& f, bool base, TemporalParts* p) {
  auto get = [&](const char* k, int64_t dflt) {
    auto it = f.find(k);
    return it == f.end() ? dflt : it->second;
  };
  int64_t h = get("hour", base ? p->sod / 3600 : 0);
  int64_t m = get("minute", base ? p->sod / 60 % 60 : 0);
  int64_t s = get("second", base ? p->sod % 60 : 0);
  KG_RETURN_IF_ERROR(Range("hour", h, 0, 23));
  KG_RETURN_IF_ERROR(Range("minute", m, 0, 59));
  KG_RETURN_IF_ERROR(Range("second", s, 0, 59));
  bool ms = f.count("millisecond"), us = f.count("microsecond"), ns = f.count("nanosecond");
  if (ms || us || ns) {
    // Over a base, each given field replaces its own digits only
    // (truncating to the millisecond then setting nanosecond: 14.645000002).
    int64_t n = base ? p->nanos : 0;
    bool whole_ns = !ms && !us && (!base || get("nanosecond", 0) > 999);
    int64_t a = get("millisecond", n / 1'000'000);
    int64_t b = get("microsecond", n / 1000 % 1000);
    int64_t c = get("nanosecond", n % 1000);
    KG_RETURN_IF_ERROR(Range("millisecond", a, 0, 999));
    KG_RETURN_IF_ERROR(Range("microsecond", b, 0, ms || base ? 999 : 999'999));
    KG_RETURN_IF_ERROR(Range("nanosecond", c, 0, whole_ns ? 999'999'999 : 999));
    if (whole_ns) a = b = 0;
    if (!ms && us && !base) a = 0;
    p->nanos = static_cast<int32_t>(a * 1'000'000 + b * 1000 + c);
  } else if (!base) {
    p->nanos = 0;
  }
  p->sod = h * 3600 + m * 60 + s;
  p->has_time = true;
  return Status::OK();
}

// Moves parts that have a zone into another, keeping the instant.
void ConvertZone(TemporalParts* p, int32_t offset, int32_t zone) {
  if (p->has_date) {
    int64_t local = p->days * kSecondsPerDay + p->sod;
    int64_t utc = p->zone != 0 ? ZonedDateTime(local, p->nanos, p->offset, p->zone).utc_seconds()
                               : local - p->offset;
    TimeValue t = DateTimeAtInstant(utc, p->nanos, offset, zone);
    p->days = t.days();
    p->sod = t.second_of_day();
    p->offset = t.offset;
  } else {
    int32_t to = zone != 0 ? ZoneOffsetAt(zone, std::time(nullptr)) : offset;
    p->sod = ((p->sod - p->offset + to) % kSecondsPerDay + kSecondsPerDay) % kSecondsPerDay;
    p->offset = to;
  }
  p->zone = zone;
}

// A temporal of `target` from a map, over `base` parts when truncating.
// Long by design: openCypher's map form reads its keys (date, time, timezone,
// epoch, fields) in one pass whose order of application is the rule.
Result<Value> FromMap(EvalContext& ctx, const BoundExpr& c, T target, const ValueMap& m,
                      const TemporalParts* base) {
  TemporalParts p = base ? *base : TemporalParts{};
  bool base_date = p.has_date, base_time = p.has_time, convert = base == nullptr;
  Fields fields;
  const Value* tz = nullptr;
  std::optional<int64_t> epoch_s, epoch_ms;
  for (const auto& [key, v] : m) {
    std::string k = AsciiLower(key);
    if (v.is_null()) return Value();
    if (k == "date" || k == "time" || k == "datetime") {
      auto q = PartsOf(v);
      if (!q) return BadArg(ctx, c, 0, v);
      if (k != "time") {
        if (!q->has_date)
          return ArgError(ctx, c, std::string(Name(target)) + "(): " + k + " has no date");
        p.days = q->days;
        p.has_date = base_date = true;
      }
      if (k != "date" && q->has_time) {
        p.sod = q->sod;
        p.nanos = q->nanos;
        p.has_time = base_time = true;
        if (q->has_zone) {
          p.has_zone = true;
          p.offset = q->offset;
          p.zone = q->zone;
        }
      }
    } else if (k == "timezone" && HasZone(target)) {
      if (!v.is_string()) return BadArg(ctx, c, 0, v);
      tz = &v;
    } else if ((k == "epochseconds" || k == "epochmillis") && target == T::kDateTime) {
      if (!v.is_int()) return BadArg(ctx, c, 0, v);
      (k == "epochseconds" ? epoch_s : epoch_ms) = v.as_int();
    } else if (auto it = FieldKinds().find(k);
               it != FieldKinds().end() && (it->second == 1 ? HasDate(target) : HasTime(target))) {
      if (!v.is_int()) return BadArg(ctx, c, 0, v);
      fields[k] = v.as_int();
    } else {
      return ArgError(ctx, c, std::string(Name(target)) + "() takes no key '" + key + "'");
    }
  }
  auto fail = [&](const Status& s) {
    return ArgError(ctx, c, std::string(Name(target)) + "(): " + s.message());
  };
  if (epoch_s || epoch_ms) {
    int64_t s = epoch_s ? *epoch_s : FloorDivI(*epoch_ms, 1000);
    int64_t n = epoch_s ? fields["nanosecond"] : (*epoch_ms - s * 1000) * 1'000'000;
    fields.erase("nanosecond");
    p = *PartsOf(Value(DateTimeAtInstant(s, static_cast<int32_t>(n), p.offset, p.zone)));
    base_date = base_time = true;
  }
  bool date_fields = false, time_fields = false;
  for (const auto& [k, v] : fields) (FieldKinds().at(k) == 1 ? date_fields : time_fields) = true;
  Status s;
  if (date_fields || (HasDate(target) && !base_date)) s = ApplyDateFields(fields, base_date, &p);
  if (s.ok() && (time_fields || (HasTime(target) && !base_time)))
    s = ApplyTimeFields(fields, base_time, &p);
  if (!s.ok()) return fail(s);
  // The zone last: a time with a zone moves into the new one at the date
  // the fields above made (DST depends on it).
  if (tz) {
    int32_t offset = 0, zone = 0;
    s = ParseZone(tz->as_string(), &offset, &zone);
    if (!s.ok()) return fail(s);
    if (convert && p.has_zone) {
      ConvertZone(&p, offset, zone);
    } else {
      p.has_zone = true;
      p.offset = offset;
      p.zone = zone;
    }
  }
  auto r = BuildTemporal(target, p);
  if (!r.ok()) return fail(r.status());
  return r;
}

template <T kTarget>
Result<Value> Construct(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a.empty()) {
    KG_ASSIGN_OR_RETURN(TemporalParts p, NowParts(ctx, false, nullptr));
    return BuildTemporal(kTarget, p);
  }
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_map()) return FromMap(ctx, c, kTarget, v.as_map(), nullptr);
  if (v.is_string()) {
    Result<Value> r = Status::Internal("unset");
    if (kTarget == T::kDate) {
      auto d = ParseIsoDate(v.as_string());
      r = d.ok() ? Result<Value>(Value(*d)) : Result<Value>(d.status());
    } else {
      auto t = ParseTimeValue(
          static_cast<TimeKind>(static_cast<int>(kTarget) - static_cast<int>(T::kLocalTime)),
          v.as_string());
      r = t.ok() ? Result<Value>(Value(*t)) : Result<Value>(t.status());
    }
    if (!r.ok()) return ArgError(ctx, c, r.status().message());
    return r;
  }
  auto p = PartsOf(v);
  if (!p) return BadArg(ctx, c, 0, v);
  if (HasTime(kTarget) && !p->has_time && !HasDate(kTarget))
    return ArgError(
        ctx, c, std::string(Name(kTarget)) + "() of a " + ValueTypeName(v.type()) + " has no time");
  auto r = BuildTemporal(kTarget, *p);
  if (!r.ok()) return ArgError(ctx, c, std::string(Name(kTarget)) + "(): " + r.status().message());
  return r;
}

// X.statement() / X.transaction() (the statement's clock) and X.realtime().
template <T kTarget, bool kRealtime>
Result<Value> Now(EvalContext& ctx, const BoundExpr& c, Args& a) {
  const Value* tz = nullptr;
  if (!a.empty()) {
    if (a[0].is_null()) return Value();
    if (a[0].is_map()) {
      auto it = a[0].as_map().find("timezone");
      if (it != a[0].as_map().end() && it->second.is_string()) tz = &it->second;
    } else if (a[0].is_string()) {
      tz = &a[0];
    } else {
      return BadArg(ctx, c, 0, a[0]);
    }
  }
  auto p = NowParts(ctx, kRealtime, tz);
  if (!p.ok()) return ArgError(ctx, c, p.status().message());
  return BuildTemporal(kTarget, *p);
}

// The unit's rank: date units first (0..8), then time units.
int UnitIndex(const std::string& u) {
  static const char* kUnits[] = {"millennium", "century", "decade",      "year",       "weekyear",
                                 "quarter",    "month",   "week",        "day",        "hour",
                                 "minute",     "second",  "millisecond", "microsecond"};
  for (int i = 0; i < 14; ++i)
    if (u == kUnits[i]) return i;
  return -1;
}

void TruncateParts(int unit, TemporalParts* p) {
  if (unit <= 8) {
    int64_t y;
    int m, d;
    CivilFromDays(p->days, &y, &m, &d);
    auto floor_to = [](int64_t v, int64_t n) { return FloorDivI(v, n) * n; };
    switch (unit) {
      case 0:
        p->days = DaysFromCivil(floor_to(y, 1000), 1, 1);
        break;
      case 1:
        p->days = DaysFromCivil(floor_to(y, 100), 1, 1);
        break;
      case 2:
        p->days = DaysFromCivil(floor_to(y, 10), 1, 1);
        break;
      case 3:
        p->days = DaysFromCivil(y, 1, 1);
        break;
      case 4: {
        int64_t wy;
        int w;
        IsoWeek(p->days, &wy, &w);
        p->days = IsoWeekOneMonday(wy);
        break;
      }
      case 5:
        p->days = DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1);
        break;
      case 6:
        p->days = DaysFromCivil(y, m, 1);
        break;
      case 7:
        p->days -= DayOfWeek(p->days) - 1;
        break;
      default:
        break;
    }
    p->sod = 0;
    p->nanos = 0;
    return;
  }
  static const int64_t kSod[] = {3600, 60, 1};
  if (unit <= 11) {
    p->sod -= p->sod % kSod[unit - 9];
    p->nanos = 0;
  } else {
    int32_t step = unit == 12 ? 1'000'000 : 1000;
    p->nanos -= p->nanos % step;
  }
}

template <T kTarget>
Result<Value> Truncate(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  auto p = PartsOf(a[1]);
  if (!p) return BadArg(ctx, c, 1, a[1]);
  int unit = UnitIndex(AsciiLower(a[0].as_string()));
  std::string name = std::string(Name(kTarget)) + ".truncate()";
  if (unit < 0) return ArgError(ctx, c, name + ": unknown unit '" + a[0].as_string() + "'");
  if (kTarget == T::kDate && unit > 8)
    return ArgError(ctx, c, name + ": a date cannot be truncated to " + a[0].as_string());
  if (!HasDate(kTarget) && unit < 8)
    return ArgError(ctx, c, name + ": a time cannot be truncated to " + a[0].as_string());
  if (HasDate(kTarget) && !p->has_date)
    return ArgError(ctx, c, name + ": a " + ValueTypeName(a[1].type()) + " has no date");
  if (unit != 8 || p->has_date)
    TruncateParts(unit, &*p);
  else
    p->sod = 0, p->nanos = 0;
  if (!HasDate(kTarget)) p->has_date = false;
  if (HasTime(kTarget)) p->has_time = true;
  ValueMap empty;
  const ValueMap* m = &empty;
  if (a.size() > 2 && !a[2].is_null()) {
    if (!a[2].is_map()) return BadArg(ctx, c, 2, a[2]);
    m = &a[2].as_map();
  }
  return FromMap(ctx, c, kTarget, *m, &*p);
}

// Each of the five temporal types has a constructor (without arguments it
// reads the statement's clock, hence not deterministic), .truncate and
// the three clocks.
#define KG_TEMPORAL_FUNCTIONS(name, type)                                                          \
  {name, 0, 1, Construct<type>, SType::kAny, {}, false}, {name ".truncate", 2, 3, Truncate<type>}, \
      {name ".statement", 0, 1, Now<type, false>, SType::kAny, {}, false},                         \
      {name ".transaction", 0, 1, Now<type, false>, SType::kAny, {}, false}, {                     \
    name ".realtime", 0, 1, Now<type, true>, SType::kAny, {}, false                                \
  }

const FunctionDef kTemporalFunctions[] = {
    KG_TEMPORAL_FUNCTIONS("date", T::kDate),
    KG_TEMPORAL_FUNCTIONS("localtime", T::kLocalTime),
    KG_TEMPORAL_FUNCTIONS("time", T::kTime),
    KG_TEMPORAL_FUNCTIONS("localdatetime", T::kLocalDateTime),
    KG_TEMPORAL_FUNCTIONS("datetime", T::kDateTime),
};

}  // namespace

std::span<const FunctionDef> TemporalFunctions() { return kTemporalFunctions; }

Result<Value> DateFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args) {
  return Construct<T::kDate>(ctx, call, args);
}

}  // namespace kg::query::internal
