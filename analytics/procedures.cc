// CALL kg.* procedures: parse the config map, run the analysis on the
// query's transaction and return node/score rows.
#include "analytics/procedures.h"

#include <memory>
#include <string>

#include "analytics/analytics.h"

namespace kg::analytics {
namespace {

Status ArgumentError(std::string_view procedure, const std::string& message) {
  return Status::InvalidArgument("ArgumentError: " + std::string(procedure) + ": " + message);
}

Result<std::vector<std::string>> StringList(std::string_view procedure, const std::string& key,
                                            const Value& v) {
  std::vector<std::string> out;
  if (v.is_string()) return std::vector<std::string>{v.as_string()};
  if (!v.is_list()) return ArgumentError(procedure, key + " must be a list of strings");
  for (const Value& item : v.as_list()) {
    if (!item.is_string()) return ArgumentError(procedure, key + " must be a list of strings");
    out.push_back(item.as_string());
  }
  return out;
}

Result<double> Number(std::string_view procedure, const std::string& key, const Value& v) {
  if (!v.is_number()) return ArgumentError(procedure, key + " must be a number");
  return v.as_number();
}

Result<bool> Bool(std::string_view procedure, const std::string& key, const Value& v) {
  if (!v.is_bool()) return ArgumentError(procedure, key + " must be a boolean");
  return v.as_bool();
}

Result<Date> DateOf(std::string_view procedure, const Value& v) {
  if (v.is_date()) return v.as_date();
  if (v.is_string()) {
    Result<Date> d = Date::Parse(v.as_string());
    if (d.ok()) return d;
  }
  return ArgumentError(procedure, "asOf must be a date or 'YYYY-MM-DD'");
}

Result<DegreeDirection> DirectionOf(std::string_view procedure, const Value& v) {
  if (v.is_string() && v.as_string() == "in") return DegreeDirection::kIn;
  if (v.is_string() && v.as_string() == "out") return DegreeDirection::kOut;
  if (v.is_string() && v.as_string() == "both") return DegreeDirection::kBoth;
  return ArgumentError(procedure, "direction must be 'in', 'out' or 'both'");
}

// One config entry into `options`.
Status ApplyKey(std::string_view procedure, const std::string& key, const Value& v,
                AnalysisOptions& options) {
  if (key == "labels") {
    KG_ASSIGN_OR_RETURN(options.filter.labels, StringList(procedure, key, v));
  } else if (key == "types") {
    KG_ASSIGN_OR_RETURN(options.filter.types, StringList(procedure, key, v));
  } else if (key == "asOf") {
    KG_ASSIGN_OR_RETURN(options.filter.as_of, DateOf(procedure, v));
  } else if (key == "iterations") {
    KG_ASSIGN_OR_RETURN(double n, Number(procedure, key, v));
    options.pagerank.iterations = static_cast<int>(n);
  } else if (key == "damping") {
    KG_ASSIGN_OR_RETURN(options.pagerank.damping, Number(procedure, key, v));
  } else if (key == "directed") {
    KG_ASSIGN_OR_RETURN(options.betweenness.directed, Bool(procedure, key, v));
  } else if (key == "normalized") {
    KG_ASSIGN_OR_RETURN(options.betweenness.normalized, Bool(procedure, key, v));
  } else if (key == "direction") {
    KG_ASSIGN_OR_RETURN(options.degree, DirectionOf(procedure, v));
  } else if (key == "seed") {
    KG_ASSIGN_OR_RETURN(double seed, Number(procedure, key, v));
    options.communities.seed = static_cast<uint64_t>(seed);
  } else {
    return ArgumentError(procedure, "unknown config key '" + key + "'");
  }
  return Status::OK();
}

Result<AnalysisOptions> ParseConfig(std::string_view procedure, const std::vector<Value>& args) {
  AnalysisOptions options;
  if (args.empty() || args[0].is_null()) return options;
  if (!args[0].is_map()) return ArgumentError(procedure, "the argument must be a config map");
  for (const auto& [key, v] : args[0].as_map())
    KG_RETURN_IF_ERROR(ApplyKey(procedure, key, v, options));
  return options;
}

std::string ValueColumn(Algorithm algorithm) {
  if (algorithm == Algorithm::kComponents || algorithm == Algorithm::kStrongComponents)
    return "component";
  if (algorithm == Algorithm::kCommunities) return "community";
  return "score";
}

Result<ResultTable> RunProcedure(const OntologyFn& ontology_fn, Algorithm algorithm,
                                 const std::string& name, storage::Transaction& txn,
                                 const std::vector<Value>& args) {
  KG_ASSIGN_OR_RETURN(AnalysisOptions options, ParseConfig(name, args));
  const schema::Ontology* known = ontology_fn ? ontology_fn() : nullptr;
  const schema::Ontology open = known == nullptr ? schema::Ontology::Open() : schema::Ontology();
  const schema::Ontology& ontology = known == nullptr ? open : *known;
  Result<std::vector<NodeScore>> scores = Analyze(txn, ontology, algorithm, options);
  if (!scores.ok()) {
    if (scores.status().code() == StatusCode::kInvalidArgument)
      return ArgumentError(name, scores.status().message());
    return scores.status();
  }
  KG_ASSIGN_OR_RETURN(ResultTable full, ScoresToTable(txn, algorithm, *scores, 0));
  ResultTable table{{"node", ValueColumn(algorithm)}, {}};
  table.rows.reserve(full.rows.size());
  for (auto& row : full.rows) table.rows.push_back({std::move(row[0]), std::move(row[2])});
  return table;
}

}  // namespace

Status RegisterProcedures(const schema::Ontology& ontology, query::ProcedureRegistry* registry) {
  return RegisterProcedures([&ontology] { return &ontology; }, registry);
}

Status RegisterProcedures(OntologyFn ontology, query::ProcedureRegistry* registry) {
  for (Algorithm algorithm :
       {Algorithm::kPageRank, Algorithm::kBetweenness, Algorithm::kDegree, Algorithm::kComponents,
        Algorithm::kStrongComponents, Algorithm::kCommunities}) {
    query::ProcedureDef def;
    def.name = "kg." + std::string(AlgorithmName(algorithm));
    def.columns = {"node", ValueColumn(algorithm)};
    def.min_args = 0;
    def.max_args = 1;
    def.description = "graph analytics (" + std::string(AlgorithmName(algorithm)) +
                      "); optional config map: labels, types, asOf, ...";
    def.fn = [ontology, algorithm, name = def.name](storage::Transaction& txn,
                                                    const std::vector<Value>& args) {
      return RunProcedure(ontology, algorithm, name, txn, args);
    };
    KG_RETURN_IF_ERROR(registry->Register(std::move(def)));
  }
  return Status::OK();
}

}  // namespace kg::analytics
