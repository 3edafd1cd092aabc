// The topology copy's labels: PeekLabel answers as the entity's record
// does for every entity and label, says nothing without a copy, for an
// absent entity or in a write transaction, and follows a relabelling once
// a new copy is built after the commit (old readers keep their view).
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/store.h"
#include "tests/storage/test_store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

class TopologyLabelsTest : public FilledStoreTest {
 protected:
  TopologyLabelsTest() : FilledStoreTest("kg_topology_labels_test") {}

  void Fill(Transaction& t) override {
    // Labels created out of name order, sets sharing labels, a node with
    // none, one with a label twice, and nodes of one set apart.
    const std::vector<std::vector<std::string>> sets = {
        {"Zeta"},          {"Alpha", "Zeta"}, {},       {"Mid"},  {"Zeta"},
        {"Zeta", "Alpha"}, {"Mid", "Mid"},    {"Beta"}, {"Alpha"}};
    for (size_t i = 0; i < sets.size(); ++i) {
      PropertyMap props;
      props["name"] = "N" + std::to_string(i);
      auto id = t.CreateEntity(sets[i], props);
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      ids_.push_back(*id);
    }
  }

  // Every entity's answer for every label (known ones, an unknown one and
  // the empty name) equals its record's.
  void ExpectRecordsAnswers(const Transaction& t) {
    for (EntityId id : ids_) {
      Result<Entity> e = t.GetEntity(id);
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      for (const char* label : {"Alpha", "Beta", "Mid", "Zeta", "Nope", "", "alpha"}) {
        std::optional<bool> peeked = t.PeekLabel(id, label);
        ASSERT_TRUE(peeked.has_value()) << "entity " << id << " label " << label;
        EXPECT_EQ(*peeked, e->HasLabel(label)) << "entity " << id << " label " << label;
      }
    }
  }
};

TEST_F(TopologyLabelsTest, TheCopysLabelsAreTheRecords) {
  {
    auto plain = Open(TopologyOptions(false));
    auto t = plain->BeginRead();
    EXPECT_EQ(t->PeekLabel(ids_[0], "Zeta"), std::nullopt) << "no copy, no answer";
  }
  auto s = Open(TopologyOptions(true));
  auto t = s->BeginRead();
  ASSERT_TRUE(*t->WarmTopology());
  ExpectRecordsAnswers(*t);
  EXPECT_EQ(t->PeekLabel(ids_[1], "Alpha"), std::optional<bool>(true));
  EXPECT_EQ(t->PeekLabel(ids_[2], "Alpha"), std::optional<bool>(false));  // no label at all
  EXPECT_EQ(t->PeekLabel(ids_[6], "Mid"), std::optional<bool>(true));     // given twice
  EXPECT_EQ(t->PeekLabel(ids_.back() + 1, "Alpha"), std::nullopt);        // absent
  EXPECT_EQ(t->PeekLabel(999999, "Alpha"), std::nullopt);
}

