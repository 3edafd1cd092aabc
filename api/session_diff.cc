// Session: `kg diff`, what changed between two dates (core/timeline.h,
// docs/temporal.md "Timelines and diffs"), its JSON form, and the verdict
// per relation that `kg render --diff` colours by.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "api/internal/dated.h"
#include "api/internal/session_impl.h"
#include "core/json.h"
#include "storage/sources.h"

namespace kg::session {
namespace {

using internal::CitedRelationValue;
using internal::DatedReader;

// (D1, D2]: began or said in the window.
bool Within(Date day, const DiffWindow& w) { return w.from < day && day <= w.to; }
// [D1, D2): a last day in the window (held on D1, no longer on D2).
bool EndsWithin(Date day, const DiffWindow& w) { return w.from <= day && day < w.to; }

bool ChangeBefore(const DiffEntry& a, const DiffEntry& b) {
  return std::tie(a.change, a.date, a.relation.type, a.relation.start, a.relation.end, a.event,
                  a.relation.id) < std::tie(b.change, b.date, b.relation.type, b.relation.start,
                                            b.relation.end, b.event, b.relation.id);
}

void AddRelationChanges(DatedReader& reader, const Relation& r, const DiffWindow& w,
                        std::vector<DiffEntry>* out) {
  auto add = [&](DiffChange change, Date date) {
    DiffEntry e;
    e.change = change;
    e.date = date;
    e.relation = reader.Cite(r);
    out->push_back(std::move(e));
  };
  if (auto from = r.valid_from(); from && Within(*from, w)) add(DiffChange::kBegan, *from);
  if (auto to = r.valid_to(); to && EndsWithin(*to, w)) add(DiffChange::kEnded, *to);
  if (auto said = reader.SaidDay(r); said && Within(*said, w)) add(DiffChange::kStated, *said);
}

void AddEventChanges(DatedReader& reader, const Entity& event, const Relation* link,
                     const DiffWindow& w, std::vector<DiffEntry>* out) {
  auto add = [&](DiffChange change, Date date) {
    DiffEntry e;
    e.change = change;
    e.date = date;
    e.event = std::string(event.name());
    e.event_id = event.id;
    e.relation = reader.Cite(link);
    out->push_back(std::move(e));
  };
  std::optional<Date> start = reader.EventDate(event, internal::kEventStartKey);
  std::optional<Date> end = reader.EventDate(event, internal::kEventEndKey);
  if (start && Within(*start, w)) add(DiffChange::kEventStarted, *start);
  if (end && EndsWithin(*end, w)) add(DiffChange::kEventEnded, *end);
}

// One speaker's statements with stance towards one target, before the
// window and in it.
struct StanceHistory {
  std::vector<std::pair<Date, const Relation*>> before, within;
};

double MeanStance(const std::vector<std::pair<Date, const Relation*>>& said) {
  double sum = 0;
  for (const auto& [day, r] : said) sum += *r->stance();
  return sum / static_cast<double>(said.size());
}

// The latest statement (by said day, then id).
const std::pair<Date, const Relation*>& Latest(
    const std::vector<std::pair<Date, const Relation*>>& said) {
  return *std::max_element(said.begin(), said.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second->id) < std::tie(b.first, b.second->id);
  });
}

// A change of stance: the same speaker (the relation's start) towards the
// same target, said before D1 and said in the window, with different mean
// stances.
void AddStanceChanges(DatedReader& reader, const std::vector<Relation>& relations,
                      const DiffWindow& w, std::vector<DiffEntry>* out) {
  constexpr double kSame = 1e-9;
  std::map<std::pair<EntityId, EntityId>, StanceHistory> pairs;
  for (const Relation& r : relations) {
    std::optional<Date> said = reader.SaidDay(r);
    if (!r.stance() || !said) continue;
    StanceHistory& h = pairs[{r.start, r.end}];
    if (*said <= w.from) h.before.emplace_back(*said, &r);
    if (Within(*said, w)) h.within.emplace_back(*said, &r);
  }
  for (const auto& [pair, h] : pairs) {
    if (h.before.empty() || h.within.empty()) continue;
    double before = MeanStance(h.before), now = MeanStance(h.within);
    if (std::abs(before - now) <= kSame) continue;
    const auto& [day, latest] = Latest(h.within);
    DiffEntry e;
    e.change = DiffChange::kStanceChanged;
    e.date = day;
    e.relation = reader.Cite(*latest);
    e.relation.stance = now;
    e.stance_before = before;
    const auto& [before_day, earlier] = Latest(h.before);
    e.quote_before = earlier->StringProperty(kQuoteKey);
    e.said_before = before_day;
    out->push_back(std::move(e));
  }
}

