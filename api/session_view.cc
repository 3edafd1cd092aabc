// Session::RenderView: the explorer's view (a set of entities and the
// relations among them) drawn without a statement. The page's statement
// for it, `MATCH (a) WHERE id(a) IN $ids OPTIONAL MATCH (a)-[r]->(b) WHERE
// id(b) IN $ids AND kg.validAt(r, $day) RETURN a, r, b`, walks the same
// adjacency but turns every relation into a row of values first; on a
// 200-node view of hubs that is most of the drawing's query time.
#include <unordered_set>

#include "api/internal/session_impl.h"
#include "storage/sources.h"

namespace kg::session {
namespace {

// The relations starting at one of `ids` and ending at another, that
// `keep` accepts, in the order Expand gives them.
Result<std::vector<RelationId>> RelationsAmong(const storage::Transaction& txn,
                                               const std::vector<EntityId>& ids,
                                               const RelationFilter& keep) {
  const std::unordered_set<EntityId> in_view(ids.begin(), ids.end());
  std::vector<RelationId> out;
  for (EntityId id : ids) {
    KG_RETURN_IF_ERROR(
        txn.Expand(id, storage::Direction::kOutgoing, {}, keep, [&](const storage::Edge& e) {
          if (in_view.contains(e.other)) out.push_back(e.relation);
          return true;
        }));
  }
  return out;
}

// The view's subgraph: the entities of `ids` that exist (each once) and
// the relations among them, only those valid on `valid_day` when given.
Result<Subgraph> LoadView(const storage::Transaction& txn, const std::vector<EntityId>& ids,
                          const RelationFilter& keep, std::optional<Date> valid_day) {
  Subgraph g;
  std::vector<EntityId> present;
  std::unordered_set<EntityId> seen;
  for (EntityId id : ids) {
    if (!seen.insert(id).second) continue;
    Result<Entity> e = txn.GetEntity(id);
    if (!e.ok() && e.status().code() == StatusCode::kNotFound) continue;
    if (!e.ok()) return e.status();
    g.nodes.push_back(std::move(e).value());
    present.push_back(id);
  }
  KG_ASSIGN_OR_RETURN(std::vector<RelationId> relations, RelationsAmong(txn, present, keep));
  g.relations.reserve(relations.size());
  for (RelationId id : relations) {
    KG_ASSIGN_OR_RETURN(Relation r, txn.GetRelation(id));
    if (valid_day && !r.ValidAt(*valid_day)) continue;
    g.relations.push_back(std::move(r));
  }
  return g;
}

}  // namespace

Result<Drawing> Session::RenderView(const std::vector<EntityId>& ids, const CallOptions& options,
                                    const DrawRequest& request) {
  KG_RETURN_IF_ERROR(Authorize(options.token, /*write=*/false));
  if (ids.empty()) return Status::InvalidArgument("ids: the view needs at least one entity id");
  if (ids.size() > viz::kMaxNodes)
    return Status::InvalidArgument("ids: " + std::to_string(ids.size()) +
                                   " entities is more than a drawing holds (" +
                                   std::to_string(viz::kMaxNodes) + ")");
  // As Render's statement: known time and confidence filter what is read;
  // the valid day keeps only relations valid then (the page's
  // kg.validAt), so none is drawn dashed.
  Scope known = options.scope;
  known.known_at = known.known_day();
  known.valid_at.reset();
  known.as_of.reset();
  KG_ASSIGN_OR_RETURN(RelationFilter keep, known.Filter());
  std::optional<Date> valid_day = options.scope.valid_day();
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  KG_RETURN_IF_ERROR(storage::AddSourcePublished(*txn, &keep));
  KG_ASSIGN_OR_RETURN(Subgraph graph, LoadView(*txn, ids, keep, valid_day));
  txn.reset();
  if (graph.empty())
    return Status::InvalidArgument("nothing to draw: no entity has any of the ids given");
  DrawRequest draw = request;
  if (valid_day) draw.render.as_of = valid_day;
  if (draw.render.title.empty()) draw.render.title = viz::DefaultTitle(graph);
  return DrawGraph(*impl_, *this, std::move(graph), draw);
}

}  // namespace kg::session
