// Tabular query results and the subgraph they mention: the types that the
// query engine produces and that viz, the CLI and the server consume.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/relation.h"
#include "core/value.h"

namespace kg {

struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;  // each row has columns.size() cells
};

// Nodes and relationships to draw or export. Ordered by id, without duplicates.
struct Subgraph {
  std::vector<Entity> nodes;
  std::vector<Relation> relations;

  bool empty() const { return nodes.empty() && relations.empty(); }
};

// Every node and relationship appearing anywhere in the table (top-level
// cells, inside lists, maps and paths), deduplicated and sorted by id.
// `missing_endpoints` receives the ids of relationship endpoints that are not
// themselves in the table, so the caller can load and add them.
Subgraph CollectSubgraph(const ResultTable& table, std::set<EntityId>* missing_endpoints);

}  // namespace kg
