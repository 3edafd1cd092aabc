// Crash atomicity: a child process imports kggen data (or commits many small
// transactions) and is SIGKILLed at several moments; the database must then
// open, pass Check(), and hold all of the import or none of it.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "storage/import.h"
#include "storage/store.h"
#include "tests/sanitizers.h"
#include "tests/storage/child_process.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;
using testing::Env;
using testing::SpawnTest;
using testing::WaitChild;

// A tenth of the graph under the sanitizers (tests/sanitizers.h): seven
// instrumented imports of the whole one take minutes.
constexpr int kNodes = kg::testing::UnlessSanitized(20000, 2000);
constexpr int kEdges = kg::testing::UnlessSanitized(200000, 20000);

// Child side of the crash tests: KG_CRASH_MODE "import" imports KG_CRASH_DATA
// into KG_CRASH_DB; "writes" commits small transactions until killed.
TEST(DISABLED_CrashChild, Run) {
  std::string db = Env("KG_CRASH_DB");
  if (db.empty()) GTEST_SKIP() << "only runs as a child of CrashTest";
  auto store = Store::Open(db, {});
  if (!store.ok()) std::_Exit(30);
  if (Env("KG_CRASH_MODE") == "import") {
    ImportOptions o;
    o.node_files = {Env("KG_CRASH_DATA") + "/nodes.csv"};
    o.edge_files = {Env("KG_CRASH_DATA") + "/edges.csv"};
    std::_Exit(ImportCsv(**store, o).ok() ? 0 : 31);
  }
  for (int i = 0;; ++i) {
    auto t = (*store)->BeginWrite().value();
    auto a = t->CreateEntity({"Company"}, {{"name", "C" + std::to_string(i)}});
    auto b = t->CreateEntity({"Product"}, {{"name", "P" + std::to_string(i)}});
    if (!a.ok() || !b.ok() || !t->CreateRelation("MAKES", *a, *b, {}).ok()) std::_Exit(32);
    if (!t->Commit().ok()) std::_Exit(33);
  }
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kg_crash_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Generates kggen data (bench/kit/kggen.py, in the repository) into dir_/data.
  bool Generate() {
    const std::string gen = KG_SOURCE_DIR "/bench/kit/kggen.py";
    if (!fs::exists(gen)) return false;
    std::string cmd = "python3 " + gen + " --nodes " + std::to_string(kNodes) + " --edges " +
                      std::to_string(kEdges) + " --out " + (dir_ / "data").string() +
                      " > /dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
  }

  std::string NewDb(const std::string& name) {
    std::string db = (dir_ / name).string();
    EXPECT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
    return db;
  }

  // Runs the child and kills it after `delay` (or lets it finish when negative).
  int RunChild(const std::string& db, const std::string& mode, std::chrono::milliseconds delay) {
    pid_t pid = SpawnTest("DISABLED_CrashChild.Run", {{"KG_CRASH_DB", db},
                                                      {"KG_CRASH_MODE", mode},
                                                      {"KG_CRASH_DATA", (dir_ / "data").string()}});
    EXPECT_GT(pid, 0);
    if (delay.count() >= 0) {
      std::this_thread::sleep_for(delay);
      ::kill(pid, SIGKILL);
    }
    return WaitChild(pid);
  }

  // Opens the crashed database and returns its stats after a clean Check.
  StoreStats Verify(const std::string& db) {
    auto store = Store::Open(db, {});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return {};
    auto problems = (*store)->Check();
    EXPECT_TRUE(problems.ok()) << problems.status().ToString();
    if (problems.ok()) {
      EXPECT_TRUE(problems->empty()) << problems->size() << " problems, first: " << (*problems)[0];
    }
    return (*store)->Stats().value();
  }

  fs::path dir_;
};

TEST_F(CrashTest, KilledImportLeavesAllOrNothing) {
  ASSERT_TRUE(Generate()) << "python3 " KG_SOURCE_DIR "/bench/kit/kggen.py failed";
  std::string full = NewDb("full");
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(RunChild(full, "import", std::chrono::milliseconds(-1)), 0);
  auto whole_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  StoreStats whole = Verify(full);
  ASSERT_EQ(whole.entities, static_cast<uint64_t>(kNodes));
  ASSERT_EQ(whole.relations, static_cast<uint64_t>(kEdges));
  // Kill moments spread over the child's run (reading, sorting, writing the
  // files, ingesting), as fractions of an uninterrupted run.
  int none = 0, all = 0;
  for (double fraction : {0.05, 0.4, 0.8, 0.93, 0.98, 1.02}) {
    auto delay = std::chrono::milliseconds(static_cast<int64_t>(fraction * whole_ms));
    std::string db = NewDb("killed_" + std::to_string(delay.count()));
    RunChild(db, "import", delay);
    StoreStats s = Verify(db);
    EXPECT_TRUE(s.entities == 0 || s.entities == whole.entities) << "after " << delay.count();
    EXPECT_EQ(s.relations, s.entities == 0 ? 0 : whole.relations) << "after " << delay.count();
    (s.entities == 0 ? none : all)++;
  }
  std::cout << "[ crash    ] whole import " << whole_ms << " ms; kills that left nothing: " << none
            << ", everything: " << all << "\n";
}

TEST_F(CrashTest, KilledTransactionsLeaveWholeCommits) {
  for (int ms : {50, 200}) {
    std::string db = NewDb("writes_" + std::to_string(ms));
    RunChild(db, "writes", std::chrono::milliseconds(ms));
    StoreStats s = Verify(db);
    EXPECT_EQ(s.entities, 2 * s.relations);  // each commit adds 2 entities and 1 relation
  }
}

}  // namespace
}  // namespace kg::storage
