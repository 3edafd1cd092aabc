// Many short sessions, several writers and full disks: the number of table
// files stays bounded however a database is written, a writer waits for the
// lock up to its busy timeout, a full disk is an IOError saying so (never a
// crash) and writing resumes, in the same Store, once there is room again.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/sanitizers.h"
#include "tests/storage/reliability_util.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

using testing::FilesEnding;

class SmallWritesTest : public testing::TempDirTest {};

// 5,000 sessions of one small write each, as 5,000 CLI writes would do (the
// CLI's own test runs some through the executable): each open replays the
// previous session's log into new level-0 files; without compaction at open
// they piled up (about 4 per session, all held open) until the database no
// longer opened under a 1,024 open-file limit. (500 under the sanitizers,
// where each session costs ten times as much: tests/sanitizers.h.)
TEST_F(SmallWritesTest, FiveThousandSessionsKeepTheFileCountBounded) {
  std::string db = Path("db");
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  constexpr int kSessions = kg::testing::UnlessSanitized(5000, 500);
  size_t most = 0;
  for (int i = 0; i < kSessions; ++i) {
    auto store = Store::Open(db, {});
    ASSERT_TRUE(store.ok()) << i << ": " << store.status().message();
    auto t = (*store)->BeginWrite().value();
    ASSERT_TRUE(t->CreateEntity({"Company"}, {{"name", "C" + std::to_string(i)}}).ok());
    ASSERT_TRUE(t->Commit().ok());
    if (i % 250 == 0) most = std::max(most, FilesEnding(db, ".sst").size());
  }
  most = std::max(most, FilesEnding(db, ".sst").size());
  EXPECT_LE(most, 40u) << "table files pile up";
  auto store = Store::Open(db, {.read_only = true});
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto problems = (*store)->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << problems->front();
  EXPECT_EQ((*store)->Stats()->entities, static_cast<uint64_t>(kSessions));
}

TEST_F(SmallWritesTest, WriterWaitsForTheLockUpToItsBusyTimeout) {
  std::string db = Path("db");
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  auto first = Store::Open(db, {});
  ASSERT_TRUE(first.ok());
  // Without a timeout the second writer is refused at once.
  auto refused = Store::Open(db, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("is locked by another process"), std::string::npos);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first->reset();
  });
  auto second = Store::Open(db, {.busy_timeout = std::chrono::seconds(30)});
  release.join();
  ASSERT_TRUE(second.ok()) << second.status().message();
}

TEST_F(SmallWritesTest, BusyTimeoutRunsOutWithTheLockError) {
  std::string db = Path("db");
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  auto first = Store::Open(db, {});
  ASSERT_TRUE(first.ok());
  auto second = Store::Open(db, {.busy_timeout = std::chrono::milliseconds(100)});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kIOError);
  EXPECT_NE(second.status().message().find("is locked by another process"), std::string::npos);
}

TEST_F(SmallWritesTest, CreateLeavesNoHalfMadeDatabaseBehind) {
  // The database is built beside its path and renamed into place: what
  // sits at the path is either nothing or a whole database, and no
  // temporary directory stays after a successful create.
  std::string db = Path("made");
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename().string().find(".kg-new-"), std::string::npos) << e.path();
  EXPECT_TRUE(Store::Open(db, {.read_only = true}).ok());
  // An empty directory made by the user is taken.
  fs::create_directories(Path("empty"));
  ASSERT_TRUE(Store::Create(Path("empty"), schema::Ontology::Builtin()).ok());
  EXPECT_TRUE(Store::Open(Path("empty"), {}).ok());
}

