// `kg serve` over HTTP with curl as the client: the JSON contract (rows equal
// to `kg query --format json`), entities, render, health, auth, limits, errors.
#include <fstream>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "s3cret-token";
constexpr char kCompetitors[] =
    "MATCH (n:Company {name: 'NVIDIA'})-[:COMPETES_WITH]-(c) RETURN c.name AS name, c "
    "ORDER BY name";

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedDatabase(db_.path() + "/db");
    std::ofstream(dir_.path() + "/token") << kToken << "\n";
  }
  std::string db() const { return db_.path() + "/db"; }
  std::string token_file() const { return dir_.path() + "/token"; }

  TempDir db_;
  TempDir dir_;
};

TEST_F(HttpTest, QueryRowsEqualKgQueryJson) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server, kCompetitors);
  ASSERT_EQ(reply.status, 200) << reply.body;
  CommandResult cli =
      RunCommand({KgBinary(), "--db", db(), "query", "--format", "json", kCompetitors});
  ASSERT_EQ(cli.exit_code, 0) << cli.out;
  Value server_rows = JsonMember(reply.body, "rows");
  ASSERT_TRUE(server_rows.is_list()) << reply.body;
  EXPECT_EQ(server_rows, JsonMember(cli.out, "rows")) << reply.body << "\n" << cli.out;
  EXPECT_EQ(JsonMember(reply.body, "columns"), JsonMember(cli.out, "columns"));
  ASSERT_EQ(server_rows.as_list().size(), 2u);
  EXPECT_EQ(server_rows.as_list()[0].as_list()[0], Value("AMD"));
  const ValueMap& node = server_rows.as_list()[1].as_list()[1].as_map();
  EXPECT_EQ(node.at("_labels"), Value(ValueList{Value("Company")}));
  EXPECT_EQ(node.at("name"), Value("Huawei"));
}

TEST_F(HttpTest, ParametersAreBound) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server,
                              "MATCH (p:Person)-[r:LEADS]->(c {name: $company}) "
                              "RETURN p.name, type(r)",
                              "", R"({"company": "NVIDIA"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value rows = JsonMember(reply.body, "rows");
  ASSERT_TRUE(rows.is_list());
  ASSERT_EQ(rows.as_list().size(), 1u);
  EXPECT_EQ(rows.as_list()[0], Value(ValueList{Value("Jensen Huang"), Value("LEADS")}));
}

TEST_F(HttpTest, AnalyticsProceduresAreCallable) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  const char* query =
      "CALL kg.pagerank() YIELD node, score RETURN node.name AS name, score "
      "ORDER BY score DESC, name LIMIT 3";
  HttpReply reply = PostQuery(server, query);
  ASSERT_EQ(reply.status, 200) << reply.body;
  CommandResult cli = RunCommand({KgBinary(), "--db", db(), "query", "--format", "json", query});
  ASSERT_EQ(cli.exit_code, 0) << cli.out;
  Value rows = JsonMember(reply.body, "rows");
  ASSERT_TRUE(rows.is_list()) << reply.body;
  EXPECT_EQ(rows.as_list().size(), 3u);
  EXPECT_EQ(rows, JsonMember(cli.out, "rows"));
}

TEST_F(HttpTest, SyntaxErrorIs400WithPosition) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server, "MATCH (n:Company\nRETURN n");
  EXPECT_EQ(reply.status, 400) << reply.body;
  Value error = JsonMember(reply.body, "error");
  ASSERT_TRUE(error.is_map()) << reply.body;
  EXPECT_EQ(error.as_map().at("code"), Value("SyntaxError")) << reply.body;
  ASSERT_TRUE(error.as_map().count("position")) << reply.body;
  EXPECT_EQ(error.as_map().at("position").as_map().at("line"), Value(2)) << reply.body;
}

