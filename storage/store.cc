// Store: creating and opening a kg database and its statistics. The RocksDB
// options are in internal/rocks_options.cc, the name dictionaries in
// internal/dictionary.cc, transactions in transaction.cc, the invariant
// checker in check.cc, bulk import in import.cc.
#include "storage/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/write_batch.h>
#include <stdlib.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

#include "storage/internal/adj_clock.h"
#include "storage/internal/deferred_sync.h"
#include "storage/internal/info_log.h"
#include "storage/internal/property_keys.h"
#include "storage/internal/store_impl.h"
#include "storage/internal/store_internal.h"

namespace kg::storage {
namespace fs = std::filesystem;
using namespace internal;  // NOLINT: the module's own internals

namespace {
// Level-0 files per family that make an open compact them (RocksDB's own
// compaction trigger).
constexpr int kLevel0Trigger = 4;

// Blocks are cached as they are read, so a small database costs little; 256
// MB holds every family of a 1M-relation graph (kggen M: ~110 MB on disk).
std::shared_ptr<rocksdb::Cache> NewCache() { return rocksdb::NewLRUCache(256 << 20); }

std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  std::vector<rocksdb::ColumnFamilyDescriptor> d;
  for (int i = 0; i < kCfCount; ++i) d.emplace_back(CfName(i), MakeCfOptions(i, cache));
  return d;
}

bool IsLockError(const rocksdb::Status& s) {
  std::string text = s.ToString();
  return s.IsIOError() &&
         (text.find("lock") != std::string::npos || text.find("LOCK") != std::string::npos);
}

// The MANIFEST file CURRENT names, for messages.
std::string CurrentManifest(const std::string& path) {
  std::ifstream in(fs::path(path) / "CURRENT");
  std::string name;
  std::getline(in, name);
  return name;
}

// Checks that the database has exactly kg's column families.
Status CheckColumnFamilies(const std::string& path) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(MakeDbOptions(), path, &names);
  if (!s.ok()) return WithRecoveryAdvice(FromRocks(s, "cannot open database " + path), path);
  for (int i = 0; i < kCfCount; ++i) {
    if (std::find(names.begin(), names.end(), CfName(i)) == names.end())
      return WithRecoveryAdvice(
          Status::Corruption(
              "database " + path + " is damaged or not a kg database: its MANIFEST (" +
              CurrentManifest(path) + ") names no column family '" + CfName(i) + "'"),
          path);
  }
  if (names.size() != static_cast<size_t>(kCfCount))
    return Status::NotSupported(path +
                                " has column families this kg does not know; it was "
                                "written by a newer version");
  return Status::OK();
}

