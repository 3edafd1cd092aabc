// The diagram commands of the kg CLI (drawing through viz/):
//   kg render 'CYPHER' -o FILE   every node and relationship in the result
//   kg ego NAME -o FILE          an entity's neighbourhood (BFS over the store)
// Both go through the session layer (api/session.h), which refuses writing
// statements, takes the symmetric relation types from the ontology, sizes
// nodes by a score and writes the file as viz::WriteFileAtomically does
// (nothing is written on error; links are followed, devices and FIFOs
// written into). This file parses options and reports what was written.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/json.h"
#include "viz/render.h"

namespace kg::cli {
namespace {

constexpr int kDefaultEgoDepth = 1;
constexpr int kMaxEgoDepth = 10;
// A ring of more neighbours than this no longer reads at page size.
constexpr size_t kDefaultEgoMaxNodes = 25;
constexpr double kRenderTimeoutSeconds = 60.0;
constexpr const char* kRenderReadOnly =
    "render runs queries read-only; use kg query to change data";

// Options shared by render and ego.
struct DrawArgs {
  std::string output;
  std::string format;
  std::string layout;
  std::string rankdir = "LR";
  std::string title;
  bool no_legend = false;
  bool no_merge = false;
  ScopeArgs scope;
  std::string size_by;
  std::string sources;  // JSON source records naming the footnote's sources
};

struct RenderArgs {
  DrawArgs draw;
  std::string query;
  std::vector<std::string> params;
  std::vector<std::string> diff;  // --diff D1 D2
};

struct EgoArgs {
  DrawArgs draw;
  std::string name;
  int depth = kDefaultEgoDepth;
  std::string types;
  size_t max_nodes = kDefaultEgoMaxNodes;
  bool cross_edges = false;
};

void AddDrawOptions(CLI::App* cmd, DrawArgs* args) {
  cmd->add_option("-o,--output", args->output, "file to write (.svg .png .pdf .dot)")->required();
  cmd->add_option("--format", args->format,
                  "svg, png, pdf, dot, xdot or canvas (default: from the extension)");
  cmd->add_option("--layout", args->layout,
                  "dot, neato, fdp, sfdp or circo (default: dot; neato above " +
                      std::to_string(viz::kDenseGraphNodes) + " nodes or " +
                      std::to_string(viz::kDenseGraphEdges) + " edges; sfdp above " +
                      std::to_string(viz::kLargeGraphNodes) + " nodes)");
  cmd->add_option("--rankdir", args->rankdir, "LR or TB (dot layout)")->capture_default_str();
  cmd->add_option("--title", args->title,
                  "title drawn above the diagram (default: what is drawn; for ego, NAME and "
                  "the types)");
  cmd->add_flag("--no-legend", args->no_legend, "leave out the legend");
  cmd->add_flag("--no-merge", args->no_merge,
                "one edge per relationship (default: parallel ones of a type merge, labelled xN)");
  // --valid-at (and --as-of's valid half) draws relations not valid that
  // day dashed; --known-at and --min-confidence leave relations out.
  AddScopeOptions(cmd, &args->scope);
  cmd->add_option("--size-by", args->size_by,
                  "pagerank, betweenness or degree: node size grows with this score, computed "
                  "over the whole graph");
  cmd->add_option(
      "--sources", args->sources,
      "JSON source records ([{\"file\": ..., \"title\": ..., \"publisher\": ...}], "
      "as data/sources/sources.json): the footnote names sources by title and "
      "publisher (default: the database's source records, else the relations' source values)");
}

// "Title — Publisher" (or the title alone) per source id, from a JSON array
// of records with "file" (or "id"), "title" and "publisher". Records without
// a title are skipped. InvalidArgument naming the file when it cannot be read
// or is not such an array.
Result<std::map<std::string, std::string, std::less<>>> LoadSourceTitles(const std::string& path) {
  std::map<std::string, std::string, std::less<>> titles;
  if (path.empty()) return titles;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("--sources: cannot read '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  Result<Value> parsed = ParseJson(text.str());
  if (!parsed.ok() || !parsed->is_list()) {
    return Status::InvalidArgument("--sources: '" + path +
                                   "' is not a JSON array of source records");
  }
  for (const Value& record : parsed->as_list()) {
    if (!record.is_map()) continue;
    const ValueMap& m = record.as_map();
    auto text_of = [&](const char* key) {
      auto it = m.find(key);
      return it != m.end() && it->second.is_string() ? it->second.as_string() : std::string();
    };
    std::string id = text_of("file").empty() ? text_of("id") : text_of("file");
    std::string title = text_of("title");
    if (id.empty() || title.empty()) continue;
    std::string publisher = text_of("publisher");
    titles[id] = publisher.empty() ? title : title + " \u2014 " + publisher;
  }
  return titles;
}

// The --size-by algorithm, or nullopt when none was asked for. InvalidArgument
// for an unknown name or a grouping (components, communities).
Result<std::optional<analytics::Algorithm>> ParseSizeBy(const std::string& name) {
  if (name.empty()) return std::optional<analytics::Algorithm>();
  Result<analytics::Algorithm> algo = analytics::ParseAlgorithm(name);
  if (!algo.ok() || analytics::IsGrouping(*algo)) {
    return Status::InvalidArgument("--size-by '" + name +
                                   "': expected pagerank, betweenness or degree");
  }
  return std::optional<analytics::Algorithm>(*algo);
}

// The render options from the command line (without symmetric types).
Result<viz::RenderOptions> MakeRenderOptions(const DrawArgs& args) {
  viz::RenderOptions o;
  if (!args.format.empty()) {
    KG_ASSIGN_OR_RETURN(o.format, viz::ParseFormat(args.format));
  } else {
    KG_ASSIGN_OR_RETURN(o.format, viz::FormatFromPath(args.output));
  }
  if (!args.layout.empty()) {
    KG_ASSIGN_OR_RETURN(o.layout, viz::ParseLayout(args.layout));
  }
  KG_ASSIGN_OR_RETURN(o.rankdir, viz::ParseRankDir(args.rankdir));
  o.title = args.title;
  o.legend = !args.no_legend;
  o.merge_parallel = !args.no_merge;
  KG_ASSIGN_OR_RETURN(o.source_titles, LoadSourceTitles(args.sources));
  KG_ASSIGN_OR_RETURN(std::optional<analytics::Algorithm> size_by, ParseSizeBy(args.size_by));
  if (size_by) o.score_name = std::string(analytics::AlgorithmName(*size_by));
  return o;
}

// True when `path` is the file, pipe or terminal that stdout writes to.
bool IsStdout(const std::string& path) {
  struct stat out, file;
  return ::fstat(STDOUT_FILENO, &out) == 0 && ::stat(path.c_str(), &file) == 0 &&
         out.st_dev == file.st_dev && out.st_ino == file.st_ino;
}

// The session's draw request: the render options, the --size-by score, the file.
Result<session::DrawRequest> MakeDrawRequest(const DrawArgs& args) {
  session::DrawRequest request;
  KG_ASSIGN_OR_RETURN(request.render, MakeRenderOptions(args));
  KG_ASSIGN_OR_RETURN(request.size_by, ParseSizeBy(args.size_by));
  request.output = args.output;
  return request;
}

// Tells the user what the session drew and wrote.
int Wrote(const Result<session::Drawing>& drawing, const session::DrawRequest& request,
          const DrawArgs& args) {
  if (!drawing.ok()) return Report(drawing.status());
  const viz::RenderOptions& options = request.render;
  // With -o /dev/stdout (or the file stdout is redirected to) the drawing
  // is the output, so the messages go to stderr.
  std::ostream& say = IsStdout(args.output) ? std::cerr : std::cout;
  const viz::Rendering* r = &drawing->rendering;
  say << "wrote " << args.output << " (" << viz::FormatName(options.format) << ", " << r->nodes
      << " nodes, " << r->edges << " edges, layout " << viz::LayoutName(r->layout) << ")\n";
  if (r->labels_dropped > 0) {
    say << "note: " << r->labels_dropped
        << " edge labels found no spot clear of other edges and were left out (the edge's "
           "tooltip names its relation); --cross-edges off or a smaller --max-nodes helps\n";
  }
  if (r->large) {
    say << "note: more than " << viz::kLargeGraphNodes << " nodes: names shown for the "
        << r->labelled_nodes << " best-connected, edge labels left out"
        << (options.layout ? "" : ", sfdp layout") << "\n";
  }
  return kExitOk;
}

// ---------------------------------------------------------------------------
// kg render

int RunRender(const Context& ctx, const RenderArgs& args) {
  Result<session::DrawRequest> request = MakeDrawRequest(args.draw);
  if (!request.ok()) return UsageError(request.status());
  Result<ValueMap> params = session::ParseParamSpecs(args.params);
  if (!params.ok()) return UsageError(params.status());
  Result<session::Scope> scope = ParseScope(args.draw.scope);
  if (!scope.ok()) return UsageError(scope.status());
  if (!args.diff.empty()) {
    Result<session::DiffWindow> window = session::ParseWindow(
        args.diff[0], args.diff.size() > 1 ? args.diff[1] : "", "--diff D1", "--diff D2");
    if (!window.ok()) return UsageError(window.status());
    request->diff = *window;
  }
  session::CallOptions options;
  options.scope = *scope;
  options.parameters = std::move(params).value();
  options.timeout_seconds = kRenderTimeoutSeconds;
  options.read_only = true;
  options.read_only_reason = kRenderReadOnly;
  // Refused before the database opens, as a writing statement needs no data.
  Result<session::PreparedInfo> info = session::Session::Inspect(args.query, options);
  if (!info.ok()) return Report(info.status());
  if (info->writes) return Report(Status::InvalidArgument(kRenderReadOnly));
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  return Wrote((*db)->Render(args.query, options, *request), *request, args.draw);
}

void RegisterRender(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* cmd = app.add_subcommand(
      "render", "draw every node and relationship a query returns (SVG, PNG, PDF, DOT)");
  cmd->add_option("query", args->query, "the statement, e.g. 'MATCH p=(a)-[r]->(b) RETURN p'")
      ->required();
  cmd->add_option("--param", args->params, "parameter name=JSON, e.g. name='\"NVIDIA\"'");
  cmd->add_option("--diff", args->diff,
                  "D1 D2 (YYYY-MM-DD): colour what changed between the dates, as kg diff: "
                  "added green, ended red and dashed, unchanged grey")
      ->expected(2);
  AddDrawOptions(cmd, &args->draw);
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunRender(ctx, *args); }; });
}

