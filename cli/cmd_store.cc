// The database commands of the kg CLI: init, import, export, stats, get and
// check, each a call of the session layer (api/session.h). Each
// subcommand's callback stores an action in the Context; main()
// runs it after parsing and returns its exit code.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/cli.h"
#include "cli/format.h"
#include "cli/shapes.h"
#include "core/atomic_file.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t kQuoteChars = 100;  // quotes in `get` are cut to this many code points

// Every database command needs --db; its absence is a usage error.
bool HaveDb(const Context& ctx) {
  if (!ctx.db.empty()) return true;
  UsageError("no database given: pass --db DIR or set KG_DB");
  return false;
}

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  char buf[64];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

// `text` cut to `max` code points, the last replaced by "…".
std::string Shorten(std::string_view text, size_t max) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++count == max) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

// Newlines and tabs as spaces, so a quote stays on one terminal line.
std::string OneLine(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return text;
}

// --- init --------------------------------------------------------------------

struct InitArgs {
  std::string ontology = "builtin";
};

int RunInit(const Context& ctx, const InitArgs& args) {
  if (!HaveDb(ctx)) return kExitUsage;
  auto ontology = schema::Ontology::Load(args.ontology);
  if (!ontology.ok()) return Report(ontology.status());
  Status s = session::Session::Create(ctx.db, *ontology);
  if (!s.ok()) return Report(s);
  std::cout << "created kg database " << ctx.db << " (ontology " << ontology->name();
  if (ontology->is_open()) {
    std::cout << ": any label and relationship type";
  } else {
    std::cout << ": " << ontology->kinds().size() << " kinds, " << ontology->relation_types().size()
              << " relation types";
  }
  std::cout << ")\n";
  return kExitOk;
}

// --- import ------------------------------------------------------------------

struct ImportArgs {
  std::vector<std::string> nodes;
  std::vector<std::string> edges;
  bool quiet = false;
  bool append = false;
  std::string sources;  // --sources sources.json (cmd_sources.cc)
};

// A one-line progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
 public:
  ProgressBar() : start_(std::chrono::steady_clock::now()), last_(start_) {}
  void Update(uint64_t rows, uint64_t done, uint64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double pct = total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0;
    int filled = static_cast<int>(pct / 5);
    std::string bar(static_cast<size_t>(std::clamp(filled, 0, 20)), '#');
    bar.resize(20, '.');
    std::fprintf(stderr, "\r[%s] %5.1f%%  %llu rows  %.0f rows/s", bar.c_str(), pct,
                 static_cast<unsigned long long>(rows), secs > 0 ? rows / secs : 0.0);
    std::fflush(stderr);
    drawn_ = true;
  }
  void Clear() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

// Importing the same files twice would hold every entity twice: an import
// into a database that holds anything needs --append.
Status CheckEmpty(session::Session& store, const std::string& db) {
  KG_ASSIGN_OR_RETURN(session::Stats stats, store.GetStats());
  if (stats.entities == 0 && stats.relations == 0) return Status::OK();
  return Status::AlreadyExists(
      "database " + db + " already holds " + std::to_string(stats.entities) + " entities and " +
      std::to_string(stats.relations) +
      " relations; import into a new database, or give --append to add these files to "
      "it (their :IDs then refer only to rows of this import); nothing imported");
}

// The node and edge files' import, into `store`, or into a new database
// made whole at --db when `store` is null; with a progress bar on a terminal.
int ImportGraph(const Context& ctx, const ImportArgs& args, session::Session* store) {
  session::ImportRequest options;
  options.node_files = args.nodes;
  options.edge_files = args.edges;
  ProgressBar bar;
  if (!args.quiet && ::isatty(STDERR_FILENO)) {
    options.progress = [&bar](uint64_t rows, uint64_t done, uint64_t total) {
      bar.Update(rows, done, total);
    };
  }
  auto start = std::chrono::steady_clock::now();
  auto summary = store ? store->Import(options) : session::Session::ImportNew(ctx.db, options);
  bar.Clear();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!summary.ok()) return Report(summary.status());
  if (!args.quiet) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "imported %llu entities, %llu relations in %.2f s\n",
                  static_cast<unsigned long long>(summary->entities),
                  static_cast<unsigned long long>(summary->relations), secs);
    std::cout << buf;
  }
  return kExitOk;
}

