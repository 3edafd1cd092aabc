// The bulk importer's file machinery (see import_files.h).
#include "storage/internal/import_files.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <type_traits>

namespace kg::storage::internal {

namespace fs = std::filesystem;

TempDir::TempDir(const std::string& db_path)
    : path_((fs::path(db_path) / ("import.tmp." + std::to_string(::getpid()))).string()) {}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Status TempDir::Create() {
  std::error_code ec;
  fs::remove_all(path_, ec);
  fs::create_directories(path_, ec);
  if (ec) return Status::IOError("cannot create " + path_ + ": " + ec.message());
  return Status::OK();
}

rocksdb::EnvOptions SstOut::FileOptions() {
  rocksdb::EnvOptions o;
  o.bytes_per_sync = kSyncEvery;
  return o;
}

SstOut::SstOut(Store::Impl* s, int cf, std::string path)
    : options_(rocksdb::DBOptions(), MakeCfOptions(cf, s->cache_)),
      writer_(FileOptions(), options_, nullptr, /*invalidate_page_cache=*/false),
      cf_(cf),
      handle_(s->cf(cf)),
      path_(std::move(path)) {}

Status SstOut::Put(std::string_view key, std::string_view value) {
  if (!open_) {
    KG_RETURN_IF_ERROR(FromRocks(writer_.Open(path_), "creating " + path_));
    open_ = true;
  }
  ++count_;
  rocksdb::Status st = writer_.Put(rocksdb::Slice(key.data(), key.size()),
                                   rocksdb::Slice(value.data(), value.size()));
  if (st.ok()) return Status::OK();  // the message below costs an allocation
  return FromRocks(st, std::string("writing the ") + CfName(cf_) + " import file");
}

Status SstOut::Close() {
  if (!open_ || closed_) return close_status_;
  closed_ = true;
  close_status_ = FromRocks(writer_.Finish(), "finishing " + path_);
  return close_status_;
}

Status SstOut::Finish(std::vector<rocksdb::IngestExternalFileArg>* args) {
  if (!open_) return Status::OK();
  KG_RETURN_IF_ERROR(Close());
  rocksdb::IngestExternalFileArg arg;
  arg.column_family = handle_;
  arg.external_files = {path_};
  arg.options.move_files = true;
  args->push_back(std::move(arg));
  return Status::OK();
}

BackgroundWriter::~BackgroundWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    abort_ = true;
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status BackgroundWriter::Finish() {
  if (pending_.size > 0) Submit();
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  thread_.join();
  return status_;
}

void BackgroundWriter::Submit() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
  queue_.push_back(std::move(pending_));
  if (free_.empty()) {
    pending_ = Batch();
  } else {
    pending_ = std::move(free_.back());
    free_.pop_back();
  }
  cv_.notify_all();
}

void BackgroundWriter::Loop() {
  for (;;) {
    Batch batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (abort_) return;
      if (queue_.empty()) break;
      batch = std::move(queue_.front());
      queue_.pop_front();
    }
    cv_.notify_all();
    Write(batch);
    batch.out = nullptr;
    batch.size = 0;
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(batch));
  }
  for (SstOut* out : outs_)
    if (Status st = out->Close(); status_.ok()) status_ = st;
}

void BackgroundWriter::Write(const Batch& batch) {
  if (std::find(outs_.begin(), outs_.end(), batch.out) == outs_.end()) outs_.push_back(batch.out);
  char key[8];
  for (size_t i = 0; i < batch.size && status_.ok(); ++i) {
    bytes_.clear();
    if (batch.relations_kind) {
      WriteU64(key, batch.relations[i].id);
      AppendRelation(batch.relations[i], &bytes_);
    } else {
      WriteU64(key, batch.entities[i].id);
      AppendEntity(batch.entities[i], &bytes_, batch.import_ids[i]);
    }
    status_ = batch.out->Put(std::string_view(key, 8), bytes_);
  }
}

