// The per-connection request loop: see http_conn.h.
#include "server/internal/http_conn.h"

#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>

namespace kg::server::internal {
namespace {

constexpr double kLingerSeconds = 2;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int MillisUntil(double deadline) {
  double left = deadline - Now();
  return left <= 0 ? 0 : static_cast<int>(std::ceil(left * 1000));
}

std::string HttpDate() {
  char buf[64];
  time_t now = time(nullptr);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::string Seconds(double s) {
  std::string text = std::to_string(s);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::string SerializeResponse(const HttpResponse& response, bool head_only, bool close) {
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " ";
  out.append(ReasonPhrase(response.status));
  out.append("\r\nDate: " + HttpDate());
  out.append("\r\nContent-Type: " + response.content_type);
  out.append("\r\nContent-Length: " + std::to_string(response.body.size()));
  if (close) out.append("\r\nConnection: close");
  for (const auto& [name, value] : response.headers) out.append("\r\n" + name + ": " + value);
  out.append("\r\n\r\n");
  if (!head_only) out.append(response.body);
  return out;
}

Connection::Connection(int fd, int stop_fd, const std::atomic<bool>& stopping,
                       ConnectionLimits limits)
    : fd_(fd), stop_fd_(stop_fd), stopping_(stopping), limits_(std::move(limits)) {}

Connection::~Connection() { ::close(fd_); }

Connection::Read Connection::ReadMore(double deadline) {
  while (true) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    int ready = ::poll(fds, 2, MillisUntil(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return Read::kEof;
    if (fds[1].revents != 0) return Read::kStopped;
    if (ready == 0) return Read::kTimeout;
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Read::kEof;
    in_.append(buf, static_cast<size_t>(n));
    return Read::kData;
  }
}

bool Connection::WriteAll(std::string_view data, double seconds) {
  double deadline = Now() + seconds;
  while (!data.empty()) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    pollfd out = {fd_, POLLOUT, 0};
    int wait = MillisUntil(deadline);
    if (wait == 0 || (::poll(&out, 1, wait) == 0)) return false;
  }
  return true;
}

void Connection::Refuse(HttpHandler& handler, const WireError& error) {
  HttpResponse response = handler.Refuse(error.status, error.code, error.message);
  if (!WriteAll(SerializeResponse(response, false, true), limits_.write_timeout_seconds)) return;
  LingeringClose();
}

void Connection::LingeringClose() {
  // As Apache's: closing with unread request bytes in the socket makes the
  // kernel send a reset, which can destroy the reply before the client
  // reads it. Stop sending, read what still comes for a moment, then close.
  ::shutdown(fd_, SHUT_WR);
  double deadline = Now() + kLingerSeconds;
  while (true) {
    in_.clear();
    if (ReadMore(deadline) != Read::kData) return;
  }
}

bool Connection::ReadHead(HttpHandler& handler, double deadline, HttpRequest* request) {
  while (true) {
    size_t consumed = 0;
    WireError error;
    switch (ParseRequestHead(in_, limits_.wire, request, &consumed, &error)) {
      case ParseState::kDone:
        in_.erase(0, consumed);
        return true;
      case ParseState::kError:
        Refuse(handler, error);
        return false;
      case ParseState::kNeedMore:
        break;
    }
    Read r = ReadMore(deadline);
    if (r == Read::kTimeout) {
      Refuse(handler, {408, "RequestTimeout",
                       "the request was not received within the server's limit "
                       "(--request-timeout " +
                           Seconds(limits_.request_timeout_seconds) + " s)"});
    }
    if (r != Read::kData) return false;
  }
}

bool Connection::ReadBody(HttpHandler& handler, double deadline, HttpRequest* request) {
  if (request->framing == BodyFraming::kNone) return true;
  if (request->expect_continue && in_.empty() &&
      !WriteAll("HTTP/1.1 100 Continue\r\n\r\n", limits_.write_timeout_seconds))
    return false;
  ChunkedDecoder chunked(limits_.wire.max_body);
  while (true) {
    if (request->framing == BodyFraming::kLength && in_.size() >= request->content_length) {
      request->body = in_.substr(0, request->content_length);
      in_.erase(0, request->content_length);
      return true;
    }
    if (request->framing == BodyFraming::kChunked) {
      size_t consumed = 0;
      WireError error;
      ParseState state = chunked.Feed(in_, &request->body, &consumed, &error);
      if (state == ParseState::kError) {
        Refuse(handler, error);
        return false;
      }
      if (state == ParseState::kDone) {
        in_.erase(0, consumed);
        return true;
      }
    }
    Read r = ReadMore(deadline);
    if (r == Read::kTimeout) {
      Refuse(handler, {408, "RequestTimeout",
                       "the request body was not received within the server's limit "
                       "(--request-timeout " +
                           Seconds(limits_.request_timeout_seconds) + " s)"});
    }
    if (r != Read::kData) return false;
  }
}

void Connection::Serve(HttpHandler& handler) {
  bool first = true;
  uint64_t served = 0;
  while (!stopping_) {
    if (in_.empty()) {
      double idle = first ? limits_.request_timeout_seconds : limits_.idle_timeout_seconds;
      if (ReadMore(Now() + idle) != Read::kData) return;  // idle: close quietly
    }
    first = false;
    double deadline = Now() + limits_.request_timeout_seconds;
    HttpRequest request;
    if (!ReadHead(handler, deadline, &request)) return;
    if (!ReadBody(handler, deadline, &request)) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      state_ = State::kHandling;
    }
    HttpResponse response = handler.Handle(request);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kAborted) return;  // already answered by Abort()
      state_ = State::kWriting;
    }
    ++served;
    bool capped = limits_.max_requests > 0 && served >= limits_.max_requests;
    bool close = !request.keep_alive || stopping_ || capped;
    bool written = WriteAll(SerializeResponse(response, request.method == "HEAD", close),
                            limits_.write_timeout_seconds);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kAborted) return;
      state_ = State::kReading;
    }
    if (written && capped) LingeringClose();  // requests pipelined after it stay unread
    if (!written || close) return;
  }
}

bool Connection::Abort(const HttpResponse& response) {
  std::lock_guard<std::mutex> lock(mu_);
  bool handling = state_ == State::kHandling;
  if (handling) WriteAll(SerializeResponse(response, false, true), 1.0);
  if (state_ != State::kWriting) {
    state_ = State::kAborted;
    ::shutdown(fd_, SHUT_RDWR);
  }
  return handling;
}

}  // namespace kg::server::internal
