// The Cypher script exporter: statements that Neo4j (cypher-shell -f),
// Memgraph (mgconsole) and kg's own shell load as they are. One CREATE per
// node, carrying a temporary `kg_export_id` so that one MATCH ... CREATE per
// relationship finds its endpoints, and a last statement removing that
// property again. Each statement is on one line and ends with ';'.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "storage/internal/export_util.h"

namespace kg::storage::internal {
namespace {

// The temporary property joining a relationship's statement to its nodes.
constexpr const char* kExportIdKey = "kg_export_id";

bool IsPlainName(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// A label, type or property key: as it is when it is a plain identifier,
// else in backticks (a backtick inside doubled).
void AppendName(std::string_view s, std::string* out) {
  if (IsPlainName(s)) {
    *out += s;
    return;
  }
  *out += '`';
  for (char c : s) *out += c == '`' ? std::string("``") : std::string(1, c);
  *out += '`';
}

// A single-quoted string literal; control characters escaped.
void AppendString(std::string_view s, std::string* out) {
  *out += '\'';
  for (char c : s) {
    switch (c) {
      case '\\':
        *out += "\\\\";
        break;
      case '\'':
        *out += "\\'";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          *out += buf;
        } else {
          *out += c;
        }
    }
  }
  *out += '\'';
}

// A float literal that reads back as a float: always with a '.' or exponent;
// NaN and infinities as the divisions that give them.
void AppendFloat(double d, std::string* out) {
  if (std::isnan(d)) {
    *out += "(0.0/0.0)";
    return;
  }
  if (std::isinf(d)) {
    *out += d > 0 ? "(1.0/0.0)" : "(-1.0/0.0)";
    return;
  }
  std::string text;
  AppendDouble(d, &text);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  *out += text;
}

void AppendLiteral(const Value& v, std::string* out) {
  switch (v.type()) {
    case Value::Type::kBool:
      *out += v.as_bool() ? "true" : "false";
      return;
    case Value::Type::kInt:
      AppendInt(v.as_int(), out);
      return;
    case Value::Type::kDouble:
      AppendFloat(v.as_double(), out);
      return;
    case Value::Type::kDate:
      // A week, month or year keeps its precision through kg.date().
      *out += (v.as_date().is_day() ? "date('" : "kg.date('") + v.as_date().ToString() + "')";
      return;
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
    case Value::Type::kDuration: {
      static const char* kNames[] = {"localtime", "time", "localdatetime", "datetime", "duration"};
      int i = static_cast<int>(v.type()) - static_cast<int>(Value::Type::kLocalTime);
      *out += std::string(kNames[i]) + "('" + v.ToDisplayString() + "')";
      return;
    }
    case Value::Type::kString:
      AppendString(v.as_string(), out);
      return;
    case Value::Type::kList: {
      *out += '[';
      bool first = true;
      for (const Value& item : v.as_list()) {
        if (!first) *out += ", ";
        first = false;
        AppendLiteral(item, out);
      }
      *out += ']';
      return;
    }
    default: {
      // Maps and graph values are not storable properties; keep their text.
      std::string text;
      AppendText(v, &text);
      AppendString(text, out);
      return;
    }
  }
}

// " {k: v, ...}" with `extra` (the export id) first; "" when empty.
void AppendProperties(const PropertyMap& props, const std::string& extra, std::string* out) {
  std::string body = extra;
  for (const auto& [key, v] : props) {
    if (v.is_null()) continue;
    if (!body.empty()) body += ", ";
    AppendName(key, &body);
    body += ": ";
    AppendLiteral(v, &body);
  }
  if (!body.empty()) *out += " {" + body + "}";
}

std::string ExportId(uint64_t index) {
  return std::string(kExportIdKey) + ": " + std::to_string(index);
}

// "(v:Label {kg_export_id: N})": the pattern matching an exported node.
void AppendNodeMatch(const char* var, const Entity& e, uint64_t index, std::string* out) {
  *out += '(';
  *out += var;
  if (!e.labels.empty()) {
    *out += ':';
    AppendName(e.labels.front(), out);
  }
  *out += " {" + ExportId(index) + "})";
}

}  // namespace

Status WriteCypher(const Snapshot& s, Writer& w) {
  w.buf() += "// kg export: " + std::to_string(s.entities.size()) + " nodes, " +
             std::to_string(s.relations.size()) +
             " relationships. Load with cypher-shell -f FILE (Neo4j), mgconsole < FILE "
             "(Memgraph) or kg --db DIR shell < FILE.\n";
  // Each entity's position in id order is its temporary export id; the
  // first label is kept to find it again in MATCH (label-indexed lookups).
  std::map<EntityId, std::pair<uint64_t, Entity>> nodes;
  uint64_t index = 0;
  KG_RETURN_IF_ERROR(ForEachEntity(s, [&](Entity& e) {
    std::string& o = w.buf();
    o += "CREATE (";
    for (const std::string& label : e.labels) {
      o += ':';
      AppendName(label, &o);
    }
    AppendProperties(e.properties, ExportId(index), &o);
    o += ");\n";
    Entity key;  // only what the relationship statements need
    key.labels = std::move(e.labels);
    nodes.emplace(e.id, std::make_pair(index++, std::move(key)));
    w.MaybeFlush();
    return Status::OK();
  }));
  KG_RETURN_IF_ERROR(ForEachRelation(s, [&](const Relation& r) -> Status {
    auto start = nodes.find(r.start);
    auto end = nodes.find(r.end);
    if (start == nodes.end() || end == nodes.end()) {
      return Status::Corruption("export: relation " + std::to_string(r.id) +
                                " has an endpoint outside the export");
    }
    std::string& o = w.buf();
    o += "MATCH ";
    AppendNodeMatch("a", start->second.second, start->second.first, &o);
    o += ", ";
    AppendNodeMatch("b", end->second.second, end->second.first, &o);
    o += " CREATE (a)-[:";
    AppendName(r.type, &o);
    AppendProperties(r.properties, "", &o);
    o += "]->(b);\n";
    w.MaybeFlush();
    return Status::OK();
  }));
  w.buf() += std::string("MATCH (n) WHERE n.") + kExportIdKey + " IS NOT NULL REMOVE n." +
             kExportIdKey + ";\n";
  return Status::OK();
}

}  // namespace kg::storage::internal
