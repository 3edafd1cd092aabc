// Backups and restores: consistent, incremental, checked before use; a
// damaged backup or a taken target leaves the target untouched.
#include "storage/backup.h"

#include <gtest/gtest.h>

#include "tests/storage/reliability_util.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

using testing::FilesEnding;
using testing::Look;

class BackupTest : public testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    db_ = Path("db");
    testing::MakeImported(db_, dir_ / "csv", 50);
  }
  std::string db_;
};

TEST_F(BackupTest, BackupsAreIncrementalAndRestoreEachState) {
  std::string backups = Path("backups");
  {
    auto store = Store::Open(db_, {});
    ASSERT_TRUE(store.ok());
    auto first = Backup(**store, backups);
    ASSERT_TRUE(first.ok()) << first.status().message();
    EXPECT_EQ(first->entities, 50u);
    testing::AddCompanies(**store, "later", 7);  // still in the log: backed up with it
    auto second = Backup(**store, backups);
    ASSERT_TRUE(second.ok()) << second.status().message();
    EXPECT_EQ(second->entities, 57u);
    EXPECT_GT(second->id, first->id);
  }
  auto list = ListBackups(backups);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
  EXPECT_TRUE(fs::exists(fs::path(backups) / "kg-backups.txt"));

  auto latest = Restore(backups, Path("latest"), {});
  ASSERT_TRUE(latest.ok()) << latest.status().message();
  EXPECT_EQ(Look(Path("latest"), true).entities, 57u);
  auto older = Restore(backups, Path("older"), {.backup_id = list->front().id});
  ASSERT_TRUE(older.ok()) << older.status().message();
  EXPECT_EQ(Look(Path("older"), true).entities, 50u);
  EXPECT_EQ(Look(Path("older"), true).relations, 49u);
}

TEST_F(BackupTest, RestoreRefusesATakenTargetUnlessToldToReplaceIt) {
  std::string backups = Path("backups");
  {
    auto store = Store::Open(db_, {});
    ASSERT_TRUE(Backup(**store, backups).ok());
  }
  std::string other = Path("other");
  ASSERT_TRUE(Store::Create(other, schema::Ontology::Builtin()).ok());
  auto refused = Restore(backups, other, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Look(other, true).entities, 0u);
  auto replaced = Restore(backups, other, {.replace = true});
  ASSERT_TRUE(replaced.ok()) << replaced.status().message();
  EXPECT_EQ(Look(other, true).entities, 50u);
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename().string().find(".kg-restore-"), std::string::npos) << e.path();
}

TEST_F(BackupTest, DamagedBackupIsRefusedAndTheTargetUntouched) {
  std::string backups = Path("backups");
  {
    auto store = Store::Open(db_, {});
    ASSERT_TRUE(Backup(**store, backups).ok());
  }
  std::vector<fs::path> tables;
  for (const auto& e : fs::recursive_directory_iterator(backups)) {
    if (e.path().extension() == ".sst") tables.push_back(e.path());
  }
  ASSERT_FALSE(tables.empty());
  for (const fs::path& t : tables) testing::FlipByte(t, fs::file_size(t) / 3);
  auto restored = Restore(backups, Path("target"), {});
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.status().code(), StatusCode::kCorruption) << restored.status().message();
  EXPECT_FALSE(fs::exists(Path("target")));
}

TEST_F(BackupTest, BackupNeedsAWritableStoreAndADirectoryOutsideTheDatabase) {
  auto reader = Store::Open(db_, {.read_only = true});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(Backup(**reader, Path("b")).status().code(), StatusCode::kNotSupported);
  reader->reset();
  auto store = Store::Open(db_, {});
  EXPECT_EQ(Backup(**store, db_ + "/inside").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kg::storage
