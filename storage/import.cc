// Bulk import: reads node and edge CSV, resolves the import-scoped :ID
// strings to fresh entity ids, checks every row against the store's
// ontology, writes one sorted SST file per column family (plus the meta
// updates) and ingests them all in one atomic IngestExternalFiles call. Any
// bad row aborts before anything reaches the database.
//
// Threads: this one parses and checks the rows and encodes each relation
// record from its row's column values (ReadEdgeFields; a row that needs more
// than the quick checks takes the general path through a Relation); a
// background writer encodes the entity records and writes both kinds
// (internal/import_files.h); the name and label indexes are written during
// the edges; the out and in adjacency files are sorted and written on two
// threads at the end.
#include "storage/import.h"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "storage/csv.h"
#include "storage/internal/adj_clock.h"
#include "storage/internal/codec.h"
#include "storage/internal/deferred_sync.h"
#include "storage/internal/id_map.h"
#include "storage/internal/import_files.h"
#include "storage/internal/store_impl.h"
#include "storage/internal/store_internal.h"

namespace kg::storage {
namespace fs = std::filesystem;
using namespace internal;  // NOLINT: the module's own internals

namespace {

constexpr uint64_t kProgressEvery = 1 << 16;

struct LabelEntry {
  uint32_t label;
  uint64_t id;
  friend bool operator<(const LabelEntry& a, const LabelEntry& b) {
    return a.label != b.label ? a.label < b.label : a.id < b.id;
  }
};

// Drops repeated labels, keeping the first of each in order.
void DistinctLabels(std::vector<std::string>* labels) {
  size_t n = 0;
  for (size_t i = 0; i < labels->size(); ++i) {
    auto end = labels->begin() + static_cast<std::ptrdiff_t>(n);
    if (std::find(labels->begin(), end, (*labels)[i]) != end) continue;
    if (i != n) (*labels)[n].swap((*labels)[i]);
    ++n;
  }
  labels->resize(n);
}

// False when none of the properties is one a relation's clock is read from
// (RelationClock::Of), so that its adjacency value is surely empty: most
// imported relations carry no clock, and building one for each (five map
// look-ups and a string) cost a twentieth of the import's CPU.
bool MayHaveClock(const PropertyMap& properties) {
  for (const auto& [key, value] : properties)
    if (IsClockKey(key)) return true;
  return false;
}

// The label set of each node of an import, by node index: one byte a node
// while there are at most 256 label sets (the usual handful of kinds), four
// bytes after. Every edge reads both endpoints' sets at random: at four
// bytes a node the array outgrew the cache and the read was a miss per
// endpoint (two fifths of the reading thread's own edge work on kggen M).
class NodeSets {
 public:
  void push_back(uint32_t set) {
    if (!wide_mode_ && set > UINT8_MAX) {
      wide_.assign(narrow_.begin(), narrow_.end());
      narrow_ = {};
      wide_mode_ = true;
    }
    if (wide_mode_)
      wide_.push_back(set);
    else
      narrow_.push_back(static_cast<uint8_t>(set));
  }
  void reserve(size_t nodes) { narrow_.reserve(nodes); }
  uint32_t operator[](size_t node) const { return wide_mode_ ? wide_[node] : narrow_[node]; }
  size_t size() const { return wide_mode_ ? wide_.size() : narrow_.size(); }

 private:
  bool wide_mode_ = false;
  std::vector<uint8_t> narrow_;
  std::vector<uint32_t> wide_;
};

// Lets type_slots_ be searched by a row's string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// What an edge row's property needs beyond being storable, by its key.
enum class KeyRole : uint8_t {
  kPlain,     // nothing
  kStance,    // a number in [-1, 1], on a stance type of the ontology
  kClock,     // part of the relation's clock (RelationClock::Of)
  kReserved,  // a name starting with '_': refused by the ontology
};

KeyRole RoleOf(std::string_view key) {
  if (key.starts_with('_')) return KeyRole::kReserved;
  if (key == kStanceKey) return KeyRole::kStance;
  if (IsClockKey(key)) return KeyRole::kClock;
  return KeyRole::kPlain;
}

std::string Where(const std::string& file, uint64_t line) {
  return file + ":" + std::to_string(line);
}

class Importer {
 public:
  Importer(Store::Impl* s, const ImportOptions& options)
      : s_(s),
        options_(options),
        tmp_(s->path_),
        entities_(s, kCfEntities, tmp_.File(kCfEntities)),
        relations_(s, kCfRelations, tmp_.File(kCfRelations)),
        out_(s, kCfOut, tmp_.File(kCfOut)),
        in_(s, kCfIn, tmp_.File(kCfIn)),
        names_(s, kCfNames, tmp_.File(kCfNames)),
        labels_(s, kCfLabels, tmp_.File(kCfLabels)),
        meta_(s, kCfMeta, tmp_.File(kCfMeta)),
        next_entity_(s->next_entity_),
        next_relation_(s->next_relation_),
        first_entity_(s->next_entity_),
        first_relation_(s->next_relation_) {}

