// Server: opens the database (a session), starts the HTTP and RPC front ends, stops them
// in order (fronts first, then the database).
#include "server/server.h"

#include <fstream>
#include <sstream>

#include "server/internal/http_front.h"
#include "server/internal/rpc_front.h"
#include "server/internal/service.h"

namespace kg::server {

class Server::Impl {
 public:
  Impl(std::unique_ptr<session::Session> session, const ServerOptions& options)
      : session_(std::move(session)),
        service_(*session_, options),
        http_(service_, options.http_threads),
        rpc_(service_, options.rpc_workers) {}

  Status Start(const ServerOptions& options) {
    if (!options.http_address.empty()) KG_RETURN_IF_ERROR(http_.Start(options.http_address));
    if (!options.rpc_address.empty()) KG_RETURN_IF_ERROR(rpc_.Start(options.rpc_address));
    return Status::OK();
  }

  void Stop() {
    http_.Stop();
    rpc_.Stop();
    session_.reset();  // closes the database once no request uses it
  }

  int http_port() const { return http_.port(); }
  int rpc_port() const { return rpc_.port(); }

 private:
  std::unique_ptr<session::Session> session_;
  internal::Service service_;
  internal::HttpFront http_;
  internal::RpcFront rpc_;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  session::OpenOptions open_options;
  open_options.read_only = options.read_only;
  KG_ASSIGN_OR_RETURN(std::unique_ptr<session::Session> session,
                      session::Session::Open(options.db, open_options));
  auto impl = std::make_unique<Impl>(std::move(session), options);
  Status started = impl->Start(options);
  if (!started.ok()) {
    impl->Stop();
    return started;
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::http_port() const { return impl_->http_port(); }
int Server::rpc_port() const { return impl_->rpc_port(); }

void Server::Stop() {
  if (impl_ != nullptr) impl_->Stop();
}

Result<std::string> ReadTokenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read token file '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string token = buffer.str();
  const char* kSpace = " \t\r\n";
  size_t begin = token.find_first_not_of(kSpace);
  if (begin == std::string::npos)
    return Status::InvalidArgument("token file '" + path + "' is empty");
  size_t end = token.find_last_not_of(kSpace);
  return token.substr(begin, end - begin + 1);
}

}  // namespace kg::server
