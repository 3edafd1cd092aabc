// Shared plumbing of the kg command line: global options, opening the
// database, and turning a Status into a message and an exit code.
//
// Exit codes: 0 ok, 1 bad input or query, 2 usage, 3 I/O or internal error.
// Messages go to stderr as "kg: <message>".
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/session.h"
#include "core/date.h"
#include "core/result.h"

namespace kg::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitIO = 3;

struct Context {
  std::string db;              // --db DIR or $KG_DB
  int busy_timeout_ms = 5000;  // --busy-timeout: how long a writer waits for the write lock
  // --topology-cache-mb or $KG_TOPOLOGY_CACHE_MB: the topology cache's
  // budget in MiB (0 = off); -1 keeps the store's default.
  int64_t topology_cache_mb = -1;
  std::function<int()> action;  // set by the chosen subcommand's callback
};

// Prints "kg: <message>" on stderr and returns the exit code for the status
// (0 for OK, 1 for input/query/schema errors, 3 for I/O, corruption, internal).
// The allocator the executable runs on ("jemalloc 5.3.0" or "glibc
// malloc"), as `kg --version` shows it (cli/allocator.cc).
std::string AllocatorName();

int Report(const Status& status);

// A usage problem (bad option or argument value): prints "kg: <message>"
// and returns the usage exit code, 2.
int UsageError(const Status& status);
int UsageError(const std::string& message);

// --valid-at, --known-at, --as-of and --min-confidence as given (""
// = not given): which relations a command follows (session::Scope).
struct ScopeArgs {
  std::string valid_at, known_at, as_of, min_confidence;
};
// Adds the four options to `cmd`; `what` ends their help ("follow", "draw").
void AddScopeOptions(CLI::App* cmd, ScopeArgs* args);
// The scope the options ask for; InvalidArgument naming the option for a
// date that is not YYYY-MM-DD or a confidence outside [0, 1].
Result<session::Scope> ParseScope(const ScopeArgs& args);

// The exit code a status maps to, without printing.
int ExitCodeFor(const Status& status);

// Opens the database named by --db/KG_DB as a session (the CLI's only way
// to the engine). InvalidArgument when none was given.
Result<std::unique_ptr<session::Session>> OpenSession(const Context& ctx, bool read_only);
// The topology cache budget the command line asked for, in bytes; nullopt
// when it asked for none (the store's default).
std::optional<size_t> TopologyCacheBytes(const Context& ctx);

// Each group of subcommands lives in its own file and registers itself here.
void RegisterStoreCommands(CLI::App& app, Context& ctx);      // init import export stats get check
void RegisterQueryCommands(CLI::App& app, Context& ctx);      // query shell path
void RegisterServeCommands(CLI::App& app, Context& ctx);      // serve
void RegisterVizCommands(CLI::App& app, Context& ctx);        // render ego
void RegisterAnalyticsCommands(CLI::App& app, Context& ctx);  // analyze
void RegisterSourcesCommands(CLI::App& app, Context& ctx);    // sources (cmd_sources.cc)
void RegisterIngestCommands(CLI::App& app, Context& ctx);     // ingest (cmd_ingest.cc)
void RegisterTimelineCommands(CLI::App& app, Context& ctx);   // timeline diff (cmd_timeline.cc)

// The source documents named by `kg import --sources FILE.json`
// (cmd_sources.cc): records as in data/sources/sources.json, each text read
// from its "file" beside the JSON and checked against its "sha256".
Result<std::vector<session::SourceDocument>> ReadSourcesFile(const std::string& path);
void RegisterBackupCommands(CLI::App& app, Context& ctx);  // backup restore

}  // namespace kg::cli
