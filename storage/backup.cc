// Backup, restore and the deep check through RocksDB's BackupEngine and
// VerifyChecksum (see backup.h).
#include "storage/backup.h"

#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>
#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>

#include "core/atomic_file.h"
#include "storage/internal/store_impl.h"
#include "storage/internal/store_internal.h"

namespace kg::storage {
namespace fs = std::filesystem;
using internal::FromRocks;

namespace {

constexpr const char* kListing = "kg-backups.txt";

// What a backup holds, kept as the backup's application metadata.
std::string Metadata(const StoreStats& stats) {
  return std::to_string(stats.entities) + " " + std::to_string(stats.relations);
}

BackupSummary Summarize(const rocksdb::BackupInfo& info) {
  BackupSummary b;
  b.id = info.backup_id;
  b.bytes = info.size;
  b.files = info.number_files;
  unsigned long long e = 0, r = 0;
  if (std::sscanf(info.app_metadata.c_str(), "%llu %llu", &e, &r) == 2) {
    b.entities = e;
    b.relations = r;
  }
  return b;
}

Result<std::unique_ptr<rocksdb::BackupEngine>> OpenEngine(const std::string& dir) {
  rocksdb::BackupEngine* engine = nullptr;
  rocksdb::BackupEngineOptions options(dir);
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(options, rocksdb::Env::Default(), &engine);
  KG_RETURN_IF_ERROR(FromRocks(s, "cannot open backup directory " + dir));
  return std::unique_ptr<rocksdb::BackupEngine>(engine);
}

// Rewrites the human-readable listing of the backups in `dir`.
Status WriteListing(rocksdb::BackupEngine& engine, const std::string& dir) {
  std::vector<rocksdb::BackupInfo> infos;
  engine.GetBackupInfo(&infos);
  std::string text = "# kg backups (restore with: kg restore " + dir +
                     " --db DIR [--backup-id N])\n# id  time (UTC)  entities  relations  bytes\n";
  for (const auto& info : infos) {
    BackupSummary b = Summarize(info);
    std::time_t t = static_cast<std::time_t>(info.timestamp);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    text += std::to_string(b.id) + "  " + when + "  " + std::to_string(b.entities) + "  " +
            std::to_string(b.relations) + "  " + std::to_string(b.bytes) + "\n";
  }
  return WriteFileAtomically((fs::path(dir) / kListing).string(), text);
}

bool Inside(const fs::path& child, const fs::path& parent) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(child, ec), p = fs::weakly_canonical(parent, ec);
  auto [pe, ce] = std::mismatch(p.begin(), p.end(), c.begin(), c.end());
  return pe == p.end();
}

// A fresh directory beside `db` for building the restored copy.
Result<std::string> TempBeside(const std::string& db) {
  fs::path target = fs::absolute(db).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "dir/"
  std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".kg-restore-XXXXXX")).string();
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (::mkdtemp(temp.data()) == nullptr)
    return Status::IOError("cannot restore to " + db + ": " + std::strerror(errno));
  return temp;
}

// Opens the restored copy and runs every check on it.
Status CheckRestored(const std::string& path) {
  OpenOptions o;
  o.read_only = true;
  KG_ASSIGN_OR_RETURN(auto store, Store::Open(path, o));
  KG_RETURN_IF_ERROR(VerifyChecksums(*store));
  KG_ASSIGN_OR_RETURN(auto problems, store->Check());
  if (!problems.empty())
    return Status::Corruption("the restored database fails kg check: " + problems.front());
  return Status::OK();
}

// Moves the checked copy `temp` to `db`, replacing what is there.
Status Install(const std::string& temp, const std::string& db, bool replace) {
  std::error_code ec;
  bool exists = fs::exists(db, ec) && !fs::is_empty(db, ec);
  if (exists && !replace) return Status::AlreadyExists("a database already exists at " + db);
  std::string old;
  if (exists) {
    // No process may have it open for writing while it is swapped out.
    rocksdb::FileLock* lock = nullptr;
    rocksdb::Env* env = rocksdb::Env::Default();
    if (fs::exists(fs::path(db) / "LOCK", ec) &&
        !env->LockFile((fs::path(db) / "LOCK").string(), &lock).ok())
      return Status::IOError("database " + db + " is locked by another process");
    if (lock != nullptr) env->UnlockFile(lock);
    old = temp + ".old";
    if (::rename(db.c_str(), old.c_str()) != 0)
      return Status::IOError("cannot move " + db + " aside: " + std::strerror(errno));
  }
  if (::rename(temp.c_str(), db.c_str()) != 0) {
    int err = errno;
    if (!old.empty()) ::rename(old.c_str(), db.c_str());
    return Status::IOError("cannot restore to " + db + ": " + std::strerror(err));
  }
  if (!old.empty()) fs::remove_all(old, ec);
  return Status::OK();
}

}  // namespace

