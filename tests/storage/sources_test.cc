// Sources: records and compressed texts round-trip, check notices damage,
// removal takes exactly what came only from a source, quotes are found under
// the documented normalisations and no others.
#include "storage/sources.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/internal/store_internal.h"
#include "storage/quotes.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

class SourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_sources_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    ASSERT_TRUE(Store::Create(dir_.string(), schema::Ontology::Builtin()).ok());
    store_ = Store::Open(dir_.string(), {}).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  SourceRecord Rec(std::string id) {
    SourceRecord r;
    r.id = std::move(id);
    r.title = "Title of " + r.id;
    r.publisher = "Wire";
    r.published = "2025-07";
    r.language = "en";
    return r;
  }
  void Put(const std::string& id, const std::string& text) {
    auto t = store_->BeginWrite().value();
    ASSERT_TRUE(PutSource(*t, Rec(id), text).ok());
    ASSERT_TRUE(t->Commit().ok());
  }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(PublishedTest, AcceptsYearMonthDayPrecisionOnly) {
  for (const char* ok : {"", "2025", "2025-07", "2025-07-17", "2024-02-29"})
    EXPECT_TRUE(ValidatePublished(ok).ok()) << ok;
  for (const char* bad : {"25", "2025-13", "2025-7", "2025-02-30", "July 2025", "2025-07-17T00"})
    EXPECT_FALSE(ValidatePublished(bad).ok()) << bad;
}

TEST_F(SourcesTest, RecordAndTextRoundTrip) {
  std::string text(100000, 'x');
  text += " Huang said \u201Chello\u201D.";
  Put("a.txt", text);
  auto t = store_->BeginRead();
  auto rec = GetSource(*t, "a.txt").value();
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->title, "Title of a.txt");
  EXPECT_EQ(rec->published, "2025-07");
  EXPECT_EQ(rec->sha256, Sha256Hex(text));
  EXPECT_FALSE(rec->added_at.empty());
  EXPECT_EQ(GetSourceText(*t, "a.txt").value(), text);
  // Stored compressed: the repetitive text takes far less than its size.
  auto raw = internal::StoreInternal::Get(*store_, internal::kCfMeta, "source/text/a.txt");
  ASSERT_TRUE(raw.has_value());
  EXPECT_LT(raw->size(), text.size() / 50);
  EXPECT_FALSE(GetSource(*t, "missing").value().has_value());
  EXPECT_EQ(FindSourceBySha(*t, Sha256Hex(text)).value()->id, "a.txt");
  auto labels = SourceLabels(*t).value();
  EXPECT_EQ(labels.at("a.txt").publisher, "Wire");
  EXPECT_TRUE(store_->Check().value().empty());
}

// The publication days a --known-at filter needs are read once per
// snapshot and shared by its read transactions; a reader after a commit sees
// the new source, and a write transaction sees its own before committing.
TEST_F(SourcesTest, PublishedDaysAreSharedWithinOneSnapshotOnly) {
  Put("a.txt", "one");
  auto Days = [](const Transaction& t) {
    RelationFilter f;
    f.known_at = Date::ParseWithPrecision("2025-08-01").value();
    EXPECT_TRUE(AddSourcePublished(t, &f).ok());
    return f.source_published;
  };
  auto r1 = store_->BeginRead();
  auto r2 = store_->BeginRead();
  auto first = Days(*r1);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->size(), 1u);
  EXPECT_EQ(Days(*r2), first) << "the same snapshot shares the map";
  Put("b.txt", "two");
  auto r3 = store_->BeginRead();
  auto after = Days(*r3);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->size(), 2u) << "a new snapshot reads the new source";
  EXPECT_EQ(Days(*r1)->size(), 1u) << "the old snapshot still has its own";
  r1.reset();
  r2.reset();
  r3.reset();
  auto w = store_->BeginWrite().value();
  SourceRecord c = Rec("c.txt");
  c.published = "2025-09-02";
  ASSERT_TRUE(PutSource(*w, c, "three").ok());
  auto own = Days(*w);
  ASSERT_NE(own, nullptr);
  ASSERT_EQ(own->size(), 3u) << "a write sees its own source";
  EXPECT_EQ(own->at("c.txt"), Date::ParseWithPrecision("2025-09-02").value());
}

TEST_F(SourcesTest, DuplicateIdAndBadDateAreRefused) {
  Put("a.txt", "one");
  auto t = store_->BeginWrite().value();
  EXPECT_EQ(PutSource(*t, Rec("a.txt"), "two").code(), StatusCode::kAlreadyExists);
  SourceRecord bad = Rec("b.txt");
  bad.published = "July";
  EXPECT_EQ(PutSource(*t, bad, "x").code(), StatusCode::kInvalidArgument);
}

TEST_F(SourcesTest, CheckReportsDamagedText) {
  Put("a.txt", "some text");
  using internal::StoreInternal;
  ASSERT_TRUE(StoreInternal::Put(*store_, internal::kCfMeta, "source/text/a.txt", "garbage").ok());
  ASSERT_TRUE(StoreInternal::Put(*store_, internal::kCfMeta, "source/text/orphan", "x").ok());
  auto problems = store_->Check().value();
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_NE(all.find("source 'a.txt': text"), std::string::npos) << all;
  EXPECT_NE(all.find("'orphan' has no source record"), std::string::npos) << all;
}

