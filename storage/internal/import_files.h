// The bulk importer's file machinery (storage/import.cc): the temporary
// directory, one SST writer per column family, the background thread that
// encodes and writes entity and relation records, and the adjacency writer.
#pragma once

#include <rocksdb/sst_file_writer.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/entity.h"
#include "core/relation.h"
#include "core/status.h"
#include "storage/internal/codec.h"
#include "storage/internal/keys.h"
#include "storage/internal/shared_arena.h"
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {

// One relation as the adjacency families need it: its endpoints as node
// indexes of this import and its type id; its relation id is the first new
// relation id + its index. 12 bytes, the clocks apart (AdjClocks): on this
// machine class every MB of fresh memory costs milliseconds to fault in.
struct AdjEntry {
  uint32_t from;
  uint32_t to;
  uint32_t type;
};

// The clocks of an import's relations (their adjacency values, adj_clock.h),
// by relation index: relation i's is text[end[i - 1], end[i]) (from 0 for
// the first), and empty past the end of `end`, so that an import without
// dated relations keeps nothing per relation.
class AdjClocks {
 public:
  // Relation `relation`'s clock; relations come in increasing order, and
  // one without a clock needs no call.
  Status Add(size_t relation, std::string_view clock);
  struct Span {
    uint32_t begin = 0;
    uint32_t end = 0;
  };
  Span SpanOf(size_t relation) const {
    if (relation >= end_.size()) return {};
    return {relation == 0 ? 0 : end_[relation - 1], end_[relation]};
  }
  std::string_view Text(Span span) const {
    return std::string_view(text_).substr(span.begin, span.end - span.begin);
  }
  bool empty() const { return end_.empty(); }

 private:
  std::string text_;
  std::vector<uint32_t> end_;
};

// A temporary directory inside the database directory (so ingestion can move
// the files instead of copying them), removed on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& db_path);
  ~TempDir();
  Status Create();
  std::string File(int cf) const { return path_ + "/" + CfName(cf) + ".sst"; }

 private:
  std::string path_;
};

// One SST file of a column family, opened on first Put. Its pages are handed
// to the kernel's writeback as it grows (every kSyncEvery bytes), so that
// the closing sync has little left to wait for. Its write buffer grows to
// kWriteBuffer, not RocksDB's 1 MB: seven files' buffers (each grown by
// doubling, every size a fresh allocation) were 6 MB of kggen M's import's
// peak memory (94 -> 88 MB), for a write call per 256 KB instead of per MB.
class SstOut {
 public:
  SstOut(Store::Impl* s, int cf, std::string path);
  Status Put(std::string_view key, std::string_view value);
  // Writes the file's index and footer and syncs it, on the thread that
  // wrote it, so that the files' syncs overlap; no Put may follow. Once
  // only: later calls return the first one's status.
  Status Close();
  // Closes the file (unless done) and adds it to `args` (nothing when it
  // stayed empty).
  Status Finish(std::vector<rocksdb::IngestExternalFileArg>* args);
  uint64_t count() const { return count_; }

 private:
  static constexpr uint64_t kSyncEvery = 1 << 20;
  static constexpr size_t kWriteBuffer = 256 << 10;
  static rocksdb::EnvOptions FileOptions();

  rocksdb::Options options_;
  rocksdb::SstFileWriter writer_;
  int cf_;
  rocksdb::ColumnFamilyHandle* handle_;
  std::string path_;
  bool open_ = false;
  bool closed_ = false;
  Status close_status_;
  uint64_t count_ = 0;
};

// Encodes records and feeds them to their SST files on a second thread, so
// that CSV parsing and checking overlap with encoding, table building and
// compression. Entity records are filled in place in the pending batch
// (NextEntity, then Commit); written batches are recycled, so their strings
// and property maps keep serving later rows. Relation records come encoded
// (NextRelation, then Commit): the importer writes them from each row's
// column values, which leaves this thread their packing (packed_record.h),
// and the table building and compression of the larger file.
class BackgroundWriter {
 public:
  BackgroundWriter()
      : thread_([this] {
          arena_.Enter();
          Loop();
        }) {}
  // Without Finish (an import that failed), queued batches are dropped.
  ~BackgroundWriter();

