// The server's HTTP/1.1 reading layer (server/internal/http_wire.h): framing
// rules, the smuggling shapes it refuses, limits, chunked bodies.
#include "server/internal/http_wire.h"

#include "gtest/gtest.h"

namespace kg::server::internal {
namespace {

struct Parsed {
  ParseState state;
  HttpRequest request;
  size_t consumed = 0;
  WireError error;
};

Parsed Parse(std::string_view bytes, WireLimits limits = {}) {
  Parsed p;
  p.state = ParseRequestHead(bytes, limits, &p.request, &p.consumed, &p.error);
  return p;
}

void ExpectRefused(std::string_view bytes, int status, const std::string& why) {
  Parsed p = Parse(bytes);
  EXPECT_EQ(p.state, ParseState::kError) << why;
  EXPECT_EQ(p.error.status, status) << why << ": " << p.error.message;
}

TEST(HttpWireTest, ParsesRequestLineHeadersAndDecodedQuery) {
  Parsed p = Parse(
      "GET /v1/render?query=MATCH+(n)%20RETURN%20n&format=dot HTTP/1.1\r\n"
      "Host: x\r\nX-Thing:  padded \t\r\n\r\n");
  ASSERT_EQ(p.state, ParseState::kDone) << p.error.message;
  EXPECT_EQ(p.request.method, "GET");
  EXPECT_EQ(p.request.path, "/v1/render");
  ASSERT_NE(p.request.Param("query"), nullptr);
  EXPECT_EQ(*p.request.Param("query"), "MATCH (n) RETURN n");
  EXPECT_EQ(*p.request.Param("format"), "dot");
  EXPECT_EQ(*p.request.Header("x-thing"), "padded");
  EXPECT_TRUE(p.request.keep_alive);
  EXPECT_EQ(p.request.framing, BodyFraming::kNone);
}

TEST(HttpWireTest, ConsumesExactlyOneOfPipelinedRequests) {
  std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  Parsed p = Parse(one + one + "GET /v1/st");
  ASSERT_EQ(p.state, ParseState::kDone);
  EXPECT_EQ(p.consumed, one.size());
}

TEST(HttpWireTest, IncompleteHeadNeedsMore) {
  EXPECT_EQ(Parse("GET /healthz HTTP/1.1\r\nHost: x\r\n").state, ParseState::kNeedMore);
  EXPECT_EQ(Parse("GET /hea").state, ParseState::kNeedMore);
}

TEST(HttpWireTest, ContentLengthAndConnectionClose) {
  Parsed p = Parse(
      "POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n"
      "Connection: close\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_EQ(p.state, ParseState::kDone);
  EXPECT_EQ(p.request.framing, BodyFraming::kLength);
  EXPECT_EQ(p.request.content_length, 12u);
  EXPECT_FALSE(p.request.keep_alive);
  EXPECT_TRUE(p.request.expect_continue);
}

TEST(HttpWireTest, RefusesSmugglingShapes) {
  ExpectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 40\r\n\r\n",
                400, "two different Content-Length");
  ExpectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n", 400,
                "two equal Content-Length");
  ExpectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\n", 400,
                "a Content-Length list");
  ExpectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\n", 400, "a signed length");
  ExpectRefused(
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
      "Transfer-Encoding: chunked\r\n\r\n",
      400, "Content-Length with Transfer-Encoding");
  ExpectRefused(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Content-Length: 5\r\n\r\n",
      400, "Transfer-Encoding with Content-Length");
  ExpectRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
                "a coding before chunked");
  ExpectRefused(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Transfer-Encoding: chunked\r\n\r\n",
      501, "chunked twice");
  ExpectRefused("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 501,
                "chunked in HTTP/1.0");
  ExpectRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n", 400,
                "space before the colon");
  ExpectRefused("POST / HTTP/1.1\r\nHost: x\r\nX: a\r\n chunked\r\n\r\n", 400, "line folding");
  ExpectRefused("GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", 400, "a bare CR");
  ExpectRefused("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400, "two Host headers");
  ExpectRefused("GET / HTTP/1.1\r\n\r\n", 400, "no Host");
  ExpectRefused("GET / HTTP/1.1\r\nHost: x\r\nX: a\x01z\r\n\r\n", 400, "a control character");
}

