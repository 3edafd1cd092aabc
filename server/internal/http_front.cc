// HTTP routes: POST /v1/query, GET /v1/render, GET /v1/entities/{name},
// GET /v1/stats, GET /v1/export (http_export.cc), GET /healthz. Errors are ApiError JSON bodies.
#include "server/internal/http_front.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>

#include "core/json.h"
#include "server/internal/http_export.h"

namespace kg::server::internal {
namespace {

constexpr char kJson[] = "application/json";

void SendError(httplib::Response& res, const ApiError& error) {
  res.status = error.http_status;
  res.set_content(ApiErrorJson(error), kJson);
}

void SendStatus(httplib::Response& res, const Status& status) {
  SendError(res, ToApiError(status));
}

// The token of "Authorization: Bearer <token>"; "" when there is none. The
// scheme name is case-insensitive (RFC 7235 section 2.1).
std::string BearerToken(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || header[kScheme.size()] != ' ') return "";
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return "";
  }
  std::string_view token = std::string_view(header).substr(kScheme.size());
  size_t begin = token.find_first_not_of(' ');
  return begin == std::string_view::npos ? "" : std::string(token.substr(begin));
}

// Reads the body through httplib's ContentReader. httplib's own body reading
// refuses application/x-www-form-urlencoded bodies over 8 KiB with 413 (a
// constant compiled into libcpp-httplib) and that is the type curl -d and
// urllib send by default; a ContentReader handler bypasses that check, so
// --max-body is the only body limit. It also caps chunked bodies, which
// httplib reads without any limit. Fills `res` and returns false on failure.
bool ReadBody(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader, size_t max_bytes, std::string* body) {
  if (req.is_multipart_form_data()) {
    SendError(res, {415, "UnsupportedMediaType",
                    "send the statement as a JSON body (Content-Type: application/json)"});
    return false;
  }
  bool too_large = false;
  bool read = reader([&](const char* data, size_t n) {
    if (max_bytes > 0 && body->size() + n > max_bytes) {
      too_large = true;
      return false;
    }
    body->append(data, n);
    return true;
  });
  if (too_large || res.status == 413) {
    SendError(res, {413, "PayloadTooLarge",
                    "the request body exceeds the server's limit (--max-body " +
                        std::to_string(max_bytes) + " bytes)"});
    return false;
  }
  if (!read) {
    SendError(res, {400, "BadRequest", "the request body could not be read"});
    return false;
  }
  return true;
}

// A POST /v1/query body: {"query": "...", "params": {...}, "as_of": "YYYY-MM-DD"}.
struct QueryBody {
  std::string query;
  ValueMap params;
  std::optional<Date> as_of;
};

Result<QueryBody> ParseQueryBody(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidArgument("the body is empty; send {\"query\": \"...\"}");
  auto parsed = ParseJson(body);
  if (!parsed.ok())
    return Status::InvalidArgument("malformed JSON body: " + parsed.status().message());
  if (!parsed->is_map()) return Status::InvalidArgument("the body must be a JSON object");
  const ValueMap& object = parsed->as_map();
  auto query = object.find("query");
  if (query == object.end() || !query->second.is_string())
    return Status::InvalidArgument("the body needs a string field \"query\"");
  QueryBody out;
  out.query = query->second.as_string();
  auto p = object.find("params");
  if (p != object.end() && !p->second.is_null()) {
    if (!p->second.is_map()) return Status::InvalidArgument("\"params\" must be a JSON object");
    out.params = p->second.as_map();
  }
  auto as_of = object.find("as_of");
  if (as_of != object.end() && !as_of->second.is_null()) {
    if (!as_of->second.is_string())
      return Status::InvalidArgument("\"as_of\" must be a date string YYYY-MM-DD");
    KG_ASSIGN_OR_RETURN(out.as_of, ParseAsOf(as_of->second.as_string()));
  }
  for (const auto& [key, value] : object) {
    if (key != "query" && key != "params" && key != "as_of")
      return Status::InvalidArgument("unknown field \"" + key +
                                     "\" in the body (known: query, params, as_of)");
  }
  return out;
}

void HandleQuery(Service& service, const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
  std::string text;
  if (!ReadBody(req, res, reader, service.limits().max_body_bytes, &text)) return;
  auto body = ParseQueryBody(text);
  if (!body.ok()) return SendError(res, {400, "BadRequest", body.status().message()});
  std::optional<ApiError> denied;
  auto table = service.Query(BearerToken(req), body->query, body->params, &denied, body->as_of);
  if (denied.has_value()) return SendError(res, *denied);
  if (!table.ok()) return SendStatus(res, table.status());
  res.set_content(ResultTableToJson(*table), kJson);
}

