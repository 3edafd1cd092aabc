// kg: the command-line front end of the kg knowledge-graph engine.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "cli/cli.h"
#include "core/atomic_file.h"

#ifndef KG_VERSION
#define KG_VERSION "dev"
#endif

namespace kg::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kSyntaxError:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kSchemaViolation:
      return kExitBadInput;
    default:
      return kExitIO;
  }
}

int Report(const Status& status) {
  if (!status.ok()) std::cerr << "kg: " << status.message() << "\n";
  return ExitCodeFor(status);
}

void AddScopeOptions(CLI::App* cmd, ScopeArgs* args) {
  cmd->add_option("--valid-at", args->valid_at,
                  "YYYY-MM-DD: only relations that held that day (valid_from..valid_to)");
  cmd->add_option("--known-at", args->known_at,
                  "YYYY-MM-DD: only relations stated on or before that day");
  cmd->add_option("--as-of", args->as_of,
                  "YYYY-MM-DD: both clocks, what was known that day about that day");
  cmd->add_option("--min-confidence", args->min_confidence,
                  "0..1: only relations at least this sure (none given counts as 1)");
}

Result<session::Scope> ParseScope(const ScopeArgs& args) {
  session::Scope scope;
  KG_ASSIGN_OR_RETURN(scope.valid_at, session::ParseDay(args.valid_at, "--valid-at"));
  KG_ASSIGN_OR_RETURN(scope.known_at, session::ParseDay(args.known_at, "--known-at"));
  KG_ASSIGN_OR_RETURN(scope.as_of, session::ParseDay(args.as_of, "--as-of"));
  if (!args.min_confidence.empty()) {
    char* end = nullptr;
    double floor = std::strtod(args.min_confidence.c_str(), &end);
    if (end == args.min_confidence.c_str() || *end != '\0' || !(floor >= 0 && floor <= 1))
      return Status::InvalidArgument("--min-confidence: '" + args.min_confidence +
                                     "' is not a number between 0 and 1");
    scope.min_confidence = floor;
  }
  return scope;
}

int UsageError(const Status& status) { return UsageError(status.message()); }

int UsageError(const std::string& message) {
  std::cerr << "kg: " << message << "\n";
  return kExitUsage;
}

std::optional<size_t> TopologyCacheBytes(const Context& ctx) {
  if (ctx.topology_cache_mb < 0) return std::nullopt;
  return static_cast<size_t>(ctx.topology_cache_mb) << 20;
}

Result<std::unique_ptr<session::Session>> OpenSession(const Context& ctx, bool read_only) {
  if (ctx.db.empty())
    return Status::InvalidArgument("no database given: pass --db DIR or set KG_DB");
  session::OpenOptions options;
  options.read_only = read_only;
  options.busy_timeout = std::chrono::milliseconds(ctx.busy_timeout_ms);
  options.topology_cache_bytes = TopologyCacheBytes(ctx);
  return session::Session::Open(ctx.db, options);
}

}  // namespace kg::cli

namespace {

// The command named on the line (`query` in `kg --db D query ...`): the
// first word that is neither an option of kg itself nor its value. Empty
// when help is asked of kg itself first, so every command is listed.
std::string CommandNamed(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--db" || arg == "--busy-timeout" || arg == "--topology-cache-mb") {
      ++i;  // its value
    } else if (arg.empty() || arg[0] != '-') {
      return std::string(arg);
    } else if (arg == "-h" || arg.starts_with("--help")) {
      return "";
    }
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kg::cli;
  CLI::App app{"kg: an embedded knowledge-graph engine for tracing relationships", "kg"};
  app.set_version_flag("--version", std::string("kg ") + KG_VERSION + " (" + AllocatorName() + ")");
  app.require_subcommand(1);
  app.fallthrough();
  Context ctx;
  app.add_option("--db", ctx.db, "database directory")->envname("KG_DB");
  app.add_option("--busy-timeout", ctx.busy_timeout_ms,
                 "milliseconds a write waits for another process's write lock")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--topology-cache-mb", ctx.topology_cache_mb,
                 "MiB for the in-memory copy of the graph's structure that traversals use "
                 "(0 = off; default 1024)")
      ->envname("KG_TOPOLOGY_CACHE_MB")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 30));

  // Registering every command's options was a fifth of a short command's
  // user-space work (W7, bench/RESULTS.md): the groups are registered in
  // order until the one holding the command named on the line. Help asked
  // of kg itself, or a name no group knows, gets them all.
  const std::string named = CommandNamed(argc, argv);
  for (auto* group : {RegisterStoreCommands, RegisterQueryCommands, RegisterServeCommands,
                      RegisterVizCommands, RegisterAnalyticsCommands, RegisterSourcesCommands,
                      RegisterIngestCommands, RegisterBackupCommands, RegisterTimelineCommands}) {
    group(app, ctx);
    if (!named.empty() &&
        !app.get_subcommands([&named](CLI::App* c) { return c->check_name(named); }).empty())
      break;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (!ctx.action) {
    std::cerr << "kg: no command given; see kg --help\n";
    return kExitUsage;
  }
  int code = ctx.action();
  // Output redirected to a full disk fails at the flush: say so, exit 3.
  kg::Status flushed = kg::FlushStdout();
  return flushed.ok() ? code : Report(flushed);
}
