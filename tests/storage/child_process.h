// Runs one disabled test case of the current test binary in a fresh child
// process (fork + exec of /proc/self/exe), so lock and crash tests get a real
// second process without forking a process that already runs RocksDB threads.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace kg::storage::testing {

// Starts `binary --gtest_filter=<test> --gtest_also_run_disabled_tests` with
// the extra environment variables set; returns the child's pid (or -1). The
// child runs unsharded: a parent run as one shard of its program (the
// sanitizer build's ctest, tests/CMakeLists.txt) would otherwise pass its
// GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX on, and the child's one case could
// fall in another shard and not run at all.
inline pid_t SpawnTest(const std::string& test,
                       const std::vector<std::pair<std::string, std::string>>& env) {
  char self[4096];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) return -1;
  self[n] = '\0';
  std::string filter = "--gtest_filter=" + test;
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::unsetenv("GTEST_TOTAL_SHARDS");
  ::unsetenv("GTEST_SHARD_INDEX");
  for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
  char* argv[] = {self, filter.data(), const_cast<char*>("--gtest_also_run_disabled_tests"),
                  const_cast<char*>("--gtest_brief=1"), nullptr};
  ::execv(self, argv);
  ::_exit(127);
}

// Waits for the child; returns its exit code, or 128 + signal.
inline int WaitChild(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// The value of an environment variable, or "".
inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

}  // namespace kg::storage::testing