void HandleRender(Service& service, const httplib::Request& req, httplib::Response& res) {
  if (auto denied = service.AuthorizeRead(BearerToken(req))) return SendError(res, *denied);
  if (!req.has_param("query"))
    return SendError(res, {400, "BadRequest", "GET /v1/render needs ?query=..."});
  std::string format = req.has_param("format") ? req.get_param_value("format") : "svg";
  std::transform(format.begin(), format.end(), format.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto params = ParseParams(req.has_param("params") ? req.get_param_value("params") : "");
  if (!params.ok()) return SendError(res, {400, "BadRequest", params.status().message()});
  auto data = service.Render(req.get_param_value("query"), *params, format);
  if (!data.ok()) return SendStatus(res, data.status());
  res.set_content(*data, std::string(DiagramMediaType(format)));
}

void HandleEntity(Service& service, const httplib::Request& req, httplib::Response& res) {
  if (auto denied = service.AuthorizeRead(BearerToken(req))) return SendError(res, *denied);
  auto json = service.EntityJson(req.matches[1].str());
  if (!json.ok()) return SendStatus(res, json.status());
  res.set_content(*json, kJson);
}

void HandleStats(Service& service, const httplib::Request& req, httplib::Response& res) {
  if (auto denied = service.AuthorizeRead(BearerToken(req))) return SendError(res, *denied);
  auto json = service.StatsJson();
  if (!json.ok()) return SendStatus(res, json.status());
  res.set_content(*json, kJson);
}

// A request with neither Content-Length nor Transfer-Encoding has no body
// (RFC 9112 section 6.3), but cpp-httplib 0.11 reads the body of a POST, PUT
// or PATCH until the connection closes, so `curl -X POST URL` would wait for
// the 10 s read timeout and get 400. Declaring the empty body explicitly lets
// it route at once. The Request is httplib's own non-const object, handed
// to this hook as const.
httplib::Server::HandlerResponse DeclareEmptyBody(const httplib::Request& req, httplib::Response&) {
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))
    const_cast<httplib::Request&>(req).set_header("Content-Length", "0");
  return httplib::Server::HandlerResponse::Unhandled;
}

// 405 with the methods a known endpoint does take.
void SendMethodNotAllowed(const httplib::Request& req, httplib::Response& res,
                          const std::string& allow) {
  res.set_header("Allow", allow);
  SendError(res, {405, "MethodNotAllowed",
                  req.method + " " + req.path + " is not supported; use " + allow});
}

// Bodies for the statuses httplib produces itself, before or instead of a
// route: 404 (no route), 414 (request line over 8 KiB), 413 (a body of
// another endpoint over --max-body), 400 (unparsable request line or
// headers; a header line over 8 KiB becomes 431 here).
void FillEmptyError(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;
  // httplib sets REMOTE_ADDR once the headers are read. A request line that
  // parsed (path set last; httplib 0.11 refuses a target with two '?') with
  // headers that did not means a header line over httplib's 8 KiB limit:
  // read_headers fails on nothing else but a closed connection, whose
  // client reads no reply.
  bool headers_read = req.has_header("REMOTE_ADDR");
  bool request_line_read =
      !req.path.empty() && std::count(req.target.begin(), req.target.end(), '?') <= 1;
  if (res.status == 400 && !headers_read && request_line_read) res.status = 431;
  switch (res.status) {
    case 413:
      return SendError(res,
                       {413, "PayloadTooLarge", "the request body exceeds the server's limit"});
    case 404:
      return SendError(res, {404, "NotFound", "no such endpoint"});
    case 414:
      return SendError(res, {414, "URITooLong",
                             "the request line exceeds 8 KiB; send long queries with "
                             "POST /v1/query"});
    case 431:
      return SendError(res, {431, "RequestHeaderTooLarge", "a request header line exceeds 8 KiB"});
    case 400:
      return SendError(res, {400, "BadRequest",
                             headers_read ? "the request could not be read (a malformed "
                                            "body or an unsupported method)"
                                          : "malformed HTTP request line or headers"});
    default:
      return SendError(res, {res.status, "HttpError", "request failed"});
  }
}

}  // namespace

