// The HTTP endpoints of ingest (docs/ingest.md "Over HTTP", docs/server.md),
// over the session layer as `kg ingest` is:
//   POST /v1/ingest        an article (a JSON object with its text and
//                          metadata, or the bare text/plain, text/markdown
//                          or text/html body with the metadata as query
//                          parameters) -> its review: the review file's
//                          lines as a JSON array; nothing is written
//   POST /v1/ingest/apply  a review (JSON Lines, or a JSON array of the
//                          lines) -> applied in one transaction, or every
//                          bad line refused ("line N: why") and nothing
//                          applied; ?replace=true, ?auto_accept=0.8
// Both need the token, as writes do, and are refused (403) by a --read-only
// server; bodies are bounded by --max-body (413).
#pragma once

#include <string_view>

#include "server/internal/http_conn.h"
#include "server/internal/http_wire.h"
#include "server/internal/service.h"

namespace kg::server::internal {

void HandleIngest(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res);
void HandleIngestApply(Service& service, std::string_view token, const HttpRequest& req,
                       HttpResponse* res);

}  // namespace kg::server::internal