TEST_F(SourcesTest, RemoveTakesExactlyWhatCameOnlyFromTheSource) {
  Put("a.txt", "NVIDIA makes H20. Huawei competes.");
  Put("b.txt", "NVIDIA makes H20 too.");
  auto t = store_->BeginWrite().value();
  EntityId nv = t->CreateEntity({"Company"}, {{"name", "NVIDIA"}}).value();
  EntityId h20 = t->CreateEntity({"Product"}, {{"name", "H20"}}).value();
  EntityId hw = t->CreateEntity({"Company"}, {{"name", "Huawei"}, {"source", "a.txt"}}).value();
  RelationId only_a =
      t->CreateRelation("MAKES", nv, h20, {{"source", "a.txt"}, {"quote", "NVIDIA makes H20."}})
          .value();
  RelationId both =
      t->CreateRelation("MAKES", nv, h20,
                        {{"source", ValueList{"a.txt", "b.txt"}},
                         {"quote", ValueList{"NVIDIA makes H20.", "NVIDIA makes H20 too."}}})
          .value();
  RelationId comp = t->CreateRelation("COMPETES_WITH", hw, nv,
                                      {{"source", "a.txt"}, {"quote", "Huawei competes."}})
                        .value();
  RelationId other = t->CreateRelation("MAKES", nv, h20, {{"source", "b.txt"}}).value();
  ASSERT_TRUE(t->Commit().ok());

  auto w = store_->BeginWrite().value();
  auto sum = RemoveSource(*w, "a.txt").value();
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(sum.relations_deleted, 2u);
  EXPECT_EQ(sum.relations_kept, 1u);
  EXPECT_EQ(sum.entities_deleted, 1u);  // Huawei came only from a.txt
  auto r = store_->BeginRead();
  EXPECT_FALSE(r->GetRelation(only_a).ok());
  EXPECT_FALSE(r->GetRelation(comp).ok());
  EXPECT_FALSE(*r->EntityExists(hw));
  EXPECT_TRUE(*r->EntityExists(nv));
  Relation kept = r->GetRelation(both).value();
  EXPECT_EQ(kept.StringProperty("source"), "b.txt");
  EXPECT_EQ(kept.StringProperty("quote"), "NVIDIA makes H20 too.");
  EXPECT_TRUE(r->GetRelation(other).ok());
  EXPECT_FALSE(GetSource(*r, "a.txt").value().has_value());
  EXPECT_TRUE(store_->Check().value().empty());
  auto counts = CountRelationsBySource(*r).value();
  EXPECT_EQ(counts.at("b.txt"), 2u);
  EXPECT_EQ(counts.count("a.txt"), 0u);
}

TEST_F(SourcesTest, RemoveOfUnknownSourceIsNotFoundAndChangesNothing) {
  auto w = store_->BeginWrite().value();
  EXPECT_EQ(RemoveSource(*w, "nope").status().code(), StatusCode::kNotFound);
}

TEST_F(SourcesTest, CheckQuotesFindsQuotesMissingFromTheirText) {
  Put("a.txt", "Huang said: \u201CHuawei is very strong.\u201D\nNVIDIA   makes\nH20.");
  auto t = store_->BeginWrite().value();
  EntityId nv = t->CreateEntity({"Company"}, {{"name", "NVIDIA"}}).value();
  EntityId h20 = t->CreateEntity({"Product"}, {{"name", "H20"}}).value();
  ASSERT_TRUE(
      t->CreateRelation("MAKES", nv, h20, {{"source", "a.txt"}, {"quote", "NVIDIA makes H20."}})
          .ok());
  ASSERT_TRUE(
      t->CreateRelation("MAKES", nv, h20, {{"source", "a.txt"}, {"quote", "NVIDIA builds H20."}})
          .ok());
  ASSERT_TRUE(t->CreateRelation("MAKES", nv, h20, {{"source", "gone.txt"}, {"quote", "x"}}).ok());
  ASSERT_TRUE(t->Commit().ok());
  auto problems = CheckQuotes(*store_).value();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("NVIDIA builds H20."), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("'gone.txt' has no stored text"), std::string::npos) << problems[1];
}

TEST(QuotesTest, ExactMatchReportsByteOffsets) {
  auto m = FindQuote("ab NVIDIA makes H20.", "NVIDIA makes");
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->exact);
  EXPECT_EQ(m->start, 3u);
  EXPECT_EQ(m->end, 15u);
}

TEST(QuotesTest, ToleratesCurlyQuotesWhitespaceAndNfcOnly) {
  std::string text = "Huang\u2019s \u201Cbest\u201D  chip,\n\tsaid Caf\u00E9 owner.";
  auto m = FindQuote(text, "Huang's \"best\" chip, said");
  ASSERT_TRUE(m.has_value());
  EXPECT_FALSE(m->exact);
  EXPECT_EQ(text.substr(m->start, m->end - m->start),
            "Huang\u2019s \u201Cbest\u201D  chip,\n\tsaid");
  EXPECT_TRUE(FindQuote(text, "Cafe\u0301 owner").has_value());  // decomposed é
  // Not tolerated: case, other words, dashes.
  EXPECT_FALSE(FindQuote(text, "huang's \"best\" chip").has_value());
  EXPECT_FALSE(FindQuote(text, "Huang's \"better\" chip").has_value());
  EXPECT_FALSE(FindQuote("a \u2014 b", "a - b").has_value());
  EXPECT_FALSE(FindQuote(text, "   ").has_value());
}

}  // namespace
}  // namespace kg::storage
