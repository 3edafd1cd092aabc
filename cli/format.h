// Rendering query results for the terminal and for other programs:
//   table  aligned columns between '|' separators, long cells shortened with "…"
//   csv    RFC 4180 (CRLF line ends, a header row; graph values as their JSON)
//   json   the JSON result contract of core/json.h, one object for the table
//   jsonl  one JSON object per row, {"column":value,...} in column order
//          (compact, like the json format)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/result_table.h"

namespace kg::cli {

enum class OutputFormat { kTable, kCsv, kJson, kJsonl };

// "table", "csv", "json" or "jsonl"; InvalidArgument naming the choices otherwise.
Result<OutputFormat> ParseFormat(std::string_view name);

struct FormatOptions {
  size_t max_width = 60;             // table: code points per cell before "…"
  std::optional<double> elapsed_ms;  // table: footer "N rows (X ms)" when set
};

// The table rendered in `format`; ends with a newline unless empty (csv/jsonl
// of a table without columns and rows is "").
std::string FormatResult(const ResultTable& table, OutputFormat format,
                         const FormatOptions& options);

// The cell as the table shows it: strings plainly, everything else through
// Value::ToDisplayString; control characters become spaces; longer than
// `max_width` code points -> cut to max_width - 1 plus "…" (0 = no limit).
std::string TableCell(const Value& v, size_t max_width);

// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF.
std::string CsvField(std::string_view text);

}  // namespace kg::cli
