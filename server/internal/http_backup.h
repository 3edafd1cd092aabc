// POST /v1/backup: an online backup of the served database, taken inside
// the server's own process (the CLI's `kg backup` needs the database that
// a running server holds), into the directory `kg serve --backup-dir DIR`
// names; clients never choose a path on the server's disk. The token is
// required as for writes; 403 when the server has no --backup-dir or is
// read-only. Readers and writers go on meanwhile (docs/operations.md).
#pragma once

#include <string_view>

#include "server/internal/http_conn.h"
#include "server/internal/http_wire.h"
#include "server/internal/service.h"

namespace kg::server::internal {

// Answers {"backup": {"id", "dir", "entities", "relations", "files",
// "bytes"}}; one backup at a time (a second request waits for the first).
void HandleBackup(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res);

}  // namespace kg::server::internal