  Result<ImportSummary> Run() {
    KG_RETURN_IF_ERROR(tmp_.Create());
    const uint64_t node_bytes = FilesBytes(options_.node_files);
    const uint64_t edge_bytes = FilesBytes(options_.edge_files);
    bytes_total_ = node_bytes + edge_bytes;
    ReserveNodes(node_bytes);
    for (const std::string& f : options_.node_files) KG_RETURN_IF_ERROR(ReadNodes(f));
    // The name and label indexes depend on the nodes alone: written while
    // the edges are read.
    keys_thread_.Start([this] { keys_status_ = WriteNameAndLabelKeys(); });
    ReserveEdges(edge_bytes);
    for (const std::string& f : options_.edge_files) KG_RETURN_IF_ERROR(ReadEdges(f));
    ImportSummary summary{next_entity_ - s_->next_entity_, next_relation_ - s_->next_relation_};
    // The adjacency files are written while the writer empties its queue
    // and closes and syncs the record files: their writeback then overlaps
    // the sorting, and leaves the adjacency files' syncs less to wait for.
    writer_.Close();
    Status indexes = summary.relations > 0 ? WriteIndexes() : Status::OK();
    KG_RETURN_IF_ERROR(writer_.Finish());
    keys_thread_.Join();
    KG_RETURN_IF_ERROR(keys_status_);
    KG_RETURN_IF_ERROR(indexes);
    if (summary.entities == 0 && summary.relations == 0) return summary;
    KG_RETURN_IF_ERROR(WriteMeta());
    KG_RETURN_IF_ERROR(Ingest());
    return summary;
  }

 private:
  // The files' sizes, their sum (a file that cannot be stat-ed counts 0:
  // reading it reports why), each kept for Progress.
  uint64_t FilesBytes(const std::vector<std::string>& files) {
    uint64_t total = 0;
    for (const std::string& f : files) {
      std::error_code ec;
      const uint64_t n = fs::file_size(f, ec);
      file_bytes_[f] = ec ? 0 : n;
      total += ec ? 0 : n;
    }
    return total;
  }

  // Room for the nodes' per-node arrays, judged from the node files' size:
  // growing them as they filled copied them again and again, and every copy
  // landed on fresh pages (their faults, each a huge page to zero, were a
  // fifth of reading kggen M's node file). Rows shorter than
  // kMinNodeRowBytes only make them grow once more; the unused rest of an
  // overestimate is never touched, so it takes address space, not memory.
  void ReserveNodes(uint64_t node_bytes) {
    constexpr uint64_t kMinNodeRowBytes = 8;
    const size_t rows =
        static_cast<size_t>(std::min<uint64_t>(node_bytes / kMinNodeRowBytes, UINT32_MAX));
    node_sets_.reserve(rows);
    node_lines_.reserve(rows);
    label_entries_.reserve(rows);
    name_keys_.reserve(rows);
  }

  // Likewise for the edges' array.
  void ReserveEdges(uint64_t edge_bytes) {
    constexpr uint64_t kMinEdgeRowBytes = 16;
    adjacency_.reserve(
        static_cast<size_t>(std::min<uint64_t>(edge_bytes / kMinEdgeRowBytes, UINT32_MAX)));
    AdviseHugePages(adjacency_.data(), adjacency_.capacity() * sizeof(AdjEntry));
  }

  // Counts a row (or, with file_done, the end of a file) and reports now and then.
  void Progress(bool file_done, const std::string& file) {
    if (!file_done) ++rows_;
    if (file_done) {
      auto it = file_bytes_.find(file);
      if (it != file_bytes_.end()) bytes_done_ += it->second;
    }
    if (options_.progress && (file_done || rows_ % kProgressEvery == 0))
      options_.progress(rows_, bytes_done_, bytes_total_);
  }

