// Graph analytics over a store snapshot: PageRank, betweenness, degree,
// connected and strongly connected components, Louvain communities and
// weighted shortest paths, computed on a compact Boost.Graph view
// (compressed sparse row; see docs/analytics.md for why CSR) that holds only
// dense vertex numbers, relation ids and edge weights.
//
// Direction: the view is directed (start -> end). A relation of a type the
// ontology declares symmetric (COMPETES_WITH, PARTNERS_WITH) becomes two arcs,
// since "A competes with B" says the same as "B competes with A". Parallel
// relations are parallel arcs (PageRank and degree count each; degree counts a
// symmetric relation once, not its mirror arc); betweenness,
// components and communities treat the graph as simple or undirected as each
// function says.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analytics/analytics_types.h"
#include "core/date.h"
#include "core/result.h"
#include "core/result_table.h"
#include "schema/ontology.h"
#include "storage/store.h"

namespace kg::analytics {

// InvalidArgument "unknown label 'X'; known: ..." (resp. "unknown relation
// type") for a name the ontology does not declare; OK for any name when the
// ontology is open. CheckFilter checks both, prefixing "labels: "/"types: ".
Status CheckLabels(const schema::Ontology& ontology, const std::vector<std::string>& labels);
Status CheckTypes(const schema::Ontology& ontology, const std::vector<std::string>& types);
Status CheckFilter(const schema::Ontology& ontology, const GraphFilter& filter);

// One relation given by hand (tests, benchmarks): `symmetric` adds the mirror arc.
struct EdgeInput {
  EntityId start = 0;
  EntityId end = 0;
  double weight = 1.0;
  RelationId relation = 0;
  bool symmetric = false;
};

// An immutable directed multigraph with dense vertex numbers 0..num_nodes()-1
// assigned in ascending EntityId order. Movable, not copyable.
class GraphView {
 public:
  // Reads the filtered graph from `txn`. Relation records are read only when
  // `filter.relations` is not empty or `weight` is not kHops; otherwise only ids come
  // from the adjacency scan. Unknown labels or types in the filter are
  // InvalidArgument (CheckFilter) unless the ontology is open, where they
  // match nothing. Other errors are those of the store (IOError, Corruption).
  static Result<GraphView> Build(const storage::Transaction& txn, const schema::Ontology& ontology,
                                 const GraphFilter& filter, EdgeWeight weight = EdgeWeight::kHops);
  // A view of these nodes and relations. InvalidArgument when an edge names a
  // node that is not listed, a node is listed twice, or a weight is negative
  // or not finite.
  static Result<GraphView> FromEdges(std::vector<EntityId> nodes, std::vector<EdgeInput> edges);

  GraphView(GraphView&&) noexcept;
  GraphView& operator=(GraphView&&) noexcept;
  ~GraphView();

  size_t num_nodes() const;
  size_t num_arcs() const;  // symmetric relations count twice
  EntityId id(uint32_t vertex) const;
  const std::vector<EntityId>& ids() const;
  // The dense number of an entity, or nullopt when it is not in the view.
  std::optional<uint32_t> vertex(EntityId id) const;

  class Impl;
  const Impl& impl() const { return *impl_; }  // for analytics/ internals

 private:
  explicit GraphView(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// --- algorithms: one value per vertex, indexed by dense vertex number -----

// PageRank with dangling nodes handled: the rank of a node without out-arcs
// is spread evenly over all nodes each iteration, so ranks always sum to 1.
// (boost::page_rank drops that mass, hence our own loop over the CSR.)
// InvalidArgument for damping outside [0, 1) or iterations < 1.
Result<std::vector<double>> PageRank(const GraphView& view, const PageRankOptions& options);

// Brandes betweenness (kg's own loop, interruptible) over the simple
// graph (parallel relations and self-loops dropped; every link costs 1).
// Exact, O(V*E) time: minutes on a million relations; filter first.
Result<std::vector<double>> Betweenness(const GraphView& view, const BetweennessOptions& options);

// Number of relations at each vertex, each counted once by its stored
// direction (start -> end), as MATCH (n)-[r]->() / (n)<-[r]-() / (n)-[r]-()
// count them: a symmetric relation adds 1 to `both` at each end, 1 to `out`
// at its start and 1 to `in` at its end. A self-loop counts in and out
// (kBoth = in + out).
std::vector<double> Degree(const GraphView& view, DegreeDirection direction);

// Group numbers 0..k-1 per vertex, numbered by group size (largest first),
// ties by smallest member EntityId.
std::vector<int64_t> ConnectedComponents(const GraphView& view);  // undirected
std::vector<int64_t> StrongComponents(const GraphView& view);     // directed

// Louvain modularity communities on the undirected simple graph (each
// relation weighs 1; a symmetric relation is one link). Deterministic for a
// seed. Group numbers as for components.
std::vector<int64_t> Communities(const GraphView& view, const CommunityOptions& options);
// Newman modularity of a partition of the undirected view (for tests/docs).
double Modularity(const GraphView& view, const std::vector<int64_t>& community);

struct PathStep {
  EntityId node = 0;
  RelationId via = 0;     // relation arriving at this node (0 for the first)
  double distance = 0.0;  // cumulative cost from the source
};
// Dijkstra from `from` over arc weights (the view's EdgeWeight). Undirected
// unless `directed`. NotFound when either node is not in the view or no path
// joins them.
Result<std::vector<PathStep>> ShortestPath(const GraphView& view, EntityId from, EntityId to,
                                           bool directed = false);
// Cost of the cheapest path from `from` to every vertex (+infinity when unreachable).
Result<std::vector<double>> Distances(const GraphView& view, EntityId from, bool directed = false);

// --- whole analyses, as the CLI and CALL kg.* run them --------------------

struct NodeScore {
  EntityId node = 0;
  double score = 0.0;  // group number for components/communities
};
// Runs the algorithm on the filtered view. Centralities come best first (ties
// by id); groups by group number, then id.
Result<std::vector<NodeScore>> Analyze(const storage::Transaction& txn,
                                       const schema::Ontology& ontology, Algorithm algorithm,
                                       const AnalysisOptions& options);
// The same scores keyed by entity, e.g. to size or colour nodes in a diagram.
Result<std::unordered_map<EntityId, double>> ScoresById(const storage::Transaction& txn,
                                                        const schema::Ontology& ontology,
                                                        Algorithm algorithm,
                                                        const AnalysisOptions& options);

// Columns node, name, <score|component|community>; the first `top` rows (0 =
// all). Nodes are full entities read from `txn`; groups and degree are integers.
Result<ResultTable> ScoresToTable(const storage::Transaction& txn, Algorithm algorithm,
                                  const std::vector<NodeScore>& scores, size_t top);

// Sets property `property` of every scored node in write transaction `txn`
// (not committed here: the caller commits once, so the write is all or
// nothing). CheckScoreProperty's errors first; then the first store error
// (NotFound, SchemaViolation, ...) is returned as is. Only the scored nodes
// are written: a node left out by a filter keeps any older value.
Status WriteScores(storage::Transaction& txn, std::string_view property, Algorithm algorithm,
                   const std::vector<NodeScore>& scores);
// Analyses and writes in one write transaction of `store` and commits.
// Returns the number of nodes written.
Result<uint64_t> AnalyzeAndWrite(storage::Store& store, Algorithm algorithm,
                                 const AnalysisOptions& options, std::string_view property);

}  // namespace kg::analytics
