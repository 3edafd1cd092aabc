// Damage found when a database opens is reported, never read as truth.
//
// RocksDB trusts its MANIFEST: a table file the MANIFEST does not name is
// taken for the leftover of an interrupted flush or compaction and deleted at
// the next writable open. A truncated or damaged MANIFEST therefore reads as
// an older (often empty) database, and the next write deletes every table
// file it forgot. kg instead:
//  - lets no table file be deleted while RocksDB opens the database: GuardFs
//    moves them into <db>/lost/ (nothing is ever lost);
//  - judges each such "orphan": the leftover of a killed import (an external
//    file still hard-linked from its import.tmp directory) or of a flush or
//    compaction that holds nothing newer than the database, or a file cut
//    off before its footer (a flush or compaction killed, or failed on a
//    full disk, before it finished: the MANIFEST names a table only once it
//    is whole), is removed; one that holds what the database lacks (a
//    committed import's file, ids or counters beyond the database's) marks
//    the database damaged (<db>/lost/DAMAGED) and the open fails with
//    Corruption;
//  - refuses every later open of a database so marked, saying what to do;
//  - checks that every live table file exists with the size the MANIFEST
//    records.
#pragma once

#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "storage/store.h"

namespace kg::storage::internal {

// A file system that, while armed, moves the table files RocksDB deletes
// on the arming thread into `<db>/lost/` instead of deleting them.
// Thread-safe. Only the opening thread's deletions are the open's own
// (RocksDB purges files it does not know inside DB::Open, on the caller's
// thread); a compaction that Open schedules can finish on a background
// thread while the guard is still armed, and the inputs it deletes are
// merged into its output, not lost (on tmpfs this happened within the open).
class GuardFs : public rocksdb::FileSystemWrapper {
 public:
  GuardFs(const std::shared_ptr<rocksdb::FileSystem>& base, std::string db);
  const char* Name() const override { return "KgGuardFs"; }
  rocksdb::IOStatus DeleteFile(const std::string& f, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;

  void Arm(bool on) {
    std::lock_guard lock(mu_);
    armed_thread_ = on ? std::this_thread::get_id() : std::thread::id();
    armed_ = on;
  }
  // The paths (inside lost/) of the files moved since the last call.
  std::vector<std::string> TakeMoved();

 private:
  bool OnArmingThread();
  std::string db_;
  std::atomic<bool> armed_{false};
  std::mutex mu_;
  std::thread::id armed_thread_;  // under mu_
  std::vector<std::string> moved_;
};

// The directory orphans are kept in, and the marker of a damaged database.
std::string LostDir(const std::string& db);

// Corruption when `db` was marked damaged by an earlier open.
Status CheckDamageMarker(const std::string& db);

// Judges table files that the MANIFEST of the open database `impl` does not
// name (see above). `move` says whether they sit in lost/ already (a
// writable open) or in the database directory (a read-only check: nothing is
// moved or removed then). Corruption naming the first file that holds data
// the database lacks; the database is then marked damaged when `move`.
Status JudgeOrphans(const Store::Impl& impl, const std::vector<std::string>& files, bool move);

// Table files in the database directory that the open database does not
// name (only meaningful while no writer runs).
std::vector<std::string> OrphanTableFiles(const Store::Impl& impl);

// JudgeOrphans(OrphanTableFiles(impl), move = false) for a read-only open,
// done while holding the write lock; OK without a look when a writer (in
// any process) holds the lock, as its open judged the files.
Status JudgeOrphansIfNoWriter(const Store::Impl& impl);

// Corruption naming the first live table file that is missing or whose size
// differs from what the MANIFEST records.
Status VerifyLiveFiles(const Store::Impl& impl);

// Keeps the number of table files bounded however the database is written:
// every writable open replays the last session's log into new level-0 files
// (one per family it touched), and a short-lived process exits before
// RocksDB's background compaction gets to them. Each family holding
// `trigger` or more level-0 files has them compacted into level 1 now, in the
// calling thread. Errors are ignored (the files stay; the next open retries).
void CompactLevel0IfDue(const Store::Impl& impl, int trigger);

// `status` with advice appended when it is Corruption: the database is
// damaged, what to do (docs/operations.md).
Status WithRecoveryAdvice(Status status, const std::string& db);

}  // namespace kg::storage::internal