int RunImport(const Context& ctx, const ImportArgs& args) {
  if (!HaveDb(ctx)) return kExitUsage;
  if (args.nodes.empty() && args.edges.empty() && args.sources.empty())
    return UsageError("import: give at least one --nodes, --edges or --sources file");
  // Sources are read and checked before anything is written.
  std::vector<session::SourceDocument> sources;
  if (!args.sources.empty()) {
    auto loaded = ReadSourcesFile(args.sources);
    if (!loaded.ok()) return Report(loaded.status());
    sources = std::move(*loaded);
  }
  for (const auto* files : {&args.nodes, &args.edges}) {
    for (const std::string& f : *files) {
      std::error_code ec;
      if (!fs::is_regular_file(f, ec)) return Report(Status::IOError(f + ": no such file"));
    }
  }
  // No database yet: the import builds one (with the built-in ontology) that
  // appears only when the import is complete. With --sources, the new
  // database is created first (atomically, empty) and the sources go in
  // before the graph.
  auto store = OpenSession(ctx, /*read_only=*/false);
  bool fresh = !store.ok() && store.status().code() == StatusCode::kNotFound;
  if (!store.ok() && !fresh) return Report(store.status());
  if (fresh && !sources.empty()) {
    Status created = session::Session::Create(ctx.db, schema::Ontology::Builtin());
    if (!created.ok()) return Report(created);
    store = OpenSession(ctx, /*read_only=*/false);
    if (!store.ok()) return Report(store.status());
    fresh = false;
  }
  if (!fresh && !args.append && !(args.nodes.empty() && args.edges.empty())) {
    Status empty = CheckEmpty(**store, ctx.db);
    if (!empty.ok()) return Report(empty);
  }
  if (!sources.empty()) {
    Status s = (*store)->StoreSources(sources);
    if (!s.ok()) return Report(s);
    if (!args.quiet) std::cout << "stored " << sources.size() << " sources\n";
    if (args.nodes.empty() && args.edges.empty()) return kExitOk;
  }
  return ImportGraph(ctx, args, fresh ? nullptr : store->get());
}

// --- export ------------------------------------------------------------------

struct ExportArgs {
  std::string format;
  std::string output = "-";
  std::string query;  // export only this statement's subgraph ("" = everything)
  ScopeArgs scope;
};

int RunExport(const Context& ctx, const ExportArgs& args) {
  if (!HaveDb(ctx)) return kExitUsage;
  if (Status format = session::Session::CheckExportFormat(args.format); !format.ok())
    return UsageError(format.message());
  if (args.format == "csv" && args.output == "-")
    return UsageError("export --format csv writes a directory: give it with -o DIR");
  Result<session::Scope> scope = ParseScope(args.scope);
  if (!scope.ok()) return UsageError(scope.status());
  auto db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  session::ExportRequest request;
  request.format = args.format;
  request.output = args.output == "-" ? "" : args.output;
  request.query = args.query;
  request.query_options.scope = *scope;
  Result<session::Counts> summary = (*db)->Export(request, &std::cout);
  if (args.output == "-") {
    if (Status flushed = FlushStdout(); summary.ok() && !flushed.ok()) summary = flushed;
  }
  if (!summary.ok()) return Report(summary.status());
  if (args.output != "-") {
    std::cerr << "exported " << summary->entities << " entities, " << summary->relations
              << " relations to " << args.output << "\n";
  }
  return kExitOk;
}

// --- stats -------------------------------------------------------------------