// A session holds only the space it has written. RocksDB reserved about
// 70 MiB (fallocate) for every new log and 4 MiB for every new MANIFEST, and
// every writable open starts one of each: tmpfs really allocated and zeroed
// that memory, and every file system trimmed it again at close, so each
// short session paid for space it never used (rocks_options.cc).
TEST_F(SmallWritesTest, AnOpenDatabaseReservesNoSpaceItHasNotWritten) {
  std::string db = Path("db");
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  auto store = Store::Open(db, {});
  ASSERT_TRUE(store.ok()) << store.status().message();
  testing::AddCompanies(**store, "c", 3);
  uintmax_t allocated = 0;
  for (const auto& e : fs::directory_iterator(db)) {
    struct stat st {};
    ASSERT_EQ(::stat(e.path().c_str(), &st), 0) << e.path();
    allocated += static_cast<uintmax_t>(st.st_blocks) * 512;
  }
  EXPECT_LT(allocated, 2u << 20) << "bytes held by the files of an open database";
}

TEST_F(SmallWritesTest, FullDiskIsAnIOErrorAndWritesResumeOnceThereIsRoom) {
  // RocksDB resumes once the free space exceeds a memtable (64 MiB).
  testing::SmallDisk disk(dir_ / "disk", "200m");
  if (!disk.mounted()) GTEST_SKIP() << disk.reason();
  std::string db = (disk.path() / "db").string();
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  auto store = Store::Open(db, {});
  ASSERT_TRUE(store.ok()) << store.status().message();
  testing::AddCompanies(**store, "before", 10);
  testing::FillDisk(disk.path() / "filler");
  // Commits fail while the disk is full: an IOError saying so, no crash.
  Status failed;
  int committed = 0;
  // Commits go on until the filler's last free blocks are used.
  for (int i = 0; i < 20000 && failed.ok(); ++i) {
    auto t = (*store)->BeginWrite().value();
    std::string big(8192, 'q');
    ASSERT_TRUE(
        t->CreateEntity({"Company"}, {{"name", "F" + std::to_string(i)}, {"note", big}}).ok());
    failed = t->Commit();
    if (failed.ok()) ++committed;
  }
  ASSERT_FALSE(failed.ok()) << "the disk never filled";
  EXPECT_EQ(failed.code(), StatusCode::kIOError);
  EXPECT_NE(failed.message().find("no space left"), std::string::npos) << failed.message();
  // Room again: the same Store writes on, without a reopen.
  fs::remove(disk.path() / "filler");
  Status resumed;
  for (int attempt = 0; attempt < 300; ++attempt) {  // RocksDB polls every 5 s
    auto t = (*store)->BeginWrite().value();
    ASSERT_TRUE(t->CreateEntity({"Company"}, {{"name", "after"}}).ok());
    resumed = t->Commit();
    if (resumed.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // RocksDB's recovery thread
  }
  ASSERT_TRUE(resumed.ok()) << resumed.message();
  store->reset();
  // Nothing acknowledged was lost, nothing half-written landed.
  auto reopened = Store::Open(db, {});
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ((*reopened)->Stats()->entities, static_cast<uint64_t>(10 + committed + 1));
  auto problems = (*reopened)->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
}

// The database's LOG: written at every writable open, turned into LOG.old
// once over 1 MiB, so two files bound it; opening on a full disk, where
// RocksDB's own logger aborted the process, is an IOError (the CLI's
// ReliabilityCliTest.WriteOnAFullDiskExitsThreeSayingSo runs that case).
TEST_F(SmallWritesTest, TheInfoLogIsWrittenAndRotated) {
  std::string db = (dir_ / "db").string();
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  ASSERT_TRUE(Store::Open(db, {}).ok());
  fs::path log = fs::path(db) / "LOG";
  ASSERT_TRUE(fs::exists(log));
  EXPECT_GT(fs::file_size(log), 0u);
  {
    std::ofstream grow(log, std::ios::app);
    grow << std::string((1 << 20) + 1, '.');
  }
  uintmax_t big = fs::file_size(log);
  ASSERT_TRUE(Store::Open(db, {}).ok());
  ASSERT_TRUE(fs::exists(fs::path(db) / "LOG.old"));
  EXPECT_EQ(fs::file_size(fs::path(db) / "LOG.old"), big);
  EXPECT_LT(fs::file_size(log), 1u << 20);
}

}  // namespace
}  // namespace kg::storage
