// Damage is reported, never read as truth: a truncated MANIFEST, a flipped
// byte in the WAL or in any table file, a missing table file. Each open
// either fails with Corruption (naming what is damaged and what to do) or
// sees the whole graph; it never sees an empty or smaller one, and nothing
// is deleted on the way.
#include <gtest/gtest.h>

#include <fstream>

#include "storage/backup.h"
#include "tests/storage/reliability_util.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

using testing::FilesEnding;
using testing::FlipByte;
using testing::Look;
using testing::Seen;

constexpr int kCompanies = 300;

class DamageTest : public testing::TempDirTest {
 protected:
  // The open either fails with Corruption or sees every entity and relation.
  void ExpectWholeOrCorruption(const std::string& db, bool read_only, const std::string& what) {
    Seen seen = Look(db, read_only);
    if (!seen.status.ok()) {
      EXPECT_EQ(seen.status.code(), StatusCode::kCorruption)
          << what << ": " << seen.status.message();
      // An open says what to do; a read that meets a damaged block names the file.
      bool advised = seen.status.message().find("kg restore") != std::string::npos ||
                     seen.status.message().find(".sst") != std::string::npos;
      EXPECT_TRUE(advised) << seen.status.message();
      return;
    }
    EXPECT_EQ(seen.entities, static_cast<uint64_t>(kCompanies)) << what;
    EXPECT_EQ(seen.relations, static_cast<uint64_t>(kCompanies - 1)) << what;
  }

  std::string CopyOf(const std::string& db, const std::string& name) {
    std::string copy = Path(name);
    fs::copy(db, copy, fs::copy_options::recursive);
    return copy;
  }
};

std::string ManifestOf(const std::string& db) {
  std::ifstream current(fs::path(db) / "CURRENT");
  std::string name;
  std::getline(current, name);
  return (fs::path(db) / name).string();
}

TEST_F(DamageTest, TruncatedManifestIsCorruptionAndKeepsEveryTableFile) {
  std::string db = Path("db");
  testing::MakeImported(db, dir_ / "csv", kCompanies);
  uint64_t size = fs::file_size(ManifestOf(db));
  int refused = 0;
  for (int eighth = 1; eighth < 8; ++eighth) {
    std::string copy = CopyOf(db, "copy" + std::to_string(eighth));
    size_t tables = FilesEnding(copy, ".sst").size();
    fs::resize_file(ManifestOf(copy), size * eighth / 8);
    // Read-only first (kg check, export), then a writable open (a write),
    // twice: the second must not find a database the first "repaired".
    ExpectWholeOrCorruption(copy, /*read_only=*/true, "read-only, 1/8 x " + std::to_string(eighth));
    for (int round = 0; round < 2; ++round) {
      Seen seen = Look(copy, /*read_only=*/false);
      if (!seen.status.ok()) ++refused;
      ExpectWholeOrCorruption(copy, /*read_only=*/false,
                              "writable, 1/8 x " + std::to_string(eighth));
    }
    size_t kept = FilesEnding(copy, ".sst").size();
    if (fs::exists(fs::path(copy) / "lost"))
      kept += FilesEnding(fs::path(copy) / "lost", ".sst").size();
    EXPECT_GE(kept, tables) << "a table file was deleted";
  }
  EXPECT_GT(refused, 0);
}

TEST_F(DamageTest, FlippedWalByteFailsTheOpenInsteadOfDroppingCommits) {
  std::string db = Path("db");
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  {
    auto store = Store::Open(db, {});
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 20; ++i) testing::AddCompanies(**store, "T" + std::to_string(i) + "-", 5);
  }
  // The commits are only in the log (nothing flushed them).
  auto logs = FilesEnding(db, ".log");
  ASSERT_FALSE(logs.empty());
  fs::path log = logs.back();
  uint64_t size = fs::file_size(log);
  ASSERT_GT(size, 1000u);
  FlipByte(log, size / 3);
  for (bool read_only : {true, false}) {
    Seen seen = Look(db, read_only);
    ASSERT_FALSE(seen.status.ok()) << "opened with " << seen.entities << " of 100 entities";
    EXPECT_EQ(seen.status.code(), StatusCode::kCorruption) << seen.status.message();
  }
}

TEST_F(DamageTest, FlippedByteInAnyTableFileIsFoundAndNeverReadAsASmallerGraph) {
  std::string db = Path("db");
  testing::MakeImported(db, dir_ / "csv", kCompanies);
  auto tables = FilesEnding(db, ".sst");
  ASSERT_GE(tables.size(), 7u);
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string copy = CopyOf(db, "copy" + std::to_string(i));
    fs::path table = fs::path(copy) / tables[i].filename();
    // A byte in the middle of the data blocks.
    FlipByte(table, fs::file_size(table) / 3);
    std::string what = tables[i].filename().string();
    ExpectWholeOrCorruption(copy, true, what);
    auto store = Store::Open(copy, {.read_only = true});
    if (!store.ok()) continue;
    // The deep check reads every block: it must name the damaged file.
    Status deep = VerifyChecksums(**store);
    EXPECT_EQ(deep.code(), StatusCode::kCorruption) << what << ": " << deep.message();
    EXPECT_NE(deep.message().find(what), std::string::npos) << deep.message();
  }
}

