// `kg serve` over HTTP with curl as the client: the JSON contract (rows equal
// to `kg query --format json`), entities, render, health, auth, limits, errors.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "s3cret-token";
constexpr char kCompetitors[] =
    "MATCH (n:Company {name: 'NVIDIA'})-[:COMPETES_WITH]-(c) RETURN c.name AS name, c "
    "ORDER BY name";

// Runs for minutes: 9 million rows (under the 10 million rows an operator
// may pass on), each building a 1000-item list, all streamed into count(*)
// so memory stays small. Only the time limit stops it.
constexpr char kEndless[] =
    "UNWIND range(1, 3000) AS i UNWIND range(1, 3000) AS j "
    "WITH i WHERE size(range(1, 1000)) < 0 RETURN count(*)";

// The "code" of an error reply, or "" when it is not one.
std::string ErrorCode(const HttpReply& reply) {
  Value error = JsonMember(reply.body, "error");
  if (!error.is_map() || !error.as_map().count("code")) return "";
  const Value& code = error.as_map().at("code");
  return code.is_string() ? code.as_string() : "";
}
std::string ErrorMessage(const HttpReply& reply) {
  Value error = JsonMember(reply.body, "error");
  if (!error.is_map() || !error.as_map().count("message")) return "";
  return error.as_map().at("message").as_string();
}

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedDatabase(db_.path() + "/db");
    WritePrivateFile(dir_.path() + "/token", std::string(kToken) + "\n");
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
  // No body at all (no Content-Length): answered at once, not after the read timeout.
  HttpReply empty = Curl(server.url("/v1/query"), {"-X", "POST", "--max-time", "5"});
  EXPECT_EQ(empty.status, 400) << empty.body;
  EXPECT_NE(ErrorMessage(empty).find("the body is empty"), std::string::npos) << empty.body;
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

// curl --data-binary without -H sends application/x-www-form-urlencoded, as
// urllib does; cpp-httplib would refuse such bodies over 8 KiB by itself.
TEST_F(HttpTest, BodyLimitIsMaxBodyWhateverTheContentType) {
  ServerProcess server(db(), {"--max-body", "30000"});
  ASSERT_TRUE(server.ok());
  const std::string head = "{\"query\": \"RETURN size('";
  const std::string tail = "') AS n\"}";
  auto body_of = [&](size_t size) {
    return head + std::string(size - head.size() - tail.size(), 'x') + tail;
  };
  std::string twenty_kb = body_of(20000);
  HttpReply plain = Curl(server.url("/v1/query"), {"-X", "POST", "--data-binary", twenty_kb});
  EXPECT_EQ(plain.status, 200) << plain.body;
  int64_t xs = static_cast<int64_t>(20000 - head.size() - tail.size());
  EXPECT_EQ(JsonMember(plain.body, "rows"), Value(ValueList{Value(ValueList{Value(xs)})}))
      << plain.body;
  HttpReply form = Curl(server.url("/v1/query"),
                        {"-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded",
                         "--data-binary", twenty_kb});
  EXPECT_EQ(form.status, 200) << form.body;
  std::string too_big = body_of(30001);
  for (const std::vector<std::string>& headers : {std::vector<std::string>{},
                                                  {"-H", "Content-Type: application/json"},
                                                  {"-H", "Transfer-Encoding: chunked"}}) {
    std::vector<std::string> args = {"-X", "POST", "--data-binary", too_big};
    args.insert(args.end(), headers.begin(), headers.end());
    HttpReply reply = Curl(server.url("/v1/query"), args);
    EXPECT_EQ(reply.status, 413) << (headers.empty() ? "" : headers[1]) << ": " << reply.body;
    EXPECT_EQ(ErrorCode(reply), "PayloadTooLarge") << reply.body;
  }
  EXPECT_EQ(Curl(server.url("/v1/query"), {"-X", "POST", "--data-binary", body_of(30000)}).status,
            200);
  HttpReply multipart = Curl(server.url("/v1/query"), {"-X", "POST", "-F", "query=RETURN 1"});
  EXPECT_EQ(multipart.status, 415) << multipart.body;
}

TEST_F(HttpTest, TimeoutIs504Timeout) {
  ServerProcess server(db(), {"--timeout", "0.2"});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server, kEndless);
  EXPECT_EQ(reply.status, 504) << reply.body;
  EXPECT_EQ(ErrorCode(reply), "Timeout") << reply.body;
  EXPECT_NE(ErrorMessage(reply).find("TimeoutError: the query exceeded its time limit"),
            std::string::npos)
      << reply.body;
  EXPECT_NE(ErrorMessage(reply).find("--timeout 0.2"), std::string::npos) << reply.body;
  EXPECT_EQ(PostQuery(server, "RETURN 1 AS one").status, 200);  // still serving
}

