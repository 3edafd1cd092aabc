// GET /v1/export?format=F[&query=CYPHER][&params=JSON]: the graph, or a
// read-only query's subgraph, in an export format (docs/import-export.md).
#pragma once

#include "server/internal/service.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace kg::server::internal {

// The media type of an export format ("application/graphml+xml", ...).
std::string_view ExportMediaType(std::string_view format);

void HandleExport(Service& service, std::string_view token, const httplib::Request& req,
                  httplib::Response& res);

}  // namespace kg::server::internal
