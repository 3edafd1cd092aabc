// The transport-independent heart of the server: the server's limits and
// token over the session layer (api/session.h), and the client's view of an
// error. The session does the work (token rule, writer lock, plans,
// diagrams, lookups); the HTTP and RPC front ends only translate.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/session.h"
#include "core/result.h"
#include "core/result_table.h"
#include "server/server.h"

namespace kg::server::internal {

// An error as clients see it: an HTTP status and a stable code
// ("SyntaxError", "Unauthorized", ...), plus the query position when known.
struct ApiError {
  int http_status = 500;
  std::string code;
  std::string message;
  int line = 0;  // 0 when there is no position
  int column = 0;
  // For a name that matches no entity: the names it may have meant
  // (Session::Suggest), sent as "suggestions" (an empty array when none).
  std::optional<std::vector<std::string>> suggestions = std::nullopt;
};

// Maps a Status to the client's view from its fields: the code is the
// Status's error class (else its code name), the position its position;
// syntax/semantic errors and bad input 400, Unauthorized 401, Forbidden 403,
// NotFound 404, timeouts 504, I/O, corruption and internal faults 500.
ApiError ToApiError(const Status& status);
// {"error": {"code": .., "message": .., "position": {"line": .., "column": ..}}}
std::string ApiErrorJson(const ApiError& error);

class Service {
 public:
  // Sets the session's access policy from the options (token, auth_reads).
  Service(session::Session& session, const ServerOptions& options);

  // nullopt when a request with this bearer token ("" for none) may run a
  // statement of this kind; else 401 (token missing or wrong) or 403
  // (writes disabled: read-only server or no token configured).
  std::optional<ApiError> Authorize(std::string_view token, bool write) const;
  // nullopt when reads are allowed with this token (see auth_reads).
  std::optional<ApiError> AuthorizeRead(std::string_view token) const;

  // Authorises, then runs the statement with the server's limits. The
  // query engine says whether it writes (an updating clause in its plan);
  // writes need the token and hold the writer lock. `*denied` is set (and the
  // Result is an Internal placeholder status) when authorisation fails.
  // `scope`: which relationships patterns follow (the clocks, min-confidence).
  // `strict` (nullopt: the server's --strict) makes notifications errors;
  // otherwise they come with the rows, as do the update counters.
  Result<session::QueryResult> Query(std::string_view token, std::string_view text,
                                     const ValueMap& params, std::optional<ApiError>* denied,
                                     const session::Scope& scope = {},
                                     std::optional<bool> strict = std::nullopt);

  // Runs a read-only statement and draws what it returns. `format`: svg,
  // png, pdf, dot. Writes are refused (InvalidArgument). `token` is the
  // request's bearer token (reads may need it).
  Result<std::string> Render(std::string_view token, std::string_view text, const ValueMap& params,
                             std::string_view format);

  // The same with every option of `kg render` in `request` (format,
  // layout, title, legend, size_by, ...) and a scope, applied as
  // Session::Render does (valid time dashes, known time and min-confidence
  // filter). The whole drawing: its bytes and the subgraph drawn.
  Result<session::Drawing> Render(std::string_view token, std::string_view text,
                                  const ValueMap& params, session::DrawRequest request,
                                  const session::Scope& scope);
  // The explorer's view of these entities (Session::RenderView), with the
  // same options, scope and result as Render.
  Result<session::Drawing> RenderView(std::string_view token, const std::vector<EntityId>& ids,
                                      session::DrawRequest request, const session::Scope& scope);

  // Authorises a read, then draws the neighbourhood of ego.name
  // (Session::RenderEgo: types in any case, NotFound with "did you mean").
  Result<std::string> Ego(std::string_view token, const session::EgoRequest& ego,
                          const session::DrawRequest& draw);

  // Authorises a read, then runs Session::Analyze (never writes) within the
  // server's --timeout; class Timeout when the time runs out.
  Result<ResultTable> Analyze(std::string_view token, session::AnalyzeRequest request);

  // The client's view of `status` (InvalidArgument as BadRequest); when it
  // is NotFound and one of `names` matches no entity, with the suggestions
  // for the first such name.
  ApiError NameError(const Status& status, const std::vector<std::string>& names) const;

  // Exports the database, or with a non-empty `query` just the nodes and
  // relationships that read-only statement returns, as `format` (jsonl,
  // graphml, gexf, cypher, dot; csv needs a directory and is refused).
  // Implemented in service_export.cc.
  Result<std::string> Export(std::string_view format, std::string_view query,
                             const ValueMap& params);

  // Exports the database, or with a non-empty `query` just the nodes and
  // relationships that read-only statement returns, as `format` (jsonl,
  // graphml, gexf, cypher, dot; csv needs a directory and is refused).
  // `token` is the request's bearer token (reads may need it); `scope`
  // keeps only the relations it accepts (Session::Export).
  Result<std::string> Export(std::string_view token, std::string_view format,
                             std::string_view query, const ValueMap& params,
                             const session::Scope& scope = {});

  // {"entities": [{"node": {..}, "relations": [{"direction": "out"|"in",
  //   "relationship": {..}, "other": {..}}, ...]}, ...]}; NotFound with
  // "did you mean" (Session::NoSuchEntity) when no entity has this name or
  // alias.
  Result<std::string> EntityJson(std::string_view name);

  // {"entities": N, "relations": N, "entities_by_label": {..}, ...}
  Result<std::string> StatsJson() const;
  // GET /v1/dates: {"valid_from":{"first":..,"last":..,"first_day":..,
  // "last_day":..},"valid_to":..,"said":..,"dated_relations":N}: first and
  // last as stored ("2025-04", "2025-07-16"), the days they begin and end,
  // or nulls (Session::DateSpan).
  Result<std::string> DatesJson() const;
  Result<session::Stats> Stats() const { return session_.GetStats(); }

  const Limits& limits() const { return options_.limits; }
  // Sets the cancel flag every query of this service polls (Server::CancelQueries).
  void CancelQueries() { cancel_.store(true); }

  // --- for fronts that run statements themselves (Bolt's explicit
  // transactions span several statements; see bolt_backend.cc) -------------
  // The options every statement runs with: the server's limits, its cancel
  // flag and the presented token.
  session::CallOptions CallOptionsFor(std::string_view token, const ValueMap& params,
                                      const session::Scope& scope = {}) const;
  // Adds the `kg serve` flag that sets a limit to a limit's error message.
  Status NameLimit(const Status& status) const;
  session::Session& session() { return session_; }
  const ServerOptions& options() const { return options_; }

 private:
  session::Session& session_;
  const ServerOptions options_;
  // QueryOptions::cancel of every query (CancelQueries).
  std::atomic<bool> cancel_{false};
};

// The media type of a diagram format ("image/svg+xml", ...).
std::string_view DiagramMediaType(std::string_view format);

// Parses the JSON text of a parameter object ("" or "{}" for none).
// InvalidArgument when it is not a JSON object.
inline Result<ValueMap> ParseParams(std::string_view json) {
  return session::ParseParamsJson(json);
}

}  // namespace kg::server::internal
