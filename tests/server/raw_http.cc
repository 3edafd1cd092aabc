// A raw TCP client: see raw_http.h.
#include "tests/server/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>

namespace kg::server::testing {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::vector<RawResponse> ParseResponses(std::string_view bytes) {
  std::vector<RawResponse> out;
  while (true) {
    size_t end = bytes.find("\r\n\r\n");
    if (end == std::string_view::npos || bytes.substr(0, 9).substr(0, 5) != "HTTP/") return out;
    RawResponse r;
    std::string_view head = bytes.substr(0, end);
    r.status = std::atoi(std::string(head.substr(9, 3)).c_str());
    size_t pos = head.find("\r\n");
    while (pos != std::string_view::npos) {
      size_t next = head.find("\r\n", pos + 2);
      std::string_view line = head.substr(
          pos + 2, next == std::string_view::npos ? std::string_view::npos : next - pos - 2);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        r.headers[name] = std::string(value);
      }
      pos = next;
    }
    size_t length = std::strtoull(r.headers["content-length"].c_str(), nullptr, 10);
    if (bytes.size() < end + 4 + length) return out;
    r.body = std::string(bytes.substr(end + 4, length));
    bytes.remove_prefix(end + 4 + length);
    out.push_back(std::move(r));
  }
}

RawClient::RawClient(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) Close();
}

RawClient::~RawClient() { Close(); }

void RawClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawClient::Send(std::string_view bytes) {
  while (fd_ >= 0 && !bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return fd_ >= 0;
}

bool RawClient::ReadUntilClosed(double seconds) {
  double deadline = Now() + seconds;
  while (fd_ >= 0 && Now() < deadline) {
    pollfd p = {fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n <= 0) return true;  // closed (or reset)
    received_.append(buf, static_cast<size_t>(n));
  }
  return false;
}

std::vector<RawResponse> RawClient::ReadResponses(size_t n, double seconds) {
  double deadline = Now() + seconds;
  while (fd_ >= 0 && Now() < deadline && ParseResponses(received_).size() < n) {
    pollfd p = {fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    char buf[65536];
    ssize_t n_read = ::recv(fd_, buf, sizeof(buf), 0);
    if (n_read <= 0) break;
    received_.append(buf, static_cast<size_t>(n_read));
  }
  return ParseResponses(received_);
}

}  // namespace kg::server::testing
