#include "core/update_counters.h"

#include <utility>

namespace kg {

std::string UpdateCountersJson(const UpdateCounters& c) {
  std::string out =
      c.contains_updates() ? "{\"contains_updates\":true" : "{\"contains_updates\":false";
  for (const auto& [name, value] : c.Named())
    out += std::string(",\"") + name + "\":" + std::to_string(value);
  return out + "}";
}

std::string UpdateCountersText(const UpdateCounters& c) {
  struct Part {
    const char* verb;
    uint64_t count;
    const char* one;
    const char* many;
  };
  const Part parts[] = {
      {"Created", c.nodes_created, "node", "nodes"},
      {"Deleted", c.nodes_deleted, "node", "nodes"},
      {"Created", c.relationships_created, "relationship", "relationships"},
      {"Deleted", c.relationships_deleted, "relationship", "relationships"},
      {"Set", c.properties_set, "property", "properties"},
      {"Added", c.labels_added, "label", "labels"},
      {"Removed", c.labels_removed, "label", "labels"},
  };
  std::string out;
  for (const Part& p : parts) {
    if (p.count == 0) continue;
    std::string verb = p.verb;
    if (!out.empty()) {
      out += ", ";
      verb[0] = static_cast<char>(verb[0] - 'A' + 'a');
    }
    out += verb + " " + std::to_string(p.count) + " " + (p.count == 1 ? p.one : p.many);
  }
  return out;
}

}  // namespace kg
