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

// Builds Values straight from nlohmann's SAX events with an explicit stack of
// open containers, so neither parsing nor building recurses, and refuses
// nesting deeper than kMaxJsonDepth: every later walk over the Value (the
// query engine, AppendJson, the destructor) recurses once per level.
class ValueBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return Put(Value()); }
  bool boolean(bool b) override { return Put(Value(b)); }
  bool number_integer(number_integer_t n) override { return Put(Value(static_cast<int64_t>(n))); }
  bool number_unsigned(number_unsigned_t u) override {
    if (u > static_cast<uint64_t>(INT64_MAX)) return Put(Value(static_cast<double>(u)));
    return Put(Value(static_cast<int64_t>(u)));
  }
  bool number_float(number_float_t d, const string_t&) override { return Put(Value(d)); }
  bool string(string_t& s) override { return Put(Value(std::move(s))); }
  bool binary(binary_t&) override { return Put(Value()); }
  bool start_object(std::size_t) override { return Open(Value(ValueMap{})); }
  bool key(string_t& k) override {
    key_ = std::move(k);
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(Value(ValueList{})); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    error_ = "invalid JSON at byte " + std::to_string(position) + ": " + e.what();
    return false;
  }

  // The parsed document, or the first error.
  Result<Value> Take() {
    if (!error_.empty()) return Status::SyntaxError(error_);
    return std::move(root_);
  }

 private:
  struct Frame {
    Value value;
    std::string key;  // the key this container goes under in its parent map
  };

  bool Put(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
    } else if (stack_.back().value.is_list()) {
      stack_.back().value.as_list().push_back(std::move(v));
    } else {
      stack_.back().value.as_map()[key_] = std::move(v);
    }
    return true;
  }
  bool Open(Value container) {
    if (stack_.size() >= kMaxJsonDepth) {
      error_ = "JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels (the limit)";
      return false;
    }
    stack_.push_back({std::move(container), std::move(key_)});
    return true;
  }
  bool Close() {
    Frame top = std::move(stack_.back());
    stack_.pop_back();
    key_ = std::move(top.key);
    return Put(std::move(top.value));
  }

  std::vector<Frame> stack_;
  std::string key_;
  Value root_;
  std::string error_;
};

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

// Long by design: one case per value type (the JSON contract, docs/json.md),
// each a few lines.
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
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
    case Value::Type::kDuration:
      // Temporal values are ISO 8601 strings, as dates always were.
      AppendJsonString(v.ToDisplayString(), out);
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
  ValueBuilder builder;
  try {
    // strict (no trailing text); NaN/Infinity and comments are not JSON.
    bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
    Result<Value> out = builder.Take();
    if (!ok && out.ok()) return Status::SyntaxError("invalid JSON");
    return out;
  } catch (const std::exception& e) {
    return Status::SyntaxError(std::string("invalid JSON: ") + e.what());
  }
}

}  // namespace kg
