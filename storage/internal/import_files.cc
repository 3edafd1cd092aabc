// The bulk importer's file machinery (see import_files.h).
#include "storage/internal/import_files.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <filesystem>
#include <memory>

#include "storage/internal/packed_record.h"

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
  o.writable_file_max_buffer_size = kWriteBuffer;
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

void BackgroundWriter::Close() {
  if (pending_.size > 0) Submit();
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
}

Status BackgroundWriter::Finish() {
  Close();
  if (thread_.joinable()) thread_.join();
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
  if (batch.relations_kind) {
    const std::string_view bytes = batch.record_bytes;
    for (size_t i = 0, begin = 0; i < batch.size && status_.ok(); ++i) {
      WriteU64(key, batch.record_ids[i]);
      const std::string_view message = bytes.substr(begin, batch.record_ends[i] - begin);
      if (packed_.size() < PackedRecordBound(message.size()))
        packed_.resize(PackedRecordBound(message.size()));
      const size_t size = PackRecord(message, packed_.data());
      status_ = batch.out->Put(std::string_view(key, 8), std::string_view(packed_.data(), size));
      begin = batch.record_ends[i];
    }
    return;
  }
  for (size_t i = 0; i < batch.size && status_.ok(); ++i) {
    bytes_.clear();
    WriteU64(key, batch.entities[i].id);
    AppendEntity(batch.entities[i], &bytes_, batch.import_ids[i]);
    status_ = batch.out->Put(std::string_view(key, 8), bytes_);
  }
}

Status AdjClocks::Add(size_t relation, std::string_view clock) {
  if (clock.empty()) return Status::OK();
  if (text_.size() + clock.size() > UINT32_MAX || relation >= UINT32_MAX)
    return Status::InvalidArgument("too many dated relationships for one import");
  // The relations since the last dated one end where it did.
  end_.resize(relation, static_cast<uint32_t>(text_.size()));
  text_ += clock;
  end_.push_back(static_cast<uint32_t>(text_.size()));
  return Status::OK();
}

void AdviseHugePages(const void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

namespace {

// How WriteAdjacencyOf sorts one direction's entries: each codec makes an
// item of an entry (type, other node, relation index and, where kept, the
// clock span), orders items by (type, other, relation) and reads them back.

// The general items, 24 bytes: dated imports keep the clock span in the item
// (read from AdjClocks in relation order while the items are made), because
// looking it up afterwards was a cache miss per key (a random read of the
// whole array), which cost more than the rest of the writing.
class WideItems {
 public:
  struct Item {
    uint64_t key;       // type << 32 | other node index (ordered as its id)
    uint32_t relation;  // index among this import's relations
    uint32_t clock_begin;
    uint32_t clock_end;
    friend bool operator<(const Item& a, const Item& b) {
      return a.key != b.key ? a.key < b.key : a.relation < b.relation;
    }
  };
  explicit WideItems(const AdjClocks& clocks) : clocks_(clocks) {}
  Item Make(uint32_t other, uint32_t relation, const AdjEntry& e) const {
    AdjClocks::Span clock = clocks_.SpanOf(relation);
    return {(static_cast<uint64_t>(e.type) << 32) | other, relation, clock.begin, clock.end};
  }
  static uint32_t Type(const Item& i) { return static_cast<uint32_t>(i.key >> 32); }
  static uint32_t Other(const Item& i) { return static_cast<uint32_t>(i.key); }
  static uint32_t Relation(const Item& i) { return i.relation; }
  std::string_view Value(const Item& i) const { return clocks_.Text({i.clock_begin, i.clock_end}); }

 private:
  const AdjClocks& clocks_;
};

// Undated imports whose type id, node index and relation index fit in 63
// bits together (2^20 relation types, nodes and relations take 60): one
// integer per item, type, other node and relation from the high bits down,
// so that integer order is the key order. 8 bytes against
// WideItems' 24 (the sort arrays are fresh memory, and on this machine class
// every new page costs its zeroing), and sorted as plain integers.
class PackedItems {
 public:
  using Item = uint64_t;
  // False when the numbers do not fit.
  static bool Fits(uint32_t max_type, size_t node_count, size_t relations) {
    return Bits(max_type) + Bits(node_count) + Bits(relations) <= 63;
  }
  PackedItems(size_t node_count, size_t relations)
      : relation_bits_(Bits(relations)),
        other_shift_(relation_bits_),
        type_shift_(relation_bits_ + Bits(node_count)) {}
  Item Make(uint32_t other, uint32_t relation, const AdjEntry& e) const {
    return (static_cast<uint64_t>(e.type) << type_shift_) |
           (static_cast<uint64_t>(other) << other_shift_) | relation;
  }
  uint32_t Type(Item i) const { return static_cast<uint32_t>(i >> type_shift_); }
  uint32_t Other(Item i) const {
    return static_cast<uint32_t>((i >> other_shift_) & Mask(type_shift_ - other_shift_));
  }
  uint32_t Relation(Item i) const { return static_cast<uint32_t>(i & Mask(relation_bits_)); }
  static std::string_view Value(Item) { return {}; }

 private:
  // Bits that hold every number up to n.
  static unsigned Bits(uint64_t count) { return static_cast<unsigned>(std::bit_width(count)); }
  static uint64_t Mask(unsigned bits) { return (uint64_t{1} << bits) - 1; }
  unsigned relation_bits_;
  unsigned other_shift_;
  unsigned type_shift_;
};

template <typename Codec>
Status WriteAdjacencyOf(const Codec& codec, const std::vector<AdjEntry>& entries, size_t node_count,
                        bool out, uint64_t first_entity, uint64_t first_relation, SstOut* sst) {
  using Item = typename Codec::Item;
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
      items[next[out ? e.from : e.to]++] = codec.Make(out ? e.to : e.from, i, e);
    }
  }
  char k[kAdjKeySize];
  for (size_t node = 0; node < node_count; ++node) {
    Item* first = items.get() + begin[node];
    Item* last = items.get() + begin[node + 1];
    if (last - first > 1) std::sort(first, last);
    for (auto it = first; it != last; ++it) {
      EncodeAdjKey({first_entity + node, codec.Type(*it), first_entity + codec.Other(*it),
                    first_relation + codec.Relation(*it)},
                   k);
      KG_RETURN_IF_ERROR(sst->Put(std::string_view(k, kAdjKeySize), codec.Value(*it)));
    }
  }
  return sst->Close();
}

}  // namespace

// Writes the adjacency keys of one direction, sorted by (node, type, other,
// relation): a counting sort by node (stable, so relations stay in id order)
// into one array, then each node's run sorted by (type, other, relation).
Status WriteAdjacency(const std::vector<AdjEntry>& entries, const AdjClocks& clocks,
                      size_t node_count, uint32_t max_type, bool out, uint64_t first_entity,
                      uint64_t first_relation, SstOut* sst) {
  if (clocks.empty() && PackedItems::Fits(max_type, node_count, entries.size()))
    return WriteAdjacencyOf(PackedItems(node_count, entries.size()), entries, node_count, out,
                            first_entity, first_relation, sst);
  return WriteAdjacencyOf(WideItems(clocks), entries, node_count, out, first_entity, first_relation,
                          sst);
}

}  // namespace kg::storage::internal
