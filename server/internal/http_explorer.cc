// The explorer page and GET /v1/suggest (see http_explorer.h). The page is
// static: the files compiled into kg, served with an ETag and a strict
// Content-Security-Policy; the suggestions are one read-only Cypher
// statement run through Service::Query, so they keep the server's
// authorisation, limits and timeout.
#include "server/internal/http_explorer.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include "core/json.h"
#include "server/internal/explorer_assets.h"
#include "server/internal/http_params.h"

namespace kg::server::internal {
namespace {

constexpr std::string_view kAssetPrefix = "/explorer/";

}  // namespace

// Ranks exact names, then name prefixes, exact aliases, alias prefixes, then
// other substrings; toLower on both sides makes the match ignore case.
const char kSuggestQuery[] =
    "WITH toLower($q) AS q MATCH (n) "
    "WITH n, q, toLower(coalesce(n.name, '')) AS name, "
    "[a IN coalesce(n.aliases, []) | toLower(toString(a))] AS al "
    "WHERE name CONTAINS q OR any(a IN al WHERE a CONTAINS q) "
    "WITH n, q, name, al, CASE WHEN name = q THEN 0 WHEN name STARTS WITH q THEN 1 "
    "WHEN any(a IN al WHERE a = q) THEN 2 WHEN any(a IN al WHERE a STARTS WITH q) THEN 3 "
    "ELSE 4 END AS rank "
    "RETURN id(n) AS id, n.name AS name, labels(n) AS labels, "
    "CASE WHEN name CONTAINS q THEN null "
    "ELSE head([a IN coalesce(n.aliases, []) WHERE toLower(toString(a)) = q] + "
    "[a IN coalesce(n.aliases, []) WHERE toLower(toString(a)) STARTS WITH q] + "
    "[a IN coalesce(n.aliases, []) WHERE toLower(toString(a)) CONTAINS q]) END AS alias "
    "ORDER BY rank, name, id LIMIT $limit";

namespace {

// The answer from the session's index of names (a substring search in
// memory); from kSuggestQuery, which reads every node, only when the index
// cannot give the same answer (a name or alias that is not a string).
Result<ResultTable> SuggestTable(Service& service, std::string_view token, std::string_view q,
                                 int limit, std::optional<ApiError>* denied) {
  *denied = service.AuthorizeRead(token);
  if (denied->has_value()) return Status::Internal((*denied)->message);
  Result<ResultTable> fast = service.session().SuggestEntities(q, static_cast<size_t>(limit));
  if (fast.ok() || fast.status().code() != StatusCode::kNotSupported) return fast;
  ValueMap params;
  params["q"] = Value(std::string(q));
  params["limit"] = Value(static_cast<int64_t>(limit));
  KG_ASSIGN_OR_RETURN(session::QueryResult result,
                      service.Query(token, kSuggestQuery, params, denied));
  return std::move(result.table);
}

void SendApiError(HttpResponse* res, const ApiError& error) {
  res->status = error.http_status;
  res->content_type = "application/json";
  res->body = ApiErrorJson(error);
}

std::string_view MediaTypeOf(std::string_view name) {
  auto ends = [name](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const ExplorerAsset* FindAsset(std::string_view name) {
  for (size_t i = 0; i < kExplorerAssetCount; ++i)
    if (kExplorerAssets[i].name == name) return &kExplorerAssets[i];
  return nullptr;
}

// A strong validator: FNV-1a of the bytes, which change only with a new kg.
std::string ETagOf(std::string_view data) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : data) hash = (hash ^ c) * 1099511628211ull;
  char text[24];
  std::snprintf(text, sizeof(text), "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

// True when an If-None-Match list ("a", W/"b", or *) names `etag`.
bool IfNoneMatchHits(const HttpRequest& req, const std::string& etag) {
  const std::string* header = req.Header("if-none-match");
  if (header == nullptr) return false;
  if (*header == "*") return true;
  size_t at = header->find(etag);
  return at != std::string::npos;
}

void ServeAsset(const HttpRequest& req, const ExplorerAsset& asset, HttpResponse* res) {
  std::string etag = ETagOf(asset.data);
  res->content_type = std::string(MediaTypeOf(asset.name));
  res->headers.emplace_back("ETag", etag);
  // Revalidate each time (cheap with the ETag), so a new kg's page is never
  // mixed with a cached script of the old one.
  res->headers.emplace_back("Cache-Control", "no-cache");
  res->headers.emplace_back("Content-Security-Policy", std::string(kExplorerCsp));
  if (IfNoneMatchHits(req, etag)) {
    res->status = 304;
    return;
  }
  res->status = 200;
  res->body = std::string(asset.data);
}

// ?limit=: kDefaultSuggestions when absent; nullopt when not an integer.
std::optional<int> ParseLimit(const std::string* text) {
  if (text == nullptr) return kDefaultSuggestions;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

void HandleSuggest(Service& service, std::string_view token, const HttpRequest& req,
                   HttpResponse* res) {
  if (auto bad = CheckParams(req, kSuggestParams)) return SendApiError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendApiError(res, *denied);
  const std::string* q = req.Param("q");
  if (q == nullptr)
    return SendApiError(res, {400, "BadRequest", "GET /v1/suggest needs ?q=TEXT[&limit=N]"});
  std::optional<int> limit = ParseLimit(req.Param("limit"));
  if (!limit.has_value())
    return SendApiError(
        res, {400, "BadRequest",
              "limit must be an integer from 1 to " + std::to_string(kMaxSuggestions) + ", got '" +
                  *req.Param("limit") + "'"});
  std::optional<ApiError> denied;
  auto json = SuggestJson(service, token, *q, *limit, &denied);
  if (denied.has_value()) return SendApiError(res, *denied);
  if (!json.ok()) {
    ApiError error = ToApiError(json.status());
    if (json.status().code() == StatusCode::kInvalidArgument) error.code = "BadRequest";
    return SendApiError(res, error);
  }
  res->status = 200;
  res->content_type = "application/json";
  res->body = std::move(json).value();
}

}  // namespace

bool IsExplorerPath(std::string_view path) {
  return path == "/" || path == "/index.html" || path == "/v1/suggest" ||
         path.rfind(kAssetPrefix, 0) == 0;
}

void HandleExplorer(Service& service, std::string_view token, const HttpRequest& req,
                    HttpResponse* res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res->headers.emplace_back("Allow", "GET, HEAD");
    return SendApiError(res, {405, "MethodNotAllowed",
                              req.method + " " + req.path + " is not supported; use GET, HEAD"});
  }
  if (req.path == "/v1/suggest") return HandleSuggest(service, token, req, res);
  std::string_view name = req.path == "/" || req.path == "/index.html"
                              ? std::string_view("index.html")
                              : std::string_view(req.path).substr(kAssetPrefix.size());
  const ExplorerAsset* asset = FindAsset(name);
  if (asset == nullptr)
    return SendApiError(res, {404, "NotFound", "the explorer has no file '" + req.path + "'"});
  ServeAsset(req, *asset, res);
}

Result<std::string> SuggestJson(Service& service, std::string_view token, std::string_view q,
                                int limit, std::optional<ApiError>* denied) {
  if (q.find_first_not_of(" \t") == std::string_view::npos)
    return Status::InvalidArgument("q must not be empty");
  if (q.size() > kMaxSuggestQuery)
    return Status::InvalidArgument("q is " + std::to_string(q.size()) + " bytes; at most " +
                                   std::to_string(kMaxSuggestQuery) + " are searched");
  if (limit < 1 || limit > kMaxSuggestions)
    return Status::InvalidArgument("limit must be from 1 to " + std::to_string(kMaxSuggestions) +
                                   ", got " + std::to_string(limit));
  KG_ASSIGN_OR_RETURN(ResultTable table, SuggestTable(service, token, q, limit, denied));
  std::string out = "{\"suggestions\":[";
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const std::vector<Value>& row = table.rows[i];
    out.append(i == 0 ? "{" : ",{");
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) out.append(",");
      AppendJsonString(table.columns[c], &out);
      out.append(":");
      AppendJson(row[c], &out);
    }
    out.append("}");
  }
  out.append("]}");
  return out;
}

}  // namespace kg::server::internal
