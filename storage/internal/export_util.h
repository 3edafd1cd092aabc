// Shared pieces of the exporters (storage/export*.cc): the buffered writer,
// the snapshot of ids an export walks, property type inference (one type per
// key, as CSV headers and GraphML/GEXF keys declare them) and value text.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/export.h"
#include "storage/store.h"

namespace kg::storage::internal {

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

// The whole database, or with `selection` its entities and relations plus
// every selected relation's endpoints. NotFound when a selected id is gone.
Result<Snapshot> TakeSnapshot(const Store& store, const ExportSelection* selection);

// The ids an export gives its nodes, beside s.entities: each entity's
// import id (the CSV `:ID` it was imported with) where it has one that the
// format can carry (`usable`, when given), `fallback(position, id)` where
// not; and every node's fallback when two would be equal (imports that
// reused an id), so ids stay unique.
Result<std::vector<std::string>> ExportNodeIds(
    const Snapshot& s, const std::function<std::string(size_t, EntityId)>& fallback,
    const std::function<bool(std::string_view)>& usable = nullptr);

// The position of entity `id` in s.entities; Corruption when it is not
// there (a relation's endpoint missing from the snapshot).
Result<size_t> PositionOf(const Snapshot& s, EntityId id);

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
enum class Kind {
  kNone,
  kBool,
  kInt,
  kDouble,
  kDate,
  kString,
  kText,
  kLocalTime,
  kTime,
  kLocalDateTime,
  kDateTime,
  kDuration
};

struct ColumnType {
  Kind kind = Kind::kNone;
  bool list = false;
  friend bool operator==(ColumnType, ColumnType) = default;
};

using Columns = std::map<std::string, ColumnType>;

// Widens `columns` by the types of `props` (null values skipped).
void AddColumns(const PropertyMap& props, Columns* columns);

// --- value text --------------------------------------------------------------

void AppendDouble(double d, std::string* out);
void AppendInt(int64_t v, std::string* out);
// A scalar as text: strings verbatim, numbers shortest round-trip, dates
// ISO, lists and other values as JSON.
void AppendText(const Value& v, std::string* out);
// XML-escapes `s` for attribute values and text. Characters XML 1.0 cannot
// carry (C0 controls other than tab, LF, CR) become U+FFFD.
void AppendXml(std::string_view s, std::string* out);
// The separator of list items in GraphML and GEXF string values (as in CSV
// array fields).
inline constexpr char kListDelimiter = ';';
// A value for the XML formats: lists as their items' text joined by
// kListDelimiter, non-finite floats as NaN/INF/-INF, else AppendText; not
// yet XML-escaped.
void AppendXmlValueText(const Value& v, std::string* out);
// The name drawn for an entity: its `name`, or its labels and id.
std::string DisplayName(const Entity& e);
// The labels joined by ';'.
std::string JoinLabels(const Entity& e);

// --- writers of the single-file formats --------------------------------------

Status WriteGraphml(const Store& store, const Snapshot& s, Writer& w);
Status WriteGexf(const Store& store, const Snapshot& s, Writer& w);
Status WriteCypher(const Snapshot& s, Writer& w);

}  // namespace kg::storage::internal
