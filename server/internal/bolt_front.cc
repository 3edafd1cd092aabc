// BoltFront: sockets and threads around bolt::Session.
#include "server/internal/bolt_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <optional>

#include "server/internal/bolt_session.h"
#include "server/internal/bolt_wire.h"
#include "server/internal/http_front.h"

namespace kg::server::internal {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPollMillis = 500;          // how often an idle connection checks its transaction
constexpr double kHandshakeSeconds = 10;  // a client must shake hands this soon
constexpr size_t kFlushBytes = 1 << 20;   // send responses once this much is buffered

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Reads exactly `n` bytes within `seconds`, unless the stop pipe fires.
bool ReadExactly(int fd, int stop_fd, size_t n, double seconds, std::string* out) {
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(seconds));
  char buf[64];
  while (out->size() < n) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    int r = poll(fds, 2, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0 || fds[1].revents != 0) return false;
    ssize_t got = recv(fd, buf, std::min(sizeof buf, n - out->size()), 0);
    if (got <= 0) return false;
    out->append(buf, static_cast<size_t>(got));
  }
  return true;
}

void SetSocketOptions(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval send_timeout{30, 0};  // a client that stops reading cannot hold a thread forever
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
}

}  // namespace

BoltFront::BoltFront(Service& service, int max_connections, size_t max_message_bytes)
    : backend_(service),
      max_connections_(std::max(1, max_connections)),
      max_message_bytes_(max_message_bytes == 0 ? SIZE_MAX : max_message_bytes) {}

BoltFront::~BoltFront() {
  Stop();
  for (int fd : stop_pipe_)
    if (fd >= 0) close(fd);
}

Status BoltFront::Start(const std::string& address) {
  KG_ASSIGN_OR_RETURN(auto host_port, ParseAddress(address));
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string port_text = std::to_string(host_port.second);
  if (getaddrinfo(host_port.first.c_str(), port_text.c_str(), &hints, &found) != 0 ||
      found == nullptr)
    return Status::InvalidArgument("--bolt: cannot resolve host '" + host_port.first + "'");
  listen_fd_ = socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  if (listen_fd_ >= 0) setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  bool bound = listen_fd_ >= 0 && bind(listen_fd_, found->ai_addr, found->ai_addrlen) == 0 &&
               listen(listen_fd_, 128) == 0;
  freeaddrinfo(found);
  if (!bound)
    return Status::IOError("--bolt: cannot listen on " + address + ": " + std::strerror(errno));
  sockaddr_storage local{};
  socklen_t len = sizeof local;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&local), &len);
  port_ = ntohs(local.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&local)->sin6_port
                                            : reinterpret_cast<sockaddr_in*>(&local)->sin_port);
  address_ = host_port.first + ":" + std::to_string(port_);
  if (pipe2(stop_pipe_, O_CLOEXEC) != 0) return Status::IOError("--bolt: pipe failed");
  acceptor_ = std::thread([this] { AcceptLoop(); });
  return Status::OK();
}

void BoltFront::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  if (stop_pipe_[1] >= 0) {
    char c = 's';
    (void)!write(stop_pipe_[1], &c, 1);
  }
  if (acceptor_.joinable()) acceptor_.join();
  std::list<Connection> connections;
  {
    std::lock_guard<std::mutex> lock(mu_);
    connections.swap(connections_);
  }
  for (auto& c : connections)
    if (c.thread.joinable()) c.thread.join();
  if (listen_fd_ >= 0) close(listen_fd_);
  listen_fd_ = -1;
}

void BoltFront::ReapFinished() {
  std::list<Connection> done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      auto next = std::next(it);
      if (it->finished) done.splice(done.end(), connections_, it);
      it = next;
    }
  }
  for (auto& c : done) c.thread.join();
}

void BoltFront::AcceptLoop() {
  uint64_t next_id = 0;
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    int r = poll(fds, 2, kPollMillis);
    if (r < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    ReapFinished();
    if (r <= 0 || (fds[0].revents & POLLIN) == 0) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    if (active_.load() >= max_connections_) {
      close(fd);  // over the limit: the client sees the connection closed
      continue;
    }
    SetSocketOptions(fd);
    ++active_;
    std::lock_guard<std::mutex> lock(mu_);
    connections_.emplace_back();
    auto it = std::prev(connections_.end());
    uint64_t id = next_id++;
    it->thread = std::thread([this, fd, id, it] {
      Serve(fd, id);
      close(fd);
      --active_;
      std::lock_guard<std::mutex> done(mu_);
      it->finished = true;
    });
  }
}

