// Entity linking: longest match, case, possessives, tickers, Chinese names,
// ambiguity, word boundaries, and the per-snapshot cache.
#include "ingest/linker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace kg::ingest {
namespace {

std::vector<std::string> Found(const NameIndex& x, std::string_view t) {
  std::vector<std::string> out;
  for (const Mention& m : x.FindMentions(t)) {
    std::string s(t.substr(m.start, m.end - m.start));
    for (EntityId id : m.entities) s += "#" + std::to_string(id);
    out.push_back(s);
  }
  return out;
}

std::shared_ptr<const NameIndex> Sample() {
  return NameIndex::FromNames({{"NVIDIA", 1},
                               {"Huawei", 2},
                               {"Huawei Technologies", 2},
                               {"华为", 2},
                               {"AMD", 3},
                               {"Jensen Huang", 4},
                               {"Huang", 4},
                               {"Apple", 5},
                               {"Apple", 6},
                               {"H20", 7}});
}

TEST(LinkerTest, LongestMatchIgnoringCase) {
  auto x = Sample();
  EXPECT_EQ(Found(*x, "huawei technologies and HUAWEI"),
            (std::vector<std::string>{"huawei technologies#2", "HUAWEI#2"}));
}

TEST(LinkerTest, PossessivesTickersAndChinese) {
  auto x = Sample();
  EXPECT_EQ(Found(*x, "NVIDIA's H20, Huawei\u2019s chips"),
            (std::vector<std::string>{"NVIDIA#1", "H20#7", "Huawei#2"}));
  EXPECT_EQ(Found(*x, "NVIDIANVDA-- and AMDAMD-- rose"),
            (std::vector<std::string>{"NVIDIA#1", "AMD#3"}));
  EXPECT_EQ(Found(*x, "黄仁勋称赞华为的技术"), (std::vector<std::string>{"华为#2"}));
}

TEST(LinkerTest, WordBoundariesAreRequired) {
  auto x = Sample();
  EXPECT_TRUE(Found(*x, "AMDs Huaweian Applesauce H200").empty());
}

TEST(LinkerTest, SharedNameIsReportedWithAllItsEntities) {
  auto x = Sample();
  EXPECT_EQ(Found(*x, "Apple said"), (std::vector<std::string>{"Apple#5#6"}));
}

TEST(LinkerTest, CacheRebuildsOnlyAfterACommit) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("kg_linker_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(storage::Store::Create(dir.string(), schema::Ontology::Builtin()).ok());
  auto store = storage::Store::Open(dir.string(), {}).value();
  {
    auto t = store->BeginWrite().value();
    ASSERT_TRUE(t->CreateEntity({"Company"}, {{"name", "NVIDIA"}}).ok());
    ASSERT_TRUE(t->Commit().ok());
  }
  NameIndexCache cache;
  auto a = cache.Get(*store->BeginRead()).value();
  auto b = cache.Get(*store->BeginRead()).value();
  EXPECT_EQ(a.get(), b.get());
  {
    auto t = store->BeginWrite().value();
    ASSERT_TRUE(t->CreateEntity({"Company"}, {{"name", "Xiaomi"}}).ok());
    ASSERT_TRUE(t->Commit().ok());
  }
  auto c = cache.Get(*store->BeginRead()).value();
  EXPECT_NE(a.get(), c.get());
  EXPECT_EQ(c->FindMentions("Xiaomi and NVIDIA").size(), 2u);
  store.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kg::ingest
