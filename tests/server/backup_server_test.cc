// POST /v1/backup: online backups of the database a running `kg serve`
// holds, into its --backup-dir, while it keeps serving; the backups restore
// with `kg restore` to exactly what was committed before each began.
#include <filesystem>

#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "backup-token";

class BackupServerTest : public SeededServerTest {
 protected:
  BackupServerTest() : SeededServerTest(kToken) {}
  std::string backups() const { return dir_.path() + "/backups"; }
  HttpReply PostBackup(const ServerProcess& server, const std::string& token,
                       const std::string& body = "") {
    std::vector<std::string> args = {"-X", "POST", "--data-binary", body};
    if (!token.empty()) {
      args.push_back("-H");
      args.push_back("Authorization: Bearer " + token);
    }
    return Curl(server.url("/v1/backup"), args);
  }
  // The number of companies in the database restored from backup `id`.
  int64_t CompaniesInBackup(int id) {
    std::string restored = dir_.path() + "/restored" + std::to_string(id);
    CommandResult r = RunCommand(
        {KgBinary(), "--db", restored, "restore", backups(), "--backup-id", std::to_string(id)});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    CommandResult count = RunCommand({KgBinary(), "--db", restored, "query", "--format", "csv",
                                      "MATCH (c:Company) RETURN count(c) AS n"});
    EXPECT_EQ(count.exit_code, 0);
    return std::stoll(count.out.substr(count.out.find('\n') + 1));
  }
};

TEST_F(BackupServerTest, BackupsOfARunningServerRestoreWhatWasCommitted) {
  int64_t before = 0;
  {
    ServerProcess server(db(), {"--token-file", token_file(), "--backup-dir", backups()});
    ASSERT_TRUE(server.ok());
    before = JsonMember(PostQuery(server, "MATCH (c:Company) RETURN count(c) AS n").body, "rows")
                 .as_list()[0]
                 .as_list()[0]
                 .as_int();
    EXPECT_EQ(PostBackup(server, "").status, 401);
    EXPECT_EQ(PostBackup(server, "wrong").status, 401);
    HttpReply first = PostBackup(server, kToken, "{}");
    ASSERT_EQ(first.status, 200) << first.body;
    Value b = JsonMember(first.body, "backup");
    ASSERT_TRUE(b.is_map()) << first.body;
    EXPECT_EQ(b.as_map().at("id"), Value(1));
    EXPECT_EQ(b.as_map().at("dir"), Value(backups()));
    EXPECT_GT(b.as_map().at("entities").as_int(), 0);
    EXPECT_GT(b.as_map().at("bytes").as_int(), 0);
    // The server goes on writing; the next backup holds the write.
    ASSERT_EQ(PostQuery(server, "CREATE (:Company {name: 'After One'})", kToken).status, 200);
    HttpReply second = PostBackup(server, kToken);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(JsonMember(second.body, "backup").as_map().at("id"), Value(2));
    // While the server holds the database, the CLI's backup says where to go.
    CommandResult cli = RunCommand(
        {"sh", "-c",
         KgBinary() + " --busy-timeout 0 --db " + db() + " backup " + dir_.path() + "/cli 2>&1"});
    EXPECT_NE(cli.exit_code, 0);
    EXPECT_NE(cli.out.find("POST /v1/backup"), std::string::npos) << cli.out;
  }
  EXPECT_EQ(CompaniesInBackup(1), before);
  EXPECT_EQ(CompaniesInBackup(2), before + 1);
}

TEST_F(BackupServerTest, RefusedWithoutABackupDirAndForOtherShapes) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply off = PostBackup(server, kToken);
  EXPECT_EQ(off.status, 403);
  EXPECT_NE(off.body.find("--backup-dir"), std::string::npos) << off.body;
  EXPECT_EQ(Curl(server.url("/v1/backup")).status, 405);
}

TEST_F(BackupServerTest, AClientCannotChooseThePath) {
  ServerProcess server(db(), {"--token-file", token_file(), "--backup-dir", backups()});
  ASSERT_TRUE(server.ok());
  std::string elsewhere = dir_.path() + "/elsewhere";
  HttpReply r = PostBackup(server, kToken, "{\"dir\": \"" + elsewhere + "\"}");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_FALSE(std::filesystem::exists(elsewhere));
  EXPECT_FALSE(std::filesystem::exists(backups()));
}

}  // namespace
}  // namespace kg::server::testing
