// The output shapes of get, path, stats and analyze (see shapes.h).
#include "cli/shapes.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/json.h"

namespace kg::cli {
namespace {

Value Int(uint64_t n) { return Value(static_cast<int64_t>(n)); }

Value Strings(const std::vector<std::string>& items) {
  ValueList out;
  for (const std::string& s : items) out.emplace_back(s);
  return Value(std::move(out));
}

std::string Joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
  return out;
}

// {"id", "name", "labels"}: how an entity is referred to.
Value EntityRef(const Entity& e) {
  return Value(ValueMap{
      {"id", Int(e.id)}, {"name", Value(std::string(e.name()))}, {"labels", Strings(e.labels)}});
}

// A property as a plain cell (null when absent).
Value Property(const Relation& r, std::string_view key) {
  const Value* v = r.Find(key);
  return v == nullptr ? Value() : *v;
}

// The relation's source ids, ", "-joined (a relation may cite several).
std::string Sources(const Relation& r) { return Joined(session::Session::SourceIdsOf(r), ", "); }

// Each row as one JSON document a line.
std::string Lines(const std::vector<Value>& docs) {
  std::string out;
  for (const Value& d : docs) out += ToJson(d) + "\n";
  return out;
}

// --- get ---------------------------------------------------------------------

Value EntityDoc(const session::EntityView& view) {
  const Entity& e = view.entity;
  ValueMap counts;
  for (const auto& [type, n] : view.type_counts) counts[type] = Int(n);
  ValueList relations;
  for (const session::Neighbour& n : view.relations) {
    EntityId other_id = n.outgoing ? n.relation.end : n.relation.start;
    Value other =
        n.other ? EntityRef(*n.other) : Value(ValueMap{{"id", Int(other_id)}, {"name", Value()}});
    relations.emplace_back(ValueMap{{"id", Int(n.relation.id)},
                                    {"type", Value(n.relation.type)},
                                    {"direction", Value(n.outgoing ? "out" : "in")},
                                    {"other", std::move(other)},
                                    {"properties", Value(ValueMap(n.relation.properties))}});
  }
  return Value(ValueMap{{"id", Int(e.id)},
                        {"name", Value(std::string(e.name()))},
                        {"labels", Strings(e.labels)},
                        {"properties", Value(ValueMap(e.properties))},
                        {"relation_counts", Value(std::move(counts))},
                        {"relations", Value(std::move(relations))}});
}

ResultTable EntityRows(const std::vector<session::EntityView>& views) {
  ResultTable t{
      {"entity", "entity_id", "type", "direction", "other", "other_id", "relation_id", "quote",
       "speaker", "source", "stance", "confidence", "valid_from", "valid_to", "date"},
      {}};
  for (const session::EntityView& view : views) {
    const Entity& e = view.entity;
    if (view.relations.empty()) {
      std::vector<Value> row(t.columns.size());
      row[0] = Value(std::string(e.name()));
      row[1] = Int(e.id);
      t.rows.push_back(std::move(row));
    }
    for (const session::Neighbour& n : view.relations) {
      const Relation& r = n.relation;
      EntityId other = n.outgoing ? r.end : r.start;
      t.rows.push_back({Value(std::string(e.name())), Int(e.id), Value(r.type),
                        Value(n.outgoing ? "out" : "in"),
                        n.other ? Value(std::string(n.other->name())) : Value(), Int(other),
                        Int(r.id), Property(r, kQuoteKey), Property(r, kSpeakerKey),
                        Value(Sources(r)), Property(r, "stance"), Property(r, "confidence"),
                        Property(r, "valid_from"), Property(r, "valid_to"), Property(r, kDateKey)});
    }
  }
  return t;
}

// --- path --------------------------------------------------------------------

// How `r` runs along the hop from `left`: forward (left -> right),
// backward, or undirected for the ontology's symmetric types.
const char* Direction(const Relation& r, const Entity& left, const schema::Ontology& ontology) {
  if (ontology.IsSymmetric(r.type)) return "undirected";
  return r.start == left.id ? "forward" : "backward";
}

std::string Arrow(const Relation& r, const Entity& left, const schema::Ontology& ontology) {
  std::string_view d = Direction(r, left, ontology);
  if (d == "forward") return "-[" + r.type + "]->";
  if (d == "backward") return "<-[" + r.type + "]-";
  return "-[" + r.type + "]-";
}

std::string NodeName(const Entity& e) {
  if (!e.name().empty()) return std::string(e.name());
  return "(" + (e.labels.empty() ? std::string() : ":" + e.labels[0]) + " #" +
         std::to_string(e.id) + ")";
}

Value RouteDoc(const session::Route& route, const schema::Ontology& ontology) {
  ValueList entities, hops;
  for (const Entity& e : route.entities) entities.push_back(EntityRef(e));
  for (size_t i = 0; i < route.hops.size(); ++i) {
    const Entity& left = route.entities[i];
    ValueList relations;
    for (const Relation& r : route.hops[i]) {
      relations.emplace_back(ValueMap{{"id", Int(r.id)},
                                      {"type", Value(r.type)},
                                      {"direction", Value(Direction(r, left, ontology))},
                                      {"properties", Value(ValueMap(r.properties))}});
    }
    hops.emplace_back(ValueMap{{"from", Int(left.id)},
                               {"to", Int(route.entities[i + 1].id)},
                               {"relations", Value(std::move(relations))}});
  }
  return Value(ValueMap{{"entities", Value(std::move(entities))},
                        {"hops", Value(std::move(hops))},
                        {"combinations", Int(route.combinations)}});
}

ResultTable PathRows(const session::PathResult& result, const schema::Ontology& ontology) {
  ResultTable t{{"route", "hop", "from", "to", "type", "direction", "relation_id", "quote",
                 "speaker", "source", "confidence"},
                {}};
  for (size_t k = 0; k < result.routes.size(); ++k) {
    const session::Route& route = result.routes[k];
    for (size_t i = 0; i < route.hops.size(); ++i) {
      const Entity& left = route.entities[i];
      for (const Relation& r : route.hops[i]) {
        t.rows.push_back({Int(k + 1), Int(i + 1), Value(NodeName(left)),
                          Value(NodeName(route.entities[i + 1])), Value(r.type),
                          Value(Direction(r, left, ontology)), Int(r.id), Property(r, kQuoteKey),
                          Property(r, kSpeakerKey), Value(Sources(r)), Property(r, "confidence")});
      }
    }
  }
  return t;
}

std::string Plural(uint64_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

constexpr size_t kQuoteWidth = 160;  // code points of a quote on the route layout

// "    -[TYPE]->  "quote" — speaker (source)": one relation of a hop.
std::string RelationLine(const Relation& r, const Entity& left, const schema::Ontology& ontology) {
  std::string out = "    " + Arrow(r, left, ontology);
  std::string_view quote = r.StringProperty(kQuoteKey);
  std::string_view speaker = r.StringProperty(kSpeakerKey);
  std::string sources = Sources(r);
  if (!quote.empty()) out += "  \"" + TableCell(Value(std::string(quote)), kQuoteWidth) + "\"";
  if (!speaker.empty()) out += " — " + std::string(speaker);
  if (!sources.empty()) out += " (" + sources + ")";
  return out + "\n";
}

std::string PathText(const session::PathRequest& request, const session::PathResult& result,
                     const schema::Ontology& ontology) {
  if (result.routes.empty()) {
    return "no path between '" + request.from + "' and '" + request.to + "' within " +
           std::to_string(request.max_hops) + " hops\n";
  }
  size_t shortest = SIZE_MAX, longest = 0;
  for (const session::Route& r : result.routes) {
    shortest = std::min(shortest, r.hops.size());
    longest = std::max(longest, r.hops.size());
  }
  std::string hops = std::to_string(shortest) +
                     (longest > shortest ? "-" + std::to_string(longest) : "") +
                     (longest == 1 ? " hop" : " hops");
  std::string out = Plural(result.routes.size(), "route") + " of " + hops + ", " +
                    Plural(result.combinations, "relation combination") + "\n";
  for (size_t k = 0; k < result.routes.size(); ++k) {
    const session::Route& route = result.routes[k];
    std::vector<std::string> names, sizes;
    for (const Entity& e : route.entities) names.push_back(NodeName(e));
    for (const auto& hop : route.hops) sizes.push_back(std::to_string(hop.size()));
    out += "\nRoute " + std::to_string(k + 1) + ": " + Joined(names, " → ");
    if (route.combinations > 1) {
      out += "  (" + Joined(sizes, " × ") + " = " + Plural(route.combinations, "combination") + ")";
    }
    out += "\n";
    for (size_t i = 0; i < route.hops.size(); ++i) {
      const Entity& left = route.entities[i];
      out += "  " + names[i] + " → " + names[i + 1] + ": " +
             Plural(route.hops[i].size(), "relation") + "\n";
      for (const Relation& r : route.hops[i]) out += RelationLine(r, left, ontology);
    }
  }
  return out;
}

// --- stats -------------------------------------------------------------------

// The three clock fields of a ClockSpan by name, as `kg stats` prints them.
std::array<std::pair<const char*, const DateRange*>, 3> DateRanges(const ClockSpan& span) {
  return {{{"valid_from", &span.valid_from}, {"valid_to", &span.valid_to}, {"said", &span.said}}};
}

Value DateOrNull(const std::optional<Date>& d) { return d ? Value(d->ToString()) : Value(); }

ResultTable StatsRows(const session::Stats& stats) {
  ResultTable t{{"kind", "name", "count"}, {}};
  t.rows.push_back({Value("entities"), Value(), Int(stats.entities)});
  for (const auto& [label, n] : stats.entities_by_label)
    t.rows.push_back({Value("label"), Value(label), Int(n)});
  t.rows.push_back({Value("relations"), Value(), Int(stats.relations)});
  for (const auto& [type, n] : stats.relations_by_type)
    t.rows.push_back({Value("type"), Value(type), Int(n)});
  if (stats.dates) {
    t.rows.push_back({Value("dated relations"), Value(), Int(stats.dates->dated)});
    for (const auto& [field, range] : DateRanges(*stats.dates)) {
      t.rows.push_back({Value(std::string(field) + " first"), DateOrNull(range->first), Value()});
      t.rows.push_back({Value(std::string(field) + " last"), DateOrNull(range->last), Value()});
    }
  }
  return t;
}

Value StatsDoc(const session::Stats& stats, const std::string& db) {
  ValueMap labels, types;
  for (const auto& [label, n] : stats.entities_by_label) labels[label] = Int(n);
  for (const auto& [type, n] : stats.relations_by_type) types[type] = Int(n);
  ValueMap doc{
      {"database", Value(db)},
      {"format_version", Int(stats.format_version)},
      {"ontology", Value(stats.ontology)},
      {"disk_bytes", Int(stats.disk_bytes)},
      {"entities", Int(stats.entities)},
      {"entities_by_label", Value(std::move(labels))},
      {"relations", Int(stats.relations)},
      {"relations_by_type", Value(std::move(types))},
      {"topology_cache", Value(ValueMap{{"budget_bytes", Int(stats.topology_budget_bytes)},
                                        {"estimate_bytes", Int(stats.topology_estimate_bytes)},
                                        {"held_bytes", Int(stats.topology_held_bytes)}})}};
  if (stats.dates) {
    ValueMap dates{{"dated_relations", Int(stats.dates->dated)}};
    for (const auto& [field, range] : DateRanges(*stats.dates))
      dates[field] =
          Value(ValueMap{{"first", DateOrNull(range->first)}, {"last", DateOrNull(range->last)}});
    doc["dates"] = Value(std::move(dates));
  }
  return Value(std::move(doc));
}

}  // namespace

std::string FormatEntities(const std::vector<session::EntityView>& views, OutputFormat format) {
  std::vector<Value> docs;
  if (format == OutputFormat::kCsv) return FormatResult(EntityRows(views), format, {});
  for (const session::EntityView& v : views) docs.push_back(EntityDoc(v));
  if (format == OutputFormat::kJsonl) return Lines(docs);
  return ToJson(Value(ValueMap{{"entities", Value(ValueList(docs))}})) + "\n";
}

std::string FormatPaths(const session::PathRequest& request, const session::PathResult& result,
                        const schema::Ontology& ontology, OutputFormat format) {
  switch (format) {
    case OutputFormat::kTable:
      return PathText(request, result, ontology);
    case OutputFormat::kCsv:
      return FormatResult(PathRows(result, ontology), format, {});
    case OutputFormat::kJsonl:
    case OutputFormat::kJson:
      break;
  }
  std::vector<Value> routes;
  for (const session::Route& r : result.routes) routes.push_back(RouteDoc(r, ontology));
  if (format == OutputFormat::kJsonl) return Lines(routes);
  ValueList from, to;
  for (const Entity& e : result.from) from.push_back(EntityRef(e));
  for (const Entity& e : result.to) to.push_back(EntityRef(e));
  return ToJson(Value(ValueMap{{"from", Value(std::move(from))},
                               {"to", Value(std::move(to))},
                               {"route_count", Int(result.routes.size())},
                               {"combinations", Int(result.combinations)},
                               {"routes", Value(ValueList(routes))}})) +
         "\n";
}

std::string FormatStats(const session::Stats& stats, const std::string& db, OutputFormat format) {
  if (format == OutputFormat::kJson) return ToJson(StatsDoc(stats, db)) + "\n";
  return FormatResult(StatsRows(stats), format, {});
}

ResultTable PlainAnalyzeTable(const ResultTable& table) {
  auto column = [&](std::string_view name) {
    auto it = std::find(table.columns.begin(), table.columns.end(), name);
    return it == table.columns.end() ? SIZE_MAX : static_cast<size_t>(it - table.columns.begin());
  };
  const size_t node = column("node"), name = column("name");
  ResultTable out;
  // name, label, id where the name (else the node) was; the node column goes.
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (c == node && name != SIZE_MAX) continue;
    if (c == node || c == name) {
      out.columns.insert(out.columns.end(), {"name", "label", "id"});
    } else {
      out.columns.push_back(table.columns[c]);
    }
  }
  for (const auto& row : table.rows) {
    std::vector<Value> cells;
    for (size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
      if (c == node && name != SIZE_MAX) continue;
      if (c == node || c == name) {
        const Value& n = node < row.size() ? row[node] : row[c];
        if (n.is_node()) {
          const Entity& e = n.as_node();
          cells.insert(cells.end(),
                       {Value(std::string(e.name())), Value(Joined(e.labels, ";")), Int(e.id)});
        } else {
          cells.insert(cells.end(), {row[c], Value(), Value()});
        }
      } else if (row[c].is_relationship()) {
        cells.push_back(Value(row[c].as_relationship().type));  // the relation by its type
      } else {
        cells.push_back(row[c]);
      }
    }
    out.rows.push_back(std::move(cells));
  }
  return out;
}

}  // namespace kg::cli
