// Hostile requests against a real `kg serve`: each of these killed the
// server (SIGSEGV in the recursive parser, in JSON conversion, inside
// std::regex) or kept a worker busy for minutes. Now each is a clear error
// reply and the server keeps serving.
#include <string>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string ErrorField(const HttpReply& reply, const std::string& field) {
  Value error = JsonMember(reply.body, "error");
  if (!error.is_map() || !error.as_map().count(field)) return "";
  const Value& v = error.as_map().at(field);
  return v.is_string() ? v.as_string() : ToJson(v);
}

class LimitsHttpTest : public SeededServerTest {
 protected:
  LimitsHttpTest() : SeededServerTest("limits-token") {}
  // The server answers a trivial query: it is alive and serving.
  static void ExpectAlive(const ServerProcess& server) {
    HttpReply one = PostQuery(server, "RETURN 1 AS one");
    EXPECT_EQ(one.status, 200) << one.body;
  }
};

TEST_F(LimitsHttpTest, DeepNestingIs400WithPositionAndTheServerLives) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  const size_t n = 3000;
  for (const std::string& q : {
           "RETURN " + Repeat("(", n) + "1" + Repeat(")", n),
           "RETURN " + Repeat("(", n),
           "RETURN " + Repeat("[", n) + "1" + Repeat("]", n),
           "RETURN " + Repeat("NOT ", n) + "true",
           "RETURN " + Repeat("- ", n) + "1",
           "RETURN true" + Repeat(" AND true", n),
           "MATCH " + Repeat("(", n) + "n" + Repeat(")", n) + " RETURN n",
       }) {
    HttpReply reply = PostQuery(server, q);
    EXPECT_EQ(reply.status, 400) << q.substr(0, 30) << ": " << reply.body.substr(0, 300);
    EXPECT_EQ(ErrorField(reply, "code"), "SyntaxError") << reply.body.substr(0, 300);
    EXPECT_NE(ErrorField(reply, "message").find("ExpressionTooDeep"), std::string::npos)
        << reply.body.substr(0, 300);
    EXPECT_NE(ErrorField(reply, "position"), "") << reply.body.substr(0, 300);
  }
  ExpectAlive(server);
}

TEST_F(LimitsHttpTest, DeepJsonParameterIs400AndTheServerLives) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  const size_t n = 30000;
  HttpReply reply =
      PostQuery(server, "RETURN $p AS p", "", "{\"p\": " + Repeat("[", n) + Repeat("]", n) + "}");
  EXPECT_EQ(reply.status, 400) << reply.body.substr(0, 300);
  EXPECT_NE(ErrorField(reply, "message").find("deeper than 1000 levels"), std::string::npos)
      << reply.body.substr(0, 300);
  ExpectAlive(server);
}

TEST_F(LimitsHttpTest, HostileRegexIsAnsweredOrRefusedAndTheServerLives) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  // Exponential for a backtracking engine, a stack overflow for std::regex.
  // (The body stays under 128 KiB: curl gets it as one argument.)
  HttpReply slow = PostQuery(
      server,
      "RETURN $s =~ '(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*c' AS a, "
      "$long =~ '(a|b)*' AS b",
      "",
      "{\"s\": \"" + std::string(60, 'a') + "\", \"long\": \"" + std::string(100000, 'a') + "\"}");
  EXPECT_EQ(slow.status, 200) << slow.body.substr(0, 300);
  EXPECT_EQ(JsonMember(slow.body, "rows"),
            Value(ValueList{Value(ValueList{Value(false), Value(true)})}));
  HttpReply deep =
      PostQuery(server, "RETURN 'a' =~ '" + Repeat("(", 3000) + "a" + Repeat(")", 3000) + "' AS x");
  EXPECT_TRUE(deep.status == 200 || deep.status == 400) << deep.body.substr(0, 300);
  HttpReply bad = PostQuery(server, "RETURN 'a' =~ '(a' AS x");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(ErrorField(bad, "code"), "ArgumentError") << bad.body;
  ExpectAlive(server);
}

TEST_F(LimitsHttpTest, PageRankHonoursTheTimeout) {
  ServerProcess server(db(), {"--timeout", "0.5"});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server, "CALL kg.pagerank({iterations: 1e9}) YIELD node RETURN node");
  EXPECT_EQ(reply.status, 504) << reply.body;
  EXPECT_EQ(ErrorField(reply, "code"), "Timeout") << reply.body;
  ExpectAlive(server);
}

TEST_F(LimitsHttpTest, MaxMemoryIs400MemoryLimitExceeded) {
  ServerProcess server(db(), {"--max-memory", "1000000"});
  ASSERT_TRUE(server.ok());
  HttpReply reply = PostQuery(server, "UNWIND range(1, 20000) AS x RETURN x ORDER BY x DESC");
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(ErrorField(reply, "code"), "MemoryLimitExceeded") << reply.body;
  EXPECT_NE(ErrorField(reply, "message").find("--max-memory 1000000"), std::string::npos)
      << reply.body;
  HttpReply small = PostQuery(server, "UNWIND range(1, 100) AS x RETURN x ORDER BY x DESC");
  EXPECT_EQ(small.status, 200) << small.body;
}

}  // namespace
}  // namespace kg::server::testing