TEST_F(HttpTest, AsOfFollowsOnlyRelationshipsValidThatDay) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply write = PostQuery(server,
                              "MATCH (n {name: 'NVIDIA'}), (x {name: 'Xiaomi'}) "
                              "CREATE (n)-[:COMPETES_WITH {valid_to: date('2020-01-01')}]->(x)",
                              kToken);
  ASSERT_EQ(write.status, 200) << write.body;
  const std::string query =
      "MATCH (:Company {name: 'NVIDIA'})-[:COMPETES_WITH]-(c) RETURN c.name ORDER BY c.name";
  auto names = [&](const std::string& extra) {
    std::string body = "{\"query\": " + ToJson(Value(query)) + extra + "}";
    HttpReply reply = Curl(server.url("/v1/query"), {"-X", "POST", "--data-binary", body});
    EXPECT_EQ(reply.status, 200) << body << " -> " << reply.body;
    return JsonMember(reply.body, "rows");
  };
  auto row = [](const char* name) { return Value(ValueList{Value(name)}); };
  EXPECT_EQ(names(""), Value(ValueList{row("AMD"), row("Huawei"), row("Xiaomi")}));
  EXPECT_EQ(names(", \"as_of\": null"), names(""));
  EXPECT_EQ(names(", \"as_of\": \"2025-07-16\""), Value(ValueList{row("AMD"), row("Huawei")}));
  EXPECT_EQ(names(", \"as_of\": \"2019-12-31\""), names(""));
  CommandResult cli = RunCommand(
      {KgBinary(), "--db", db(), "query", "--format", "json", "--as-of", "2025-07-16", query});
  // The server holds the database; kg query opens it read-only beside it.
  ASSERT_EQ(cli.exit_code, 0) << cli.out;
  EXPECT_EQ(JsonMember(cli.out, "rows"), Value(ValueList{row("AMD"), row("Huawei")}));
}

TEST_F(HttpTest, MalformedJsonAndMissingQueryAre400) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  for (const char* body :
       {"{\"query\": ", "[1, 2]", "{\"params\": {}}", "{\"query\": 7}",
        "{\"query\": \"RETURN 1\", \"params\": [1]}", "{\"query\": \"RETURN 1\", \"param\": {}}",
        "{\"query\": \"RETURN 1\", \"as_of\": \"2025-13-01\"}",
        "{\"query\": \"RETURN 1\", \"as_of\": 20250716}"}) {
    HttpReply reply = Curl(server.url("/v1/query"), {"-X", "POST", "--data-binary", body});
    EXPECT_EQ(reply.status, 400) << body << " -> " << reply.body;
    Value error = JsonMember(reply.body, "error");
    ASSERT_TRUE(error.is_map()) << reply.body;
    EXPECT_EQ(error.as_map().at("code"), Value("BadRequest"));
  }
}

TEST_F(HttpTest, OversizedBodyIs413) {
  ServerProcess server(db(), {"--max-body", "1024"});
  ASSERT_TRUE(server.ok());
  std::string big = "{\"query\": \"RETURN '" + std::string(4096, 'x') + "'\"}";
  HttpReply reply = Curl(server.url("/v1/query"), {"-X", "POST", "--data-binary", big});
  EXPECT_EQ(reply.status, 413) << reply.body;
  EXPECT_EQ(JsonMember(reply.body, "error").as_map().at("code"), Value("PayloadTooLarge"));
  EXPECT_EQ(PostQuery(server, "RETURN 1 AS one").status, 200);  // still serving
}

TEST_F(HttpTest, WritesNeedTheToken) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  const std::string create = "CREATE (:Company {name: 'Cambricon'})";
  EXPECT_EQ(PostQuery(server, create).status, 401);
  EXPECT_EQ(PostQuery(server, create, "wrong-token").status, 401);
  const std::string count = "MATCH (c:Company {name: 'Cambricon'}) RETURN count(c) AS n";
  EXPECT_EQ(JsonMember(PostQuery(server, count).body, "rows"),
            Value(ValueList{Value(ValueList{Value(0)})}));
  HttpReply ok = PostQuery(server, create, kToken);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(JsonMember(PostQuery(server, count).body, "rows"),
            Value(ValueList{Value(ValueList{Value(1)})}));
}

TEST_F(HttpTest, WritesRefusedWithoutTokenFileAndOnReadOnly) {
  {
    ServerProcess server(db(), {});
    ASSERT_TRUE(server.ok());
    HttpReply reply = PostQuery(server, "CREATE (:Company {name: 'X1'})", "anything");
    EXPECT_EQ(reply.status, 403) << reply.body;
  }
  ServerProcess server(db(), {"--read-only", "--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(PostQuery(server, "CREATE (:Company {name: 'X2'})", kToken).status, 403);
  EXPECT_EQ(PostQuery(server, "MATCH (c:Company) RETURN count(c)").status, 200);
}

TEST_F(HttpTest, SchemaViolationIs400AndWritesNothing) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server,
                              "CREATE (:Company {name: 'Ok Co'}) WITH 1 AS x "
                              "CREATE (:Compnay {name: 'Bad'})",
                              kToken);
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(JsonMember(PostQuery(server, "MATCH (c {name: 'Ok Co'}) RETURN count(c)").body, "rows"),
            Value(ValueList{Value(ValueList{Value(0)})}));
}

