// Formatting of query errors with position and caret.
#include "query/internal/errors.h"

#include <algorithm>

namespace kg::query::internal {

const char* ErrorClassName(ErrorClass cls) {
  switch (cls) {
    case ErrorClass::kSyntaxError:
      return "SyntaxError";
    case ErrorClass::kSemanticError:
      return "SemanticError";
    case ErrorClass::kTypeError:
      return "TypeError";
    case ErrorClass::kArgumentError:
      return "ArgumentError";
    case ErrorClass::kEntityNotFound:
      return "EntityNotFound";
    case ErrorClass::kConstraintVerificationFailed:
      return "ConstraintVerificationFailed";
    case ErrorClass::kProcedureError:
      return "ProcedureError";
    case ErrorClass::kTimeout:
      return "TimeoutError";
    case ErrorClass::kLimitExceeded:
      return "LimitExceeded";
    case ErrorClass::kMemoryLimitExceeded:
      return "MemoryLimitExceeded";
    case ErrorClass::kCancelled:
      return "Cancelled";
  }
  return "Error";
}

namespace {

// The class as Status::error_class() carries it: the openCypher name, and
// "Timeout" (the client-facing name) for a statement stopped at its limit.
std::string FieldClassName(ErrorClass cls) {
  return cls == ErrorClass::kTimeout ? "Timeout" : ErrorClassName(cls);
}

}  // namespace

Status MakeError(const SourceText& src, ErrorClass cls, std::string_view detail, Span span,
                 std::string_view message, bool compile_time) {
  size_t pos = std::min(span.begin, src.text.size());
  size_t line_start = src.text.rfind('\n', pos == 0 ? 0 : pos - 1);
  line_start = (line_start == std::string::npos || pos == 0) ? 0 : line_start + 1;
  if (pos > 0 && src.text[pos - 1] == '\n') line_start = pos;
  size_t line = 1 + std::count(src.text.begin(), src.text.begin() + line_start, '\n');
  size_t col = pos - line_start + 1;
  size_t line_end = src.text.find('\n', line_start);
  if (line_end == std::string::npos) line_end = src.text.size();
  std::string msg = std::string(ErrorClassName(cls)) + ": " + src.name + ":" +
                    std::to_string(line) + ":" + std::to_string(col) + ": ";
  if (!detail.empty()) msg += std::string(detail) + ": ";
  msg += message;
  msg += "\n" + src.text.substr(line_start, line_end - line_start) + "\n";
  msg += std::string(pos - line_start, ' ');
  size_t width = span.end > span.begin ? std::min(span.end, line_end) - pos : 1;
  msg += std::string(std::max<size_t>(width, 1), '^');
  Status status =
      compile_time ? Status::SyntaxError(std::move(msg)) : Status::InvalidArgument(std::move(msg));
  SourcePosition where{src.name, static_cast<int>(line), static_cast<int>(col)};
  return status.WithClass(FieldClassName(cls)).WithPosition(std::move(where));
}

Status MakeRuntimeError(ErrorClass cls, std::string_view detail, std::string_view message) {
  std::string msg = std::string(ErrorClassName(cls)) + ": ";
  if (!detail.empty()) msg += std::string(detail) + ": ";
  msg += message;
  return Status::InvalidArgument(std::move(msg)).WithClass(FieldClassName(cls));
}

}  // namespace kg::query::internal
