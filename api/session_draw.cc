// Session: diagrams of a result (Render) and of a neighbourhood (RenderEgo).
// Both take the symmetric relation types from the ontology and node sizes
// from an analytics score here, once for every front.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "analytics/analytics.h"
#include "api/internal/dated.h"
#include "api/internal/session_impl.h"
#include "core/suggest.h"
#include "storage/sources.h"

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

}  // namespace

// The entity called `name` (session_impl.h).
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

namespace {

// The nodes of an ego network: breadth-first to `depth`, at most `max_nodes`,
// each with its ring (0 for the centre, 1 for its neighbours, ...).
struct EgoNodes {
  std::map<EntityId, int> ring;
  size_t dropped = 0;  // neighbours left out by the cap
};

// A candidate of the next ring and the relations joining it to this one.
using Links = std::map<EntityId, std::vector<RelationId>>;

// How strongly a candidate is tied to the ring inside it: the number of
// relations (each a quoted passage), then their highest confidence.
Result<std::pair<size_t, double>> Strength(const storage::Transaction& txn,
                                           const std::vector<RelationId>& relations) {
  double confidence = 0.0;
  for (RelationId id : relations) {
    KG_ASSIGN_OR_RETURN(Relation r, txn.GetRelation(id));
    confidence = std::max(confidence, r.confidence().value_or(0.0));
  }
  return std::make_pair(relations.size(), confidence);
}

// The `room` strongest candidates (see Strength; ties by id).
Result<std::vector<EntityId>> Strongest(const storage::Transaction& txn, const Links& links,
                                        size_t room) {
  struct Ranked {
    size_t quotes;
    double confidence;
    EntityId id;
  };
  std::vector<Ranked> ranked;
  for (const auto& [id, relations] : links) {
    KG_ASSIGN_OR_RETURN(auto strength, Strength(txn, relations));
    ranked.push_back({strength.first, strength.second, id});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.quotes != b.quotes) return a.quotes > b.quotes;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.id < b.id;
  });
  std::vector<EntityId> kept;
  for (size_t i = 0; i < ranked.size() && i < room; ++i) kept.push_back(ranked[i].id);
  return kept;
}

// Transaction::Expand over the relations `keep` accepts only.
Status ExpandKept(const storage::Transaction& txn, EntityId node, storage::Direction dir,
                  const std::vector<std::string>& types, const RelationFilter& keep,
                  const std::function<void(const storage::Edge&)>& fn) {
  std::vector<storage::Edge> edges;
  KG_RETURN_IF_ERROR(txn.Expand(node, dir, types, [&](const storage::Edge& e) {
    edges.push_back(e);
    return true;
  }));
  for (const storage::Edge& e : edges) {
    if (!keep.empty()) {
      KG_ASSIGN_OR_RETURN(Relation r, txn.GetRelation(e.relation));
      if (!keep.Accepts(r)) continue;
    }
    fn(e);
  }
  return Status::OK();
}

// The next ring: every node joined to the frontier that has no ring yet.
Status NextRing(const storage::Transaction& txn, const std::set<EntityId>& frontier,
                const std::map<EntityId, int>& ring, const std::vector<std::string>& types,
                const RelationFilter& keep, Links* links) {
  for (EntityId node : frontier) {
    KG_RETURN_IF_ERROR(
        ExpandKept(txn, node, storage::Direction::kBoth, types, keep, [&](const storage::Edge& e) {
          if (!ring.contains(e.other)) (*links)[e.other].push_back(e.relation);
        }));
  }
  return Status::OK();
}

Result<EgoNodes> CollectEgoNodes(const storage::Transaction& txn, EntityId root,
                                 const EgoRequest& request, const RelationFilter& keep) {
  EgoNodes result;
  result.ring[root] = 0;
  std::set<EntityId> frontier = {root};
  for (int level = 1; level <= request.depth && !frontier.empty(); ++level) {
    Links links;
    KG_RETURN_IF_ERROR(NextRing(txn, frontier, result.ring, request.types, keep, &links));
    size_t room = request.max_nodes - result.ring.size();
    std::set<EntityId> next;
    if (links.size() > room) {
      KG_ASSIGN_OR_RETURN(std::vector<EntityId> kept, Strongest(txn, links, room));
      result.dropped = links.size() - kept.size();
      next.insert(kept.begin(), kept.end());
    } else {
      for (const auto& [id, relations] : links) next.insert(id);
    }
    for (EntityId id : next) result.ring[id] = level;
    if (result.dropped > 0) break;
    frontier = std::move(next);
  }
  return result;
}