// ---------------------------------------------------------------------------
// kg ego

std::string JoinTypes(const std::vector<std::string>& types) {
  std::string out;
  for (const std::string& t : types) out += (out.empty() ? "" : ",") + t;
  return out;
}

Status CheckEgoArgs(const EgoArgs& args) {
  if (args.depth < 0 || args.depth > kMaxEgoDepth) {
    return Status::InvalidArgument("--depth must be between 0 and " + std::to_string(kMaxEgoDepth));
  }
  if (args.max_nodes < 1 || args.max_nodes > viz::kMaxNodes) {
    return Status::InvalidArgument("--max-nodes must be between 1 and " +
                                   std::to_string(viz::kMaxNodes));
  }
  return Status::OK();
}

int RunEgo(const Context& ctx, const EgoArgs& args) {
  Status checked = CheckEgoArgs(args);
  if (!checked.ok()) return UsageError(checked);
  Result<session::DrawRequest> request = MakeDrawRequest(args.draw);
  if (!request.ok()) return UsageError(request.status());
  Result<session::Scope> scope = ParseScope(args.draw.scope);
  if (!scope.ok()) return UsageError(scope.status());
  session::EgoRequest ego{args.name,      args.depth,       session::SplitNames(args.types),
                          args.max_nodes, args.cross_edges, *scope};
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  Status known = (*db)->CanonicalTypes(&ego.types);
  if (!known.ok()) return UsageError(known.WithPrefix("--types"));
  if (request->render.title.empty()) {
    request->render.title = args.name + ": neighbourhood" +
                            (ego.types.empty() ? std::string() : " (" + JoinTypes(ego.types) + ")");
  }
  Result<session::Drawing> drawing = (*db)->RenderEgo(ego, *request);
  int code = Wrote(drawing, *request, args.draw);
  if (code == kExitOk && drawing->dropped > 0) {
    (IsStdout(args.draw.output) ? std::cerr : std::cout)
        << "note: --max-nodes " << args.max_nodes << " reached: left out " << drawing->dropped
        << " neighbours with the fewest quotes\n";
  }
  return code;
}

void RegisterEgo(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<EgoArgs>();
  CLI::App* cmd = app.add_subcommand("ego", "draw the neighbourhood of an entity found by name");
  cmd->add_option("name", args->name, "canonical name or alias (any case)")->required();
  cmd->add_option("--depth", args->depth, "hops from the entity")->capture_default_str();
  cmd->add_option("--types", args->types,
                  "relation types to follow (any case), e.g. COMPETES_WITH,PARTNERS_WITH");
  cmd->add_option("--max-nodes", args->max_nodes,
                  "largest drawing, the entity included; beyond it the neighbours with the most "
                  "quotes (then the highest confidence) are kept")
      ->capture_default_str();
  cmd->add_flag("--cross-edges", args->cross_edges,
                "also draw the relations among the neighbours (default: only the entity's own, "
                "a star)");
  AddDrawOptions(cmd, &args->draw);
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunEgo(ctx, *args); }; });
}

}  // namespace

void RegisterVizCommands(CLI::App& app, Context& ctx) {
  RegisterRender(app, ctx);
  RegisterEgo(app, ctx);
}

}  // namespace kg::cli
