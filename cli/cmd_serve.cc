// `kg serve`: runs the HTTP/JSON and Cap'n Proto RPC server on one database
// until SIGTERM or SIGINT, then lets in-flight requests finish (up to
// --grace seconds) and closes the database cleanly. See docs/server.md.
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "server/server.h"

namespace kg::cli {
namespace {

struct ServeFlags {
  server::ServerOptions options;
  std::string token_file;
  double timeout_seconds = 30;
};

// Blocks SIGTERM/SIGINT in this thread and every thread it starts later, so
// only sigwait() sees them.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int Serve(const Context& ctx, ServeFlags flags) {
  if (ctx.db.empty()) return Report(Status::InvalidArgument("no database given: pass --db DIR"));
  server::ServerOptions& options = flags.options;
  options.db = ctx.db;
  options.topology_cache_bytes = TopologyCacheBytes(ctx);
  options.limits.query_timeout_seconds = flags.timeout_seconds;
  if (!flags.token_file.empty()) {
    auto token = server::ReadTokenFile(flags.token_file);
    if (!token.ok()) return Report(token.status());
    options.token = *token;
  }
  sigset_t stop_signals = BlockStopSignals();
  auto started = server::Server::Start(options);
  if (!started.ok()) return Report(started.status());
  std::unique_ptr<server::Server> srv = std::move(started).value();
  std::cout << "kg: serving " << ctx.db;
  if (srv->http_port() > 0) std::cout << " http=" << srv->http_port();
  if (srv->rpc_port() > 0) std::cout << " rpc=" << srv->rpc_port();
  if (srv->bolt_port() > 0) std::cout << " bolt=" << srv->bolt_port();
  std::cout << (options.token.empty() ? " (writes disabled: no token file)" : "") << std::endl;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "kg: stopping (signal " << signal_number << ")" << std::endl;
  if (!srv->Stop()) {
    // Requests still ran at the grace deadline; they were answered 503.
    // Committed writes are synced, a running write commits whole or not at
    // all, so ending the process now loses nothing acknowledged.
    std::cerr << "kg: requests still running after --grace " << options.shutdown_grace_seconds
              << " s were answered 503 ShuttingDown; exiting" << std::endl;
    std::cout.flush();
    std::_Exit(kExitOk);
  }
  return kExitOk;
}

}  // namespace

void RegisterServeCommands(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "serve the database over HTTP/JSON, Cap'n Proto RPC and (with --bolt) Bolt");
  server::ServerOptions& o = flags->options;
  cmd->add_option("--http", o.http_address, "HTTP listen address HOST:PORT (\"\" disables)")
      ->capture_default_str();
  cmd->add_option("--rpc", o.rpc_address, "RPC listen address HOST:PORT (\"\" disables)")
      ->capture_default_str();
  cmd->add_option("--bolt", o.bolt_address,
                  "Bolt (Neo4j drivers) listen address HOST:PORT, e.g. 127.0.0.1:7687 (\"\": off)")
      ->capture_default_str();
  cmd->add_option("--bolt-connections", o.bolt_connections, "concurrent Bolt connections")
      ->capture_default_str();
  cmd->add_option("--token-file", flags->token_file,
                  "file holding the bearer token; without it, writes are refused");
  cmd->add_flag("--auth-reads", o.auth_reads, "reads need the token too");
  cmd->add_flag("--read-only", o.read_only, "open the database read-only");
  cmd->add_option("--backup-dir", o.backup_dir,
                  "directory where POST /v1/backup adds online backups (token required)");
  cmd->add_flag("--strict", o.strict,
                "notifications (unknown labels, types, property keys, ...) are errors unless a "
                "request says \"strict\": false");
  cmd->add_option("--timeout", flags->timeout_seconds, "query time limit in seconds (0: none)")
      ->capture_default_str();
  cmd->add_option("--max-rows", o.limits.max_rows, "result row limit (0: none)")
      ->capture_default_str();
  cmd->add_option("--max-body", o.limits.max_body_bytes, "HTTP body limit in bytes")
      ->capture_default_str();
  cmd->add_option("--max-memory", o.limits.max_memory_bytes,
                  "bytes one query may hold in rows, sorts, lists (0: none)")
      ->capture_default_str();
  cmd->add_option("--threads", o.http_threads, "concurrent HTTP requests")->capture_default_str();
  cmd->add_option("--max-connections", o.limits.max_connections,
                  "open HTTP connections; more are answered 503")
      ->capture_default_str();
  cmd->add_option("--request-timeout", o.limits.request_timeout_seconds,
                  "seconds a client has to send one request's head and body (then 408)")
      ->capture_default_str();
  cmd->add_option("--grace", o.shutdown_grace_seconds,
                  "seconds SIGTERM waits for running requests (then 503 and exit)")
      ->capture_default_str();
  cmd->add_flag("--allow-remote", o.allow_remote,
                "allow a non-loopback --http/--rpc address (needs --token-file)");
  cmd->callback([&ctx, flags] { ctx.action = [&ctx, flags] { return Serve(ctx, *flags); }; });
}

}  // namespace kg::cli
