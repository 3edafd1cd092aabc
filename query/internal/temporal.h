// openCypher's temporal functions and operators over core/temporal.h:
// constructors (date(), time(), ... from strings, maps and other temporals),
// X.truncate, X.statement/.transaction/.realtime, datetime.fromEpoch,
// duration(), duration.between/inMonths/inDays/inSeconds, component access
// (d.year, t.offset, dur.minutesOfHour), +/-/*// and comparison.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/value.h"
#include "query/internal/catalog.h"

namespace kg::query::internal {

class EvalContext;
struct BoundExpr;

// A temporal value taken apart: what a constructor reads and builds from.
struct TemporalParts {
  bool has_date = false;
  bool has_time = false;
  bool has_zone = false;
  int64_t days = 0;  // local date, days since 1970-01-01
  int64_t sod = 0;   // local second of the day
  int32_t nanos = 0;
  int32_t offset = 0;  // seconds east of UTC
  int32_t zone = 0;    // named zone id, 0 for none
};

// The parts of a DATE or time value; nullopt for other values.
std::optional<TemporalParts> PartsOf(const Value& v);

// A value of `target` (kDate, kLocalTime, kTime, kLocalDateTime,
// kDateTime) from parts: missing date or time parts are an error, a missing
// zone is UTC, a named zone fixes the offset.
Result<Value> BuildTemporal(Value::Type target, const TemporalParts& p);

// duration.between (kAll), .inMonths, .inDays, .inSeconds of two temporal
// values, as java.time's until: whole months, then days, then the rest.
enum class BetweenUnit { kAll, kMonths, kDays, kSeconds };
Value DurationBetween(const Value& from, const Value& to, BetweenUnit unit);

// openCypher's date(x) (the constructor of the catalog's "date" entry).
Result<Value> DateFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);

// kg.date(text | date | temporal | map [, precision]): a date with its
// precision (date_precision.cc, docs/temporal.md).
Result<Value> KgDateFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);

// `v.key` for a temporal or duration value: the component, or nullopt when
// the value has no such component (the caller reports it).
std::optional<Value> TemporalComponent(const Value& v, const std::string& key);

// a + b, a - b, a * b, a / b when either side is a temporal or a duration:
// nullopt when the operator does not apply to these types (the caller
// reports the TypeError); an out-of-range result is an error.
std::optional<Result<Value>> TemporalArithmetic(char op, const Value& a, const Value& b);

// Comparison of two values of the same temporal type (not DURATION): <0, 0,
// >0. Zoned values compare by instant, then by offset and zone so ordering
// is total; dates by first day, then precision (core/date.h).
int CompareTemporal(const Value& a, const Value& b);
// Cypher's comparison of two dates when either is not a day: by the periods
// they may mean. 0 for the same date, <0 when a's last day is before b's
// first, >0 when a's first day is after b's last, nullopt when the periods
// overlap (which is earlier is not known). Two days compare as days.
std::optional<int> ComparePeriods(Date a, Date b);
// Whether two temporal values of one type denote the same point (by instant
// for the zoned types).
bool SameInstant(const Value& a, const Value& b);

}  // namespace kg::query::internal
