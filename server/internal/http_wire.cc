// HTTP/1.1 request framing: see http_wire.h. Every rule here answers one
// way a request could be read two ways (by us and by a proxy in front).
#include "server/internal/http_wire.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/text.h"

namespace kg::server::internal {
namespace {

constexpr size_t kMaxChunkLine = 1024;  // a chunk-size line with its extensions
constexpr size_t kMaxTrailers = 100;

WireError Error(int status, std::string code, std::string message) {
  return {status, std::move(code), std::move(message)};
}
WireError BadRequest(std::string message) { return Error(400, "BadRequest", std::move(message)); }

// RFC 9110 section 5.6.2: the characters of a token (method, header name).
bool IsTokenChar(unsigned char c) {
  return std::isalnum(c) != 0 || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}
bool IsToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return IsTokenChar(c); });
}
bool IsOws(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && IsOws(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsOws(s.back())) s.remove_suffix(1);
  return s;
}

// Splits a comma-separated header value into its trimmed, lower-case items.
std::vector<std::string> ListItems(std::string_view value) {
  std::vector<std::string> items;
  while (true) {
    size_t comma = value.find(',');
    std::string_view item = TrimOws(value.substr(0, comma));
    if (!item.empty()) items.push_back(AsciiLower(item));
    if (comma == std::string_view::npos) return items;
    value.remove_prefix(comma + 1);
  }
}

// One line of the buffer starting at `pos`: without its CRLF or LF, and the
// offset after it. nullopt when no LF has arrived yet.
struct Line {
  std::string_view text;
  size_t next = 0;
  bool bare_cr = false;  // a CR not followed by LF inside the line
};
std::optional<Line> NextLine(std::string_view buffer, size_t pos) {
  size_t nl = buffer.find('\n', pos);
  if (nl == std::string_view::npos) return std::nullopt;
  Line line{buffer.substr(pos, nl - pos), nl + 1, false};
  if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
  line.bare_cr = line.text.find('\r') != std::string_view::npos;
  return line;
}

// Splits the origin-form (or absolute-form) target into a decoded path and
// query parameters.
bool ParseTarget(std::string_view target, HttpRequest* req, WireError* error) {
  if (target == "*") {
    req->path = "*";
    return true;
  }
  std::string lower = AsciiLower(target.substr(0, 8));
  if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0) {
    size_t authority = target.find("//") + 2;
    size_t slash = target.find_first_of("/?", authority);
    target = slash == std::string_view::npos ? "/" : target.substr(slash);
    if (target.front() == '?') target = "/";  // "http://host?x" has an empty path
  }
  if (target.empty() || target.front() != '/') {
    *error = BadRequest("the request target must be a path starting with '/'");
    return false;
  }
  target = target.substr(0, target.find('#'));
  size_t question = target.find('?');
  auto path = PercentDecode(target.substr(0, question), false);
  if (!path) {
    *error = BadRequest("malformed percent-encoding in the request path");
    return false;
  }
  req->path = std::move(*path);
  if (question == std::string_view::npos) return true;
  if (ParseFormPairs(target.substr(question + 1), &req->query)) return true;
  *error = BadRequest("malformed percent-encoding in the query string");
  return false;
}

}  // namespace

bool ParseFormPairs(std::string_view rest, std::vector<std::pair<std::string, std::string>>* out) {
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) return false;
    out->emplace_back(std::move(*key), std::move(*value));
  }
  return true;
}

namespace {

// "METHOD SP target SP HTTP/1.x", single spaces (RFC 9112 section 3).
bool ParseRequestLine(std::string_view line, HttpRequest* req, WireError* error) {
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    *error = BadRequest("malformed request line; expected 'METHOD /path HTTP/1.1'");
    return false;
  }
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  bool target_ok = !target.empty() && std::none_of(target.begin(), target.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
  });
  if (!IsToken(method) || !target_ok) {
    *error = BadRequest("malformed request line; expected 'METHOD /path HTTP/1.1'");
    return false;
  }
  if (version == "HTTP/1.0") {
    req->http10 = true;
  } else if (version != "HTTP/1.1") {
    bool looks_http = version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
                      std::isdigit(static_cast<unsigned char>(version[5])) && version[6] == '.' &&
                      std::isdigit(static_cast<unsigned char>(version[7]));
    *error = looks_http ? Error(505, "HttpVersionNotSupported", "only HTTP/1.0 and 1.1 are served")
                        : BadRequest("malformed HTTP version in the request line");
    return false;
  }
  req->method = std::string(method);
  req->target = std::string(target);
  return ParseTarget(target, req, error);
}

