// Session: diagrams of a result (Render) and of a neighbourhood (RenderEgo).
// Both take the symmetric relation types from the ontology and node sizes
// from an analytics score here, once for every front.
#include <algorithm>
#include <cctype>
#include <set>

#include "analytics/analytics.h"
#include "api/internal/session_impl.h"

namespace kg::session {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Why a result draws nothing, for the error message.
std::string NothingToDraw(const ResultTable& table) {
  std::string why = table.rows.empty()
                        ? "the query returned no rows"
                        : "the query returned " + std::to_string(table.rows.size()) +
                              " rows but no nodes, relationships or paths; RETURN them (or a "
                              "path p = (...)-[...]-(...)), not only their properties";
  return "nothing to draw: " + why + "; no file written";
}

// The entity called `name`: an exact (case-sensitive) canonical name match
// wins; otherwise the single case-insensitive name/alias match.
Result<EntityId> FindEntity(const storage::Transaction& txn, const std::string& name) {
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, txn.FindByName(name));
  if (ids.empty()) return Status::NotFound("no entity is named or aliased '" + name + "'");
  if (ids.size() == 1) return ids.front();
  std::vector<EntityId> exact;
  std::string listing;
  for (EntityId id : ids) {
    KG_ASSIGN_OR_RETURN(Entity e, txn.GetEntity(id));
    if (e.name() == name) exact.push_back(id);
    listing += (listing.empty() ? "" : ", ") + std::string(e.name()) + " (#" + std::to_string(id) +
               (e.labels.empty() ? "" : ", " + e.labels.front()) + ")";
  }
  if (exact.size() == 1) return exact.front();
  return Status::InvalidArgument("'" + name + "' is ambiguous: " + listing +
                                 "; use kg render with a MATCH on the id or a property");
}

// The nodes of an ego network: breadth-first to `depth`, at most `max_nodes`.
struct EgoNodes {
  std::set<EntityId> ids;
  size_t dropped = 0;  // neighbours left out by the cap
};

// Orders candidates by degree (highest first, then id) and keeps `room`.
Result<std::vector<EntityId>> BestConnected(const storage::Transaction& txn,
                                            const std::set<EntityId>& candidates,
                                            const std::vector<std::string>& types, size_t room) {
  std::vector<std::pair<uint64_t, EntityId>> ranked;
  for (EntityId id : candidates) {
    KG_ASSIGN_OR_RETURN(uint64_t degree, txn.Degree(id, storage::Direction::kBoth, types));
    ranked.emplace_back(degree, id);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<EntityId> kept;
  for (size_t i = 0; i < ranked.size() && i < room; ++i) kept.push_back(ranked[i].second);
  return kept;
}

Result<std::set<EntityId>> Neighbours(const storage::Transaction& txn, EntityId node,
                                      const std::vector<std::string>& types) {
  std::set<EntityId> out;
  KG_RETURN_IF_ERROR(
      txn.Expand(node, storage::Direction::kBoth, types, [&](const storage::Edge& e) {
        out.insert(e.other);
        return true;
      }));
  return out;
}

Result<EgoNodes> CollectEgoNodes(const storage::Transaction& txn, EntityId root,
                                 const EgoRequest& request) {
  EgoNodes result;
  result.ids.insert(root);
  std::set<EntityId> frontier = {root};
  for (int level = 0; level < request.depth && !frontier.empty(); ++level) {
    std::set<EntityId> next;
    for (EntityId node : frontier) {
      KG_ASSIGN_OR_RETURN(std::set<EntityId> around, Neighbours(txn, node, request.types));
      for (EntityId id : around)
        if (!result.ids.contains(id)) next.insert(id);
    }
    size_t room = request.max_nodes - result.ids.size();
    if (next.size() > room) {
      KG_ASSIGN_OR_RETURN(std::vector<EntityId> kept,
                          BestConnected(txn, next, request.types, room));
      result.dropped = next.size() - kept.size();
      next = std::set<EntityId>(kept.begin(), kept.end());
    }
    result.ids.insert(next.begin(), next.end());
    if (result.dropped > 0) break;
    frontier = std::move(next);
  }
  return result;
}

// The chosen entities and every relation (of `types`) among them.
Result<Subgraph> LoadInduced(const storage::Transaction& txn, const std::set<EntityId>& ids,
                             const std::vector<std::string>& types) {
  Subgraph g;
  std::set<RelationId> rels;
  for (EntityId id : ids) {
    KG_ASSIGN_OR_RETURN(Entity e, txn.GetEntity(id));
    g.nodes.push_back(std::move(e));
    KG_RETURN_IF_ERROR(
        txn.Expand(id, storage::Direction::kOutgoing, types, [&](const storage::Edge& e) {
          if (ids.contains(e.other)) rels.insert(e.relation);
          return true;
        }));
  }
  for (RelationId id : rels) {
    KG_ASSIGN_OR_RETURN(Relation r, txn.GetRelation(id));
    g.relations.push_back(std::move(r));
  }
  return g;
}

}  // namespace

