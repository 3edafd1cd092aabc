// Server: checks the options, opens the database (a session), starts the
// HTTP, RPC and Bolt front ends, stops them in order (fronts first, then the
// database).
#include "server/server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "server/internal/bolt_front.h"
#include "server/internal/cache_warmer.h"
#include "server/internal/http_front.h"
#include "server/internal/options.h"
#include "server/internal/rpc_front.h"
#include "server/internal/service.h"

namespace kg::server {
namespace {

constexpr size_t kMaxTokenFileBytes = 4096;

Status BadFlag(const std::string& flag, const std::string& rule) {
  return Status::InvalidArgument(flag + " " + rule);
}

// Limits that would make the server useless or undefined are refused at
// start rather than discovered by the first client.
Status CheckLimits(const ServerOptions& o) {
  const Limits& l = o.limits;
  if (l.max_body_bytes == 0)
    return BadFlag("--max-body", "must be at least 1 byte (0 would refuse every query)");
  if (o.http_threads < 1) return BadFlag("--threads", "must be at least 1");
  if (o.rpc_workers < 1) return BadFlag("rpc_workers", "must be at least 1");
  if (!std::isfinite(l.query_timeout_seconds) || l.query_timeout_seconds < 0)
    return BadFlag("--timeout", "must be 0 (no limit) or a positive number of seconds");
  if (l.max_connections == 0) return BadFlag("--max-connections", "must be at least 1");
  if (!std::isfinite(l.request_timeout_seconds) || l.request_timeout_seconds <= 0)
    return BadFlag("--request-timeout", "must be a positive number of seconds");
  if (!std::isfinite(o.shutdown_grace_seconds) || o.shutdown_grace_seconds < 0)
    return BadFlag("--grace", "must be 0 or a positive number of seconds");
  if (!o.backup_dir.empty() && o.read_only)
    return BadFlag("--backup-dir",
                   "needs a writable database (a backup pauses file deletions), "
                   "not --read-only");
  if (!o.backup_dir.empty() && o.token.empty())
    return BadFlag("--backup-dir", "needs --token-file: a backup is asked for with the token");
  return Status::OK();
}

// True when some transport listens beyond loopback. A non-loopback address
// needs allow_remote and a token: a server reachable from other hosts is
// never anonymous.
Result<bool> CheckAddresses(const ServerOptions& o) {
  bool remote = false;
  for (const auto& [flag, address] :
       {std::pair<std::string, std::string>{"--http", o.http_address}, {"--rpc", o.rpc_address}}) {
    if (address.empty()) continue;
    KG_ASSIGN_OR_RETURN(auto host_port, internal::ParseAddress(address));
    if (internal::IsLoopbackHost(host_port.first)) continue;
    if (!o.allow_remote)
      return BadFlag(flag, "'" + address +
                               "' is not a loopback address; listening beyond this machine "
                               "needs --allow-remote and --token-file (and a TLS proxy in front)");
    if (o.token.empty())
      return BadFlag(flag, "'" + address + "' is not a loopback address; it needs --token-file");
    remote = true;
  }
  return remote;
}

}  // namespace

namespace internal {

Result<ServerOptions> ResolveOptions(const ServerOptions& requested) {
  KG_RETURN_IF_ERROR(CheckLimits(requested));
  KG_ASSIGN_OR_RETURN(bool remote, CheckAddresses(requested));
  ServerOptions options = requested;
  if (remote) options.auth_reads = true;  // beyond loopback, reads need the token too
  return options;
}

}  // namespace internal

class Server::Impl {
 public:
  Impl(std::unique_ptr<session::Session> session, const ServerOptions& options)
      : options_(options),
        session_(std::move(session)),
        service_(*session_, options),
        http_(service_, options),
        rpc_(service_, options.rpc_workers),
        bolt_(service_, options.bolt_connections, options.limits.max_body_bytes),
        warmer_(*session_) {}

  Status Start() {
    if (!options_.http_address.empty()) KG_RETURN_IF_ERROR(http_.Start(options_.http_address));
    if (!options_.rpc_address.empty()) KG_RETURN_IF_ERROR(rpc_.Start(options_.rpc_address));
    if (!options_.bolt_address.empty()) KG_RETURN_IF_ERROR(bolt_.Start(options_.bolt_address));
    warmer_.Start();  // listening already: the warm-up delays no start
    return Status::OK();
  }