// The topology cache's line of `kg stats`: its budget and whether this
// graph's copy fits in it (docs/storage.md, "Topology cache").
std::string TopologyLine(const session::Stats& stats) {
  std::string line = "topology cache: ";
  if (stats.topology_budget_bytes == 0) return line + "off (--topology-cache-mb 0)\n";
  line += "budget " + HumanBytes(stats.topology_budget_bytes) + ", this graph needs ~" +
          HumanBytes(stats.topology_estimate_bytes);
  if (stats.topology_estimate_bytes > stats.topology_budget_bytes) line += " (over: never copied)";
  return line + "\n";
}

int RunStats(const Context& ctx, const std::string& format_name, bool dates) {
  if (!HaveDb(ctx)) return kExitUsage;
  Result<OutputFormat> format = ParseFormat(format_name);
  if (!format.ok()) return UsageError(format.status());
  auto db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  auto stats = (*db)->GetStats();
  if (!stats.ok()) return Report(stats.status());
  if (dates) {
    Result<ClockSpan> span = (*db)->DateSpan();
    if (!span.ok()) return Report(span.status());
    stats->dates = *span;
  }
  if (*format != OutputFormat::kTable) {
    std::cout << FormatStats(*stats, ctx.db, *format);
    return kExitOk;
  }
  std::cout << "database:       " << ctx.db << "\n"
            << "format version: " << stats->format_version << "\n"
            << "ontology:       " << stats->ontology << "\n"
            << "size on disk:   " << HumanBytes(stats->disk_bytes) << " (" << stats->disk_bytes
            << " bytes)\n"
            << TopologyLine(*stats) << "entities:       " << stats->entities << "\n";
  for (const auto& [label, n] : stats->entities_by_label)
    std::cout << "  " << label << ": " << n << "\n";
  std::cout << "relations:      " << stats->relations << "\n";
  for (const auto& [type, n] : stats->relations_by_type)
    std::cout << "  " << type << ": " << n << "\n";
  if (stats->dates) {
    auto range = [](const DateRange& r) {
      return r.first ? r.first->ToString() + " .. " + r.last->ToString() : std::string("none");
    };
    std::cout << "dated relations: " << stats->dates->dated << "\n"
              << "  valid_from: " << range(stats->dates->valid_from) << "\n"
              << "  valid_to:   " << range(stats->dates->valid_to) << "\n"
              << "  said:       " << range(stats->dates->said) << "\n";
  }
  return kExitOk;
}

// --- get ---------------------------------------------------------------------

struct GetArgs {
  std::string name;
  size_t limit = 20;
  ScopeArgs scope;
  std::string format = "table";
};

std::string DisplayName(const std::optional<Entity>& e, EntityId id) {
  if (!e) return "#" + std::to_string(id) + " (unreadable)";
  if (!e->name().empty()) return std::string(e->name());
  return "#" + std::to_string(id);
}

