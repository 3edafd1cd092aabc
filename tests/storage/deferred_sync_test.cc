// Building a new database with its syncs deferred (deferred_sync.h): no sync
// reaches the disk while RocksDB creates and writes the database, SyncTree
// then syncs every file of the directory, and a bulk import into a new
// database (which builds it that way) lands whole, reopens with what was
// imported, and leaves nothing beside it.
#include "storage/internal/deferred_sync.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>

#include "storage/import.h"
#include "storage/store.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;
using internal::DeferredSyncFs;

// Counts the syncs that reach it (files appended to, written in place, and
// directories).
class CountingFs : public rocksdb::FileSystemWrapper {
 public:
  explicit CountingFs(std::atomic<int>* syncs)
      : FileSystemWrapper(rocksdb::FileSystem::Default()), syncs_(syncs) {}
  const char* Name() const override { return "CountingFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r,
                                    rocksdb::IODebugContext* dbg) override {
    return Counting<File>(target()->NewWritableFile(f, o, r, dbg), r);
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                       std::unique_ptr<rocksdb::FSWritableFile>* r,
                                       rocksdb::IODebugContext* dbg) override {
    return Counting<File>(target()->ReopenWritableFile(f, o, r, dbg), r);
  }
  rocksdb::IOStatus NewRandomRWFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* r,
                                    rocksdb::IODebugContext* dbg) override {
    return Counting<RWFile>(target()->NewRandomRWFile(f, o, r, dbg), r);
  }
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& o,
                                 std::unique_ptr<rocksdb::FSDirectory>* r,
                                 rocksdb::IODebugContext* dbg) override {
    return Counting<Dir>(target()->NewDirectory(name, o, r, dbg), r);
  }

 private:
  // `s`, with `*r` (when opened) wrapped to count its syncs.
  template <typename Wrapper, typename T>
  rocksdb::IOStatus Counting(rocksdb::IOStatus s, std::unique_ptr<T>* r) {
    if (s.ok()) *r = std::make_unique<Wrapper>(std::move(*r), syncs_);
    return s;
  }
  template <typename OwnerWrapper, typename Target>
  struct Counted : OwnerWrapper {
    Counted(std::unique_ptr<Target>&& f, std::atomic<int>* n) : OwnerWrapper(std::move(f)), n(n) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      ++*n;
      return OwnerWrapper::Sync(o, d);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      ++*n;
      return OwnerWrapper::Fsync(o, d);
    }
    std::atomic<int>* n;
  };
  using File = Counted<rocksdb::FSWritableFileOwnerWrapper, rocksdb::FSWritableFile>;
  using RWFile = Counted<rocksdb::FSRandomRWFileOwnerWrapper, rocksdb::FSRandomRWFile>;
  struct Dir : rocksdb::FSDirectoryWrapper {
    Dir(std::unique_ptr<rocksdb::FSDirectory>&& d, std::atomic<int>* n)
        : FSDirectoryWrapper(std::move(d)), n(n) {}
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      ++*n;
      return FSDirectoryWrapper::Fsync(o, d);
    }
    rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d,
                                          const rocksdb::DirFsyncOptions& x) override {
      ++*n;
      return FSDirectoryWrapper::FsyncWithDirOptions(o, d, x);
    }
    std::atomic<int>* n;
  };
  std::atomic<int>* syncs_;
};

class DeferredSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_deferred_sync_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // Creates a RocksDB database on `fs`, writes a key with sync = true,
  // ingests nothing, closes it; the number of syncs `counted` saw.
  int SyncsOfASyncedWrite(const std::shared_ptr<rocksdb::FileSystem>& fs, std::atomic<int>* counted,
                          const std::string& path) {
    std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
    rocksdb::Options o;
    o.env = env.get();
    o.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    EXPECT_TRUE(rocksdb::DB::Open(o, path, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    EXPECT_TRUE(db->Put(wo, "k", "v").ok());
    EXPECT_TRUE(db->Flush(rocksdb::FlushOptions()).ok());
    db.reset();
    return counted->load();
  }

  fs::path dir_;
};

TEST_F(DeferredSyncTest, NoSyncReachesTheDiskUntilSyncTree) {
  std::atomic<int> direct{0};
  auto plain = std::make_shared<CountingFs>(&direct);
  // Without deferral, creating, a synced write and a flush sync many times.
  EXPECT_GT(SyncsOfASyncedWrite(plain, &direct, (dir_ / "plain").string()), 5);

  std::atomic<int> deferred{0};
  auto counting = std::make_shared<CountingFs>(&deferred);
  auto fs = std::make_shared<DeferredSyncFs>(counting);
  EXPECT_EQ(SyncsOfASyncedWrite(fs, &deferred, (dir_ / "deferred").string()), 0);

  // What was written is there, and SyncTree syncs it.
  ASSERT_TRUE(internal::SyncTree((dir_ / "deferred").string()).ok());
  rocksdb::DB* raw = nullptr;
  rocksdb::Options o;
  ASSERT_TRUE(rocksdb::DB::OpenForReadOnly(o, (dir_ / "deferred").string(), &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string v;
  ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), "k", &v).ok());
  EXPECT_EQ(v, "v");
}

