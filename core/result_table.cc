// Gathering the graph elements that a result table mentions.
#include "core/result_table.h"

#include <algorithm>
#include <map>

namespace kg {
namespace {

struct Collector {
  std::map<EntityId, Entity> nodes;
  std::map<RelationId, Relation> rels;

  void Add(const Value& v) {
    switch (v.type()) {
      case Value::Type::kNode:
        nodes.emplace(v.as_node().id, v.as_node());
        break;
      case Value::Type::kRelationship:
        rels.emplace(v.as_relationship().id, v.as_relationship());
        break;
      case Value::Type::kPath:
        for (const auto& n : v.as_path().nodes) nodes.emplace(n.id, n);
        for (const auto& r : v.as_path().rels) rels.emplace(r.id, r);
        break;
      case Value::Type::kList:
        for (const auto& e : v.as_list()) Add(e);
        break;
      case Value::Type::kMap:
        for (const auto& [k, e] : v.as_map()) Add(e);
        break;
      default:
        break;
    }
  }
};

}  // namespace

Subgraph CollectSubgraph(const ResultTable& table, std::set<EntityId>* missing_endpoints) {
  Collector c;
  for (const auto& row : table.rows)
    for (const auto& cell : row) c.Add(cell);
  Subgraph out;
  out.nodes.reserve(c.nodes.size());
  for (auto& [id, n] : c.nodes) out.nodes.push_back(std::move(n));
  out.relations.reserve(c.rels.size());
  for (auto& [id, r] : c.rels) {
    if (missing_endpoints != nullptr) {
      if (!c.nodes.count(r.start)) missing_endpoints->insert(r.start);
      if (!c.nodes.count(r.end)) missing_endpoints->insert(r.end);
    }
    out.relations.push_back(std::move(r));
  }
  return out;
}

}  // namespace kg