Result<std::string> MakeSecondaryDir() {
  std::string tmpl = (fs::temp_directory_path() / "kg-reader-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr)
    return Status::IOError("cannot create a directory for a read-only open in " +
                           fs::temp_directory_path().string());
  return tmpl;
}

// The Env of a read-only (secondary) open: Env::Default() without its
// background threads. RocksDB's option checks start one flush and one
// compaction thread in the shared pool for every open
// (IncBackgroundThreadsIfNeeded), which a secondary instance never uses: it
// neither flushes nor compacts. A one-shot `kg query` process would start
// and join both for nothing (W7, bench/RESULTS.md). Should RocksDB schedule
// background work after all, a thread is started for it then, so nothing
// waits on a pool without threads.
class NoBackgroundThreadsEnv : public rocksdb::EnvWrapper {
 public:
  NoBackgroundThreadsEnv() : rocksdb::EnvWrapper(rocksdb::Env::Default()) {}
  static const char* kClassName() { return "KgNoBackgroundThreadsEnv"; }
  const char* Name() const override { return kClassName(); }
  void IncBackgroundThreadsIfNeeded(int /*number*/, Priority /*pri*/) override {}
  void Schedule(void (*function)(void*), void* arg, Priority pri, void* tag,
                void (*unschedule)(void*)) override {
    target()->IncBackgroundThreadsIfNeeded(1, pri);
    target()->Schedule(function, arg, pri, tag, unschedule);
  }
};

// Whether a writable open syncs as RocksDB asks, or skips its syncs (a
// database being built in a private directory, made durable by SyncTree
// before it is published: deferred_sync.h).
enum class Syncs { kNow, kDeferred };

// Opens the RocksDB instance of a writable store. While RocksDB opens, table
// files it would delete are moved aside (open_guard.h) to be judged once
// the meta data is loaded.
rocksdb::Status OpenWritable(Store::Impl* impl, rocksdb::DBOptions dbo, Syncs syncs,
                             rocksdb::DB** raw) {
  std::shared_ptr<rocksdb::FileSystem> base = rocksdb::FileSystem::Default();
  if (syncs == Syncs::kDeferred) base = std::make_shared<DeferredSyncFs>(base);
  impl->guard_fs_ = std::make_shared<GuardFs>(base, impl->path_);
  impl->env_ = rocksdb::NewCompositeEnv(impl->guard_fs_);
  dbo.env = impl->env_.get();
  // RocksDB gives the database an SstFileManager of its own: after a full
  // disk it polls every 5 s and resumes writing by itself once the free
  // space exceeds a memtable (64 MiB), without a reopen.
  // The log opens before RocksDB, so a new database's directory is made here.
  if (dbo.create_if_missing) {
    std::error_code ec;
    fs::create_directories(impl->path_, ec);
  }
  dbo.info_log = internal::OpenInfoLog(impl->path_);
  impl->guard_fs_->Arm(true);
  std::vector<rocksdb::ColumnFamilyDescriptor> families = Descriptors(impl->cache_);
  rocksdb::Status s;
  if (dbo.create_if_missing) {
    // A new database: RocksDB rewrites and re-parses its OPTIONS file after
    // every column family it creates, so creating them one by one (as
    // create_missing_column_families does) costs eight rounds of that; one
    // CreateColumnFamilies call writes the file once.
    s = rocksdb::DB::Open(dbo, impl->path_, {families[0]}, &impl->handles_, raw);
    std::vector<rocksdb::ColumnFamilyHandle*> rest;
    if (s.ok()) s = (*raw)->CreateColumnFamilies({families.begin() + 1, families.end()}, &rest);
    impl->handles_.insert(impl->handles_.end(), rest.begin(), rest.end());
  } else {
    s = rocksdb::DB::Open(dbo, impl->path_, families, &impl->handles_, raw);
  }
  impl->guard_fs_->Arm(false);
  if (!s.ok()) {
    // Nothing to judge without a database: put the files back.
    for (const std::string& f : impl->guard_fs_->TakeMoved()) {
      std::error_code ec;
      fs::rename(f, fs::path(impl->path_) / fs::path(f).filename(), ec);
    }
  }
  return s;
}

Status OpenDb(Store::Impl* impl, bool create, Syncs syncs = Syncs::kNow) {
  impl->cache_ = NewCache();
  rocksdb::DBOptions dbo = MakeDbOptions();
  dbo.create_if_missing = create;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (impl->read_only_) {
    // A secondary instance, unlike OpenForReadOnly, tolerates a live writer
    // deleting files under it; it keeps its own info log in a private
    // directory. Opening replays the MANIFEST and the WAL, so it sees every
    // write committed before the open (a TryCatchUpWithPrimary right after
    // would only repeat that work: it doubled the cold-open time).
    KG_ASSIGN_OR_RETURN(impl->secondary_dir_, MakeSecondaryDir());
    dbo.max_open_files = -1;
    // A read-only open opens every table file up front; on more than one
    // thread RocksDB starts and joins a thread per column family (nine
    // here), each a scheduling round trip on a busy machine, for files that
    // take microseconds to open.
    dbo.max_file_opening_threads = 1;
    dbo.info_log = internal::NullInfoLog();
    impl->env_ = std::make_unique<NoBackgroundThreadsEnv>();
    dbo.env = impl->env_.get();
    s = rocksdb::DB::OpenAsSecondary(dbo, impl->path_, impl->secondary_dir_,
                                     Descriptors(impl->cache_), &impl->handles_, &raw);
  } else {
    dbo.IncreaseParallelism(2);  // flushes and compactions
    s = OpenWritable(impl, dbo, syncs, &raw);
  }
  if (!s.ok() && raw != nullptr) {
    for (rocksdb::ColumnFamilyHandle* h : impl->handles_) raw->DestroyColumnFamilyHandle(h);
    impl->handles_.clear();
    delete raw;
  }
  if (IsLockError(s))
    return Status::IOError("database " + impl->path_ + " is locked by another process");
  if (s.IsNoSpace())
    return Status::IOError("cannot open database " + impl->path_ + ": no space left on device");
  if (!s.ok())
    return WithRecoveryAdvice(FromRocks(s, "cannot open database " + impl->path_), impl->path_);
  impl->db_.reset(raw);
  return Status::OK();
}

Result<uint64_t> GetMetaU64(const Store::Impl& impl, std::string_view key) {
  KG_ASSIGN_OR_RETURN(auto v, impl.Get(kCfMeta, key));
  if (!v) return Status::Corruption("meta '" + std::string(key) + "' is missing");
  return ParseU64(*v, key);
}

// The database's format version, when this build reads it.
Result<uint32_t> ReadFormatVersion(const Store::Impl& impl) {
  KG_ASSIGN_OR_RETURN(auto v, impl.Get(kCfMeta, kMetaFormatVersion));
  if (!v) return Status::Corruption(impl.path_ + " is not a kg database (no format version)");
  if (v->size() != 4)
    return Status::NotSupported("database " + impl.path_ + " has an unknown format version");
  uint32_t version = ReadU32(v->data());
  if (version >= kOldestFormatVersion && version <= kFormatVersion) return version;
  std::string why = version > kFormatVersion ? "newer than" : "unknown to";
  return Status::NotSupported("database " + impl.path_ + " has format version " +
                              std::to_string(version) + ", " + why + " this kg (which reads " +
                              std::to_string(kOldestFormatVersion) + " to " +
                              std::to_string(kFormatVersion) + ")");
}

Status LoadDictionary(Store::Impl* impl, std::string_view prefix, Dictionary* dict) {
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> it(impl->db()->NewIterator(ro, impl->cf(kCfMeta)));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!key.starts_with(prefix)) break;
    if (it->value().size() != 4)
      return Status::Corruption("meta '" + std::string(key) + "' is bad");
    dict->Add(key.substr(prefix.size()), ReadU32(it->value().data()));
  }
  return FromRocks(it->status(), "reading dictionary");
}

