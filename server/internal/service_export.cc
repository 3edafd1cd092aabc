// Service::Export: the whole graph or a query's subgraph in an export format
// (GET /v1/export). Kept apart from service.cc so the export endpoint stays
// one additive piece.
#include <sstream>

#include "query/subgraph_export.h"
#include "server/internal/service.h"
#include "storage/export.h"

namespace kg::server::internal {

Result<std::string> Service::Export(std::string_view format, std::string_view query,
                                    const ValueMap& params) {
  KG_ASSIGN_OR_RETURN(storage::ExportFormat f, storage::ParseExportFormat(format));
  if (f == storage::ExportFormat::kCsv) {
    return Status::InvalidArgument(
        "csv export writes two files; over HTTP use jsonl, graphml, gexf, cypher or dot");
  }
  std::optional<storage::ExportSelection> selection;
  if (!query.empty()) {
    Result<storage::ExportSelection> selected =
        query::QuerySelection(store_, query, QueryOptionsFor(params));
    if (!selected.ok()) return selected.status();
    selection = std::move(selected).value();
  }
  std::ostringstream out;
  KG_RETURN_IF_ERROR(
      storage::ExportToStream(store_, f, out, selection ? &*selection : nullptr).status());
  return out.str();
}

}  // namespace kg::server::internal
