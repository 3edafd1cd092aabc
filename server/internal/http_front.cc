// HTTP routes: POST /v1/query, GET /v1/render, /v1/render/delta, /v1/ego, /v1/analyze and
// /v1/path (http_graph.cc), GET /v1/export (http_export.cc),
// GET /v1/timeline and /v1/diff (http_timeline.cc), POST /v1/ingest and
// /v1/ingest/apply (http_ingest.cc),
// GET /v1/entities/{name}, the explorer page and GET /v1/suggest (http_explorer.cc),
// GET /v1/stats, GET /v1/dates, GET /healthz; the listening socket, the accept thread, the
// connection cap and the worker slots. Errors are ApiError JSON bodies.
#include "server/internal/http_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <sstream>

#include "core/json.h"
#include "core/text.h"
#include "server/internal/http_backup.h"
#include "server/internal/http_explorer.h"
#include "server/internal/http_export.h"
#include "server/internal/http_graph.h"
#include "server/internal/http_ingest.h"
#include "server/internal/http_params.h"
#include "server/internal/http_reply.h"
#include "server/internal/http_timeline.h"

namespace kg::server::internal {
namespace {

// Sent with every reply. The API serves JSON and diagrams, never a page to
// frame or a script to run: sniffing, framing, referrers, caching and any
// active content are refused (an SVG diagram opened in a browser runs no
// script under default-src 'none').
// The explorer page (http_explorer.cc) sets its own policy and caching.
void AddSecurityHeaders(HttpResponse* res) {
  auto has = [res](std::string_view name) {
    for (const auto& header : res->headers)
      if (header.first == name) return true;
    return false;
  };
  res->headers.emplace_back("X-Content-Type-Options", "nosniff");
  res->headers.emplace_back("X-Frame-Options", "DENY");
  if (!has("Content-Security-Policy"))
    res->headers.emplace_back("Content-Security-Policy",
                              "default-src 'none'; frame-ancestors 'none'; sandbox");
  res->headers.emplace_back("Referrer-Policy", "no-referrer");
  if (!has("Cache-Control")) res->headers.emplace_back("Cache-Control", "no-store");
}

void SendStatus(HttpResponse* res, const Status& status) { SendError(res, ToApiError(status)); }

// The token of "Authorization: Bearer <token>"; "" when there is none. The
// scheme name is case-insensitive (RFC 7235 section 2.1).
std::string BearerToken(const HttpRequest& req) {
  const std::string* value = req.Header("authorization");
  if (value == nullptr) return "";
  const std::string& header = *value;
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || header[kScheme.size()] != ' ') return "";
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return "";
  }
  std::string_view token = std::string_view(header).substr(kScheme.size());
  size_t begin = token.find_first_not_of(' ');
  return begin == std::string_view::npos ? "" : std::string(token.substr(begin));
}

// A POST /v1/query body: {"query": "...", "params": {...}, "valid_at",
// "known_at", "as_of": "YYYY-MM-DD", "min_confidence": 0.8, "strict":
// true|false}.
struct QueryBody {
  std::string query;
  ValueMap params;
  session::Scope scope;
  std::optional<bool> strict;  // nullopt: the server's --strict
};

// A date field of the body ("" or null: none).
Result<std::optional<Date>> BodyDay(const ValueMap& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->second.is_null()) return std::optional<Date>();
  if (!it->second.is_string())
    return Status::InvalidArgument(std::string("\"") + key + "\" must be a date string YYYY-MM-DD");
  return session::ParseDay(it->second.as_string(), key);
}

Result<session::Scope> BodyScope(const ValueMap& object) {
  session::Scope scope;
  KG_ASSIGN_OR_RETURN(scope.valid_at, BodyDay(object, "valid_at"));
  KG_ASSIGN_OR_RETURN(scope.known_at, BodyDay(object, "known_at"));
  KG_ASSIGN_OR_RETURN(scope.as_of, BodyDay(object, "as_of"));
  auto floor = object.find("min_confidence");
  if (floor != object.end() && !floor->second.is_null()) {
    if (!floor->second.is_number())
      return Status::InvalidArgument("\"min_confidence\" must be a number between 0 and 1");
    scope.min_confidence = floor->second.as_number();
  }
  KG_RETURN_IF_ERROR(scope.Filter().status());
  return scope;
}

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
  KG_ASSIGN_OR_RETURN(out.scope, BodyScope(object));
  auto strict = object.find("strict");
  if (strict != object.end() && !strict->second.is_null()) {
    if (!strict->second.is_bool())
      return Status::InvalidArgument("\"strict\" must be true or false");
    out.strict = strict->second.as_bool();
  }
  for (const auto& [key, value] : object) {
    if (key != "query" && key != "params" && key != "as_of" && key != "valid_at" &&
        key != "known_at" && key != "min_confidence" && key != "strict")
      return Status::InvalidArgument("unknown field \"" + key +
                                     "\" in the body (known: query, params, valid_at, known_at, "
                                     "as_of, min_confidence, strict)");
  }
  return out;
}