Status LoadMeta(Store::Impl* impl) {
  KG_ASSIGN_OR_RETURN(impl->format_version_, ReadFormatVersion(*impl));
  KG_ASSIGN_OR_RETURN(auto json, impl->Get(kCfMeta, kMetaOntology));
  if (!json) return Status::Corruption("meta 'ontology' is missing");
  auto ontology = schema::Ontology::FromJson(*json, "stored ontology");
  if (!ontology.ok()) return Status::Corruption(ontology.status().message());
  impl->ontology_ = std::move(ontology).value();
  KG_ASSIGN_OR_RETURN(impl->next_entity_, GetMetaU64(*impl, kMetaNextEntity));
  KG_ASSIGN_OR_RETURN(impl->next_relation_, GetMetaU64(*impl, kMetaNextRelation));
  KG_RETURN_IF_ERROR(LoadDictionary(impl, kMetaLabelDict, &impl->labels_));
  return LoadDictionary(impl, kMetaTypeDict, &impl->types_);
}

Status WriteInitialMeta(Store::Impl* impl, const schema::Ontology& ontology) {
  rocksdb::WriteBatch b;
  rocksdb::ColumnFamilyHandle* meta = impl->cf(kCfMeta);
  b.Put(meta, std::string(kMetaFormatVersion), U32Value(kFormatVersion));
  b.Put(meta, std::string(kMetaOntology), ontology.ToJson());
  b.Put(meta, std::string(kMetaNextEntity), U64Value(kFirstId));
  b.Put(meta, std::string(kMetaNextRelation), U64Value(kFirstId));
  b.Put(meta, std::string(kMetaCountEntities), U64Value(0));
  b.Put(meta, std::string(kMetaCountRelations), U64Value(0));
  b.Put(meta, std::string(kMetaPropDictComplete), "");  // no keys yet, and none missing
  b.Put(meta, std::string(kMetaAdjacencyClocks), "");   // no adjacency yet, values to come
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(impl->db()->Write(wo, &b), "writing meta data");
}

