// kg ingest, kg sources, kg import --sources and kg check --quotes end to end.
#include <gtest/gtest.h>

#include "cli_test_util.h"

namespace kg::cli::testing {
namespace {

const std::string kRoot = KG_SOURCE_DIR;
const std::string kArticle = kRoot + "/tests/ingest/eval/ascend.txt";

class IngestCliTest : public KgDbTest {
 protected:
  void LoadBundled() {
    Output o = Kg("import -q --nodes " + Quote(kRoot + "/data/seed/entities.csv") + " --edges " +
                  Quote(kRoot + "/data/seed/relations.csv") + " --sources " +
                  Quote(kRoot + "/data/sources/sources.json"));
    ASSERT_EQ(o.code, 0) << o.err;
  }
  std::string Review() { return (dir_ / "review.jsonl").string(); }
  // kg stats without the size on disk, which compactions change.
  std::string Counts() {
    std::string out, all = Kg("stats").out;
    std::istringstream in(all);
    for (std::string line; std::getline(in, line);)
      // The size on disk, and the topology copy's estimate (its arrays span
      // the id range, and ids are never reused), change with any write.
      if (line.find("size on disk") == std::string::npos &&
          line.find("topology cache") == std::string::npos)
        out += line + "\n";
    return out;
  }
};

TEST_F(IngestCliTest, BundledSourcesLoadListAndPassQuoteCheck) {
  LoadBundled();
  Output o = Kg("sources");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("000_4fb6684bd204918f.txt  539 relations"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Wallstreetcn, 2025-07-17"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("001_37253d321038e9e0.txt  89 relations"), std::string::npos) << o.out;
  o = Kg("check --quotes");
  EXPECT_EQ(o.code, 0) << o.out << o.err;
  o = Kg("get 'Lei Jun' --limit 1");
  EXPECT_NE(o.out.find("source \"Jensen Huang Exchange Meeting"), std::string::npos) << o.out;
  o =
      Kg("query --format csv \"MATCH ()-[r:PRAISES]->() RETURN DISTINCT kg.source(r).publisher "
         "AS p ORDER BY p\"");
  EXPECT_NE(o.out.find("Wallstreetcn"), std::string::npos) << o.out << o.err;
}

TEST_F(IngestCliTest, SourcesFileWithWrongShaIsRefusedAndNothingImported) {
  std::string dir = (dir_ / "src").string();
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/a.txt") << "text";
  std::ofstream(dir + "/sources.json") << R"([{"file":"a.txt","sha256":"00"}])";
  Output o = Kg("import --sources " + Quote(dir + "/sources.json"));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("record 1: a.txt has SHA-256"), std::string::npos) << o.err;
  EXPECT_NE(Kg("sources").out.find("no sources"), std::string::npos);
}

TEST_F(IngestCliTest, IngestReviewApplyQueryAndRemove) {
  LoadBundled();
  Output o = Kg("ingest " + Quote(kArticle) +
                " --title 'Huawei Pushes Ascend 910B' --publisher 'Example Wire' --date 2025-07-18"
                " -o " +
                Quote(Review()));
  ASSERT_EQ(o.code, 0) << o.err;
  std::string review = Slurp(Review());
  EXPECT_NE(review.find("\"kind\":\"source\""), std::string::npos);
  EXPECT_NE(review.find("\"name\":\"Lisa Su\""), std::string::npos);
  std::string before = Counts();
  o = Kg("ingest --apply " + Quote(Review()));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("applied source 'ascend.txt'"), std::string::npos) << o.out;
  o =
      Kg("query --format csv \"MATCH (p {name:'Lisa Su'})-[r]->(x) RETURN type(r), x.name, "
         "kg.source(r).publisher, r.date ORDER BY type(r)\"");
  EXPECT_NE(o.out.find("LEADS,AMD,Example Wire,2025-07-18"), std::string::npos) << o.out << o.err;
  EXPECT_EQ(Kg("check --quotes").code, 0);
  // The same text again is refused; --replace swaps it.
  o = Kg("ingest --apply " + Quote(Review()));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("already holds this text (same SHA-256)"), std::string::npos) << o.err;
  EXPECT_EQ(Kg("ingest --replace --apply " + Quote(Review())).code, 0);
  o = Kg("sources remove ascend.txt");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(Kg("check").code, 0);
}

TEST_F(IngestCliTest, BadReviewLinesAreRefusedWithFileAndLine) {
  LoadBundled();
  ASSERT_EQ(Kg("ingest " + Quote(kArticle) + " -o " + Quote(Review())).code, 0);
  std::string review = Slurp(Review());
  size_t at = review.find("\"type\":\"USES\"");
  ASSERT_NE(at, std::string::npos);
  review.replace(at, 13, "\"type\":\"LIKES\"");
  std::ofstream(Review(), std::ios::trunc) << review;
  size_t line = 1;
  for (size_t i = 0; i < at; ++i) line += review[i] == '\n';
  std::string before = Counts();
  Output o = Kg("ingest --apply " + Quote(Review()));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(
      o.err.find("review.jsonl:" + std::to_string(line) + ": type 'LIKES' is not in the ontology"),
      std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("nothing applied"), std::string::npos);
  EXPECT_EQ(Counts(), before);
}

TEST_F(IngestCliTest, NonUtf8AndHtmlInputs) {
  std::string bad = (dir_ / "latin1.txt").string();
  std::ofstream(bad) << "Caf\xE9 NVIDIA";
  Output o = Kg("ingest " + Quote(bad) + " -o -");
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("not UTF-8 (invalid byte 0xE9 at offset 3)"), std::string::npos) << o.err;
  std::string html = (dir_ / "a.html").string();
  std::ofstream(html) << "<html><nav>NVIDIA menu</nav><p>Xiaomi uses Qualcomm chips.</p>"
                         "<script>Huawei()</script></html>";
  LoadBundled();
  o = Kg("ingest " + Quote(html) + " -o -");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("\"type\":\"USES\""), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("\"name\":\"Huawei\""), std::string::npos) << o.out;
}

TEST_F(IngestCliTest, AutoAcceptAppliesWithoutAReviewFile) {
  LoadBundled();
  Output o = Kg("ingest " + Quote(kArticle) + " --auto-accept 0.85");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("applied source 'ascend.txt'"), std::string::npos);
  o =
      Kg("query --format csv \"MATCH ()-[r]->() WHERE r.source = 'ascend.txt' AND "
         "r.confidence < 0.85 RETURN count(r)\"");
  EXPECT_NE(o.out.find("\n0"), std::string::npos) << o.out;
}

TEST_F(IngestCliTest, ExtractorCandidatesAreValidated) {
  LoadBundled();
  Output o = Kg("ingest " + Quote(kArticle) + " -o - --extractor " +
                Quote("python3 " + kRoot + "/tests/ingest/fake_extractor.py"));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("\"id\":\"x2\""), std::string::npos);
  EXPECT_EQ(o.out.find("\"id\":\"x4\""), std::string::npos);
  EXPECT_NE(o.err.find("refused: type 'OWNS' is not in the ontology"), std::string::npos) << o.err;
}

}  // namespace
}  // namespace kg::cli::testing