// The chosen entities and the relations (of `types`) among them: with
// `cross_edges` all of them, otherwise only those joining consecutive rings
// (for depth 1: the centre's own relations), so the drawing is a star.
Result<Subgraph> LoadEgo(const storage::Transaction& txn, const EgoNodes& nodes,
                         const std::vector<std::string>& types, bool cross_edges,
                         const RelationFilter& keep) {
  Subgraph g;
  std::set<RelationId> rels;
  for (const auto& entry : nodes.ring) {
    // Not a structured binding: clang 14 cannot capture one in the lambda.
    EntityId id = entry.first;
    auto ring = entry.second;
    KG_ASSIGN_OR_RETURN(Entity e, txn.GetEntity(id));
    g.nodes.push_back(std::move(e));
    KG_RETURN_IF_ERROR(ExpandKept(txn, id, storage::Direction::kOutgoing, types, keep,
                                  [&](const storage::Edge& e) {
                                    auto other = nodes.ring.find(e.other);
                                    if (other == nodes.ring.end()) return;
                                    if (cross_edges || std::abs(other->second - ring) == 1)
                                      rels.insert(e.relation);
                                  }));
  }
  for (RelationId id : rels) {
    KG_ASSIGN_OR_RETURN(Relation r, txn.GetRelation(id));
    g.relations.push_back(std::move(r));
  }
  return g;
}

// What each relation of `graph` did in the window (kg render --diff), by
// kg diff's rules (internal::ChangeOf).
Result<viz::DiffMarks> MarkChanges(const storage::Store& store, const Subgraph& graph,
                                   const DiffWindow& window) {
  if (window.to < window.from)
    return Status::InvalidArgument("diff: " + window.from.ToString() + " is after " +
                                   window.to.ToString());
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  RelationFilter published;
  KG_RETURN_IF_ERROR(internal::WithPublished(*txn, &published));
  internal::DatedReader reader(*txn, std::move(published), {}, {});
  viz::DiffMarks marks{window.from, window.to, {}};
  for (const Relation& r : graph.relations) {
    viz::Change change = internal::ChangeOf(r, window, reader.SaidDay(r));
    if (change != viz::Change::kUnchanged) marks.changes[r.id] = change;
  }
  return marks;
}

}  // namespace

std::set<std::string, std::less<>> Session::SymmetricTypes() const {
  std::set<std::string, std::less<>> types;
  for (const schema::RelationTypeDef& t : ontology().relation_types())
    if (t.symmetric) types.insert(t.name);
  return types;
}

namespace {

// Replaces each name by its definition's spelling in `defs` (any case
// matches). InvalidArgument "unknown <what> 'X'; known: A, B; did you mean
// 'Y'?" for a name no definition has.
template <typename Defs>
Status Canonical(const Defs& defs, std::string_view what, std::vector<std::string>* names) {
  for (std::string& name : *names) {
    auto found = std::find_if(defs.begin(), defs.end(),
                              [&](const auto& def) { return Upper(def.name) == Upper(name); });
    if (found != defs.end()) {
      name = found->name;
      continue;
    }
    std::vector<std::string> known;
    for (const auto& def : defs) known.push_back(def.name);
    std::string listing;
    for (const std::string& k : known) listing += (listing.empty() ? "" : ", ") + k;
    std::string hint = DidYouMean(Suggest(name, known));
    return Status::InvalidArgument("unknown " + std::string(what) + " '" + name +
                                   "'; known: " + listing + (hint.empty() ? "" : "; " + hint));
  }
  return Status::OK();
}

}  // namespace