Result<std::pair<std::string, int>> ParseAddress(std::string_view address) {
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return Status::InvalidArgument("address '" + std::string(address) + "' is not HOST:PORT");
  std::string_view port_text = address.substr(colon + 1);
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535)
    return Status::InvalidArgument("address '" + std::string(address) + "' has a bad port");
  return std::make_pair(std::string(address.substr(0, colon)), port);
}

HttpFront::HttpFront(Service& service, int threads)
    : service_(service), http_(std::make_unique<httplib::Server>()) {
  size_t n = static_cast<size_t>(std::max(1, threads));
  http_->new_task_queue = [n] { return new httplib::ThreadPool(n); };
  InstallRoutes();
}

HttpFront::~HttpFront() { Stop(); }

void HttpFront::InstallRoutes() {
  Service& s = service_;
  const Limits& limits = s.limits();
  if (limits.max_body_bytes > 0) http_->set_payload_max_length(limits.max_body_bytes);
  // Replies go out as header and body writes; without TCP_NODELAY Nagle's
  // algorithm and the client's delayed ACK add ~40 ms to every request.
  http_->set_tcp_nodelay(true);
  // cpp-httplib listens with a backlog of 5. When more clients connect at
  // once than the accept thread drains (32 readers starting together on a
  // busy machine), the kernel drops handshakes; the client then sees its
  // first request stall for a SYN retransmit or fail with a read error.
  // Remember the listening socket so Start() can widen the backlog.
  http_->set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd_ = sock;
  });
  http_->set_keep_alive_max_count(100);
  http_->set_keep_alive_timeout(2);
  http_->set_read_timeout(10);
  http_->set_pre_routing_handler(DeclareEmptyBody);
  http_->set_error_handler(FillEmptyError);
  http_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendError(res, {500, "Internal", "unexpected fault while handling the request"});
      });
  http_->Post("/v1/query",
              [&s](const httplib::Request& q, httplib::Response& r,
                   const httplib::ContentReader& reader) { HandleQuery(s, q, r, reader); });
  http_->Get("/v1/render",
             [&s](const httplib::Request& q, httplib::Response& r) { HandleRender(s, q, r); });
  http_->Get("/v1/entities/(.+)",
             [&s](const httplib::Request& q, httplib::Response& r) { HandleEntity(s, q, r); });
  http_->Get("/v1/stats",
             [&s](const httplib::Request& q, httplib::Response& r) { HandleStats(s, q, r); });
  http_->Get("/v1/export", [&s](const httplib::Request& q, httplib::Response& r) {
    HandleExport(s, BearerToken(q), q, r);
  });
  http_->Get("/healthz", [](const httplib::Request&, httplib::Response& r) {
    r.set_content("{\"status\":\"ok\"}", kJson);
  });
  RefuseOtherMethods("/v1/query", "POST");
  for (const char* path :
       {"/v1/render", "/v1/entities/(.+)", "/v1/stats", "/v1/export", "/healthz"})
    RefuseOtherMethods(path, "GET, HEAD");
}

void HttpFront::RefuseOtherMethods(const std::string& pattern, const std::string& allow) {
  auto refuse = [allow](const httplib::Request& q, httplib::Response& r) {
    SendMethodNotAllowed(q, r, allow);
  };
  if (allow.find("GET") == std::string::npos) http_->Get(pattern, refuse);
  if (allow.find("POST") == std::string::npos) http_->Post(pattern, refuse);
  http_->Put(pattern, refuse);
  http_->Patch(pattern, refuse);
  http_->Delete(pattern, refuse);
  http_->Options(pattern, refuse);
}

Status HttpFront::Start(const std::string& address) {
  KG_ASSIGN_OR_RETURN(auto host_port, ParseAddress(address));
  auto [host, port] = host_port;
  if (port == 0) {
    port_ = http_->bind_to_any_port(host);
  } else {
    port_ = http_->bind_to_port(host, port) ? port : -1;
  }
  if (port_ <= 0) {
    port_ = 0;
    return Status::IOError("cannot listen for HTTP on " + address);
  }
  // Calling listen() again on a listening socket only resizes its queue.
  if (listen_fd_ >= 0 && ::listen(listen_fd_, SOMAXCONN) != 0)
    return Status::IOError("cannot widen the HTTP listen queue on " + address);
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  // stop() is a no-op before the accept loop runs, so wait for it (bounded).
  for (int i = 0; i < 5000 && !http_->is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::OK();
}

void HttpFront::Stop() {
  if (!thread_.joinable()) return;
  http_->stop();
  thread_.join();
}

}  // namespace kg::server::internal