  struct TypeSlot {
    uint32_t id;
    uint64_t count;
    bool stance;  // a stance type of the ontology
    // (start label set << 32 | end label set) -> whether the ontology lets
    // this type join them (CheckRelation without properties passes).
    std::unordered_map<uint64_t, bool> endpoints;
  };

  // The slot of relation type `type`: a hash lookup per edge instead of the
  // dictionary's lock and ordered map.
  TypeSlot& Slot(std::string_view type) {
    // A graph has a handful of types: comparing the row's type with each
    // (mostly a length check) is cheaper than hashing it.
    for (const auto& [name, slot] : scanned_types_)
      if (name == type) return *slot;
    TypeSlot& slot = HashedSlot(type);
    if (scanned_types_.size() < kScannedTypes)
      scanned_types_.emplace_back(std::string(type), &slot);
    return slot;
  }
  TypeSlot& HashedSlot(std::string_view type) {
    auto it = type_slots_.find(type);
    if (it == type_slots_.end()) {
      uint32_t id = InternName(s_->types_, &new_types_, type);
      const schema::RelationTypeDef* def = s_->ontology_.FindType(std::string(type));
      it =
          type_slots_.emplace(std::string(type), TypeSlot{id, 0, def != nullptr && def->stance, {}})
              .first;
    }
    return it->second;
  }

  uint32_t LabelSet(const std::vector<std::string>& labels) {
    auto [it, added] = label_set_index_.emplace(labels, static_cast<uint32_t>(label_sets_.size()));
    if (added) {
      label_sets_.push_back(labels);
      const schema::Ontology& o = s_->ontology_;
      label_set_ok_.push_back(o.is_open() ||
                              (labels.size() == 1 && o.FindKind(labels[0]) != nullptr));
      std::vector<uint32_t> ids;
      for (const std::string& l : labels) ids.push_back(InternName(s_->labels_, &new_labels_, l));
      label_set_ids_.push_back(std::move(ids));
      label_set_counts_.push_back(0);
    }
    return it->second;
  }

  // True when CheckEntity is sure to pass: a cheap test of the common case.
  // Anything else goes through CheckEntity itself, for its exact message.
  bool SurelyValid(const Entity& e, uint32_t label_set) const {
    if (!label_set_ok_[label_set]) return false;
    for (const auto& [key, value] : e.properties)
      if (!value.IsStorable() || key.starts_with('_')) return false;
    if (s_->ontology_.is_open()) return true;
    const Value* name = e.Find(kNameKey);
    if (name == nullptr || !name->is_string() || name->as_string().empty()) return false;
    if (const Value* a = e.Find(kAliasesKey); a != nullptr && !a->is_null()) {
      if (!a->is_list()) return false;
      for (const Value& x : a->as_list())
        if (!x.is_string()) return false;
    }
    return true;
  }

  // Likewise for CheckRelation: the type and endpoint kinds are checked once
  // per (type, start label set, end label set), the properties every row
  // (stricter than the ontology, never looser).
  bool EndpointsAllowed(std::string_view type, TypeSlot& slot, uint32_t start_set,
                        uint32_t end_set) {
    uint64_t pair = (static_cast<uint64_t>(start_set) << 32) | end_set;
    auto it = slot.endpoints.find(pair);
    if (it == slot.endpoints.end()) {
      Relation bare{0, std::string(type), 0, 0, {}};
      bool ok =
          s_->ontology_.CheckRelation(bare, label_sets_[start_set], label_sets_[end_set]).ok();
      it = slot.endpoints.emplace(pair, ok).first;
    }
    return it->second;
  }

  // A stance: a number in [-1, 1], on a stance type unless the ontology is open.
  static bool StanceAllowed(const Value& value, const TypeSlot& slot, bool open) {
    if (!value.is_number() || (!open && !slot.stance)) return false;
    const double d = value.as_number();
    return d >= -1.0 && d <= 1.0;
  }

