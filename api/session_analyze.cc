// Session: graph analytics (scores, groups, weighted shortest paths) on a
// snapshot; written scores land in one write transaction.
#include <algorithm>
#include <limits>
#include <mutex>

#include "analytics/analytics.h"
#include "api/internal/session_impl.h"

namespace kg::session {
namespace {

// The one entity whose name or alias is `name`; an exact (case-sensitive)
// name match wins when the case-insensitive lookup finds several.
// NotFound with "did you mean" when nothing has the name.
Result<EntityId> ResolveName(const Session& session, const storage::Transaction& txn,
                             const std::string& option, const std::string& name) {
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, txn.FindByName(name));
  if (ids.empty()) return session.NoSuchEntity(name).WithPrefix(option);
  if (ids.size() == 1) return ids[0];
  std::optional<EntityId> exact;
  for (EntityId id : ids) {
    KG_ASSIGN_OR_RETURN(Entity e, txn.GetEntity(id));
    if (e.name() == name) {
      if (exact) break;
      exact = id;
    }
  }
  if (exact) return *exact;
  return Status::InvalidArgument(option + ": '" + name + "' names " + std::to_string(ids.size()) +
                                 " entities; use the exact canonical name");
}

Value NodeValue(Entity entity) { return Value(std::make_shared<const Entity>(std::move(entity))); }

// Columns node, name, via (the relation arriving at the node), distance.
Result<ResultTable> PathTable(const storage::Transaction& txn,
                              const std::vector<analytics::PathStep>& path) {
  ResultTable table{{"node", "name", "via", "distance"}, {}};
  for (const analytics::PathStep& step : path) {
    KG_ASSIGN_OR_RETURN(Entity entity, txn.GetEntity(step.node));
    Value via;
    if (step.via != 0) {
      KG_ASSIGN_OR_RETURN(Relation relation, txn.GetRelation(step.via));
      via = Value(std::make_shared<const Relation>(std::move(relation)));
    }
    std::string name(entity.name());
    table.rows.push_back({NodeValue(std::move(entity)), Value(name), via, Value(step.distance)});
  }
  return table;
}

// Without `to`: the nearest nodes, columns node, name, distance.
Result<ResultTable> DistanceTable(const storage::Transaction& txn, const analytics::GraphView& view,
                                  EntityId from, const AnalyzeRequest& request) {
  KG_ASSIGN_OR_RETURN(std::vector<double> distance,
                      analytics::Distances(view, from, request.directed));
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < distance.size(); ++v)
    if (distance[v] != std::numeric_limits<double>::infinity()) order.push_back(v);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return distance[a] < distance[b]; });
  if (request.top != 0 && order.size() > request.top) order.resize(request.top);
  ResultTable table{{"node", "name", "distance"}, {}};
  for (uint32_t v : order) {
    KG_ASSIGN_OR_RETURN(Entity entity, txn.GetEntity(view.id(v)));
    std::string name(entity.name());
    table.rows.push_back({NodeValue(std::move(entity)), Value(name), Value(distance[v])});
  }
  return table;
}

// NotFound naming the entities (as the user wrote them), not internal ids.
Status NoPath(const analytics::GraphView& view, EntityId from, EntityId to,
              const AnalyzeRequest& request) {
  if (!view.vertex(from))
    return Status::NotFound("--from: '" + request.from + "' is not in the filtered graph");
  if (!view.vertex(to))
    return Status::NotFound("--to: '" + request.to + "' is not in the filtered graph");
  return Status::NotFound("no path from '" + request.from + "' to '" + request.to + "'" +
                          (request.directed ? " following relation direction" : ""));
}

Result<ResultTable> Shortest(const Session& session, const storage::Store& store,
                             const AnalyzeRequest& request) {
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  KG_ASSIGN_OR_RETURN(EntityId from, ResolveName(session, *txn, "--from", request.from));
  KG_ASSIGN_OR_RETURN(
      auto view,
      analytics::GraphView::Build(*txn, store.ontology(), request.options.filter, request.weight));
  if (request.to.empty()) {
    if (!view.vertex(from))
      return Status::NotFound("--from: '" + request.from + "' is not in the filtered graph");
    return DistanceTable(*txn, view, from, request);
  }
  KG_ASSIGN_OR_RETURN(EntityId to, ResolveName(session, *txn, "--to", request.to));
  Result<std::vector<analytics::PathStep>> path =
      analytics::ShortestPath(view, from, to, request.directed);
  if (!path.ok()) {
    if (path.status().code() == StatusCode::kNotFound) return NoPath(view, from, to, request);
    return path.status();
  }
  return PathTable(*txn, *path);
}

}  // namespace

Status Session::CanonicalFilter(analytics::GraphFilter* filter, std::string_view prefix) const {
  std::string p(prefix);
  KG_RETURN_IF_ERROR(CanonicalLabels(&filter->labels).WithPrefix(p + "labels"));
  return CanonicalTypes(&filter->types).WithPrefix(p + "types");
}

Result<AnalyzeResult> Session::Analyze(const AnalyzeRequest& original) {
  storage::Store& store = impl_->store();
  AnalyzeRequest request = original;
  KG_RETURN_IF_ERROR(CanonicalFilter(&request.options.filter));
  KG_ASSIGN_OR_RETURN(request.options.filter.relations, original.scope.Filter());
  AnalyzeResult out;
  if (!request.algorithm) {
    KG_ASSIGN_OR_RETURN(out.table, Shortest(*this, store, request));
    return out;
  }
  const analytics::Algorithm algorithm = *request.algorithm;
  if (!request.write) {
    std::unique_ptr<storage::Transaction> txn = store.BeginRead();
    KG_ASSIGN_OR_RETURN(auto scores,
                        analytics::Analyze(*txn, store.ontology(), algorithm, request.options));
    KG_ASSIGN_OR_RETURN(out.table, analytics::ScoresToTable(*txn, algorithm, scores, request.top));
    return out;
  }
  std::lock_guard<std::timed_mutex> lock(impl_->writer());
  KG_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> txn, store.BeginWrite());
  KG_ASSIGN_OR_RETURN(auto scores,
                      analytics::Analyze(*txn, store.ontology(), algorithm, request.options));
  KG_RETURN_IF_ERROR(analytics::WriteScores(*txn, *request.write, algorithm, scores));
  KG_ASSIGN_OR_RETURN(out.table, analytics::ScoresToTable(*txn, algorithm, scores, request.top));
  KG_RETURN_IF_ERROR(txn->Commit());
  out.written = scores.size();
  return out;
}

}  // namespace kg::session
