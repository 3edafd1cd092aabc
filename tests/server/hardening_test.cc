// `kg serve` under hostile or careless clients, through real sockets on
// 127.0.0.1: slow heads, too many connections, pipelining, request
// smuggling shapes, a second server on a taken port, bad flags, security
// headers, SIGTERM with busy workers. docs/reliability-server.md cites
// these tests.
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/raw_http.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "hardening-token";

class HardeningTest : public SeededServerTest {
 protected:
  HardeningTest() : SeededServerTest(kToken) {}
};

std::string Get(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

std::string PostQueryBytes(const std::string& query, const std::string& extra = "") {
  std::string body = "{\"query\": " + JsonQuote(query) + "}";
  return "POST /v1/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
         extra + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Sixteen clients that send half a request head and stall: /healthz still
// answers at once (cpp-httplib's pool of --threads workers was held by them
// for 40 s), and /v1/stats too.
TEST_F(HardeningTest, SlowHeaderClientsDoNotStarveOthers) {
  ServerProcess server(db(), {"--threads", "2"});
  ASSERT_TRUE(server.ok());
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 16; ++i) {
    slow.push_back(std::make_unique<RawClient>(server.http_port()));
    ASSERT_TRUE(slow.back()->Send("GET /healthz HTTP/1.1\r\nHost: 127.0"));
  }
  for (int i = 0; i < 3; ++i) {
    HttpReply health = Curl(server.url("/healthz"), {"--max-time", "5"});
    EXPECT_EQ(health.status, 200) << "attempt " << i << ": " << health.body;
  }
  EXPECT_EQ(Curl(server.url("/v1/stats"), {"--max-time", "5"}).status, 200);
}

// A client that keeps a request head trickling in is cut off with 408 at
// --request-timeout, however steadily it sends.
TEST_F(HardeningTest, TricklingRequestHeadGets408AndIsClosed) {
  ServerProcess server(db(), {"--request-timeout", "1"});
  ASSERT_TRUE(server.ok());
  RawClient client(server.http_port());
  ASSERT_TRUE(client.connected());
  std::string head = Get("/healthz", "X-Slow: " + std::string(400, 'a') + "\r\n");
  bool closed = false;
  for (size_t i = 0; i < head.size() - 2 && !closed; ++i) {  // at most ~40 s
    client.Send(head.substr(i, 1));
    closed = client.ReadUntilClosed(0.1);
  }
  ASSERT_TRUE(closed) << "the server kept a trickling request open";
  auto replies = ParseResponses(client.received());
  ASSERT_EQ(replies.size(), 1u) << client.received();
  EXPECT_EQ(replies[0].status, 408);
  EXPECT_NE(replies[0].body.find("RequestTimeout"), std::string::npos) << replies[0].body;
}

// Beyond --max-connections a client gets 503 TooManyConnections; once a
// connection closes, new ones are served again.
TEST_F(HardeningTest, ConnectionsBeyondTheLimitGet503) {
  // Four connections that send nothing: each waits --request-timeout for
  // its first request. They are accepted in order, before the fifth.
  ServerProcess server(db(), {"--max-connections", "4", "--request-timeout", "60"});
  ASSERT_TRUE(server.ok());
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(std::make_unique<RawClient>(server.http_port()));
    ASSERT_TRUE(held.back()->connected());
  }
  RawClient extra(server.http_port());
  ASSERT_TRUE(extra.connected());
  EXPECT_TRUE(extra.ReadUntilClosed(10));
  auto replies = ParseResponses(extra.received());
  ASSERT_EQ(replies.size(), 1u) << extra.received();
  EXPECT_EQ(replies[0].status, 503);
  EXPECT_NE(replies[0].body.find("--max-connections"), std::string::npos) << replies[0].body;
  EXPECT_EQ(replies[0].headers["retry-after"], "1");
  held.clear();
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {  // the server notices the closes
    status = Curl(server.url("/healthz"), {"--max-time", "5"}).status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200);
}