  bool SurelyValid(const Relation& r, TypeSlot& slot, uint32_t start_set, uint32_t end_set) {
    if (!EndpointsAllowed(r.type, slot, start_set, end_set)) return false;
    const bool open = s_->ontology_.is_open();
    const Value* from = nullptr;
    const Value* to = nullptr;
    for (const auto& [key, value] : r.properties) {
      if (!value.IsStorable() || key.starts_with('_')) return false;
      if (value.is_null()) continue;
      if (key == kStanceKey) {
        if (!StanceAllowed(value, slot, open)) return false;
      } else if (key == kConfidenceKey) {
        if (!value.is_number()) return false;
        double d = value.as_number();
        if (!(d >= 0.0 && d <= 1.0)) return false;
      } else if (key == kValidFromKey || key == kValidToKey || key == kDateKey) {
        if (!value.is_date()) return false;
        if (key == kValidFromKey) from = &value;
        if (key == kValidToKey) to = &value;
      }
    }
    return from == nullptr || to == nullptr ||
           from->as_date().first_day() <= to->as_date().last_day();
  }

  Status ReadNodes(const std::string& file) {
    node_files_.emplace_back(node_sets_.size(), file);
    KG_RETURN_IF_ERROR(ReadNodeCsv(file, [&](NodeRow& row) { return AddNode(file, row); }));
    Progress(true, file);
    return Status::OK();
  }

  // The node file that row `index` came from.
  const std::string& FileOfNode(uint32_t index) const {
    auto it = std::upper_bound(node_files_.begin(), node_files_.end(), index,
                               [](uint32_t i, const auto& f) { return i < f.first; });
    return std::prev(it)->second;
  }

  // The row's labels and properties are swapped with those of the writer's
  // next record, so that no row allocates a fresh map.
  Status AddNode(const std::string& file, NodeRow& row) {
    uint32_t index = ids_.Insert(row.id, static_cast<uint32_t>(node_sets_.size()));
    if (index != node_sets_.size()) {
      const std::string& first = FileOfNode(index);
      return Status::InvalidArgument(Where(file, row.line) + ": duplicate :ID '" + row.id +
                                     "' (first " + (first == file ? "" : "in " + first + " ") +
                                     "on line " + std::to_string(node_lines_[index]) + ")");
    }
    DistinctLabels(&row.labels);
    for (const std::string& l : row.labels)
      if (l.empty()) return Status::SchemaViolation(Where(file, row.line) + ": empty label");
    std::string* import_id = nullptr;
    Entity& e = writer_.NextEntity(&entities_, &import_id);
    import_id->swap(row.id);  // the map above keeps its own copy
    e.id = next_entity_;
    e.labels.swap(row.labels);
    e.properties.swap(row.properties);
    Status st = AddEntity(e);
    if (!st.ok()) return Status(st.code(), Where(file, row.line) + ": " + st.message());
    node_lines_.push_back(row.line);
    writer_.Commit();
    Progress(false, file);
    return Status::OK();
  }

  // Property keys for the dictionary (property_keys.h): a hash look-up per
  // key, the dictionary only for a key not seen before in this import.
  void NoteKey(const std::string& key) {
    if (seen_keys_.contains(key)) return;
    seen_keys_.insert(key);
    InternName(s_->props_, &new_props_, key);
  }
  void NoteKeys(const PropertyMap& properties) {
    for (const auto& [key, value] : properties) NoteKey(key);
  }

  Status AddEntity(const Entity& e) {
    uint32_t set = LabelSet(e.labels);
    NoteKeys(e.properties);
    if (!SurelyValid(e, set)) KG_RETURN_IF_ERROR(s_->ontology_.CheckEntity(e));
    ++next_entity_;
    for (uint32_t label : label_set_ids_[set]) label_entries_.push_back({label, e.id});
    ++label_set_counts_[set];
    for (std::string& folded : FoldedNames(e)) {
      folded.push_back('\0');
      PutU64(&folded, e.id);
      name_keys_.push_back(std::move(folded));
    }
    node_sets_.push_back(set);
    return Status::OK();
  }

  Status ReadEdges(const std::string& file) {
    edge_roles_.clear();
    KG_RETURN_IF_ERROR(ReadEdgeFields(file, [&](EdgeFields& row) { return AddEdge(file, row); }));
    Progress(true, file);
    return Status::OK();
  }

  // The error for an edge whose endpoint :ID names no node of the import.
  static Status UnknownEndpoint(const std::string& file, uint64_t line, const char* column,
                                std::string_view id) {
    return Status::InvalidArgument(Where(file, line) + ": unknown " + column + " '" +
                                   std::string(id) + "'");
  }

