// Update counters on every front of a live `kg serve` and of the CLI: the
// "stats" member of /v1/query and of `kg query --format json`, the RPC
// reply's `stats`, and the summary line of a table.
#include <capnp/ez-rpc.h>

#include "core/json.h"
#include "gtest/gtest.h"
#include "schema/rpc.capnp.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "counters-token";
constexpr char kCreate[] =
    "CREATE (a:Company {name: 'Counted A'})-[:PARTNERS_WITH {note: 'x'}]->"
    "(b:Company {name: 'Counted B'}) RETURN a.name";

class CountersServerTest : public SeededServerTest {
 protected:
  CountersServerTest() : SeededServerTest(kToken) {}
};

TEST_F(CountersServerTest, HttpAndCliJsonCarryTheSameStats) {
  ValueMap want;
  {
    ServerProcess server(db(), {"--token-file", token_file()});
    ASSERT_TRUE(server.ok());
    HttpReply reply = PostQuery(server, kCreate, kToken);
    ASSERT_EQ(reply.status, 200) << reply.body;
    Value stats = JsonMember(reply.body, "stats");
    ASSERT_TRUE(stats.is_map()) << reply.body;
    want = stats.as_map();
    EXPECT_EQ(want.at("contains_updates"), Value(true));
    EXPECT_EQ(want.at("nodes_created"), Value(2));
    EXPECT_EQ(want.at("relationships_created"), Value(1));
    EXPECT_EQ(want.at("properties_set"), Value(3));
    EXPECT_EQ(want.at("labels_added"), Value(2));
    EXPECT_EQ(want.at("nodes_deleted"), Value(0));
    // A read, or a write that changed nothing, has no "stats".
    HttpReply read = PostQuery(server, "MATCH (c:Company) RETURN count(c)", kToken);
    EXPECT_TRUE(JsonMember(read.body, "stats").is_null()) << read.body;
    HttpReply none = PostQuery(server, "MATCH (c:Company {name: 'nobody'}) SET c.x = 1", kToken);
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_TRUE(JsonMember(none.body, "stats").is_null()) << none.body;
  }
  CommandResult cli = RunCommand({KgBinary(), "--db", db(), "query", "--format", "json",
                                  "MATCH (a:Company {name: 'Counted A'}) DETACH DELETE a"});
  ASSERT_EQ(cli.exit_code, 0);
  Value stats = JsonMember(cli.out, "stats");
  ASSERT_TRUE(stats.is_map()) << cli.out;
  EXPECT_EQ(stats.as_map().at("nodes_deleted"), Value(1));
  EXPECT_EQ(stats.as_map().at("relationships_deleted"), Value(1));
  EXPECT_EQ(stats.as_map().size(), want.size());  // the same members as HTTP's
}

TEST_F(CountersServerTest, TheTableEndsWithWhatChanged) {
  CommandResult created = RunCommand({KgBinary(), "--db", db(), "query", kCreate});
  ASSERT_EQ(created.exit_code, 0);
  EXPECT_NE(created.out.find("1 row"), std::string::npos) << created.out;
  EXPECT_NE(created.out.find("Created 2 nodes, created 1 relationship, set 3 properties, "
                             "added 2 labels\n"),
            std::string::npos)
      << created.out;
  CommandResult read = RunCommand({KgBinary(), "--db", db(), "query", "RETURN 1 AS one"});
  EXPECT_EQ(read.out.find("Created"), std::string::npos) << read.out;
  // csv keeps only rows.
  CommandResult csv = RunCommand({KgBinary(), "--db", db(), "query", "--format", "csv",
                                  "MATCH (b:Company {name: 'Counted B'}) SET b.note = 'y' "
                                  "RETURN b.name AS name"});
  EXPECT_EQ(csv.out, "name\r\nCounted B\r\n");
}

TEST_F(CountersServerTest, RpcReplyCarriesTheCounters) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  ASSERT_GT(server.rpc_port(), 0);
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  auto& ws = client.getWaitScope();
  auto kg = client.getMain<rpc::Kg>();
  auto request = kg.queryRequest();
  request.setQuery(kCreate);
  request.setToken(kToken);
  auto response = request.send().wait(ws);
  ASSERT_EQ(std::string(response.getError().getCode()), "")
      << response.getError().getMessage().cStr();
  auto stats = response.getStats();
  EXPECT_EQ(stats.getNodesCreated(), 2u);
  EXPECT_EQ(stats.getRelationshipsCreated(), 1u);
  EXPECT_EQ(stats.getPropertiesSet(), 3u);
  EXPECT_EQ(stats.getLabelsAdded(), 2u);
  EXPECT_EQ(stats.getNodesDeleted(), 0u);
  auto read = kg.queryRequest();
  read.setQuery("MATCH (c:Company) RETURN count(c)");
  EXPECT_EQ(read.send().wait(ws).getStats().getNodesCreated(), 0u);
}

}  // namespace
}  // namespace kg::server::testing