// 100 requests written at once on one connection: 100 replies, in order.
TEST_F(HardeningTest, PipelinedRequestsAreAnsweredInOrder) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  RawClient client(server.http_port());
  std::string bytes;
  for (int i = 0; i < 100; ++i) {
    if (i % 10 == 9)
      bytes += Get("/healthz");
    else
      bytes += PostQueryBytes("RETURN " + std::to_string(i) + " AS i");
  }
  ASSERT_TRUE(client.Send(bytes));
  auto replies = client.ReadResponses(100, 60);
  ASSERT_EQ(replies.size(), 100u) << client.received().substr(0, 500);
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(replies[i].status, 200) << i << ": " << replies[i].body;
    if (i % 10 == 9) {
      EXPECT_EQ(replies[i].body, "{\"status\":\"ok\"}") << i;
    } else {
      EXPECT_EQ(JsonMember(replies[i].body, "rows"), Value(ValueList{Value(ValueList{Value(i)})}))
          << i << ": " << replies[i].body;
    }
  }
}

// A connection is closed after 1,000 requests: the 1,000th reply says
// `Connection: close` and a request pipelined after it is never read.
TEST_F(HardeningTest, AKeptAliveConnectionEndsAfterAThousandRequests) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  RawClient client(server.http_port());
  std::string bytes;
  for (int i = 0; i < 1001; ++i) bytes += Get("/healthz");
  ASSERT_TRUE(client.Send(bytes));
  EXPECT_TRUE(client.ReadUntilClosed(60));
  std::vector<RawResponse> replies = ParseResponses(client.received());
  ASSERT_EQ(replies.size(), 1000u);
  EXPECT_EQ(replies[998].headers.count("connection"), 0u);
  EXPECT_EQ(replies[999].headers["connection"], "close");
  EXPECT_EQ(replies[999].status, 200);
}

// The smuggling shapes are refused with 400 and the connection is closed,
// so the bytes after them are never read as a request.
TEST_F(HardeningTest, AmbiguousBodyFramingIsRefusedAndClosed) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  const std::string smuggled = Get("/v1/stats");
  const std::string shapes[] = {
      "Content-Length: 2\r\nContent-Length: 40\r\n",
      "Content-Length: 40\r\nTransfer-Encoding: chunked\r\n",
      "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n",
  };
  for (const std::string& shape : shapes) {
    RawClient client(server.http_port());
    std::string body = "0\r\n\r\n";
    ASSERT_TRUE(client.Send("POST /v1/query HTTP/1.1\r\nHost: 127.0.0.1\r\n" + shape + "\r\n" +
                            body + smuggled));
    EXPECT_TRUE(client.ReadUntilClosed(10)) << shape;
    auto replies = ParseResponses(client.received());
    ASSERT_EQ(replies.size(), 1u) << shape << client.received();
    EXPECT_EQ(replies[0].status, 400) << shape;
    EXPECT_EQ(replies[0].headers["connection"], "close") << shape;
  }
}

// A chunked body and "Expect: 100-continue" (what curl sends for larger
// bodies) are read correctly.
TEST_F(HardeningTest, ChunkedBodyAndExpectContinue) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply chunked = Curl(server.url("/v1/query"),
                           {"-H", "Transfer-Encoding: chunked", "-H", "Expect: 100-continue",
                            "--data-binary", "{\"query\": \"RETURN 7 AS n\"}"});
  EXPECT_EQ(chunked.status, 200) << chunked.body;
  EXPECT_EQ(JsonMember(chunked.body, "rows"), Value(ValueList{Value(ValueList{Value(7)})}));
}