  // True when the ontology surely accepts a relation property of this role
  // and value (as SurelyValid, never looser); a clock property is left to
  // the general path, which makes the relation's clock.
  static bool FastValid(KeyRole role, const Value& value, const TypeSlot& slot, bool open) {
    if (!value.IsStorable()) return false;
    switch (role) {
      case KeyRole::kPlain:
        return true;
      case KeyRole::kStance:
        return StanceAllowed(value, slot, open);
      default:
        return false;
    }
  }

  // An edge row: its endpoints resolved, checked against the ontology and
  // encoded straight from its column values. A row the quick checks do not
  // clear (a clock property, a reserved name, a stance out of range, kinds
  // the type does not join) becomes a Relation and takes the general path,
  // CheckRelation's exact message included.
  Status AddEdge(const std::string& file, EdgeFields& row) {
    // Plain look-ups; the error is built only when one fails.
    const uint32_t from = ids_.Find(row.start_id);
    if (from == IdMap::kAbsent) return UnknownEndpoint(file, row.line, ":START_ID", row.start_id);
    const uint32_t to = ids_.Find(row.end_id);
    if (to == IdMap::kAbsent) return UnknownEndpoint(file, row.line, ":END_ID", row.end_id);
    if (row.type.empty())
      return Status::SchemaViolation(Where(file, row.line) + ": empty relationship type");
    if (edge_roles_.size() != row.properties.size()) {  // the file's first row
      for (const EdgeFields::Property& p : row.properties)
        edge_roles_.push_back({RoleOf(*p.key), false});
    }
    TypeSlot& slot = Slot(row.type);
    const bool open = s_->ontology_.is_open();
    bool fast = EndpointsAllowed(row.type, slot, node_sets_[from], node_sets_[to]);
    refs_.clear();
    for (size_t i = 0; i < row.properties.size(); ++i) {
      const EdgeFields::Property& p = row.properties[i];
      if (!p.present) continue;
      EdgeRole& role = edge_roles_[i];
      if (!role.noted) {
        NoteKey(*p.key);
        role.noted = true;
      }
      fast = fast && FastValid(role.role, p.value, slot, open);
      refs_.push_back({*p.key, &p.value});
    }
    const RelationId id = next_relation_;
    const EntityId start = first_entity_ + from;
    const EntityId end = first_entity_ + to;
    if (fast) {
      AppendRelation(id, start, end, row.type, refs_, writer_.NextRelation(&relations_, id));
    } else {
      Relation& r = general_;
      r.id = id;
      r.start = start;
      r.end = end;
      r.type.assign(row.type);
      row.ToMap(&r.properties);
      Status st = CheckGeneral(r, slot, from, to);
      if (!st.ok()) return Status(st.code(), Where(file, row.line) + ": " + st.message());
      AppendRelation(r, writer_.NextRelation(&relations_, id));
    }
    ++next_relation_;
    ++slot.count;
    adjacency_.push_back({from, to, slot.id});
    writer_.Commit();
    Progress(false, file);
    return Status::OK();
  }

  // The general path's checks of a relation whose keys were noted, and its
  // clock noted for the adjacency entry AddEdge adds next.
  Status CheckGeneral(const Relation& r, TypeSlot& slot, uint32_t from, uint32_t to) {
    uint32_t start_set = node_sets_[from];
    uint32_t end_set = node_sets_[to];
    if (!SurelyValid(r, slot, start_set, end_set))
      KG_RETURN_IF_ERROR(
          s_->ontology_.CheckRelation(r, label_sets_[start_set], label_sets_[end_set]));
    if (MayHaveClock(r.properties))
      KG_RETURN_IF_ERROR(clocks_.Add(adjacency_.size(), AdjClockOf(r)));
    return Status::OK();
  }

  // Out and in adjacency are sorted and written on two threads.
  Status WriteIndexes() {
    uint32_t max_type = 0;  // every entry's type is one of the slots'
    for (const auto& [name, slot] : type_slots_) max_type = std::max(max_type, slot.id);
    Status in_status;
    JoiningThread in_thread;
    in_thread.Start([&] {
      in_status = WriteAdjacency(adjacency_, clocks_, node_sets_.size(), max_type, false,
                                 first_entity_, first_relation_, &in_);
    });
    Status out_status = WriteAdjacency(adjacency_, clocks_, node_sets_.size(), max_type, true,
                                       first_entity_, first_relation_, &out_);
    in_thread.Join();
    KG_RETURN_IF_ERROR(out_status);
    return in_status;
  }

