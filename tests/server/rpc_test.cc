// A Cap'n Proto RPC client (capnp::EzRpcClient) against a live `kg serve`:
// paged query results equal the HTTP rows; errors, auth, render and stats.
#include <capnp/ez-rpc.h>

#include <fstream>

#include "core/json.h"
#include "gtest/gtest.h"
#include "schema/rpc.capnp.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "rpc-token";
constexpr char kAll[] = "MATCH (n) RETURN n.name AS name, labels(n) AS labels ORDER BY name";

struct Paged {
  std::string error_code;
  std::string error_message;
  uint16_t http_status = 0;  // what HTTP would answer; 0 on success
  uint32_t line = 0;
  std::vector<std::string> columns;
  uint64_t row_count = 0;
  std::string rows_json;  // "[row, row, ...]"
  int pages = 0;
  std::vector<size_t> page_sizes;
};

// Runs a query and pages through its cursor `page_size` rows at a time.
Paged RunPaged(capnp::EzRpcClient& client, const std::string& text, uint32_t page_size,
               const std::string& token = "", const std::string& as_of = "") {
  auto& ws = client.getWaitScope();
  auto kg = client.getMain<rpc::Kg>();
  auto request = kg.queryRequest();
  request.setQuery(text);
  request.setToken(token);
  request.setAsOf(as_of);
  auto response = request.send().wait(ws);
  Paged out;
  out.error_code = response.getError().getCode();
  out.error_message = response.getError().getMessage();
  out.http_status = response.getError().getHttpStatus();
  out.line = response.getError().getLine();
  if (!out.error_code.empty()) return out;
  for (auto c : response.getColumns()) out.columns.push_back(c);
  out.row_count = response.getRowCount();
  auto cursor = response.getCursor();
  out.rows_json = "[";
  bool first = true;
  for (int guard = 0; guard < 10000; ++guard) {
    auto next = cursor.nextRequest();
    next.setPageSize(page_size);
    auto page = next.send().wait(ws);
    ++out.pages;
    out.page_sizes.push_back(page.getRows().size());
    for (auto row : page.getRows()) {
      if (!first) out.rows_json += ", ";
      first = false;
      out.rows_json += row.cStr();
    }
    if (page.getDone()) break;
  }
  out.rows_json += "]";
  return out;
}

class RpcTest : public SeededServerTest {
 protected:
  RpcTest() : SeededServerTest(kToken) {}
};

TEST_F(RpcTest, PagedRowsEqualHttpRows) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  ASSERT_GT(server.rpc_port(), 0);
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  Paged paged = RunPaged(client, kAll, 4);
  ASSERT_EQ(paged.error_code, "");
  EXPECT_EQ(paged.row_count, 6u);
  EXPECT_EQ(paged.pages, 2);  // 4 + 2 rows
  EXPECT_EQ(paged.columns, (std::vector<std::string>{"name", "labels"}));
  auto rows = ParseJson(paged.rows_json);
  ASSERT_TRUE(rows.ok()) << paged.rows_json;
  HttpReply http = PostQuery(server, kAll);
  EXPECT_EQ(*rows, JsonMember(http.body, "rows"));
}

TEST_F(RpcTest, ErrorsAndAuthorisation) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  Paged syntax = RunPaged(client, "MATCH (n RETURN n", 10);
  EXPECT_EQ(syntax.error_code, "SyntaxError");
  EXPECT_EQ(syntax.line, 1u);
  EXPECT_EQ(RunPaged(client, "CREATE (:Company {name: 'Biren'})", 10).error_code, "Unauthorized");
  EXPECT_EQ(RunPaged(client, "CREATE (:Company {name: 'Biren'})", 10, kToken).error_code, "");
  Paged after = RunPaged(client, "MATCH (c {name: 'Biren'}) RETURN c.name", 10);
  EXPECT_EQ(after.rows_json, "[[\"Biren\"]]");
}

TEST_F(RpcTest, AsOfFollowsOnlyRelationshipsValidThatDay) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  ASSERT_EQ(RunPaged(client,
                     "MATCH (n {name: 'NVIDIA'}), (x {name: 'Xiaomi'}) "
                     "CREATE (n)-[:COMPETES_WITH {valid_from: date('2026-01-01')}]->(x)",
                     10, kToken)
                .error_code,
            "");
  const std::string query =
      "MATCH (:Company {name: 'NVIDIA'})-[:COMPETES_WITH]-(c) RETURN c.name ORDER BY c.name";
  EXPECT_EQ(RunPaged(client, query, 10).rows_json, R"([["AMD"], ["Huawei"], ["Xiaomi"]])");
  EXPECT_EQ(RunPaged(client, query, 10, "", "2025-07-16").rows_json, R"([["AMD"], ["Huawei"]])");
  EXPECT_EQ(RunPaged(client, query, 10, "", "2026-01-01").rows_json,
            R"([["AMD"], ["Huawei"], ["Xiaomi"]])");
  EXPECT_EQ(RunPaged(client, query, 10, "", "2025-02-30").error_code, "BadRequest");
}

