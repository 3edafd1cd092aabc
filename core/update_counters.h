// What a statement changed, counted as Neo4j counts it (its "query
// statistics"): the same numbers reach every front, the CLI's summary line,
// HTTP's and RPC's "stats", Bolt's SUCCESS `stats` and the library's result.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace kg {

struct UpdateCounters {
  uint64_t nodes_created = 0;
  uint64_t nodes_deleted = 0;
  uint64_t relationships_created = 0;
  // With DETACH DELETE, also the relationships that went with their nodes.
  uint64_t relationships_deleted = 0;
  // Each property written by CREATE, MERGE or SET (also to the same value)
  // and each existing property removed (REMOVE, SET to null, SET n = map).
  uint64_t properties_set = 0;
  // Labels a node gained or lost (one per node and label; created nodes'
  // labels count as added).
  uint64_t labels_added = 0;
  uint64_t labels_removed = 0;

  // Every counter with its name in Neo4j's HTTP API ("nodes_created", ...;
  // Bolt writes the same names with '-'), in that API's order.
  std::array<std::pair<const char*, uint64_t>, 7> Named() const {
    return {{{"nodes_created", nodes_created},
             {"nodes_deleted", nodes_deleted},
             {"relationships_created", relationships_created},
             {"relationships_deleted", relationships_deleted},
             {"properties_set", properties_set},
             {"labels_added", labels_added},
             {"labels_removed", labels_removed}}};
  }
  bool contains_updates() const {
    for (const auto& [name, count] : Named())
      if (count > 0) return true;
    return false;
  }
  friend bool operator==(const UpdateCounters&, const UpdateCounters&) = default;
};

// {"contains_updates":true,"nodes_created":1,...}: every counter, with
// Neo4j's HTTP API names.
std::string UpdateCountersJson(const UpdateCounters& counters);

// "Created 1 node, set 2 properties, added 1 label" (cypher-shell's wording;
// only what is non-zero); empty when nothing changed.
std::string UpdateCountersText(const UpdateCounters& counters);

}  // namespace kg