void AdviseHugePages(const void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

namespace {

// One adjacency entry of one direction, as WriteAdjacency sorts it. The
// clock span travels with it: looking it up in the entries afterwards was a
// cache miss per key (a random read of the whole entry array), which cost
// more than the rest of the writing.
struct AdjItem {
  uint64_t key;       // type << 32 | other node index (ordered as its id)
  uint32_t relation;  // index among this import's relations
  uint32_t clock_begin;
  uint32_t clock_end;
  friend bool operator<(const AdjItem& a, const AdjItem& b) {
    return a.key != b.key ? a.key < b.key : a.relation < b.relation;
  }
};

// The same for an import without dated relations (every value empty): 12
// bytes instead of 24. The sort arrays are fresh memory, and on this
// machine class every new page costs its zeroing (a fifth of the adjacency
// files' CPU with the larger items).
#pragma pack(push, 4)
struct AdjItemNoClock {
  uint64_t key;
  uint32_t relation;
  friend bool operator<(const AdjItemNoClock& a, const AdjItemNoClock& b) {
    return a.key != b.key ? a.key < b.key : a.relation < b.relation;
  }
};
#pragma pack(pop)
static_assert(sizeof(AdjItemNoClock) == 12);

template <typename Item>
Status WriteAdjacencyOf(const std::vector<AdjEntry>& entries, std::string_view clocks,
                        size_t node_count, bool out, uint64_t first_entity, uint64_t first_relation,
                        SstOut* sst) {
  constexpr bool kClocks = std::is_same_v<Item, AdjItem>;
  std::vector<uint32_t> begin(node_count + 1, 0);
  for (const AdjEntry& e : entries) ++begin[(out ? e.from : e.to) + 1];
  for (size_t i = 1; i <= node_count; ++i) begin[i] += begin[i - 1];
  // Left uninitialised (every item is written below), so that the hint
  // comes before the first touch.
  std::unique_ptr<Item[]> items(new Item[entries.size()]);
  AdviseHugePages(items.get(), entries.size() * sizeof(Item));
  {
    std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
    for (uint32_t i = 0; i < entries.size(); ++i) {
      const AdjEntry& e = entries[i];
      uint64_t key = (static_cast<uint64_t>(e.type) << 32) | (out ? e.to : e.from);
      if constexpr (kClocks) {
        items[next[out ? e.from : e.to]++] = {key, i, e.clock_begin, e.clock_end};
      } else {
        items[next[out ? e.from : e.to]++] = {key, i};
      }
    }
  }
  char k[kAdjKeySize];
  for (size_t node = 0; node < node_count; ++node) {
    Item* first = items.get() + begin[node];
    Item* last = items.get() + begin[node + 1];
    if (last - first > 1) std::sort(first, last);
    for (auto it = first; it != last; ++it) {
      EncodeAdjKey({first_entity + node, static_cast<uint32_t>(it->key >> 32),
                    first_entity + static_cast<uint32_t>(it->key), first_relation + it->relation},
                   k);
      std::string_view value;
      if constexpr (kClocks)
        value = clocks.substr(it->clock_begin, it->clock_end - it->clock_begin);
      KG_RETURN_IF_ERROR(sst->Put(std::string_view(k, kAdjKeySize), value));
    }
  }
  return sst->Close();
}

}  // namespace

// Writes the adjacency keys of one direction, sorted by (node, type, other,
// relation): a counting sort by node (stable, so relations stay in id order)
// into one array, then each node's run sorted by (type, other, relation).
Status WriteAdjacency(const std::vector<AdjEntry>& entries, std::string_view clocks,
                      size_t node_count, bool out, uint64_t first_entity, uint64_t first_relation,
                      SstOut* sst) {
  if (clocks.empty())
    return WriteAdjacencyOf<AdjItemNoClock>(entries, clocks, node_count, out, first_entity,
                                            first_relation, sst);
  return WriteAdjacencyOf<AdjItem>(entries, clocks, node_count, out, first_entity, first_relation,
                                   sst);
}

}  // namespace kg::storage::internal
