// TCK value syntax parser and the TCK comparison rules (see tck_values.h).
#include "tests/query/tck_values.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>

#include "core/entity.h"
#include "core/relation.h"

namespace kg::tck {
namespace {

// Recursive-descent parser over one value text.
class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<Value> ParseAll() {
    KG_ASSIGN_OR_RETURN(Value v, ParseAny());
    SkipSpace();
    if (pos_ != s_.size()) return Error("trailing text");
    return v;
  }

 private:
  Status Error(std::string_view what) const {
    return Status::SyntaxError("tck value at offset " + std::to_string(pos_) + ": " +
                               std::string(what) + " in " + std::string(s_));
  }
  void SkipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool Peek(char c) {
    SkipSpace();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  bool Consume(std::string_view tok) {
    SkipSpace();
    if (s_.substr(pos_, tok.size()) != tok) return false;
    pos_ += tok.size();
    return true;
  }
  Status Expect(std::string_view tok) {
    if (Consume(tok)) return Status::OK();
    return Error("expected '" + std::string(tok) + "'");
  }

  Result<Value> ParseAny() {
    SkipSpace();
    if (pos_ >= s_.size()) return Error("unexpected end");
    char c = s_[pos_];
    if (c == '\'' || c == '"') return ParseString();
    if (c == '{') return ParseMap();
    if (c == '(') return ParseNodeValue();
    if (c == '<') return ParsePath();
    if (c == '[') return ParseListOrRel();
    return ParseWordOrNumber();
  }

  Result<Value> ParseString() {
    char quote = s_[pos_++];
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      char c = s_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) return Error("dangling escape");
      char e = s_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case '0':
          out += '\0';
          break;
        default:
          out += e;  // \' \" \\ and anything else literally
      }
    }
    if (pos_ >= s_.size()) return Error("unterminated string");
    ++pos_;
    return Value(std::move(out));
  }

  Result<std::string> ParseKey() {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '`') {
      size_t end = s_.find('`', pos_ + 1);
      if (end == std::string_view::npos) return Error("unterminated `key`");
      std::string key(s_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return key;
    }
    size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    if (start == pos_) return Error("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }

  Result<ValueMap> ParseMapBody() {
    ValueMap map;
    KG_RETURN_IF_ERROR(Expect("{"));
    if (Consume("}")) return map;
    do {
      KG_ASSIGN_OR_RETURN(std::string key, ParseKey());
      KG_RETURN_IF_ERROR(Expect(":"));
      KG_ASSIGN_OR_RETURN(Value v, ParseAny());
      map[key] = std::move(v);
    } while (Consume(","));
    KG_RETURN_IF_ERROR(Expect("}"));
    return map;
  }

  Result<Value> ParseMap() {
    KG_ASSIGN_OR_RETURN(ValueMap m, ParseMapBody());
    return Value(std::move(m));
  }

  // `(:A:B {p: 1})` without the synthetic id.
  Result<Entity> ParseNode() {
    Entity e;
    KG_RETURN_IF_ERROR(Expect("("));
    while (Consume(":")) {
      KG_ASSIGN_OR_RETURN(std::string label, ParseKey());
      e.labels.push_back(std::move(label));
    }
    if (Peek('{')) {
      KG_ASSIGN_OR_RETURN(e.properties, ParseMapBody());
    }
    KG_RETURN_IF_ERROR(Expect(")"));
    std::sort(e.labels.begin(), e.labels.end());
    return e;
  }

  Result<Value> ParseNodeValue() {
    KG_ASSIGN_OR_RETURN(Entity e, ParseNode());
    return Value(std::make_shared<const Entity>(std::move(e)));
  }

  // `[:T {p: 1}]` (the '[' already seen by the caller).
  Result<Relation> ParseRel() {
    Relation r;
    KG_RETURN_IF_ERROR(Expect("["));
    KG_RETURN_IF_ERROR(Expect(":"));
    KG_ASSIGN_OR_RETURN(r.type, ParseKey());
    if (Peek('{')) {
      KG_ASSIGN_OR_RETURN(r.properties, ParseMapBody());
    }
    KG_RETURN_IF_ERROR(Expect("]"));
    return r;
  }

  Result<Value> ParseListOrRel() {
    size_t save = pos_++;
    bool is_rel = Peek(':');
    pos_ = save;
    if (is_rel) {
      KG_ASSIGN_OR_RETURN(Relation r, ParseRel());
      return Value(std::make_shared<const Relation>(std::move(r)));
    }
    ++pos_;
    ValueList list;
    if (Consume("]")) return Value(std::move(list));
    do {
      KG_ASSIGN_OR_RETURN(Value v, ParseAny());
      list.push_back(std::move(v));
    } while (Consume(","));
    KG_RETURN_IF_ERROR(Expect("]"));
    return Value(std::move(list));
  }

  // `<(:A)-[:T]->(:B)<-[:S]-(:C)>`: node i gets id i+1; each relationship's
  // start/end follow the arrow.
  Result<Value> ParsePath() {
    KG_RETURN_IF_ERROR(Expect("<"));
    Path path;
    KG_ASSIGN_OR_RETURN(Entity first, ParseNode());
    first.id = 1;
    path.nodes.push_back(std::move(first));
    while (!Peek('>')) {
      bool backward = Consume("<-");
      if (!backward) KG_RETURN_IF_ERROR(Expect("-"));
      KG_ASSIGN_OR_RETURN(Relation r, ParseRel());
      bool forward = Consume("->");
      if (!forward) KG_RETURN_IF_ERROR(Expect("-"));
      if (forward == backward) return Error("a path step needs exactly one direction");
      KG_ASSIGN_OR_RETURN(Entity next, ParseNode());
      EntityId here = path.nodes.size();
      next.id = here + 1;
      r.id = path.rels.size() + 1;
      r.start = forward ? here : here + 1;
      r.end = forward ? here + 1 : here;
      path.rels.push_back(std::move(r));
      path.nodes.push_back(std::move(next));
    }
    KG_RETURN_IF_ERROR(Expect(">"));
    return Value(std::make_shared<const Path>(std::move(path)));
  }

  Result<Value> ParseWordOrNumber() {
    if (Consume("null")) return Value();
    if (Consume("true")) return Value(true);
    if (Consume("false")) return Value(false);
    if (Consume("NaN")) return Value(std::numeric_limits<double>::quiet_NaN());
    if (Consume("Inf")) return Value(std::numeric_limits<double>::infinity());
    if (Consume("-Inf")) return Value(-std::numeric_limits<double>::infinity());
    return ParseNumber();
  }

  Result<Value> ParseNumber() {
    size_t start = pos_;
    if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
    bool is_float = false;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
        ++pos_;
        if ((c == 'e' || c == 'E') && pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+'))
          ++pos_;
      } else {
        break;
      }
    }
    std::string num(s_.substr(start, pos_ - start));
    if (num.empty() || num == "-" || num == "+") return Error("expected a value");
    char* end = nullptr;
    errno = 0;
    if (is_float) {
      double d = std::strtod(num.c_str(), &end);
      if (*end != '\0') return Error("bad float");
      return Value(d);
    }
    long long i = std::strtoll(num.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) return Error("bad integer");
    return Value(static_cast<int64_t>(i));
  }

  std::string_view s_;
  size_t pos_ = 0;
};

