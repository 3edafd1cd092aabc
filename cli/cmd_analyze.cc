// `kg analyze`: graph analytics from the command line.
//   kg analyze pagerank|betweenness|degree|components|scc|communities
//       [--labels L,..] [--types T,..] [--as-of DATE] [--top N]
//       [--format table|csv|json|jsonl] [--write PROPERTY] [algorithm options]
//   kg analyze shortest --from NAME [--to NAME] [--weight hops|confidence|stance]
// Scores are computed by analytics/ on a snapshot; --write stores them as node
// properties in one write transaction (all nodes or none).
#include <algorithm>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analytics/analytics.h"
#include "analytics/procedures.h"
#include "cli/cli.h"
#include "cli/format.h"

namespace kg::cli {
namespace {

constexpr size_t kDefaultTop = 20;

struct AnalyzeArgs {
  std::string algorithm;
  std::vector<std::string> labels;
  std::vector<std::string> types;
  std::string as_of;
  size_t top = kDefaultTop;
  std::string format = "table";
  std::string write;
  std::string direction = "both";
  bool directed = false;
  bool raw = false;  // betweenness without normalisation
  double damping = 0.85;
  int iterations = 20;
  uint64_t seed = 42;
  std::string from;
  std::string to;
  std::string weight = "hops";
};

Result<analytics::DegreeDirection> ParseDirection(const std::string& text) {
  if (text == "in") return analytics::DegreeDirection::kIn;
  if (text == "out") return analytics::DegreeDirection::kOut;
  if (text == "both") return analytics::DegreeDirection::kBoth;
  return Status::InvalidArgument("--direction must be in, out or both, got '" + text + "'");
}

Result<analytics::EdgeWeight> ParseWeight(const std::string& text) {
  if (text == "hops") return analytics::EdgeWeight::kHops;
  if (text == "confidence") return analytics::EdgeWeight::kConfidence;
  if (text == "stance") return analytics::EdgeWeight::kStance;
  return Status::InvalidArgument("--weight must be hops, confidence or stance, got '" + text + "'");
}

Result<analytics::GraphFilter> MakeFilter(const AnalyzeArgs& args) {
  analytics::GraphFilter filter{args.labels, args.types, std::nullopt};
  if (!args.as_of.empty()) {
    Result<Date> day = Date::Parse(args.as_of);
    if (!day.ok()) return day.status().WithPrefix("--as-of");
    filter.as_of = *day;
  }
  return filter;
}

Result<analytics::AnalysisOptions> MakeOptions(const AnalyzeArgs& args) {
  analytics::AnalysisOptions options;
  KG_ASSIGN_OR_RETURN(options.filter, MakeFilter(args));
  options.pagerank.damping = args.damping;
  options.pagerank.iterations = args.iterations;
  options.betweenness.directed = args.directed;
  options.betweenness.normalized = !args.raw;
  KG_ASSIGN_OR_RETURN(options.degree, ParseDirection(args.direction));
  options.communities.seed = args.seed;
  return options;
}

int Print(const ResultTable& table, OutputFormat format) {
  std::cout << FormatResult(table, format, FormatOptions{});
  return kExitOk;
}

// Computes scores (and with --write stores them) and returns the table.
Result<ResultTable> RunScores(storage::Store& store, const AnalyzeArgs& args,
                              analytics::Algorithm algorithm) {
  KG_ASSIGN_OR_RETURN(analytics::AnalysisOptions options, MakeOptions(args));
  if (args.write.empty()) {
    std::unique_ptr<storage::Transaction> txn = store.BeginRead();
    KG_ASSIGN_OR_RETURN(auto scores,
                        analytics::Analyze(*txn, store.ontology(), algorithm, options));
    return analytics::ScoresToTable(*txn, algorithm, scores, args.top);
  }
  KG_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> txn, store.BeginWrite());
  KG_ASSIGN_OR_RETURN(auto scores, analytics::Analyze(*txn, store.ontology(), algorithm, options));
  KG_RETURN_IF_ERROR(analytics::WriteScores(*txn, args.write, algorithm, scores));
  KG_ASSIGN_OR_RETURN(ResultTable table,
                      analytics::ScoresToTable(*txn, algorithm, scores, args.top));
  KG_RETURN_IF_ERROR(txn->Commit());
  std::cerr << "kg: wrote '" << args.write << "' on " << scores.size() << " nodes\n";
  return table;
}

// The one entity whose name or alias is `name`; an exact (case-sensitive)
// name match wins when the case-insensitive lookup finds several.
Result<EntityId> ResolveName(const storage::Transaction& txn, const std::string& option,
                             const std::string& name) {
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, txn.FindByName(name));
  if (ids.empty()) return Status::NotFound(option + ": no entity named '" + name + "'");
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

// Without --to: the nearest nodes, columns node, name, distance.
Result<ResultTable> DistanceTable(const storage::Transaction& txn, const analytics::GraphView& view,
                                  EntityId from, const AnalyzeArgs& args) {
  KG_ASSIGN_OR_RETURN(std::vector<double> distance,
                      analytics::Distances(view, from, args.directed));
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < distance.size(); ++v)
    if (distance[v] != std::numeric_limits<double>::infinity()) order.push_back(v);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return distance[a] < distance[b]; });
  if (args.top != 0 && order.size() > args.top) order.resize(args.top);
  ResultTable table{{"node", "name", "distance"}, {}};
  for (uint32_t v : order) {
    KG_ASSIGN_OR_RETURN(Entity entity, txn.GetEntity(view.id(v)));
    std::string name(entity.name());
    table.rows.push_back({NodeValue(std::move(entity)), Value(name), Value(distance[v])});
  }
  return table;
}

