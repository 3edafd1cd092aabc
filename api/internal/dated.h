// What timelines and diffs (api/session_timeline.cc, session_diff.cc) read
// from one snapshot: relations in scope with their said day, entities by id
// (cached), event dates, and relations cited with their sources' titles.
// Internal to api/.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/session.h"
#include "core/timeline.h"
#include "storage/store.h"

namespace kg::session::internal {

// The label of event entities, whose `start` and `end` date them.
inline constexpr std::string_view kEventLabel = "Event";
inline constexpr std::string_view kEventStartKey = "start";
inline constexpr std::string_view kEventEndKey = "end";

class DatedReader {
 public:
  // `types` canonical (empty: every type); `filter` with its sources'
  // publication days added.
  DatedReader(const storage::Transaction& txn, RelationFilter filter,
              std::map<std::string, SourceLabel> sources, std::vector<std::string> types);

  // Whether a timeline or diff counts the relation: in scope and of a chosen type.
  bool Keeps(const Relation& relation) const;
  // When it was said: its `date`, else the earliest publication day of its
  // sources; nullopt when neither is known.
  std::optional<Date> SaidDay(const Relation& relation) const;

  // The entity (read once, then cached); Corruption/IOError from the store.
  Result<const Entity*> EntityOf(EntityId id);
  bool IsEvent(EntityId id);
  // Its name, or "#<id>" when it has none or cannot be read.
  std::string NameOf(EntityId id);
  // The relation with endpoint names and its sources' titles.
  CitedRelation Cite(const Relation& relation);
  CitedRelation Cite(const Relation* relation) {
    return relation == nullptr ? CitedRelation{} : Cite(*relation);
  }

  // An event's `start` or `end`: a date value, or a string Date::Parse
  // reads. nullopt when absent; when present but not a date, nullopt and
  // a note naming the event and the property.
  std::optional<Date> EventDate(const Entity& event, std::string_view key);
  std::vector<std::string>& notes() { return notes_; }

  // The relations at `id` that Keeps, each once, in id order.
  Result<std::vector<Relation>> RelationsAt(EntityId id) const;
  // Every relation that Keeps, in id order.
  Result<std::vector<Relation>> AllRelations() const;
  // The events linked to `id` by a relation that Keeps, each with the
  // lowest-id such relation.
  std::map<EntityId, const Relation*> LinkedEvents(EntityId id, const std::vector<Relation>& at);

 private:
  const storage::Transaction& txn_;
  RelationFilter filter_;
  std::map<std::string, SourceLabel> sources_;
  std::set<std::string, std::less<>> types_;
  std::map<EntityId, std::optional<Entity>> entities_;
  std::vector<std::string> notes_;
};

// Adds the sources' publication days to `filter` (storage::AddSourcePublished)
// even without a known day: timelines and diffs date statements by them.
Status WithPublished(const storage::Transaction& txn, RelationFilter* filter);

// The scope's filter for a timeline or diff: its known day and confidence
// floor. InvalidArgument for a valid day (valid time is the axis), and for
// a bad confidence.
Result<RelationFilter> DatedFilter(const Scope& scope, std::string_view what);

// What a relation did in the window, as kg diff decides it, for kg render
// --diff: ended (valid_to in [from, to)) wins over added (valid_from or
// its said day in (from, to]); otherwise unchanged.
viz::Change ChangeOf(const Relation& relation, const DiffWindow& window, std::optional<Date> said);

// The relation's JSON form in timelines and diffs: {"id", "type", "start":
// {"id", "name"}, "end", "quote", "speaker", "stance", "sources": [{"id",
// "title", "publisher"}]} (absent values null); null for none (id 0).
Value CitedRelationValue(const CitedRelation& relation);

}  // namespace kg::session::internal
