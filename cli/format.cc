// Result formatting for the CLI (see format.h).
#include "cli/format.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/display_width.h"
#include "core/json.h"

namespace kg::cli {
namespace {

// Terminal columns, so that Chinese names (two columns a character) align.
size_t Width(std::string_view s) { return DisplayWidth(s); }

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t w = Width(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

std::string Rule(const std::vector<size_t>& widths) {
  std::string out = "+";
  for (size_t w : widths) out += std::string(w + 2, '-') + "+";
  return out + "\n";
}

std::string Line(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                 const std::vector<bool>& right) {
  std::string out = "|";
  for (size_t i = 0; i < cells.size(); ++i) {
    out += " " + Pad(cells[i], widths[i], right[i]) + " |";
  }
  return out + "\n";
}

std::string Footer(size_t rows, const FormatOptions& options) {
  std::string out = std::to_string(rows) + (rows == 1 ? " row" : " rows");
  if (options.elapsed_ms) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " (%.1f ms)", *options.elapsed_ms);
    out += buf;
  }
  return out + "\n";
}

std::string FormatTable(const ResultTable& table, const FormatOptions& options) {
  std::string out;
  if (!table.columns.empty()) {
    std::vector<std::string> header;
    std::vector<size_t> widths;
    for (const auto& c : table.columns) {
      header.push_back(TableCell(Value(c), options.max_width));
      widths.push_back(Width(header.back()));
    }
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : table.rows) {
      std::vector<std::string> line;
      for (size_t i = 0; i < table.columns.size(); ++i) {
        line.push_back(i < row.size() ? TableCell(row[i], options.max_width) : "");
        widths[i] = std::max(widths[i], Width(line.back()));
      }
      cells.push_back(std::move(line));
    }
    std::vector<bool> left(table.columns.size(), false);
    out += Rule(widths) + Line(header, widths, left) + Rule(widths);
    for (size_t r = 0; r < cells.size(); ++r) {
      std::vector<bool> right;
      for (size_t i = 0; i < table.columns.size(); ++i) {
        right.push_back(i < table.rows[r].size() && table.rows[r][i].is_number());
      }
      out += Line(cells[r], widths, right);
    }
    out += Rule(widths);
  }
  return out + Footer(table.rows.size(), options);
}

// A CSV cell's text: strings raw, null empty, temporal values ISO, the rest
// as JSON.
std::string CsvText(const Value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.as_string();
  if (v.is_temporal() || v.is_duration()) return v.ToDisplayString();  // ISO 8601
  return ToJson(v);
}

std::string FormatCsv(const ResultTable& table) {
  std::string out;
  auto add_line = [&out](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += CsvField(fields[i]);
    }
    out += "\r\n";
  };
  if (table.columns.empty()) return out;
  add_line(table.columns);
  for (const auto& row : table.rows) {
    std::vector<std::string> fields;
    for (const auto& v : row) fields.push_back(CsvText(v));
    add_line(fields);
  }
  return out;
}

std::string FormatJsonl(const ResultTable& table) {
  std::string out;
  for (const auto& row : table.rows) {
    out += '{';
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (i > 0) out += ',';
      AppendJsonString(table.columns[i], &out);
      out += ':';
      AppendJson(i < row.size() ? row[i] : Value(), &out);
    }
    out += "}\n";
  }
  return out;
}

}  // namespace

Result<OutputFormat> ParseFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "jsonl") return OutputFormat::kJsonl;
  return Status::InvalidArgument("unknown format '" + std::string(name) +
                                 "': use table, csv, json or jsonl");
}

std::string TableCell(const Value& v, size_t max_width) {
  std::string text = v.is_string() ? v.as_string() : v.ToDisplayString();
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  if (max_width == 0 || Width(text) <= max_width) return text;
  return std::string(DisplayPrefix(text, max_width - 1)) + "…";
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string FormatResult(const ResultTable& table, OutputFormat format,
                         const FormatOptions& options) {
  switch (format) {
    case OutputFormat::kTable:
      return FormatTable(table, options);
    case OutputFormat::kCsv:
      return FormatCsv(table);
    case OutputFormat::kJson:
      return ResultTableToJson(table) + "\n";
    case OutputFormat::kJsonl:
      return FormatJsonl(table);
  }
  return "";
}

}  // namespace kg::cli
