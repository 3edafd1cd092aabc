// The web explorer (docs/explorer.md): the page at `/` with its scripts and
// styles under /explorer/ (compiled in, explorer_assets.h), and the
// endpoint the page's search box needs, GET /v1/suggest. Everything else
// the page does goes through the documented API (/v1/query, /v1/render,
// /v1/export), so it can do nothing another client could not.
#pragma once

#include <string>
#include <string_view>

#include "server/internal/http_conn.h"
#include "server/internal/http_wire.h"
#include "server/internal/service.h"

namespace kg::server::internal {

// At most this many suggestions per request (?limit=), and the default.
inline constexpr int kMaxSuggestions = 100;
inline constexpr int kDefaultSuggestions = 10;
// Longest ?q= accepted, in bytes.
inline constexpr size_t kMaxSuggestQuery = 200;

// The Content-Security-Policy of the page and its files: scripts and styles
// from this server only (no inline script, no CDN), requests to this
// server only, never framed.
inline constexpr std::string_view kExplorerCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// True for the paths this file serves: "/", "/index.html", "/explorer/..."
// and "/v1/suggest".
bool IsExplorerPath(std::string_view path);

// Answers a request for an IsExplorerPath path. The page and its files need
// no token (the page asks for one); they carry an ETag and answer a
// matching If-None-Match with 304. /v1/suggest authorises as a read.
// Methods other than GET and HEAD are 405; unknown files 404 JSON.
void HandleExplorer(Service& service, std::string_view token, const HttpRequest& req,
                    HttpResponse* res);

// The statement whose answer GET /v1/suggest gives ($q, $limit): it reads
// every node, so the answer normally comes from the session's index of
// names instead (Session::SuggestEntities), which tests compare with it.
extern const char kSuggestQuery[];

// The JSON of GET /v1/suggest?q=TEXT[&limit=N]: entities whose name or an
// alias contains TEXT, ignoring case (Chinese names included, matched as
// they are), best first: the name equal to TEXT, then a name starting
// with it, an alias equal to it, an alias starting with it, then the rest,
// each group by name.
//   {"suggestions": [{"id": 3, "name": "Xiaomi", "labels": ["Company"],
//                     "alias": "小米" | null}, ...]}
// `alias`, when the name does not contain TEXT, is the alias that matched
// best (equal, else starting with TEXT, else the first containing it).
// InvalidArgument for an empty or over-long q or a limit outside
// 1..kMaxSuggestions; errors of the query as Service::Query gives them
// (`*denied` set when the token does not allow reads).
Result<std::string> SuggestJson(Service& service, std::string_view token, std::string_view q,
                                int limit, std::optional<ApiError>* denied);

}  // namespace kg::server::internal