// Every event entity (the whole graph's diff).
Result<std::vector<EntityId>> AllEvents(const storage::Transaction& txn) {
  std::vector<EntityId> ids;
  KG_RETURN_IF_ERROR(txn.ScanEntities(internal::kEventLabel, [&](EntityId id) {
    ids.push_back(id);
    return true;
  }));
  return ids;
}

Value Text(std::string_view s) { return Value(std::string(s)); }

}  // namespace

Result<Diff> Session::GetDiff(const DiffRequest& request) const {
  const DiffWindow& w = request.window;
  if (w.to < w.from)
    return Status::InvalidArgument("from " + w.from.ToString() + " is after to " + w.to.ToString());
  std::vector<std::string> types = request.types;
  KG_RETURN_IF_ERROR(CanonicalTypes(&types).WithPrefix("types"));
  KG_ASSIGN_OR_RETURN(RelationFilter filter, internal::DatedFilter(request.scope, "a diff"));
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  KG_RETURN_IF_ERROR(internal::WithPublished(*txn, &filter));
  KG_ASSIGN_OR_RETURN(auto sources, storage::SourceLabels(*txn));
  DatedReader reader(*txn, std::move(filter), std::move(sources), types);
  Diff diff{w.from, w.to, std::nullopt, {}};
  std::vector<Relation> relations;
  std::vector<DiffEntry> entries;
  if (!request.name.empty()) {
    Result<EntityId> id = FindEntity(*txn, request.name);
    if (!id.ok() && id.status().code() == StatusCode::kNotFound) return NoSuchEntity(request.name);
    if (!id.ok()) return id.status();
    KG_ASSIGN_OR_RETURN(const Entity* entity, reader.EntityOf(*id));
    if (entity == nullptr) return NoSuchEntity(request.name);
    diff.entity = *entity;
    KG_ASSIGN_OR_RETURN(relations, reader.RelationsAt(*id));
    for (const auto& [event_id, link] : reader.LinkedEvents(*id, relations)) {
      KG_ASSIGN_OR_RETURN(const Entity* event, reader.EntityOf(event_id));
      if (event != nullptr) AddEventChanges(reader, *event, link, w, &entries);
    }
    if (entity->HasLabel(internal::kEventLabel))
      AddEventChanges(reader, *diff.entity, nullptr, w, &entries);
  } else {
    KG_ASSIGN_OR_RETURN(relations, reader.AllRelations());
    // With types, only relations of those types: events are not relations.
    if (types.empty()) {
      KG_ASSIGN_OR_RETURN(std::vector<EntityId> events, AllEvents(*txn));
      for (EntityId event_id : events) {
        KG_ASSIGN_OR_RETURN(const Entity* event, reader.EntityOf(event_id));
        if (event != nullptr) AddEventChanges(reader, *event, nullptr, w, &entries);
      }
    }
  }
  for (const Relation& r : relations) AddRelationChanges(reader, r, w, &entries);
  AddStanceChanges(reader, relations, w, &entries);
  std::sort(entries.begin(), entries.end(), ChangeBefore);
  diff.entries = std::move(entries);
  return diff;
}

std::string Session::DiffJson(const Diff& diff) {
  ValueList changes;
  for (const DiffEntry& e : diff.entries) {
    ValueMap m{{"change", Text(DiffChangeName(e.change))},
               {"date", Text(e.date.ToString())},
               {"event", e.event_id == 0 ? Value()
                                         : Value(ValueMap{{"id", Value(int64_t(e.event_id))},
                                                          {"name", Text(e.event)}})},
               {"relation", CitedRelationValue(e.relation)}};
    if (e.change == DiffChange::kStanceChanged) {
      m["stance_before"] = e.stance_before ? Value(*e.stance_before) : Value();
      m["quote_before"] = e.quote_before.empty() ? Value() : Text(e.quote_before);
      m["said_before"] = e.said_before ? Text(e.said_before->ToString()) : Value();
    }
    changes.emplace_back(std::move(m));
  }
  Value entity;
  if (diff.entity) {
    entity = Value(
        ValueMap{{"id", Value(int64_t(diff.entity->id))}, {"name", Text(diff.entity->name())}});
  }
  return ToJson(Value(ValueMap{{"from", Text(diff.from.ToString())},
                               {"to", Text(diff.to.ToString())},
                               {"entity", entity},
                               {"changes", Value(std::move(changes))}}));
}

namespace internal {

viz::Change ChangeOf(const Relation& r, const DiffWindow& w, std::optional<Date> said) {
  if (auto to = r.valid_to(); to && EndsWithin(*to, w)) return viz::Change::kEnded;
  if (auto from = r.valid_from(); from && Within(*from, w)) return viz::Change::kAdded;
  if (said && Within(*said, w)) return viz::Change::kAdded;
  return viz::Change::kUnchanged;
}

}  // namespace internal

}  // namespace kg::session
