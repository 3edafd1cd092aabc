// Status -> client-visible errors (HTTP status, code, position) and their
// JSON, from the Status's fields (class, position), never its message text.

#include "core/json.h"
#include "server/internal/service.h"

namespace kg::server::internal {
namespace {

// A query cancelled by the server: only a shutdown whose grace ran out does it.
bool IsCancelled(const std::string& cls) { return cls == "Cancelled"; }

int HttpStatusFor(StatusCode code, const std::string& cls) {
  if (cls == "Timeout") return 504;
  if (IsCancelled(cls)) return 503;
  if (cls == "Unauthorized") return 401;
  if (cls == "Forbidden") return 403;
  switch (code) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kSyntaxError:
    case StatusCode::kSchemaViolation:
    case StatusCode::kAlreadyExists:
    case StatusCode::kNotSupported:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    default:
      return 500;
  }
}

}  // namespace

ApiError ToApiError(const Status& status) {
  ApiError error;
  const std::string& cls = status.error_class();
  error.code = cls.empty() ? std::string(StatusCodeName(status.code())) : cls;
  if (IsCancelled(cls)) error.code = "ShuttingDown";
  error.http_status = HttpStatusFor(status.code(), cls);
  error.message = status.message();
  error.line = status.position().line;
  error.column = status.position().column;
  return error;
}

std::string ApiErrorJson(const ApiError& error) {
  std::string out = "{\"error\":{\"code\":";
  AppendJsonString(error.code, &out);
  out.append(",\"message\":");
  AppendJsonString(error.message, &out);
  if (error.line > 0) {
    out.append(",\"position\":{\"line\":" + std::to_string(error.line) +
               ",\"column\":" + std::to_string(error.column) + "}");
  }
  if (error.suggestions.has_value()) {
    out.append(",\"suggestions\":[");
    for (size_t i = 0; i < error.suggestions->size(); ++i) {
      if (i > 0) out.append(",");
      AppendJsonString((*error.suggestions)[i], &out);
    }
    out.append("]");
  }
  out.append("}}");
  return out;
}

}  // namespace kg::server::internal
