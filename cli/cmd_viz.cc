// The diagram commands of the kg CLI (drawing through viz/):
//   kg render 'CYPHER' -o FILE   every node and relationship in the result
//   kg ego NAME -o FILE          an entity's neighbourhood (BFS over the store)
// Both open the database read-only (render refuses writing statements before
// opening it), take the symmetric relation types from its ontology, and
// write the file as viz::WriteFileAtomically does (nothing is written on
// error; links are followed, devices and FIFOs written into).
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

#include "analytics/analytics.h"
#include "cli/cli.h"
#include "core/json.h"
#include "query/query.h"
#include "storage/sources.h"
#include "viz/render.h"

namespace kg::cli {
namespace {

constexpr int kDefaultEgoDepth = 1;
constexpr int kMaxEgoDepth = 10;
// A ring of more neighbours than this no longer reads at page size.
constexpr size_t kDefaultEgoMaxNodes = 25;
constexpr double kRenderTimeoutSeconds = 60.0;

// Options shared by render and ego.
struct DrawArgs {
  std::string output;
  std::string format;
  std::string layout;
  std::string rankdir = "LR";
  std::string title;
  bool no_legend = false;
  bool no_merge = false;
  std::string as_of;
  std::string size_by;
  std::string sources;  // JSON source records naming the footnote's sources
};

struct RenderArgs {
  DrawArgs draw;
  std::string query;
  std::vector<std::string> params;
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
  cmd->add_option("--format", args->format, "svg, png, pdf or dot (default: from the extension)");
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
  cmd->add_option("--as-of", args->as_of,
                  "YYYY-MM-DD: relationships not valid on this day are drawn dashed");
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
  KG_ASSIGN_OR_RETURN(o.as_of, ParseAsOfOption(args.as_of));
  o.title = args.title;
  o.legend = !args.no_legend;
  o.merge_parallel = !args.no_merge;
  KG_ASSIGN_OR_RETURN(o.source_titles, LoadSourceTitles(args.sources));
  KG_ASSIGN_OR_RETURN(std::optional<analytics::Algorithm> size_by, ParseSizeBy(args.size_by));
  if (size_by) o.score_name = std::string(analytics::AlgorithmName(*size_by));
  return o;
}

std::set<std::string, std::less<>> SymmetricTypes(const schema::Ontology& ontology) {
  std::set<std::string, std::less<>> types;
  for (const schema::RelationTypeDef& t : ontology.relation_types()) {
    if (t.symmetric) types.insert(t.name);
  }
  return types;
}

// Fills options->node_scores with the --size-by scores of every entity in
// the store (the whole graph, not only the drawn part). Nothing without
// --size-by.
Status AddNodeScores(const storage::Store& store, const DrawArgs& args,
                     viz::RenderOptions* options) {
  KG_ASSIGN_OR_RETURN(std::optional<analytics::Algorithm> algo, ParseSizeBy(args.size_by));
  if (!algo) return Status::OK();
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  KG_ASSIGN_OR_RETURN(auto scores, analytics::ScoresById(*txn, store.ontology(), *algo, {}));
  options->node_scores.clear();
  for (const auto& [id, score] : scores) options->node_scores.emplace(id, score);
  options->score_name = std::string(analytics::AlgorithmName(*algo));
  return Status::OK();
}

// True when `path` is the file, pipe or terminal that stdout writes to.
bool IsStdout(const std::string& path) {
  struct stat out, file;
  return ::fstat(STDOUT_FILENO, &out) == 0 && ::stat(path.c_str(), &file) == 0 &&
         out.st_dev == file.st_dev && out.st_ino == file.st_ino;
}

// Without --sources, the footnote names sources by the title and publisher
// of the database's source records (kg import --sources, kg ingest).
Status AddSourceTitles(const storage::Store& store, viz::RenderOptions* options) {
  if (!options->source_titles.empty()) return Status::OK();
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  KG_ASSIGN_OR_RETURN(auto labels, storage::SourceLabels(*txn));
  for (const auto& [id, label] : labels) {
    if (label.title.empty()) continue;
    options->source_titles[id] =
        label.publisher.empty() ? label.title : label.title + " \u2014 " + label.publisher;
  }
  return Status::OK();
}

// Draws `graph` into the output file and tells the user what was written.
int Draw(const Subgraph& graph, viz::RenderOptions options, const storage::Store& store,
         const DrawArgs& args) {
  options.symmetric_types = SymmetricTypes(store.ontology());
  Status scored = AddNodeScores(store, args, &options);
  if (!scored.ok()) return Report(scored);
  Status titled = AddSourceTitles(store, &options);
  if (!titled.ok()) return Report(titled);
  // With -o /dev/stdout (or the file stdout is redirected to) the drawing
  // is the output, so the messages go to stderr.
  std::ostream& say = IsStdout(args.output) ? std::cerr : std::cout;
  Result<viz::Rendering> r = viz::RenderToFile(graph, options, args.output);
  if (!r.ok()) return Report(r.status());
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

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// "--param name=JSON" values, strictly JSON as in `kg query`.
Result<ValueMap> ParseParams(const std::vector<std::string>& specs) {
  ValueMap params;
  for (const std::string& spec : specs) {
    size_t eq = spec.find('=');
    std::string name = spec.substr(0, eq);
    bool valid = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                 std::all_of(name.begin(), name.end(), IsWordChar);
    if (eq == std::string::npos || !valid) {
      return Status::InvalidArgument("--param '" + spec + "': expected name=JSON, e.g. ids=[1,2]");
    }
    Result<Value> value = ParseJson(spec.substr(eq + 1));
    if (!value.ok()) {
      return Status::InvalidArgument("--param " + name + ": value is not JSON (" +
                                     value.status().message() + "); write strings quoted, e.g. " +
                                     name + "='\"NVIDIA\"'");
    }
    params[name] = std::move(value).value();
  }
  return params;
}

int RunRender(const Context& ctx, const RenderArgs& args) {
  Result<viz::RenderOptions> options = MakeRenderOptions(args.draw);
  if (!options.ok()) return UsageError(options.status());
  Result<ValueMap> params = ParseParams(args.params);
  if (!params.ok()) return UsageError(params.status());
  query::QueryOptions qo;
  qo.parameters = std::move(params).value();
  qo.timeout_seconds = kRenderTimeoutSeconds;
  Result<query::PreparedStatement> statement = query::PreparedStatement::Prepare(args.query, qo);
  if (!statement.ok()) return Report(statement.status());
  if (statement->writes()) {
    return Report(
        Status::InvalidArgument("render runs queries read-only; use kg query to change data"));
  }
  Result<std::unique_ptr<storage::Store>> store = OpenStore(ctx, /*read_only=*/true);
  if (!store.ok()) return Report(store.status());
  Result<ResultTable> table = statement->Execute(**store, qo);
  if (!table.ok()) return Report(table.status());
  Result<Subgraph> collected = query::ResultSubgraph(**store, *table);
  if (!collected.ok()) return Report(collected.status());
  Subgraph graph = std::move(collected).value();
  if (graph.empty()) {
    std::string why = table->rows.empty()
                          ? "the query returned no rows"
                          : "the query returned " + std::to_string(table->rows.size()) +
                                " rows but no nodes, relationships or paths; RETURN them (or a "
                                "path p = (...)-[...]-(...)), not only their properties";
    return Report(Status::InvalidArgument("nothing to draw: " + why + "; no file written"));
  }
  if (options->title.empty()) options->title = viz::DefaultTitle(graph);
  return Draw(graph, *options, **store, args.draw);
}

void RegisterRender(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* cmd = app.add_subcommand(
      "render", "draw every node and relationship a query returns (SVG, PNG, PDF, DOT)");
  cmd->add_option("query", args->query, "the statement, e.g. 'MATCH p=(a)-[r]->(b) RETURN p'")
      ->required();
  cmd->add_option("--param", args->params, "parameter name=JSON, e.g. name='\"NVIDIA\"'");
  AddDrawOptions(cmd, &args->draw);
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunRender(ctx, *args); }; });
}

