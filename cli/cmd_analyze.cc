// `kg analyze`: graph analytics from the command line.
//   kg analyze pagerank|betweenness|degree|components|scc|communities
//       [--labels L,..] [--types T,..] [--as-of DATE] [--top N]
//       [--format table|csv|json|jsonl] [--write PROPERTY] [algorithm options]
//   kg analyze shortest --from NAME [--to NAME] [--weight hops|confidence|stance]
// Scores are computed by analytics/ on a snapshot; --write stores them as node
// properties in one write transaction (all nodes or none). Bad option values
// (unknown algorithm, format, direction, weight, date, label or type; a
// reserved --write name) are usage errors, exit 2, checked before anything runs.
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
  int64_t top = kDefaultTop;  // signed so that --top -1 is refused, not wrapped
  std::string format = "table";
  std::string write;
  bool write_given = false;  // --write given, even as ''
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
  KG_ASSIGN_OR_RETURN(filter.as_of, ParseAsOfOption(args.as_of));
  return filter;
}

// Everything the command line decides, checked before the store opens.
struct Plan {
  OutputFormat format = OutputFormat::kTable;
  std::optional<analytics::Algorithm> algorithm;  // nullopt: shortest
  analytics::AnalysisOptions options;
  analytics::EdgeWeight weight = analytics::EdgeWeight::kHops;
};

Status CheckShortestArgs(const AnalyzeArgs& args) {
  if (args.from.empty()) return Status::InvalidArgument("analyze shortest needs --from NAME");
  if (args.write_given)
    return Status::InvalidArgument("--write is not available for analyze shortest");
  return Status::OK();
}

Status CheckPageRankArgs(const AnalyzeArgs& args) {
  if (!(args.damping >= 0.0 && args.damping < 1.0))
    return Status::InvalidArgument("--damping must be in [0, 1), got " +
                                   std::to_string(args.damping));
  if (args.iterations < 1)
    return Status::InvalidArgument("--iterations must be at least 1, got " +
                                   std::to_string(args.iterations));
  return Status::OK();
}

// InvalidArgument for any bad option value (the caller exits 2).
Result<Plan> MakePlan(const AnalyzeArgs& args) {
  Plan plan;
  KG_ASSIGN_OR_RETURN(plan.format, ParseFormat(args.format));
  KG_ASSIGN_OR_RETURN(plan.options.filter, MakeFilter(args));
  if (args.algorithm == "shortest") {
    KG_RETURN_IF_ERROR(CheckShortestArgs(args));
    KG_ASSIGN_OR_RETURN(plan.weight, ParseWeight(args.weight));
    return plan;
  }
  KG_ASSIGN_OR_RETURN(plan.algorithm, analytics::ParseAlgorithm(args.algorithm));
  if (args.write_given) KG_RETURN_IF_ERROR(analytics::CheckScoreProperty(args.write));
  KG_RETURN_IF_ERROR(CheckPageRankArgs(args));
  plan.options.pagerank.damping = args.damping;
  plan.options.pagerank.iterations = args.iterations;
  plan.options.betweenness.directed = args.directed;
  plan.options.betweenness.normalized = !args.raw;
  KG_ASSIGN_OR_RETURN(plan.options.degree, ParseDirection(args.direction));
  plan.options.communities.seed = args.seed;
  return plan;
}

// Labels and types the store's ontology does not know (unless it is open).
Status CheckNames(const schema::Ontology& ontology, const AnalyzeArgs& args) {
  KG_RETURN_IF_ERROR(analytics::CheckLabels(ontology, args.labels).WithPrefix("--labels"));
  return analytics::CheckTypes(ontology, args.types).WithPrefix("--types");
}

// A usage problem (bad option value): reported, exit 2.
int UsageError(const Status& status) {
  Report(status);
  return kExitUsage;
}

int Print(const ResultTable& table, OutputFormat format) {
  std::cout << FormatResult(table, format, FormatOptions{});
  return kExitOk;
}

