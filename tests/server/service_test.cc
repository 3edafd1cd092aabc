// Unit tests of the server's pure parts (error mapping, address and
// parameter parsing) and of Service on a real store: the errors its limits
// produce are the engine's own.
#include "server/internal/service.h"

#include "gtest/gtest.h"
#include "server/internal/http_front.h"
#include "tests/server/server_test_util.h"

namespace kg::server::internal {
namespace {

// Runs for minutes: 9 million rows (under the 10 million rows an operator
// may pass on), each building a 1000-item list, all streamed into count(*)
// so memory stays small. Only the time limit stops it.
constexpr char kEndless[] =
    "UNWIND range(1, 3000) AS i UNWIND range(1, 3000) AS j "
    "WITH i WHERE size(range(1, 1000)) < 0 RETURN count(*)";

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::SeedDatabase(db());
    auto session = session::Session::Open(db(), {});
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    session_ = std::move(session).value();
  }
  std::string db() const { return dir_.path() + "/db"; }
  // Runs `text` through a Service with these limits, as a request would.
  Result<ResultTable> Run(const Limits& limits, const std::string& text) {
    ServerOptions options;
    options.db = db();
    options.limits = limits;
    Service service(*session_, options);
    std::optional<ApiError> denied;
    auto result = service.Query("", text, {}, &denied);
    EXPECT_FALSE(denied.has_value());
    if (!result.ok()) return result.status();
    return std::move(result->table);
  }

  testing::TempDir dir_;
  std::unique_ptr<session::Session> session_;
};

TEST_F(ServiceTest, EngineTimeoutIs504TimeoutNamingTheFlag) {
  Limits limits;
  limits.query_timeout_seconds = 0.2;
  auto table = Run(limits, kEndless);
  ASSERT_FALSE(table.ok());
  // The engine's own text (query/eval.cc), not a made-up one.
  EXPECT_EQ(table.status().message().rfind("TimeoutError: ", 0), 0u) << table.status().message();
  ApiError e = ToApiError(table.status());
  EXPECT_EQ(e.http_status, 504) << e.message;
  EXPECT_EQ(e.code, "Timeout");
  EXPECT_NE(e.message.find("--timeout 0.2"), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 0);
}

TEST_F(ServiceTest, EngineSyntaxErrorHasPositionFields) {
  auto table = Run(Limits{}, "MATCH (n)\nRETURN n.name,");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().error_class(), "SyntaxError");
  EXPECT_EQ(table.status().position().file, "query");
  EXPECT_EQ(table.status().position().line, 2);
  EXPECT_GT(table.status().position().column, 0);
  ApiError e = ToApiError(table.status());
  EXPECT_EQ(e.line, 2);
}

TEST_F(ServiceTest, RowLimitIs400LimitExceededNamingTheFlag) {
  Limits limits;
  limits.max_rows = 3;
  ASSERT_TRUE(Run(limits, "UNWIND range(1, 3) AS i RETURN i").ok());
  auto table = Run(limits, "UNWIND range(1, 4) AS i RETURN i");
  ASSERT_FALSE(table.ok());
  ApiError e = ToApiError(table.status());
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.code, "LimitExceeded");
  EXPECT_NE(e.message.find("more than 3 result rows"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("--max-rows 3"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find("QueryOptions"), std::string::npos) << e.message;
}

TEST(ApiErrorTest, SyntaxErrorCarriesClassAndPosition) {
  ApiError e = ToApiError(
      Status::SyntaxError("expected ')'").WithClass("SyntaxError").WithPosition({"query", 2, 14}));
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.code, "SyntaxError");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 14);
  std::string json = ApiErrorJson(e);
  EXPECT_NE(json.find("\"position\":{\"line\":2,\"column\":14}"), std::string::npos) << json;
}

TEST(ApiErrorTest, StatusClassesMapToHttp) {
  ApiError timeout =
      ToApiError(Status::InvalidArgument("the query exceeded its time limit").WithClass("Timeout"));
  EXPECT_EQ(timeout.http_status, 504);
  EXPECT_EQ(timeout.code, "Timeout");
  EXPECT_EQ(ToApiError(Status::InvalidArgument("more than 5 rows").WithClass("LimitExceeded")).code,
            "LimitExceeded");
  EXPECT_EQ(ToApiError(Status::InvalidArgument("x").WithClass("TypeError")).code, "TypeError");
  EXPECT_EQ(ToApiError(Status::InvalidArgument("no token").WithClass("Unauthorized")).http_status,
            401);
  EXPECT_EQ(ToApiError(Status::NotSupported("read-only").WithClass("Forbidden")).http_status, 403);
  // The class and position come from the fields, never from the message text.
  ApiError plain = ToApiError(Status::InvalidArgument("TypeError: query:3:4: looks like one"));
  EXPECT_EQ(plain.code, "InvalidArgument");
  EXPECT_EQ(plain.line, 0);
  EXPECT_EQ(ToApiError(Status::SchemaViolation("unknown kind")).code, "SchemaViolation");
  EXPECT_EQ(ToApiError(Status::SchemaViolation("unknown kind")).http_status, 400);
  EXPECT_EQ(ToApiError(Status::NotFound("nothing")).http_status, 404);
  EXPECT_EQ(ToApiError(Status::IOError("disk")).http_status, 500);
  EXPECT_EQ(ToApiError(Status::Corruption("bad record")).http_status, 500);
  EXPECT_EQ(ApiErrorJson(ToApiError(Status::IOError("disk"))).find("position"), std::string::npos);
}

TEST(ParseAddressTest, HostAndPort) {
  auto a = ParseAddress("127.0.0.1:7474");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 7474);
  EXPECT_TRUE(ParseAddress("localhost:0").ok());
  EXPECT_FALSE(ParseAddress("127.0.0.1").ok());
  EXPECT_FALSE(ParseAddress("127.0.0.1:http").ok());
  EXPECT_FALSE(ParseAddress("127.0.0.1:70000").ok());
  EXPECT_FALSE(ParseAddress(":80").ok());
}

TEST(ParseParamsTest, ObjectsOnly) {
  auto p = ParseParams(R"({"name": "NVIDIA", "n": 3})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->at("name"), Value("NVIDIA"));
  EXPECT_EQ(p->at("n"), Value(3));
  EXPECT_TRUE(ParseParams("").ok());
  EXPECT_FALSE(ParseParams("[1]").ok());
  EXPECT_FALSE(ParseParams("{\"a\": ").ok());
}

}  // namespace
}  // namespace kg::server::internal
