// Status -> client-visible errors (HTTP status, code, position) and their JSON.
#include <cctype>
#include <regex>

#include "core/json.h"
#include "server/internal/service.h"

namespace kg::server::internal {
namespace {

// The openCypher error class a query message starts with ("SyntaxError: ..."),
// or "" when there is none.
std::string LeadingClass(const std::string& message) {
  size_t i = 0;
  while (i < message.size() && std::isalpha(static_cast<unsigned char>(message[i]))) ++i;
  if (i == 0 || i >= message.size() || message[i] != ':') return "";
  if (!std::isupper(static_cast<unsigned char>(message[0]))) return "";
  return message.substr(0, i);
}

// Fills line/column from the first "<name>:LINE:COL:" in the message.
void ParsePosition(const std::string& message, ApiError* error) {
  static const std::regex kPosition(R"(query:(\d+):(\d+))");
  std::smatch m;
  if (!std::regex_search(message, m, kPosition)) return;
  error->line = std::stoi(m[1].str());
  error->column = std::stoi(m[2].str());
}

// The engine's class for a query stopped at its time limit (query/errors.cc);
// "Timeout" is what clients see.
bool IsTimeout(const std::string& cls) { return cls == "TimeoutError" || cls == "Timeout"; }

// A query cancelled by the server: only a shutdown whose grace ran out does it.
bool IsCancelled(const std::string& cls) { return cls == "Cancelled"; }

int HttpStatusFor(StatusCode code, const std::string& cls) {
  if (IsTimeout(cls)) return 504;
  if (IsCancelled(cls)) return 503;
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
  std::string cls = LeadingClass(status.message());
  error.code = cls.empty() ? std::string(StatusCodeName(status.code())) : cls;
  if (IsTimeout(cls)) error.code = "Timeout";
  if (IsCancelled(cls)) error.code = "ShuttingDown";
  error.http_status = HttpStatusFor(status.code(), cls);
  error.message = status.message();
  ParsePosition(status.message(), &error);
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
  out.append("}}");
  return out;
}

}  // namespace kg::server::internal
