// `kg analyze`: graph analytics from the command line.
//   kg analyze pagerank|betweenness|degree|components|scc|communities
//       [--labels L,..] [--types T,..] [--as-of DATE] [--top N]
//       [--format table|csv|json|jsonl] [--write PROPERTY] [algorithm options]
//   kg analyze shortest --from NAME [--to NAME] [--weight hops|confidence|stance]
// Scores are computed by the session layer (analytics/ on a snapshot); --write stores them as node
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

#include "cli/cli.h"
#include "cli/format.h"
#include "cli/shapes.h"

namespace kg::cli {
namespace {

constexpr size_t kDefaultTop = 20;

struct AnalyzeArgs {
  std::string algorithm;
  std::vector<std::string> labels;
  std::vector<std::string> types;
  ScopeArgs scope;
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

analytics::GraphFilter MakeFilter(const AnalyzeArgs& args) {
  return analytics::GraphFilter{args.labels, args.types, {}};
}

// Everything the command line decides, checked before the store opens.
struct Plan {
  OutputFormat format = OutputFormat::kTable;
  std::optional<analytics::Algorithm> algorithm;  // nullopt: shortest
  analytics::AnalysisOptions options;
  analytics::EdgeWeight weight = analytics::EdgeWeight::kHops;
  session::Scope scope;
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
  plan.options.filter = MakeFilter(args);
  KG_ASSIGN_OR_RETURN(plan.scope, ParseScope(args.scope));
  if (args.algorithm == "shortest") {
    KG_RETURN_IF_ERROR(CheckShortestArgs(args));
    KG_ASSIGN_OR_RETURN(plan.weight, analytics::ParseEdgeWeight(args.weight, "--weight"));
    return plan;
  }
  KG_ASSIGN_OR_RETURN(plan.algorithm, analytics::ParseAlgorithm(args.algorithm));
  if (args.write_given) KG_RETURN_IF_ERROR(analytics::CheckScoreProperty(args.write));
  KG_RETURN_IF_ERROR(CheckPageRankArgs(args));
  plan.options.pagerank.damping = args.damping;
  plan.options.pagerank.iterations = args.iterations;
  plan.options.betweenness.directed = args.directed;
  plan.options.betweenness.normalized = !args.raw;
  KG_ASSIGN_OR_RETURN(plan.options.degree,
                      analytics::ParseDegreeDirection(args.direction, "--direction"));
  plan.options.communities.seed = args.seed;
  return plan;
}

// A usage problem (bad option value): reported, exit 2.
int UsageError(const Status& status) {
  Report(status);
  return kExitUsage;
}

// Plain columns in every format (name, label, id, ...; docs/cli.md), so a
// CSV cell never holds a node's JSON.
int Print(const ResultTable& table, OutputFormat format) {
  std::cout << FormatResult(PlainAnalyzeTable(table), format, FormatOptions{});
  return kExitOk;
}

// The session's request from the checked command line.
session::AnalyzeRequest MakeRequest(const AnalyzeArgs& args, const Plan& plan) {
  session::AnalyzeRequest request;
  request.algorithm = plan.algorithm;
  request.options = plan.options;
  request.top = static_cast<size_t>(args.top);
  if (args.write_given) request.write = args.write;
  request.from = args.from;
  request.to = args.to;
  request.weight = plan.weight;
  request.directed = args.directed;
  request.scope = plan.scope;
  return request;
}

int RunAnalyze(const Context& ctx, const AnalyzeArgs& args) {
  Result<Plan> plan = MakePlan(args);
  if (!plan.ok()) return UsageError(plan.status());
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, !args.write_given);
  if (!db.ok()) return Report(db.status());
  analytics::GraphFilter filter = plan->options.filter;  // only checked here
  Status known = (*db)->CanonicalFilter(&filter, "--");
  if (!known.ok()) return UsageError(known);
  Result<session::AnalyzeResult> result = (*db)->Analyze(MakeRequest(args, *plan));
  if (!result.ok()) return Report(result.status());
  if (args.write_given)
    std::cerr << "kg: wrote '" << args.write << "' on " << result->written << " nodes\n";
  return Print(result->table, plan->format);
}

}  // namespace

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
  AddScopeOptions(cmd, &args->scope);
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
