// kg: the command-line front end of the kg knowledge-graph engine.
#include <cstdio>
#include <iostream>

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

Result<std::optional<Date>> ParseAsOfOption(const std::string& text) {
  return session::ParseDay(text, "--as-of");
}

int UsageError(const Status& status) { return UsageError(status.message()); }

int UsageError(const std::string& message) {
  std::cerr << "kg: " << message << "\n";
  return kExitUsage;
}

Result<std::unique_ptr<session::Session>> OpenSession(const Context& ctx, bool read_only) {
  if (ctx.db.empty())
    return Status::InvalidArgument("no database given: pass --db DIR or set KG_DB");
  session::OpenOptions options;
  options.read_only = read_only;
  options.busy_timeout = std::chrono::milliseconds(ctx.busy_timeout_ms);
  return session::Session::Open(ctx.db, options);
}

}  // namespace kg::cli

int main(int argc, char** argv) {
  using namespace kg::cli;
  CLI::App app{"kg: an embedded knowledge-graph engine for tracing relationships", "kg"};
  app.set_version_flag("--version", std::string("kg ") + KG_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  Context ctx;
  app.add_option("--db", ctx.db, "database directory")->envname("KG_DB");
  app.add_option("--busy-timeout", ctx.busy_timeout_ms,
                 "milliseconds a write waits for another process's write lock")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();

  RegisterStoreCommands(app, ctx);
  RegisterQueryCommands(app, ctx);
  RegisterServeCommands(app, ctx);
  RegisterVizCommands(app, ctx);
  RegisterAnalyticsCommands(app, ctx);
  RegisterSourcesCommands(app, ctx);
  RegisterIngestCommands(app, ctx);
  RegisterBackupCommands(app, ctx);

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
