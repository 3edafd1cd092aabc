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

namespace kg::storage {
namespace {

constexpr size_t kFlushBytes = 1 << 20;

// Output through a string buffer flushed in large pieces.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  std::string& buf() { return buf_; }
  void MaybeFlush() {
    if (buf_.size() >= kFlushBytes) Flush();
  }
  Status Finish() {
    Flush();
    out_.flush();
    if (!out_) return Status::IOError("export: write failed");
    return Status::OK();
  }

 private:
  void Flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  std::ostream& out_;
  std::string buf_;
};

// The ids of one consistent snapshot, both lists sorted.
struct Snapshot {
  std::unique_ptr<Transaction> txn;
  std::vector<EntityId> entities;
  std::vector<RelationId> relations;
};

Result<Snapshot> TakeSnapshot(const Store& store) {
  Snapshot s;
  s.txn = store.BeginRead();
  KG_RETURN_IF_ERROR(s.txn->ScanEntities("", [&](EntityId id) {
    s.entities.push_back(id);
    return true;
  }));
  KG_RETURN_IF_ERROR(s.txn->ScanEdges("", [&](const EdgeTriple& e) {
    s.relations.push_back(e.relation);
    return true;
  }));
  std::sort(s.entities.begin(), s.entities.end());
  std::sort(s.relations.begin(), s.relations.end());
  return s;
}

template <typename Fn>
Status ForEachEntity(const Snapshot& s, Fn&& fn) {
  for (EntityId id : s.entities) {
    KG_ASSIGN_OR_RETURN(Entity e, s.txn->GetEntity(id));
    KG_RETURN_IF_ERROR(fn(e));  // fn may take the record (Entity&)
  }
  return Status::OK();
}

template <typename Fn>
Status ForEachRelation(const Snapshot& s, Fn&& fn) {
  for (RelationId id : s.relations) {
    KG_ASSIGN_OR_RETURN(Relation r, s.txn->GetRelation(id));
    KG_RETURN_IF_ERROR(fn(r));  // fn may take the record (Relation&)
  }
  return Status::OK();
}

// --- column types ------------------------------------------------------------

// kNone is the item type of an empty list; kText is the fallback for keys
// whose values disagree in type (or cannot be typed): rendered as text.
enum class Kind { kNone, kBool, kInt, kDouble, kDate, kString, kText };

struct ColumnType {
  Kind kind = Kind::kNone;
  bool list = false;
  friend bool operator==(ColumnType, ColumnType) = default;
};

using Columns = std::map<std::string, ColumnType>;

Kind ScalarKind(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool:
      return Kind::kBool;
    case Value::Type::kInt:
      return Kind::kInt;
    case Value::Type::kDouble:
      return Kind::kDouble;
    case Value::Type::kDate:
      return Kind::kDate;
    case Value::Type::kString:
      return Kind::kString;
    default:
      return Kind::kText;
  }
}

Kind MergeKind(Kind a, Kind b) {
  if (a == b || b == Kind::kNone) return a;
  if (a == Kind::kNone) return b;
  if ((a == Kind::kInt && b == Kind::kDouble) || (a == Kind::kDouble && b == Kind::kInt))
    return Kind::kDouble;
  return Kind::kText;
}

ColumnType TypeOf(const Value& v) {
  if (!v.is_list()) return {ScalarKind(v), false};
  Kind k = Kind::kNone;
  for (const Value& item : v.as_list()) k = MergeKind(k, ScalarKind(item));
  if (k == Kind::kText) return {Kind::kText, false};
  return {k, true};
}

ColumnType Merge(ColumnType a, ColumnType b) {
  if (a.list != b.list) return {Kind::kText, false};
  Kind k = MergeKind(a.kind, b.kind);
  if (k == Kind::kText) return {Kind::kText, false};
  return {k, a.list};
}

void AddColumns(const PropertyMap& props, Columns* columns) {
  for (const auto& [key, value] : props) {
    if (value.is_null()) continue;
    ColumnType t = TypeOf(value);
    auto [it, inserted] = columns->emplace(key, t);
    if (!inserted) it->second = Merge(it->second, t);
  }
}

// --- value rendering ---------------------------------------------------------