// validAt, knownAt and minConfidence: the rest of the scope (asOf is both clocks).
TEST_F(RpcTest, ScopeFieldsChooseTheRelationsFollowed) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  ASSERT_EQ(RunPaged(client,
                     "MATCH (n {name: 'NVIDIA'}), (x {name: 'Xiaomi'}) "
                     "CREATE (n)-[:COMPETES_WITH {date: date('2026-03-01'), confidence: 0.4, "
                     "valid_from: date('2026-01-01')}]->(x)",
                     10, kToken)
                .error_code,
            "");
  auto& ws = client.getWaitScope();
  auto kg = client.getMain<rpc::Kg>();
  // The rows, or "error CODE: message".
  auto rows = [&](const char* valid_at, const char* known_at, double min_confidence) {
    auto request = kg.queryRequest();
    request.setQuery(
        "MATCH (:Company {name: 'NVIDIA'})-[:COMPETES_WITH]-(c) RETURN c.name ORDER BY c.name");
    request.setValidAt(valid_at);
    request.setKnownAt(known_at);
    request.setMinConfidence(min_confidence);
    auto response = request.send().wait(ws);
    std::string code = response.getError().getCode();
    if (!code.empty())
      return "error " + code + ": " + std::string(response.getError().getMessage());
    return std::to_string(response.getRowCount());
  };
  EXPECT_EQ(rows("", "", -1), "3");
  EXPECT_EQ(rows("2025-12-31", "", -1), "2") << "not valid yet";
  EXPECT_EQ(rows("", "2026-02-28", -1), "2") << "not said yet";
  EXPECT_EQ(rows("2026-02-01", "2026-03-01", -1), "3");
  EXPECT_EQ(rows("", "", 0.5), "2") << "only 0.4 sure";
  EXPECT_EQ(rows("", "", 0.4), "3");
  EXPECT_NE(rows("2026-13-01", "", -1).find("error BadRequest: validAt"), std::string::npos);
  EXPECT_NE(rows("", "soon", -1).find("error BadRequest: knownAt"), std::string::npos);
  EXPECT_NE(rows("", "", 1.5).find("error BadRequest: min_confidence"), std::string::npos);
}

TEST_F(RpcTest, TimeoutIs504Timeout) {
  ServerProcess server(db(), {"--timeout", "0.2"});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  // Runs for minutes (9 million rows, each building a 1000-item list, streamed
  // into count(*)): only the time limit stops it.
  Paged endless = RunPaged(client,
                           "UNWIND range(1, 3000) AS i UNWIND range(1, 3000) AS j "
                           "WITH i WHERE size(range(1, 1000)) < 0 RETURN count(*)",
                           10);
  EXPECT_EQ(endless.error_code, "Timeout") << endless.error_message;
  EXPECT_EQ(endless.http_status, 504);
  EXPECT_NE(endless.error_message.find("--timeout 0.2"), std::string::npos)
      << endless.error_message;
  EXPECT_EQ(RunPaged(client, "RETURN 1 AS one", 10).rows_json, "[[1]]");  // still serving
}

TEST_F(RpcTest, MaxRowsIsLimitExceeded) {
  ServerProcess server(db(), {"--max-rows", "3"});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  EXPECT_EQ(RunPaged(client, "UNWIND range(1, 3) AS i RETURN i", 10).rows_json, "[[1], [2], [3]]");
  Paged four = RunPaged(client, "UNWIND range(1, 4) AS i RETURN i", 10);
  EXPECT_EQ(four.error_code, "LimitExceeded");
  EXPECT_EQ(four.http_status, 400);
  EXPECT_NE(four.error_message.find("--max-rows 3"), std::string::npos) << four.error_message;
}

// Pages hold at most 10 000 rows (Limits::max_page_rows), whether the client
// leaves the size to the server (0) or asks for more.
TEST_F(RpcTest, ServerCapsPageSize) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  const std::string query = "UNWIND range(1, 25000) AS i RETURN i";
  for (uint32_t asked : {0u, 50000u}) {
    Paged paged = RunPaged(client, query, asked);
    ASSERT_EQ(paged.error_code, "") << paged.error_message;
    EXPECT_EQ(paged.row_count, 25000u);
    EXPECT_EQ(paged.page_sizes, (std::vector<size_t>{10000, 10000, 5000})) << asked;
    auto rows = ParseJson(paged.rows_json);
    ASSERT_TRUE(rows.ok() && rows->is_list());
    ASSERT_EQ(rows->as_list().size(), 25000u);
    EXPECT_EQ(rows->as_list()[10000], Value(ValueList{Value(10001)}));
    EXPECT_EQ(rows->as_list().back(), Value(ValueList{Value(25000)}));
  }
  Paged small = RunPaged(client, query, 7000);
  EXPECT_EQ(small.page_sizes, (std::vector<size_t>{7000, 7000, 7000, 4000}));
}

