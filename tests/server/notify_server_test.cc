// Notifications over HTTP and RPC against a live `kg serve`: unknown names
// come back with the result ("notifications" in /v1/query, the RPC
// `notifications` list); strict (the server's --strict, or a request's own
// "strict") makes them errors with the notification's code and position.
#include <capnp/ez-rpc.h>

#include "core/json.h"
#include "gtest/gtest.h"
#include "schema/rpc.capnp.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "notify-token";
constexpr char kTypo[] = "MATCH (c:Compnay) RETURN c.name";

class NotifyServerTest : public SeededServerTest {
 protected:
  NotifyServerTest() : SeededServerTest(kToken) {}
  HttpReply Post(const ServerProcess& server, const std::string& extra) {
    std::string body = "{\"query\": " + JsonQuote(kTypo) + extra + "}";
    return Curl(server.url("/v1/query"), {"-X", "POST", "--data-binary", body});
  }
};

const ValueMap& Field(const Value& v, const char* key) { return v.as_map().at(key).as_map(); }

TEST_F(NotifyServerTest, HttpQueryCarriesNotifications) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server, kTypo);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(JsonMember(reply.body, "rows"), Value(ValueList{}));
  Value notes = JsonMember(reply.body, "notifications");
  ASSERT_TRUE(notes.is_list() && notes.as_list().size() == 1) << reply.body;
  const ValueMap& n = notes.as_list()[0].as_map();
  EXPECT_EQ(n.at("code"), Value("UnknownLabelWarning"));
  EXPECT_EQ(n.at("severity"), Value("WARNING"));
  EXPECT_NE(n.at("description").as_string().find("did you mean 'Company'?"), std::string::npos);
  EXPECT_EQ(Field(notes.as_list()[0], "position").at("line"), Value(1));
  EXPECT_EQ(Field(notes.as_list()[0], "position").at("column"), Value(10));
  // A clean query has none: the body is what `kg query --format json` prints.
  HttpReply clean = PostQuery(server, "MATCH (c:Company) RETURN count(c) AS n");
  EXPECT_TRUE(JsonMember(clean.body, "notifications").is_null()) << clean.body;
  CommandResult cli = RunCommand({KgBinary(), "--db", db(), "query", "--format", "json", kTypo});
  EXPECT_EQ(JsonMember(cli.out, "notifications"), notes);
}

TEST_F(NotifyServerTest, HttpStrictPerRequest) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply strict = Post(server, ", \"strict\": true");
  EXPECT_EQ(strict.status, 400) << strict.body;
  Value error = JsonMember(strict.body, "error");
  ASSERT_TRUE(error.is_map()) << strict.body;
  EXPECT_EQ(error.as_map().at("code"), Value("UnknownLabelWarning"));
  EXPECT_EQ(Field(error, "position").at("column"), Value(10)) << strict.body;
  EXPECT_EQ(Post(server, ", \"strict\": false").status, 200);
  EXPECT_EQ(Post(server, ", \"strict\": \"yes\"").status, 400);  // not a boolean
}

TEST_F(NotifyServerTest, ServeStrictIsTheDefaultARequestMayLift) {
  ServerProcess strict_server(db(), {"--strict"});
  ASSERT_TRUE(strict_server.ok());
  EXPECT_EQ(PostQuery(strict_server, kTypo).status, 400);
  HttpReply relaxed = Post(strict_server, ", \"strict\": false");
  EXPECT_EQ(relaxed.status, 200) << relaxed.body;
  EXPECT_EQ(JsonMember(relaxed.body, "notifications").as_list().size(), 1u);
}

TEST_F(NotifyServerTest, RpcQueryCarriesNotificationsAndStrict) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  ASSERT_GT(server.rpc_port(), 0);
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  auto& ws = client.getWaitScope();
  auto kg = client.getMain<rpc::Kg>();
  {
    auto request = kg.queryRequest();
    request.setQuery("MATCH (c:Company) RETURN c.nmae");
    auto response = request.send().wait(ws);
    ASSERT_EQ(std::string(response.getError().getCode()), "");
    auto notes = response.getNotifications();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(std::string(notes[0].getCode()), "UnknownPropertyKeyWarning");
    EXPECT_EQ(std::string(notes[0].getSeverity()), "WARNING");
    EXPECT_EQ(notes[0].getLine(), 1u);
    EXPECT_EQ(notes[0].getColumn(), 28u);
    EXPECT_NE(std::string(notes[0].getDescription()).find("did you mean 'name'?"),
              std::string::npos);
  }
  {
    auto request = kg.queryRequest();
    request.setQuery(kTypo);
    request.setStrict(rpc::Strict::ON);
    auto response = request.send().wait(ws);
    EXPECT_EQ(std::string(response.getError().getCode()), "UnknownLabelWarning");
    EXPECT_EQ(response.getError().getHttpStatus(), 400);
    EXPECT_EQ(response.getError().getLine(), 1u);
    EXPECT_EQ(response.getError().getColumn(), 10u);
  }
}

}  // namespace
}  // namespace kg::server::testing