TEST_F(DamageTest, MissingTableFileIsCorruptionNamingIt) {
  std::string db = Path("db");
  testing::MakeImported(db, dir_ / "csv", kCompanies);
  auto tables = FilesEnding(db, ".sst");
  ASSERT_FALSE(tables.empty());
  fs::remove(tables.front());
  for (bool read_only : {true, false}) {
    Seen seen = Look(db, read_only);
    ASSERT_FALSE(seen.status.ok());
    EXPECT_EQ(seen.status.code(), StatusCode::kCorruption) << seen.status.message();
    // RocksDB names the file by number (as .sst or its old name .ldb).
    EXPECT_NE(seen.status.message().find(tables.front().stem().string()), std::string::npos)
        << seen.status.message();
  }
}

TEST_F(DamageTest, ShortenedTableFileIsCorruption) {
  std::string db = Path("db");
  testing::MakeImported(db, dir_ / "csv", kCompanies);
  auto tables = FilesEnding(db, ".sst");
  fs::resize_file(tables.back(), fs::file_size(tables.back()) - 10);
  for (bool read_only : {true, false}) {
    Seen seen = Look(db, read_only);
    ASSERT_FALSE(seen.status.ok());
    EXPECT_EQ(seen.status.code(), StatusCode::kCorruption) << seen.status.message();
  }
}

TEST_F(DamageTest, LeftoverOfAKilledImportIsNotDamage) {
  // A kill between RocksDB linking an import's files into the database and
  // recording them leaves files the MANIFEST does not name, still linked
  // from the import's temporary directory: a plain leftover.
  std::string db = Path("db");
  testing::MakeImported(db, dir_ / "csv", kCompanies);
  fs::path tmp = fs::path(db) / "import.tmp.1";
  fs::create_directories(tmp);
  fs::path other = Path("other");
  testing::MakeImported(other.string(), dir_ / "csv2", 10);
  int n = 0;
  for (const auto& t : FilesEnding(other, ".sst")) {
    fs::copy_file(t, tmp / t.filename());
    fs::create_hard_link(tmp / t.filename(),
                         fs::path(db) / ("9" + std::to_string(n++) + "0000.sst"));
  }
  Seen seen = Look(db, /*read_only=*/false);
  ASSERT_TRUE(seen.status.ok()) << seen.status.message();
  EXPECT_EQ(seen.entities, static_cast<uint64_t>(kCompanies));
  EXPECT_FALSE(fs::exists(tmp));
}

TEST_F(DamageTest, UnfinishedTableFileIsALeftoverAndAFinishedOneIsDamage) {
  // A kill during a flush or compaction leaves a table file the MANIFEST
  // does not name, cut off before its footer: the WAL or the compaction's
  // inputs still hold its rows, so it is removed. The same file finished
  // holds ids beyond the database's and is damage.
  std::string db = Path("db");
  testing::MakeImported(db, dir_ / "csv", kCompanies);
  fs::path other = Path("other");
  testing::MakeImported(other.string(), dir_ / "csv2", 2 * kCompanies);
  auto tables = FilesEnding(other, ".sst");
  ASSERT_FALSE(tables.empty());
  int damaged = 0;
  for (size_t i = 0; i < tables.size(); ++i) {
    uint64_t size = fs::file_size(tables[i]);
    for (uint64_t cut : {uint64_t{0}, uint64_t{5}, size / 2, size - 1, size}) {
      std::string copy = CopyOf(db, "copy" + std::to_string(i) + "_" + std::to_string(cut));
      fs::path orphan = fs::path(copy) / "900000.sst";
      fs::copy_file(tables[i], orphan);
      fs::resize_file(orphan, cut);
      Seen seen = Look(copy, /*read_only=*/false);
      std::string what = tables[i].filename().string() + " cut to " + std::to_string(cut);
      if (cut < size) {
        ASSERT_TRUE(seen.status.ok()) << what << ": " << seen.status.message();
        EXPECT_EQ(seen.entities, static_cast<uint64_t>(kCompanies)) << what;
        EXPECT_FALSE(fs::exists(orphan)) << what;
        EXPECT_FALSE(fs::exists(fs::path(copy) / "lost" / "DAMAGED")) << what;
      } else if (!seen.status.ok()) {
        EXPECT_EQ(seen.status.code(), StatusCode::kCorruption) << what;
        EXPECT_TRUE(fs::exists(fs::path(copy) / "lost" / "900000.sst")) << what;
        ++damaged;
      }
    }
  }
  // Every imported file is (the file of a committed import); the meta table
  // the creation flushed holds nothing newer.
  EXPECT_GE(damaged, static_cast<int>(tables.size()) - 1);
}

}  // namespace
}  // namespace kg::storage
