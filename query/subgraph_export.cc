// A query's subgraph as an export selection (see subgraph_export.h).
#include "query/subgraph_export.h"

#include <string>

namespace kg::query {

Result<storage::ExportSelection> QuerySelection(storage::Store& store, std::string_view text,
                                                const QueryOptions& options) {
  KG_ASSIGN_OR_RETURN(PreparedStatement statement, PreparedStatement::Prepare(text, options));
  if (statement.writes()) {
    return Status::InvalidArgument(
        "export --query runs the statement read-only; use kg query to change data");
  }
  KG_ASSIGN_OR_RETURN(ResultTable table, statement.Execute(store, options));
  KG_ASSIGN_OR_RETURN(Subgraph graph, ResultSubgraph(store, table));
  if (graph.empty()) {
    return Status::InvalidArgument(
        "nothing to export: the query returned " + std::to_string(table.rows.size()) +
        " rows but no nodes, relationships or paths; RETURN them, not only their properties");
  }
  storage::ExportSelection selection;
  for (const Entity& e : graph.nodes) selection.entities.push_back(e.id);
  for (const Relation& r : graph.relations) selection.relations.push_back(r.id);
  return selection;
}

}  // namespace kg::query
