// Name look-ups from the topology copy's name index equal the scans of the
// names family: aliases, case folding (ASCII and Unicode), Chinese names,
// several entities under one name, deleted entities, names with a NUL byte
// (which the index leaves to the scan), and snapshots across a commit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/store.h"
#include "tests/storage/test_store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

class TopologyNamesTest : public FilledStoreTest {
 protected:
  TopologyNamesTest() : FilledStoreTest("kg_topology_names_test") {}

  void Fill(Transaction& t) override {
    Add(t, "NVIDIA", {"Nvidia Corp", "英伟达"});
    Add(t, "nvidia", {});  // the same name folded: two entities
    Add(t, "黄仁勋", {"Jensen Huang", "Jensen"});
    Add(t, "Jensen", {"JENSEN"});   // an alias that folds to its own name
    Add(t, "ΣΊΣΥΦΟΣ", {"Straße"});  // Greek and German case folding
    Add(t, "Ünïcödé", {""});        // an empty alias is not indexed
    Add(t, "", {"Only An Alias"});
    EntityId gone = Add(t, "Deleted Corp", {"Gone"});
    ASSERT_TRUE(t.CreateRelation("LINK", ids_[0], ids_[2], {}).ok());
    ASSERT_TRUE(t.DeleteEntity(gone, false).ok());
  }

  EntityId Add(Transaction& t, const std::string& name, std::vector<std::string> aliases) {
    PropertyMap props;
    if (!name.empty()) props["name"] = name;
    ValueList list;
    for (auto& a : aliases) list.emplace_back(a);
    if (!list.empty()) props["aliases"] = list;
    auto id = t.CreateEntity({"Company"}, props);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    ids_.push_back(*id);
    return *id;
  }

  // FindByName of every text, or the error's text.
  static std::vector<std::string> Lookups(const Transaction& t,
                                          const std::vector<std::string>& texts) {
    std::vector<std::string> out;
    for (const std::string& text : texts) {
      auto ids = t.FindByName(text);
      std::string line = text + ":";
      if (!ids.ok()) line += " error " + ids.status().ToString();
      for (EntityId id : ids.ok() ? *ids : std::vector<EntityId>{})
        line += " " + std::to_string(id);
      out.push_back(line);
    }
    return out;
  }
};

const std::vector<std::string> kTexts = {
    "NVIDIA",  "nvidia",        "NvIdIa",    "nvidia corp", "英伟达",
    "黄仁勋",  "jensen huang",  "JENSEN",    "jensen",      "σίσυφος",
    "ΣΊΣΥΦΟΣ", "STRASSE",       "straße",    "STRAẞE",      "ünïcödé",
    "ÜNÏCÖDÉ", "only an alias", "",          "Gone",        "deleted corp",
    "nvidia ", "nvidi",         "nvidia\0"s, "\0"s,         "absent"};

// Reads at a snapshot with the copy built (the first RocksDB read builds it).
std::unique_ptr<Transaction> ReadWithCopy(Store& s, EntityId any) {
  auto t = s.BeginRead();
  (void)t->Expand(any, Direction::kBoth, {}, [](const Edge&) { return true; });
  EXPECT_TRUE(t->PeekProperty(any, "name").has_value()) << "the copy was not built";
  return t;
}

TEST_F(TopologyNamesTest, LookupsFromTheCopyEqualTheScans) {
  std::vector<std::string> want;
  {
    auto plain = Open(TopologyOptions(false));
    want = Lookups(*plain->BeginRead(), kTexts);
  }
  auto cached = Open(TopologyOptions(true));
  auto t = ReadWithCopy(*cached, ids_[0]);
  EXPECT_EQ(Lookups(*t, kTexts), want);
  // What the scans say, so that both paths being wrong the same way fails.
  EXPECT_EQ(*t->FindByName("nVIDIA"), (std::vector<EntityId>{ids_[0], ids_[1]}));
  EXPECT_EQ(*t->FindByName("jensen"), (std::vector<EntityId>{ids_[2], ids_[3]}));
  EXPECT_EQ(*t->FindByName("英伟达"), (std::vector<EntityId>{ids_[0]}));
  EXPECT_EQ(*t->FindByName("σίσυφος"), (std::vector<EntityId>{ids_[4]}));
  EXPECT_EQ(*t->FindByName("ONLY AN ALIAS"), (std::vector<EntityId>{ids_[6]}));
  EXPECT_TRUE(t->FindByName("Gone")->empty());
  EXPECT_TRUE(t->FindByName("")->empty());
}

TEST_F(TopologyNamesTest, ACommitIsSeenByNewReadersAndNotByOldOnes) {
  auto s = Open(TopologyOptions(true));
  auto before = ReadWithCopy(*s, ids_[0]);
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    Add(**w, "NVIDIA", {});
    Entity e = *(*w)->GetEntity(ids_[1]);
    e.properties["name"] = Value("Renamed");
    ASSERT_TRUE((*w)->UpdateEntity(e).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(*before->FindByName("nvidia"), (std::vector<EntityId>{ids_[0], ids_[1]}));
  EXPECT_TRUE(before->FindByName("renamed")->empty());
  auto after = ReadWithCopy(*s, ids_[0]);
  EXPECT_EQ(*after->FindByName("nvidia"), (std::vector<EntityId>{ids_[0], ids_.back()}));
  EXPECT_EQ(*after->FindByName("renamed"), (std::vector<EntityId>{ids_[1]}));
  auto plain = s->BeginRead();  // the same snapshot: the same copy
  EXPECT_EQ(Lookups(*after, kTexts), Lookups(*plain, kTexts));
}

TEST_F(TopologyNamesTest, ANameWithANulByteLeavesLookupsToTheScan) {
  {
    auto s = Open({});
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    Add(**w, "nvidia\0x"s, {"a\0b"s});
    ASSERT_TRUE((*w)->Commit().ok());
  }
  std::vector<std::string> texts = kTexts;
  texts.insert(texts.end(), {"NVIDIA\0X"s, "a\0b"s, "a"});
  std::vector<std::string> want;
  {
    auto plain = Open(TopologyOptions(false));
    want = Lookups(*plain->BeginRead(), texts);
  }
  auto cached = Open(TopologyOptions(true));
  auto t = ReadWithCopy(*cached, ids_[0]);
  EXPECT_EQ(Lookups(*t, texts), want);
  EXPECT_EQ(*t->FindByName("A\0B"s), (std::vector<EntityId>{ids_.back()}));
}

TEST_F(TopologyNamesTest, StatsCountTheNameIndexInTheEstimate) {
  auto s = Open({});
  auto st = s->Stats();
  ASSERT_TRUE(st.ok());
  // Per id: 31 bytes of structure, names and labels, 36 of name index.
  EXPECT_GE(st->topology_estimate_bytes, (ids_.size() + 1) * (31 + 36));
}

}  // namespace
}  // namespace kg::storage
