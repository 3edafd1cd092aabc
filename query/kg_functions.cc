// The kg.* extension functions (kg.validAt, kg.certainAt, kg.knownAt,
// kg.source, kg.date) and their catalog entries: questions about a
// relationship's validity and sources that openCypher has no words for.
#include "core/relation.h"
#include "query/internal/bound.h"
#include "query/internal/catalog.h"
#include "query/internal/eval.h"
#include "query/internal/string_functions.h"
#include "query/internal/temporal.h"
#include "storage/sources.h"

namespace kg::query::internal {
namespace {

using Args = std::vector<Value>;

// The date argument of kg.validAt / kg.certainAt / kg.knownAt: a date or a
// string of any precision ("2025-04-16", "2025-W28", "2025-04", "2025").
Result<Date> DayArg(EvalContext& ctx, const BoundExpr& c, const Value& v) {
  if (v.is_date()) return v.as_date();
  if (!v.is_string()) return BadArg(ctx, c, 1, v);
  auto d = Date::ParseWithPrecision(v.as_string());
  if (!d.ok())
    return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", c.span,
                     d.status().message());
  return *d;
}

// kg.validAt(r, date): held on some day of the date (Relation::ValidAt:
// imprecise bounds read generously).
Result<Value> ValidAt(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(Date day, DayArg(ctx, c, a[1]));
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  return Value(r->ValidAt(day));
}

// kg.certainAt(r, date): held on every day of the date under every reading
// of imprecise bounds (Relation::CertainAt).
Result<Value> CertainAt(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(Date day, DayArg(ctx, c, a[1]));
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  return Value(r->CertainAt(day));
}

// kg.knownAt(r, date): true when the relationship was said on or before the
// date (RelationFilter::KnownAt: its `date`, else its sources' publication).
Result<Value> KnownAt(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(Date day, DayArg(ctx, c, a[1]));
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  RelationFilter filter;
  if (!r->said()) {
    // The sources' publication days, read once per statement (the scope's
    // own when it has a known-at day, else loaded on the first call).
    if (ctx.relations.source_published == nullptr && ctx.source_days == nullptr) {
      RelationFilter all_sources;
      all_sources.known_at = day;
      KG_RETURN_IF_ERROR(storage::AddSourcePublished(*ctx.txn, &all_sources));
      ctx.source_days = std::move(all_sources.source_published);
    }
    filter.source_published = ctx.relations.source_published != nullptr
                                  ? ctx.relations.source_published
                                  : ctx.source_days;
  }
  return Value(filter.KnownAt(*r, day));
}

// kg.source(r): the record of the relationship's (first) source as a map
// {id, title, publisher, author, url, published, language}; null when the
// relationship names no source. A source without a stored record (CSV data
// imported without --sources) gives just {id}.
Result<Value> SourceOf(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_relationship()) return BadArg(ctx, c, 0, a[0]);
  KG_ASSIGN_OR_RETURN(auto r, ctx.Rel(a[0].as_relationship().id));
  std::vector<std::string> ids = storage::RelationSourceIds(*r);
  if (ids.empty()) return Value();
  ValueMap m;
  m["id"] = Value(ids[0]);
  KG_ASSIGN_OR_RETURN(auto rec, storage::GetSource(*ctx.txn, ids[0]));
  if (rec) {
    auto put = [&](const char* key, const std::string& v) {
      m[key] = v.empty() ? Value() : Value(v);
    };
    put("title", rec->title);
    put("publisher", rec->publisher);
    put("author", rec->author);
    put("url", rec->url);
    put("published", rec->published);
    put("language", rec->language);
  }
  return Value(std::move(m));
}

const FunctionDef kKgFunctions[] = {
    {"kg.validAt", 2, 2, ValidAt},
    {"kg.certainAt", 2, 2, CertainAt},
    // kg.date is implemented with the dates of a precision (date_precision.cc).
    {"kg.date", 1, 2, KgDateFn},
    {"kg.knownAt", 2, 2, KnownAt},
    {"kg.source", 1, 1, SourceOf},
};

}  // namespace

std::span<const FunctionDef> KgFunctions() { return kKgFunctions; }

}  // namespace kg::query::internal
