// Cypher's value semantics: ternary equality, comparability, the global sort
// order of ORDER BY, and a total "equivalence" order used for DISTINCT and
// grouping (where null equals null).
#pragma once

#include <optional>

#include "core/value.h"

namespace kg::query::internal {

// `a = b`: nullopt when the result is null (a null operand, or a null met
// while comparing lists/maps element-wise). 1 = 1.0 is true.
std::optional<bool> CypherEquals(const Value& a, const Value& b);

// `a < b` style comparison: -1/0/1, or nullopt when the values are not
// comparable (different types, nulls, NaN).
std::optional<int> CypherCompare(const Value& a, const Value& b);

// ORDER BY order across all types (ascending): map, node, relationship,
// list, path, date, string, boolean, number (NaN last among numbers), null.
int OrderCompare(const Value& a, const Value& b);

// Equivalence order for DISTINCT / grouping keys: like OrderCompare.
struct ValueLess {
  bool operator()(const Value& a, const Value& b) const { return OrderCompare(a, b) < 0; }
};
struct RowLess {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const;
};

}  // namespace kg::query::internal