  Status WriteNameAndLabelKeys() {
    std::sort(name_keys_.begin(), name_keys_.end());
    name_keys_.erase(std::unique(name_keys_.begin(), name_keys_.end()), name_keys_.end());
    for (const std::string& k : name_keys_) KG_RETURN_IF_ERROR(names_.Put(k, ""));
    std::sort(label_entries_.begin(), label_entries_.end());
    for (const LabelEntry& e : label_entries_)
      KG_RETURN_IF_ERROR(labels_.Put(LabelKey(e.label, e.id), ""));
    KG_RETURN_IF_ERROR(names_.Close());
    return labels_.Close();
  }

  Status AddCount(std::map<std::string, std::string>* meta, const std::string& key,
                  uint64_t added) {
    KG_ASSIGN_OR_RETURN(auto old, s_->Get(kCfMeta, key));
    uint64_t n = 0;
    if (old) {
      KG_ASSIGN_OR_RETURN(n, ParseU64(*old, key));
    }
    (*meta)[key] = U64Value(n + added);
    return Status::OK();
  }

  // Counters, counts and new dictionary entries, as one more sorted file.
  Status WriteMeta() {
    std::map<std::string, std::string> meta;
    meta[std::string(kMetaNextEntity)] = U64Value(next_entity_);
    meta[std::string(kMetaNextRelation)] = U64Value(next_relation_);
    KG_RETURN_IF_ERROR(
        AddCount(&meta, std::string(kMetaCountEntities), next_entity_ - s_->next_entity_));
    KG_RETURN_IF_ERROR(
        AddCount(&meta, std::string(kMetaCountRelations), next_relation_ - s_->next_relation_));
    std::map<std::string, uint64_t> label_counts;
    for (size_t i = 0; i < label_sets_.size(); ++i)
      for (const std::string& label : label_sets_[i]) label_counts[label] += label_set_counts_[i];
    for (const auto& [label, n] : label_counts)
      if (n > 0) KG_RETURN_IF_ERROR(AddCount(&meta, std::string(kMetaCountLabel) + label, n));
    for (const auto& [type, slot] : type_slots_)
      KG_RETURN_IF_ERROR(AddCount(&meta, std::string(kMetaCountType) + type, slot.count));
    for (const auto& [name, id] : new_labels_)
      meta[std::string(kMetaLabelDict) + name] = U32Value(id);
    for (const auto& [name, id] : new_types_)
      meta[std::string(kMetaTypeDict) + name] = U32Value(id);
    for (const auto& [name, id] : new_props_)
      meta[std::string(kMetaPropDict) + name] = U32Value(id);
    for (const auto& [k, v] : meta) KG_RETURN_IF_ERROR(meta_.Put(k, v));
    return Status::OK();
  }

  // New dictionary entries become visible before the ingest; see PublishNames.
  void Publish(bool add) {
    PublishNames(new_labels_, add, &s_->labels_);
    PublishNames(new_types_, add, &s_->types_);
    PublishNames(new_props_, add, &s_->props_);
  }

  // Ingests every file at once: RocksDB applies them atomically across the
  // column families.
  Status Ingest() {
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (SstOut* f : {&entities_, &relations_, &out_, &in_, &names_, &labels_, &meta_})
      KG_RETURN_IF_ERROR(f->Finish(&args));
    Publish(true);
    Status st = FromRocks(s_->db()->IngestExternalFiles(args), "ingesting the import");
    if (!st.ok()) {
      Publish(false);
      return st;
    }
    s_->next_entity_ = next_entity_;
    s_->next_relation_ = next_relation_;
    // The graph changed: the read caches move on (readers of the new
    // snapshot have a new sequence number anyway).
    s_->topology_.SetGraphSize(next_entity_, next_relation_);
    s_->entity_cache_.Reset(s_->db()->GetLatestSequenceNumber());
    return Status::OK();
  }