bool SameFloat(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (a == b) return true;  // also -0.0 == 0.0
  if (std::isinf(a) || std::isinf(b)) return false;
  char x[64], y[64];
  std::snprintf(x, sizeof x, "%.14e", a);
  std::snprintf(y, sizeof y, "%.14e", b);
  return std::string_view(x) == std::string_view(y);
}

bool SameProperties(const PropertyMap& e, const PropertyMap& a, bool lu) {
  if (e.size() != a.size()) return false;
  for (auto ei = e.begin(), ai = a.begin(); ei != e.end(); ++ei, ++ai) {
    if (ei->first != ai->first || !SameValue(ei->second, ai->second, lu)) return false;
  }
  return true;
}

bool SameNode(const Entity& e, const Entity& a, bool lu) {
  std::vector<std::string> labels = a.labels;
  std::sort(labels.begin(), labels.end());
  std::vector<std::string> expected = e.labels;
  std::sort(expected.begin(), expected.end());
  return labels == expected && SameProperties(e.properties, a.properties, lu);
}

bool SameRel(const Relation& e, const Relation& a, bool lu) {
  return e.type == a.type && SameProperties(e.properties, a.properties, lu);
}

// True when hop i of the path runs from nodes[i] to nodes[i+1].
bool Forward(const Path& p, size_t i) {
  return p.rels[i].start == p.nodes[i].id && p.rels[i].end == p.nodes[i + 1].id;
}