// ---------------------------------------------------------------------------
// kg ego

std::vector<std::string> SplitTypes(const std::string& text) {
  std::vector<std::string> types;
  std::stringstream in(text);
  std::string t;
  while (std::getline(in, t, ',')) {
    t.erase(0, t.find_first_not_of(' '));
    t.erase(t.find_last_not_of(' ') + 1);
    if (!t.empty()) types.push_back(t);
  }
  return types;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Replaces each --types name by the ontology's spelling of it (names match
// in any case). InvalidArgument listing the known types for an unknown one.
// An open ontology accepts any name as written.
Status CanonicalTypes(const schema::Ontology& ontology, std::vector<std::string>* types) {
  if (ontology.is_open()) return Status::OK();
  for (std::string& t : *types) {
    const schema::RelationTypeDef* found = nullptr;
    for (const auto& def : ontology.relation_types()) {
      if (Upper(def.name) == Upper(t)) found = &def;
    }
    if (found != nullptr) {
      t = found->name;
      continue;
    }
    std::string known;
    for (const auto& def : ontology.relation_types())
      known += (known.empty() ? "" : ", ") + def.name;
    return Status::InvalidArgument("--types: unknown relation type '" + t + "'; known: " + known);
  }
  return Status::OK();
}

std::string JoinTypes(const std::vector<std::string>& types) {
  std::string out;
  for (const std::string& t : types) out += (out.empty() ? "" : ",") + t;
  return out;
}

// The entity called `name`: an exact (case-sensitive) canonical name match
// wins; otherwise the single case-insensitive name/alias match.
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

// The next ring: every node joined to the frontier that has no ring yet.
Status NextRing(const storage::Transaction& txn, const std::set<EntityId>& frontier,
                const std::map<EntityId, int>& ring, const std::vector<std::string>& types,
                Links* links) {
  for (EntityId node : frontier) {
    KG_RETURN_IF_ERROR(
        txn.Expand(node, storage::Direction::kBoth, types, [&](const storage::Edge& e) {
          if (!ring.contains(e.other)) (*links)[e.other].push_back(e.relation);
          return true;
        }));
  }
  return Status::OK();
}

Result<EgoNodes> CollectEgoNodes(const storage::Transaction& txn, EntityId root,
                                 const EgoArgs& args, const std::vector<std::string>& types) {
  EgoNodes result;
  result.ring[root] = 0;
  std::set<EntityId> frontier = {root};
  for (int level = 1; level <= args.depth && !frontier.empty(); ++level) {
    Links links;
    KG_RETURN_IF_ERROR(NextRing(txn, frontier, result.ring, types, &links));
    size_t room = args.max_nodes - result.ring.size();
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
                         const std::vector<std::string>& types, bool cross_edges) {
  Subgraph g;
  std::set<RelationId> rels;
  for (const auto& [id, ring] : nodes.ring) {
    KG_ASSIGN_OR_RETURN(Entity e, txn.GetEntity(id));
    g.nodes.push_back(std::move(e));
    KG_RETURN_IF_ERROR(
        txn.Expand(id, storage::Direction::kOutgoing, types, [&](const storage::Edge& e) {
          auto other = nodes.ring.find(e.other);
          if (other == nodes.ring.end()) return true;
          if (cross_edges || std::abs(other->second - ring) == 1) rels.insert(e.relation);
          return true;
        }));
  }
  for (RelationId id : rels) {
    KG_ASSIGN_OR_RETURN(Relation r, txn.GetRelation(id));
    g.relations.push_back(std::move(r));
  }
  return g;
}

struct Ego {
  Subgraph graph;
  EntityId root = 0;
  size_t dropped = 0;
};

Result<Ego> EgoGraph(const storage::Store& store, const EgoArgs& args,
                     const std::vector<std::string>& types) {
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  Ego ego;
  KG_ASSIGN_OR_RETURN(ego.root, FindEntity(*txn, args.name));
  KG_ASSIGN_OR_RETURN(EgoNodes nodes, CollectEgoNodes(*txn, ego.root, args, types));
  ego.dropped = nodes.dropped;
  KG_ASSIGN_OR_RETURN(ego.graph, LoadEgo(*txn, nodes, types, args.cross_edges));
  return ego;
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
  Result<viz::RenderOptions> options = MakeRenderOptions(args.draw);
  if (!options.ok()) return UsageError(options.status());
  std::vector<std::string> types = SplitTypes(args.types);
  Result<std::unique_ptr<storage::Store>> store = OpenStore(ctx, /*read_only=*/true);
  if (!store.ok()) return Report(store.status());
  Status known = CanonicalTypes((*store)->ontology(), &types);
  if (!known.ok()) return UsageError(known);
  Result<Ego> ego = EgoGraph(**store, args, types);
  if (!ego.ok()) return Report(ego.status());
  if (options->title.empty()) {
    options->title = args.name + ": neighbourhood" +
                     (types.empty() ? std::string() : " (" + JoinTypes(types) + ")");
  }
  options->root = ego->root;
  if (ego->dropped > 0) {
    options->note = std::to_string(ego->dropped) + " more neighbours with fewer quotes not shown";
  }
  bool to_stdout = IsStdout(args.draw.output);
  int code = Draw(ego->graph, *options, **store, args.draw);
  if (code == kExitOk && ego->dropped > 0) {
    (to_stdout ? std::cerr : std::cout)
        << "note: --max-nodes " << args.max_nodes << " reached: left out " << ego->dropped
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