void AppendDouble(double d, std::string* out) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  out->append(buf, r.ptr);
}

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// A scalar as text: strings verbatim, numbers shortest round-trip, dates
// ISO, lists and other values as JSON.
void AppendText(const Value& v, std::string* out) {
  switch (v.type()) {
    case Value::Type::kBool:
      *out += v.as_bool() ? "true" : "false";
      return;
    case Value::Type::kInt:
      AppendInt(v.as_int(), out);
      return;
    case Value::Type::kDouble:
      AppendDouble(v.as_double(), out);
      return;
    case Value::Type::kDate:
      *out += v.as_date().ToString();
      return;
    case Value::Type::kString:
      *out += v.as_string();
      return;
    default:
      AppendJson(v, out);
      return;
  }
}

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

Status WriteCsvNodes(const Snapshot& s, AtomicFile& file) {
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
    AppendInt(static_cast<int64_t>(index++), &w.buf());
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

Status WriteCsvRelations(const Snapshot& s, AtomicFile& file) {
  Columns columns;
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    AddColumns(r.properties, &columns);
    return Status::OK();
  }));
  Writer w(file.stream());
  AppendCsvHeader(":START_ID,:END_ID,:TYPE", columns, &w.buf());
  // :ID values are positions in id order, so endpoints map by binary search.
  auto position = [&](EntityId id) -> Result<int64_t> {
    auto it = std::lower_bound(s.entities.begin(), s.entities.end(), id);
    if (it == s.entities.end() || *it != id)
      return Status::Corruption("export: relation endpoint " + std::to_string(id) + " is missing");
    return static_cast<int64_t>(it - s.entities.begin());
  };
  std::string cell;
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) -> Status {
    KG_ASSIGN_OR_RETURN(int64_t start, position(r.start));
    KG_ASSIGN_OR_RETURN(int64_t end, position(r.end));
    AppendInt(start, &w.buf());
    w.buf() += ',';
    AppendInt(end, &w.buf());
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

// --- GraphML -----------------------------------------------------------------

// XML-escapes `s` for attribute values and text. Characters XML 1.0 cannot
// carry (C0 controls other than tab, LF, CR) become U+FFFD.
void AppendXml(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += "&quot;";
        break;
      case '\'':
        *out += "&apos;";
        break;
      case '\n':
        *out += "&#10;";
        break;
      case '\r':
        *out += "&#13;";
        break;
      case '\t':
        *out += "&#9;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          *out += "\xEF\xBF\xBD";
        else
          *out += c;
    }
  }
}

const char* GraphmlTypeName(ColumnType t) {
  if (t.list) return "string";
  switch (t.kind) {
    case Kind::kBool:
      return "boolean";
    case Kind::kInt:
      return "long";
    case Kind::kDouble:
      return "double";
    default:
      return "string";
  }
}

void AppendGraphmlValue(const Value& v, std::string* out) {
  std::string text;
  if (v.is_double() && !std::isfinite(v.as_double())) {
    text = std::isnan(v.as_double()) ? "NaN" : v.as_double() > 0 ? "INF" : "-INF";
  } else {
    AppendText(v, &text);
  }
  AppendXml(text, out);
}

// Key ids are "d0", "d1", ... in declaration order.
struct GraphmlKeys {
  Columns node, edge;
  std::map<std::string, std::string> node_ids, edge_ids;
};

// Declares the fixed key (`labels` or `type`) and one key per property;
// returns the fixed key's id.
std::string DeclareKeys(const char* domain, const char* fixed, const Columns& columns,
                        std::map<std::string, std::string>* ids, int* next, std::string* out) {
  auto declare = [&](const std::string& name, const char* type) {
    std::string id = "d" + std::to_string((*next)++);
    *out += "  <key id=\"" + id + "\" for=\"" + domain + "\" attr.name=\"";
    AppendXml(name, out);
    *out += std::string("\" attr.type=\"") + type + "\"/>\n";
    return id;
  };
  std::string fixed_id = declare(fixed, "string");
  for (const auto& [key, t] : columns) (*ids)[key] = declare(key, GraphmlTypeName(t));
  return fixed_id;
}