// "stance 0.8; valid 2025-04-01..2025-07-15; speaker Lei Jun" plus the
// shortened quote on its own line.
std::string RelationDetails(const Relation& r, const std::map<std::string, SourceLabel>& sources) {
  std::vector<std::string> parts;
  if (auto s = r.stance()) parts.push_back("stance " + Value(*s).ToDisplayString());
  auto from = r.valid_from(), to = r.valid_to();
  if (from || to) {
    parts.push_back("valid " + (from ? from->ToString() : std::string("…")) + ".." +
                    (to ? to->ToString() : std::string("…")));
  }
  if (auto d = r.StringProperty(kSpeakerKey); !d.empty())
    parts.push_back("speaker " + std::string(d));
  if (const Value* d = r.Find(kDateKey)) parts.push_back("on " + d->ToDisplayString());
  for (const std::string& id : session::Session::SourceIdsOf(r)) {
    auto it = sources.find(id);
    if (it == sources.end() || it->second.title.empty()) {
      parts.push_back("source " + id);
    } else {  // the title and publisher, as a reader cites it
      parts.push_back("source \"" + Shorten(it->second.title, 60) + "\"" +
                      (it->second.publisher.empty() ? "" : ", " + it->second.publisher));
    }
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  if (!out.empty()) out = "  [" + out + "]";
  if (auto q = r.StringProperty(kQuoteKey); !q.empty())
    out += "\n        \"" + OneLine(Shorten(q, kQuoteChars)) + "\"";
  return out;
}

void PrintProperties(const Entity& e) {
  for (const auto& [key, value] : e.properties) {
    if (key == kNameKey) continue;
    std::cout << "  " << key << ": " << OneLine(value.ToDisplayString()) << "\n";
  }
}

// Grouped by type, outgoing before incoming within a type (the session's
// order), at most `limit` per type with a count of the rest.
void PrintRelations(const session::EntityView& view,
                    const std::map<std::string, SourceLabel>& sources) {
  size_t next = 0;
  for (const auto& [type, count] : view.type_counts) {
    std::cout << "  " << type << " (" << count << ")\n";
    size_t shown = 0;
    for (; next < view.relations.size() && view.relations[next].relation.type == type; ++next) {
      const session::Neighbour& n = view.relations[next];
      EntityId other = n.outgoing ? n.relation.end : n.relation.start;
      std::cout << "    " << (n.outgoing ? "-> " : "<- ") << DisplayName(n.other, other)
                << RelationDetails(n.relation, sources) << "\n";
      ++shown;
    }
    if (shown < count) std::cout << "    … and " << count - shown << " more\n";
  }
}

int RunGet(const Context& ctx, const GetArgs& args) {
  if (!HaveDb(ctx)) return kExitUsage;
  Result<session::Scope> scope = ParseScope(args.scope);
  if (!scope.ok()) return UsageError(scope.status());
  Result<OutputFormat> format = ParseFormat(args.format);
  if (!format.ok()) return UsageError(format.status());
  auto db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  session::LookupLimits limits;
  limits.per_type = args.limit;
  limits.scope = *scope;
  auto found = (*db)->Lookup(args.name, limits);
  if (!found.ok()) return Report(found.status());
  auto sources = (*db)->SourceLabels();
  if (!sources.ok()) return Report(sources.status());
  if (found->empty()) {
    return Report((*db)->NoSuchEntity(args.name));
  }
  if (*format != OutputFormat::kTable) {
    std::cout << FormatEntities(*found, *format);
    return kExitOk;
  }
  for (size_t i = 0; i < found->size(); ++i) {
    const Entity& e = (*found)[i].entity;
    if (i > 0) std::cout << "\n";
    std::string labels;
    for (size_t j = 0; j < e.labels.size(); ++j) labels += (j ? ", " : "") + e.labels[j];
    std::cout << (e.name().empty() ? "#" + std::to_string(e.id) : std::string(e.name())) << "  ("
              << labels << (labels.empty() ? "" : "; ") << "id " << e.id << ")\n";
    PrintProperties(e);
    PrintRelations((*found)[i], *sources);
  }
  return kExitOk;
}

// --- check -------------------------------------------------------------------

int RunCheck(const Context& ctx, bool quotes, bool deep) {
  if (!HaveDb(ctx)) return kExitUsage;
  auto db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  if (deep) {
    if (Status s = (*db)->VerifyChecksums(); !s.ok()) return Report(s);
  }
  auto problems = (*db)->Check();
  if (!problems.ok()) return Report(problems.status());
  if (quotes) {  // every quote verbatim in its source's stored text
    auto bad = (*db)->CheckQuotes();
    if (!bad.ok()) return Report(bad.status());
    problems->insert(problems->end(), bad->begin(), bad->end());
  }
  if (!problems->empty()) {
    for (const std::string& p : *problems) std::cout << p << "\n";
    std::cerr << "kg: check found " << problems->size() << " problem"
              << (problems->size() == 1 ? "" : "s") << "\n";
    return kExitBadInput;
  }
  auto stats = (*db)->GetStats();
  if (!stats.ok()) return Report(stats.status());
  std::cout << "ok: " << stats->entities << " entities, " << stats->relations
            << " relations, no problems" << (deep ? ", every block's checksum verified" : "")
            << "\n";
  return kExitOk;
}

}  // namespace

