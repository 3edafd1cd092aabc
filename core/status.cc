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

Status::Status(StatusCode code, std::string message) {
  if (code == StatusCode::kOk) return;
  rep_.reset(new Rep{code, std::move(message), {}, {}});
}

void Status::Delete::operator()(Rep* rep) const { delete rep; }

Status::Rep* Status::Copy(const Rep& rep) { return new Rep(rep); }

const Status::Rep& Status::Empty() {
  static const Rep empty;
  return empty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(rep_->code));
  out += ": ";
  out += rep_->message;
  return out;
}

Status Status::WithPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  Status out = *this;
  std::string msg(prefix);
  msg += ": ";
  msg += rep_->message;
  out.rep_->message = std::move(msg);
  return out;
}

Status Status::WithClass(std::string error_class) const {
  if (ok()) return *this;
  Status out = *this;
  out.rep_->error_class = std::move(error_class);
  return out;
}

Status Status::WithPosition(SourcePosition position) const {
  if (ok()) return *this;
  Status out = *this;
  out.rep_->position = std::move(position);
  return out;
}

}  // namespace kg
