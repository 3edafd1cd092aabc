// Status names and formatting.
#include "core/status.h"

namespace kg {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "InvalidArgument";
    case StatusCode::kSyntaxError:
      return "SyntaxError";
    case StatusCode::kNotFound:
      return "NotFound";
    case StatusCode::kAlreadyExists:
      return "AlreadyExists";
    case StatusCode::kSchemaViolation:
      return "SchemaViolation";
    case StatusCode::kCorruption:
      return "Corruption";
    case StatusCode::kIOError:
      return "IOError";
    case StatusCode::kNotSupported:
      return "NotSupported";
    case StatusCode::kInternal:
      return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  Status out = *this;
  std::string msg(prefix);
  msg += ": ";
  msg += message_;
  out.message_ = std::move(msg);
  return out;
}

Status Status::WithClass(std::string error_class) const {
  if (ok()) return *this;
  Status out = *this;
  out.error_class_ = std::move(error_class);
  return out;
}

Status Status::WithPosition(SourcePosition position) const {
  if (ok()) return *this;
  Status out = *this;
  out.position_ = std::move(position);
  return out;
}

}  // namespace kg