Status CheckCreatePath(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::OK();
  if (!fs::is_directory(path, ec)) return Status::IOError(path + " exists and is not a directory");
  if (fs::exists(fs::path(path) / "CURRENT", ec))
    return Status::AlreadyExists("a database already exists at " + path);
  if (!fs::is_empty(path, ec)) return Status::IOError(path + " is not empty");
  return Status::OK();
}

// The u64 values of meta keys under `prefix`, by name.
Result<std::vector<std::pair<std::string, uint64_t>>> CountsUnder(const Store::Impl& impl,
                                                                  std::string_view prefix,
                                                                  const rocksdb::Snapshot* snap) {
  std::vector<std::pair<std::string, uint64_t>> out;
  rocksdb::ReadOptions ro;
  ro.snapshot = snap;
  std::unique_ptr<rocksdb::Iterator> it(impl.db()->NewIterator(ro, impl.cf(kCfMeta)));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!key.starts_with(prefix)) break;
    KG_ASSIGN_OR_RETURN(uint64_t n,
                        ParseU64(std::string_view(it->value().data(), it->value().size()), key));
    if (n > 0) out.emplace_back(std::string(key.substr(prefix.size())), n);
  }
  KG_RETURN_IF_ERROR(FromRocks(it->status(), "reading counts"));
  return out;
}

// Removes the temporary files of an import that was killed (they were never
// ingested, so they hold nothing the database needs).
void RemoveStaleImportFiles(const std::string& path) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.path().filename().string().starts_with("import.tmp.")) fs::remove_all(entry, ec);
  }
}

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

}  // namespace

Store::Impl::~Impl() {
  if (db_ != nullptr && write_failed_) {
    // The last commit failed (a full disk) and RocksDB has not recovered:
    // closing would sync the failed log again, which Debian's RocksDB 7.8
    // answers with an assertion (WritableFileWriter: sync after a previous
    // error) that aborts the process. Every acknowledged commit is already
    // synced, so the handle is left to the process's exit instead.
    (void)db_.release();
    return;
  }
  if (db_ != nullptr) {
    for (rocksdb::ColumnFamilyHandle* h : handles_) db_->DestroyColumnFamilyHandle(h);
    handles_.clear();
    db_.reset();
  }
  if (!secondary_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(secondary_dir_, ec);
  }
}

const rocksdb::Snapshot* Store::Impl::TakeSnapshot() const {
  return read_only_ ? nullptr : db_->GetSnapshot();
}

void Store::Impl::ReleaseSnapshot(const rocksdb::Snapshot* snapshot) const {
  if (snapshot != nullptr) db_->ReleaseSnapshot(snapshot);
}

Result<std::optional<std::string>> Store::Impl::Get(int cf, std::string_view key,
                                                    const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = db_->Get(ro, handles_[cf], rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  KG_RETURN_IF_ERROR(FromRocks(s, "reading"));
  return std::optional<std::string>(std::move(value));
}

Status Store::Create(const std::string& path, const schema::Ontology& ontology) {
  KG_RETURN_IF_ERROR(CheckCreatePath(path));
  // Built in a temporary directory beside `path` and renamed into place once
  // complete, so no reader (or a kill) ever meets a half-made database.
  fs::path target = fs::absolute(path).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "dir/"
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return Status::IOError("cannot create " + path + ": " + ec.message());
  std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".kg-new-XXXXXX")).string();
  if (::mkdtemp(temp.data()) == nullptr)
    return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
  Status s = [&] {
    Impl impl;
    impl.path_ = temp;
    KG_RETURN_IF_ERROR(OpenDb(&impl, /*create=*/true));
    return WriteInitialMeta(&impl, ontology);
  }();
  // rename(2) replaces an empty directory (one the user made for it).
  if (s.ok() && ::rename(temp.c_str(), target.c_str()) != 0)
    s = Status::IOError("cannot create " + path + ": " + std::strerror(errno));
  if (!s.ok()) fs::remove_all(temp, ec);
  return s;
}

