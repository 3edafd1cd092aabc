// Whole analyses as the CLI and the CALL kg.* procedures run them: choose the
// algorithm, build the filtered view, rank the result, turn it into a table,
// and write scores back as node properties in one transaction.
#include <algorithm>
#include <memory>

#include "analytics/internal/view_impl.h"

namespace kg::analytics {
namespace {

struct AlgorithmName_ {
  Algorithm algorithm;
  std::string_view name;
};
constexpr AlgorithmName_ kAlgorithms[] = {
    {Algorithm::kPageRank, "pagerank"},    {Algorithm::kBetweenness, "betweenness"},
    {Algorithm::kDegree, "degree"},        {Algorithm::kComponents, "components"},
    {Algorithm::kStrongComponents, "scc"}, {Algorithm::kCommunities, "communities"},
};

std::vector<double> ToDoubles(const std::vector<int64_t>& groups) {
  return std::vector<double>(groups.begin(), groups.end());
}

Result<std::vector<double>> RunOnView(const GraphView& view, Algorithm algorithm,
                                      const AnalysisOptions& options) {
  switch (algorithm) {
    case Algorithm::kPageRank:
      return PageRank(view, options.pagerank);
    case Algorithm::kBetweenness:
      return Betweenness(view, options.betweenness);
    case Algorithm::kDegree:
      return Degree(view, options.degree);
    case Algorithm::kComponents:
      return ToDoubles(ConnectedComponents(view));
    case Algorithm::kStrongComponents:
      return ToDoubles(StrongComponents(view));
    case Algorithm::kCommunities:
      return ToDoubles(Communities(view, options.communities));
  }
  return Status::Internal("unknown algorithm");
}

// Degree, group numbers: integers in tables and written properties.
bool IsIntegral(Algorithm algorithm) {
  return IsGrouping(algorithm) || algorithm == Algorithm::kDegree;
}

Value ScoreValue(Algorithm algorithm, double score) {
  if (IsIntegral(algorithm)) return Value(static_cast<int64_t>(score));
  return Value(score);
}

}  // namespace

Result<Algorithm> ParseAlgorithm(std::string_view name) {
  for (const auto& a : kAlgorithms)
    if (a.name == name) return a.algorithm;
  return Status::InvalidArgument(
      "unknown analysis '" + std::string(name) +
      "' (expected pagerank, betweenness, degree, components, scc or communities)");
}

Result<DegreeDirection> ParseDegreeDirection(std::string_view text, std::string_view what) {
  if (text == "in") return DegreeDirection::kIn;
  if (text == "out") return DegreeDirection::kOut;
  if (text == "both") return DegreeDirection::kBoth;
  return Status::InvalidArgument(std::string(what) + " must be in, out or both, got '" +
                                 std::string(text) + "'");
}

Result<EdgeWeight> ParseEdgeWeight(std::string_view text, std::string_view what) {
  if (text == "hops") return EdgeWeight::kHops;
  if (text == "confidence") return EdgeWeight::kConfidence;
  if (text == "stance") return EdgeWeight::kStance;
  return Status::InvalidArgument(std::string(what) + " must be hops, confidence or stance, got '" +
                                 std::string(text) + "'");
}

std::string_view AlgorithmName(Algorithm algorithm) {
  for (const auto& a : kAlgorithms)
    if (a.algorithm == algorithm) return a.name;
  return "unknown";
}

bool IsGrouping(Algorithm algorithm) {
  return algorithm == Algorithm::kComponents || algorithm == Algorithm::kStrongComponents ||
         algorithm == Algorithm::kCommunities;
}

Result<std::vector<NodeScore>> Analyze(const storage::Transaction& txn,
                                       const schema::Ontology& ontology, Algorithm algorithm,
                                       const AnalysisOptions& options) {
  KG_ASSIGN_OR_RETURN(GraphView view, GraphView::Build(txn, ontology, options.filter));
  if (options.interrupt) KG_RETURN_IF_ERROR(options.interrupt());
  AnalysisOptions run = options;
  if (!run.pagerank.interrupt) run.pagerank.interrupt = options.interrupt;
  if (!run.betweenness.interrupt) run.betweenness.interrupt = options.interrupt;
  KG_ASSIGN_OR_RETURN(std::vector<double> values, RunOnView(view, algorithm, run));
  if (options.interrupt) KG_RETURN_IF_ERROR(options.interrupt());
  std::vector<NodeScore> scores(values.size());
  for (uint32_t v = 0; v < values.size(); ++v) scores[v] = {view.id(v), values[v]};
  // Vertices are in id order already, so a stable sort keeps ties by id.
  if (IsGrouping(algorithm)) {
    std::stable_sort(scores.begin(), scores.end(),
                     [](const NodeScore& a, const NodeScore& b) { return a.score < b.score; });
  } else {
    std::stable_sort(scores.begin(), scores.end(),
                     [](const NodeScore& a, const NodeScore& b) { return a.score > b.score; });
  }
  return scores;
}

Result<std::unordered_map<EntityId, double>> ScoresById(const storage::Transaction& txn,
                                                        const schema::Ontology& ontology,
                                                        Algorithm algorithm,
                                                        const AnalysisOptions& options) {
  KG_ASSIGN_OR_RETURN(std::vector<NodeScore> scores, Analyze(txn, ontology, algorithm, options));
  std::unordered_map<EntityId, double> out;
  out.reserve(scores.size());
  for (const NodeScore& s : scores) out.emplace(s.node, s.score);
  return out;
}

Result<ResultTable> ScoresToTable(const storage::Transaction& txn, Algorithm algorithm,
                                  const std::vector<NodeScore>& scores, size_t top) {
  ResultTable table;
  std::string column = "score";
  if (algorithm == Algorithm::kComponents || algorithm == Algorithm::kStrongComponents)
    column = "component";
  if (algorithm == Algorithm::kCommunities) column = "community";
  table.columns = {"node", "name", column};
  const size_t rows = top == 0 ? scores.size() : std::min(top, scores.size());
  table.rows.reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    KG_ASSIGN_OR_RETURN(Entity entity, txn.GetEntity(scores[i].node));
    std::string name(entity.name());
    table.rows.push_back({Value(std::make_shared<const Entity>(std::move(entity))),
                          Value(std::move(name)), ScoreValue(algorithm, scores[i].score)});
  }
  return table;
}

