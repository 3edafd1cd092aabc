// Shared pieces of the exporters (see internal/export_util.h).
#include "storage/internal/export_util.h"

#include <charconv>
#include <cmath>
#include <set>

#include "core/json.h"

namespace kg::storage::internal {
namespace {

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
    case Value::Type::kLocalTime:
      return Kind::kLocalTime;
    case Value::Type::kTime:
      return Kind::kTime;
    case Value::Type::kLocalDateTime:
      return Kind::kLocalDateTime;
    case Value::Type::kDateTime:
      return Kind::kDateTime;
    case Value::Type::kDuration:
      return Kind::kDuration;
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

}  // namespace

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
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
    case Value::Type::kDuration:
      *out += v.ToDisplayString();  // ISO 8601
      return;
    case Value::Type::kString:
      *out += v.as_string();
      return;
    default:
      AppendJson(v, out);
      return;
  }
}

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

void AppendXmlValueText(const Value& v, std::string* out) {
  if (v.is_double() && !std::isfinite(v.as_double())) {
    *out += std::isnan(v.as_double()) ? "NaN" : v.as_double() > 0 ? "INF" : "-INF";
    return;
  }
  if (!v.is_list()) return AppendText(v, out);
  bool first = true;
  for (const Value& item : v.as_list()) {
    if (!first) *out += kListDelimiter;
    first = false;
    AppendText(item, out);
  }
}

std::string JoinLabels(const Entity& e) {
  std::string labels;
  for (size_t i = 0; i < e.labels.size(); ++i) labels += (i ? ";" : "") + e.labels[i];
  return labels;
}

std::string DisplayName(const Entity& e) {
  if (!e.name().empty()) return std::string(e.name());
  std::string labels = JoinLabels(e);
  return (labels.empty() ? "" : labels + " ") + "#" + std::to_string(e.id);
}

Result<std::vector<std::string>> ExportNodeIds(
    const Snapshot& s, const std::function<std::string(size_t, EntityId)>& fallback,
    const std::function<bool(std::string_view)>& usable) {
  std::vector<std::string> ids(s.entities.size());
  for (size_t i = 0; i < s.entities.size(); ++i) {
    KG_ASSIGN_OR_RETURN(ids[i], s.txn->ImportId(s.entities[i]));
    if (ids[i].empty() || (usable && !usable(ids[i]))) ids[i] = fallback(i, s.entities[i]);
  }
  std::vector<std::string_view> sorted(ids.begin(), ids.end());
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = fallback(i, s.entities[i]);
  return ids;
}

Result<size_t> PositionOf(const Snapshot& s, EntityId id) {
  auto it = std::lower_bound(s.entities.begin(), s.entities.end(), id);
  if (it == s.entities.end() || *it != id)
    return Status::Corruption("export: relation endpoint " + std::to_string(id) + " is missing");
  return static_cast<size_t>(it - s.entities.begin());
}

Result<Snapshot> TakeSnapshot(const Store& store, const ExportSelection* selection) {
  Snapshot s;
  s.txn = store.BeginRead();
  if (selection != nullptr) {
    std::set<EntityId> entities(selection->entities.begin(), selection->entities.end());
    std::set<RelationId> relations(selection->relations.begin(), selection->relations.end());
    for (RelationId id : relations) {
      KG_ASSIGN_OR_RETURN(Relation r, s.txn->GetRelation(id));
      entities.insert(r.start);
      entities.insert(r.end);
    }
    for (EntityId id : entities) KG_RETURN_IF_ERROR(s.txn->GetEntity(id).status());
    s.entities.assign(entities.begin(), entities.end());
    s.relations.assign(relations.begin(), relations.end());
    return s;
  }
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

}  // namespace kg::storage::internal