namespace {

// A read-only (secondary) open recovers to the latest state whose table
// files all exist, so a missing file reads as an older database. When no
// writer runs and files of the directory are not in that state, a strict
// read-only open (which fails on a missing or wrong-sized file, naming it)
// says why.
Status ProbeReadOnly(const Store::Impl& impl) {
  rocksdb::Env* env = rocksdb::Env::Default();
  rocksdb::FileLock* lock = nullptr;
  if (!env->LockFile((fs::path(impl.path_) / "LOCK").string(), &lock).ok()) return Status::OK();
  Status result;
  if (!OrphanTableFiles(impl).empty()) {
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    rocksdb::DBOptions dbo = MakeDbOptions();
    dbo.max_open_files = -1;
    rocksdb::Status s =
        rocksdb::DB::OpenForReadOnly(dbo, impl.path_, Descriptors(impl.cache_), &handles, &raw);
    if (raw != nullptr) {
      for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
      delete raw;
    }
    result = WithRecoveryAdvice(FromRocks(s, "cannot open database " + impl.path_), impl.path_);
  }
  env->UnlockFile(lock);
  return result;
}

// A writable open's last step of an upgrade: the version this build writes
// (a version-2 database reads as version 3, whose relation records may also
// be packed; the values of a version-1 database were filled before). One
// synced write: a kg that reads only older versions refuses the database
// from then on, before any packed record is written.
Status RaiseFormatVersion(Store::Impl* impl) {
  if (impl->format_version_ >= kFormatVersion) return Status::OK();
  rocksdb::WriteOptions wo;
  wo.sync = true;
  KG_RETURN_IF_ERROR(
      FromRocks(impl->db()->Put(wo, impl->cf(kCfMeta), std::string(kMetaFormatVersion),
                                U32Value(kFormatVersion)),
                "raising the format version"));
  impl->format_version_ = kFormatVersion;
  return Status::OK();
}

// One attempt at Store::Open.
Result<std::unique_ptr<Store::Impl>> OpenOnce(const std::string& path, const OpenOptions& options) {
  std::error_code ec;
  if (!fs::exists(fs::path(path) / "CURRENT", ec))
    return Status::NotFound("no database at " + path);
  KG_RETURN_IF_ERROR(CheckDamageMarker(path));
  KG_RETURN_IF_ERROR(CheckColumnFamilies(path));
  auto impl = std::make_unique<Store::Impl>();
  impl->path_ = path;
  impl->read_only_ = options.read_only;
  KG_RETURN_IF_ERROR(OpenDb(impl.get(), /*create=*/false));
  // Before any read: a secondary open does not notice a missing table file,
  // whose meta data would then read as absent ("not a kg database").
  KG_RETURN_IF_ERROR(VerifyLiveFiles(*impl));
  if (impl->read_only_) KG_RETURN_IF_ERROR(ProbeReadOnly(*impl));
  KG_RETURN_IF_ERROR(WithRecoveryAdvice(LoadMeta(impl.get()), path));
  if (impl->read_only_) {
    KG_RETURN_IF_ERROR(JudgeOrphansIfNoWriter(*impl));
  } else {
    KG_RETURN_IF_ERROR(JudgeOrphans(*impl, impl->guard_fs_->TakeMoved(), /*move=*/true));
  }
  KG_RETURN_IF_ERROR(WithRecoveryAdvice(LoadPropertyKeys(impl.get()), path));
  KG_RETURN_IF_ERROR(WithRecoveryAdvice(LoadAdjacencyClocks(impl.get()), path));
  if (!impl->read_only_) {
    KG_RETURN_IF_ERROR(RaiseFormatVersion(impl.get()));
    CompactLevel0IfDue(*impl, kLevel0Trigger);
    RemoveStaleImportFiles(path);  // we hold the lock now
  }
  return impl;
}

// The read caches of a store just opened, as `options` asks.
void ConfigureCaches(Store::Impl* i, const OpenOptions& options) {
  i->topology_.Configure(options.topology_cache_bytes, options.topology_build_after);
  i->topology_.SetGraphSize(i->next_entity_, i->next_relation_);
  i->entity_cache_.Configure(options.entity_cache_entries);
  i->entity_cache_.Reset(i->db()->GetLatestSequenceNumber());
}

bool IsLocked(const Status& s) {
  return s.code() == StatusCode::kIOError &&
         s.message().find("is locked by another process") != std::string::npos;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const OpenOptions& options) {
  // A writer waits for the lock up to the busy timeout, as SQLite's busy
  // handler does, polling with growing sleeps (1, 2, 4 .. 64 ms).
  auto deadline = std::chrono::steady_clock::now() + options.busy_timeout;
  std::chrono::milliseconds sleep(1);
  Result<std::unique_ptr<Impl>> impl = OpenOnce(path, options);
  while (!impl.ok() && IsLocked(impl.status()) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(sleep);
    sleep = std::min(sleep * 2, std::chrono::milliseconds(64));
    impl = OpenOnce(path, options);
  }
  // A reader can race with a writer's open, which writes a new MANIFEST and
  // deletes the old one the reader was about to read ("No such file"), or
  // with a writer's compaction, which deletes a table file the reader's
  // version still lists (VerifyLiveFiles: "table file ... is missing"):
  // such an error is retried a few times; real damage persists and is then
  // reported.
  auto transient = [&impl] {
    StatusCode code = impl.status().code();
    return code == StatusCode::kIOError || code == StatusCode::kCorruption;
  };
  for (int i = 0; i < 10 && options.read_only && !impl.ok() && transient(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    impl = OpenOnce(path, options);
  }
  if (!impl.ok()) return impl.status();
  ConfigureCaches(impl->get(), options);
  return std::unique_ptr<Store>(new Store(std::move(impl).value()));
}

namespace internal {

Result<std::unique_ptr<Store>> StoreInternal::CreateDeferringSyncs(
    const std::string& path, const schema::Ontology& ontology) {
  KG_RETURN_IF_ERROR(CheckCreatePath(path));
  auto impl = std::make_unique<Store::Impl>();
  impl->path_ = path;
  KG_RETURN_IF_ERROR(OpenDb(impl.get(), /*create=*/true, Syncs::kDeferred));
  KG_RETURN_IF_ERROR(WriteInitialMeta(impl.get(), ontology));
  // What Store::Open reads, now from the memory table.
  KG_RETURN_IF_ERROR(LoadMeta(impl.get()));
  KG_RETURN_IF_ERROR(LoadPropertyKeys(impl.get()));
  KG_RETURN_IF_ERROR(LoadAdjacencyClocks(impl.get()));
  ConfigureCaches(impl.get(), OpenOptions{});
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

}  // namespace internal

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path_; }
bool Store::read_only() const { return impl_->read_only_; }
const schema::Ontology& Store::ontology() const { return impl_->ontology_; }

Result<StoreStats> Store::Stats() const {
  const rocksdb::Snapshot* snap = impl_->TakeSnapshot();
  struct Release {
    const Impl* impl;
    const rocksdb::Snapshot* s;
    ~Release() { impl->ReleaseSnapshot(s); }
  } release{impl_.get(), snap};
  StoreStats st;
  KG_ASSIGN_OR_RETURN(auto entities, impl_->Get(kCfMeta, kMetaCountEntities, snap));
  KG_ASSIGN_OR_RETURN(auto relations, impl_->Get(kCfMeta, kMetaCountRelations, snap));
  if (!entities || !relations) return Status::Corruption("meta counts are missing");
  KG_ASSIGN_OR_RETURN(st.entities, ParseU64(*entities, kMetaCountEntities));
  KG_ASSIGN_OR_RETURN(st.relations, ParseU64(*relations, kMetaCountRelations));
  KG_ASSIGN_OR_RETURN(st.entities_by_label, CountsUnder(*impl_, kMetaCountLabel, snap));
  KG_ASSIGN_OR_RETURN(st.relations_by_type, CountsUnder(*impl_, kMetaCountType, snap));
  st.format_version = impl_->format_version_;
  st.disk_bytes = DirectoryBytes(impl_->path_);
  st.ontology = impl_->ontology_.name();
  st.topology_budget_bytes = impl_->topology_.budget();
  st.topology_estimate_bytes = impl_->topology_.estimate_bytes();
  st.topology_held_bytes = impl_->topology_.held_bytes();
  return st;
}

}  // namespace kg::storage
