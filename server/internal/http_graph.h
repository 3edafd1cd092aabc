// The HTTP endpoints of diagrams and graph analytics, over the session
// layer as `kg render`, `kg ego` and `kg analyze` are:
//   GET /v1/render   a read-only query drawn (every option of kg render)
//   GET /v1/ego      an entity's neighbourhood drawn (those of kg ego)
//   GET /v1/analyze  scores, groups and shortest paths (those of kg analyze
//                    but --write and --format: a GET never writes, the
//                    answer is the JSON result contract)
//   GET /v1/path     the shortest path between two names (analyze shortest)
// Parameters are checked against their tables (http_params.h) first;
// relation types and labels are taken in any case; a name that matches no
// entity is 404 with "suggestions".
#pragma once

#include <string_view>

#include "server/internal/http_conn.h"
#include "server/internal/http_wire.h"
#include "server/internal/service.h"

namespace kg::server::internal {

void HandleRender(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res);
// GET /v1/render/delta: an expansion of the explorer's view, only what is
// new (docs/server.md).
void HandleRenderDelta(Service& service, std::string_view token, const HttpRequest& req,
                       HttpResponse* res);
void HandleEgo(Service& service, std::string_view token, const HttpRequest& req, HttpResponse* res);
void HandleAnalyze(Service& service, std::string_view token, const HttpRequest& req,
                   HttpResponse* res);
void HandlePath(Service& service, std::string_view token, const HttpRequest& req,
                HttpResponse* res);

}  // namespace kg::server::internal
