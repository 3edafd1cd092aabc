#include "server/internal/http_backup.h"

#include <mutex>
#include <string>

#include "core/json.h"
#include "server/internal/http_reply.h"

namespace kg::server::internal {

void HandleBackup(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res) {
  std::string body;
  for (char c : req.body)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') body += c;
  if (!body.empty() && body != "{}")
    return SendError(res, {400, "BadRequest", "POST /v1/backup takes no body (or {})"});
  if (auto denied = service.Authorize(token, /*write=*/true)) return SendError(res, *denied);
  const std::string& dir = service.options().backup_dir;
  if (dir.empty())
    return SendError(
        res, {403, "Forbidden", "backups are disabled: start the server with --backup-dir DIR"});
  // BackupEngine must not be run twice at once on one directory.
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  Result<session::BackupInfo> b = service.session().Backup(dir);
  if (!b.ok()) return SendError(res, ToApiError(b.status()));
  std::string json = "{\"backup\":{\"id\":" + std::to_string(b->id) + ",\"dir\":";
  AppendJsonString(dir, &json);
  json += ",\"entities\":" + std::to_string(b->entities) +
          ",\"relations\":" + std::to_string(b->relations) +
          ",\"files\":" + std::to_string(b->files) + ",\"bytes\":" + std::to_string(b->bytes) +
          "}}";
  SendJson(res, std::move(json));
}

}  // namespace kg::server::internal
