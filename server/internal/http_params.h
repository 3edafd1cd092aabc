// The query parameters of the HTTP endpoints: one table of accepted names
// per endpoint, checked before the endpoint runs, so a misspelt or
// unsupported parameter (`?titel=`, `?as-of=`) is a 400 naming it instead
// of an option silently ignored. To add an option to an endpoint, add its
// name to the endpoint's table and read it in the handler.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "server/internal/http_wire.h"
#include "server/internal/service.h"

namespace kg::server::internal {

// The parameters `endpoint` (e.g. "GET /v1/render") accepts.
struct ParamTable {
  std::string_view endpoint;
  std::vector<std::string_view> names;
};

// The options of a diagram that both /v1/render and /v1/ego take: those of
// `kg render` but -o and --sources (the server names sources from the
// database's records), with '_' for '-'.
extern const std::vector<std::string_view> kDrawParams;

extern const ParamTable kRenderParams;       // GET /v1/render
extern const ParamTable kRenderDeltaParams;  // GET /v1/render/delta
extern const ParamTable kEgoParams;          // GET /v1/ego
extern const ParamTable kAnalyzeParams;      // GET /v1/analyze
extern const ParamTable kPathParams;         // GET /v1/path
extern const ParamTable kExportParams;       // GET /v1/export
extern const ParamTable kSuggestParams;      // GET /v1/suggest

// GET /v1/timeline and /v1/diff (http_timeline.cc).
extern const ParamTable kTimelineParams;
extern const ParamTable kDiffParams;

// Endpoints without parameters: /v1/query (its options are body fields),
// /v1/entities/{name}, /v1/stats, /healthz, the explorer's files.
ParamTable NoParams(std::string_view endpoint);

// nullopt when every parameter of `req` is in `table` and none is given
// twice; else 400 BadRequest "unknown parameter 'titel' for GET
// /v1/render; accepted: query, params, ..." (or "... given twice").
std::optional<ApiError> CheckParams(const HttpRequest& req, const ParamTable& table);

// valid_at, known_at, as_of and min_confidence (session::Scope);
// InvalidArgument naming the parameter when one is bad.
Result<session::Scope> ScopeParams(const HttpRequest& req);

// Typed readers. Each returns `fallback` when the parameter is absent and
// InvalidArgument naming the parameter and what it takes when it is bad.
// A flag is true, false, 1 or 0 (an empty value, `?cross_edges`, is true).
Result<bool> FlagParam(const HttpRequest& req, std::string_view name, bool fallback);
Result<int64_t> IntParam(const HttpRequest& req, std::string_view name, int64_t fallback,
                         int64_t min, int64_t max);
Result<double> NumberParam(const HttpRequest& req, std::string_view name, double fallback);
// Comma-separated names, spaces around each trimmed, empty items dropped.
std::vector<std::string> ListParam(const HttpRequest& req, std::string_view name);
// The value, or `fallback` when absent.
std::string TextParam(const HttpRequest& req, std::string_view name, std::string fallback = "");

}  // namespace kg::server::internal
