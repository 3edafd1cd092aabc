// The topology copy's names: a name of up to 15 bytes is kept in its
// entity's slot, a longer one beside them, and PeekProperty reads either
// back as the record holds it; PeekedNamesUnique says whether two entities
// share a string name, for the snapshot the transaction reads only.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.h"
#include "tests/storage/test_store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage {
namespace {

using namespace std::string_literals;

// A name property per entity; nullopt: the entity has none.
using Names = std::vector<std::optional<Value>>;

class TopologyNameSlotsTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = CreateTestStore("kg_topology_name_slots_test"); }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Opens the store with the copy built on first use.
  void Open() {
    auto s = Store::Open((dir_ / "db").string(), TopologyOptions(true));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  // Creates one entity per name in one commit; their ids.
  std::vector<EntityId> Create(const Names& names) {
    std::vector<EntityId> ids;
    auto w = store_->BeginWrite();
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    if (!w.ok()) return ids;
    for (const auto& name : names) {
      PropertyMap props;
      if (name) props["name"] = *name;
      auto id = (*w)->CreateEntity({"L"}, props);
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      if (id.ok()) ids.push_back(*id);
    }
    Status committed = (*w)->Commit();
    EXPECT_TRUE(committed.ok()) << committed.ToString();
    return ids;
  }
  // A read transaction with the copy of its snapshot built.
  std::unique_ptr<Transaction> Reader() {
    auto t = store_->BeginRead();
    Result<bool> warmed = t->WarmTopology();
    EXPECT_TRUE(warmed.ok() && *warmed);
    return t;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(TopologyNameSlotsTest, EveryLengthReadsBackAsTheRecordHoldsIt) {
  Open();
  const Names names = {Value(""),
                       Value("a"),
                       Value(std::string(14, 'x')),
                       Value(std::string(15, 'y')),  // the longest a slot holds
                       Value(std::string(16, 'z')),  // the shortest kept beside
                       Value(std::string(300, 'w')),
                       Value("Zürich 英伟达 ΣΊΣΥΦΟΣ"),
                       Value("nul\0inside"s),
                       Value(int64_t{7}),  // not a string: the record is read
                       std::nullopt,
                       Value("A")};  // "a" in another case
  std::vector<EntityId> ids = Create(names);
  ASSERT_EQ(ids.size(), names.size());
  auto t = Reader();
  for (size_t i = 0; i < ids.size(); ++i) {
    std::optional<Value> peeked = t->PeekProperty(ids[i], "name");
    if (i == 8) {
      EXPECT_EQ(peeked, std::nullopt);
    } else if (!names[i]) {
      EXPECT_EQ(peeked, std::optional<Value>(Value()));
    } else {
      EXPECT_EQ(peeked, names[i]) << "entity " << i;
    }
  }
  // A hint only: any ids, absent ones included, and nothing changes.
  t->PrefetchNames(ids);
  t->PrefetchNames(std::vector<EntityId>{0, 999999});
  EXPECT_EQ(t->PeekProperty(ids[5], "name"), names[5]);
  EXPECT_EQ(t->PeekProperty(999999, "name"), std::nullopt);
  // Names that differ only in case, and entities without a string name,
  // share nothing.
  EXPECT_TRUE(t->PeekedNamesUnique());
}

TEST_F(TopologyNameSlotsTest, TwoEntitiesOfOneNameAreSeenAtAnyLength) {
  Open();
  const std::vector<std::string> shared = {"", "Acme", std::string(15, 'q'), std::string(16, 'q'),
                                           std::string(90, 'r')};
  for (const std::string& name : shared) {
    SCOPED_TRACE("name of " + std::to_string(name.size()) + " bytes");
    Create({Value(name + "!"), Value("ACME" + name), Value(name)});
    auto before = Reader();
    EXPECT_TRUE(before->PeekedNamesUnique());
    Create({Value(name)});
    auto after = Reader();
    EXPECT_FALSE(after->PeekedNamesUnique());
    EXPECT_TRUE(before->PeekedNamesUnique()) << "the older snapshot keeps its answer";
    // Start again from an empty graph for the next length.
    before.reset();
    after.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
    dir_ = CreateTestStore("kg_topology_name_slots_test");
    Open();
  }
}

TEST_F(TopologyNameSlotsTest, WithoutTheCopyNothingIsKnown) {
  Open();
  std::vector<EntityId> ids = Create({Value("one"), Value("two")});
  {
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    EXPECT_FALSE((*w)->PeekedNamesUnique()) << "a write transaction reads no copy";
  }
  store_.reset();
  auto s = Store::Open((dir_ / "db").string(), TopologyOptions(false));
  ASSERT_TRUE(s.ok());
  auto t = (*s)->BeginRead();
  EXPECT_FALSE(t->PeekedNamesUnique());
  t->PrefetchNames(ids);
  EXPECT_EQ(t->PeekProperty(ids[0], "name"), std::nullopt);
}

}  // namespace
}  // namespace kg::storage
