// Session: `kg timeline`, everything dated about one entity in date order
// (core/timeline.h, docs/temporal.md "Timelines and diffs"), its JSON form
// and its drawing along a time axis.
#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "api/internal/dated.h"
#include "api/internal/session_impl.h"
#include "core/json.h"
#include "core/text.h"
#include "storage/sources.h"

namespace kg::session {
namespace {

using internal::CitedRelationValue;
using internal::DatedReader;

bool EntryBefore(const TimelineEntry& a, const TimelineEntry& b) {
  return std::tie(a.date, a.kind, a.relation.type, a.relation.start, a.relation.end, a.event,
                  a.relation.id) < std::tie(b.date, b.kind, b.relation.type, b.relation.start,
                                            b.relation.end, b.event, b.relation.id);
}

// The begins, ends and said entries of one relation.
void AddRelationEntries(DatedReader& reader, const Relation& r, std::vector<TimelineEntry>* out) {
  auto add = [&](std::optional<Date> date, TimelineKind kind) {
    if (date) out->push_back(TimelineEntry{*date, kind, "", 0, reader.Cite(r)});
  };
  add(r.valid_from(), TimelineKind::kBegins);
  add(r.valid_to(), TimelineKind::kEnds);
  add(reader.SaidDay(r), TimelineKind::kSaid);
}

// The start and end entries of an event, cited through `link` (none for
// the entity's own dates).
void AddEventEntries(DatedReader& reader, const Entity& event, const Relation* link,
                     std::vector<TimelineEntry>* out) {
  std::optional<Date> start = reader.EventDate(event, internal::kEventStartKey);
  std::optional<Date> end = reader.EventDate(event, internal::kEventEndKey);
  std::string name(event.name());
  if (start) out->push_back({*start, TimelineKind::kEventStart, name, event.id, reader.Cite(link)});
  if (end) out->push_back({*end, TimelineKind::kEventEnd, name, event.id, reader.Cite(link)});
}

// Statements the entity made about others: relations whose `speaker` is
// its name or an alias (any case) and that do not touch it. Reads every
// relation.
Status AddSpokenEntries(DatedReader& reader, const Entity& entity,
                        std::vector<TimelineEntry>* out) {
  std::set<std::string> names;
  if (!entity.name().empty()) names.insert(AsciiLower(entity.name()));
  for (const std::string& alias : entity.aliases()) names.insert(AsciiLower(alias));
  if (names.empty()) return Status::OK();
  KG_ASSIGN_OR_RETURN(std::vector<Relation> all, reader.AllRelations());
  for (const Relation& r : all) {
    if (r.start == entity.id || r.end == entity.id) continue;
    if (!names.contains(AsciiLower(r.StringProperty(kSpeakerKey)))) continue;
    if (std::optional<Date> said = reader.SaidDay(r))
      out->push_back({*said, TimelineKind::kSaid, "", 0, reader.Cite(r)});
  }
  return Status::OK();
}

Value Text(std::string_view s) { return Value(std::string(s)); }
Value Int(uint64_t n) { return Value(static_cast<int64_t>(n)); }

}  // namespace

Result<Timeline> Session::GetTimeline(const TimelineRequest& request) const {
  if (request.from && request.to && *request.to < *request.from)
    return Status::InvalidArgument("from " + request.from->ToString() + " is after to " +
                                   request.to->ToString());
  std::vector<std::string> types = request.types;
  KG_RETURN_IF_ERROR(CanonicalTypes(&types).WithPrefix("types"));
  KG_ASSIGN_OR_RETURN(RelationFilter filter, internal::DatedFilter(request.scope, "a timeline"));
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  KG_RETURN_IF_ERROR(internal::WithPublished(*txn, &filter));
  Result<EntityId> id = FindEntity(*txn, request.name);
  if (!id.ok() && id.status().code() == StatusCode::kNotFound) return NoSuchEntity(request.name);
  if (!id.ok()) return id.status();
  KG_ASSIGN_OR_RETURN(auto sources, storage::SourceLabels(*txn));
  DatedReader reader(*txn, std::move(filter), std::move(sources), types);
  Timeline timeline;
  KG_ASSIGN_OR_RETURN(const Entity* entity, reader.EntityOf(*id));
  if (entity == nullptr) return NoSuchEntity(request.name);
  timeline.entity = *entity;
  KG_ASSIGN_OR_RETURN(std::vector<Relation> at, reader.RelationsAt(*id));
  std::vector<TimelineEntry> entries;
  for (const Relation& r : at) AddRelationEntries(reader, r, &entries);
  for (const auto& [event_id, link] : reader.LinkedEvents(*id, at)) {
    KG_ASSIGN_OR_RETURN(const Entity* event, reader.EntityOf(event_id));
    if (event != nullptr) AddEventEntries(reader, *event, link, &entries);
  }
  if (timeline.entity.HasLabel(internal::kEventLabel))
    AddEventEntries(reader, timeline.entity, nullptr, &entries);
  KG_RETURN_IF_ERROR(AddSpokenEntries(reader, timeline.entity, &entries));
  std::erase_if(entries, [&](const TimelineEntry& e) {
    return (request.from && e.date < *request.from) || (request.to && *request.to < e.date);
  });
  std::sort(entries.begin(), entries.end(), EntryBefore);
  timeline.entries = std::move(entries);
  timeline.notes = std::move(reader.notes());
  return timeline;
}

std::string Session::TimelineJson(const Timeline& timeline) {
  const Entity& e = timeline.entity;
  ValueList labels(e.labels.begin(), e.labels.end());
  ValueList entries;
  for (const TimelineEntry& entry : timeline.entries) {
    entries.emplace_back(ValueMap{
        {"date", Text(entry.date.ToString())},
        {"kind", Text(TimelineKindName(entry.kind))},
        {"event", entry.event_id == 0
                      ? Value()
                      : Value(ValueMap{{"id", Int(entry.event_id)}, {"name", Text(entry.event)}})},
        {"relation", CitedRelationValue(entry.relation)}});
  }
  ValueList notes(timeline.notes.begin(), timeline.notes.end());
  return ToJson(Value(ValueMap{{"entity", Value(ValueMap{{"id", Int(e.id)},
                                                         {"name", Text(e.name())},
                                                         {"labels", Value(std::move(labels))}})},
                               {"entries", Value(std::move(entries))},
                               {"notes", Value(std::move(notes))}}));
}

Result<viz::Rendering> Session::DrawTimeline(const Timeline& timeline,
                                             const DrawRequest& request) const {
  if (request.output.empty()) return viz::RenderTimeline(timeline, request.render);
  return viz::RenderTimelineToFile(timeline, request.render, request.output);
}

Result<DiffWindow> ParseWindow(std::string_view from, std::string_view to,
                               std::string_view from_what, std::string_view to_what) {
  if (from.empty()) return Status::InvalidArgument(std::string(from_what) + ": no date given");
  if (to.empty()) return Status::InvalidArgument(std::string(to_what) + ": no date given");
  KG_ASSIGN_OR_RETURN(std::optional<Date> d1, ParseDay(from, from_what));
  KG_ASSIGN_OR_RETURN(std::optional<Date> d2, ParseDay(to, to_what));
  if (*d2 < *d1)
    return Status::InvalidArgument(std::string(from_what) + " " + d1->ToString() + " is after " +
                                   std::string(to_what) + " " + d2->ToString());
  return DiffWindow{*d1, *d2};
}

}  // namespace kg::session
