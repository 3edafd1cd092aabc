// Unit tests of the server's pure parts: error mapping, address and
// parameter parsing.
#include "server/internal/service.h"

#include "gtest/gtest.h"
#include "server/internal/http_front.h"

namespace kg::server::internal {
namespace {

TEST(ApiErrorTest, SyntaxErrorCarriesClassAndPosition) {
  ApiError e = ToApiError(Status::SyntaxError("SyntaxError: query:2:14: expected ')'"));
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.code, "SyntaxError");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 14);
  std::string json = ApiErrorJson(e);
  EXPECT_NE(json.find("\"position\":{\"line\":2,\"column\":14}"), std::string::npos) << json;
}

TEST(ApiErrorTest, StatusClassesMapToHttp) {
  EXPECT_EQ(ToApiError(Status::InvalidArgument("Timeout: query took too long")).http_status, 504);
  EXPECT_EQ(ToApiError(Status::InvalidArgument("TypeError: query:1:8: x")).code, "TypeError");
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
