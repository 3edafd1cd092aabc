// Orphaned table files, the damage marker and the live-file check (see
// open_guard.h for the rules).
#include "storage/internal/open_guard.h"

#include <rocksdb/env.h>
#include <rocksdb/metadata.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/table_properties.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "storage/internal/keys.h"
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {
namespace fs = std::filesystem;

namespace {

constexpr const char* kDamagedMarker = "DAMAGED";
// The property RocksDB's SstFileWriter stamps on the files kg's import builds.
constexpr const char* kExternalFileProperty = "rocksdb.external_sst_file.version";
// The last 8 bytes (little-endian) of every finished block-based table, in
// its current and its legacy footer (RocksDB's table/block_based). kg writes
// no other table format.
constexpr uint64_t kTableMagic = 0x88e241b785f4cff7ull;
constexpr uint64_t kLegacyTableMagic = 0xdb4775248b80fb57ull;

bool IsTableFile(const std::string& name) { return name.ends_with(".sst"); }

std::string BaseName(const std::string& path) { return fs::path(path).filename().string(); }

// Why a table file's contents are newer than the open database, or "".
struct Verdict {
  std::string lacking;  // what the database lacks; empty = nothing
};

// The id a key of `cf` refers to that must lie below the database's
// counters (entities: next/entity, relations: next/relation); 0 when none.
struct IdRef {
  uint64_t id = 0;
  bool relation = false;
};

IdRef KeyId(int cf, std::string_view key) {
  if (key.size() < 8) return {};
  uint64_t last = ReadU64(key.data() + key.size() - 8);
  switch (cf) {
    case kCfEntities:
      return {ReadU64(key.data()), false};
    case kCfRelations:
      return {ReadU64(key.data()), true};
    case kCfOut:
    case kCfIn:
      return {last, true};
    case kCfNames:
    case kCfLabels:
      return {last, false};
    default:
      return {};
  }
}

int CfIndex(const std::string& name) {
  for (int i = 0; i < kCfCount; ++i) {
    if (name == CfName(i)) return i;
  }
  return -1;
}

// A meta counter in the file above the database's value.
std::string NewerCounter(const Store::Impl& impl, std::string_view key, std::string_view value) {
  if (value.size() != 8) return "";
  uint64_t v = ReadU64(value.data());
  if (key == kMetaNextEntity && v > impl.next_entity_)
    return "entity ids up to " + std::to_string(v - 1);
  if (key == kMetaNextRelation && v > impl.next_relation_)
    return "relation ids up to " + std::to_string(v - 1);
  return "";
}

// True when `file` ends without a table footer: a table whose writing
// stopped (a kill or a full disk during a flush or compaction). RocksDB
// names a file in the MANIFEST only after its footer is written and synced,
// so such a file never held anything the database needs: a flush's rows are
// still in the WAL, which RocksDB keeps until a flush succeeds; a
// compaction's inputs are still live. An empty file is the case where the
// write failed before its first block.
bool Unfinished(const std::string& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return false;  // unreadable: Judge says so
  std::streamoff size = in.tellg();
  if (size < 8) return true;
  unsigned char tail[8];
  in.seekg(size - 8);
  if (!in.read(reinterpret_cast<char*>(tail), 8)) return false;
  uint64_t magic = 0;
  for (int i = 7; i >= 0; --i) magic = (magic << 8) | tail[i];
  return magic != kTableMagic && magic != kLegacyTableMagic;
}

Verdict Judge(const Store::Impl& impl, const std::string& file) {
  if (Unfinished(file)) return {};
  rocksdb::Options options;
  rocksdb::SstFileReader reader(options);
  rocksdb::Status s = reader.Open(file);
  if (!s.ok()) return {"an unreadable table (" + s.ToString() + ")"};
  auto props = reader.GetTableProperties();
  if (props->user_collected_properties.count(kExternalFileProperty) > 0) {
    // An imported file. Killed before its import committed, it is still
    // hard-linked from the import's temporary directory; alone, it belonged
    // to an import that committed.
    struct stat st;
    if (::stat(file.c_str(), &st) == 0 && st.st_nlink >= 2) return {};
    return {"the file of a committed import"};
  }
  int cf = CfIndex(props->column_family_name);
  std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(rocksdb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (cf == kCfMeta) {
      std::string newer = NewerCounter(impl, key, {it->value().data(), it->value().size()});
      if (!newer.empty()) return {newer};
      continue;
    }
    IdRef ref = KeyId(cf, key);
    uint64_t next = ref.relation ? impl.next_relation_ : impl.next_entity_;
    if (ref.id != 0 && ref.id >= next)
      return {std::string(ref.relation ? "relation " : "entity ") + std::to_string(ref.id)};
  }
  if (!it->status().ok()) return {"an unreadable table (" + it->status().ToString() + ")"};
  return {};
}

void MarkDamaged(const std::string& db, const std::string& why) {
  std::ofstream(fs::path(LostDir(db)) / kDamagedMarker) << why << "\n";
}

}  // namespace

GuardFs::GuardFs(const std::shared_ptr<rocksdb::FileSystem>& base, std::string db)
    : FileSystemWrapper(base), db_(std::move(db)) {}

rocksdb::IOStatus GuardFs::DeleteFile(const std::string& f, const rocksdb::IOOptions& options,
                                      rocksdb::IODebugContext* dbg) {
  if (!armed_ || !IsTableFile(f) || !OnArmingThread()) return target()->DeleteFile(f, options, dbg);
  std::error_code ec;
  fs::create_directories(LostDir(db_), ec);
  std::string to = (fs::path(LostDir(db_)) / BaseName(f)).string();
  fs::rename(f, to, ec);
  if (ec) return rocksdb::IOStatus::IOError("cannot move " + f + " to " + to + ": " + ec.message());
  std::lock_guard lock(mu_);
  moved_.push_back(to);
  return rocksdb::IOStatus::OK();
}

bool GuardFs::OnArmingThread() {
  std::lock_guard lock(mu_);
  return armed_thread_ == std::this_thread::get_id();
}

std::vector<std::string> GuardFs::TakeMoved() {
  std::lock_guard lock(mu_);
  return std::exchange(moved_, {});
}

std::string LostDir(const std::string& db) { return (fs::path(db) / "lost").string(); }

Status CheckDamageMarker(const std::string& db) {
  fs::path marker = fs::path(LostDir(db)) / kDamagedMarker;
  std::error_code ec;
  if (!fs::exists(marker, ec)) return Status::OK();
  std::ifstream in(marker);
  std::stringstream why;
  why << in.rdbuf();
  std::string text = why.str();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return WithRecoveryAdvice(Status::Corruption("database " + db + " is damaged: " + text), db);
}

Status JudgeOrphans(const Store::Impl& impl, const std::vector<std::string>& files, bool move) {
  for (const std::string& file : files) {
    Verdict v = Judge(impl, file);
    if (v.lacking.empty()) {
      if (move) {
        std::error_code ec;
        fs::remove(file, ec);  // an interrupted job's leftover: RocksDB would delete it too
      }
      continue;
    }
    std::string why = "table file " + BaseName(file) + " holds " + v.lacking +
                      ", which the database's MANIFEST does not know (the MANIFEST is damaged or "
                      "was replaced)";
    if (move) {
      why += "; the file was kept in " + LostDir(impl.path_);
      MarkDamaged(impl.path_, why);
    }
    return WithRecoveryAdvice(Status::Corruption("database " + impl.path_ + " is damaged: " + why),
                              impl.path_);
  }
  return Status::OK();
}

std::vector<std::string> OrphanTableFiles(const Store::Impl& impl) {
  std::vector<rocksdb::LiveFileMetaData> live;
  impl.db()->GetLiveFilesMetaData(&live);
  std::set<std::string> names;
  for (const auto& f : live) names.insert(BaseName(f.relative_filename));
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(impl.path_, ec)) {
    std::string name = entry.path().filename().string();
    if (IsTableFile(name) && names.count(name) == 0) out.push_back(entry.path().string());
  }
  return out;
}

