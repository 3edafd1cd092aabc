// Service::Export: the whole graph or a query's subgraph in an export format
// (GET /v1/export), through the session. Kept apart from service.cc so the
// export endpoint stays one additive piece.
#include <sstream>

#include "server/internal/service.h"

namespace kg::server::internal {

Result<std::string> Service::Export(std::string_view token, std::string_view format,
                                    std::string_view query, const ValueMap& params,
                                    const session::Scope& scope) {
  KG_RETURN_IF_ERROR(session::Session::CheckExportFormat(format));
  if (format == "csv") {
    return Status::InvalidArgument(
        "csv export writes two files; over HTTP use jsonl, graphml, gexf, cypher or dot");
  }
  session::ExportRequest request;
  request.format = std::string(format);
  request.query = std::string(query);
  request.query_options = CallOptionsFor(token, params, scope);
  std::ostringstream out;
  Result<session::Counts> exported = session_.Export(request, &out);
  if (!exported.ok()) return NameLimit(exported.status());
  return out.str();
}

}  // namespace kg::server::internal
