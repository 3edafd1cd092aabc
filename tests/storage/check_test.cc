// Store::Check: a sound database reports nothing; each kind of damage,
// written through StoreInternal, is reported by its own line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/internal/store_internal.h"
#include "storage/store.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;
using internal::StoreInternal;
namespace in = internal;

class CheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_check_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    ASSERT_TRUE(Store::Create(dir_.string(), schema::Ontology::Builtin()).ok());
    store_ = Store::Open(dir_.string(), {}).value();
    auto t = store_->BeginWrite().value();
    nv_ =
        t->CreateEntity({"Company"}, {{"name", "NVIDIA"}, {"aliases", ValueList{"NVDA"}}}).value();
    h20_ = t->CreateEntity({"Product"}, {{"name", "H20"}}).value();
    makes_ = t->CreateRelation("MAKES", nv_, h20_, {}).value();
    ASSERT_TRUE(t->Commit().ok());
    type_ = StoreInternal::TypeId(*store_, "MAKES").value();
    company_ = StoreInternal::LabelId(*store_, "Company").value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::vector<std::string> Problems() {
    auto r = store_->Check();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<std::string>{};
  }

  // Asserts that some reported line contains `text`.
  void ExpectReported(const std::string& text) {
    auto problems = Problems();
    bool found = false;
    for (const auto& p : problems) found = found || p.find(text) != std::string::npos;
    std::string all;
    for (const auto& p : problems) all += p + "\n";
    EXPECT_TRUE(found) << "expected '" << text << "' among:\n" << all;
  }

  std::string OutKey() { return in::EncodeAdjKey({nv_, type_, h20_, makes_}); }
  std::string InKey() { return in::EncodeAdjKey({h20_, type_, nv_, makes_}); }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  EntityId nv_ = 0, h20_ = 0;
  RelationId makes_ = 0;
  uint32_t type_ = 0, company_ = 0;
};

TEST_F(CheckTest, SoundDatabaseHasNoProblems) { EXPECT_TRUE(Problems().empty()); }

TEST_F(CheckTest, MissingOutEntryIsReported) {
  ASSERT_TRUE(StoreInternal::Delete(*store_, in::kCfOut, OutKey()).ok());
  ExpectReported("relation " + std::to_string(makes_) + ": no out adjacency entry");
}

TEST_F(CheckTest, MissingInEntryIsReported) {
  ASSERT_TRUE(StoreInternal::Delete(*store_, in::kCfIn, InKey()).ok());
  ExpectReported("relation " + std::to_string(makes_) + ": no in adjacency entry");
}

TEST_F(CheckTest, AdjacencyWithoutRelationRecordIsReported) {
  ASSERT_TRUE(
      StoreInternal::Put(*store_, in::kCfOut, in::EncodeAdjKey({nv_, type_, h20_, 77}), "").ok());
  ExpectReported("out entry of node " + std::to_string(nv_) + " (relation 77): no relation record");
}

TEST_F(CheckTest, AdjacencyDisagreeingWithRecordIsReported) {
  ASSERT_TRUE(StoreInternal::Delete(*store_, in::kCfIn, InKey()).ok());
  ASSERT_TRUE(
      StoreInternal::Put(*store_, in::kCfIn, in::EncodeAdjKey({nv_, type_, h20_, makes_}), "")
          .ok());
  ExpectReported("does not match the relation record");
}

TEST_F(CheckTest, RelationWithMissingEndpointIsReported) {
  ASSERT_TRUE(StoreInternal::Delete(*store_, in::kCfEntities, in::IdKey(h20_)).ok());
  ExpectReported("end node " + std::to_string(h20_) + " does not exist");
  ExpectReported("-> " + std::to_string(h20_) + ": no such entity");  // its name entry
}

TEST_F(CheckTest, UndecodableRecordIsReportedAndReadIsCorruption) {
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfEntities, in::IdKey(nv_), "garbage!").ok());
  ExpectReported("entity " + std::to_string(nv_) + ": entity record");
  auto e = store_->BeginRead()->GetEntity(nv_);
  EXPECT_EQ(e.status().code(), StatusCode::kCorruption);
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfRelations, in::IdKey(makes_), "bad").ok());
  ExpectReported("relation " + std::to_string(makes_) + ": relation record has a bad size");
  EXPECT_EQ(store_->BeginRead()->GetRelation(makes_).status().code(), StatusCode::kCorruption);
}

TEST_F(CheckTest, MissingNameEntryIsReported) {
  ASSERT_TRUE(StoreInternal::Delete(*store_, in::kCfNames, in::NameKey("NVDA", nv_)).ok());
  ExpectReported("entity " + std::to_string(nv_) + ": not in the name index under 'nvda'");
}

TEST_F(CheckTest, StaleNameEntryIsReported) {
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfNames, in::NameKey("Huawei", nv_), "").ok());
  ExpectReported("name index 'huawei' -> " + std::to_string(nv_) +
                 ": not the entity's name or alias");
}

TEST_F(CheckTest, LabelIndexProblemsAreReported) {
  ASSERT_TRUE(StoreInternal::Delete(*store_, in::kCfLabels, in::LabelKey(company_, nv_)).ok());
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfLabels, in::LabelKey(company_, h20_), "").ok());
  ExpectReported("entity " + std::to_string(nv_) + ": not in the label index under 'Company'");
  ExpectReported("entity does not have label 'Company'");
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfLabels, in::LabelKey(999, nv_), "").ok());
  ExpectReported("label id not in the dictionary");
}

TEST_F(CheckTest, WrongCountsAreReported) {
  ASSERT_TRUE(
      StoreInternal::Put(*store_, in::kCfMeta, in::kMetaCountEntities, in::U64Value(99)).ok());
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfMeta, std::string(in::kMetaCountType) + "MAKES",
                                 in::U64Value(5))
                  .ok());
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfMeta, std::string(in::kMetaCountLabel) + "Person",
                                 in::U64Value(1))
                  .ok());
  ExpectReported("count/entities is 99, real 2");
  ExpectReported("count/type/MAKES is 5, real 1");
  ExpectReported("count/label/Person is 1, real 0");
}

TEST_F(CheckTest, IdAboveCounterIsReported) {
  ASSERT_TRUE(StoreInternal::Put(*store_, in::kCfMeta, in::kMetaNextEntity, in::U64Value(1)).ok());
  ExpectReported("id not below the id counter");
}

TEST_F(CheckTest, MissingFormatVersionIsReported) {
  ASSERT_TRUE(StoreInternal::Delete(*store_, in::kCfMeta, in::kMetaFormatVersion).ok());
  ExpectReported("meta: format version missing");
}

}  // namespace
}  // namespace kg::storage