std::set<std::string, std::less<>> Session::SymmetricTypes() const {
  std::set<std::string, std::less<>> types;
  for (const schema::RelationTypeDef& t : ontology().relation_types())
    if (t.symmetric) types.insert(t.name);
  return types;
}

Status Session::CanonicalTypes(std::vector<std::string>* types) const {
  const schema::Ontology& ont = ontology();
  if (ont.is_open()) return Status::OK();
  for (std::string& t : *types) {
    const schema::RelationTypeDef* found = nullptr;
    for (const auto& def : ont.relation_types())
      if (Upper(def.name) == Upper(t)) found = &def;
    if (found != nullptr) {
      t = found->name;
      continue;
    }
    std::string known;
    for (const auto& def : ont.relation_types()) known += (known.empty() ? "" : ", ") + def.name;
    return Status::InvalidArgument("unknown relation type '" + t + "'; known: " + known);
  }
  return Status::OK();
}

// Draws `graph` with the session's symmetric types and the requested node
// scores; writes request.output when given.
static Result<Drawing> DrawGraph(Session::Impl& impl, const Session& session, Subgraph graph,
                                 const DrawRequest& request) {
  viz::RenderOptions options = request.render;
  options.symmetric_types = session.SymmetricTypes();
  if (request.size_by) {
    std::unique_ptr<storage::Transaction> txn = impl.store().BeginRead();
    KG_ASSIGN_OR_RETURN(auto scores,
                        analytics::ScoresById(*txn, impl.store().ontology(), *request.size_by, {}));
    options.node_scores.clear();
    for (const auto& [id, score] : scores) options.node_scores.emplace(id, score);
    options.score_name = std::string(analytics::AlgorithmName(*request.size_by));
  }
  Drawing drawing;
  if (request.output.empty()) {
    KG_ASSIGN_OR_RETURN(drawing.rendering, viz::Render(graph, options));
  } else {
    KG_ASSIGN_OR_RETURN(drawing.rendering, viz::RenderToFile(graph, options, request.output));
  }
  drawing.graph = std::move(graph);
  return drawing;
}

Result<Drawing> Session::Render(std::string_view text, const CallOptions& options,
                                const DrawRequest& request) {
  CallOptions read_only = options;
  read_only.read_only = true;
  KG_ASSIGN_OR_RETURN(QueryResult result, Run(text, read_only));
  KG_ASSIGN_OR_RETURN(Subgraph graph, query::ResultSubgraph(impl_->store(), result.table));
  if (graph.empty()) return Status::InvalidArgument(NothingToDraw(result.table));
  DrawRequest draw = request;
  if (draw.render.title.empty()) draw.render.title = viz::DefaultTitle(graph);
  return DrawGraph(*impl_, *this, std::move(graph), draw);
}

Result<Drawing> Session::RenderEgo(const EgoRequest& request, const DrawRequest& draw) {
  EgoRequest ego = request;
  KG_RETURN_IF_ERROR(CanonicalTypes(&ego.types).WithPrefix("--types"));
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  KG_ASSIGN_OR_RETURN(EntityId root, FindEntity(*txn, ego.name));
  KG_ASSIGN_OR_RETURN(EgoNodes nodes, CollectEgoNodes(*txn, root, ego));
  KG_ASSIGN_OR_RETURN(Subgraph graph, LoadInduced(*txn, nodes.ids, ego.types));
  txn.reset();
  KG_ASSIGN_OR_RETURN(Drawing drawing, DrawGraph(*impl_, *this, std::move(graph), draw));
  drawing.dropped = nodes.dropped;
  return drawing;
}

}  // namespace kg::session
