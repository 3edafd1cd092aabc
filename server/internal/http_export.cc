// The export endpoint (see http_export.h), apart from http_front.cc so it is
// one additive piece: authorisation as for reads, errors as ApiError JSON.
#include "server/internal/http_export.h"

#include <httplib.h>

namespace kg::server::internal {

std::string_view ExportMediaType(std::string_view format) {
  if (format == "graphml") return "application/graphml+xml";
  if (format == "gexf") return "application/gexf+xml";
  if (format == "jsonl") return "application/x-ndjson";
  if (format == "dot") return "text/vnd.graphviz";
  return "text/plain; charset=utf-8";  // cypher
}

void HandleExport(Service& service, std::string_view token, const httplib::Request& req,
                  httplib::Response& res) {
  auto fail = [&](const ApiError& error) {
    res.status = error.http_status;
    res.set_content(ApiErrorJson(error), "application/json");
  };
  if (auto denied = service.AuthorizeRead(token)) return fail(*denied);
  if (!req.has_param("format")) {
    return fail({400, "BadRequest",
                 "GET /v1/export needs ?format=jsonl|graphml|gexf|cypher|dot (and optionally "
                 "&query=CYPHER)"});
  }
  std::string format = req.get_param_value("format");
  auto params = ParseParams(req.has_param("params") ? req.get_param_value("params") : "");
  if (!params.ok()) return fail({400, "BadRequest", params.status().message()});
  std::string query = req.has_param("query") ? req.get_param_value("query") : "";
  auto data = service.Export(format, query, *params);
  if (!data.ok()) return fail(ToApiError(data.status()));
  res.set_content(*data, std::string(ExportMediaType(format)));
}

}  // namespace kg::server::internal