void HandleQuery(Service& service, const HttpRequest& req, HttpResponse* res) {
  const std::string* type = req.Header("content-type");
  if (type != nullptr && type->rfind("multipart/form-data", 0) == 0) {
    return SendError(res, {415, "UnsupportedMediaType",
                           "send the statement as a JSON body (Content-Type: application/json)"});
  }
  auto body = ParseQueryBody(req.body);
  if (!body.ok()) return SendError(res, {400, "BadRequest", body.status().message()});
  std::optional<ApiError> denied;
  auto result = service.Query(BearerToken(req), body->query, body->params, &denied, body->scope,
                              body->strict);
  if (denied.has_value()) return SendError(res, *denied);
  if (!result.ok()) return SendStatus(res, result.status());
  SendJson(res, session::QueryResultJson(*result));
}

void HandleEntity(Service& service, const HttpRequest& req, HttpResponse* res,
                  const std::string& name) {
  if (auto denied = service.AuthorizeRead(BearerToken(req))) return SendError(res, *denied);
  auto json = service.EntityJson(name);
  if (!json.ok()) return SendError(res, service.NameError(json.status(), {name}));
  SendJson(res, std::move(json).value());
}

// GET /v1/stats, or with `dates` GET /v1/dates.
void HandleStats(Service& service, const HttpRequest& req, HttpResponse* res, bool dates) {
  if (auto denied = service.AuthorizeRead(BearerToken(req))) return SendError(res, *denied);
  auto json = dates ? service.DatesJson() : service.StatsJson();
  if (!json.ok()) return SendStatus(res, json.status());
  SendJson(res, std::move(json).value());
}

// 405 with the methods a known endpoint does take.
void SendMethodNotAllowed(const HttpRequest& req, HttpResponse* res, const std::string& allow) {
  res->headers.emplace_back("Allow", allow);
  SendError(res, {405, "MethodNotAllowed",
                  req.method + " " + req.path + " is not supported; use " + allow});
}

constexpr std::string_view kEntities = "/v1/entities/";

// POST /v1/render/delta: the parameters of its GET as an
// application/x-www-form-urlencoded body (a large view's ids and pins
// outgrow the 8 KiB request line), none in the query string.
void RenderDeltaPost(Service& s, const HttpRequest& req, HttpResponse* res) {
  if (!req.query.empty())
    return SendBadRequest(
        res, Status::InvalidArgument("POST /v1/render/delta takes its parameters in the body, "
                                     "not in the query string"));
  const std::string* type = req.Header("content-type");
  if (type == nullptr ||
      AsciiLower(*type).rfind("application/x-www-form-urlencoded", 0) == std::string::npos)
    return SendError(res, {415, "UnsupportedMediaType",
                           "POST /v1/render/delta takes an application/x-www-form-urlencoded "
                           "body (the parameters of its GET)"});
  HttpRequest form = req;
  if (!ParseFormPairs(req.body, &form.query))
    return SendBadRequest(res, Status::InvalidArgument("malformed percent-encoding in the body"));
  HandleRenderDelta(s, BearerToken(req), form, res);
}

int OpenListener(const std::string& host, int port, std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string port_text = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), port_text.c_str(), &hints, &found);
  if (rc != 0) {
    *error = gai_strerror(rc);
    return -1;
  }
  int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  int yes = 1;
  // SO_REUSEADDR lets a restarted server bind while old connections linger
  // in TIME_WAIT; unlike SO_REUSEPORT (which cpp-httplib sets) it never
  // lets two listening servers share the port and split its requests.
  bool ok = fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes)) == 0 &&
            ::bind(fd, found->ai_addr, found->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0;
  if (!ok) *error = std::strerror(errno);
  ::freeaddrinfo(found);
  if (!ok && fd >= 0) ::close(fd);
  return ok ? fd : -1;
}

