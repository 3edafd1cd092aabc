// Writing a file whole or not at all. Every file kg writes (exports,
// diagrams, backup manifests) goes through here: the bytes go to a temporary
// file in the target's own directory, are fsynced, and are renamed over the
// target only when complete, so a failure or a kill at any moment leaves the
// previous file (or nothing) in place, never a torn one.
//
// What the target is decides how it is written:
//  - nothing: a new 0644 file, written atomically as above;
//  - a regular file: replaced atomically the same way, keeping its permission
//    bits (and its owner where the process may set it);
//  - a symbolic link: the file it resolves to is written by these rules, in
//    that file's directory; the link stays (a dangling link's target is
//    created);
//  - a device, FIFO or terminal (/dev/null, /dev/stdout to a pipe, ...):
//    opened O_WRONLY|O_TRUNC and written directly, never replaced (there is
//    nothing to replace atomically);
//  - a directory: IOError.
// Every error is IOError naming the path the caller gave and the reason
// ("No space left on device", ...).
#pragma once

#include <sys/types.h>

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace kg {

// One file being written. Not thread-safe. Destroying it without Commit
// removes the temporary file and leaves the target as it was.
class AtomicFile {
 public:
  // Prepares to write `path` (see above). IOError when the target is a
  // directory or its directory cannot hold a new file.
  static Result<std::unique_ptr<AtomicFile>> Open(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Appends bytes. The first error is kept: later appends do nothing and
  // Finish/Commit return it.
  Status Append(std::string_view data);
  // A stream over Append, for writers that take std::ostream. A failed write
  // sets its badbit; Finish/Commit report the error itself.
  std::ostream& stream() { return stream_; }

  // Flushes, fsyncs and closes the temporary file; the target is untouched.
  // Idempotent; returns the first error of any write.
  Status Finish();
  // Finish(), then renames the temporary file over the target and syncs the
  // directory. After an error the target is unchanged.
  Status Commit();

  const std::string& path() const { return path_; }

 private:
  class Buf : public std::streambuf {
   public:
    explicit Buf(AtomicFile* file) : file_(file) {}

   protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int_type overflow(int_type c) override;

   private:
    AtomicFile* file_;
  };

  AtomicFile();
  Status Fail(int err);  // records the first error and returns it
  void Record(int err);

  std::string path_;    // what the caller asked for (used in messages)
  std::string target_;  // the file replaced (a link's target), or the device written
  std::string temp_;    // the temporary file; empty when writing in place
  int fd_ = -1;
  bool finished_ = false;
  bool committed_ = false;
  Status error_;
  Buf buf_;
  std::ostream stream_;
};

// Commits several files together: finishes every one first, so that an
// error in any (a full disk) leaves all their targets untouched, then renames
// each over its target. The first error is returned.
Status CommitAll(const std::vector<AtomicFile*>& files);

// Writes `data` to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, std::string_view data);

// Flushes std::cout and checks that everything written to it reached its
// destination (a redirected stdout on a full disk fails here, or at close).
// IOError "cannot write standard output: ..." otherwise.
Status FlushStdout();

}  // namespace kg
