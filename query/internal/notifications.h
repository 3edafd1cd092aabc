// The engine's notifications: the names a statement reads (collected once
// per plan, since the plan cache is keyed by text) checked against the
// database's dictionaries on every execution (names are unknown or not
// depending on the database, not the text), and the warning for a
// comparison of values that can never be equal or ordered.
#pragma once

#include <string>
#include <vector>

#include "core/value.h"
#include "query/internal/bound.h"
#include "query/notification.h"
#include "storage/store.h"

namespace kg::query::internal {

// A label, relationship type or property key the statement reads, where it
// is written.
struct NameRef {
  storage::NameKind kind = storage::NameKind::kLabel;
  std::string name;
  Span span;
};

// The names in read positions, each (kind, name) once at its first
// position: labels, types and property keys of MATCH patterns (also
// OPTIONAL MATCH, pattern predicates and comprehensions), label tests
// (n:Label) and property reads of nodes and relationships (n.key). Names a
// statement writes (CREATE, MERGE, SET, REMOVE) are not reads, and keys
// read from maps, dates and other values are not property keys.
std::vector<NameRef> ReadNames(const BoundStatement& statement);

// A notification for each of `names` that `txn` does not know, with "did
// you mean" from the known names (edit distance, case).
Status CheckNames(const storage::Transaction& txn, const SourceText& src,
                  const std::vector<NameRef>& names, std::vector<Notification>* out);

// Whether a comparison of `a` with `b` (neither null) can never be true:
// their types can be neither equal nor ordered (a date and a string, a
// number and a string, ...).
bool Incomparable(const Value& a, const Value& b);
// The IncomparableTypesWarning for comparison `e` (at its operator).
Notification IncomparableWarning(const SourceText& src, const BoundExpr& e, const Value& a,
                                 const Value& b);

// line:column of byte `offset` of the text (as errors give them).
SourcePosition PositionOf(const SourceText& src, size_t offset);

}  // namespace kg::query::internal
