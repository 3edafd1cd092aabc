// JSON encoding (hand-written for exact control of number formats) and
// decoding (nlohmann::json behind an adapter that turns exceptions into Status).
#include "core/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/entity.h"
#include "core/relation.h"

namespace kg {
namespace {

void AppendDouble(double d, std::string* out) {
  // JSON has no NaN or infinities, and bare words would make the whole
  // document unreadable to strict parsers (JSON.parse, Python's json with
  // parse_constant); strings keep the value visible and the document valid.
  if (std::isnan(d)) {
    *out += "\"NaN\"";
    return;
  }
  if (std::isinf(d)) {
    *out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  // The shortest text that reads back as the same double, in plain notation
  // unless the exponent form is shorter (100.0, 0.1, 1e+22), and always
  // with a '.' or an exponent so that a reader sees a float, not an integer.
  char buf[64];
  char* end = std::to_chars(buf, buf + sizeof buf, d).ptr;
  std::string_view s(buf, end - buf);
  *out += s;
  if (s.find_first_of(".e") == std::string_view::npos) *out += ".0";
}

void AppendProperties(const PropertyMap& props, std::string* out) {
  for (const auto& [k, v] : props) {
    *out += ',';
    AppendJsonString(k, out);
    *out += ':';
    AppendJson(v, out);
  }
}

void AppendNode(const Entity& e, std::string* out) {
  *out += "{\"_id\":" + std::to_string(e.id) + ",\"_labels\":[";
  for (size_t i = 0; i < e.labels.size(); ++i) {
    if (i > 0) *out += ',';
    AppendJsonString(e.labels[i], out);
  }
  *out += ']';
  AppendProperties(e.properties, out);
  *out += '}';
}

void AppendRel(const Relation& r, std::string* out) {
  *out += "{\"_id\":" + std::to_string(r.id) + ",\"_type\":";
  AppendJsonString(r.type, out);
  *out += ",\"_start\":" + std::to_string(r.start) + ",\"_end\":" + std::to_string(r.end);
  AppendProperties(r.properties, out);
  *out += '}';
}

Value FromNlohmann(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return Value();
    case nlohmann::json::value_t::boolean:
      return Value(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value(j.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      auto u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) return Value(static_cast<double>(u));
      return Value(static_cast<int64_t>(u));
    }
    case nlohmann::json::value_t::number_float:
      return Value(j.get<double>());
    case nlohmann::json::value_t::string:
      return Value(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      ValueList l;
      for (const auto& e : j) l.push_back(FromNlohmann(e));
      return Value(std::move(l));
    }
    case nlohmann::json::value_t::object: {
      ValueMap m;
      for (auto it = j.begin(); it != j.end(); ++it) m[it.key()] = FromNlohmann(it.value());
      return Value(std::move(m));
    }
    default:
      return Value();
  }
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  *out += '"';
  for (unsigned char c : s) {
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
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          *out += static_cast<char>(c);
        }
    }
  }
  *out += '"';
}

void AppendJson(const Value& v, std::string* out) {
  switch (v.type()) {
    case Value::Type::kNull:
      *out += "null";
      return;
    case Value::Type::kBool:
      *out += v.as_bool() ? "true" : "false";
      return;
    case Value::Type::kInt:
      *out += std::to_string(v.as_int());
      return;
    case Value::Type::kDouble:
      AppendDouble(v.as_double(), out);
      return;
    case Value::Type::kString:
      AppendJsonString(v.as_string(), out);
      return;
    case Value::Type::kDate:
      AppendJsonString(v.as_date().ToString(), out);
      return;
    case Value::Type::kList: {
      *out += '[';
      bool first = true;
      for (const auto& e : v.as_list()) {
        if (!first) *out += ',';
        first = false;
        AppendJson(e, out);
      }
      *out += ']';
      return;
    }
    case Value::Type::kMap: {
      *out += '{';
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) *out += ',';
        first = false;
        AppendJsonString(k, out);
        *out += ':';
        AppendJson(e, out);
      }
      *out += '}';
      return;
    }
    case Value::Type::kNode:
      AppendNode(v.as_node(), out);
      return;
    case Value::Type::kRelationship:
      AppendRel(v.as_relationship(), out);
      return;
    case Value::Type::kPath: {
      const Path& p = v.as_path();
      *out += "{\"_nodes\":[";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (i > 0) *out += ',';
        AppendNode(p.nodes[i], out);
      }
      *out += "],\"_rels\":[";
      for (size_t i = 0; i < p.rels.size(); ++i) {
        if (i > 0) *out += ',';
        AppendRel(p.rels[i], out);
      }
      *out += "]}";
      return;
    }
  }
}

std::string ToJson(const Value& v) {
  std::string out;
  AppendJson(v, &out);
  return out;
}

std::string ResultTableToJson(const ResultTable& table) {
  std::string out = "{\"columns\":[";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(table.columns[i], &out);
  }
  out += "],\"rows\":[";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (r > 0) out += ',';
    out += '[';
    for (size_t c = 0; c < table.rows[r].size(); ++c) {
      if (c > 0) out += ',';
      AppendJson(table.rows[r][c], &out);
    }
    out += ']';
  }
  out += "]}";
  return out;
}

Result<Value> ParseJson(std::string_view text) {
  try {
    // allow_exceptions=true, ignore_comments=false; NaN/Infinity are not JSON.
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end());
    return FromNlohmann(j);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::SyntaxError("invalid JSON at byte " + std::to_string(e.byte) + ": " + e.what());
  } catch (const std::exception& e) {
    return Status::SyntaxError(std::string("invalid JSON: ") + e.what());
  }
}

}  // namespace kg