bool SamePath(const Path& e, const Path& a, bool lu) {
  if (e.nodes.size() != a.nodes.size() || e.rels.size() != a.rels.size()) return false;
  for (size_t i = 0; i < e.nodes.size(); ++i) {
    if (!SameNode(e.nodes[i], a.nodes[i], lu)) return false;
  }
  for (size_t i = 0; i < e.rels.size(); ++i) {
    if (!SameRel(e.rels[i], a.rels[i], lu) || Forward(e, i) != Forward(a, i)) return false;
  }
  return true;
}

// Multiset equality under `same` (greedy matching; TCK values are small).
template <typename T, typename Eq>
bool SameMultiset(const std::vector<T>& e, const std::vector<T>& a, Eq same) {
  if (e.size() != a.size()) return false;
  std::vector<bool> used(a.size(), false);
  for (const T& x : e) {
    bool found = false;
    for (size_t j = 0; j < a.size() && !found; ++j) {
      if (!used[j] && same(x, a[j])) found = used[j] = true;
    }
    if (!found) return false;
  }
  return true;
}

bool SameList(const ValueList& e, const ValueList& a, bool lu) {
  auto same = [lu](const Value& x, const Value& y) { return SameValue(x, y, lu); };
  if (lu) return SameMultiset(e, a, same);
  if (e.size() != a.size()) return false;
  for (size_t i = 0; i < e.size(); ++i) {
    if (!same(e[i], a[i])) return false;
  }
  return true;
}

void RenderFloat(double d, std::string* out) {
  if (std::isnan(d)) {
    *out += "NaN";
  } else if (std::isinf(d)) {
    *out += d > 0 ? "Inf" : "-Inf";
  } else {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", d);
    *out += buf;
    if (std::string_view(buf).find_first_of(".eEn") == std::string_view::npos) *out += ".0";
  }
}

void RenderString(const std::string& s, std::string* out) {
  *out += '\'';
  for (char c : s) {
    if (c == '\'' || c == '\\') *out += '\\';
    *out += c;
  }
  *out += '\'';
}

void RenderTo(const Value& v, std::string* out);

void RenderProps(const PropertyMap& m, std::string* out) {
  *out += '{';
  bool first = true;
  for (const auto& [k, val] : m) {
    if (!first) *out += ", ";
    first = false;
    *out += k + ": ";
    RenderTo(val, out);
  }
  *out += '}';
}

void RenderNode(const Entity& e, std::string* out) {
  *out += '(';
  for (const auto& l : e.labels) *out += ":" + l;
  if (!e.properties.empty()) {
    if (!e.labels.empty()) *out += ' ';
    RenderProps(e.properties, out);
  }
  *out += ')';
}

void RenderRel(const Relation& r, std::string* out) {
  *out += "[:" + r.type;
  if (!r.properties.empty()) {
    *out += ' ';
    RenderProps(r.properties, out);
  }
  *out += ']';
}

void RenderPath(const Path& p, std::string* out) {
  *out += '<';
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    if (i > 0) {
      bool fwd = Forward(p, i - 1);
      *out += fwd ? "-" : "<-";
      RenderRel(p.rels[i - 1], out);
      *out += fwd ? "->" : "-";
    }
    RenderNode(p.nodes[i], out);
  }
  *out += '>';
}

void RenderTo(const Value& v, std::string* out) {
  switch (v.type()) {
    case Value::Type::kNull:
      *out += "null";
      break;
    case Value::Type::kBool:
      *out += v.as_bool() ? "true" : "false";
      break;
    case Value::Type::kInt:
      *out += std::to_string(v.as_int());
      break;
    case Value::Type::kDouble:
      RenderFloat(v.as_double(), out);
      break;
    case Value::Type::kString:
      RenderString(v.as_string(), out);
      break;
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
    case Value::Type::kDuration:
      RenderString(v.ToDisplayString(), out);
      break;
    case Value::Type::kList: {
      *out += '[';
      for (size_t i = 0; i < v.as_list().size(); ++i) {
        if (i > 0) *out += ", ";
        RenderTo(v.as_list()[i], out);
      }
      *out += ']';
      break;
    }
    case Value::Type::kMap:
      RenderProps(v.as_map(), out);
      break;
    case Value::Type::kNode:
      RenderNode(v.as_node(), out);
      break;
    case Value::Type::kRelationship:
      RenderRel(v.as_relationship(), out);
      break;
    case Value::Type::kPath:
      RenderPath(v.as_path(), out);
      break;
  }
}

