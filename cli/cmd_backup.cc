// kg backup and kg restore: thin front ends of the session's backups
// (storage/backup.h below it).
#include <iostream>
#include <memory>

#include "cli/cli.h"

namespace kg::cli {
namespace {

struct BackupArgs {
  std::string dir;
};

struct RestoreArgs {
  std::string dir;
  uint32_t backup_id = 0;
  bool replace = false;
};

int RunBackup(const Context& ctx, const BackupArgs& args) {
  // BackupEngine pauses file deletions while copying, which only a writable
  // open may do; readers of the database go on meanwhile.
  auto db = OpenSession(ctx, /*read_only=*/false);
  if (!db.ok() && db.status().code() == StatusCode::kIOError &&
      db.status().message().find("is locked by another process") != std::string::npos)
    return Report(Status::IOError(db.status().message() +
                                  "; a database that `kg serve` holds is backed up through the "
                                  "server: POST /v1/backup on a server started with --backup-dir "
                                  "(docs/operations.md)"));
  if (!db.ok()) return Report(db.status());
  auto b = (*db)->Backup(args.dir);
  if (!b.ok()) return Report(b.status());
  std::cout << "backup " << b->id << " in " << args.dir << ": " << b->entities << " entities, "
            << b->relations << " relations, " << b->files << " files, " << b->bytes
            << " bytes, checksums verified\n";
  return kExitOk;
}

int RunRestore(const Context& ctx, const RestoreArgs& args) {
  if (ctx.db.empty()) return UsageError("no database given: pass --db DIR or set KG_DB");
  auto b = session::Session::Restore(args.dir, ctx.db, args.backup_id, args.replace);
  if (!b.ok()) return Report(b.status());
  std::cout << "restored backup " << b->id << " to " << ctx.db << ": " << b->entities
            << " entities, " << b->relations << " relations; kg check and checksums ok\n";
  return kExitOk;
}

}  // namespace

void RegisterBackupCommands(CLI::App& app, Context& ctx) {
  auto backup = std::make_shared<BackupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "backup", "add a consistent, incremental backup of --db to DIR (checksums verified)");
  cmd->add_option("dir", backup->dir, "backup directory (created if absent)")->required();
  cmd->callback(
      [&ctx, backup] { ctx.action = [&ctx, backup] { return RunBackup(ctx, *backup); }; });

  auto restore = std::make_shared<RestoreArgs>();
  cmd = app.add_subcommand("restore",
                           "restore a backup from DIR to --db; the copy must pass kg check "
                           "--deep before it is put in place");
  cmd->add_option("dir", restore->dir, "backup directory")->required();
  cmd->add_option("--backup-id", restore->backup_id, "which backup (default: the latest)");
  cmd->add_flag("--replace", restore->replace, "replace a database already at --db");
  cmd->callback(
      [&ctx, restore] { ctx.action = [&ctx, restore] { return RunRestore(ctx, *restore); }; });
}

}  // namespace kg::cli
