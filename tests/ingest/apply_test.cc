// Apply: a review lands whole in one transaction, with source, quotes,
// speakers and dates; bad lines are refused with file:line and nothing is
// applied; the same text twice needs --replace; review files round-trip.
#include <gtest/gtest.h>

#include "ingest_test_util.h"
#include "storage/sources.h"

namespace kg::ingest {
namespace {

using testing::IngestDbTest;
using testing::ReadRepoFile;

class ApplyTest : public IngestDbTest {
 protected:
  Review Sample() {
    LoadSeedEntities();
    return Analyse("ascend.txt", ReadRepoFile("tests/ingest/eval/ascend.txt"));
  }
  // The review as written and read back, as the CLI does.
  Review RoundTrip(const Review& r) {
    auto back = ParseReview(ReviewToJsonl(r), "review.jsonl");
    EXPECT_TRUE(back.ok()) << back.status().ToString();
    return back.ok() ? *back : Review{};
  }
  storage::StoreStats Stats() { return store_->Stats().value(); }
};

TEST_F(ApplyTest, ReviewFileRoundTripsWithCodePointOffsets) {
  Review r = Sample();
  Review back = RoundTrip(r);
  ASSERT_EQ(back.candidates.size(), r.candidates.size());
  for (size_t i = 0; i < r.candidates.size(); ++i) {
    EXPECT_EQ(back.candidates[i].start, r.candidates[i].start);
    EXPECT_EQ(back.candidates[i].quote, r.candidates[i].quote);
    EXPECT_EQ(back.candidates[i].line, i + 2);
  }
  EXPECT_EQ(back.text, r.text);
}

TEST_F(ApplyTest, AppliesAcceptedLinesWithProvenanceInOneGo) {
  Review r = RoundTrip(Sample());
  auto before = Stats();
  auto sum = Apply(*store_, r, {}, "review.jsonl");
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_GT(sum->relations_created, 3u);
  EXPECT_GT(sum->entities_created, 1u);
  auto after = Stats();
  EXPECT_EQ(after.relations, before.relations + sum->relations_created);
  auto txn = store_->BeginRead();
  auto rec = storage::GetSource(*txn, "ascend.txt").value();
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(storage::GetSourceText(*txn, "ascend.txt").value(), r.text);
  ASSERT_EQ(txn->FindByName("Lisa Su").value().size(), 1u);
  ASSERT_EQ(txn->FindByName("HWT").value().size(), 1u);  // the alias joined Huawei
  EXPECT_EQ(txn->FindByName("HWT").value(), txn->FindByName("Huawei").value());
  size_t seen = 0;
  ASSERT_TRUE(txn->ScanEdges("",
                             [&](const storage::EdgeTriple& e) {
                               Relation rel = txn->GetRelation(e.relation).value();
                               EXPECT_EQ(rel.StringProperty("source"), "ascend.txt");
                               EXPECT_NE(r.text.find(std::string(rel.StringProperty("quote"))),
                                         std::string::npos);
                               EXPECT_EQ(rel.Find("date")->ToDisplayString(), "2025-07-17");
                               ++seen;
                               return true;
                             })
                  .ok());
  EXPECT_EQ(seen, sum->relations_created);
  EXPECT_TRUE(store_->Check().value().empty());
  EXPECT_TRUE(storage::CheckQuotes(*store_).value().empty());
}

// A source published "2025-07" dates its statements with the month, not an
// invented first day (docs/temporal.md, "Dates with precision").
TEST_F(ApplyTest, MonthPublicationGivesMonthStatementDates) {
  Review week = RoundTrip(Sample());
  week.source.published = "2025-W28";  // a week is not a publication date
  auto refused = Apply(*store_, week, {}, "review.jsonl");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("publication date '2025-W28'"), std::string::npos)
      << refused.status().ToString();
  Review r = RoundTrip(Sample());
  r.source.published = "2025-07";
  auto sum = Apply(*store_, r, {}, "review.jsonl");
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  auto txn = store_->BeginRead();
  size_t seen = 0;
  ASSERT_TRUE(txn->ScanEdges("",
                             [&](const storage::EdgeTriple& e) {
                               Relation rel = txn->GetRelation(e.relation).value();
                               EXPECT_EQ(rel.said(), *Date::ParseWithPrecision("2025-07"));
                               EXPECT_EQ(rel.said()->precision(), DatePrecision::kMonth);
                               EXPECT_EQ(rel.Find("date_precision"), nullptr);
                               ++seen;
                               return true;
                             })
                  .ok());
  EXPECT_EQ(seen, sum->relations_created);
}

TEST_F(ApplyTest, BadLinesAreRefusedWithFileAndLineAndNothingApplied) {
  Review r = RoundTrip(Sample());
  for (auto& c : r.candidates) {
    if (c.kind == CandidateKind::kRelation && c.line == 0) continue;
  }
  // An unknown type, an edited quote, an unknown endpoint.
  Candidate* rel[3] = {};
  size_t n = 0;
  for (auto& c : r.candidates)
    if (c.kind == CandidateKind::kRelation && c.accept && n < 3) rel[n++] = &c;
  ASSERT_EQ(n, 3u);
  rel[0]->type = "LIKES";
  rel[1]->quote = "Huawei builds rockets.";
  rel[2]->to = "e999";
  auto before = Stats();
  auto sum = Apply(*store_, r, {}, "review.jsonl");
  ASSERT_FALSE(sum.ok());
  const std::string& m = sum.status().message();
  EXPECT_NE(m.find("review.jsonl:" + std::to_string(rel[0]->line) +
                   ": type 'LIKES' is not in the ontology"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("review.jsonl:" + std::to_string(rel[1]->line) +
                   ": quote is not in the source's text"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("review.jsonl:" + std::to_string(rel[2]->line) +
                   ": to: unknown entity candidate 'e999'"),
            std::string::npos)
      << m;
  auto after = Stats();
  EXPECT_EQ(after.entities, before.entities);
  EXPECT_EQ(after.relations, before.relations);
  EXPECT_FALSE(storage::GetSource(*store_->BeginRead(), "ascend.txt").value().has_value());
}

TEST_F(ApplyTest, SameTextTwiceNeedsReplaceWhichSwapsAtomically) {
  Review r = RoundTrip(Sample());
  auto first = Apply(*store_, r, {}, "review.jsonl");
  ASSERT_TRUE(first.ok());
  auto again = Apply(*store_, r, {}, "review.jsonl");
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto stats = Stats();
  ApplyOptions o;
  o.replace = true;
  auto swapped = Apply(*store_, r, o, "review.jsonl");
  ASSERT_TRUE(swapped.ok()) << swapped.status().ToString();
  EXPECT_TRUE(swapped->replaced);
  EXPECT_EQ(swapped->removed.relations_deleted, first->relations_created);
  EXPECT_EQ(Stats().relations, stats.relations);
  EXPECT_EQ(Stats().entities, stats.entities);
  EXPECT_TRUE(store_->Check().value().empty());
}

TEST_F(ApplyTest, AutoAcceptUsesTheThresholdInsteadOfTheFlags) {
  Review r = RoundTrip(Sample());
  for (auto& c : r.candidates) c.accept = false;
  ApplyOptions o;
  o.auto_accept = 0.95;  // only the literal role statements pass
  auto sum = Apply(*store_, r, o, "review.jsonl");
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  size_t expected = 0;
  for (const auto& c : r.candidates)
    if (c.kind == CandidateKind::kRelation && c.confidence >= 0.95) ++expected;
  EXPECT_EQ(sum->relations_created, expected);
}

TEST_F(ApplyTest, EditedSourceTextIsRefused) {
  std::string jsonl = ReviewToJsonl(Sample());
  size_t at = jsonl.find("Ascend 910B");
  jsonl.replace(at, 6, "Zscend");
  auto r = ParseReview(jsonl, "review.jsonl");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("review.jsonl:1: the source's text does not match"),
            std::string::npos)
      << r.status().message();
}

TEST_F(ApplyTest, MalformedLinesAreAllListed) {
  std::string jsonl = ReviewToJsonl(Sample());
  jsonl += "{not json\n{\"kind\":\"thing\",\"id\":\"z\"}\n";
  auto r = ParseReview(jsonl, "review.jsonl");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(": not a JSON object"), std::string::npos);
  EXPECT_NE(r.status().message().find(": unknown kind 'thing'"), std::string::npos);
}

// POST /v1/ingest/apply takes the lines as one JSON array too: element N
// is line N, and without an origin a message says "line N: ".
TEST_F(ApplyTest, JsonArrayReviewReadsAsItsLines) {
  Review r = Sample();
  std::string jsonl = ReviewToJsonl(r);
  std::string array = "[";
  for (size_t pos = 0; pos < jsonl.size();) {
    size_t e = jsonl.find('\n', pos);
    array += (pos == 0 ? "" : ",\n ") + jsonl.substr(pos, e - pos);
    pos = e + 1;
  }
  array += "]";
  auto back = ParseReview(array, "");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->candidates.size(), r.candidates.size());
  for (size_t i = 0; i < r.candidates.size(); ++i) {
    EXPECT_EQ(back->candidates[i].line, i + 2);
    EXPECT_EQ(back->candidates[i].start, r.candidates[i].start);
    EXPECT_EQ(back->candidates[i].quote, r.candidates[i].quote);
    EXPECT_EQ(back->candidates[i].confidence, r.candidates[i].confidence);
  }
  EXPECT_EQ(back->text, r.text);

  std::string bad = array;
  bad.insert(bad.size() - 1, ", 7");  // not a line object: refused as its line
  auto refused = ParseReview(bad, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(
      refused.status().message().rfind("line " + std::to_string(r.candidates.size() + 2) + ": ", 0),
      0u)
      << refused.status().message();
  auto malformed = ParseReview("[{\"kind\": \"source\"", "");
  ASSERT_FALSE(malformed.ok());
  EXPECT_NE(malformed.status().message().find("not a JSON array"), std::string::npos);
}

TEST_F(ApplyTest, RefusalsWithoutAnOriginNameTheLine) {
  Review r = RoundTrip(Sample());
  for (Candidate& c : r.candidates) {
    if (c.kind == CandidateKind::kRelation && c.accept) {
      c.type = "LIKES";
      break;
    }
  }
  auto before = Stats();
  auto sum = Apply(*store_, r, {}, "");
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.status().message().rfind("line ", 0), 0u) << sum.status().message();
  EXPECT_NE(sum.status().message().find(": type 'LIKES' is not in the ontology"),
            std::string::npos);
  EXPECT_EQ(Stats().relations, before.relations);
}

}  // namespace
}  // namespace kg::ingest
