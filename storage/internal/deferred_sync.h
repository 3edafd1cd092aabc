// Building a new database without a sync per file.
//
// A bulk import into a new database (ImportIntoNewDatabase) builds it in a
// private directory that nobody opens and that is renamed into place only
// once complete: until then, a crash leaves nothing a user relies on. The
// ~30 syncs RocksDB and the import issue on the way (each new MANIFEST,
// CURRENT, OPTIONS, the log, every table file, the directory after each
// rename) only make the machine wait for the disk again and again. With
// DeferredSyncFs they return at once; SyncTree then makes the finished
// directory durable in one pass, before the rename that publishes it.
#pragma once

#include <rocksdb/file_system.h>

#include <memory>
#include <string>

#include "core/status.h"

namespace kg::storage::internal {

// A file system whose writable files (appended or written in place) and
// directories skip Sync and Fsync (RangeSync, which only starts the
// kernel's writeback early, still goes through). Everything written through
// it is durable only after SyncTree.
class DeferredSyncFs : public rocksdb::FileSystemWrapper {
 public:
  explicit DeferredSyncFs(const std::shared_ptr<rocksdb::FileSystem>& base);
  const char* Name() const override { return "KgDeferredSyncFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& f, const std::string& old,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewRandomRWFile(const std::string& f, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* dbg) override;
};

// Syncs every regular file directly in `dir` and then `dir` itself; the
// largest files are synced on two threads, so that their writeback overlaps.
// IOError naming the file that failed.
Status SyncTree(const std::string& dir);

// Syncs the directory `dir` (after a rename into it).
Status SyncDirectory(const std::string& dir);

}  // namespace kg::storage::internal
