// A raw TCP client for the server's transport tests: sends exactly the
// bytes a test chooses (pipelined requests, smuggling shapes, slow heads)
// to 127.0.0.1 and parses the replies, with bounded waits.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kg::server::testing {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Parses consecutive HTTP/1.1 responses framed by Content-Length; stops at
// the first incomplete one.
std::vector<RawResponse> ParseResponses(std::string_view bytes);

class RawClient {
 public:
  explicit RawClient(int port);  // connects to 127.0.0.1:port
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(std::string_view bytes);
  // Reads until the server closes the connection or `seconds` pass; all
  // bytes read so far are in received(). True when the server closed.
  bool ReadUntilClosed(double seconds);
  // Reads until `n` complete responses arrived or `seconds` pass.
  std::vector<RawResponse> ReadResponses(size_t n, double seconds);
  const std::string& received() const { return received_; }
  void Close();

 private:
  int fd_ = -1;
  std::string received_;
};

}  // namespace kg::server::testing
