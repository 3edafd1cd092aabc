// Value equality, storability and display.
#include "core/value.h"

#include <cmath>
#include <cstdio>

#include "core/entity.h"
#include "core/relation.h"

namespace kg {
namespace {

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  std::string s(buf);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

void AppendDisplay(const Value& v, bool top, std::string* out);

void AppendProps(const PropertyMap& props, std::string* out) {
  if (props.empty()) return;
  *out += " {";
  bool first = true;
  for (const auto& [k, val] : props) {
    if (!first) *out += ", ";
    first = false;
    *out += k;
    *out += ": ";
    AppendDisplay(val, false, out);
  }
  *out += "}";
}

void AppendNode(const Entity& e, std::string* out) {
  *out += "(";
  for (const auto& l : e.labels) *out += ":" + l;
  AppendProps(e.properties, out);
  *out += ")";
}

void AppendRel(const Relation& r, std::string* out) {
  *out += "[:" + r.type;
  AppendProps(r.properties, out);
  *out += "]";
}

// Long by design: one case per value type, each a few lines; the cases share
// nothing that a helper could hold.
void AppendDisplay(const Value& v, bool top, std::string* out) {
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
      *out += FormatDouble(v.as_double());
      return;
    case Value::Type::kString:
      if (top) {
        *out += v.as_string();
      } else {
        *out += "'" + v.as_string() + "'";
      }
      return;
    case Value::Type::kDate:
      *out += v.as_date().ToString();
      return;
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      *out += v.as_time_value().ToString();
      return;
    case Value::Type::kDuration:
      *out += v.as_duration().ToString();
      return;
    case Value::Type::kList: {
      *out += "[";
      bool first = true;
      for (const auto& e : v.as_list()) {
        if (!first) *out += ", ";
        first = false;
        AppendDisplay(e, false, out);
      }
      *out += "]";
      return;
    }
    case Value::Type::kMap: {
      *out += "{";
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) *out += ", ";
        first = false;
        *out += k + ": ";
        AppendDisplay(e, false, out);
      }
      *out += "}";
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
      *out += "<";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (i > 0) {
          const Relation& r = p.rels[i - 1];
          bool forward = r.start == p.nodes[i - 1].id;
          *out += forward ? "-" : "<-";
          AppendRel(r, out);
          *out += forward ? "->" : "-";
        }
        AppendNode(p.nodes[i], out);
      }
      *out += ">";
      return;
    }
  }
}

}  // namespace

bool operator==(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Value::Type::kNode:
      return a.as_node().id == b.as_node().id;
    case Value::Type::kRelationship:
      return a.as_relationship().id == b.as_relationship().id;
    case Value::Type::kPath: {
      const Path& p = a.as_path();
      const Path& q = b.as_path();
      if (p.nodes.size() != q.nodes.size() || p.rels.size() != q.rels.size()) return false;
      for (size_t i = 0; i < p.nodes.size(); ++i)
        if (p.nodes[i].id != q.nodes[i].id) return false;
      for (size_t i = 0; i < p.rels.size(); ++i)
        if (p.rels[i].id != q.rels[i].id) return false;
      return true;
    }
    default:
      return a.v_ == b.v_;
  }
}

// A Value is a cell of every row a query makes: keep it small (a Date with
// its precision, 8 bytes, must not grow it).
static_assert(sizeof(Value) <= 56, "Value grew beyond 56 bytes");

bool Value::IsStorable() const {
  switch (type()) {
    case Type::kNull:
    case Type::kBool:
    case Type::kInt:
    case Type::kDouble:
    case Type::kString:
    case Type::kDate:
    case Type::kLocalTime:
    case Type::kTime:
    case Type::kLocalDateTime:
    case Type::kDateTime:
    case Type::kDuration:
      return true;
    case Type::kList:
      for (const auto& e : as_list()) {
        if (e.is_list() || e.is_map() || e.is_node() || e.is_relationship() || e.is_path())
          return false;
      }
      return true;
    default:
      return false;
  }
}

std::string Value::ToDisplayString() const {
  std::string out;
  AppendDisplay(*this, true, &out);
  return out;
}

const char* ValueTypeName(Value::Type type) {
  switch (type) {
    case Value::Type::kNull:
      return "NULL";
    case Value::Type::kBool:
      return "BOOLEAN";
    case Value::Type::kInt:
      return "INTEGER";
    case Value::Type::kDouble:
      return "FLOAT";
    case Value::Type::kString:
      return "STRING";
    case Value::Type::kDate:
      return "DATE";
    case Value::Type::kList:
      return "LIST";
    case Value::Type::kMap:
      return "MAP";
    case Value::Type::kNode:
      return "NODE";
    case Value::Type::kRelationship:
      return "RELATIONSHIP";
    case Value::Type::kPath:
      return "PATH";
    case Value::Type::kLocalTime:
      return "LOCAL TIME";
    case Value::Type::kTime:
      return "ZONED TIME";
    case Value::Type::kLocalDateTime:
      return "LOCAL DATETIME";
    case Value::Type::kDateTime:
      return "ZONED DATETIME";
    case Value::Type::kDuration:
      return "DURATION";
  }
  return "ANY";
}

}  // namespace kg
