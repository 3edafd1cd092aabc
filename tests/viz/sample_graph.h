// Subgraphs shared by the viz tests: a small styled graph with every kind,
// stance tone, symmetric pair and validity case, and generated large graphs.
#pragma once

#include <string>
#include <vector>

#include "core/result_table.h"
#include "viz/render.h"

namespace kg::viz::testing {

inline Entity MakeEntity(EntityId id, std::string kind, std::string name,
                         std::vector<std::string> aliases = {}) {
  Entity e;
  e.id = id;
  if (!kind.empty()) e.labels.push_back(std::move(kind));
  e.properties["name"] = Value(std::move(name));
  if (!aliases.empty()) {
    ValueList list;
    for (std::string& a : aliases) list.emplace_back(std::move(a));
    e.properties["aliases"] = Value(std::move(list));
  }
  return e;
}

inline Relation MakeRelation(RelationId id, std::string type, EntityId start, EntityId end,
                             PropertyMap properties = {}) {
  Relation r;
  r.id = id;
  r.type = std::move(type);
  r.start = start;
  r.end = end;
  r.properties = std::move(properties);
  return r;
}

inline Date D(const char* text) { return Date::Parse(text).value(); }

// Ten entities (all eight kinds plus an unknown kind) and twelve relations,
// two pairs of which are symmetric duplicates that merge into one edge each.
inline Subgraph SampleGraph() {
  Subgraph g;
  g.nodes = {
      MakeEntity(1, "Company", "NVIDIA", {"NVIDIANVDA--", "Nvidia Corp"}),
      MakeEntity(2, "Company", "Huawei"),
      MakeEntity(3, "Person", "Jensen Huang", {"黄仁勋"}),
      MakeEntity(4, "Product", "H20"),
      MakeEntity(5, "Country", "China"),
      MakeEntity(6, "Organization", "US Government"),
      MakeEntity(7, "Technology", "CUDA"),
      MakeEntity(8, "AIModel", "DeepSeek R1"),
      MakeEntity(9, "Event", "Chain Expo 2025"),
      MakeEntity(10, "Widget", "Gizmo"),
  };
  const PropertyMap praise = {{"stance", Value(0.8)},
                              {"quote", Value("Huawei is a formidable company")},
                              {"speaker", Value("Jensen Huang")},
                              {"source", Value("wallstreetcn")},
                              {"date", Value(D("2025-07-16"))}};
  g.relations = {
      MakeRelation(1, "COMPETES_WITH", 1, 2),
      MakeRelation(2, "COMPETES_WITH", 2, 1),  // merges with 1
      MakeRelation(3, "PRAISES", 3, 2, praise),
      MakeRelation(4, "CRITICIZES", 3, 6,
                   {{"stance", Value(-0.5)},
                    {"source", Value("tencent")},
                    {"date", Value(D("2025-07-17"))}}),
      MakeRelation(5, "MAKES", 1, 4),
      MakeRelation(6, "RESTRICTS", 6, 4,
                   {{"valid_from", Value(D("2025-04-09"))}, {"valid_to", Value(D("2025-07-14"))}}),
      MakeRelation(7, "BASED_IN", 2, 5),
      MakeRelation(8, "LEADS", 3, 1),
      MakeRelation(9, "DEVELOPS", 1, 7),
      MakeRelation(10, "USES", 8, 7, {{"confidence", Value(0.6)}}),
      MakeRelation(11, "PARTNERS_WITH", 1, 8),
      MakeRelation(12, "PARTNERS_WITH", 1, 8),  // parallel duplicate, merges with 11
      MakeRelation(13, "RESPECTS", 3, 9, {{"stance", Value(0.0)}}),
      MakeRelation(14, "SELLS_IN", 10, 5),
  };
  return g;
}

inline const std::set<std::string, std::less<>>& SymmetricTypes() {
  static const std::set<std::string, std::less<>> kTypes = {"COMPETES_WITH", "PARTNERS_WITH"};
  return kTypes;
}

// A star-of-stars: `n` nodes, node 1 linked to every node below 20, every
// other node linked to node (id % 19) + 1, so the low ids have high degree.
inline Subgraph LargeGraph(size_t n) {
  Subgraph g;
  for (EntityId id = 1; id <= n; ++id) {
    g.nodes.push_back(MakeEntity(id, "Company", "node-" + std::to_string(id)));
  }
  RelationId rid = 1;
  for (EntityId id = 2; id <= n; ++id) {
    EntityId hub = id < 20 ? 1 : (id % 19) + 1;
    g.relations.push_back(MakeRelation(rid++, "SUPPLIES", id, hub));
  }
  return g;
}

// Options for drawing SampleGraph in `format`: its symmetric types and a
// title with a character that needs escaping.
inline RenderOptions SampleOptions(Format format) {
  RenderOptions o;
  o.format = format;
  o.symmetric_types = SymmetricTypes();
  o.title = "NVIDIA & friends";
  return o;
}

}  // namespace kg::viz::testing
