// The Bolt handshake and chunking.
#include "server/internal/bolt_wire.h"

namespace kg::server::internal::bolt {

bool Supported(Version v) {
  if (v.major == 4) return v.minor == 4;
  if (v.major == 5) return v.minor >= 0 && v.minor <= 8 && v.minor != 5;
  return false;
}

Result<std::optional<Version>> Negotiate(std::string_view handshake) {
  if (handshake.size() != kHandshakeBytes)
    return Status::InvalidArgument("Bolt handshake: expected 20 bytes");
  auto byte = [&](size_t i) { return static_cast<uint8_t>(handshake[i]); };
  uint32_t magic =
      (uint32_t{byte(0)} << 24) | (uint32_t{byte(1)} << 16) | (uint32_t{byte(2)} << 8) | byte(3);
  if (magic != kMagic) return Status::InvalidArgument("Bolt handshake: wrong magic number");
  for (size_t p = 4; p < kHandshakeBytes; p += 4) {
    int range = byte(p + 1);
    int minor = byte(p + 2);
    int major = byte(p + 3);
    for (int m = minor; m >= 0 && m >= minor - range; --m) {
      if (Supported({major, m})) return std::optional<Version>(Version{major, m});
    }
  }
  return std::optional<Version>();
}

std::string EncodeVersion(std::optional<Version> v) {
  std::string out(4, '\0');
  if (v.has_value()) {
    out[2] = static_cast<char>(v->minor);
    out[3] = static_cast<char>(v->major);
  }
  return out;
}

void AppendChunked(std::string_view payload, std::string* out) {
  while (!payload.empty()) {
    size_t n = std::min(payload.size(), kMaxChunk);
    out->push_back(static_cast<char>(n >> 8));
    out->push_back(static_cast<char>(n & 0xFF));
    out->append(payload.substr(0, n));
    payload.remove_prefix(n);
  }
  out->append(2, '\0');
}

Result<std::optional<std::string>> MessageAssembler::Next() {
  size_t pos = 0;
  std::optional<std::string> done;
  while (!done.has_value() && buffer_.size() - pos >= 2) {
    size_t size =
        (static_cast<uint8_t>(buffer_[pos]) << 8) | static_cast<uint8_t>(buffer_[pos + 1]);
    if (size == 0) {
      pos += 2;
      if (in_message_) {  // the end of a message; else a NOOP
        done = std::move(message_);
        message_.clear();
        in_message_ = false;
      }
      continue;
    }
    if (buffer_.size() - pos - 2 < size) break;  // wait for the whole chunk
    if (message_.size() + size > max_) {
      return Status::InvalidArgument("Bolt message larger than the limit of " +
                                     std::to_string(max_) + " bytes");
    }
    message_.append(buffer_, pos + 2, size);
    in_message_ = true;
    pos += 2 + size;
  }
  buffer_.erase(0, pos);
  return done;
}

}  // namespace kg::server::internal::bolt
