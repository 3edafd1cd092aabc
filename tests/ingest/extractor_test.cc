// --extractor: a small script (tests/ingest/fake_extractor.py) answers with
// good and bad candidates; kg keeps the good ones and refuses the rest with
// reasons, exactly as it validates its own.
#include "ingest/extractor.h"

#include <gtest/gtest.h>

#include "ingest_test_util.h"

namespace kg::ingest {
namespace {

using testing::IngestDbTest;
using testing::ReadRepoFile;

class ExtractorTest : public IngestDbTest {};

TEST_F(ExtractorTest, ValidCandidatesJoinAndBadOnesAreRefusedWithReasons) {
  LoadSeedEntities();
  Review r = Analyse("ascend.txt", ReadRepoFile("tests/ingest/eval/ascend.txt"));
  auto txn = store_->BeginRead();
  std::string cmd = "python3 " KG_SOURCE_DIR "/tests/ingest/fake_extractor.py";
  auto res = RunExtractor(cmd, r, *txn, store_->ontology());
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  std::vector<std::string> kept;
  for (const auto& c : res->candidates) kept.push_back(c.id);
  EXPECT_EQ(kept, (std::vector<std::string>{"x1", "x2"}));
  std::string reasons;
  for (const auto& f : res->refused) reasons += f.reason + "\n";
  EXPECT_EQ(res->refused.size(), 4u) << reasons;
  EXPECT_NE(reasons.find("quote is not in the source's text"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("type 'OWNS' is not in the ontology"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("unknown entity candidate 'nobody'"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("not a JSON object"), std::string::npos) << reasons;
}

TEST_F(ExtractorTest, FailingCommandIsAnError) {
  Review r = Analyse("t.txt", "Nothing here.");
  auto txn = store_->BeginRead();
  auto res = RunExtractor("exit 3", r, *txn, store_->ontology());
  ASSERT_FALSE(res.ok());
  EXPECT_NE(res.status().message().find("exit status 3"), std::string::npos);
}

}  // namespace
}  // namespace kg::ingest
