// Bolt below the messages: the handshake (magic 0x6060B017 and four version
// proposals) and the chunked framing of messages (2-byte big-endian chunk
// sizes, a 00 00 chunk ending each message). Pure functions over bytes, so
// tests check them byte by byte without sockets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/internal/bolt_packstream.h"

namespace kg::server::internal::bolt {

inline constexpr uint32_t kMagic = 0x6060B017;
inline constexpr size_t kHandshakeBytes = 20;  // magic + 4 proposals of 4 bytes
inline constexpr size_t kMaxChunk = 0xFFFF;

// True for the versions kg speaks: 4.4 and 5.0-5.8 except 5.5 (which no
// server negotiates, see the Bolt docs).
bool Supported(Version v);

// The version to use for a client's 20 handshake bytes: the first proposal
// (in the client's order of preference) that covers a supported version,
// the highest one in its range. nullopt when none fits (answer 00 00 00 00
// and close). InvalidArgument when the magic is wrong (close silently).
// Proposals are [reserved, range, minor, major]: major.minor down to
// major.(minor - range). The manifest proposal (255.1, Bolt 5.7+ drivers)
// is not supported and so skipped, as older servers do.
Result<std::optional<Version>> Negotiate(std::string_view handshake);

// The 4-byte answer: 00 00 minor major, or 00 00 00 00 for none.
std::string EncodeVersion(std::optional<Version> v);

// Appends `payload` as one chunked message (chunks of at most 64 KiB - 1,
// then 00 00).
void AppendChunked(std::string_view payload, std::string* out);

// Reassembles messages from the bytes a connection receives, in any pieces.
// Empty chunks between messages (NOOP keep-alives, Bolt 4.1+) are skipped.
class MessageAssembler {
 public:
  explicit MessageAssembler(size_t max_message_bytes) : max_(max_message_bytes) {}

  void Feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete message, nullopt when more bytes are needed.
  // InvalidArgument when a message grows past the limit (the connection is
  // then closed: the rest of the stream cannot be trusted).
  Result<std::optional<std::string>> Next();

 private:
  size_t max_;
  std::string buffer_;   // received, not yet consumed
  std::string message_;  // chunks of the message being assembled
  bool in_message_ = false;
};

}  // namespace kg::server::internal::bolt