// In the writing transaction the copy is never asked (its labels may be
// the ones it changes); after the commit, readers of the old snapshot keep
// the old labels and a copy of the new one has the new.
TEST_F(TopologyLabelsTest, ARelabellingIsSeenOnlyWhereItIsTrue) {
  auto s = Open(TopologyOptions(true));
  auto before = s->BeginRead();
  ASSERT_TRUE(*before->WarmTopology());
  ASSERT_EQ(before->PeekLabel(ids_[0], "Zeta"), std::optional<bool>(true));
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    Entity e = *(*w)->GetEntity(ids_[0]);
    e.labels = {"Beta", "Gamma"};
    ASSERT_TRUE((*w)->UpdateEntity(e).ok());
    EXPECT_EQ((*w)->PeekLabel(ids_[0], "Zeta"), std::nullopt);
    EXPECT_EQ((*w)->PeekLabel(ids_[0], "Gamma"), std::nullopt);
    EXPECT_EQ((*w)->PeekLabel(ids_[1], "Alpha"), std::nullopt) << "an unchanged node too";
    auto created = (*w)->CreateEntity({"Gamma"}, {});
    ASSERT_TRUE(created.ok());
    ids_.push_back(*created);
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(before->PeekLabel(ids_[0], "Zeta"), std::optional<bool>(true));
  EXPECT_EQ(before->PeekLabel(ids_[0], "Gamma"), std::optional<bool>(false));
  EXPECT_EQ(before->PeekLabel(ids_.back(), "Gamma"), std::nullopt) << "created after the copy";
  auto after = s->BeginRead();
  EXPECT_EQ(after->PeekLabel(ids_[0], "Zeta"), std::nullopt) << "the old copy is not this one's";
  ASSERT_TRUE(*after->WarmTopology());
  ExpectRecordsAnswers(*after);
  EXPECT_EQ(after->PeekLabel(ids_[0], "Gamma"), std::optional<bool>(true));
  EXPECT_EQ(after->PeekLabel(ids_[0], "Zeta"), std::optional<bool>(false));
  EXPECT_EQ(after->PeekLabel(ids_.back(), "Gamma"), std::optional<bool>(true));
}

// A deleted entity is absent from the next copy: no answer, as its record
// read finds none.
TEST_F(TopologyLabelsTest, ADeletedEntityHasNoAnswer) {
  auto s = Open(TopologyOptions(true));
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->DeleteEntity(ids_[3], false).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto t = s->BeginRead();
  ASSERT_TRUE(*t->WarmTopology());
  EXPECT_EQ(t->PeekLabel(ids_[3], "Mid"), std::nullopt);
  EXPECT_EQ(t->PeekLabel(ids_[6], "Mid"), std::optional<bool>(true));
}

// 65,535 distinct label sets besides the empty one are held (sets of 16
// labels, one for each non-zero 16-bit number); one more leaves the copy
// without labels, every label answered by the record, the rest of the copy
// still there.
TEST(TopologyLabelSetsTest, OneSetMoreThanTheIndexHoldsLeavesLabelsToTheRecords) {
  fs::path dir = CreateTestStore("kg_topology_label_sets_test");
  const std::string path = (dir / "db").string();
  std::vector<EntityId> ids;
  {
    auto s = Store::Open(path, TopologyOptions(true));
    ASSERT_TRUE(s.ok());
    auto w = (*s)->BeginWrite();
    ASSERT_TRUE(w.ok());
    for (uint32_t bits = 1; bits <= 0xFFFF; ++bits) {
      std::vector<std::string> labels;
      for (int b = 0; b < 16; ++b)
        if (bits & (1u << b)) labels.push_back("L" + std::to_string(b));
      auto id = (*w)->CreateEntity(labels, {});
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      ids.push_back(*id);
    }
    ASSERT_TRUE((*w)->Commit().ok());
    auto t = (*s)->BeginRead();
    ASSERT_TRUE(*t->WarmTopology());
    EXPECT_EQ(t->PeekLabel(ids.back(), "L15"), std::optional<bool>(true));
    EXPECT_EQ(t->PeekLabel(ids.back(), "Extra"), std::optional<bool>(false));
    EXPECT_EQ(t->PeekLabel(ids[0], "L1"), std::optional<bool>(false));  // bits 1: L0 only
    t.reset();
    auto more = (*s)->BeginWrite();
    ASSERT_TRUE(more.ok());
    auto extra = (*more)->CreateEntity({"Extra"}, {});
    ASSERT_TRUE(extra.ok());
    ASSERT_TRUE((*more)->Commit().ok());
    auto after = (*s)->BeginRead();
    ASSERT_TRUE(*after->WarmTopology());
    EXPECT_EQ(after->PeekProperty(*extra, "name"), std::optional<Value>(Value()));
    EXPECT_EQ(after->PeekLabel(*extra, "Extra"), std::nullopt);
    EXPECT_EQ(after->PeekLabel(ids.back(), "L15"), std::nullopt);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kg::storage