namespace {

// The requests of one connection, from its reader to its handler.
class Link : public bolt::Connection {
 public:
  explicit Link(int fd) : fd_(fd) {}

  void Push(std::string request) {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(std::move(request));
    ready_.notify_one();
  }
  // No more requests: the peer has gone, the server stops, or a request was
  // too large (`reject`: the FAILURE to send before closing).
  void Close(std::optional<std::string> reject = std::nullopt) {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    if (reject) reject_ = std::move(reject);
    ready_.notify_all();
  }
  std::optional<std::string> reject() const {
    std::lock_guard<std::mutex> lock(mu_);
    return reject_;
  }
  bool idle() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.empty();
  }

  std::optional<std::string> NextRequest(double seconds) override {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait_for(lock, std::chrono::duration<double>(seconds),
                    [this] { return !requests_.empty() || closed_; });
    if (requests_.empty()) return std::nullopt;
    std::string request = std::move(requests_.front());
    requests_.pop_front();
    return request;
  }
  bool Send(std::string* out) override {
    bool sent = SendAll(fd_, *out);
    out->clear();
    return sent;
  }
  bool closed() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return closed_;
  }

 private:
  const int fd_;
  mutable std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::string> requests_;
  bool closed_ = false;
  std::optional<std::string> reject_;
};

// Runs the requests of `link` in order until the connection ends; sends the
// responses, batching those of pipelined requests.
void Handle(bolt::Session& session, Link& link) {
  std::string out;
  bool open = true;
  while (open) {
    std::optional<std::string> request = link.NextRequest(kPollMillis / 1000.0);
    session.ExpireTransaction(Clock::now());
    if (!request) {
      if (link.closed()) break;
      continue;
    }
    open = session.Handle(*request, &out);
    if ((!open || link.idle() || out.size() >= kFlushBytes) && !link.Send(&out)) break;
  }
  if (std::optional<std::string> reject = link.reject(); reject && open) {
    session.Reject({"Neo.ClientError.Request.Invalid", *reject}, &out);
    link.Send(&out);
  }
  session.Close();
}

}  // namespace

void BoltFront::Serve(int fd, uint64_t id) {
  std::string handshake;
  if (!ReadExactly(fd, stop_pipe_[0], bolt::kHandshakeBytes, kHandshakeSeconds, &handshake)) return;
  Result<std::optional<bolt::Version>> version = bolt::Negotiate(handshake);
  if (!version.ok()) return;  // not a Bolt client
  if (!SendAll(fd, bolt::EncodeVersion(*version)) || !version->has_value()) return;
  bolt::Session session(backend_, **version, "bolt-" + std::to_string(id), address_);
  Link link(fd);
  session.set_connection(&link);
  std::atomic<bool> handler_done{false};
  std::thread handler([&] {
    Handle(session, link);
    handler_done = true;
    shutdown(fd, SHUT_RDWR);  // wakes the reader
  });
  bolt::MessageAssembler assembler(max_message_bytes_);
  char buf[64 * 1024];
  while (!handler_done) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    int r = poll(fds, 2, kPollMillis);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 || fds[1].revents != 0) break;
    if (r == 0) continue;
    ssize_t got = recv(fd, buf, sizeof buf, 0);
    if (got <= 0) break;
    assembler.Feed(std::string_view(buf, static_cast<size_t>(got)));
    std::optional<std::string> reject;
    while (true) {
      Result<std::optional<std::string>> message = assembler.Next();
      if (!message.ok()) {  // too large: the rest of the stream cannot be trusted
        reject = message.status().message();
        break;
      }
      if (!message->has_value()) break;
      // A RESET stops what runs now; the handler answers it in its turn.
      if (bolt::IsReset(**message)) session.interrupt().store(true);
      link.Push(std::move(**message));
    }
    if (reject) {
      link.Close(std::move(reject));
      break;
    }
  }
  link.Close();
  handler.join();
}

}  // namespace kg::server::internal
