// Fuzz target: the CSV reader (storage/csv.h), which reads a path, so the
// input is written to an in-memory file (memfd) opened through /proc. The
// first byte picks the file kind ('e': relationships, else nodes); the rest
// is the file.
// Any bytes must give rows or an error, never a crash; every row's line
// number must be one the file has.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "storage/csv.h"

namespace {

// One memfd for the whole run, rewritten for each input.
int InputFd() {
  static int fd = memfd_create("kg_fuzz_csv", MFD_CLOEXEC);
  if (fd < 0) std::abort();
  return fd;
}

void WriteInput(const uint8_t* data, size_t size) {
  int fd = InputFd();
  if (ftruncate(fd, 0) != 0) std::abort();
  size_t done = 0;
  while (done < size) {
    ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
}

uint64_t LineCount(const uint8_t* data, size_t size) {
  uint64_t lines = 1;
  for (size_t i = 0; i < size; ++i)
    if (data[i] == '\n' || data[i] == '\r') ++lines;
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool nodes = data[0] != 'e';
  WriteInput(data + 1, size - 1);
  const std::string path = "/proc/self/fd/" + std::to_string(InputFd());
  const uint64_t lines = LineCount(data + 1, size - 1);
  kg::Status status;
  if (nodes) {
    status = kg::storage::ReadNodeCsv(path, [&](kg::storage::NodeRow& row) {
      if (row.line < 1 || row.line > lines) std::abort();
      return kg::Status::OK();
    });
  } else {
    status = kg::storage::ReadEdgeCsv(path, [&](kg::storage::EdgeRow& row) {
      if (row.line < 1 || row.line > lines) std::abort();
      return kg::Status::OK();
    });
  }
  if (!status.ok() && status.message().empty()) std::abort();  // errors say where and why
  return 0;
}