TEST_F(HardeningTest, RepliesCarrySecurityHeaders) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  for (const std::string& request :
       {Get("/v1/stats"), Get("/nope"), PostQueryBytes("RETURN 1"), Get("/healthz")}) {
    RawClient client(server.http_port());
    ASSERT_TRUE(client.Send(request));
    auto replies = client.ReadResponses(1, 10);
    ASSERT_EQ(replies.size(), 1u);
    auto& h = replies[0].headers;
    EXPECT_EQ(h["x-content-type-options"], "nosniff") << request;
    EXPECT_EQ(h["x-frame-options"], "DENY");
    EXPECT_NE(h["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(h["content-security-policy"].find("default-src 'none'"), std::string::npos);
    EXPECT_EQ(h["referrer-policy"], "no-referrer");
    EXPECT_EQ(h["cache-control"], "no-store");
  }
}

// Two servers never share a port (cpp-httplib's SO_REUSEPORT let the
// second start and take half the requests, for another database).
TEST_F(HardeningTest, SecondServerOnATakenPortFailsToStart) {
  ServerProcess first(db(), {});
  ASSERT_TRUE(first.ok());
  TempDir other;
  SeedDatabase(other.path() + "/db");
  const std::string kg = KgBinary();
  const std::string http = "127.0.0.1:" + std::to_string(first.http_port());
  const std::string rpc = "127.0.0.1:" + std::to_string(first.rpc_port());
  CommandResult on_http = RunCommand(
      {"sh", "-c",
       kg + " --db " + other.path() + "/db serve --http " + http + " --rpc 127.0.0.1:0 2>&1"},
      "", 30);
  EXPECT_NE(on_http.exit_code, 0) << on_http.out;
  EXPECT_NE(on_http.out.find("cannot listen for HTTP on " + http), std::string::npos)
      << on_http.out;
  CommandResult on_rpc = RunCommand(
      {"sh", "-c",
       kg + " --db " + other.path() + "/db serve --http 127.0.0.1:0 --rpc " + rpc + " 2>&1"},
      "", 30);
  EXPECT_NE(on_rpc.exit_code, 0) << on_rpc.out;
  EXPECT_NE(on_rpc.out.find("RPC"), std::string::npos) << on_rpc.out;
}

TEST_F(HardeningTest, BadFlagsAndTokenFilesAreRefusedAtStart) {
  const std::string kg = KgBinary() + " --db " + db() + " serve --rpc '' ";
  std::string open_token = dir_.path() + "/open_token";
  std::ofstream(open_token) << "s3cret\n";
  chmod(open_token.c_str(), 0644);
  struct Case {
    std::string args;
    std::string expected;
  };
  for (const Case& c : std::vector<Case>{
           {"--max-body 0", "--max-body"},
           {"--threads -1", "--threads"},
           {"--threads 0", "--threads"},
           {"--timeout -1", "--timeout"},
           {"--max-connections 0", "--max-connections"},
           {"--request-timeout 0", "--request-timeout"},
           {"--grace -1", "--grace"},
           {"--token-file " + open_token, "chmod 600"},
           {"--http 0.0.0.0:0", "--allow-remote"},
           {"--http 0.0.0.0:0 --allow-remote", "--token-file"},
           {"--backup-dir " + dir_.path() + "/b", "--backup-dir"},
           {"--backup-dir " + dir_.path() + "/b --read-only " + "--token-file " + token_file(),
            "--backup-dir"}}) {
    std::string http = c.args.find("--http") == std::string::npos ? " --http 127.0.0.1:0" : "";
    CommandResult r = RunCommand({"sh", "-c", kg + c.args + http + " 2>&1"}, "", 30);
    EXPECT_NE(r.exit_code, 0) << c.args << ": " << r.out;
    EXPECT_NE(r.out.find(c.expected), std::string::npos) << c.args << ": " << r.out;
    EXPECT_EQ(r.out.find("serving"), std::string::npos) << c.args << " started: " << r.out;
  }
}

// SIGTERM while a worker runs a query that would take minutes (no
// --timeout): at the --grace deadline the query's client gets 503
// ShuttingDown and the server exits 0; the database passes kg check.
TEST_F(HardeningTest, SigtermStopsBusyWorkersAtTheGraceDeadline) {
  ServerProcess server(db(), {"--grace", "1", "--timeout", "0", "--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  const std::string endless =
      "UNWIND range(1, 9000) AS i UNWIND range(1, 1000) AS j "
      "WITH i WHERE size(range(1, 2000)) = 2000 RETURN count(*)";
  HttpReply reply;
  std::thread client([&] { reply = PostQuery(server, endless); });
  std::this_thread::sleep_for(std::chrono::seconds(1));
  int exit_code = server.Terminate(60);
  client.join();
  EXPECT_EQ(exit_code, 0) << "the server did not stop by its grace deadline";
  EXPECT_EQ(reply.status, 503) << reply.body;
  EXPECT_NE(reply.body.find("ShuttingDown"), std::string::npos) << reply.body;
  CommandResult check = RunCommand({KgBinary(), "--db", db(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

}  // namespace
}  // namespace kg::server::testing