TEST_F(DeferredSyncTest, SyncTreeSaysWhichDirectoryItCannotRead) {
  Write("a", "x");
  EXPECT_TRUE(internal::SyncTree(dir_.string()).ok());
  Status missing = internal::SyncTree((dir_ / "nowhere").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.code(), StatusCode::kIOError);
  EXPECT_NE(missing.message().find("nowhere"), std::string::npos) << missing.message();
  Status not_dir = internal::SyncDirectory((dir_ / "a").string());
  ASSERT_FALSE(not_dir.ok());
  EXPECT_NE(not_dir.message().find((dir_ / "a").string()), std::string::npos) << not_dir.message();
}

constexpr const char* kNodes =
    "id:ID,:LABEL,name\n"
    "nv,Company,NVIDIA\n"
    "hw,Company,Huawei\n"
    "jh,Person,Jensen Huang\n";
constexpr const char* kEdges =
    ":START_ID,:END_ID,:TYPE,since:date\n"
    "nv,hw,COMPETES_WITH,2019-05\n"
    "jh,nv,LEADS,\n";

TEST_F(DeferredSyncTest, ImportIntoNewDatabaseLandsWholeAndReopens) {
  ImportOptions o;
  o.node_files = {Write("nodes.csv", kNodes)};
  o.edge_files = {Write("edges.csv", kEdges)};
  std::string db = (dir_ / "new").string();
  auto done = ImportIntoNewDatabase(db, schema::Ontology::Builtin(), o);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->entities, 3u);
  EXPECT_EQ(done->relations, 2u);
  // Nothing beside the database: no build directory left.
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_FALSE(e.path().filename().string().starts_with(".new")) << e.path();
  {
    auto store = Store::Open(db, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto stats = (*store)->Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->entities, 3u);
    EXPECT_EQ(stats->relations, 2u);
    EXPECT_EQ(stats->ontology, "builtin");
    // Writable as any database: a later import appends.
    ImportOptions more;
    more.node_files = {Write("more.csv", "id:ID,:LABEL,name\nx,Company,Xiaomi\n")};
    auto appended = ImportCsv(**store, more);
    ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  }
  auto again = Store::Open(db, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->Stats()->entities, 4u);
  auto problems = (*again)->Check();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_TRUE(problems->empty());
}

TEST_F(DeferredSyncTest, EmptyImportIntoNewDatabaseKeepsItsMetaData) {
  // Nothing to ingest: the new database's meta data stays in RocksDB's log,
  // which SyncTree syncs like every other file.
  ImportOptions o;
  o.node_files = {Write("nodes.csv", "id:ID,:LABEL,name\n")};
  std::string db = (dir_ / "empty").string();
  auto done = ImportIntoNewDatabase(db, schema::Ontology::Builtin(), o);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->entities, 0u);
  auto store = Store::Open(db, {.read_only = true});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->Stats()->entities, 0u);
  EXPECT_EQ((*store)->ontology().name(), "builtin");
}

TEST_F(DeferredSyncTest, RefusedImportIntoNewDatabaseLeavesNothing) {
  ImportOptions o;
  o.node_files = {Write("nodes.csv", kNodes)};
  o.edge_files = {Write("edges.csv", std::string(kEdges) + "nv,nobody,LEADS,\n")};
  std::string db = (dir_ / "refused").string();
  auto done = ImportIntoNewDatabase(db, schema::Ontology::Builtin(), o);
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.status().message().find("edges.csv:4: unknown :END_ID 'nobody'"),
            std::string::npos)
      << done.status().message();
  EXPECT_FALSE(fs::exists(db));
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_FALSE(e.path().filename().string().starts_with(".refused")) << e.path();
}

}  // namespace
}  // namespace kg::storage