TEST_F(HttpTest, MaxRowsIs400LimitExceededAndWritesNothing) {
  ServerProcess server(db(), {"--max-rows", "3", "--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply three = PostQuery(server, "UNWIND range(1, 3) AS i RETURN i");
  EXPECT_EQ(three.status, 200) << three.body;
  EXPECT_EQ(JsonMember(three.body, "rows").as_list().size(), 3u) << three.body;
  HttpReply four = PostQuery(server, "UNWIND range(1, 4) AS i RETURN i");
  EXPECT_EQ(four.status, 400) << four.body;
  EXPECT_EQ(ErrorCode(four), "LimitExceeded") << four.body;
  EXPECT_NE(ErrorMessage(four).find("--max-rows 3"), std::string::npos) << four.body;
  HttpReply write = PostQuery(
      server, "UNWIND range(1, 4) AS i CREATE (c:Company {name: 'Co' + toString(i)}) RETURN c",
      kToken);
  EXPECT_EQ(write.status, 400) << write.body;
  EXPECT_EQ(JsonMember(PostQuery(server,
                                 "MATCH (c:Company) WHERE c.name STARTS WITH 'Co' "
                                 "RETURN count(c)")
                           .body,
                       "rows"),
            Value(ValueList{Value(ValueList{Value(0)})}));
}

TEST_F(HttpTest, WrongMethodOnKnownPathIs405WithAllow) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  struct Case {
    const char* method;
    const char* path;
    const char* allow;
  };
  for (const Case& c :
       {Case{"GET", "/v1/query", "POST"}, Case{"PUT", "/v1/query", "POST"},
        Case{"DELETE", "/healthz", "GET, HEAD"}, Case{"POST", "/v1/stats", "GET, HEAD"},
        Case{"PATCH", "/v1/entities/NVIDIA", "GET, HEAD"},
        Case{"POST", "/v1/render", "GET, HEAD"}}) {
    HttpReply reply = Curl(server.url(c.path), {"-X", c.method});
    EXPECT_EQ(reply.status, 405) << c.method << " " << c.path << ": " << reply.body;
    EXPECT_EQ(ErrorCode(reply), "MethodNotAllowed") << reply.body;
    CommandResult head = RunCommand({"curl", "-sS", "-o", "/dev/null", "-X", c.method, "-w",
                                     "%header{allow}", server.url(c.path)});
    EXPECT_EQ(head.out, c.allow) << c.method << " " << c.path;
  }
  EXPECT_EQ(Curl(server.url("/v1/nothing"), {"-X", "DELETE"}).status, 404);
}

TEST_F(HttpTest, BearerSchemeIsCaseInsensitive) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  for (const char* scheme : {"bearer", "BEARER", "Bearer"}) {
    std::string body = "{\"query\": \"CREATE (:Company {name: '" + std::string(scheme) + "'})\"}";
    HttpReply reply =
        Curl(server.url("/v1/query"),
             {"-X", "POST", "-H", std::string("Authorization: ") + scheme + " " + kToken,
              "--data-binary", body});
    EXPECT_EQ(reply.status, 200) << scheme << ": " << reply.body;
  }
  HttpReply basic = Curl(server.url("/v1/query"),
                         {"-X", "POST", "-H", std::string("Authorization: Basic ") + kToken,
                          "--data-binary", "{\"query\": \"CREATE (:Company {name: 'B'})\"}"});
  EXPECT_EQ(basic.status, 401) << basic.body;
}

TEST_F(HttpTest, OversizedUrlAndHeaderGetJsonErrors) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply url = Curl(server.url("/healthz?pad=" + std::string(9000, 'a')));
  EXPECT_EQ(url.status, 414) << url.body;
  EXPECT_EQ(ErrorCode(url), "URITooLong") << url.body;
  HttpReply header = Curl(server.url("/healthz"), {"-H", "X-Padding: " + std::string(9000, 'a')});
  EXPECT_EQ(header.status, 431) << header.body;
  EXPECT_EQ(ErrorCode(header), "RequestHeaderTooLarge") << header.body;
  EXPECT_EQ(Curl(server.url("/healthz")).status, 200);
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

