// The exporters: one read snapshot, entities and relations walked in id
// order, column/key types inferred from the data in a first pass where the
// format declares them up front (CSV headers, GraphML keys).
#include "storage/export.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "core/atomic_file.h"
#include "core/json.h"
#include "storage/csv.h"
#include "storage/internal/export_util.h"

namespace kg::storage {
namespace {

using internal::AddColumns;
using internal::AppendInt;
using internal::AppendText;
using internal::Columns;
using internal::ColumnType;
using internal::ForEachEntity;
using internal::ForEachRelation;
using internal::Kind;
using internal::Snapshot;
using internal::Writer;

// --- CSV ---------------------------------------------------------------------

const char* CsvTypeName(Kind k) {
  switch (k) {
    case Kind::kBool:
      return "boolean";
    case Kind::kInt:
      return "long";
    case Kind::kDouble:
      return "double";
    case Kind::kDate:
      return "date";
    case Kind::kLocalTime:
      return "localtime";
    case Kind::kTime:
      return "time";
    case Kind::kLocalDateTime:
      return "localdatetime";
    case Kind::kDateTime:
      return "datetime";
    case Kind::kDuration:
      return "duration";
    default:
      return "string";
  }
}

void AppendCsvHeader(std::string_view fixed, const Columns& columns, std::string* out) {
  *out += fixed;
  for (const auto& [key, t] : columns) {
    std::string h = key + ":" + CsvTypeName(t.kind) + (t.list ? "[]" : "");
    *out += ',';
    AppendCsvField(h, out);
  }
  *out += '\n';
}

// One property cell. An empty string or empty list is written as "" so it
// reads back as itself rather than as "no property".
void AppendCsvValue(const Value* v, ColumnType t, std::string* cell, std::string* out) {
  if (v == nullptr || v->is_null()) return;
  cell->clear();
  if (t.list) {
    bool first = true;
    for (const Value& item : v->as_list()) {
      if (!first) *cell += ';';
      first = false;
      AppendText(item, cell);
    }
  } else {
    AppendText(*v, cell);
  }
  if (cell->empty()) {
    *out += "\"\"";
    return;
  }
  AppendCsvField(*cell, out);
}

void AppendCsvProperties(const PropertyMap& props, const Columns& columns, std::string* cell,
                         std::string* out) {
  for (const auto& [key, t] : columns) {
    *out += ',';
    auto it = props.find(key);
    AppendCsvValue(it == props.end() ? nullptr : &it->second, t, cell, out);
  }
  *out += '\n';
}

// CSV `:ID`s: the imported ones, else 0-based positions in id order
// (positions, not internal ids, make the round trip exact even when
// deletions left gaps).
Result<std::vector<std::string>> CsvNodeIds(const Snapshot& s) {
  return ExportNodeIds(s, [](size_t position, EntityId) { return std::to_string(position); });
}

// Two passes over the snapshot's entities, here and in the other formats:
// the header must name every property column before the first row, and the
// rows are streamed, never held, so an export's memory stays bounded by the
// column set whatever the graph's size.
Status WriteCsvNodes(const Snapshot& s, const std::vector<std::string>& ids, AtomicFile& file) {
  Columns columns;
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    AddColumns(e.properties, &columns);
    return Status::OK();
  }));
  Writer w(file.stream());
  AppendCsvHeader(":ID,:LABEL", columns, &w.buf());
  uint64_t index = 0;
  std::string labels, cell;
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    AppendCsvField(ids[index++], &w.buf());
    w.buf() += ',';
    labels.clear();
    for (size_t i = 0; i < e.labels.size(); ++i) labels += (i ? ";" : "") + e.labels[i];
    AppendCsvField(labels, &w.buf());
    AppendCsvProperties(e.properties, columns, &cell, &w.buf());
    w.MaybeFlush();
    return Status::OK();
  }));
  Status written = w.Finish();
  Status closed = file.Finish();  // its error names the file and the reason
  return closed.ok() ? written : closed;
}

Status WriteCsvRelations(const Snapshot& s, const std::vector<std::string>& ids, AtomicFile& file) {
  Columns columns;
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    AddColumns(r.properties, &columns);
    return Status::OK();
  }));
  Writer w(file.stream());
  AppendCsvHeader(":START_ID,:END_ID,:TYPE", columns, &w.buf());
  std::string cell;
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) -> Status {
    KG_ASSIGN_OR_RETURN(size_t start, PositionOf(s, r.start));
    KG_ASSIGN_OR_RETURN(size_t end, PositionOf(s, r.end));
    AppendCsvField(ids[start], &w.buf());
    w.buf() += ',';
    AppendCsvField(ids[end], &w.buf());
    w.buf() += ',';
    AppendCsvField(r.type, &w.buf());
    AppendCsvProperties(r.properties, columns, &cell, &w.buf());
    w.MaybeFlush();
    return Status::OK();
  }));
  Status written = w.Finish();
  Status closed = file.Finish();  // its error names the file and the reason
  return closed.ok() ? written : closed;
}

// --- JSON Lines --------------------------------------------------------------

