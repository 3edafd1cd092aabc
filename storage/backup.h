// Online backups, restores and the deep check of a kg database.
//
// A backup directory is a RocksDB BackupEngine directory: each backup is a
// consistent copy of the database as of one moment (table files, MANIFEST
// and the live WAL, taken with file deletions paused), table files shared
// between backups so that each new one copies only what changed. kg adds
// `kg-backups.txt`, a listing of the backups written whole or not at all.
// docs/operations.md says how to back up, restore and recover.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/store.h"

namespace kg::storage {

struct BackupSummary {
  uint32_t id = 0;        // the backup's number within its directory
  uint64_t entities = 0;  // what it holds
  uint64_t relations = 0;
  uint64_t bytes = 0;  // the backup's size (shared files counted once per backup)
  uint32_t files = 0;
};

// Adds a backup of `store` (which must be writable: RocksDB pauses file
// deletions while copying) to `dir`, creating `dir` when absent, and
// verifies the copied files' checksums. Readers and writers of the store go
// on meanwhile; the backup holds every commit made before it started.
// IOError when `dir` cannot be written (the partial backup is removed);
// InvalidArgument when `dir` is inside the database.
Result<BackupSummary> Backup(Store& store, const std::string& dir);

// The backups in `dir`, oldest first. NotFound when `dir` holds none.
Result<std::vector<BackupSummary>> ListBackups(const std::string& dir);

struct RestoreOptions {
  uint32_t backup_id = 0;  // 0 = the latest
  bool replace = false;    // replace an existing database at the target
};

// Restores a backup from `dir` to `db`: into a temporary directory beside
// `db` first, which must then open and pass Check() and VerifyChecksums();
// only then is it renamed into place. AlreadyExists when a database is at
// `db` and `options.replace` is false; IOError "locked" when a process has
// it open for writing; Corruption when the backup is damaged (the target is
// untouched in every failure).
Result<BackupSummary> Restore(const std::string& dir, const std::string& db,
                              const RestoreOptions& options);

// Reads every block of every table file of `store` and verifies its
// checksum (RocksDB's VerifyChecksum). Corruption naming the damaged file.
Status VerifyChecksums(const Store& store);

}  // namespace kg::storage
