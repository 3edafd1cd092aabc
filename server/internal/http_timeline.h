// The HTTP endpoints of the two clocks' answers (docs/server.md,
// docs/temporal.md "Timelines and diffs"), over the session layer as
// `kg timeline` and `kg diff` are:
//   GET /v1/timeline?name=...  everything dated about an entity: JSON, or
//                              with format=svg|png|pdf|dot its diagram
//   GET /v1/diff?from=D1&to=D2[&name=...]  what changed between two dates
// Parameters are checked against their tables (http_params.h) first; reads
// follow the token rule; an unknown name is 404 with "suggestions".
#pragma once

#include <string_view>

#include "server/internal/http_conn.h"
#include "server/internal/http_wire.h"
#include "server/internal/service.h"

namespace kg::server::internal {

void HandleTimeline(Service& service, std::string_view token, const HttpRequest& req,
                    HttpResponse* res);
void HandleDiff(Service& service, std::string_view token, const HttpRequest& req,
                HttpResponse* res);

}  // namespace kg::server::internal
