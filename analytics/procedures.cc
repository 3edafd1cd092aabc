// CALL kg.* procedures: parse the config map, run the analysis on the
// query's transaction and return node/score rows.
#include "analytics/procedures.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>

#include "analytics/analytics.h"

namespace kg::analytics {
namespace {

// The query layer already names the procedure ("ProcedureError: kg.x: ..."),
// so the message only carries the class and the problem.
Status ArgumentError(std::string_view /*procedure*/, const std::string& message) {
  return Status::InvalidArgument("ArgumentError: " + message);
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

std::string NumberText(const Value& v) {
  if (v.is_int()) return std::to_string(v.as_int());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v.as_double());
  return buf;
}

// A whole number in [lo, hi]: no silent truncation of 2.7, no undefined
// cast of 1e10 or -1. Doubles above 2^53 are not exact and are refused.
Result<int64_t> Integer(std::string_view procedure, const std::string& key, const Value& v,
                        int64_t lo, int64_t hi) {
  const std::string range = " in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (!v.is_number()) return ArgumentError(procedure, key + " must be an integer" + range);
  constexpr double kExact = 9007199254740992.0;  // 2^53
  if (v.is_double() &&
      !(std::isfinite(v.as_double()) && std::trunc(v.as_double()) == v.as_double() &&
        std::fabs(v.as_double()) <= kExact))
    return ArgumentError(procedure, key + " must be an integer" + range + ", got " + NumberText(v));
  const int64_t n = v.is_int() ? v.as_int() : static_cast<int64_t>(v.as_double());
  if (n < lo || n > hi)
    return ArgumentError(procedure, key + " must be an integer" + range + ", got " + NumberText(v));
  return n;
}

Result<bool> Bool(std::string_view procedure, const std::string& key, const Value& v) {
  if (!v.is_bool()) return ArgumentError(procedure, key + " must be a boolean");
  return v.as_bool();
}

Result<Date> DateOf(std::string_view procedure, const std::string& key, const Value& v) {
  if (v.is_date()) return v.as_date();
  if (v.is_string()) {
    // Any precision: a month means some day of it (docs/temporal.md).
    Result<Date> d = Date::ParseWithPrecision(v.as_string());
    if (d.ok()) return d;
  }
  return ArgumentError(procedure,
                       key + " must be a date or 'YYYY-MM-DD', 'YYYY-Www', 'YYYY-MM' or 'YYYY'");
}

Result<DegreeDirection> DirectionOf(std::string_view procedure, const Value& v) {
  Result<DegreeDirection> parsed = v.is_string() ? ParseDegreeDirection(v.as_string(), "direction")
                                                 : Status::InvalidArgument("");
  if (parsed.ok()) return parsed;
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
    KG_ASSIGN_OR_RETURN(Date day, DateOf(procedure, key, v));
    options.filter.relations.valid_at = options.filter.relations.known_at = day;
  } else if (key == "validAt") {
    KG_ASSIGN_OR_RETURN(options.filter.relations.valid_at, DateOf(procedure, key, v));
  } else if (key == "knownAt") {
    KG_ASSIGN_OR_RETURN(options.filter.relations.known_at, DateOf(procedure, key, v));
  } else if (key == "minConfidence") {
    KG_ASSIGN_OR_RETURN(double floor, Number(procedure, key, v));
    if (!(floor >= 0 && floor <= 1)) return ArgumentError(procedure, key + " must be in [0, 1]");
    options.filter.relations.min_confidence = floor;
  } else if (key == "iterations") {
    KG_ASSIGN_OR_RETURN(int64_t n,
                        Integer(procedure, key, v, 1, std::numeric_limits<int32_t>::max()));
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
    KG_ASSIGN_OR_RETURN(int64_t seed,
                        Integer(procedure, key, v, 0, std::numeric_limits<int64_t>::max()));
    options.communities.seed = static_cast<uint64_t>(seed);
  } else {
    return ArgumentError(procedure, "unknown config key '" + key + "'");
  }
  return Status::OK();
}

// The statement's relation filter applies; asOf, validAt, knownAt and
// minConfidence in the config map replace its parts.
Result<AnalysisOptions> ParseConfig(std::string_view procedure, const std::vector<Value>& args,
                                    const query::ProcedureContext& context) {
  AnalysisOptions options;
  options.filter.relations = context.relations;
  options.interrupt = [context] { return context.Check(); };
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
                                 const std::vector<Value>& args,
                                 const query::ProcedureContext& context) {
  KG_ASSIGN_OR_RETURN(AnalysisOptions options, ParseConfig(name, args, context));
  const schema::Ontology* known = ontology_fn ? ontology_fn() : nullptr;
  const schema::Ontology open = known == nullptr ? schema::Ontology::Open() : schema::Ontology();
  const schema::Ontology& ontology = known == nullptr ? open : *known;
  Result<std::vector<NodeScore>> scores = Analyze(txn, ontology, algorithm, options);
  if (!scores.ok() && query::IsStopError(scores.status())) return scores.status();
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
    def.arguments = {"config :: MAP"};
    def.description = "graph analytics (" + std::string(AlgorithmName(algorithm)) +
                      "); optional config map: labels, types, asOf, ...";
    def.fn_with_context = [ontology, algorithm, name = def.name](
                              storage::Transaction& txn, const std::vector<Value>& args,
                              const query::ProcedureContext& context) {
      return RunProcedure(ontology, algorithm, name, txn, args, context);
    };
    // For callers that run `fn` directly (no statement context: all dates).
    def.fn = [call = def.fn_with_context](storage::Transaction& txn,
                                          const std::vector<Value>& args) {
      return call(txn, args, query::ProcedureContext{});
    };
    KG_RETURN_IF_ERROR(registry->Register(std::move(def)));
  }
  return Status::OK();
}

}  // namespace kg::analytics
