// JSON in the contract of the design brief:
//   result  {"columns": [...], "rows": [[...], ...]}
//   node    {"_id": .., "_labels": [..], <properties>}
//   rel     {"_id": .., "_type": "..", "_start": .., "_end": .., <properties>}
//   path    {"_nodes": [...], "_rels": [...]}
// Integers are written without a decimal point, floats always with one (or an
// exponent), dates as ISO strings. Non-finite floats, which JSON cannot
// express, become the strings "NaN", "Infinity" and "-Infinity".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/result_table.h"
#include "core/value.h"

namespace kg {

void AppendJson(const Value& v, std::string* out);
std::string ToJson(const Value& v);
// One JSON object for the whole table.
std::string ResultTableToJson(const ResultTable& table);
// Appends `s` as a JSON string literal (quoted, escaped, UTF-8 passed through).
void AppendJsonString(std::string_view s, std::string* out);

// Deepest nesting of arrays and objects ParseJson accepts (as the query
// engine's expression depth limit: deeper values could not be walked safely).
inline constexpr size_t kMaxJsonDepth = 1000;

// Parses JSON text into a Value: objects become maps, arrays lists, integral
// numbers without '.'/exponent INTEGER, others FLOAT. Errors are SyntaxError
// with the byte offset, or naming the depth limit for a document nested
// deeper than kMaxJsonDepth. Neither parsing nor building recurses.
Result<Value> ParseJson(std::string_view text);

}  // namespace kg
