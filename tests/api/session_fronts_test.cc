// The session calls the fronts added beside the query path use: explicit
// transactions (Bolt), the writer-lock wait, the cancel flag (the server's
// shutdown), sources (kg sources, import --sources) and export of a query's
// subgraph (kg export --query, GET /v1/export).
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/api/session_test_util.h"

namespace kg::session {
namespace {

class SessionFrontsTest : public testing::SessionDbTest {
 protected:
  SessionFrontsTest()
      : SessionDbTest(
            "CREATE (:Company {name: 'NVIDIA'})-[:COMPETES_WITH {source: 'a.txt'}]->"
            "(:Company {name: 'Huawei'})") {}
};

TEST_F(SessionFrontsTest, ExplicitTransactionSeesItsWritesUntilRolledBack) {
  std::unique_ptr<Transaction> txn = db_->Begin();
  EXPECT_FALSE(txn->holds_writer());
  ASSERT_TRUE(db_->RunIn(*txn, "CREATE (:Company {name: 'Xiaomi'})", {}).ok());
  EXPECT_TRUE(txn->holds_writer());
  auto inside = db_->RunIn(*txn, "MATCH (c:Company) RETURN count(c)", {});
  ASSERT_TRUE(inside.ok()) << inside.status().ToString();
  EXPECT_EQ(inside->table.rows[0][0].as_int(), 3);
  EXPECT_EQ(Companies(), 2);  // not committed: others do not see it
  db_->Rollback(*txn);
  EXPECT_FALSE(txn->holds_writer());
  EXPECT_EQ(Companies(), 2);
}

TEST_F(SessionFrontsTest, CommitMakesTheTransactionsWritesVisible) {
  std::unique_ptr<Transaction> txn = db_->Begin();
  ASSERT_TRUE(db_->RunIn(*txn, "CREATE (:Company {name: 'Xiaomi'})", {}).ok());
  ASSERT_TRUE(db_->Commit(*txn).ok());
  EXPECT_EQ(Companies(), 3);
  EXPECT_TRUE(db_->Commit(*txn).ok());  // nothing left to commit
}

TEST_F(SessionFrontsTest, AWriteWaitsForTheWriterLockAndThenFailsAsLockTimeout) {
  std::unique_ptr<Transaction> txn = db_->Begin();
  ASSERT_TRUE(db_->RunIn(*txn, "CREATE (:Company {name: 'Xiaomi'})", {}).ok());
  CallOptions options;
  options.lock_wait_seconds = 0.05;
  auto blocked = db_->Run("CREATE (:Company {name: 'Oppo'})", options);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.status().error_class(), "LockTimeout") << blocked.status().ToString();
  // Reads never wait for the writer lock.
  EXPECT_EQ(Companies(), 2);
  ASSERT_TRUE(db_->Commit(*txn).ok());
  ASSERT_TRUE(db_->Run("CREATE (:Company {name: 'Oppo'})", options).ok());
  EXPECT_EQ(Companies(), 4);
}

TEST_F(SessionFrontsTest, ASetCancelFlagStopsTheStatementWithClassCancelled) {
  std::atomic<bool> cancel{true};
  CallOptions options;
  options.cancel = &cancel;
  auto r = db_->Run("UNWIND range(1, 100000) AS i CREATE (:Company {name: 'x'})", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_class(), "Cancelled") << r.status().ToString();
  EXPECT_EQ(Companies(), 2);  // nothing written
}

TEST_F(SessionFrontsTest, SourcesAreStoredListedWithCountsAndRemoved) {
  SourceRecord record;
  record.id = "a.txt";
  record.title = "Chips";
  record.publisher = "Daily";
  ASSERT_TRUE(db_->StoreSources({{record, "NVIDIA competes with Huawei."}}).ok());
  // The same text again is skipped; another text under the id is refused.
  EXPECT_TRUE(db_->StoreSources({{record, "NVIDIA competes with Huawei."}}).ok());
  Status other = db_->StoreSources({{record, "another text"}});
  EXPECT_EQ(other.code(), StatusCode::kAlreadyExists) << other.ToString();

  auto listing = db_->ListSources();
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  ASSERT_EQ(listing->sources.size(), 1u);
  EXPECT_EQ(listing->sources[0].first.title, "Chips");
  EXPECT_EQ(listing->sources[0].second, 1u);
  EXPECT_TRUE(listing->unrecorded.empty());
  auto titles = db_->SourceTitles();
  ASSERT_TRUE(titles.ok());
  EXPECT_EQ(titles->at("a.txt"), "Chips \u2014 Daily");
  auto text = db_->GetSourceText("a.txt");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "NVIDIA competes with Huawei.");

  EXPECT_EQ(db_->RemoveSource("missing.txt").status().code(), StatusCode::kNotFound);
  auto removed = db_->RemoveSource("a.txt");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->relations_deleted, 1u);
  auto gone = db_->GetSource("a.txt");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST_F(SessionFrontsTest, ExportsAQuerySubgraphToAFileAndRefusesAWritingQuery) {
  ExportRequest request;
  request.format = "jsonl";
  request.output = dir_ + "/out.jsonl";
  request.query = "MATCH (c:Company {name: 'NVIDIA'}) RETURN c";
  auto counts = db_->Export(request, nullptr);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->entities, 1u);
  EXPECT_EQ(counts->relations, 0u);
  std::ifstream in(request.output);
  std::stringstream body;
  body << in.rdbuf();
  EXPECT_NE(body.str().find("NVIDIA"), std::string::npos);
  EXPECT_EQ(body.str().find("Huawei"), std::string::npos);

  request.output = dir_ + "/refused.jsonl";
  request.query = "CREATE (:Company {name: 'X'}) RETURN 1";
  auto refused = db_->Export(request, nullptr);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << refused.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(request.output));
  EXPECT_EQ(Companies(), 2);
  EXPECT_EQ(Session::CheckExportFormat("xls").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kg::session
