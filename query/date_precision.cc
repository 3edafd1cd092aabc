// kg.date(): dates with their precision, a kg extension beside openCypher's
// date() (docs/temporal.md, "Dates with precision"). date('2025-04') stays
// the day 2025-04-01 as the TCK wants; kg.date('2025-04') is April 2025.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"
#include "query/internal/bound.h"
#include "query/internal/eval.h"
#include "query/internal/string_functions.h"
#include "query/internal/temporal.h"

namespace kg::query::internal {
namespace {

Status ArgError(EvalContext& ctx, const BoundExpr& c, const std::string& msg) {
  return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", c.span, msg);
}

Result<DatePrecision> PrecisionArg(EvalContext& ctx, const BoundExpr& c, const Value& v, size_t i) {
  if (!v.is_string()) return BadArg(ctx, c, i, v);
  std::string name = v.as_string();
  AsciiLowerInPlace(&name);
  DatePrecision p;
  if (!ParseDatePrecision(name, &p))
    return ArgError(ctx, c,
                    "unknown date precision '" + v.as_string() +
                        "', expected 'day', 'week', 'month' or 'year'");
  return p;
}

// openCypher's date() of one argument: a day from a map or a temporal value.
Result<Value> CypherDate(EvalContext& ctx, const BoundExpr& c, const Value& v) {
  std::vector<Value> args{v};
  return DateFn(ctx, c, args);
}

}  // namespace

Result<Value> KgDateFn(EvalContext& ctx, const BoundExpr& c, std::vector<Value>& a) {
  for (const Value& v : a)
    if (v.is_null()) return Value();
  std::optional<DatePrecision> precision;
  if (a.size() == 2) {
    KG_ASSIGN_OR_RETURN(DatePrecision p, PrecisionArg(ctx, c, a[1], 1));
    precision = p;
  }
  const Value& v = a[0];
  Date d;
  if (v.is_string()) {
    Result<Date> parsed = Date::ParseWithPrecision(v.as_string());
    if (!parsed.ok()) return ArgError(ctx, c, parsed.status().message());
    d = *parsed;
  } else if (v.is_date()) {
    d = v.as_date();
  } else if (v.is_map() || v.is_time_value()) {
    Value day_of = v;
    if (v.is_map()) {
      ValueMap m = v.as_map();
      if (auto it = m.find("precision"); it != m.end()) {
        if (precision) return ArgError(ctx, c, "the precision is given twice");
        KG_ASSIGN_OR_RETURN(DatePrecision p, PrecisionArg(ctx, c, it->second, 0));
        precision = p;
        m.erase(it);
      }
      day_of = Value(std::move(m));
    }
    KG_ASSIGN_OR_RETURN(Value day, CypherDate(ctx, c, day_of));
    if (!day.is_date()) return Value();
    d = day.as_date();
  } else {
    return BadArg(ctx, c, 0, v);
  }
  if (!precision) return Value(d);
  // Only coarser: a year does not tell which month it was.
  if (*precision < d.precision())
    return ArgError(ctx, c,
                    std::string("cannot make the ") + DatePrecisionName(d.precision()) + " " +
                        d.ToString() + " a " + DatePrecisionName(*precision));
  return Value(Date::Period(d.first_day(), *precision));
}

}  // namespace kg::query::internal