Result<BackupSummary> Backup(Store& store, const std::string& dir) {
  if (store.read_only()) return Status::NotSupported("backup needs the database open for writing");
  if (Inside(dir, store.path()))
    return Status::InvalidArgument("backup directory " + dir + " is inside the database");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create backup directory " + dir + ": " + ec.message());
  KG_ASSIGN_OR_RETURN(auto engine, OpenEngine(dir));
  Store::Impl* impl = internal::StoreInternal::ImplOf(store);
  // Writers wait while the files are copied so that the recorded counts are
  // exactly the backup's; readers go on.
  std::lock_guard lock(impl->write_mu_);
  KG_ASSIGN_OR_RETURN(StoreStats stats, store.Stats());
  rocksdb::CreateBackupOptions options;
  rocksdb::BackupID id = 0;
  rocksdb::IOStatus s =
      engine->CreateNewBackupWithMetadata(options, impl->db(), Metadata(stats), &id);
  if (!s.ok()) {
    engine->GarbageCollect().PermitUncheckedError();  // drops the partial backup's files
    return FromRocks(s, "backup to " + dir);
  }
  KG_RETURN_IF_ERROR(FromRocks(engine->VerifyBackup(id, /*verify_with_checksum=*/true),
                               "verifying backup " + std::to_string(id) + " in " + dir));
  KG_RETURN_IF_ERROR(WriteListing(*engine, dir));
  rocksdb::BackupInfo info;
  KG_RETURN_IF_ERROR(FromRocks(engine->GetBackupInfo(id, &info), "reading backup info"));
  return Summarize(info);
}

Result<std::vector<BackupSummary>> ListBackups(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(fs::path(dir) / "meta", ec))
    return Status::NotFound("no kg backups in " + dir);
  KG_ASSIGN_OR_RETURN(auto engine, OpenEngine(dir));
  std::vector<rocksdb::BackupInfo> infos;
  engine->GetBackupInfo(&infos);
  if (infos.empty()) return Status::NotFound("no kg backups in " + dir);
  std::vector<BackupSummary> out;
  for (const auto& info : infos) out.push_back(Summarize(info));
  return out;
}

Result<BackupSummary> Restore(const std::string& dir, const std::string& db,
                              const RestoreOptions& options) {
  KG_ASSIGN_OR_RETURN(std::vector<BackupSummary> backups, ListBackups(dir));
  uint32_t id = options.backup_id == 0 ? backups.back().id : options.backup_id;
  auto chosen = std::find_if(backups.begin(), backups.end(),
                             [id](const BackupSummary& b) { return b.id == id; });
  if (chosen == backups.end())
    return Status::NotFound("no backup " + std::to_string(id) + " in " + dir);
  std::error_code ec;
  if (!options.replace && fs::exists(db, ec) && !fs::is_empty(db, ec))
    return Status::AlreadyExists("a database already exists at " + db +
                                 "; give --replace to replace it");
  KG_ASSIGN_OR_RETURN(auto engine, OpenEngine(dir));
  KG_ASSIGN_OR_RETURN(std::string temp, TempBeside(db));
  Status s = FromRocks(engine->RestoreDBFromBackup(id, temp, temp),
                       "restoring backup " + std::to_string(id));
  if (s.ok()) s = CheckRestored(temp);
  if (s.ok()) s = Install(temp, db, options.replace);
  if (!s.ok()) {
    fs::remove_all(temp, ec);
    return s;
  }
  return *chosen;
}

Status VerifyChecksums(const Store& store) {
  rocksdb::Status s =
      internal::StoreInternal::ImplOf(store)->db()->VerifyChecksum(rocksdb::ReadOptions());
  return internal::WithRecoveryAdvice(FromRocks(s, "verifying checksums of " + store.path()),
                                      store.path());
}

}  // namespace kg::storage