  Store::Impl* s_;
  const ImportOptions& options_;
  TempDir tmp_;
  SstOut entities_, relations_, out_, in_, names_, labels_, meta_;
  uint64_t next_entity_;
  uint64_t next_relation_;
  const uint64_t first_entity_;
  const uint64_t first_relation_;
  // The nodes of this import, by index (entity id = first new id + index):
  // their label sets (indexes into label_sets_) and CSV lines, apart so
  // that the per-edge look-up of both endpoints' label sets reads a compact
  // array (NodeSets; with the lines beside them it missed the cache).
  IdMap ids_;  // :ID -> node index
  NodeSets node_sets_;
  std::vector<uint64_t> node_lines_;
  std::vector<std::pair<size_t, std::string>> node_files_;  // first row of each node file
  std::vector<std::vector<std::string>> label_sets_;
  std::map<std::vector<std::string>, uint32_t> label_set_index_;
  PendingNames new_labels_;
  PendingNames new_types_;
  PendingNames new_props_;
  std::unordered_set<std::string> seen_keys_;
  // By label set: whether the ontology accepts it, its label ids, its entities.
  std::vector<bool> label_set_ok_;
  std::vector<std::vector<uint32_t>> label_set_ids_;
  std::vector<uint64_t> label_set_counts_;
  std::unordered_map<std::string, TypeSlot, StringHash, std::equal_to<>> type_slots_;
  static constexpr size_t kScannedTypes = 16;
  std::vector<std::pair<std::string, TypeSlot*>> scanned_types_;  // the first types (Slot)
  std::vector<LabelEntry> label_entries_;
  std::vector<std::string> name_keys_;
  std::vector<AdjEntry> adjacency_;
  // The edge file being read: its property columns' roles, and whether
  // each key was noted (NoteKey) yet.
  struct EdgeRole {
    KeyRole role;
    bool noted;
  };
  std::vector<EdgeRole> edge_roles_;
  std::vector<PropertyRef> refs_;  // the present properties of the row at hand
  Relation general_;               // a row on the general path
  AdjClocks clocks_;               // the adjacency values of the dated relations
  uint64_t rows_ = 0;
  uint64_t bytes_done_ = 0;
  uint64_t bytes_total_ = 0;
  std::unordered_map<std::string, uint64_t> file_bytes_;  // FilesBytes, for Progress
  BackgroundWriter writer_;  // declared late: it stops before the files it writes go
  Status keys_status_;
  JoiningThread keys_thread_;  // writes names_ and labels_ during the edges
};

}  // namespace

Result<ImportSummary> ImportCsv(Store& store, const ImportOptions& options) {
  Store::Impl* s = internal::StoreInternal::ImplOf(store);
  if (s->read_only_) return Status::NotSupported("database " + s->path_ + " is open read-only");
  std::lock_guard<std::mutex> lock(s->write_mu_);
  Importer importer(s, options);
  return importer.Run();
}

}  // namespace kg::storage

namespace kg::storage {

Result<ImportSummary> ImportIntoNewDatabase(const std::string& path,
                                            const schema::Ontology& ontology,
                                            const ImportOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec) && (!fs::is_directory(path, ec) || !fs::is_empty(path, ec)))
    return Status::IOError(path + " is not empty");
  // Built beside `path` and renamed into place when complete: a killed or
  // failed import leaves no database behind (only, after a kill, this
  // hidden directory, which holds nothing the user relies on).
  fs::path target = fs::absolute(path).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "dir/"
  fs::create_directories(target.parent_path(), ec);
  std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".kg-import-XXXXXX")).string();
  if (::mkdtemp(temp.data()) == nullptr)
    return Status::IOError("cannot create a directory beside " + path + ": " +
                           std::strerror(errno));
  std::string db = temp + "/db";
  // Nobody opens the directory before the rename: RocksDB's and the
  // import's syncs are deferred to one pass over the closed database
  // (deferred_sync.h), and the rename is made durable after it.
  Result<ImportSummary> summary = [&]() -> Result<ImportSummary> {
    KG_ASSIGN_OR_RETURN(auto store, internal::StoreInternal::CreateDeferringSyncs(db, ontology));
    KG_ASSIGN_OR_RETURN(ImportSummary done, ImportCsv(*store, options));
    store.reset();
    KG_RETURN_IF_ERROR(internal::SyncTree(db));
    return done;
  }();
  if (summary.ok() && ::rename(db.c_str(), target.c_str()) != 0)
    summary =
        Status::IOError("cannot move the new database to " + path + ": " + std::strerror(errno));
  // Best effort: the database is in place and whole; a parent directory
  // that cannot be opened for reading (or synced) only leaves the rename to
  // the file system's own schedule, which is no reason to report a failure.
  if (summary.ok()) (void)internal::SyncDirectory(target.parent_path().string());
  fs::remove_all(temp, ec);
  return summary;
}

}  // namespace kg::storage
