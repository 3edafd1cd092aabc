// The openCypher TCK's value syntax (cells and parameters of
// tests/tck/sample.jsonl) as kg Values, and the TCK's notion of
// "same result": ids ignored, nodes by label set and properties,
// relationships by type and properties, paths by sequence and direction,
// floats to 15 significant digits, integers and floats distinct.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/result_table.h"
#include "core/value.h"

namespace kg::tck {

// Parses one TCK value: 42, -1.5, .5e-3, NaN, Inf, -Inf, 'it\'s', true,
// false, null, [..], {k: v, `a b`: v}, (:L {p: 1}), [:T {p: 1}],
// <(:A)-[:T]->(:B)>. Nodes and relationships of a path get synthetic ids so
// that each relationship's start/end encode its direction as written.
// SyntaxError with the offset on anything else.
Result<Value> ParseValue(std::string_view text);

// True when `actual` is the TCK-same as `expected`. With `lists_unordered`,
// list elements are compared as multisets (at every depth).
bool SameValue(const Value& expected, const Value& actual, bool lists_unordered);

// A TCK "rows" expectation.
struct ExpectedRows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  bool ordered = false;
  bool lists_unordered = false;
};

// Compares a result table with the expectation: the same column names (in any
// order), then the rows as a sequence (ordered) or a multiset. Returns "" when
// they match, otherwise a short explanation naming what differs.
std::string CompareTable(const ExpectedRows& expected, const ResultTable& actual);

// A compact TCK-like rendering of a value for failure messages.
std::string Render(const Value& v);

}  // namespace kg::tck