// Computes scores (and with --write stores them) and returns the table.
Result<ResultTable> RunScores(storage::Store& store, const AnalyzeArgs& args, const Plan& plan) {
  const analytics::Algorithm algorithm = *plan.algorithm;
  const analytics::AnalysisOptions& options = plan.options;
  const size_t top = static_cast<size_t>(args.top);
  if (!args.write_given) {
    std::unique_ptr<storage::Transaction> txn = store.BeginRead();
    KG_ASSIGN_OR_RETURN(auto scores,
                        analytics::Analyze(*txn, store.ontology(), algorithm, options));
    return analytics::ScoresToTable(*txn, algorithm, scores, top);
  }
  KG_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> txn, store.BeginWrite());
  KG_ASSIGN_OR_RETURN(auto scores, analytics::Analyze(*txn, store.ontology(), algorithm, options));
  KG_RETURN_IF_ERROR(analytics::WriteScores(*txn, args.write, algorithm, scores));
  KG_ASSIGN_OR_RETURN(ResultTable table, analytics::ScoresToTable(*txn, algorithm, scores, top));
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
  const size_t top = static_cast<size_t>(args.top);
  if (top != 0 && order.size() > top) order.resize(top);
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
              const AnalyzeArgs& args) {
  if (!view.vertex(from))
    return Status::NotFound("--from: '" + args.from + "' is not in the filtered graph");
  if (!view.vertex(to))
    return Status::NotFound("--to: '" + args.to + "' is not in the filtered graph");
  return Status::NotFound("no path from '" + args.from + "' to '" + args.to + "'" +
                          (args.directed ? " following relation direction" : ""));
}

Result<ResultTable> RunShortest(storage::Store& store, const AnalyzeArgs& args, const Plan& plan) {
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  KG_ASSIGN_OR_RETURN(EntityId from, ResolveName(*txn, "--from", args.from));
  KG_ASSIGN_OR_RETURN(auto view, analytics::GraphView::Build(*txn, store.ontology(),
                                                             plan.options.filter, plan.weight));
  if (args.to.empty()) {
    if (!view.vertex(from))
      return Status::NotFound("--from: '" + args.from + "' is not in the filtered graph");
    return DistanceTable(*txn, view, from, args);
  }
  KG_ASSIGN_OR_RETURN(EntityId to, ResolveName(*txn, "--to", args.to));
  Result<std::vector<analytics::PathStep>> path =
      analytics::ShortestPath(view, from, to, args.directed);
  if (!path.ok()) {
    if (path.status().code() == StatusCode::kNotFound) return NoPath(view, from, to, args);
    return path.status();
  }
  return PathTable(*txn, *path);
}

int RunAnalyze(const Context& ctx, const AnalyzeArgs& args) {
  Result<Plan> plan = MakePlan(args);
  if (!plan.ok()) return UsageError(plan.status());
  Result<std::unique_ptr<storage::Store>> store = OpenStore(ctx, !args.write_given);
  if (!store.ok()) return Report(store.status());
  Status known = CheckNames((*store)->ontology(), args);
  if (!known.ok()) return UsageError(known);
  Result<ResultTable> table =
      plan->algorithm ? RunScores(**store, args, *plan) : RunShortest(**store, args, *plan);
  if (!table.ok()) return Report(table.status());
  return Print(*table, plan->format);
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
  cmd->add_option("--top", args->top, "rows to print, best first (0 = all)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return text.rfind('-', 0) == 0 ? std::string("must be 0 (all) or more") : std::string();
          },
          "N >= 0"))
      ->capture_default_str();
  cmd->add_option("--format", args->format, "table, csv, json or jsonl")->capture_default_str();
  CLI::Option* write =
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
  cmd->callback([&ctx, args, write] {
    args->write_given = write->count() > 0;
    ctx.action = [&ctx, args] { return RunAnalyze(ctx, *args); };
  });
}

}  // namespace kg::cli