Status WriteJsonl(const Snapshot& s, Writer& w) {
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](Entity& e) {
    AppendJson(Value(std::make_shared<const Entity>(std::move(e))), &w.buf());
    w.buf() += '\n';
    w.MaybeFlush();
    return Status::OK();
  }));
  return ForEachRelation(s, [&](Relation& r) {
    AppendJson(Value(std::make_shared<const Relation>(std::move(r))), &w.buf());
    w.buf() += '\n';
    w.MaybeFlush();
    return Status::OK();
  });
}

// --- DOT ---------------------------------------------------------------------

// A DOT double-quoted string: quotes and backslashes escaped, newlines as
// the \n label escape, carriage returns dropped.
void AppendDotString(std::string_view s, std::string* out) {
  *out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        break;
      default:
        *out += c;
    }
  }
  *out += '"';
}

Status WriteDot(const Snapshot& s, Writer& w) {
  w.buf() += "digraph kg {\n";
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    std::string& o = w.buf();
    o += "  ";
    AppendDotString(std::to_string(e.id), &o);
    o += " [label=";
    std::string labels;
    for (size_t i = 0; i < e.labels.size(); ++i) labels += (i ? ";" : "") + e.labels[i];
    std::string_view name = e.name();
    AppendDotString(!name.empty() ? std::string(name) : labels + " " + std::to_string(e.id), &o);
    o += ", kind=";
    AppendDotString(labels, &o);
    o += "];\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    std::string& o = w.buf();
    o += "  ";
    AppendDotString(std::to_string(r.start), &o);
    o += " -> ";
    AppendDotString(std::to_string(r.end), &o);
    o += " [label=";
    AppendDotString(r.type, &o);
    o += "];\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  w.buf() += "}\n";
  return Status::OK();
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "graphml") return ExportFormat::kGraphml;
  if (name == "dot") return ExportFormat::kDot;
  if (name == "gexf") return ExportFormat::kGexf;
  if (name == "cypher") return ExportFormat::kCypher;
  return Status::InvalidArgument("unknown export format '" + std::string(name) +
                                 "' (expected csv, jsonl, graphml, gexf, cypher or dot)");
}

Result<ExportSummary> ExportToStream(const Store& store, ExportFormat format, std::ostream& out,
                                     const ExportSelection* selection) {
  if (format == ExportFormat::kCsv)
    return Status::InvalidArgument("csv export writes a directory: give one with -o DIR");
  KG_ASSIGN_OR_RETURN(Snapshot s, internal::TakeSnapshot(store, selection));
  Writer w(out);
  switch (format) {
    case ExportFormat::kJsonl:
      KG_RETURN_IF_ERROR(WriteJsonl(s, w));
      break;
    case ExportFormat::kGraphml:
      KG_RETURN_IF_ERROR(internal::WriteGraphml(store, s, w));
      break;
    case ExportFormat::kGexf:
      KG_RETURN_IF_ERROR(internal::WriteGexf(store, s, w));
      break;
    case ExportFormat::kCypher:
      KG_RETURN_IF_ERROR(internal::WriteCypher(s, w));
      break;
    case ExportFormat::kDot:
      KG_RETURN_IF_ERROR(WriteDot(s, w));
      break;
    case ExportFormat::kCsv:
      break;
  }
  KG_RETURN_IF_ERROR(w.Finish());
  return ExportSummary{s.entities.size(), s.relations.size()};
}

Result<ExportSummary> ExportCsv(const Store& store, const std::string& dir,
                                const ExportSelection* selection) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError(dir + ": cannot create directory: " + ec.message());
  KG_ASSIGN_OR_RETURN(Snapshot s, internal::TakeSnapshot(store, selection));
  std::filesystem::path base(dir);
  // Both files are written in full before either replaces the old pair, so
  // a failure (a full disk, a kill) leaves the previous export whole.
  KG_ASSIGN_OR_RETURN(auto nodes, AtomicFile::Open((base / "nodes.csv").string()));
  KG_ASSIGN_OR_RETURN(auto rels, AtomicFile::Open((base / "relationships.csv").string()));
  KG_ASSIGN_OR_RETURN(std::vector<std::string> ids, CsvNodeIds(s));
  KG_RETURN_IF_ERROR(WriteCsvNodes(s, ids, *nodes));
  KG_RETURN_IF_ERROR(WriteCsvRelations(s, ids, *rels));
  KG_RETURN_IF_ERROR(CommitAll({nodes.get(), rels.get()}));
  return ExportSummary{s.entities.size(), s.relations.size()};
}

Result<ExportSummary> ExportToFile(const Store& store, ExportFormat format, const std::string& path,
                                   const ExportSelection* selection) {
  KG_ASSIGN_OR_RETURN(auto file, AtomicFile::Open(path));
  Result<ExportSummary> summary = ExportToStream(store, format, file->stream(), selection);
  if (!summary.ok()) {
    // The stream's own error names the file and says why.
    Status write = file->Finish();
    return write.ok() ? summary.status() : write;
  }
  KG_RETURN_IF_ERROR(file->Commit());
  return summary;
}

}  // namespace kg::storage