TEST_F(HttpTest, ExportWholeGraphOrAQuerysSubgraph) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply all = Curl(server.url("/v1/export"), {"-G", "--data-urlencode", "format=graphml"});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_NE(all.body.find("<graphml"), std::string::npos);
  EXPECT_NE(all.body.find(">Huawei</data>"), std::string::npos);
  HttpReply whole = Curl(server.url("/v1/export"), {"-G", "--data-urlencode", "format=jsonl"});
  HttpReply part =
      Curl(server.url("/v1/export"), {"-G", "--data-urlencode", "format=jsonl", "--data-urlencode",
                                      std::string("query=") + kCompetitors});
  ASSERT_EQ(part.status, 200) << part.body;
  EXPECT_NE(part.body.find("\"name\":\"Huawei\""), std::string::npos);
  EXPECT_EQ(part.body.find("\"name\":\"NVIDIA\""), std::string::npos) << "only what it returns";
  EXPECT_LT(part.body.size(), whole.body.size());
  EXPECT_EQ(Curl(server.url("/v1/export")).status, 400) << "format is required";
  EXPECT_EQ(Curl(server.url("/v1/export"), {"-G", "--data-urlencode", "format=csv"}).status, 400);
  HttpReply write =
      Curl(server.url("/v1/export"), {"-G", "--data-urlencode", "format=gexf", "--data-urlencode",
                                      "query=CREATE (n:Company {name:'Z'}) RETURN n"});
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

// SIGTERM while requests run: each gets its full reply, the server exits 0
// and the database (with the write that was in flight) passes kg check.
TEST_F(HttpTest, SigtermLetsInFlightRequestsFinish) {
  // A grace period far beyond the queries' run time, so that however loaded
  // the machine, they finish rather than being cancelled at the deadline.
  ServerProcess server(db(), {"--token-file", token_file(), "--grace", "300"});
  ASSERT_TRUE(server.ok());
  using Clock = std::chrono::steady_clock;
  // n*1000 rows (at most 9 million, under the intermediate-row cap), each
  // building a 100-item list; sized to take about 4 s alone on this machine
  // as loaded now, so they are still running at the SIGTERM 1 s after they
  // start even if the load drops meanwhile.
  auto rows_query = [](int64_t n) {
    return "UNWIND range(1, " + std::to_string(n) + ") AS i UNWIND range(1, 1000) AS j " +
           "WITH i WHERE size(range(1, 100)) = 100 RETURN count(*) AS n";
  };
  auto t0 = Clock::now();
  ASSERT_EQ(PostQuery(server, rows_query(100)).status, 200);
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  int64_t n = std::clamp<int64_t>(static_cast<int64_t>(100 * 4.0 / seconds), 100, 9000);
  std::vector<std::string> queries(3, rows_query(n));
  queries.push_back("CREATE (:Company {name: 'Late Co'}) WITH 1 AS one " + rows_query(n));
  std::vector<HttpReply> replies(queries.size());
  std::vector<Clock::time_point> done(queries.size());
  std::vector<std::thread> clients;
  for (size_t i = 0; i < queries.size(); ++i) {
    clients.emplace_back([&, i] {
      replies[i] = PostQuery(server, queries[i], kToken);
      done[i] = Clock::now();
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  Clock::time_point terminated = Clock::now();
  int exit_code = server.Terminate(320);
  for (auto& c : clients) c.join();
  EXPECT_EQ(exit_code, 0);
  Value expected(ValueList{Value(ValueList{Value(n * 1000)})});
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(replies[i].status, 200) << queries[i] << " -> " << replies[i].body;
    EXPECT_EQ(JsonMember(replies[i].body, "rows"), expected) << replies[i].body;
    EXPECT_GT(done[i], terminated) << "request " << i << " finished before SIGTERM: too fast";
  }
  CommandResult check = RunCommand({KgBinary(), "--db", db(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  CommandResult cli = RunCommand({KgBinary(), "--db", db(), "query", "--format", "json",
                                  "MATCH (c {name: 'Late Co'}) RETURN count(c)"});
  EXPECT_EQ(JsonMember(cli.out, "rows"), Value(ValueList{Value(ValueList{Value(1)})})) << cli.out;
}

TEST_F(HttpTest, PythonStandardLibraryClient) {
  ASSERT_EQ(RunCommand({"python3", "--version"}).exit_code, 0)
      << "python3 is needed (scripts/setup.sh installs it)";
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