void AppendData(const std::string& key_id, const Value& v, std::string* out) {
  *out += "<data key=\"" + key_id + "\">";
  AppendGraphmlValue(v, out);
  *out += "</data>";
}

void AppendDataProperties(const PropertyMap& props, const std::map<std::string, std::string>& ids,
                          std::string* out) {
  for (const auto& [key, v] : props) {
    auto it = ids.find(key);
    if (v.is_null() || it == ids.end()) continue;
    AppendData(it->second, v, out);
  }
}

Status WriteGraphml(const Snapshot& s, Writer& w) {
  GraphmlKeys keys;
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    AddColumns(e.properties, &keys.node);
    return Status::OK();
  }));
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    AddColumns(r.properties, &keys.edge);
    return Status::OK();
  }));
  std::string& out = w.buf();
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  int next = 0;
  const std::string labels_key =
      DeclareKeys("node", "labels", keys.node, &keys.node_ids, &next, &out);
  const std::string type_key = DeclareKeys("edge", "type", keys.edge, &keys.edge_ids, &next, &out);
  out += "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](const Entity& e) {
    std::string& o = w.buf();
    o += "    <node id=\"n" + std::to_string(e.id) + "\">";
    std::string labels;
    for (size_t i = 0; i < e.labels.size(); ++i) labels += (i ? ";" : "") + e.labels[i];
    AppendData(labels_key, Value(labels), &o);
    AppendDataProperties(e.properties, keys.node_ids, &o);
    o += "</node>\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) {
    std::string& o = w.buf();
    o += "    <edge id=\"e" + std::to_string(r.id) + "\" source=\"n" + std::to_string(r.start) +
         "\" target=\"n" + std::to_string(r.end) + "\">";
    AppendData(type_key, Value(r.type), &o);
    AppendDataProperties(r.properties, keys.edge_ids, &o);
    o += "</edge>\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  w.buf() += "  </graph>\n</graphml>\n";
  return Status::OK();
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
  return Status::InvalidArgument("unknown export format '" + std::string(name) +
                                 "' (expected csv, jsonl, graphml or dot)");
}

Result<ExportSummary> ExportToStream(const Store& store, ExportFormat format, std::ostream& out) {
  if (format == ExportFormat::kCsv)
    return Status::InvalidArgument("csv export writes a directory: give one with -o DIR");
  KG_ASSIGN_OR_RETURN(Snapshot s, TakeSnapshot(store));
  Writer w(out);
  switch (format) {
    case ExportFormat::kJsonl:
      KG_RETURN_IF_ERROR(WriteJsonl(s, w));
      break;
    case ExportFormat::kGraphml:
      KG_RETURN_IF_ERROR(WriteGraphml(s, w));
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

Result<ExportSummary> ExportCsv(const Store& store, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError(dir + ": cannot create directory: " + ec.message());
  KG_ASSIGN_OR_RETURN(Snapshot s, TakeSnapshot(store));
  std::filesystem::path base(dir);
  // Both files are written in full before either replaces the old pair, so
  // a failure (a full disk, a kill) leaves the previous export whole.
  KG_ASSIGN_OR_RETURN(auto nodes, AtomicFile::Open((base / "nodes.csv").string()));
  KG_ASSIGN_OR_RETURN(auto rels, AtomicFile::Open((base / "relationships.csv").string()));
  KG_RETURN_IF_ERROR(WriteCsvNodes(s, *nodes));
  KG_RETURN_IF_ERROR(WriteCsvRelations(s, *rels));
  KG_RETURN_IF_ERROR(CommitAll({nodes.get(), rels.get()}));
  return ExportSummary{s.entities.size(), s.relations.size()};
}

Result<ExportSummary> ExportToFile(const Store& store, ExportFormat format,
                                   const std::string& path) {
  KG_ASSIGN_OR_RETURN(auto file, AtomicFile::Open(path));
  Result<ExportSummary> summary = ExportToStream(store, format, file->stream());
  if (!summary.ok()) {
    // The stream's own error names the file and says why.
    Status write = file->Finish();
    return write.ok() ? summary.status() : write;
  }
  KG_RETURN_IF_ERROR(file->Commit());
  return summary;
}

}  // namespace kg::storage