int BoundPort(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
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
  std::string_view host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::make_pair(std::string(host), port);
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  std::string text(host);
  return ::inet_pton(AF_INET, text.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

HttpFront::HttpFront(Service& service, const ServerOptions& options)
    : service_(service), options_(options), slots_(std::max(1, options.http_threads)) {
  limits_.wire.max_body = options.limits.max_body_bytes;
  limits_.request_timeout_seconds = options.limits.request_timeout_seconds;
}

HttpFront::~HttpFront() {
  Stop(std::chrono::milliseconds(0));
  if (!drained_) return;  // connection threads still poll the stop pipe
  for (int fd : stop_pipe_)
    if (fd >= 0) ::close(fd);
}

Status HttpFront::Start(const std::string& address) {
  KG_ASSIGN_OR_RETURN(auto host_port, ParseAddress(address));
  std::string error;
  listen_fd_ = OpenListener(host_port.first, host_port.second, &error);
  if (listen_fd_ < 0)
    return Status::IOError("cannot listen for HTTP on " + address + ": " + error +
                           (error == std::strerror(EADDRINUSE)
                                ? " (another server, perhaps another kg serve, has this port)"
                                : ""));
  port_ = BoundPort(listen_fd_);
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) return Status::IOError("cannot create a pipe");
  accept_thread_ = std::thread([this] { AcceptLoop(); });
  return Status::OK();
}

void HttpFront::AcceptLoop() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;  // EINTR
    if (fds[1].revents != 0) return;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of file descriptors: wait for connections to close.
      if (errno == EMFILE || errno == ENFILE)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    int yes = 1;
    // Replies go out as one write, but without TCP_NODELAY Nagle's algorithm
    // and the client's delayed ACK can still add ~40 ms to a request.
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    std::shared_ptr<Connection> conn;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (connections_.size() < options_.limits.max_connections) {
        conn = std::make_shared<Connection>(fd, stop_pipe_[0], stopping_, limits_);
        connections_.insert(conn);
      }
    }
    if (conn == nullptr) {
      RefuseConnection(fd);
      continue;
    }
    std::thread([this, conn] {
      conn->Serve(*this);
      std::lock_guard<std::mutex> lock(mu_);
      connections_.erase(conn);
      changed_.notify_all();
    }).detach();
  }
}

// Beyond --max-connections: a 503 written without reading the request, then
// close. Reading what the client already sent first keeps the kernel from
// answering a reset, which could destroy the 503 before the client reads it.
void HttpFront::RefuseConnection(int fd) {
  HttpResponse res =
      Refuse(503, "TooManyConnections",
             "the server has " + std::to_string(options_.limits.max_connections) +
                 " connections open, its limit (--max-connections); try again later");
  res.headers.emplace_back("Retry-After", "1");
  std::string reply = SerializeResponse(res, false, true);
  (void)::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
  char sink[4096];
  while (::recv(fd, sink, sizeof(sink), MSG_DONTWAIT) > 0) {
  }
  ::close(fd);
}

bool HttpFront::AcquireSlot() {
  while (!stopping_) {
    if (slots_.try_acquire_for(std::chrono::milliseconds(100))) return true;
  }
  return false;
}

HttpResponse HttpFront::Handle(const HttpRequest& request) {
  HttpResponse response;
  // /healthz needs no worker: it answers while every worker runs a query.
  bool health = request.path == "/healthz";
  if (!health && !AcquireSlot()) return Refuse(503, "ShuttingDown", "the server is stopping");
  Route(request, &response);
  if (!health) slots_.release();
  AddSecurityHeaders(&response);
  return response;
}

HttpResponse HttpFront::Refuse(int status, const std::string& code, const std::string& message) {
  HttpResponse response;
  SendError(&response, {status, code, message});
  AddSecurityHeaders(&response);
  return response;
}

