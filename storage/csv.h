// Reading Neo4j-admin style CSV (RFC 4180) into typed node and edge rows.
//
// Headers: `id:ID` (or `:ID`, optionally `:ID(group)` is not supported),
// `:LABEL` (several labels separated by ';'), `:START_ID`, `:END_ID`,
// `:TYPE`, and property columns `key[:type]` with type one of int, long,
// float, double, boolean, date, string (default string) or an array form
// `type[]` whose items are separated by ';'. An empty field means "no
// property". Quoted fields may hold commas, doubled quotes and newlines.
//
// Every error is InvalidArgument (SyntaxError for broken quoting) with the
// message "<file>:<line>[:<column>]: <reason>", line and column 1-based, the
// line being the physical line where the offending field starts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/result.h"

namespace kg::storage {

struct NodeRow {
  std::string id;                   // the :ID value, scoped to one import
  std::vector<std::string> labels;  // from :LABEL
  PropertyMap properties;
  uint64_t line = 0;  // physical line of the row's first field
};

// start_id, end_id and type view the reader's buffer: valid during the
// callback only (copy what is kept). Views, because copying three strings
// per row was a tenth of the importer's reading thread on the edge file.
struct EdgeRow {
  std::string_view start_id;  // :START_ID
  std::string_view end_id;    // :END_ID
  std::string_view type;      // :TYPE
  PropertyMap properties;
  uint64_t line = 0;
};

// An edge file's row with each property column's value parsed into a slot
// of its own: the bulk importer's form, which builds no map per row. The
// views and keys are valid during the callback only, as EdgeRow's.
struct EdgeFields {
  struct Property {
    const std::string* key = nullptr;  // the column's key
    Value value;                       // the parsed value, when present
    bool present = false;              // false: the field was empty
  };
  std::string_view start_id;  // :START_ID
  std::string_view end_id;    // :END_ID
  std::string_view type;      // :TYPE
  // One per property column, in key order (keys are unique in a file).
  std::vector<Property> properties;
  uint64_t line = 0;
  // Makes `map` hold exactly the present properties (reusing its nodes).
  void ToMap(PropertyMap* map) const;
};

// Streams the rows of a node file to `fn`, in file order. Stops at the first
// error (header problems, wrong field count, unparsable typed value, invalid
// UTF-8, unterminated quote) or when `fn` returns a non-OK Status, which is
// returned as is. A node file needs an :ID column; a missing one is an error
// naming the header line.
Status ReadNodeCsv(const std::string& path, const std::function<Status(NodeRow&)>& fn);

// Likewise for relationship files, which need :START_ID, :END_ID and :TYPE.
Status ReadEdgeCsv(const std::string& path, const std::function<Status(EdgeRow&)>& fn);
// The same rows, the same checks and errors, as EdgeFields.
Status ReadEdgeFields(const std::string& path, const std::function<Status(EdgeFields&)>& fn);

// Writes one CSV field, quoting it when it holds a comma, quote, CR or LF or
// starts/ends with a space (RFC 4180). Used by export.
void AppendCsvField(std::string_view field, std::string* out);

}  // namespace kg::storage
