// Bulk import: reads node and edge CSV, resolves the import-scoped :ID
// strings to fresh entity ids, checks every row against the store's
// ontology, writes one sorted SST file per column family (plus the meta
// updates) and ingests them all in one atomic IngestExternalFiles call. Any
// bad row aborts before anything reaches the database.
#include "storage/import.h"

#include <rocksdb/sst_file_writer.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "storage/csv.h"
#include "storage/internal/codec.h"
#include "storage/internal/id_map.h"
#include "storage/internal/store_impl.h"

namespace kg::storage {
namespace fs = std::filesystem;
using namespace internal;  // NOLINT: the module's own internals

namespace {

constexpr uint64_t kProgressEvery = 1 << 16;

// One relation as the adjacency families need it; sorted compactly.
struct AdjEntry {
  uint64_t start;
  uint64_t end;
  uint64_t relation;
  uint32_t type;
};

struct LabelEntry {
  uint32_t label;
  uint64_t id;
  friend bool operator<(const LabelEntry& a, const LabelEntry& b) {
    return a.label != b.label ? a.label < b.label : a.id < b.id;
  }
};

// A node of this import; its entity id is the first new id + its index.
struct NodeRef {
  uint32_t label_set;  // index into Importer::label_sets_
  uint64_t line;
};

std::vector<std::string> DistinctLabels(std::vector<std::string> labels) {
  std::vector<std::string> out;
  for (auto& l : labels)
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(std::move(l));
  return out;
}

std::string Where(const std::string& file, uint64_t line) {
  return file + ":" + std::to_string(line);
}

// A temporary directory inside the database directory (so ingestion can move
// the files instead of copying them), removed on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& db_path)
      : path_((fs::path(db_path) / ("import.tmp." + std::to_string(::getpid()))).string()) {}
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Status Create() {
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_, ec);
    if (ec) return Status::IOError("cannot create " + path_ + ": " + ec.message());
    return Status::OK();
  }
  std::string File(int cf) const { return path_ + "/" + CfName(cf) + ".sst"; }

 private:
  std::string path_;
};

// One SST file of a column family, opened on first Put.
class SstOut {
 public:
  SstOut(Store::Impl* s, int cf, std::string path)
      : options_(rocksdb::DBOptions(), MakeCfOptions(cf, s->cache_)),
        writer_(rocksdb::EnvOptions(), options_),
        cf_(cf),
        handle_(s->cf(cf)),
        path_(std::move(path)) {}

  Status Put(std::string_view key, std::string_view value) {
    if (!open_) {
      KG_RETURN_IF_ERROR(FromRocks(writer_.Open(path_), "creating " + path_));
      open_ = true;
    }
    ++count_;
    return FromRocks(writer_.Put(rocksdb::Slice(key.data(), key.size()),
                                 rocksdb::Slice(value.data(), value.size())),
                     std::string("writing the ") + CfName(cf_) + " import file");
  }
  // Finishes the file and adds it to `args` (nothing when it stayed empty).
  Status Finish(std::vector<rocksdb::IngestExternalFileArg>* args) {
    if (!open_) return Status::OK();
    KG_RETURN_IF_ERROR(FromRocks(writer_.Finish(), "finishing " + path_));
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = handle_;
    arg.external_files = {path_};
    arg.options.move_files = true;
    args->push_back(std::move(arg));
    return Status::OK();
  }
  uint64_t count() const { return count_; }

 private:
  rocksdb::Options options_;
  rocksdb::SstFileWriter writer_;
  int cf_;
  rocksdb::ColumnFamilyHandle* handle_;
  std::string path_;
  bool open_ = false;
  uint64_t count_ = 0;
};

