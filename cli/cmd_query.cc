// The query commands of the kg CLI:
//   kg query   one statement (argument, -f FILE or stdin), printed as table/csv/json/jsonl
//   kg shell   an interactive session (GNU readline, history in ~/.kg_history);
//              with piped stdin it reads statements without prompting
//   kg path    shortest routes between two named entities, each hop with its relations
//              and quotes (Session::FindPaths; shapes in cli/shapes.cc)
// and, from cmd_bench.cc, `kg bench` (the benchmark workloads in one process).
//
// Statements that only read open the database read-only (the session's
// Inspect says whether a statement writes), so they work beside another
// process that holds the write lock. Everything goes through the session
// layer (api/session.h).
#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/format.h"
#include "cli/shapes.h"
#include "core/json.h"

namespace kg::cli {

void RegisterBenchCommand(CLI::App& app, Context& ctx);  // cmd_bench.cc

namespace {

constexpr double kDefaultTimeoutSeconds = 60.0;
constexpr uint64_t kDefaultMaxRows = 1'000'000;
constexpr size_t kDefaultMaxWidth = 60;
constexpr int kDefaultPathHops = 4;

// ---------------------------------------------------------------------------
// Shared helpers

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

Result<std::string> ReadAll(std::istream& in, const std::string& what) {
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + what);
  return buf.str();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open query file '" + path + "'");
  return ReadAll(in, path);
}

// ---------------------------------------------------------------------------
// kg query

struct QueryArgs {
  std::string text;
  std::string file;
  std::vector<std::string> params;
  std::string format = "table";
  double timeout = kDefaultTimeoutSeconds;
  uint64_t max_rows = kDefaultMaxRows;
  uint64_t max_memory = session::CallOptions().max_memory_bytes;
  size_t max_width = kDefaultMaxWidth;
  ScopeArgs scope;
  bool strict = false;
};

// Notifications (session::Notification) go to stderr, one "warning:" line
// each, whatever the format.
void PrintWarnings(const std::vector<session::Notification>& notifications) {
  for (const session::Notification& n : notifications)
    std::cerr << "warning: " << session::NotificationLine(n) << "\n";
}

// The result as `format` prints it. json also carries the notifications
// and the update counters (session::QueryResultJson); a table ends with
// what the statement changed ("Created 1 node, set 2 properties"); csv and
// jsonl keep only rows (their notifications are on stderr).
std::string FormatQueryResult(const session::QueryResult& result, OutputFormat format,
                              const FormatOptions& options) {
  if (format == OutputFormat::kJson) return session::QueryResultJson(result) + "\n";
  std::string out = FormatResult(result.table, format, options);
  if (format == OutputFormat::kTable && result.counters.contains_updates())
    out += UpdateCountersText(result.counters) + "\n";
  return out;
}

// The statement from the argument, -f FILE, or stdin ("-" or no argument
// with a non-terminal stdin). Usage error (exit 2) when there is none.
Result<std::string> StatementText(const QueryArgs& args, bool* usage_error) {
  *usage_error = false;
  if (!args.file.empty() && !args.text.empty()) {
    *usage_error = true;
    return Status::InvalidArgument("give the query either as an argument or with -f, not both");
  }
  std::string text = args.text;
  if (!args.file.empty()) {
    KG_ASSIGN_OR_RETURN(text, ReadFile(args.file));
  } else if (args.text == "-" || (args.text.empty() && !isatty(STDIN_FILENO))) {
    KG_ASSIGN_OR_RETURN(text, ReadAll(std::cin, "stdin"));
  }
  // Trailing blanks and one final ';' are not part of the statement.
  size_t end = text.find_last_not_of(" \t\r\n");
  text.resize(end == std::string::npos ? 0 : end + 1);
  if (!text.empty() && text.back() == ';') text.pop_back();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    *usage_error = true;
    return Status::InvalidArgument(
        "no query given: pass it as an argument, with -f FILE or on stdin");
  }
  return text;
}

// Runs `text` on the database of `ctx`: inspected first (syntax and
// semantic errors need no database), then run on a database opened
// read-only unless the statement writes.
Result<session::QueryResult> RunOnDatabase(const Context& ctx, const std::string& text,
                                           const session::CallOptions& options) {
  KG_ASSIGN_OR_RETURN(session::PreparedInfo info, session::Session::Inspect(text, options));
  KG_ASSIGN_OR_RETURN(auto db, OpenSession(ctx, !info.writes));
  return db->Run(text, options);
}