Status JudgeOrphansIfNoWriter(const Store::Impl& impl) {
  // Holding the write lock for the look keeps a writer from creating files
  // meanwhile; when a writer holds it, its own open judged the files.
  rocksdb::Env* env = rocksdb::Env::Default();
  rocksdb::FileLock* lock = nullptr;
  if (!env->LockFile((fs::path(impl.path_) / "LOCK").string(), &lock).ok()) return Status::OK();
  Status s = JudgeOrphans(impl, OrphanTableFiles(impl), /*move=*/false);
  env->UnlockFile(lock);
  return s;
}

namespace {

// Why the live table file `f` is not as the version lists it; "" when it is.
std::string LiveFileProblem(const rocksdb::LiveFileMetaData& f) {
  std::string path = (fs::path(f.directory) / BaseName(f.relative_filename)).string();
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  if (ec) return "table file " + BaseName(path) + " is missing (" + ec.message() + ")";
  if (size != f.size) {
    return "table file " + BaseName(path) + " has " + std::to_string(size) + " bytes, expected " +
           std::to_string(f.size);
  }
  return "";
}

bool StillLive(const Store::Impl& impl, const rocksdb::LiveFileMetaData& f) {
  std::vector<rocksdb::LiveFileMetaData> now;
  impl.db()->GetLiveFilesMetaData(&now);
  for (const auto& g : now) {
    if (g.file_number == f.file_number) return true;
  }
  return false;
}

}  // namespace

