// HTTP/1.1 request framing (RFC 9112) for the server's own reading layer:
// the request line, the header block and the body (Content-Length or
// chunked), parsed from a connection's buffered bytes, and the status line
// and headers of a reply. Pure functions over bytes, no sockets: the
// connection loop (http_conn.cc) feeds them, tests call them directly.
//
// Why our own: cpp-httplib 0.11 (Debian 12) drops pipelined requests (its
// read buffer lives for one request), cannot bound the time to read a
// request head (its read timeout restarts with every byte) and accepts a
// duplicate Content-Length or one next to Transfer-Encoding, the request
// smuggling shapes. Everything ambiguous here is refused, never guessed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kg::server::internal {

// A refusal of the request: the HTTP status, the stable code and a message
// for the client. After a framing error the connection is closed, since
// where the next request starts is unknown.
struct WireError {
  int status = 400;
  std::string code = "BadRequest";
  std::string message;
};

struct WireLimits {
  size_t max_request_line = 8192;  // longer: 414
  size_t max_header_line = 8192;   // one header line longer: 431
  size_t max_header_count = 100;   // more header lines: 431
  size_t max_body = 1 << 20;       // larger body: 413 (0: no limit)
};

enum class BodyFraming { kNone, kLength, kChunked };

struct HttpRequest {
  std::string method;  // as sent, case-sensitive (RFC 9110 section 9.1)
  std::string target;  // as sent
  std::string path;    // the target's path, percent-decoded
  std::vector<std::pair<std::string, std::string>> query;    // decoded ?a=b pairs, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case, values trimmed
  bool http10 = false;
  bool keep_alive = true;        // false for HTTP/1.0 or "Connection: close"
  bool expect_continue = false;  // "Expect: 100-continue"
  BodyFraming framing = BodyFraming::kNone;
  size_t content_length = 0;  // with kLength
  std::string body;

  // The value of the first header with this lower-case name, if any.
  const std::string* Header(std::string_view lower_name) const;
  // The first query parameter with this name, if any.
  const std::string* Param(std::string_view name) const;
};

// Appends the decoded pairs of "a=b&c=d" (a query string, or a body of
// type application/x-www-form-urlencoded) to `out`; false on malformed
// percent-encoding.
bool ParseFormPairs(std::string_view text, std::vector<std::pair<std::string, std::string>>* out);

enum class ParseState { kNeedMore, kDone, kError };

// Parses the request head at the start of `buffer` into `req` (method,
// target, path, query, headers, framing). kDone: `*consumed` is the head's
// length including the blank line. kNeedMore: no complete head yet and no
// limit broken so far. kError: `*error` says why (400 malformed, 414 request
// line, 431 header line or count, 413 Content-Length over the body limit,
// 501 an unsupported Transfer-Encoding, 505 an HTTP version other than 1.x).
// Lines end in CRLF or a bare LF; a bare CR, obsolete line folding,
// whitespace before a header's colon, control characters in a value, a
// missing or repeated Host (HTTP/1.1), a repeated or non-numeric
// Content-Length, Content-Length with Transfer-Encoding, or any
// Transfer-Encoding but "chunked" are refused.
ParseState ParseRequestHead(std::string_view buffer, const WireLimits& limits, HttpRequest* req,
                            size_t* consumed, WireError* error);

// Decodes a chunked body incrementally: Feed() it the bytes buffered after
// the head (all of them, from where the body starts, each call) and it
// resumes where it stopped. kDone: the body (without trailers) is in
// `*body` and `*consumed` bytes of the buffer were the body. kError: a
// malformed chunk (400) or a body over the limit (413).
class ChunkedDecoder {
 public:
  explicit ChunkedDecoder(size_t max_body) : max_body_(max_body) {}
  ParseState Feed(std::string_view buffer, std::string* body, size_t* consumed, WireError* error);

 private:
  enum class Step { kSize, kData, kDataEnd, kTrailer };
  size_t max_body_;
  Step step_ = Step::kSize;
  size_t pos_ = 0;        // bytes of the buffer decoded so far
  size_t remaining_ = 0;  // bytes of the current chunk still to copy
};

// Percent-decodes `text` ('+' becomes a space when `plus_is_space`, as in
// a query string). nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// The reason phrase of a status code ("Not Found").
std::string_view ReasonPhrase(int status);

}  // namespace kg::server::internal
