// Session: `kg path`, the shortest routes between two named entities. The
// paths come from the query engine (shortestPath / allShortestPaths, so
// the scope and the other call options apply as in any statement); they are
// then grouped by route, the sequence of entities, because between two
// well-connected entities most shortest paths are one route read through
// different parallel relations (148 paths, a handful of routes).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "api/internal/session_impl.h"

namespace kg::session {
namespace {

// The statement finding the paths between the entities with ids $a and $b.
Result<std::string> PathStatement(const PathRequest& request) {
  std::string types;
  for (const std::string& t : request.types) {
    if (t.empty() || t.find('`') != std::string::npos)
      return Status::InvalidArgument("--types: bad relation type '" + t + "'");
    types += (types.empty() ? ":`" : "|`") + t + "`";
  }
  return std::string("MATCH (a) WHERE id(a) = $a MATCH (b) WHERE id(b) = $b MATCH p = ") +
         (request.all ? "allShortestPaths" : "shortestPath") + "((a)-[" + types + "*.." +
         std::to_string(request.max_hops) + "]-(b)) RETURN p";
}

// Routes keyed by their entity ids, in the order first seen.
class RouteGrouper {
 public:
  void Add(const Path& path) {
    std::vector<EntityId> key;
    for (const Entity& e : path.nodes) key.push_back(e.id);
    auto [it, fresh] = index_.emplace(key, routes_.size());
    if (fresh) {
      Route route;
      route.entities = path.nodes;
      route.hops.resize(path.rels.size());
      routes_.push_back(std::move(route));
    }
    Route& route = routes_[it->second];
    for (size_t i = 0; i < path.rels.size() && i < route.hops.size(); ++i) {
      std::vector<Relation>& hop = route.hops[i];
      bool seen = std::any_of(hop.begin(), hop.end(),
                              [&](const Relation& r) { return r.id == path.rels[i].id; });
      if (!seen) hop.push_back(path.rels[i]);
    }
  }

  // The routes ordered by their entities' names (then ids), each hop's
  // relations by type then id, with their combination counts.
  std::vector<Route> Take() {
    for (Route& route : routes_) {
      route.combinations = 1;
      for (auto& hop : route.hops) {
        std::sort(hop.begin(), hop.end(), [](const Relation& x, const Relation& y) {
          return std::tie(x.type, x.id) < std::tie(y.type, y.id);
        });
        route.combinations *= hop.size();
      }
    }
    auto key = [](const Route& r) {
      std::vector<std::pair<std::string_view, EntityId>> k;
      for (const Entity& e : r.entities) k.emplace_back(e.name(), e.id);
      return k;
    };
    std::sort(routes_.begin(), routes_.end(),
              [&](const Route& x, const Route& y) { return key(x) < key(y); });
    return std::move(routes_);
  }

 private:
  std::map<std::vector<EntityId>, size_t> index_;
  std::vector<Route> routes_;
};

}  // namespace

Result<PathResult> Session::FindPaths(const PathRequest& request, const CallOptions& options) {
  if (request.max_hops < 1) return Status::InvalidArgument("--max must be at least 1");
  PathRequest canonical = request;
  KG_RETURN_IF_ERROR(CanonicalTypes(&canonical.types).WithPrefix("--types"));
  KG_ASSIGN_OR_RETURN(std::string statement, PathStatement(canonical));
  PathResult out;
  KG_ASSIGN_OR_RETURN(out.from, FindEntities(request.from, /*prefer_exact=*/true));
  KG_ASSIGN_OR_RETURN(out.to, FindEntities(request.to, /*prefer_exact=*/true));
  std::string missing;
  for (const auto& [name, found] :
       {std::pair{&request.from, &out.from}, std::pair{&request.to, &out.to}}) {
    if (found->empty() && !missing.empty())
      missing += missing.ends_with('?') ? " Also " : ". Also ";
    if (found->empty()) missing += NoSuchEntity(*name).message();
  }
  if (!missing.empty()) return Status::NotFound(missing);
  RouteGrouper grouper;
  bool different = false;
  for (const Entity& a : out.from) {
    for (const Entity& b : out.to) {
      if (a.id == b.id) continue;  // no path of an entity to itself
      different = true;
      CallOptions call = options;
      call.parameters["a"] = Value(static_cast<int64_t>(a.id));
      call.parameters["b"] = Value(static_cast<int64_t>(b.id));
      KG_ASSIGN_OR_RETURN(QueryResult result, Run(statement, call));
      for (const auto& row : result.table.rows) {
        if (!row.empty() && row[0].is_path()) grouper.Add(row[0].as_path());
      }
    }
  }
  if (!different) {
    const Entity& e = out.from.front();
    return Status::InvalidArgument("'" + request.from + "' and '" + request.to +
                                   "' are the same entity (" + std::string(e.name()) + ", id " +
                                   std::to_string(e.id) + "): a path joins two different entities");
  }
  out.routes = grouper.Take();
  for (const Route& route : out.routes) out.combinations += route.combinations;
  return out;
}

}  // namespace kg::session
