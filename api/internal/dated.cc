// DatedReader (dated.h): the reads behind timelines and diffs.
#include "api/internal/dated.h"

#include <algorithm>

#include "storage/sources.h"

namespace kg::session::internal {

DatedReader::DatedReader(const storage::Transaction& txn, RelationFilter filter,
                         std::map<std::string, SourceLabel> sources, std::vector<std::string> types)
    : txn_(txn),
      filter_(std::move(filter)),
      sources_(std::move(sources)),
      types_(types.begin(), types.end()) {}

bool DatedReader::Keeps(const Relation& relation) const {
  if (!types_.empty() && !types_.contains(relation.type)) return false;
  return filter_.Accepts(relation);
}

std::optional<Date> DatedReader::SaidDay(const Relation& relation) const {
  if (std::optional<Date> said = relation.said()) return said;
  if (filter_.source_published == nullptr) return std::nullopt;
  std::optional<Date> earliest;
  for (const std::string& id : storage::RelationSourceIds(relation)) {
    auto it = filter_.source_published->find(id);
    if (it != filter_.source_published->end() && (!earliest || it->second < *earliest))
      earliest = it->second;
  }
  return earliest;
}

Result<const Entity*> DatedReader::EntityOf(EntityId id) {
  auto it = entities_.find(id);
  if (it == entities_.end()) {
    Result<Entity> read = txn_.GetEntity(id);
    if (!read.ok() && read.status().code() != StatusCode::kNotFound) return read.status();
    it = entities_.emplace(id, read.ok() ? std::optional<Entity>(*read) : std::nullopt).first;
  }
  return it->second ? &*it->second : nullptr;
}

bool DatedReader::IsEvent(EntityId id) {
  Result<const Entity*> e = EntityOf(id);
  return e.ok() && *e != nullptr && (*e)->HasLabel(kEventLabel);
}

std::string DatedReader::NameOf(EntityId id) {
  Result<const Entity*> e = EntityOf(id);
  if (e.ok() && *e != nullptr && !(*e)->name().empty()) return std::string((*e)->name());
  return "#" + std::to_string(id);
}

CitedRelation DatedReader::Cite(const Relation& relation) {
  CitedRelation c;
  c.id = relation.id;
  c.type = relation.type;
  c.start_id = relation.start;
  c.end_id = relation.end;
  c.start = NameOf(relation.start);
  c.end = NameOf(relation.end);
  c.quote = relation.StringProperty(kQuoteKey);
  c.speaker = relation.StringProperty(kSpeakerKey);
  c.stance = relation.stance();
  for (const std::string& id : storage::RelationSourceIds(relation)) {
    auto it = sources_.find(id);
    if (it == sources_.end()) {
      c.sources.push_back({id, "", ""});
    } else {
      c.sources.push_back({id, it->second.title, it->second.publisher});
    }
  }
  return c;
}

std::optional<Date> DatedReader::EventDate(const Entity& event, std::string_view key) {
  const Value* v = event.Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_date()) return v->as_date();
  if (v->is_string()) {
    Result<Date> parsed = Date::Parse(v->as_string());
    if (parsed.ok()) return *parsed;
  }
  notes_.push_back("event '" + std::string(event.name()) + "' (#" + std::to_string(event.id) +
                   "): " + std::string(key) + " " + v->ToDisplayString() +
                   " is not a date; left out");
  return std::nullopt;
}

Result<std::vector<Relation>> DatedReader::RelationsAt(EntityId id) const {
  std::set<RelationId> ids;
  KG_RETURN_IF_ERROR(txn_.Expand(id, storage::Direction::kBoth, {}, [&](const storage::Edge& e) {
    ids.insert(e.relation);
    return true;
  }));
  std::vector<Relation> out;
  for (RelationId rid : ids) {
    KG_ASSIGN_OR_RETURN(Relation r, txn_.GetRelation(rid));
    if (Keeps(r)) out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Relation>> DatedReader::AllRelations() const {
  std::vector<Relation> out;
  Status failed;
  KG_RETURN_IF_ERROR(txn_.ScanEdges("", [&](const storage::EdgeTriple& e) {
    Result<Relation> r = txn_.GetRelation(e.relation);
    if (!r.ok()) {
      failed = r.status();
      return false;
    }
    if (Keeps(*r)) out.push_back(std::move(r).value());
    return true;
  }));
  KG_RETURN_IF_ERROR(failed);
  std::sort(out.begin(), out.end(),
            [](const Relation& a, const Relation& b) { return a.id < b.id; });
  return out;
}

std::map<EntityId, const Relation*> DatedReader::LinkedEvents(EntityId id,
                                                              const std::vector<Relation>& at) {
  std::map<EntityId, const Relation*> events;
  for (const Relation& r : at) {  // in id order: the first link wins
    EntityId other = r.start == id ? r.end : r.start;
    if (other != id && IsEvent(other)) events.emplace(other, &r);
  }
  return events;
}

namespace {
Value Text(std::string_view s) { return Value(std::string(s)); }
Value Int(uint64_t n) { return Value(static_cast<int64_t>(n)); }
}  // namespace

Value CitedRelationValue(const CitedRelation& r) {
  if (r.id == 0) return Value();
  ValueList sources;
  for (const CitedSource& s : r.sources) {
    sources.emplace_back(
        ValueMap{{"id", Text(s.id)},
                 {"title", s.title.empty() ? Value() : Text(s.title)},
                 {"publisher", s.publisher.empty() ? Value() : Text(s.publisher)}});
  }
  return Value(
      ValueMap{{"id", Int(r.id)},
               {"type", Text(r.type)},
               {"start", Value(ValueMap{{"id", Int(r.start_id)}, {"name", Text(r.start)}})},
               {"end", Value(ValueMap{{"id", Int(r.end_id)}, {"name", Text(r.end)}})},
               {"quote", r.quote.empty() ? Value() : Text(r.quote)},
               {"speaker", r.speaker.empty() ? Value() : Text(r.speaker)},
               {"stance", r.stance ? Value(*r.stance) : Value()},
               {"sources", Value(std::move(sources))}});
}

Status WithPublished(const storage::Transaction& txn, RelationFilter* filter) {
  // AddSourcePublished reads the records only for a filter with a known
  // day; ask with one, then restore the filter's own.
  std::optional<Date> known = filter->known_at;
  if (!known) filter->known_at = Date(0);
  Status added = storage::AddSourcePublished(txn, filter);
  filter->known_at = known;
  return added;
}

Result<RelationFilter> DatedFilter(const Scope& scope, std::string_view what) {
  if (scope.valid_at)
    return Status::InvalidArgument(std::string(what) +
                                   " spans valid time: it takes no valid day (use from and to)");
  Scope known = scope;
  known.known_at = scope.known_day();
  known.as_of.reset();
  return known.Filter();
}

}  // namespace kg::session::internal
