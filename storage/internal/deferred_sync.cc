// The deferred-sync file system and the one-pass sync (deferred_sync.h).
#include "storage/internal/deferred_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>
#include <utility>
#include <vector>

namespace kg::storage::internal {

namespace fs = std::filesystem;

namespace {

// A file (appended to, or written in place) whose Sync and Fsync do nothing.
template <typename OwnerWrapper, typename File>
class Unsynced : public OwnerWrapper {
 public:
  explicit Unsynced(std::unique_ptr<File>&& file) : OwnerWrapper(std::move(file)) {}
  rocksdb::IOStatus Sync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
};
using UnsyncedFile = Unsynced<rocksdb::FSWritableFileOwnerWrapper, rocksdb::FSWritableFile>;
using UnsyncedRWFile = Unsynced<rocksdb::FSRandomRWFileOwnerWrapper, rocksdb::FSRandomRWFile>;

class UnsyncedDirectory : public rocksdb::FSDirectoryWrapper {
 public:
  explicit UnsyncedDirectory(std::unique_ptr<rocksdb::FSDirectory>&& dir)
      : FSDirectoryWrapper(std::move(dir)) {}
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions&, rocksdb::IODebugContext*,
                                        const rocksdb::DirFsyncOptions&) override {
    return rocksdb::IOStatus::OK();
  }
};

// `s`, with `*result` (when opened) wrapped in an Unsynced `Wrapper`.
template <typename Wrapper, typename T>
rocksdb::IOStatus Wrap(rocksdb::IOStatus s, std::unique_ptr<T>* result) {
  if (s.ok() && *result) *result = std::make_unique<Wrapper>(std::move(*result));
  return s;
}

Status SyncPath(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0)
    return Status::IOError("cannot open " + path + " to sync it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::IOError("cannot sync " + path + ": " + std::strerror(err));
  return Status::OK();
}

}  // namespace

DeferredSyncFs::DeferredSyncFs(const std::shared_ptr<rocksdb::FileSystem>& base)
    : FileSystemWrapper(base) {}

rocksdb::IOStatus DeferredSyncFs::NewWritableFile(const std::string& f,
                                                  const rocksdb::FileOptions& options,
                                                  std::unique_ptr<rocksdb::FSWritableFile>* result,
                                                  rocksdb::IODebugContext* dbg) {
  return Wrap<UnsyncedFile>(target()->NewWritableFile(f, options, result, dbg), result);
}

rocksdb::IOStatus DeferredSyncFs::ReopenWritableFile(
    const std::string& f, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  return Wrap<UnsyncedFile>(target()->ReopenWritableFile(f, options, result, dbg), result);
}

rocksdb::IOStatus DeferredSyncFs::ReuseWritableFile(
    const std::string& f, const std::string& old, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  return Wrap<UnsyncedFile>(target()->ReuseWritableFile(f, old, options, result, dbg), result);
}

rocksdb::IOStatus DeferredSyncFs::NewRandomRWFile(const std::string& f,
                                                  const rocksdb::FileOptions& options,
                                                  std::unique_ptr<rocksdb::FSRandomRWFile>* result,
                                                  rocksdb::IODebugContext* dbg) {
  return Wrap<UnsyncedRWFile>(target()->NewRandomRWFile(f, options, result, dbg), result);
}

rocksdb::IOStatus DeferredSyncFs::NewDirectory(const std::string& name,
                                               const rocksdb::IOOptions& options,
                                               std::unique_ptr<rocksdb::FSDirectory>* result,
                                               rocksdb::IODebugContext* dbg) {
  return Wrap<UnsyncedDirectory>(target()->NewDirectory(name, options, result, dbg), result);
}

Status SyncTree(const std::string& dir) {
  std::vector<std::pair<uintmax_t, std::string>> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    std::error_code size_ec;
    uintmax_t size = it->file_size(size_ec);
    files.emplace_back(size_ec ? 0 : size, it->path().string());
  }
  if (ec) return Status::IOError("cannot list " + dir + " to sync it: " + ec.message());
  // Largest first, dealt to the two threads in turn.
  std::sort(files.begin(), files.end(), std::greater<>());
  Status other;
  std::thread helper([&] {
    for (size_t i = 1; i < files.size() && other.ok(); i += 2)
      other = SyncPath(files[i].second, false);
  });
  Status mine;
  for (size_t i = 0; i < files.size() && mine.ok(); i += 2) mine = SyncPath(files[i].second, false);
  helper.join();
  KG_RETURN_IF_ERROR(mine);
  KG_RETURN_IF_ERROR(other);
  return SyncDirectory(dir);
}

Status SyncDirectory(const std::string& dir) { return SyncPath(dir, true); }

}  // namespace kg::storage::internal