Status Session::CanonicalTypes(std::vector<std::string>* types) const {
  if (ontology().is_open()) return Status::OK();
  return Canonical(ontology().relation_types(), "relation type", types);
}

Status Session::CanonicalLabels(std::vector<std::string>* labels) const {
  if (ontology().is_open()) return Status::OK();
  return Canonical(ontology().kinds(), "label", labels);
}

// Draws `graph` with the session's symmetric types and the requested node
// scores; writes request.output when given (session_impl.h).
Result<Drawing> DrawGraph(Session::Impl& impl, const Session& session, Subgraph graph,
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
  // Without titles from the caller, the footnote names sources by the title
  // and publisher of the database's source records.
  if (options.source_titles.empty()) {
    KG_ASSIGN_OR_RETURN(options.source_titles, session.SourceTitles());
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
  // Valid time is drawn (dashed), not filtered: see the header.
  std::optional<Date> valid_day = options.scope.valid_day();
  read_only.scope.known_at = options.scope.known_day();
  read_only.scope.valid_at.reset();
  read_only.scope.as_of.reset();
  KG_ASSIGN_OR_RETURN(QueryResult result, Run(text, read_only));
  KG_ASSIGN_OR_RETURN(Subgraph graph, query::ResultSubgraph(impl_->store(), result.table));
  if (graph.empty()) return Status::InvalidArgument(NothingToDraw(result.table));
  DrawRequest draw = request;
  if (valid_day) draw.render.as_of = valid_day;
  if (draw.render.title.empty()) draw.render.title = viz::DefaultTitle(graph);
  if (request.diff) {
    KG_ASSIGN_OR_RETURN(draw.render.diff, MarkChanges(impl_->store(), graph, *request.diff));
  }
  return DrawGraph(*impl_, *this, std::move(graph), draw);
}

Result<Drawing> Session::RenderEgo(const EgoRequest& request, const DrawRequest& draw) {
  EgoRequest ego = request;
  if (ego.depth < 0 || ego.depth > kMaxEgoDepth)
    return Status::InvalidArgument("depth must be between 0 and " + std::to_string(kMaxEgoDepth) +
                                   ", got " + std::to_string(ego.depth));
  if (ego.max_nodes < 1 || ego.max_nodes > viz::kMaxNodes)
    return Status::InvalidArgument("max_nodes must be between 1 and " +
                                   std::to_string(viz::kMaxNodes) + ", got " +
                                   std::to_string(ego.max_nodes));
  KG_RETURN_IF_ERROR(CanonicalTypes(&ego.types).WithPrefix("types"));
  // Relations not known then or too unsure are left out; those not valid
  // on the day are drawn dashed.
  Scope known = ego.scope;
  known.known_at = known.known_day();
  known.valid_at.reset();
  known.as_of.reset();
  KG_ASSIGN_OR_RETURN(RelationFilter keep, known.Filter());
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  KG_RETURN_IF_ERROR(storage::AddSourcePublished(*txn, &keep));
  Result<EntityId> root = FindEntity(*txn, ego.name);
  if (!root.ok() && root.status().code() == StatusCode::kNotFound) return NoSuchEntity(ego.name);
  if (!root.ok()) return root.status();
  KG_ASSIGN_OR_RETURN(EgoNodes nodes, CollectEgoNodes(*txn, *root, ego, keep));
  KG_ASSIGN_OR_RETURN(Subgraph graph, LoadEgo(*txn, nodes, ego.types, ego.cross_edges, keep));
  txn.reset();
  DrawRequest centred = draw;
  centred.render.root = *root;
  if (std::optional<Date> valid_day = ego.scope.valid_day()) centred.render.as_of = valid_day;
  if (nodes.dropped > 0 && centred.render.note.empty()) {
    centred.render.note =
        std::to_string(nodes.dropped) + " more neighbours with fewer quotes not shown";
  }
  KG_ASSIGN_OR_RETURN(Drawing drawing, DrawGraph(*impl_, *this, std::move(graph), centred));
  drawing.dropped = nodes.dropped;
  return drawing;
}

}  // namespace kg::session