TEST_F(RpcTest, RenderAndStats) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  auto& ws = client.getWaitScope();
  auto kg = client.getMain<rpc::Kg>();
  auto render = kg.renderRequest();
  render.setQuery("MATCH (a)-[r:LEADS]->(b) RETURN a, r, b");
  render.setFormat("dot");
  auto drawn = render.send().wait(ws);
  ASSERT_EQ(std::string(drawn.getError().getCode().cStr()), "");
  std::string dot(reinterpret_cast<const char*>(drawn.getData().begin()), drawn.getData().size());
  EXPECT_NE(dot.find("Jensen Huang"), std::string::npos);
  EXPECT_EQ(std::string(drawn.getMediaType().cStr()), "text/vnd.graphviz");
  auto stats = kg.statsRequest().send().wait(ws);
  EXPECT_EQ(stats.getStats().getEntities(), 6u);
  EXPECT_EQ(stats.getStats().getRelations(), 6u);
  // The topology cache's figures (the copy itself is built in the background).
  EXPECT_EQ(stats.getStats().getTopologyBudgetBytes(), uint64_t{1} << 30);
  EXPECT_GT(stats.getStats().getTopologyEstimateBytes(), 0u);
  EXPECT_LE(stats.getStats().getTopologyHeldBytes(), stats.getStats().getTopologyBudgetBytes());
}

std::vector<std::string> SuggestionsOf(rpc::Error::Reader error) {
  std::vector<std::string> out;
  for (auto s : error.getSuggestions()) out.emplace_back(s.cStr());
  return out;
}

// A request is sent once: each call builds a new one.
TEST_F(RpcTest, EntityAndEgoSuggestNamesAndTakeTypesInAnyCase) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  auto& ws = client.getWaitScope();
  auto kg = client.getMain<rpc::Kg>();
  auto entity = [&](const char* name) {
    auto request = kg.entityRequest();
    request.setName(name);
    return request.send().wait(ws);
  };
  auto found = entity("nvidia");
  ASSERT_EQ(std::string(found.getError().getCode().cStr()), "");
  EXPECT_NE(std::string(found.getJson().cStr()).find("\"name\":\"NVIDIA\""), std::string::npos);
  auto missing = entity("Nvidea");
  EXPECT_EQ(std::string(missing.getError().getCode().cStr()), "NotFound");
  EXPECT_EQ(missing.getError().getHttpStatus(), 404);
  EXPECT_EQ(std::string(missing.getError().getMessage().cStr()),
            "no entity is named or aliased 'Nvidea'; did you mean 'NVIDIA'?");
  EXPECT_EQ(SuggestionsOf(missing.getError()), std::vector<std::string>{"NVIDIA"});

  auto ego = [&](const char* name, const char* type) {
    auto request = kg.egoRequest();
    request.setName(name);
    request.setFormat("dot");
    if (type != nullptr) request.initTypes(1).set(0, type);
    return request.send().wait(ws);
  };
  auto unknown = ego("Xiomi", nullptr);
  EXPECT_EQ(std::string(unknown.getError().getCode().cStr()), "NotFound");
  EXPECT_EQ(SuggestionsOf(unknown.getError()), std::vector<std::string>{"Xiaomi"});
  auto drawn = ego("NVIDIA", "competes_with");
  ASSERT_EQ(std::string(drawn.getError().getCode().cStr()), "")
      << drawn.getError().getMessage().cStr();
  std::string dot(reinterpret_cast<const char*>(drawn.getData().begin()), drawn.getData().size());
  EXPECT_NE(dot.find("Huawei"), std::string::npos) << dot;
  EXPECT_EQ(dot.find("Jensen Huang"), std::string::npos) << "LEADS is not among the types";
  auto bad = ego("NVIDIA", "partnerz_with");
  EXPECT_EQ(bad.getError().getHttpStatus(), 400);
  std::string message = bad.getError().getMessage().cStr();
  EXPECT_NE(message.find("types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("PARTNERS_WITH"), std::string::npos) << message;
}

TEST_F(RpcTest, AWrongTokenIsUnauthorizedEvenOnAReadThatNeedsNone) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  capnp::EzRpcClient client("127.0.0.1", server.rpc_port());
  auto& ws = client.getWaitScope();
  auto kg = client.getMain<rpc::Kg>();
  Paged wrong = RunPaged(client, "RETURN 1", 10, "wrong-token");
  EXPECT_EQ(wrong.error_code, "Unauthorized");
  EXPECT_EQ(wrong.http_status, 401);
  EXPECT_EQ(RunPaged(client, "RETURN 1", 10).error_code, "") << "no token: reads need none";
  EXPECT_EQ(RunPaged(client, "RETURN 1", 10, kToken).error_code, "");
  auto stats = kg.statsRequest();
  stats.setToken("wrong-token");
  EXPECT_EQ(std::string(stats.send().wait(ws).getError().getCode().cStr()), "Unauthorized");
  auto render = kg.renderRequest();
  render.setQuery("MATCH (a)-[r:LEADS]->(b) RETURN a, r, b");
  render.setToken("wrong-token");
  EXPECT_EQ(std::string(render.send().wait(ws).getError().getCode().cStr()), "Unauthorized");
  auto entity = kg.entityRequest();
  entity.setName("NVIDIA");
  entity.setToken("wrong-token");
  EXPECT_EQ(entity.send().wait(ws).getError().getHttpStatus(), 401);
}

}  // namespace
}  // namespace kg::server::testing
