// Store::Check: verifies every invariant of the layout over one snapshot and
// reports each violation as one line. Records are decoded once; index and
// adjacency families are then compared against what the records imply.
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "storage/internal/adj_clock.h"
#include "storage/internal/codec.h"
#include "storage/internal/packed_record.h"
#include "storage/internal/store_impl.h"
#include "storage/sources.h"
#include "storage/store.h"

namespace kg::storage {
using namespace internal;  // NOLINT: the module's own internals

namespace {

constexpr size_t kMaxReported = 1000;

struct EntityInfo {
  std::vector<std::string> labels;
  std::vector<std::string> folded_names;
};

struct RelationInfo {
  std::string type;
  EntityId start = 0;
  EntityId end = 0;
  std::string clock;  // its adjacency values (adj_clock.h)
  bool seen_out = false;
  bool seen_in = false;
};

class Checker {
 public:
  explicit Checker(const Store::Impl& s) : s_(s) {
    snap_ = s_.TakeSnapshot();
    ro_.snapshot = snap_;
    ro_.total_order_seek = true;
  }
  ~Checker() { s_.ReleaseSnapshot(snap_); }

  Result<std::vector<std::string>> Run() {
    KG_RETURN_IF_ERROR(CheckMeta());
    KG_RETURN_IF_ERROR(Scan(kCfEntities, [&](auto k, auto v) { CheckEntityRecord(k, v); }));
    KG_RETURN_IF_ERROR(Scan(kCfRelations, [&](auto k, auto v) { CheckRelationRecord(k, v); }));
    KG_RETURN_IF_ERROR(Scan(kCfOut, [&](auto k, auto v) { CheckAdjacency(k, v, true); }));
    KG_RETURN_IF_ERROR(Scan(kCfIn, [&](auto k, auto v) { CheckAdjacency(k, v, false); }));
    KG_RETURN_IF_ERROR(Scan(kCfNames, [&](auto k, auto) { CheckNameEntry(k); }));
    KG_RETURN_IF_ERROR(Scan(kCfLabels, [&](auto k, auto) { CheckLabelEntry(k); }));
    CheckCoverage();
    KG_RETURN_IF_ERROR(CheckCounts());
    if (dropped_ > 0) problems_.push_back("... and " + std::to_string(dropped_) + " more");
    return std::move(problems_);
  }

 private:
  void Report(std::string line) {
    if (problems_.size() < kMaxReported) {
      problems_.push_back(std::move(line));
    } else {
      ++dropped_;
    }
  }