Result<ResultTable> RunShortest(storage::Store& store, const AnalyzeArgs& args) {
  if (args.from.empty()) return Status::InvalidArgument("analyze shortest needs --from NAME");
  if (!args.write.empty())
    return Status::InvalidArgument("--write is not available for analyze shortest");
  KG_ASSIGN_OR_RETURN(analytics::GraphFilter filter, MakeFilter(args));
  KG_ASSIGN_OR_RETURN(analytics::EdgeWeight weight, ParseWeight(args.weight));
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  KG_ASSIGN_OR_RETURN(EntityId from, ResolveName(*txn, "--from", args.from));
  KG_ASSIGN_OR_RETURN(auto view,
                      analytics::GraphView::Build(*txn, store.ontology(), filter, weight));
  if (args.to.empty()) return DistanceTable(*txn, view, from, args);
  KG_ASSIGN_OR_RETURN(EntityId to, ResolveName(*txn, "--to", args.to));
  KG_ASSIGN_OR_RETURN(auto path, analytics::ShortestPath(view, from, to, args.directed));
  return PathTable(*txn, path);
}

int RunAnalyze(const Context& ctx, const AnalyzeArgs& args) {
  Result<OutputFormat> format = ParseFormat(args.format);
  if (!format.ok()) return Report(format.status());
  const bool shortest = args.algorithm == "shortest";
  std::optional<analytics::Algorithm> algorithm;
  if (!shortest) {
    Result<analytics::Algorithm> parsed = analytics::ParseAlgorithm(args.algorithm);
    if (!parsed.ok()) return Report(parsed.status());
    algorithm = *parsed;
  }
  Result<std::unique_ptr<storage::Store>> store = OpenStore(ctx, args.write.empty());
  if (!store.ok()) return Report(store.status());
  Result<ResultTable> table =
      shortest ? RunShortest(**store, args) : RunScores(**store, args, *algorithm);
  if (!table.ok()) return Report(table.status());
  return Print(*table, *format);
}

}  // namespace

query::ProcedureRegistry MakeProcedureRegistry(std::function<const schema::Ontology*()> ontology) {
  query::ProcedureRegistry registry = query::ProcedureRegistry::WithBuiltins();
  // Only fails when a name is taken, which the fixed kg.* names never are here.
  Status registered = analytics::RegisterProcedures(std::move(ontology), &registry);
  if (!registered.ok()) std::cerr << "kg: " << registered.message() << "\n";
  return registry;
}

void RegisterAnalyticsCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "graph analytics: pagerank, betweenness, degree, components, scc, communities, "
      "shortest");
  cmd->add_option("algorithm", args->algorithm,
                  "pagerank|betweenness|degree|components|scc|communities|shortest")
      ->required();
  cmd->add_option("--labels", args->labels, "only nodes with one of these labels")->delimiter(',');
  cmd->add_option("--types", args->types, "only relations of these types")->delimiter(',');
  cmd->add_option("--as-of", args->as_of, "only relations valid on this day (YYYY-MM-DD)");
  cmd->add_option("--top", args->top, "rows to print, best first (0 = all)")->capture_default_str();
  cmd->add_option("--format", args->format, "table, csv, json or jsonl")->capture_default_str();
  cmd->add_option("--write", args->write, "store each node's value as this property");
  cmd->add_option("--direction", args->direction, "degree: in, out or both")->capture_default_str();
  cmd->add_flag("--directed", args->directed,
                "betweenness/shortest: follow relation direction (default: undirected)");
  cmd->add_flag("--raw", args->raw, "betweenness: do not normalise");
  cmd->add_option("--damping", args->damping, "pagerank damping")->capture_default_str();
  cmd->add_option("--iterations", args->iterations, "pagerank iterations")->capture_default_str();
  cmd->add_option("--seed", args->seed, "communities: visiting-order seed")->capture_default_str();
  cmd->add_option("--from", args->from, "shortest: start entity name");
  cmd->add_option("--to", args->to, "shortest: end entity name (omit: distances to all)");
  cmd->add_option("--weight", args->weight, "shortest: hops, confidence or stance")
      ->capture_default_str();
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunAnalyze(ctx, *args); }; });
}

}  // namespace kg::cli