// "name: value" (RFC 9112 section 5): no whitespace before the colon, no
// line folding, no control characters but HTAB in the value.
bool ParseHeaderLine(std::string_view line, HttpRequest* req, WireError* error) {
  if (IsOws(line.front())) {
    *error = BadRequest("obsolete header line folding is not accepted");
    return false;
  }
  size_t colon = line.find(':');
  std::string_view name = line.substr(0, colon);
  if (colon == std::string_view::npos || !IsToken(name)) {
    *error = BadRequest("malformed header line (a header is 'Name: value', no space before ':')");
    return false;
  }
  std::string_view value = TrimOws(line.substr(colon + 1));
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) {
      *error = BadRequest("a control character in the value of header '" + std::string(name) + "'");
      return false;
    }
  }
  req->headers.emplace_back(AsciiLower(name), std::string(value));
  return true;
}

std::vector<const std::string*> AllHeaders(const HttpRequest& req, std::string_view name) {
  std::vector<const std::string*> out;
  for (const auto& [n, v] : req.headers)
    if (n == name) out.push_back(&v);
  return out;
}

// Decides how the body is delimited (RFC 9112 section 6.3), refusing every
// ambiguous combination, and reads Connection and Expect.
bool ResolveFraming(const WireLimits& limits, HttpRequest* req, WireError* error) {
  auto hosts = AllHeaders(*req, "host");
  if (hosts.size() > 1 || (hosts.empty() && !req->http10)) {
    *error = BadRequest(hosts.empty() ? "an HTTP/1.1 request needs a Host header"
                                      : "more than one Host header");
    return false;
  }
  auto lengths = AllHeaders(*req, "content-length");
  auto encodings = AllHeaders(*req, "transfer-encoding");
  if (!encodings.empty()) {
    if (!lengths.empty()) {
      *error = BadRequest(
          "Content-Length together with Transfer-Encoding is refused (RFC 9112 "
          "section 6.1: a request that two readers could frame differently)");
      return false;
    }
    std::vector<std::string> codings;
    for (const std::string* v : encodings)
      for (std::string& item : ListItems(*v)) codings.push_back(std::move(item));
    if (req->http10 || codings.size() != 1 || codings[0] != "chunked") {
      *error = Error(501, "NotImplemented",
                     "unsupported Transfer-Encoding; send the body with Content-Length or "
                     "'Transfer-Encoding: chunked' (HTTP/1.1)");
      return false;
    }
    req->framing = BodyFraming::kChunked;
  } else if (!lengths.empty()) {
    const std::string& v = *lengths[0];
    bool digits = !v.empty() && v.size() <= 18 &&
                  std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (lengths.size() > 1 || !digits) {
      *error = BadRequest(lengths.size() > 1 ? "more than one Content-Length header is refused"
                                             : "Content-Length must be a decimal number");
      return false;
    }
    req->content_length = std::stoull(v);
    req->framing = BodyFraming::kLength;
    if (limits.max_body > 0 && req->content_length > limits.max_body) {
      *error = Error(413, "PayloadTooLarge",
                     "the request body exceeds the server's limit (--max-body " +
                         std::to_string(limits.max_body) + " bytes)");
      return false;
    }
  }
  req->keep_alive = !req->http10;
  for (const std::string* v : AllHeaders(*req, "connection"))
    for (const std::string& item : ListItems(*v))
      if (item == "close") req->keep_alive = false;
  const std::string* expect = req->Header("expect");
  req->expect_continue = !req->http10 && expect != nullptr && AsciiLower(*expect) == "100-continue";
  return true;
}

}  // namespace

const std::string* HttpRequest::Header(std::string_view lower_name) const {
  for (const auto& [n, v] : headers)
    if (n == lower_name) return &v;
  return nullptr;
}

const std::string* HttpRequest::Param(std::string_view name) const {
  for (const auto& [n, v] : query)
    if (n == name) return &v;
  return nullptr;
}