TEST(HttpWireTest, RefusesMalformedRequestLines) {
  ExpectRefused("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "two spaces");
  ExpectRefused("GET /\r\nHost: x\r\n\r\n", 400, "no version");
  ExpectRefused("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, "HTTP/2 in text");
  ExpectRefused("GET nopath HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a relative target");
  ExpectRefused("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad percent-encoding");
  ExpectRefused("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a method that is not a token");
}

TEST(HttpWireTest, LimitsOnLinesHeadersAndBody) {
  std::string long_line = "GET /" + std::string(9000, 'a');
  ExpectRefused(long_line, 414, "a request line over 8 KiB, even unfinished");
  ExpectRefused("GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(9000, 'a'), 431,
                "a header line over 8 KiB");
  std::string many = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 120; ++i) many += "X-" + std::to_string(i) + ": y\r\n";
  ExpectRefused(many + "\r\n", 431, "too many headers");
  WireLimits limits;
  limits.max_body = 10;
  Parsed p = Parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", limits);
  EXPECT_EQ(p.state, ParseState::kError);
  EXPECT_EQ(p.error.status, 413);
}

TEST(HttpWireTest, AbsoluteFormTargetAndHttp10) {
  Parsed p = Parse("GET http://example.test/healthz?a=1 HTTP/1.0\r\n\r\n");
  ASSERT_EQ(p.state, ParseState::kDone) << p.error.message;
  EXPECT_EQ(p.request.path, "/healthz");
  EXPECT_FALSE(p.request.keep_alive);
}

// Feeds `encoded` one byte at a time, as the slowest client would send it.
ParseState DecodeByteByByte(std::string_view encoded, size_t max_body, std::string* body,
                            size_t* consumed, WireError* error) {
  ChunkedDecoder decoder(max_body);
  ParseState state = ParseState::kNeedMore;
  for (size_t n = 1; n <= encoded.size() && state == ParseState::kNeedMore; ++n)
    state = decoder.Feed(encoded.substr(0, n), body, consumed, error);
  return state;
}

TEST(HttpWireTest, ChunkedBodyDecodesAcrossSplitReads) {
  std::string encoded = "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nGET /next";
  std::string body;
  size_t consumed = 0;
  WireError error;
  ASSERT_EQ(DecodeByteByByte(encoded, 100, &body, &consumed, &error), ParseState::kDone)
      << error.message;
  EXPECT_EQ(body, "hello, world");
  EXPECT_EQ(encoded.substr(consumed), "GET /next");
}

TEST(HttpWireTest, ChunkedBodyErrors) {
  std::string body;
  size_t consumed = 0;
  WireError error;
  EXPECT_EQ(DecodeByteByByte("zz\r\nhello\r\n0\r\n\r\n", 100, &body, &consumed, &error),
            ParseState::kError);
  EXPECT_EQ(error.status, 400);
  body.clear();
  EXPECT_EQ(DecodeByteByByte("3\r\nhello\r\n0\r\n\r\n", 100, &body, &consumed, &error),
            ParseState::kError)
      << "a chunk longer than its size";
  body.clear();
  EXPECT_EQ(
      DecodeByteByByte("8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n", 10, &body, &consumed, &error),
      ParseState::kError);
  EXPECT_EQ(error.status, 413);
  body.clear();
  EXPECT_EQ(DecodeByteByByte("fffffffffffffffff\r\n", 0, &body, &consumed, &error),
            ParseState::kError)
      << "a size that overflows";
}

TEST(HttpWireTest, PercentDecode) {
  EXPECT_EQ(PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(PercentDecode("a%20b+c", false), "a b+c");
  EXPECT_EQ(PercentDecode("%e8%8b%b1", false), "\xe8\x8b\xb1");
  EXPECT_EQ(PercentDecode("100%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%4", false), std::nullopt);
}

}  // namespace
}  // namespace kg::server::internal