// Long by design: the storage commands' declarations, one block per command
// (its options and its call), read as the CLI reference is.
void RegisterStoreCommands(CLI::App& app, Context& ctx) {
  auto init = std::make_shared<InitArgs>();
  CLI::App* cmd = app.add_subcommand("init", "create an empty database at --db");
  cmd->add_option("--ontology", init->ontology, "builtin, open, or a JSON ontology file")
      ->capture_default_str();
  cmd->callback([&ctx, init] { ctx.action = [&ctx, init] { return RunInit(ctx, *init); }; });

  auto import = std::make_shared<ImportArgs>();
  cmd = app.add_subcommand("import",
                           "bulk-load Neo4j-admin CSV files (creates the database if needed); "
                           "all or nothing");
  cmd->add_option("--nodes", import->nodes, "node CSV file (repeatable)");
  cmd->add_option("--edges", import->edges, "relationship CSV file (repeatable)");
  cmd->add_flag("--quiet,-q", import->quiet, "no progress bar and no summary");
  cmd->add_flag("--append", import->append, "add to a database that already holds data");
  cmd->add_option("--sources", import->sources,
                  "source records (JSON, as data/sources/sources.json) whose texts lie beside it");
  cmd->callback(
      [&ctx, import] { ctx.action = [&ctx, import] { return RunImport(ctx, *import); }; });

  auto exp = std::make_shared<ExportArgs>();
  cmd = app.add_subcommand(
      "export",
      "write the graph (or a query's subgraph) as csv, jsonl, graphml, gexf, cypher or dot");
  cmd->add_option("--format,-f", exp->format,
                  "csv (a directory), jsonl, graphml, gexf, cypher or dot")
      ->required()
      ->check(CLI::IsMember({"csv", "jsonl", "graphml", "gexf", "cypher", "dot"}));
  cmd->add_option("--query,-q", exp->query,
                  "export only the nodes and relationships this read-only statement returns");
  cmd->add_option("-o,--output", exp->output, "output file or, for csv, directory; - = stdout")
      ->capture_default_str();
  AddScopeOptions(cmd, &exp->scope);
  cmd->callback([&ctx, exp] { ctx.action = [&ctx, exp] { return RunExport(ctx, *exp); }; });

  cmd = app.add_subcommand("stats", "counts by label and type, format version, size, ontology");
  auto stats_format = std::make_shared<std::string>("table");
  auto stats_dates = std::make_shared<bool>(false);
  cmd->add_option("--format", *stats_format, "table, csv, json or jsonl")->capture_default_str();
  cmd->add_flag(
      "--dates", *stats_dates,
      "also the first and last valid_from, valid_to and said date (reads every relation)");
  cmd->callback([&ctx, stats_format, stats_dates] {
    ctx.action = [&ctx, stats_format, stats_dates] {
      return RunStats(ctx, *stats_format, *stats_dates);
    };
  });

  auto get = std::make_shared<GetArgs>();
  cmd = app.add_subcommand("get", "show the entity with this name or alias and its relations");
  cmd->add_option("name", get->name, "name or alias (case-insensitive)")->required();
  cmd->add_option("--limit", get->limit, "relations shown per type (0 = all)")
      ->capture_default_str();
  AddScopeOptions(cmd, &get->scope);
  cmd->add_option("--format", get->format, "table, csv, json or jsonl")->capture_default_str();
  cmd->callback([&ctx, get] { ctx.action = [&ctx, get] { return RunGet(ctx, *get); }; });

  cmd = app.add_subcommand("check", "verify every invariant of the database");
  auto quotes = std::make_shared<bool>(false);
  auto deep = std::make_shared<bool>(false);
  cmd->add_flag("--quotes", *quotes, "also verify every quote against its source's stored text");
  cmd->add_flag("--deep", *deep, "also read every block and verify its checksum");
  cmd->callback([&ctx, quotes, deep] {
    ctx.action = [&ctx, quotes, deep] { return RunCheck(ctx, *quotes, *deep); };
  });
}

}  // namespace kg::cli