void HttpFront::Route(const HttpRequest& req, HttpResponse* res) {
  const std::string& path = req.path;
  bool get = req.method == "GET" || req.method == "HEAD";
  Service& s = service_;
  if (path == "/v1/query") {
    if (req.method != "POST") return SendMethodNotAllowed(req, res, "POST");
    // Its options are body fields (ParseQueryBody refuses unknown ones).
    if (auto bad = CheckParams(req, NoParams("POST /v1/query"))) return SendError(res, *bad);
    return HandleQuery(s, req, res);
  }
  if (path == "/v1/backup") {
    if (req.method != "POST") return SendMethodNotAllowed(req, res, "POST");
    if (auto bad = CheckParams(req, NoParams("POST /v1/backup"))) return SendError(res, *bad);
    return HandleBackup(s, BearerToken(req), req, res);
  }
  if (path == "/v1/ingest" || path == "/v1/ingest/apply") {
    if (req.method != "POST") return SendMethodNotAllowed(req, res, "POST");
    if (path == "/v1/ingest") return HandleIngest(s, BearerToken(req), req, res);
    return HandleIngestApply(s, BearerToken(req), req, res);
  }
  if (path == "/v1/render/delta" && req.method == "POST") return RenderDeltaPost(s, req, res);
  if (path == "/v1/render/delta" && !get) return SendMethodNotAllowed(req, res, "GET, HEAD, POST");
  if (IsExplorerPath(path)) return HandleExplorer(s, BearerToken(req), req, res);
  bool entity = path.size() > kEntities.size() && path.rfind(kEntities, 0) == 0;
  if (path != "/v1/render" && path != "/v1/render/delta" && path != "/v1/ego" &&
      path != "/v1/analyze" && path != "/v1/path" && path != "/v1/stats" && path != "/v1/dates" &&
      path != "/v1/export" && path != "/healthz" && path != "/v1/timeline" && path != "/v1/diff" &&
      !entity)
    return SendError(res, {404, "NotFound", "no such endpoint"});
  if (!get) return SendMethodNotAllowed(req, res, "GET, HEAD");
  if (path == "/v1/render") return HandleRender(s, BearerToken(req), req, res);
  if (path == "/v1/render/delta") return HandleRenderDelta(s, BearerToken(req), req, res);
  if (path == "/v1/ego") return HandleEgo(s, BearerToken(req), req, res);
  if (path == "/v1/analyze") return HandleAnalyze(s, BearerToken(req), req, res);
  if (path == "/v1/path") return HandlePath(s, BearerToken(req), req, res);
  if (path == "/v1/export") return HandleExport(s, BearerToken(req), req, res);
  if (path == "/v1/timeline") return HandleTimeline(s, BearerToken(req), req, res);
  if (path == "/v1/diff") return HandleDiff(s, BearerToken(req), req, res);
  ParamTable none = NoParams(path == "/v1/stats"   ? "GET /v1/stats"
                             : path == "/v1/dates" ? "GET /v1/dates"
                             : entity              ? "GET /v1/entities/{name}"
                                                   : "GET /healthz");
  if (auto bad = CheckParams(req, none)) return SendError(res, *bad);
  if (path == "/v1/stats" || path == "/v1/dates")
    return HandleStats(s, req, res, path == "/v1/dates");
  if (entity) return HandleEntity(s, req, res, path.substr(kEntities.size()));
  SendJson(res, "{\"status\":\"ok\"}");
}

bool HttpFront::Stop(std::chrono::milliseconds grace) {
  if (stopped_) return drained_;
  stopped_ = true;
  if (!accept_thread_.joinable()) {
    if (listen_fd_ >= 0) ::close(listen_fd_);
    return true;
  }
  stopping_ = true;
  (void)!::write(stop_pipe_[1], "x", 1);
  accept_thread_.join();
  ::close(listen_fd_);
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, grace, [this] { return connections_.empty(); });
  if (!connections_.empty()) {
    // The grace is over: running queries stop at their next deadline check
    // (nothing they would write is written), then the late requests are
    // answered 503.
    service_.CancelQueries();
    changed_.wait_for(lock, std::chrono::seconds(1), [this] { return connections_.empty(); });
  }
  if (!connections_.empty()) {
    auto late = connections_;
    lock.unlock();
    std::ostringstream seconds;
    seconds << std::chrono::duration<double>(grace).count();
    HttpResponse refusal =
        Refuse(503, "ShuttingDown",
               "the server is stopping and its shutdown grace (--grace " + seconds.str() +
                   " s) ran out before this request finished; a write in it is committed "
                   "whole or not at all");
    for (const auto& conn : late) conn->Abort(refusal);
    lock.lock();
    changed_.wait_for(lock, std::chrono::seconds(1), [this] { return connections_.empty(); });
  }
  drained_ = connections_.empty();
  return drained_;
}

}  // namespace kg::server::internal
