// The export endpoint (see http_export.h), apart from http_front.cc so it is
// one additive piece: authorisation as for reads, errors as ApiError JSON.
#include "server/internal/http_export.h"

#include "server/internal/http_params.h"

namespace kg::server::internal {

std::string_view ExportMediaType(std::string_view format) {
  if (format == "graphml") return "application/graphml+xml";
  if (format == "gexf") return "application/gexf+xml";
  if (format == "jsonl") return "application/x-ndjson";
  if (format == "dot") return "text/vnd.graphviz";
  return "text/plain; charset=utf-8";  // cypher
}

void HandleExport(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res) {
  auto fail = [res](const ApiError& error) {
    res->status = error.http_status;
    res->content_type = "application/json";
    res->body = ApiErrorJson(error);
  };
  if (auto bad = CheckParams(req, kExportParams)) return fail(*bad);
  if (auto denied = service.AuthorizeRead(token)) return fail(*denied);
  const std::string* format = req.Param("format");
  if (format == nullptr) {
    return fail({400, "BadRequest",
                 "GET /v1/export needs ?format=jsonl|graphml|gexf|cypher|dot (and optionally "
                 "&query=CYPHER)"});
  }
  const std::string* params_text = req.Param("params");
  auto params = ParseParams(params_text != nullptr ? *params_text : "");
  if (!params.ok()) return fail({400, "BadRequest", params.status().message()});
  const std::string* query = req.Param("query");
  auto scope = ScopeParams(req);
  if (!scope.ok()) return fail({400, "BadRequest", scope.status().message()});
  auto data = service.Export(token, *format, query != nullptr ? *query : "", *params, *scope);
  if (!data.ok()) return fail(ToApiError(data.status()));
  res->status = 200;
  res->content_type = std::string(ExportMediaType(*format));
  res->body = std::move(data).value();
}

}  // namespace kg::server::internal