TEST_F(HttpTest, AuthReadsNeedsTokenForReads) {
  ServerProcess server(db(), {"--token-file", token_file(), "--auth-reads"});
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(PostQuery(server, "RETURN 1").status, 401);
  EXPECT_EQ(Curl(server.url("/v1/entities/NVIDIA")).status, 401);
  EXPECT_EQ(PostQuery(server, "RETURN 1", kToken).status, 200);
  EXPECT_EQ(Curl(server.url("/healthz")).status, 200);  // health stays open
}

TEST_F(HttpTest, EntityByAliasWithRelations) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply reply = Curl(server.url("/v1/entities/nvda"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value entities = JsonMember(reply.body, "entities");
  ASSERT_TRUE(entities.is_list());
  ASSERT_EQ(entities.as_list().size(), 1u);
  const ValueMap& e = entities.as_list()[0].as_map();
  EXPECT_EQ(e.at("node").as_map().at("name"), Value("NVIDIA"));
  EXPECT_EQ(e.at("relations").as_list().size(), 4u);  // 2 competitors, MAKES, LEADS
  HttpReply spaced = Curl(server.url("/v1/entities/Jensen%20Huang"));
  EXPECT_EQ(spaced.status, 200) << spaced.body;
  HttpReply missing = Curl(server.url("/v1/entities/Nokia"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(JsonMember(missing.body, "error").as_map().at("code"), Value("NotFound"));
}

TEST_F(HttpTest, RenderDotAndSvg) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply dot = Curl(server.url("/v1/render"),
                       {"-G", "--data-urlencode", std::string("query=") + kCompetitors,
                        "--data-urlencode", "format=dot"});
  ASSERT_EQ(dot.status, 200) << dot.body;
  EXPECT_NE(dot.body.find("graph"), std::string::npos);
  EXPECT_NE(dot.body.find("Huawei"), std::string::npos);
  HttpReply svg = Curl(server.url("/v1/render"),
                       {"-G", "--data-urlencode", std::string("query=") + kCompetitors});
  ASSERT_EQ(svg.status, 200);
  EXPECT_NE(svg.body.find("<svg"), std::string::npos);
  HttpReply bad = Curl(server.url("/v1/render"), {"-G", "--data-urlencode", "query=RETURN 1",
                                                  "--data-urlencode", "format=gif"});
  EXPECT_EQ(bad.status, 400) << bad.body;
  HttpReply write =
      Curl(server.url("/v1/render"),
           {"-G", "--data-urlencode", "query=CREATE (n:Company {name:'Z'}) RETURN n"});
  EXPECT_EQ(write.status, 400) << write.body;
}

TEST_F(HttpTest, HealthStatsAndUnknownRoute) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply health = Curl(server.url("/healthz"));
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(JsonMember(health.body, "status"), Value("ok"));
  HttpReply stats = Curl(server.url("/v1/stats"));
  EXPECT_EQ(stats.status, 200);
  EXPECT_EQ(JsonMember(stats.body, "entities"), Value(6));
  EXPECT_EQ(Curl(server.url("/v2/nothing")).status, 404);
}

TEST_F(HttpTest, SigtermExitsCleanlyAndDatabaseReopens) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  ASSERT_EQ(PostQuery(server, "CREATE (:Company {name: 'Moore Threads'})", kToken).status, 200);
  EXPECT_EQ(server.Terminate(), 0);
  CommandResult check = RunCommand({KgBinary(), "--db", db(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  CommandResult cli = RunCommand({KgBinary(), "--db", db(), "query", "--format", "json",
                                  "MATCH (c {name: 'Moore Threads'}) RETURN c.name"});
  EXPECT_EQ(JsonMember(cli.out, "rows"),
            Value(ValueList{Value(ValueList{Value("Moore Threads")})}));
}

TEST_F(HttpTest, PythonStandardLibraryClient) {
  if (RunCommand({"python3", "--version"}).exit_code != 0) GTEST_SKIP() << "no python3";
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  CommandResult py = RunCommand({"python3", std::string(KG_SOURCE_DIR) + "/docs/examples/client.py",
                                 "--url", server.url(""), kCompetitors});
  ASSERT_EQ(py.exit_code, 0) << py.out;
  HttpReply reply = PostQuery(server, kCompetitors);
  EXPECT_EQ(JsonMember(py.out, "rows"), JsonMember(reply.body, "rows")) << py.out;
}

}  // namespace
}  // namespace kg::server::testing