  // HTTP and RPC get the grace (then their running queries are cancelled);
  // Bolt connections then finish the request they run (bounded by the query
  // timeout, or cancelled when the grace is already over), roll back any
  // open transaction and close.
  bool Stop() {
    if (session_ == nullptr) return true;
    warmer_.Stop();
    auto grace = std::chrono::milliseconds(
        static_cast<int64_t>(std::ceil(options_.shutdown_grace_seconds * 1000)));
    auto start = std::chrono::steady_clock::now();
    bool http_done = http_.Stop(grace);
    auto left = grace - std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start);
    bool rpc_done = rpc_.Stop(std::max(left, std::chrono::milliseconds(0)));
    if (std::chrono::steady_clock::now() - start >= grace) service_.CancelQueries();
    bolt_.Stop();
    if (!http_done || !rpc_done) return false;  // requests still use the database
    session_.reset();                           // closes RocksDB
    return true;
  }

  int http_port() const { return http_.port(); }
  int rpc_port() const { return rpc_.port(); }
  internal::Service& service() { return service_; }
  int bolt_port() const { return bolt_.port(); }

 private:
  const ServerOptions options_;
  std::unique_ptr<session::Session> session_;
  internal::Service service_;
  internal::HttpFront http_;
  internal::RpcFront rpc_;
  internal::BoltFront bolt_;
  internal::CacheWarmer warmer_;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  // Requests still running inside the engine use the store and the fronts:
  // leave them to the process's end rather than free what they use.
  if (!Stop()) (void)impl_.release();
}

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& requested) {
  KG_ASSIGN_OR_RETURN(ServerOptions options, internal::ResolveOptions(requested));
  session::OpenOptions open_options;
  open_options.read_only = options.read_only;
  open_options.topology_cache_bytes = options.topology_cache_bytes;
  KG_ASSIGN_OR_RETURN(std::unique_ptr<session::Session> session,
                      session::Session::Open(options.db, open_options));
  auto impl = std::make_unique<Impl>(std::move(session), options);
  Status started = impl->Start();
  if (!started.ok()) {
    impl->Stop();
    return started;
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::http_port() const { return impl_->http_port(); }
int Server::rpc_port() const { return impl_->rpc_port(); }
int Server::bolt_port() const { return impl_->bolt_port(); }

bool Server::Stop() { return impl_ == nullptr || impl_->Stop(); }

void Server::CancelQueries() { impl_->service().CancelQueries(); }

Result<std::string> ReadTokenFile(const std::string& path) {
  auto bad = [&path](const std::string& why) {
    return Status::InvalidArgument("token file '" + path + "' " + why);
  };
  // O_NOFOLLOW and fstat on the opened file: the checks apply to the very
  // file read, not to whatever a path pointed at a moment earlier.
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ELOOP) return bad("is a symbolic link; name the file itself");
  if (fd < 0)
    return Status::IOError("cannot read token file '" + path + "': " + std::strerror(errno));
  struct stat st {};
  std::string content;
  Status status = Status::OK();
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    status = bad("is not a regular file");
  } else if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%03o", static_cast<unsigned>(st.st_mode & 0777));
    status = bad(std::string("has mode ") + mode +
                 "; other users must have no access to it (chmod 600)");
  } else if (st.st_size > static_cast<off_t>(kMaxTokenFileBytes)) {
    status = bad("is over 4 KiB; it should hold only the token");
  } else {
    content.resize(static_cast<size_t>(st.st_size));
    ssize_t n = ::read(fd, content.data(), content.size());
    if (n != st.st_size) status = Status::IOError("cannot read token file '" + path + "'");
  }
  ::close(fd);
  KG_RETURN_IF_ERROR(status);
  // One trailing newline is what `echo TOKEN > FILE` writes.
  if (!content.empty() && content.back() == '\n') content.pop_back();
  if (!content.empty() && content.back() == '\r') content.pop_back();
  if (content.empty()) return bad("is empty");
  for (char c : content) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r') return bad("has more than one line; it must hold one token");
    if (u < 0x20 || u == 0x7f) return bad("has a control character in the token");
  }
  if (content.front() == ' ' || content.back() == ' ' || content.front() == '\t' ||
      content.back() == '\t')
    return bad("has whitespace around the token; remove it (a client would not send it)");
  return content;
}

}  // namespace kg::server