Status VerifyLiveFiles(const Store::Impl& impl) {
  std::vector<rocksdb::LiveFileMetaData> live;
  impl.db()->GetLiveFilesMetaData(&live);
  for (const auto& f : live) {
    std::string why = LiveFileProblem(f);
    // A compaction (this process's background one, or another process's
    // writer) may have replaced the file since the list was taken: only a
    // file the current version still lists is damage.
    if (why.empty() || !StillLive(impl, f)) continue;
    why = LiveFileProblem(f);
    if (!why.empty())
      return WithRecoveryAdvice(
          Status::Corruption("database " + impl.path_ + " is damaged: " + why), impl.path_);
  }
  return Status::OK();
}

namespace {

// The files to compact into level 1 in `cf`: level 0's when it holds at
// least `trigger`, with level 1's when that holds at least `trigger` too
// (new ids sort after old ones, so each compaction of short sessions' files
// would otherwise add one more small level-1 file that overlaps nothing).
std::vector<std::string> Level0Files(const Store::Impl& impl, int cf, int trigger) {
  rocksdb::ColumnFamilyMetaData meta;
  impl.db()->GetColumnFamilyMetaData(impl.cf(cf), &meta);
  std::vector<std::string> names;
  if (meta.levels.size() < 2) return names;
  size_t t = static_cast<size_t>(trigger);
  const auto& l0 = meta.levels[0].files;
  const auto& l1 = meta.levels[1].files;
  if (l0.size() < t && l1.size() < 2 * t) return names;
  for (const auto& f : l0) names.push_back(f.name);
  if (l1.size() >= t)
    for (const auto& f : l1) names.push_back(f.name);
  return names;
}

// Waits (at most ~5 s) until no background compaction runs.
void WaitForCompactions(const Store::Impl& impl) {
  for (int i = 0; i < 500; ++i) {
    uint64_t running = 0;
    if (!impl.db()->GetIntProperty("rocksdb.num-running-compactions", &running) || running == 0)
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

void CompactLevel0IfDue(const Store::Impl& impl, int trigger) {
  for (int cf = 0; cf < kCfCount; ++cf) {
    rocksdb::CompactionOptions options;
    options.compression = rocksdb::kDisableCompressionOption;  // the family's own
    // RocksDB adds level 1's overlapping files. When a background compaction
    // already holds some of these files (RocksDB starts one once 4 are
    // there), wait for it, then compact what is left: a short-lived process
    // would otherwise exit before that compaction finished, every time.
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::vector<std::string> names = Level0Files(impl, cf, trigger);
      if (names.empty()) break;
      if (impl.db()->CompactFiles(options, impl.cf(cf), names, /*output_level=*/1).ok()) break;
      WaitForCompactions(impl);
    }
  }
}

Status WithRecoveryAdvice(Status status, const std::string& db) {
  if (status.code() != StatusCode::kCorruption) return status;
  if (status.message().find("kg restore") != std::string::npos) return status;
  return Status::Corruption(status.message() +
                            ". Nothing was changed. Restore the database from a backup "
                            "(kg restore BACKUP --db " +
                            db + "); see docs/operations.md, \"Recovering a damaged database\"");
}

}  // namespace kg::storage::internal
