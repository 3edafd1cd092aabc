// Timelines and diffs (docs/temporal.md, "Timelines and diffs"): everything
// dated about an entity in date order (`kg timeline`), and what changed
// between two dates (`kg diff`). Plain values: the session layer fills them
// from both clocks, every front (CLI, HTTP, the library) shows them, and viz
// draws a timeline along a time axis.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/relation.h"

namespace kg {

// What happened on an entry's date. Enumerators are in the order entries of
// one date are listed.
enum class TimelineKind {
  kEventStart,  // an event the entity takes part in starts (its `start`)
  kBegins,      // a relation touching the entity starts to hold (`valid_from`)
  kSaid,        // a statement about or by the entity is made (`date`, the said time)
  kEnds,        // a relation stops holding (`valid_to`, its last day)
  kEventEnd,    // the event ends (its `end`, last day)
};
// "event start", "begins", "said", "ends", "event end".
std::string_view TimelineKindName(TimelineKind kind);

// A source as a reader cites it: its id and, from its record, title and
// publisher ("" when the source has no record).
struct CitedSource {
  std::string id;
  std::string title;
  std::string publisher;

  friend bool operator==(const CitedSource&, const CitedSource&) = default;
};

// The relation an entry or a change comes from, as a reader needs it: its
// endpoints by name, its provenance.
struct CitedRelation {
  RelationId id = 0;  // 0: none (an event's own dates)
  std::string type;
  EntityId start_id = 0;
  EntityId end_id = 0;
  std::string start;  // names ("#<id>" for an entity without one)
  std::string end;
  std::string quote;
  std::string speaker;
  std::optional<double> stance;
  std::vector<CitedSource> sources;
};

struct TimelineEntry {
  Date date;
  TimelineKind kind = TimelineKind::kSaid;
  // For event entries: the event's name and id; "" / 0 otherwise.
  std::string event;
  EntityId event_id = 0;
  // The relation: for relation and said entries the dated relation, for
  // event entries the one linking the event to the entity (none when the
  // entity is the event itself).
  CitedRelation relation;
};

struct Timeline {
  Entity entity;
  std::vector<TimelineEntry> entries;  // by date, kind, type, names, relation id
  // Dates that could not be read (an event whose `start` is not a date),
  // each saying which entity and property; those entries are left out.
  std::vector<std::string> notes;
};

// What changed between two dates D1 < D2 (the window).
enum class DiffChange {
  kBegan,          // valid_from in (D1, D2]
  kEnded,          // valid_to in [D1, D2): held on D1, no longer on D2
  kStated,         // first said in (D1, D2]
  kEventStarted,   // an event's start in (D1, D2]
  kEventEnded,     // an event's end in [D1, D2)
  kStanceChanged,  // a speaker's stance towards a target, stated in the window, differs from before
};
// "began", "ended", "stated", "event started", "event ended", "stance changed".
std::string_view DiffChangeName(DiffChange change);

struct DiffEntry {
  DiffChange change = DiffChange::kBegan;
  Date date;
  std::string event;  // event changes: the event's name
  EntityId event_id = 0;
  // The relation (for a stance change: the latest statement in the window;
  // its stance is the mean of the window's statements).
  CitedRelation relation;
  // Stance changes only: the mean stance said on or before D1, and the
  // latest quote before D1 with its said date.
  std::optional<double> stance_before;
  std::string quote_before;
  std::optional<Date> said_before;
};

struct Diff {
  Date from;
  Date to;
  std::optional<Entity> entity;    // only what touches it, when given
  std::vector<DiffEntry> entries;  // by change, date, type, names, relation id
};

}  // namespace kg
