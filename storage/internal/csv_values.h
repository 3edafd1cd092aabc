// The typed values of a neo4j-admin CSV file: the header's type names
// (`:int`, `:date`, ...) and the parsing of one field's text as that type.
// Only storage/csv.cc uses these; they are apart so that the tokenizer's
// file stays about reading records.
#pragma once

#include <string_view>

#include "core/value.h"

namespace kg::storage::csv {

enum class ScalarType {
  kInt,
  kDouble,
  kBool,
  kDate,
  kString,
  // openCypher's other temporal types, read in their ISO forms.
  kLocalTime,
  kTime,
  kLocalDateTime,
  kDateTime,
  kDuration
};

// `s` without leading and trailing spaces and tabs.
std::string_view TrimSpaces(std::string_view s);
// "YYYY-MM-DD" into *out without building a Status (the import's hot path);
// false when `t` is not a valid day in that form.
bool ParseDate(std::string_view t, Date* out);
// Parses one scalar of `type`; false when the text does not parse.
bool ParseScalar(std::string_view text, ScalarType type, Value* out);
// The type a header names (`int`, `long`, `float`, `boolean`, `date`, ...,
// in any case); false for a name kg does not know.
bool ParseTypeName(std::string_view name, ScalarType* type);

}  // namespace kg::storage::csv
