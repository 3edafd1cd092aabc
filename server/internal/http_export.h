// GET /v1/export?format=F[&query=CYPHER][&params=JSON]: the graph, or a
// read-only query's subgraph, in an export format (docs/import-export.md).
#pragma once

#include <string_view>

#include "server/internal/http_conn.h"
#include "server/internal/http_wire.h"
#include "server/internal/service.h"

namespace kg::server::internal {

// The media type of an export format ("application/graphml+xml", ...).
std::string_view ExportMediaType(std::string_view format);

// Authorises as a read, then fills `res` with the export or an ApiError body.
void HandleExport(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res);

}  // namespace kg::server::internal