ParseState ParseRequestHead(std::string_view buffer, const WireLimits& limits, HttpRequest* req,
                            size_t* consumed, WireError* error) {
  *req = HttpRequest();
  size_t pos = 0;
  // RFC 9112 section 2.2: empty lines before the request line are ignored
  // (some clients send a CRLF after a body). At most a few.
  for (int i = 0; i < 4 && pos < buffer.size(); ++i) {
    if (buffer.substr(pos, 2) == "\r\n")
      pos += 2;
    else if (buffer[pos] == '\n')
      pos += 1;
    else
      break;
  }
  bool have_request_line = false;
  size_t header_count = 0;
  while (true) {
    auto line = NextLine(buffer, pos);
    size_t length = line ? line->text.size() : buffer.size() - pos;
    size_t limit = have_request_line ? limits.max_header_line : limits.max_request_line;
    if (length > limit) {
      *error = have_request_line
                   ? Error(431, "RequestHeaderTooLarge", "a request header line exceeds 8 KiB")
                   : Error(414, "URITooLong",
                           "the request line exceeds 8 KiB; send long queries with "
                           "POST /v1/query");
      return ParseState::kError;
    }
    if (!line) return ParseState::kNeedMore;
    pos = line->next;
    if (line->bare_cr) {
      *error = BadRequest("a bare CR in the request head");
      return ParseState::kError;
    }
    if (!have_request_line) {
      if (!ParseRequestLine(line->text, req, error)) return ParseState::kError;
      have_request_line = true;
      continue;
    }
    if (line->text.empty()) break;
    if (++header_count > limits.max_header_count) {
      *error = Error(431, "RequestHeaderTooLarge",
                     "more than " + std::to_string(limits.max_header_count) + " header lines");
      return ParseState::kError;
    }
    if (!ParseHeaderLine(line->text, req, error)) return ParseState::kError;
  }
  if (!ResolveFraming(limits, req, error)) return ParseState::kError;
  *consumed = pos;
  return ParseState::kDone;
}

// Long by design: the chunked framing (size line, data, CRLF, trailers) as
// one resumable loop over the buffer; its cursor is shared by every step.
ParseState ChunkedDecoder::Feed(std::string_view buffer, std::string* body, size_t* consumed,
                                WireError* error) {
  size_t trailers = 0;
  while (true) {
    switch (step_) {
      case Step::kSize: {
        auto line = NextLine(buffer, pos_);
        if (!line) {
          if (buffer.size() - pos_ <= kMaxChunkLine) return ParseState::kNeedMore;
          *error = BadRequest("a chunk-size line is too long");
          return ParseState::kError;
        }
        std::string_view hex = TrimOws(line->text.substr(0, line->text.find(';')));
        bool ok = !line->bare_cr && !hex.empty() && hex.size() <= 15 &&
                  std::all_of(hex.begin(), hex.end(),
                              [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
        if (!ok) {
          *error = BadRequest("malformed chunk size in a chunked body");
          return ParseState::kError;
        }
        size_t size = std::stoull(std::string(hex), nullptr, 16);
        if (max_body_ > 0 && size > max_body_ - std::min(max_body_, body->size())) {
          *error = Error(413, "PayloadTooLarge",
                         "the request body exceeds the server's limit (--max-body " +
                             std::to_string(max_body_) + " bytes)");
          return ParseState::kError;
        }
        pos_ = line->next;
        remaining_ = size;
        step_ = size == 0 ? Step::kTrailer : Step::kData;
        break;
      }
      case Step::kData: {
        size_t n = std::min(remaining_, buffer.size() - pos_);
        body->append(buffer.substr(pos_, n));
        pos_ += n;
        remaining_ -= n;
        if (remaining_ > 0) return ParseState::kNeedMore;
        step_ = Step::kDataEnd;
        break;
      }
      case Step::kDataEnd: {
        std::string_view rest = buffer.substr(pos_);
        if (rest.empty() || (rest == "\r")) return ParseState::kNeedMore;
        if (rest.substr(0, 2) == "\r\n")
          pos_ += 2;
        else if (rest[0] == '\n')
          pos_ += 1;
        else {
          *error = BadRequest("a chunk is longer than its size says");
          return ParseState::kError;
        }
        step_ = Step::kSize;
        break;
      }
      case Step::kTrailer: {
        auto line = NextLine(buffer, pos_);
        if (!line) {
          if (buffer.size() - pos_ <= kMaxChunkLine * 8) return ParseState::kNeedMore;
          *error = BadRequest("a trailer line of a chunked body is too long");
          return ParseState::kError;
        }
        if (line->bare_cr || ++trailers > kMaxTrailers) {
          *error = BadRequest("malformed trailer of a chunked body");
          return ParseState::kError;
        }
        pos_ = line->next;
        if (line->text.empty()) {
          *consumed = pos_;
          return ParseState::kDone;
        }
        break;  // trailer fields are read and ignored
      }
    }
  }
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    c = AsciiLower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (text[i] != '%') {
      out.push_back(text[i]);
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  return out;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Status";
  }
}

}  // namespace kg::server::internal