  template <typename Fn>
  Status Scan(int cf, Fn fn) {
    std::unique_ptr<rocksdb::Iterator> it(s_.db()->NewIterator(ro_, s_.cf(cf)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      fn(std::string_view(it->key().data(), it->key().size()),
         std::string_view(it->value().data(), it->value().size()));
    }
    return FromRocks(it->status(), std::string("scanning ") + CfName(cf));
  }

  Result<std::optional<uint64_t>> MetaU64(std::string_view key) {
    KG_ASSIGN_OR_RETURN(auto v, s_.Get(kCfMeta, key, snap_));
    if (!v) return std::optional<uint64_t>();
    auto n = ParseU64(*v, key);
    if (!n.ok()) {
      Report(n.status().message());
      return std::optional<uint64_t>();
    }
    return std::optional<uint64_t>(*n);
  }

  Status CheckMeta() {
    KG_ASSIGN_OR_RETURN(auto version, s_.Get(kCfMeta, kMetaFormatVersion, snap_));
    uint32_t v = version && version->size() == 4 ? ReadU32(version->data()) : 0;
    if (v < kOldestFormatVersion || v > kFormatVersion)
      Report("meta: format version missing or not " + std::to_string(kOldestFormatVersion) +
             " to " + std::to_string(kFormatVersion));
    KG_ASSIGN_OR_RETURN(auto ontology, s_.Get(kCfMeta, kMetaOntology, snap_));
    if (!ontology) Report("meta: ontology missing");
    KG_ASSIGN_OR_RETURN(next_entity_, MetaU64(kMetaNextEntity));
    KG_ASSIGN_OR_RETURN(next_relation_, MetaU64(kMetaNextRelation));
    if (!next_entity_) Report("meta: entity id counter missing");
    if (!next_relation_) Report("meta: relation id counter missing");
    KG_ASSIGN_OR_RETURN(auto mark, s_.Get(kCfMeta, kMetaAdjacencyClocks, snap_));
    adj_clocks_ = mark.has_value();
    version_ = v;
    if (v >= kOldestFormatVersion && adj_clocks_ != (v >= kAdjacencyClocksFormatVersion))
      Report("meta: format version " + std::to_string(v) + (adj_clocks_ ? " with" : " without") +
             " the adjacency-clocks mark");
    return Status::OK();
  }

  bool KeyIsId(std::string_view key, const char* what, uint64_t* id) {
    if (key.size() == 8) {
      *id = ReadU64(key.data());
      return true;
    }
    Report(std::string(what) + " key of " + std::to_string(key.size()) + " bytes");
    return false;
  }

  void CheckEntityRecord(std::string_view key, std::string_view value) {
    uint64_t id;
    if (!KeyIsId(key, "entity", &id)) return;
    auto e = DecodeEntity(value);
    if (!e.ok()) return Report("entity " + std::to_string(id) + ": " + e.status().message());
    if (e->id != id)
      Report("entity " + std::to_string(id) + ": record holds id " + std::to_string(e->id));
    if (next_entity_ && id >= *next_entity_)
      Report("entity " + std::to_string(id) + ": id not below the id counter");
    for (const std::string& l : e->labels) ++label_counts_[l];
    CheckKeys("entity " + std::to_string(id), e->properties);
    entities_[id] = EntityInfo{e->labels, FoldedNames(*e)};
  }

  // Every property key is in the dictionary (once it covers the database).
  void CheckKeys(const std::string& who, const PropertyMap& properties) {
    if (!s_.props_complete_) return;
    for (const auto& [key, value] : properties)
      if (!s_.props_.Find(key)) Report(who + ": property key '" + key + "' not in the dictionary");
  }

  void CheckRelationRecord(std::string_view key, std::string_view value) {
    uint64_t id;
    if (!KeyIsId(key, "relation", &id)) return;
    std::string who = "relation " + std::to_string(id);
    auto r = DecodeRelation(value);
    if (!r.ok()) return Report(who + ": " + r.status().message());
    if (IsPackedRecord(value) && version_ >= kOldestFormatVersion &&
        version_ < kPackedRelationsFormatVersion)
      Report(who + ": packed record in a format version " + std::to_string(version_) + " database");
    if (r->id != id) Report(who + ": record holds id " + std::to_string(r->id));
    if (next_relation_ && id >= *next_relation_) Report(who + ": id not below the id counter");
    if (!entities_.contains(r->start))
      Report(who + ": start node " + std::to_string(r->start) + " does not exist");
    if (!entities_.contains(r->end))
      Report(who + ": end node " + std::to_string(r->end) + " does not exist");
    if (!s_.types_.Find(r->type)) Report(who + ": type '" + r->type + "' not in the dictionary");
    CheckKeys(who, r->properties);
    ++type_counts_[r->type];
    relations_[id] = RelationInfo{r->type, r->start, r->end, AdjClockOf(*r)};
  }

  void CheckAdjacency(std::string_view key, std::string_view value, bool out) {
    const char* family = out ? "out" : "in";
    AdjKey k;
    if (!DecodeAdjKey(key, &k)) return Report(std::string(family) + ": malformed key");
    std::string who = std::string(family) + " entry of node " + std::to_string(k.node) +
                      " (relation " + std::to_string(k.relation) + ")";
    auto it = relations_.find(k.relation);
    if (it == relations_.end()) return Report(who + ": no relation record");
    RelationInfo& r = it->second;
    EntityId node = out ? r.start : r.end;
    EntityId other = out ? r.end : r.start;
    if (s_.types_.Name(k.type) != r.type || node != k.node || other != k.other)
      return Report(who + ": does not match the relation record");
    // Readers trust the value once the mark is set; before, a value is
    // empty or already filled by an upgrade that did not finish.
    if (value != r.clock && (adj_clocks_ || !value.empty()))
      Report(who + ": its clock differs from the relation record's");
    (out ? r.seen_out : r.seen_in) = true;
  }

  void CheckNameEntry(std::string_view key) {
    std::string_view folded;
    uint64_t id;
    if (!DecodeNameKey(key, &folded, &id)) return Report("name index: malformed key");
    std::string who = "name index '" + std::string(folded) + "' -> " + std::to_string(id);
    auto it = entities_.find(id);
    if (it == entities_.end()) return Report(who + ": no such entity");
    const auto& names = it->second.folded_names;
    if (std::find(names.begin(), names.end(), folded) == names.end())
      return Report(who + ": not the entity's name or alias");
    names_seen_.insert(std::string(key));
  }

  void CheckLabelEntry(std::string_view key) {
    if (key.size() != kLabelKeySize) return Report("label index: malformed key");
    uint32_t lid = ReadU32(key.data());
    uint64_t id = ReadU64(key.data() + 4);
    std::string_view label = s_.labels_.Name(lid);
    std::string who = "label index " + std::to_string(lid) + " -> " + std::to_string(id);
    if (label.empty()) return Report(who + ": label id not in the dictionary");
    auto it = entities_.find(id);
    if (it == entities_.end()) return Report(who + ": no such entity");
    const auto& labels = it->second.labels;
    if (std::find(labels.begin(), labels.end(), label) == labels.end())
      return Report(who + ": entity does not have label '" + std::string(label) + "'");
    labels_seen_.insert(std::string(key));
  }

  // Every record is reachable through its index and adjacency entries.
  void CheckCoverage() {
    for (const auto& [id, info] : entities_) {
      std::string who = "entity " + std::to_string(id);
      for (const std::string& l : info.labels) {
        auto lid = s_.labels_.Find(l);
        if (!lid || !labels_seen_.contains(LabelKey(*lid, id)))
          Report(who + ": not in the label index under '" + l + "'");
      }
      for (const std::string& f : info.folded_names) {
        std::string key = f;
        key.push_back('\0');
        PutU64(&key, id);
        if (!names_seen_.contains(key)) Report(who + ": not in the name index under '" + f + "'");
      }
    }
    for (const auto& [id, r] : relations_) {
      std::string who = "relation " + std::to_string(id);
      if (!r.seen_out) Report(who + ": no out adjacency entry");
      if (!r.seen_in) Report(who + ": no in adjacency entry");
    }
  }

  Status CompareCount(std::string_view key, uint64_t real, bool zero_if_absent) {
    KG_ASSIGN_OR_RETURN(auto stored, MetaU64(key));
    if (!stored && zero_if_absent) stored = 0;
    if (!stored) {
      Report("meta: " + std::string(key) + " missing");
    } else if (*stored != real) {
      Report("meta: " + std::string(key) + " is " + std::to_string(*stored) + ", real " +
             std::to_string(real));
    }
    return Status::OK();
  }

  // Stored counts must equal real ones, including counts for names that no
  // longer occur (which must then be 0).
  Status CheckCountsUnder(std::string_view prefix, const std::map<std::string, uint64_t>& real) {
    std::set<std::string> names;
    for (const auto& [n, c] : real) names.insert(n);
    std::unique_ptr<rocksdb::Iterator> it(s_.db()->NewIterator(ro_, s_.cf(kCfMeta)));
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      if (!key.starts_with(prefix)) break;
      names.insert(std::string(key.substr(prefix.size())));
    }
    KG_RETURN_IF_ERROR(FromRocks(it->status(), "scanning meta"));
    for (const std::string& n : names) {
      auto r = real.find(n);
      KG_RETURN_IF_ERROR(
          CompareCount(std::string(prefix) + n, r == real.end() ? 0 : r->second, true));
    }
    return Status::OK();
  }

