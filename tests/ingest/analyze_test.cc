// Analyze on a written article and on the two bundled ones: linking, new
// entities with kinds, aliases, relations with direction and negation,
// speakers and stance -- and every quote verbatim at its offsets.
#include <gtest/gtest.h>

#include <algorithm>

#include "ingest_test_util.h"

namespace kg::ingest {
namespace {

using testing::IngestDbTest;
using testing::ReadRepoFile;

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string All(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

class AnalyzeTest : public IngestDbTest {};

TEST_F(AnalyzeTest, LinksKnownEntitiesAndProposesNewOnesWithKinds) {
  LoadSeedEntities();
  Review r = Analyse("ascend.txt", ReadRepoFile("tests/ingest/eval/ascend.txt"));
  for (const char* known : {"Huawei", "NVIDIA", "H20", "Jensen Huang", "AMD", "Qualcomm",
                            "U.S. Department of Commerce", "China", "Xiaomi"}) {
    const Candidate* c = Entity(r, known);
    ASSERT_NE(c, nullptr) << known;
    EXPECT_TRUE(c->links_to.has_value()) << known;
  }
  struct New {
    const char* name;
    const char* label;
  };
  for (New n : {New{"Ascend 910B", "Product"}, New{"Howard Lutnick", "Person"},
                New{"Lisa Su", "Person"}, New{"MI308", "Product"}}) {
    const Candidate* c = Entity(r, n.name);
    ASSERT_NE(c, nullptr) << n.name;
    EXPECT_FALSE(c->links_to.has_value());
    EXPECT_EQ(c->label, n.label) << n.name;
  }
  bool alias = std::any_of(r.candidates.begin(), r.candidates.end(), [](const Candidate& c) {
    return c.kind == CandidateKind::kAlias && c.name == "HWT";
  });
  EXPECT_TRUE(alias);
}

TEST_F(AnalyzeTest, RelationsFollowCuesDirectionAndNegation) {
  LoadSeedEntities();
  Review r = Analyse("ascend.txt", ReadRepoFile("tests/ingest/eval/ascend.txt"));
  auto rel = Relations(r);
  EXPECT_TRUE(Has(rel, "Ascend 910B -COMPETES_WITH-> H20")) << All(rel);
  EXPECT_TRUE(Has(rel, "Xiaomi -USES-> Qualcomm")) << All(rel);
  EXPECT_TRUE(Has(rel, "Jensen Huang -LEADS-> NVIDIA")) << All(rel);
  EXPECT_TRUE(Has(rel, "Lisa Su -LEADS-> AMD")) << All(rel);
  // "have not been approved by": passive and negated -> pending review.
  EXPECT_TRUE(Has(rel, "U.S. Department of Commerce -REVIEWS_APPROVAL-> H20")) << All(rel);
  EXPECT_FALSE(Has(rel, "U.S. Department of Commerce -APPROVES-> H20")) << All(rel);
}

TEST_F(AnalyzeTest, SpeakersAndStance) {
  LoadSeedEntities();
  Review r = Analyse("ascend.txt", ReadRepoFile("tests/ingest/eval/ascend.txt"));
  const Candidate* praise = nullptr;
  const Candidate* criticism = nullptr;
  std::map<std::string, std::string> names;
  for (const auto& c : r.candidates) names[c.id] = c.name;
  for (const auto& c : r.candidates) {
    if (c.kind != CandidateKind::kRelation) continue;
    if (names[c.from] == "Jensen Huang" && names[c.to] == "Huawei" && c.stance) praise = &c;
    if (names[c.from] == "Lisa Su" && c.type == "CRITICIZES") criticism = &c;
  }
  ASSERT_NE(praise, nullptr) << All(Relations(r));
  EXPECT_GT(*praise->stance, 0);
  EXPECT_EQ(praise->speaker, "Jensen Huang");
  // '"...," Su said' resolves the surname to the person named earlier.
  ASSERT_NE(criticism, nullptr) << All(Relations(r));
  EXPECT_LT(*criticism->stance, 0);
  EXPECT_EQ(criticism->speaker, "Lisa Su");
}

TEST_F(AnalyzeTest, HeSaidIsTheLastNamedPerson) {
  LoadSeedEntities();
  std::string text =
      "Jensen Huang visited Beijing.\n\n\u201CXiaomi is an incredible company,\u201D he said.\n";
  Review r = Analyse("t.txt", text);
  std::map<std::string, std::string> names;
  for (const auto& c : r.candidates) names[c.id] = c.name;
  bool found = std::any_of(r.candidates.begin(), r.candidates.end(), [&](const Candidate& c) {
    return c.type == "PRAISES" && names[c.from] == "Jensen Huang" && names[c.to] == "Xiaomi" &&
           c.speaker == "Jensen Huang";
  });
  EXPECT_TRUE(found) << All(Relations(r));
}

TEST_F(AnalyzeTest, QuotationsSpanningParagraphsKeepTheirSpeaker) {
  LoadSeedEntities();
  std::string text =
      "Jensen Huang spoke at length.\n\n"
      "\u201CWe have worked with Xiaomi for years. The work goes on.\n\n"
      "\u201CAnd Huawei is a formidable competitor,\u201D Huang said.\n";
  Review r = Analyse("t.txt", text);
  std::map<std::string, std::string> names;
  for (const auto& c : r.candidates) names[c.id] = c.name;
  bool found = std::any_of(r.candidates.begin(), r.candidates.end(), [&](const Candidate& c) {
    return c.type == "RESPECTS" && names[c.to] == "Huawei" && c.speaker == "Jensen Huang";
  });
  EXPECT_TRUE(found) << All(Relations(r));
}

TEST_F(AnalyzeTest, AmbiguousMentionIsReportedNotGuessed) {
  {
    auto t = store_->BeginWrite().value();
    ASSERT_TRUE(t->CreateEntity({"Company"}, {{"name", "Apple"}}).ok());
    ASSERT_TRUE(
        t->CreateEntity({"Product"}, {{"name", "Apple Watch"}, {"aliases", ValueList{"APPLE"}}})
            .ok());
    ASSERT_TRUE(t->Commit().ok());
  }
  Review r = Analyse("t.txt", "Apple makes phones.");
  const Candidate* c = Entity(r, "Apple");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->links_to.has_value());
  EXPECT_EQ(c->ambiguous.size(), 2u);
  EXPECT_FALSE(c->accept);
  EXPECT_NE(c->why.find("ambiguous"), std::string::npos);
}

// The invariant: every candidate's quote is the text at its offsets, on the
// bundled articles (noisy tickers, transcript, curly quotes) and the eval set.
TEST_F(AnalyzeTest, EveryQuoteIsVerbatimAtItsOffsets) {
  LoadSeedEntities();
  for (const char* f :
       {"data/sources/000_4fb6684bd204918f.txt", "data/sources/001_37253d321038e9e0.txt",
        "tests/ingest/eval/ascend.txt", "tests/ingest/eval/export_rule.txt",
        "tests/ingest/eval/memory.txt", "tests/ingest/eval/xiaomi_car.txt"}) {
    std::string text = ReadRepoFile(f);
    AnalyzeStats stats;
    Review r = Analyse(f, text, &stats);
    EXPECT_EQ(stats.unverified_dropped, 0u) << f;
    EXPECT_GT(r.candidates.size(), 10u) << f;
    for (const Candidate& c : r.candidates) {
      ASSERT_LE(c.end, text.size());
      EXPECT_EQ(text.substr(c.start, c.end - c.start), c.quote) << f << " " << c.id;
    }
    auto txn = store_->BeginRead();
    EXPECT_TRUE(ValidateReview(*txn, store_->ontology(), r, true).empty()) << f;
  }
}

TEST_F(AnalyzeTest, TickerNoiseLinksToTheCleanEntity) {
  LoadSeedEntities();
  Review r = Analyse("001.txt", ReadRepoFile("data/sources/001_37253d321038e9e0.txt"));
  const Candidate* c = Entity(r, "NVIDIA");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->links_to.has_value());
  EXPECT_EQ(Entity(r, "NVIDIANVDA--"), nullptr);
}

}  // namespace
}  // namespace kg::ingest