int RunQueryCommand(const Context& ctx, const QueryArgs& args) {
  bool usage_error = false;
  Result<std::string> text = StatementText(args, &usage_error);
  if (!text.ok()) {
    int code = Report(text.status());
    return usage_error ? kExitUsage : code;
  }
  Result<OutputFormat> format = ParseFormat(args.format);
  Result<ValueMap> params = session::ParseParamSpecs(args.params);
  if (!format.ok() || !params.ok()) {
    Report(format.ok() ? params.status() : format.status());
    return kExitUsage;
  }
  session::CallOptions options;
  Result<session::Scope> scope = ParseScope(args.scope);
  if (!scope.ok()) return UsageError(scope.status());
  options.scope = *scope;
  options.parameters = std::move(params).value();
  options.timeout_seconds = args.timeout;
  options.max_rows = args.max_rows;
  options.max_memory_bytes = args.max_memory;
  if (!args.file.empty()) options.source_name = args.file;  // errors at FILE:LINE:COL
  options.strict = args.strict;
  auto start = std::chrono::steady_clock::now();
  Result<session::QueryResult> result = RunOnDatabase(ctx, *text, options);
  if (!result.ok()) return Report(result.status());
  FormatOptions fo;
  fo.max_width = args.max_width;
  fo.elapsed_ms = MillisSince(start);
  PrintWarnings(result->notifications);
  std::cout << FormatQueryResult(*result, *format, fo) << std::flush;
  return std::cout.good() ? kExitOk : kExitIO;
}

void RegisterQuery(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand("query", "run one statement and print its result");
  cmd->add_option("query", args->text, "the statement ('-' or omitted: read stdin)");
  cmd->add_option("-f,--file", args->file, "read the statement from FILE");
  cmd->add_option("--param", args->params, "parameter name=JSON, e.g. ids=[1,2] (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--format", args->format, "table, csv, json or jsonl")->capture_default_str();
  cmd->add_flag("--strict", args->strict,
                "warnings (unknown labels, types, property keys, ...) are errors");
  cmd->add_option("--timeout", args->timeout, "seconds before the statement is stopped (0 = none)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-rows", args->max_rows, "largest result allowed")->capture_default_str();
  cmd->add_option("--max-memory", args->max_memory,
                  "bytes the statement may hold in rows, sorts, lists (0 = no limit)")
      ->capture_default_str();
  cmd->add_option("--max-width", args->max_width, "table: characters per cell (0 = no limit)")
      ->capture_default_str();
  AddScopeOptions(cmd, &args->scope);
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return RunQueryCommand(ctx, *args); }; });
}

// ---------------------------------------------------------------------------
// kg shell

class LineReader {
 public:
  LineReader() : interactive_(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
    if (!interactive_) return;
    const char* home = std::getenv("HOME");
    if (home != nullptr) history_ = std::string(home) + "/.kg_history";
    using_history();
    if (!history_.empty()) read_history(history_.c_str());
  }
  ~LineReader() {
    if (interactive_ && !history_.empty()) write_history(history_.c_str());
  }
  bool interactive() const { return interactive_; }

  // The next line, or nullopt at end of input.
  std::optional<std::string> Read(bool continuation) {
    if (!interactive_) {
      std::string line;
      if (!std::getline(std::cin, line)) return std::nullopt;
      return line;
    }
    char* raw = readline(continuation ? "  ...> " : "kg> ");
    if (raw == nullptr) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    if (!line.empty()) add_history(line.c_str());
    return line;
  }

 private:
  bool interactive_;
  std::string history_;
};

struct ShellState {
  session::Session* db = nullptr;
  OutputFormat format = OutputFormat::kTable;
  bool timing = true;
  size_t max_width = kDefaultMaxWidth;
  double timeout = kDefaultTimeoutSeconds;
  session::Scope scope;
  bool strict = false;
  int errors = 0;
  bool quit = false;
};

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

void ShellError(ShellState& st, const std::string& message) {
  ++st.errors;
  std::cerr << "error: " << message << "\n";
}

void PrintSchema(ShellState& st) {
  Result<session::Stats> stats = st.db->GetStats();
  if (!stats.ok()) return ShellError(st, stats.status().message());
  std::cout << "Labels (" << stats->entities << " entities):\n";
  for (const auto& [label, n] : stats->entities_by_label)
    std::cout << "  " << label << "  " << n << "\n";
  std::cout << "Relation types (" << stats->relations << " relations):\n";
  for (const auto& [type, n] : stats->relations_by_type)
    std::cout << "  " << type << "  " << n << "\n";
  const schema::Ontology& ont = st.db->ontology();
  std::cout << "Ontology: " << ont.name() << (ont.is_open() ? " (any label and type)" : "") << "\n";
  if (!ont.kinds().empty()) {
    std::cout << "  kinds:";
    for (const auto& k : ont.kinds()) std::cout << " " << k.name;
    std::cout << "\n";
  }
  for (const auto& t : ont.relation_types()) {
    std::string join = t.symmetric ? " -- " : " -> ";
    std::cout << "  " << t.name << ": ";
    for (size_t i = 0; i < t.from.size(); ++i) std::cout << (i ? "|" : "") << t.from[i];
    std::cout << join;
    for (size_t i = 0; i < t.to.size(); ++i) std::cout << (i ? "|" : "") << t.to[i];
    if (t.symmetric) std::cout << " (symmetric)";
    if (t.stance) std::cout << " (stance)";
    std::cout << "\n";
  }
}

