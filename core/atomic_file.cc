// AtomicFile: temporary file + fsync + rename, following links and writing
// devices in place (see atomic_file.h).
#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace kg {
namespace {

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Status WriteError(const std::string& path, int err) {
  return Status::IOError("cannot write '" + path + "': " + std::strerror(err));
}

// Writes all of `data` to `fd`; false with errno set on failure.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) {
      errno = ENOSPC;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The file a chain of symbolic links ends at (which may not exist yet).
// Relative link texts are taken from the directory of the link.
Result<std::string> FollowLinks(const std::string& path) {
  constexpr int kMaxLinks = 40;  // as the kernel's ELOOP limit
  std::string current = path;
  for (int i = 0; i < kMaxLinks; ++i) {
    struct stat st;
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
    std::string text(PATH_MAX, '\0');
    ssize_t n = ::readlink(current.c_str(), text.data(), text.size());
    if (n < 0) return WriteError(path, errno);
    text.resize(static_cast<size_t>(n));
    current = text.starts_with('/') ? text : DirectoryOf(current) + "/" + text;
  }
  return WriteError(path, ELOOP);
}

// Where and how `path` is written: `target` with `old` its current status
// (regular file replaced), or `in_place` for devices and FIFOs.
struct Plan {
  std::string target;
  bool exists = false;
  struct stat old {};
  bool in_place = false;
};

Result<Plan> PlanFor(const std::string& path, const struct stat& st, const std::string& target) {
  if (S_ISDIR(st.st_mode)) return Status::IOError("cannot write '" + path + "': it is a directory");
  Plan p;
  p.target = target;
  p.exists = true;
  p.old = st;
  p.in_place = !S_ISREG(st.st_mode);
  return p;
}

Result<Plan> MakePlan(const std::string& path) {
  struct stat link;
  if (::lstat(path.c_str(), &link) != 0) {
    if (errno != ENOENT) return WriteError(path, errno);
    return Plan{path};
  }
  if (!S_ISLNK(link.st_mode)) return PlanFor(path, link, path);
  struct stat target;
  if (::stat(path.c_str(), &target) != 0) {
    if (errno != ENOENT) return WriteError(path, errno);
    // A dangling link: create the file it names, keeping the link.
    KG_ASSIGN_OR_RETURN(std::string resolved, FollowLinks(path));
    return Plan{resolved};
  }
  if (!S_ISREG(target.st_mode)) return PlanFor(path, target, path);
  // A regular file behind the link: replace it in its own directory. When
  // the link does not resolve to a path naming that same file (a /proc
  // "magic" link such as /dev/stdout to a deleted file), write through it.
  char* real = ::realpath(path.c_str(), nullptr);
  std::string resolved = real ? real : "";
  std::free(real);
  struct stat check;
  if (resolved.empty() || ::lstat(resolved.c_str(), &check) != 0 || check.st_dev != target.st_dev ||
      check.st_ino != target.st_ino) {
    Plan p{path, true, target, true};
    return p;
  }
  return PlanFor(path, target, resolved);
}

void SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: some file systems refuse fsync on directories
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile() : buf_(this), stream_(&buf_) {}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

Result<std::unique_ptr<AtomicFile>> AtomicFile::Open(const std::string& path) {
  KG_ASSIGN_OR_RETURN(Plan plan, MakePlan(path));
  std::unique_ptr<AtomicFile> f(new AtomicFile());
  f->path_ = path;
  f->target_ = plan.target;
  if (plan.in_place) {
    f->fd_ = ::open(plan.target.c_str(), O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
    if (f->fd_ < 0) return WriteError(path, errno);
    return f;
  }
  f->temp_ = DirectoryOf(plan.target) + "/.kg-tmp-XXXXXX";
  f->fd_ = ::mkstemp(f->temp_.data());
  if (f->fd_ < 0) {
    int err = errno;
    f->temp_.clear();
    return WriteError(path, err);
  }
  // mkstemp creates 0600; a new file is an ordinary shareable one (0644:
  // reading the umask would race with other threads). A replaced file keeps
  // its permission bits (without set-id bits) and, where allowed, its owner.
  const struct stat* old = plan.exists ? &plan.old : nullptr;
  if (old != nullptr && (old->st_uid != ::geteuid() || old->st_gid != ::getegid())) {
    if (::fchown(f->fd_, old->st_uid, old->st_gid) != 0) errno = 0;
  }
  if (::fchmod(f->fd_, old != nullptr ? (old->st_mode & 0777) : 0644) != 0)
    return WriteError(path, errno);
  return f;
}

Status AtomicFile::Fail(int err) {
  Record(err);
  return error_;
}

void AtomicFile::Record(int err) {
  if (error_.ok()) error_ = WriteError(path_, err);
}

Status AtomicFile::Append(std::string_view data) {
  if (!error_.ok()) return error_;
  if (finished_) return Status::Internal("AtomicFile: append after finish of " + path_);
  if (!WriteAll(fd_, data)) return Fail(errno);
  return Status::OK();
}

std::streamsize AtomicFile::Buf::xsputn(const char* s, std::streamsize n) {
  return file_->Append(std::string_view(s, static_cast<size_t>(n))).ok() ? n : 0;
}

AtomicFile::Buf::int_type AtomicFile::Buf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  char ch = traits_type::to_char_type(c);
  return file_->Append(std::string_view(&ch, 1)).ok() ? c : traits_type::eof();
}

Status AtomicFile::Finish() {
  if (finished_) return error_;
  finished_ = true;
  // A device or FIFO may refuse fsync (EINVAL): only regular files need it.
  if (error_.ok() && !temp_.empty() && ::fsync(fd_) != 0) Record(errno);
  if (::close(fd_) != 0) Record(errno);
  fd_ = -1;
  return error_;
}

Status AtomicFile::Commit() {
  KG_RETURN_IF_ERROR(Finish());
  if (committed_ || temp_.empty()) {
    committed_ = true;
    return Status::OK();
  }
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) return Fail(errno);
  committed_ = true;
  SyncDirectory(DirectoryOf(target_));
  return Status::OK();
}

Status CommitAll(const std::vector<AtomicFile*>& files) {
  for (AtomicFile* f : files) KG_RETURN_IF_ERROR(f->Finish());
  for (AtomicFile* f : files) KG_RETURN_IF_ERROR(f->Commit());
  return Status::OK();
}

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  KG_ASSIGN_OR_RETURN(std::unique_ptr<AtomicFile> file, AtomicFile::Open(path));
  KG_RETURN_IF_ERROR(file->Append(data));
  return file->Commit();
}

Status FlushStdout() {
  std::cout.flush();
  bool ok = !std::cout.bad();
  int err = 0;
  if (std::fflush(stdout) != 0) ok = false, err = errno;
  if (std::ferror(stdout)) ok = false;
  if (ok) return Status::OK();
  return Status::IOError(std::string("cannot write standard output: ") +
                         (err != 0 ? std::strerror(err) : "write error"));
}

}  // namespace kg
