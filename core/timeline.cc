// Names of timeline kinds and diff changes (core/timeline.h).
#include "core/timeline.h"

namespace kg {

std::string_view TimelineKindName(TimelineKind kind) {
  switch (kind) {
    case TimelineKind::kEventStart:
      return "event start";
    case TimelineKind::kBegins:
      return "begins";
    case TimelineKind::kSaid:
      return "said";
    case TimelineKind::kEnds:
      return "ends";
    case TimelineKind::kEventEnd:
      return "event end";
  }
  return "said";
}

std::string_view DiffChangeName(DiffChange change) {
  switch (change) {
    case DiffChange::kBegan:
      return "began";
    case DiffChange::kEnded:
      return "ended";
    case DiffChange::kStated:
      return "stated";
    case DiffChange::kEventStarted:
      return "event started";
    case DiffChange::kEventEnded:
      return "event ended";
    case DiffChange::kStanceChanged:
      return "stance changed";
  }
  return "began";
}

}  // namespace kg