constexpr const char* kShellHelp =
    "Statements end with ';' and may span lines. Commands:\n"
    "  :help                          this text\n"
    "  :schema                        labels, relation types with counts, the ontology\n"
    "  :format table|csv|json|jsonl   output format\n"
    "  :timing on|off                 show the time of each statement\n"
    "  :valid-at YYYY-MM-DD|off       follow only relationships valid on that day\n"
    "  :known-at YYYY-MM-DD|off       follow only relationships stated by that day\n"
    "  :as-of YYYY-MM-DD|off          both clocks: what was known that day about that day\n"
    "  :min-confidence X|off          follow only relationships at least X sure (0..1)\n"
    "  :strict on|off                 warnings (unknown names, ...) are errors\n"
    "  :quit                          leave (also Ctrl-D)\n";

void ShellCommand(ShellState& st, const std::string& line) {
  std::istringstream words(line);
  std::string cmd, arg;
  words >> cmd >> arg;
  if (cmd == ":help") {
    std::cout << kShellHelp;
  } else if (cmd == ":quit" || cmd == ":exit" || cmd == ":q") {
    st.quit = true;
  } else if (cmd == ":schema") {
    PrintSchema(st);
  } else if (cmd == ":format") {
    Result<OutputFormat> f = ParseFormat(arg);
    if (!f.ok()) return ShellError(st, f.status().message());
    st.format = *f;
  } else if (cmd == ":timing" && (arg == "on" || arg == "off")) {
    st.timing = arg == "on";
  } else if (cmd == ":valid-at" || cmd == ":known-at" || cmd == ":as-of" ||
             cmd == ":min-confidence") {
    ScopeArgs one;
    if (arg != "off")
      (cmd == ":valid-at"   ? one.valid_at
       : cmd == ":known-at" ? one.known_at
       : cmd == ":as-of"    ? one.as_of
                            : one.min_confidence) = arg;
    Result<session::Scope> parsed = ParseScope(one);
    if (arg.empty()) parsed = Status::InvalidArgument("give a value or 'off'");
    if (!parsed.ok()) return ShellError(st, parsed.status().WithPrefix(cmd).message());
    if (cmd == ":valid-at") st.scope.valid_at = parsed->valid_at;
    if (cmd == ":known-at") st.scope.known_at = parsed->known_at;
    if (cmd == ":as-of") st.scope.as_of = parsed->as_of;
    if (cmd == ":min-confidence") st.scope.min_confidence = parsed->min_confidence;
  } else if (cmd == ":strict" && (arg == "on" || arg == "off")) {
    st.strict = arg == "on";
  } else {
    ShellError(st, "unknown command '" + line + "'; see :help");
  }
}

void ShellStatement(ShellState& st, const std::string& text) {
  session::CallOptions options;
  options.timeout_seconds = st.timeout;
  options.scope = st.scope;
  options.strict = st.strict;
  auto start = std::chrono::steady_clock::now();
  Result<session::QueryResult> result = st.db->Run(text, options);
  if (!result.ok()) return ShellError(st, result.status().message());
  FormatOptions fo;
  fo.max_width = st.max_width;
  if (st.timing) fo.elapsed_ms = MillisSince(start);
  std::cout << std::flush;
  PrintWarnings(result->notifications);
  std::cout << FormatQueryResult(*result, st.format, fo);
  if (st.timing && st.format != OutputFormat::kTable) {
    std::cerr << "(" << static_cast<long>(*fo.elapsed_ms + 0.5) << " ms)\n";
  }
  std::cout << std::flush;
}

// Writable when possible; read-only (with a note) when another process holds the lock.
Result<std::unique_ptr<session::Session>> OpenForShell(const Context& ctx) {
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, false);
  if (db.ok() || db.status().code() != StatusCode::kIOError) return db;
  std::cerr << "note: " << db.status().message() << "; opened read-only\n";
  return OpenSession(ctx, true);
}