// Feeds record batches to their SST files on a second thread, so that CSV
// parsing and checking overlap with table building and compression.
class BackgroundWriter {
 public:
  BackgroundWriter() : thread_([this] { Loop(); }) {}
  // Without Finish (an import that failed), queued batches are dropped.
  ~BackgroundWriter() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      abort_ = true;
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  // Keys must reach each file in increasing order (record ids do).
  void Add(SstOut* out, uint64_t id, std::string value) {
    if (pending_.out != out && !pending_.records.empty()) Submit();
    pending_.out = out;
    pending_.records.emplace_back(id, std::move(value));
    if (pending_.records.size() >= kBatch) Submit();
  }

  // Writes everything still queued and returns the first error.
  Status Finish() {
    if (!pending_.records.empty()) Submit();
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
    return status_;
  }

 private:
  static constexpr size_t kBatch = 4096;
  static constexpr size_t kMaxQueued = 8;
  struct Batch {
    SstOut* out = nullptr;
    std::vector<std::pair<uint64_t, std::string>> records;
  };

  void Submit() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
    queue_.push_back(std::move(pending_));
    pending_ = Batch();
    cv_.notify_all();
  }

  void Loop() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (abort_ || queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      cv_.notify_all();
      Write(batch);
    }
  }

  void Write(const Batch& batch) {
    char key[8];
    for (const auto& [id, value] : batch.records) {
      if (!status_.ok()) return;
      WriteU64(key, id);
      status_ = batch.out->Put(std::string_view(key, 8), value);
    }
  }

  Batch pending_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> queue_;
  bool done_ = false;
  bool abort_ = false;
  Status status_;  // written by the thread only, read after it is joined
  std::thread thread_;
};

