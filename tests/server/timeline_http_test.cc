// GET /v1/timeline and /v1/diff, and /v1/render's diff_from/diff_to: JSON
// answers, the timeline's diagram, the parameter tables (unknown or
// repeated: 400), bad dates (400), unknown names (404 with suggestions)
// and the token rule of reads.
#include <string>
#include <vector>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/api/timeline_fixture.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "timeline-token";

class TimelineHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCommand({KgBinary(), "--db", db(), "init"}).exit_code, 0);
    ASSERT_EQ(RunCommand({KgBinary(), "--db", db(), "query", kg::testing::kTimelineSeed}).exit_code,
              0);
    WritePrivateFile(token_file(), kToken);
  }
  std::string db() const { return dir_.path() + "/db"; }
  std::string token_file() const { return dir_.path() + "/token"; }

  static HttpReply Get(const ServerProcess& server, const std::string& path,
                       const std::vector<std::string>& params, const std::string& token = "") {
    return GetWithParams(server, path, params, token);
  }
  static std::string ErrorText(const HttpReply& reply, const std::string& key) {
    Value error = JsonMember(reply.body, "error");
    if (!error.is_map() || !error.as_map().contains(key)) return "";
    const Value& v = error.as_map().at(key);
    return v.is_string() ? v.as_string() : ToJson(v);
  }

  TempDir dir_;
};

TEST_F(TimelineHttpTest, TimelineIsJsonInDateOrderOrADiagram) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply reply = Get(server, "/v1/timeline", {"name=h20", "types=restricts"});
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value entries = JsonMember(reply.body, "entries");
  ASSERT_TRUE(entries.is_list()) << reply.body;
  ASSERT_EQ(entries.as_list().size(), 3u);
  std::vector<std::string> kinds;
  for (const Value& e : entries.as_list()) kinds.push_back(e.as_map().at("kind").as_string());
  EXPECT_EQ(kinds, (std::vector<std::string>{"begins", "said", "ends"}));
  HttpReply svg = Get(server, "/v1/timeline", {"name=H20", "format=svg"});
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_NE(svg.body.find("<svg"), std::string::npos);
  EXPECT_NE(svg.body.find("H20: timeline"), std::string::npos);
}

TEST_F(TimelineHttpTest, DiffIsJsonWithTheChanges) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply reply = Get(server, "/v1/diff", {"from=2025-05-01", "to=2025-07-20", "name=H20"});
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value changes = JsonMember(reply.body, "changes");
  ASSERT_TRUE(changes.is_list()) << reply.body;
  ASSERT_EQ(changes.as_list().size(), 6u) << reply.body;
  EXPECT_EQ(changes.as_list()[0].as_map().at("change").as_string(), "began");
  EXPECT_EQ(changes.as_list()[1].as_map().at("change").as_string(), "ended");
  HttpReply all = Get(server, "/v1/diff", {"from=2025-07-15", "to=2025-07-16"});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_TRUE(JsonMember(all.body, "entity").is_null());
}

TEST_F(TimelineHttpTest, BadParametersAre400AndUnknownNames404) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply unknown_param = Get(server, "/v1/timeline", {"name=H20", "valid_at=2025-05-01"});
  EXPECT_EQ(unknown_param.status, 400);
  EXPECT_NE(
      ErrorText(unknown_param, "message").find("unknown parameter 'valid_at' of GET /v1/timeline"),
      std::string::npos)
      << unknown_param.body;
  HttpReply twice = Curl(server.url("/v1/diff?from=2025-05-01&from=2025-05-02&to=2025-07-20"));
  EXPECT_EQ(twice.status, 400);
  EXPECT_NE(ErrorText(twice, "message").find("given twice"), std::string::npos) << twice.body;
  EXPECT_EQ(Get(server, "/v1/timeline", {}).status, 400) << "name is required";
  EXPECT_EQ(Get(server, "/v1/timeline", {"name=H20", "from=2025-13-01"}).status, 400);
  EXPECT_EQ(Get(server, "/v1/timeline", {"name=H20", "format=yaml"}).status, 400);
  EXPECT_EQ(Get(server, "/v1/timeline", {"name=H20", "min_confidence=2"}).status, 400);
  EXPECT_EQ(Get(server, "/v1/diff", {"from=2025-05-01", "to=2025-07-20", "known_at=soon"}).status,
            400);
  EXPECT_EQ(Get(server, "/v1/diff", {"to=2025-07-20"}).status, 400) << "from is required";
  HttpReply reversed = Get(server, "/v1/diff", {"from=2025-07-20", "to=2025-05-01"});
  EXPECT_EQ(reversed.status, 400);
  EXPECT_NE(ErrorText(reversed, "message").find("from 2025-07-20 is after to 2025-05-01"),
            std::string::npos)
      << reversed.body;
  HttpReply type = Get(server, "/v1/diff", {"from=2025-05-01", "to=2025-07-20", "types=RESTRICT"});
  EXPECT_EQ(type.status, 400) << type.body;
  HttpReply missing = Get(server, "/v1/timeline", {"name=H2O"});
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_NE(ErrorText(missing, "suggestions").find("H20"), std::string::npos) << missing.body;
  HttpReply diff_missing =
      Get(server, "/v1/diff", {"from=2025-05-01", "to=2025-07-20", "name=Nvidea"});
  EXPECT_EQ(diff_missing.status, 404) << diff_missing.body;
}

TEST_F(TimelineHttpTest, RenderTakesADiffWindow) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  std::string query = "query=MATCH (g)-[r]->(h:Product {name: 'H20'}) RETURN g, r, h";
  HttpReply svg = Get(server, "/v1/render", {query, "diff_from=2025-05-01", "diff_to=2025-07-20"});
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_NE(svg.body.find("change&#45;added"), std::string::npos);
  EXPECT_NE(svg.body.find("change&#45;ended"), std::string::npos);
  EXPECT_EQ(Get(server, "/v1/render", {query, "diff_from=2025-05-01"}).status, 400)
      << "diff_to is required with diff_from";
}

TEST_F(TimelineHttpTest, ReadsFollowTheTokenRule) {
  ServerProcess server(db(), {"--token-file", token_file(), "--auth-reads"});
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(Get(server, "/v1/timeline", {"name=H20"}).status, 401);
  EXPECT_EQ(Get(server, "/v1/timeline", {"name=H20"}, "wrong").status, 401);
  EXPECT_EQ(Get(server, "/v1/timeline", {"name=H20"}, kToken).status, 200);
  EXPECT_EQ(Get(server, "/v1/diff", {"from=2025-05-01", "to=2025-07-20"}).status, 401);
  EXPECT_EQ(Get(server, "/v1/diff", {"from=2025-05-01", "to=2025-07-20"}, kToken).status, 200);
}

}  // namespace
}  // namespace kg::server::testing