int RunShell(const Context& ctx, ShellState st) {
  Result<std::unique_ptr<session::Session>> db = OpenForShell(ctx);
  if (!db.ok()) return Report(db.status());
  st.db = db->get();
  LineReader reader;
  if (reader.interactive()) std::cout << "kg shell; statements end with ';', :help for help\n";
  std::string buffer;
  while (!st.quit) {
    std::optional<std::string> line = reader.Read(!buffer.empty());
    if (!line) break;
    std::string trimmed = Trim(*line);
    if (buffer.empty() && trimmed.starts_with(":")) {
      ShellCommand(st, trimmed);
      continue;
    }
    if (trimmed.empty() && buffer.empty()) continue;
    buffer += *line + "\n";
    if (trimmed.ends_with(";")) {
      std::string statement = Trim(buffer);
      statement.pop_back();
      buffer.clear();
      if (!Trim(statement).empty()) ShellStatement(st, statement);
    }
  }
  if (!Trim(buffer).empty()) ShellStatement(st, Trim(buffer));
  // A piped session reports whether every statement succeeded.
  return reader.interactive() || st.errors == 0 ? kExitOk : kExitBadInput;
}

void RegisterShell(CLI::App& app, Context& ctx) {
  auto st = std::make_shared<ShellState>();
  auto format = std::make_shared<std::string>("table");
  auto scope = std::make_shared<ScopeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "shell", "interactive session; with piped stdin runs the statements (exit 1 if any failed)");
  cmd->add_option("--format", *format, "table, csv, json or jsonl")->capture_default_str();
  cmd->add_option("--timeout", st->timeout, "seconds per statement (0 = none)")
      ->capture_default_str();
  cmd->add_option("--max-width", st->max_width, "table: characters per cell")
      ->capture_default_str();
  AddScopeOptions(cmd, scope.get());
  cmd->add_flag("--strict", st->strict,
                "warnings (unknown labels, types, property keys, ...) are errors");
  cmd->callback([&ctx, st, format, scope] {
    ctx.action = [&ctx, st, format, scope] {
      Result<OutputFormat> f = ParseFormat(*format);
      if (!f.ok()) return UsageError(f.status());
      st->format = *f;
      Result<session::Scope> parsed = ParseScope(*scope);
      if (!parsed.ok()) return UsageError(parsed.status());
      st->scope = *parsed;
      return RunShell(ctx, *st);
    };
  });
}

// ---------------------------------------------------------------------------
// kg path

struct PathArgs {
  std::string from, to;
  int max_hops = kDefaultPathHops;
  std::vector<std::string> types;
  bool all = false;
  ScopeArgs scope;
  std::string format = "table";
};

// The routes between two named entities through the session (which
// groups parallel relations per hop), in the chosen format.
int RunPath(const Context& ctx, const PathArgs& args) {
  if (args.max_hops < 1) return UsageError("--max must be at least 1");
  Result<OutputFormat> format = ParseFormat(args.format);
  if (!format.ok()) return UsageError(format.status());
  Result<session::Scope> scope = ParseScope(args.scope);
  if (!scope.ok()) return UsageError(scope.status());
  session::CallOptions options;
  options.scope = *scope;
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, true);
  if (!db.ok()) return Report(db.status());
  session::PathRequest request{args.from, args.to, args.max_hops, args.types, args.all};
  // An unknown relation type is a usage error, as in ego and analyze.
  if (Status types = (*db)->CanonicalTypes(&request.types).WithPrefix("--types"); !types.ok())
    return UsageError(types);
  Result<session::PathResult> paths = (*db)->FindPaths(request, options);
  if (!paths.ok()) return Report(paths.status());
  for (const auto& [name, found] :
       {std::pair{&args.from, &paths->from}, std::pair{&args.to, &paths->to}}) {
    if (found->size() < 2) continue;
    std::cerr << "note: '" << *name << "' matches " << found->size() << " entities:";
    for (const Entity& e : *found)
      std::cerr << " " << e.name() << " (" << (e.labels.empty() ? "?" : e.labels[0]) << ")";
    std::cerr << "; using all of them\n";
  }
  std::cout << FormatPaths(request, *paths, (*db)->ontology(), *format) << std::flush;
  return std::cout.good() ? kExitOk : kExitIO;
}

void RegisterPath(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PathArgs>();
  CLI::App* cmd = app.add_subcommand("path", "shortest paths between two named entities");
  cmd->add_option("from", args->from, "name or alias of the first entity")->required();
  cmd->add_option("to", args->to, "name or alias of the second entity")->required();
  cmd->add_option("--max", args->max_hops, "most hops")->capture_default_str();
  cmd->add_option("--types", args->types, "only these relation types (T1,T2,...)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_flag("--all", args->all, "every shortest route, parallel relations grouped per hop");
  cmd->add_option("--format", args->format, "table, csv, json or jsonl")->capture_default_str();
  AddScopeOptions(cmd, &args->scope);
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunPath(ctx, *args); }; });
}

}  // namespace

void RegisterQueryCommands(CLI::App& app, Context& ctx) {
  RegisterQuery(app, ctx);
  RegisterShell(app, ctx);
  RegisterPath(app, ctx);
  RegisterBenchCommand(app, ctx);
}

}  // namespace kg::cli