// Sorts the adjacency entries by (node, type, other, relation) of one
// direction and writes them.
Status WriteAdjacency(std::vector<AdjEntry>* entries, bool out, SstOut* sst) {
  auto node = [out](const AdjEntry& e) { return out ? e.start : e.end; };
  auto other = [out](const AdjEntry& e) { return out ? e.end : e.start; };
  std::sort(entries->begin(), entries->end(), [&](const AdjEntry& a, const AdjEntry& b) {
    if (node(a) != node(b)) return node(a) < node(b);
    if (a.type != b.type) return a.type < b.type;
    if (other(a) != other(b)) return other(a) < other(b);
    return a.relation < b.relation;
  });
  char key[kAdjKeySize];
  for (const AdjEntry& e : *entries) {
    EncodeAdjKey({node(e), e.type, other(e), e.relation}, key);
    KG_RETURN_IF_ERROR(sst->Put(std::string_view(key, kAdjKeySize), ""));
  }
  return Status::OK();
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
        first_entity_(s->next_entity_) {}

  Result<ImportSummary> Run() {
    KG_RETURN_IF_ERROR(tmp_.Create());
    bytes_total_ = TotalBytes();
    for (const std::string& f : options_.node_files) KG_RETURN_IF_ERROR(ReadNodes(f));
    for (const std::string& f : options_.edge_files) KG_RETURN_IF_ERROR(ReadEdges(f));
    KG_RETURN_IF_ERROR(writer_.Finish());
    ImportSummary summary{next_entity_ - s_->next_entity_, next_relation_ - s_->next_relation_};
    if (summary.entities == 0 && summary.relations == 0) return summary;
    KG_RETURN_IF_ERROR(WriteIndexes());
    KG_RETURN_IF_ERROR(WriteMeta());
    KG_RETURN_IF_ERROR(Ingest());
    return summary;
  }

 private:
  uint64_t TotalBytes() const {
    uint64_t total = 0;
    std::error_code ec;
    for (const auto* list : {&options_.node_files, &options_.edge_files})
      for (const std::string& f : *list) {
        uint64_t n = fs::file_size(f, ec);
        if (!ec) total += n;
      }
    return total;
  }

  // Counts a row (or, with file_done, the end of a file) and reports now and then.
  void Progress(bool file_done, const std::string& file) {
    if (!file_done) ++rows_;
    if (file_done) {
      std::error_code ec;
      uint64_t n = fs::file_size(file, ec);
      if (!ec) bytes_done_ += n;
    }
    if (options_.progress && (file_done || rows_ % kProgressEvery == 0))
      options_.progress(rows_, bytes_done_, bytes_total_);
  }

  // Counts one relation of `type` and returns the type's id; a hash lookup
  // per edge instead of the dictionary's lock and ordered map.
  uint32_t CountType(const std::string& type) {
    auto it = type_slots_.find(type);
    if (it == type_slots_.end()) {
      uint32_t id = InternName(s_->types_, &new_types_, type);
      it = type_slots_.emplace(type, TypeSlot{id, 0}).first;
    }
    ++it->second.count;
    return it->second.id;
  }

  uint32_t LabelSet(const std::vector<std::string>& labels) {
    auto [it, added] = label_set_index_.emplace(labels, static_cast<uint32_t>(label_sets_.size()));
    if (added) label_sets_.push_back(labels);
    return it->second;
  }

  Status ReadNodes(const std::string& file) {
    KG_RETURN_IF_ERROR(ReadNodeCsv(file, [&](NodeRow& row) { return AddNode(file, row); }));
    Progress(true, file);
    return Status::OK();
  }

  Status AddNode(const std::string& file, NodeRow& row) {
    uint32_t index = ids_.Insert(row.id, static_cast<uint32_t>(nodes_.size()));
    if (index != nodes_.size())
      return Status::InvalidArgument(Where(file, row.line) + ": duplicate :ID '" + row.id +
                                     "' (first on line " + std::to_string(nodes_[index].line) +
                                     ")");
    Entity e{next_entity_, DistinctLabels(std::move(row.labels)), std::move(row.properties)};
    for (const std::string& l : e.labels)
      if (l.empty()) return Status::SchemaViolation(Where(file, row.line) + ": empty label");
    Status st = s_->ontology_.CheckEntity(e);
    if (!st.ok()) return Status(st.code(), Where(file, row.line) + ": " + st.message());
    ++next_entity_;
    writer_.Add(&entities_, e.id, EncodeEntity(e));
    for (const std::string& l : e.labels) {
      label_entries_.push_back({InternName(s_->labels_, &new_labels_, l), e.id});
      ++label_counts_[l];
    }
    for (std::string& folded : FoldedNames(e)) {
      folded.push_back('\0');
      PutU64(&folded, e.id);
      name_keys_.push_back(std::move(folded));
    }
    nodes_.push_back(NodeRef{LabelSet(e.labels), row.line});
    Progress(false, file);
    return Status::OK();
  }

  Status ReadEdges(const std::string& file) {
    KG_RETURN_IF_ERROR(ReadEdgeCsv(file, [&](EdgeRow& row) { return AddEdge(file, row); }));
    Progress(true, file);
    return Status::OK();
  }

  // The index of the node with this :ID, or an error naming the column.
  Result<uint32_t> Resolve(const std::string& file, uint64_t line, const char* column,
                           const std::string& id) const {
    uint32_t index = ids_.Find(id);
    if (index == IdMap::kAbsent)
      return Status::InvalidArgument(Where(file, line) + ": unknown " + column + " '" + id + "'");
    return index;
  }

  Status AddEdge(const std::string& file, EdgeRow& row) {
    KG_ASSIGN_OR_RETURN(uint32_t from, Resolve(file, row.line, ":START_ID", row.start_id));
    KG_ASSIGN_OR_RETURN(uint32_t to, Resolve(file, row.line, ":END_ID", row.end_id));
    if (row.type.empty())
      return Status::SchemaViolation(Where(file, row.line) + ": empty relationship type");
    Relation r{next_relation_, std::move(row.type), first_entity_ + from, first_entity_ + to,
               std::move(row.properties)};
    Status st = s_->ontology_.CheckRelation(r, label_sets_[nodes_[from].label_set],
                                            label_sets_[nodes_[to].label_set]);
    if (!st.ok()) return Status(st.code(), Where(file, row.line) + ": " + st.message());
    ++next_relation_;
    writer_.Add(&relations_, r.id, EncodeRelation(r));
    adjacency_.push_back({r.start, r.end, r.id, CountType(r.type)});
    Progress(false, file);
    return Status::OK();
  }

  // Out and in adjacency are sorted and written on two threads; the name and
  // label indexes meanwhile on this one.
  Status WriteIndexes() {
    std::vector<AdjEntry> by_end = adjacency_;
    Status in_status;
    std::thread in_thread([&] { in_status = WriteAdjacency(&by_end, false, &in_); });
    Status out_status = WriteAdjacency(&adjacency_, true, &out_);
    Status rest = WriteNameAndLabelKeys();
    in_thread.join();
    KG_RETURN_IF_ERROR(out_status);
    KG_RETURN_IF_ERROR(in_status);
    return rest;
  }

  Status WriteNameAndLabelKeys() {
    std::sort(name_keys_.begin(), name_keys_.end());
    name_keys_.erase(std::unique(name_keys_.begin(), name_keys_.end()), name_keys_.end());
    for (const std::string& k : name_keys_) KG_RETURN_IF_ERROR(names_.Put(k, ""));
    std::sort(label_entries_.begin(), label_entries_.end());
    for (const LabelEntry& e : label_entries_)
      KG_RETURN_IF_ERROR(labels_.Put(LabelKey(e.label, e.id), ""));
    return Status::OK();
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
    for (const auto& [label, n] : label_counts_)
      KG_RETURN_IF_ERROR(AddCount(&meta, std::string(kMetaCountLabel) + label, n));
    for (const auto& [type, slot] : type_slots_)
      KG_RETURN_IF_ERROR(AddCount(&meta, std::string(kMetaCountType) + type, slot.count));
    for (const auto& [name, id] : new_labels_)
      meta[std::string(kMetaLabelDict) + name] = U32Value(id);
    for (const auto& [name, id] : new_types_)
      meta[std::string(kMetaTypeDict) + name] = U32Value(id);
    for (const auto& [k, v] : meta) KG_RETURN_IF_ERROR(meta_.Put(k, v));
    return Status::OK();
  }

  // New dictionary entries become visible before the ingest; see PublishNames.
  void Publish(bool add) {
    PublishNames(new_labels_, add, &s_->labels_);
    PublishNames(new_types_, add, &s_->types_);
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
    return Status::OK();
  }

  Store::Impl* s_;
  const ImportOptions& options_;
  TempDir tmp_;
  SstOut entities_, relations_, out_, in_, names_, labels_, meta_;
  uint64_t next_entity_;
  uint64_t next_relation_;
  const uint64_t first_entity_;
  IdMap ids_;  // :ID -> index into nodes_
  std::vector<NodeRef> nodes_;
  std::vector<std::vector<std::string>> label_sets_;
  std::map<std::vector<std::string>, uint32_t> label_set_index_;
  PendingNames new_labels_;
  PendingNames new_types_;
  std::map<std::string, uint64_t> label_counts_;
  struct TypeSlot {
    uint32_t id;
    uint64_t count;
  };
  std::unordered_map<std::string, TypeSlot> type_slots_;
  std::vector<LabelEntry> label_entries_;
  std::vector<std::string> name_keys_;
  std::vector<AdjEntry> adjacency_;
  uint64_t rows_ = 0;
  uint64_t bytes_done_ = 0;
  uint64_t bytes_total_ = 0;
  BackgroundWriter writer_;  // declared last: it stops before the files it writes go
};

}  // namespace

Result<ImportSummary> ImportCsv(Store& store, const ImportOptions& options) {
  Store::Impl* s = store.impl();
  if (s->read_only_) return Status::NotSupported("database " + s->path_ + " is open read-only");
  std::lock_guard<std::mutex> lock(s->write_mu_);
  Importer importer(s, options);
  return importer.Run();
}

}  // namespace kg::storage