  Status CheckCounts() {
    KG_RETURN_IF_ERROR(CompareCount(kMetaCountEntities, entities_.size(), false));
    KG_RETURN_IF_ERROR(CompareCount(kMetaCountRelations, relations_.size(), false));
    KG_RETURN_IF_ERROR(CheckCountsUnder(kMetaCountLabel, label_counts_));
    return CheckCountsUnder(kMetaCountType, type_counts_);
  }

  const Store::Impl& s_;
  const rocksdb::Snapshot* snap_ = nullptr;
  rocksdb::ReadOptions ro_;
  std::optional<uint64_t> next_entity_;
  std::optional<uint64_t> next_relation_;
  bool adj_clocks_ = false;  // the kMetaAdjacencyClocks mark
  uint32_t version_ = 0;     // the meta's format version
  std::unordered_map<EntityId, EntityInfo> entities_;
  std::unordered_map<RelationId, RelationInfo> relations_;
  std::unordered_set<std::string> names_seen_;
  std::unordered_set<std::string> labels_seen_;
  std::map<std::string, uint64_t> label_counts_;
  std::map<std::string, uint64_t> type_counts_;
  std::vector<std::string> problems_;
  size_t dropped_ = 0;
};

}  // namespace

Result<std::vector<std::string>> Store::Check() const {
  Checker checker(*impl_);
  KG_ASSIGN_OR_RETURN(std::vector<std::string> problems, checker.Run());
  KG_RETURN_IF_ERROR(internal::CheckSourceRecords(*this, &problems));
  return problems;
}

}  // namespace kg::storage
