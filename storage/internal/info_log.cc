// The info log that tolerates a full disk (see info_log.h).
#include "storage/internal/info_log.h"

#include <sys/time.h>

#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <mutex>

namespace kg::storage::internal {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kRotateBytes = 1 << 20;

class TolerantLogger : public rocksdb::Logger {
 public:
  explicit TolerantLogger(std::FILE* file)
      : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL), file_(file) {
    if (file_ != nullptr) std::setvbuf(file_, nullptr, _IOFBF, 64 << 10);
  }
  ~TolerantLogger() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (file_ == nullptr || failed_) return;
    struct timeval now;
    ::gettimeofday(&now, nullptr);
    struct tm t;
    ::localtime_r(&now.tv_sec, &t);
    bool ok =
        std::fprintf(file_, "%04d/%02d/%02d-%02d:%02d:%02d.%06ld ", t.tm_year + 1900, t.tm_mon + 1,
                     t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, static_cast<long>(now.tv_usec)) >= 0;
    ok = ok && std::vfprintf(file_, format, ap) >= 0;
    ok = ok && std::fputc('\n', file_) != EOF;
    if (!ok) failed_ = true;
  }

  void Flush() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (file_ != nullptr && !failed_ && std::fflush(file_) != 0) failed_ = true;
  }

 private:
  std::mutex mu_;
  std::FILE* file_;
  bool failed_ = false;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::string& dir) {
  fs::path log = fs::path(dir) / "LOG";
  std::error_code ec;
  if (fs::file_size(log, ec) > kRotateBytes && !ec) fs::rename(log, fs::path(dir) / "LOG.old", ec);
  // No file (a read-only directory, a full disk): the logger drops every line.
  return std::make_shared<TolerantLogger>(std::fopen(log.c_str(), "ae"));
}

std::shared_ptr<rocksdb::Logger> NullInfoLog() { return std::make_shared<TolerantLogger>(nullptr); }

}  // namespace kg::storage::internal
