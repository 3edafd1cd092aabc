// HTTP routes: POST /v1/query, GET /v1/render, GET /v1/entities/{name},
// GET /v1/stats, GET /healthz. Errors are ApiError JSON bodies.
#include "server/internal/http_front.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>

#include "core/json.h"

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

std::string BearerToken(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() < kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) return "";
  return header.substr(kPrefix.size());
}

// A POST /v1/query body: {"query": "...", "params": {...}, "as_of": "YYYY-MM-DD"}.
struct QueryBody {
  std::string query;
  ValueMap params;
  std::optional<Date> as_of;
};

Result<QueryBody> ParseQueryBody(const std::string& body) {
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

void HandleQuery(Service& service, const httplib::Request& req, httplib::Response& res) {
  auto body = ParseQueryBody(req.body);
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

// Bodies for the statuses httplib produces itself (404 route, 413, 400 ...).
void FillEmptyError(const httplib::Request&, httplib::Response& res) {
  if (!res.body.empty()) return;
  switch (res.status) {
    case 413:
      return SendError(res,
                       {413, "PayloadTooLarge", "the request body exceeds the server's limit"});
    case 404:
      return SendError(res, {404, "NotFound", "no such endpoint"});
    case 405:
      return SendError(res, {405, "MethodNotAllowed", "method not allowed"});
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
  http_->set_error_handler(FillEmptyError);
  http_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendError(res, {500, "Internal", "unexpected fault while handling the request"});
      });
  http_->Post("/v1/query",
              [&s](const httplib::Request& q, httplib::Response& r) { HandleQuery(s, q, r); });
  http_->Get("/v1/render",
             [&s](const httplib::Request& q, httplib::Response& r) { HandleRender(s, q, r); });
  http_->Get("/v1/entities/(.+)",
             [&s](const httplib::Request& q, httplib::Response& r) { HandleEntity(s, q, r); });
  http_->Get("/v1/stats",
             [&s](const httplib::Request& q, httplib::Response& r) { HandleStats(s, q, r); });
  http_->Get("/healthz", [](const httplib::Request&, httplib::Response& r) {
    r.set_content("{\"status\":\"ok\"}", kJson);
  });
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
