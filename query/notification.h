// A warning about a statement that still ran, as Neo4j's notifications: a
// name the database has never seen (UnknownLabelWarning,
// UnknownRelationshipTypeWarning, UnknownPropertyKeyWarning), a comparison
// of values that can never be equal or ordered (IncomparableTypesWarning)
// or a look-up that found nothing (kg.lookup: NoSuchEntityWarning). The
// session layer hands them to every front as session::Notification.
#pragma once

#include <string>

#include "core/status.h"

namespace kg::query {

struct Notification {
  std::string code;         // e.g. "UnknownLabelWarning"
  std::string title;        // what kind of problem, the same for every instance
  std::string description;  // this instance, with "did you mean" when there is one
  SourcePosition position;  // of the name or operator in the statement text
};

// The error a notification becomes when warnings are errors (strict):
// "<code>: <file>:<line>:<col>: <description> (strict: ...)" with class =
// the code and the position.
Status StrictError(const Notification& notification);

}  // namespace kg::query