Status CheckScoreProperty(std::string_view property) {
  if (property.empty()) return Status::InvalidArgument("--write needs a property name");
  if (property == kNameKey || property == kAliasesKey)
    return Status::InvalidArgument("refusing to overwrite the reserved property '" +
                                   std::string(property) + "' with scores");
  // _id, _labels, ... are the JSON contract's own keys; a property of that
  // name would print a duplicate key.
  if (property.front() == '_')
    return Status::InvalidArgument("property names starting with '_' are reserved, got '" +
                                   std::string(property) + "'");
  return Status::OK();
}

Status WriteScores(storage::Transaction& txn, std::string_view property, Algorithm algorithm,
                   const std::vector<NodeScore>& scores) {
  KG_RETURN_IF_ERROR(CheckScoreProperty(property));
  for (const NodeScore& s : scores) {
    KG_ASSIGN_OR_RETURN(Entity entity, txn.GetEntity(s.node));
    entity.properties[std::string(property)] = ScoreValue(algorithm, s.score);
    KG_RETURN_IF_ERROR(txn.UpdateEntity(entity));
  }
  return Status::OK();
}

Result<uint64_t> AnalyzeAndWrite(storage::Store& store, Algorithm algorithm,
                                 const AnalysisOptions& options, std::string_view property) {
  KG_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> txn, store.BeginWrite());
  KG_ASSIGN_OR_RETURN(std::vector<NodeScore> scores,
                      Analyze(*txn, store.ontology(), algorithm, options));
  KG_RETURN_IF_ERROR(WriteScores(*txn, property, algorithm, scores));
  KG_RETURN_IF_ERROR(txn->Commit());
  return static_cast<uint64_t>(scores.size());
}

}  // namespace kg::analytics
