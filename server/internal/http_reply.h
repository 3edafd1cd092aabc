// The JSON replies the HTTP endpoints share: an error in the API's shape, a
// bad parameter, a body.
#pragma once

#include <string>
#include <utility>

#include "server/internal/http_conn.h"
#include "server/internal/service.h"

namespace kg::server::internal {

inline void SendError(HttpResponse* res, const ApiError& error) {
  res->status = error.http_status;
  res->content_type = "application/json";
  res->body = ApiErrorJson(error);
}

// A bad parameter value: 400 BadRequest with the reader's message.
inline void SendBadRequest(HttpResponse* res, const Status& status) {
  SendError(res, {400, "BadRequest", status.message()});
}

inline void SendJson(HttpResponse* res, std::string body) {
  res->status = 200;
  res->content_type = "application/json";
  res->body = std::move(body);
}

}  // namespace kg::server::internal