  // A record to fill for `out` (holding a stale earlier record); it is
  // written once committed. Keys must reach each file in increasing order
  // (record ids do).
  // `*import_id` is the record's import id to fill (its CSV :ID).
  Entity& NextEntity(SstOut* out, std::string** import_id) {
    Entity& e = Slot(out);
    if (pending_.import_ids.size() <= pending_.size) pending_.import_ids.resize(pending_.size + 1);
    *import_id = &pending_.import_ids[pending_.size];
    return e;
  }
  // The buffer to append relation `id`'s encoded record to (AppendRelation).
  std::string* NextRelation(SstOut* out, uint64_t id) {
    Begin(out, /*relations=*/true);
    if (pending_.size == 0) {
      pending_.record_bytes.clear();
      pending_.record_ids.clear();
      pending_.record_ends.clear();
    }
    pending_.record_ids.push_back(id);
    return &pending_.record_bytes;
  }
  void Commit() {
    if (pending_.relations_kind) pending_.record_ends.push_back(pending_.record_bytes.size());
    if (++pending_.size >= kBatch) Submit();
  }

  // Lets the thread write what is still queued and close every file it
  // wrote (SstOut::Close, which syncs) while the caller goes on; no record
  // may follow.
  void Close();
  // Close, then waits for the thread; the first error.
  Status Finish();

 private:
  static constexpr size_t kBatch = 4096;
  static constexpr size_t kMaxQueued = 8;
  struct Batch {
    SstOut* out = nullptr;
    bool relations_kind = false;
    size_t size = 0;  // committed records
    std::vector<Entity> entities;
    std::vector<std::string> import_ids;  // beside entities
    // Encoded relation records: record i is record_ids[i] ->
    // record_bytes[record_ends[i - 1], record_ends[i]) (from 0 for the first).
    std::string record_bytes;
    std::vector<uint64_t> record_ids;
    std::vector<size_t> record_ends;
  };

  // Submits the pending batch when the next record is for another file.
  void Begin(SstOut* out, bool relations) {
    if (pending_.out != out && pending_.size > 0) Submit();
    pending_.out = out;
    pending_.relations_kind = relations;
  }
  Entity& Slot(SstOut* out) {
    Begin(out, /*relations=*/false);
    std::vector<Entity>& v = pending_.entities;
    if (v.size() <= pending_.size) v.resize(pending_.size + 1);
    return v[pending_.size];
  }

  void Submit();
  void Loop();
  void Write(const Batch& batch);

  Batch pending_;
  std::vector<SstOut*> outs_;  // the files written so far (the thread's own)
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> queue_;
  std::vector<Batch> free_;
  bool done_ = false;
  bool abort_ = false;
  std::string bytes_;         // the thread's encoding buffer
  std::vector<char> packed_;  // and its packing buffer (packed_record.h)
  Status status_;             // written by the thread only, read after it is joined
  SharedArena arena_;         // the constructing thread's, shared by the writer's
  std::thread thread_;
};

// A thread joined on destruction (an import that fails midway still waits
// for it before the files it writes go away).
class JoiningThread {
 public:
  JoiningThread() = default;
  ~JoiningThread() { Join(); }
  // Runs `fn` on a new thread that allocates from the caller's arena.
  template <typename Fn>
  void Start(Fn fn) {
    thread_ = std::thread([arena = SharedArena(), fn = std::move(fn)]() mutable {
      arena.Enter();
      fn();
    });
  }
  void Join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

// Asks the kernel to back [data, data + bytes) with huge pages where it
// can (its 2 MiB-aligned interior): the importer's large arrays are filled
// once, front to back or at random, and on 4 KiB pages every page was a
// fault of its own (a tenth of the import's CPU). Only a hint: nothing
// changes where huge pages are off or unavailable.
void AdviseHugePages(const void* data, size_t bytes);

// Writes the adjacency keys of one direction (out: by start node, else by
// end node) of `entries`, whose endpoints are indexes among `node_count`
// nodes with ids from `first_entity`; relation i has id first_relation + i;
// no entry's type id is above `max_type`. Sorted by (node, type, other,
// relation) as the key order needs. Each value is the relation's clock from
// `clocks`. Closes `sst` when done.
Status WriteAdjacency(const std::vector<AdjEntry>& entries, const AdjClocks& clocks,
                      size_t node_count, uint32_t max_type, bool out, uint64_t first_entity,
                      uint64_t first_relation, SstOut* sst);

}  // namespace kg::storage::internal