std::string RenderRow(const std::vector<Value>& row) {
  std::string out = "| ";
  for (const Value& v : row) {
    RenderTo(v, &out);
    out += " | ";
  }
  if (!row.empty()) out.pop_back();
  return out;
}

std::string RenderRows(const std::vector<std::vector<Value>>& rows) {
  if (rows.empty()) return "(no rows)";
  std::string out;
  for (const auto& r : rows) out += "\n      " + RenderRow(r);
  return out;
}

}  // namespace

Result<Value> ParseValue(std::string_view text) { return Parser(text).ParseAll(); }

bool SameValue(const Value& e, const Value& a, bool lu) {
  // Temporal values are written as strings in the TCK.
  if (e.is_string() && (a.is_temporal() || a.is_duration()))
    return e.as_string() == a.ToDisplayString();
  if (e.type() != a.type()) return false;
  switch (e.type()) {
    case Value::Type::kNull:
      return true;
    case Value::Type::kBool:
      return e.as_bool() == a.as_bool();
    case Value::Type::kInt:
      return e.as_int() == a.as_int();
    case Value::Type::kDouble:
      return SameFloat(e.as_double(), a.as_double());
    case Value::Type::kString:
      return e.as_string() == a.as_string();
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
    case Value::Type::kDuration:
      return e == a;
    case Value::Type::kList:
      return SameList(e.as_list(), a.as_list(), lu);
    case Value::Type::kMap:
      return SameProperties(e.as_map(), a.as_map(), lu);
    case Value::Type::kNode:
      return SameNode(e.as_node(), a.as_node(), lu);
    case Value::Type::kRelationship:
      return SameRel(e.as_relationship(), a.as_relationship(), lu);
    case Value::Type::kPath:
      return SamePath(e.as_path(), a.as_path(), lu);
  }
  return false;
}

std::string CompareTable(const ExpectedRows& expected, const ResultTable& actual) {
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& c : v) s += (s.empty() ? "" : ", ") + c;
    return "[" + s + "]";
  };
  // Map each expected column to its position in the actual table.
  std::vector<size_t> pos;
  std::vector<std::string> a_sorted = actual.columns, e_sorted = expected.columns;
  std::sort(a_sorted.begin(), a_sorted.end());
  std::sort(e_sorted.begin(), e_sorted.end());
  if (a_sorted != e_sorted) {
    return "columns differ: got " + join(actual.columns) + ", expected " + join(expected.columns);
  }
  for (const auto& c : expected.columns) {
    pos.push_back(std::find(actual.columns.begin(), actual.columns.end(), c) -
                  actual.columns.begin());
  }
  std::vector<std::vector<Value>> rows;
  for (const auto& row : actual.rows) {
    std::vector<Value> r;
    for (size_t p : pos) r.push_back(p < row.size() ? row[p] : Value());
    rows.push_back(std::move(r));
  }
  bool lu = expected.lists_unordered;
  auto same_row = [lu](const std::vector<Value>& x, const std::vector<Value>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!SameValue(x[i], y[i], lu)) return false;
    }
    return true;
  };
  bool ok;
  if (expected.ordered) {
    ok = expected.rows.size() == rows.size() &&
         std::equal(expected.rows.begin(), expected.rows.end(), rows.begin(), same_row);
  } else {
    ok = SameMultiset(expected.rows, rows, same_row);
  }
  if (ok) return "";
  std::string why = expected.ordered ? "rows differ (in order)" : "rows differ (any order)";
  return why + ": got " + std::to_string(rows.size()) + " rows" + RenderRows(rows) +
         "\n    expected " + std::to_string(expected.rows.size()) + " rows" +
         RenderRows(expected.rows);
}

std::string Render(const Value& v) {
  std::string out;
  RenderTo(v, &out);
  return out;
}

}  // namespace kg::tck
