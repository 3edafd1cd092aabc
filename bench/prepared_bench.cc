// Per-statement cost of the session layer in process (issue 20: a trivial
// `RETURN 1` under 2 µs): Session::Run on statements whose plan the
// session's cache already holds, so each call is the cache look-up, the
// parameters, execution and the result table. Prints one JSON line per
// statement with the median over rounds of the mean per call.
//   prepared_bench [--db DIR] [--calls 100000] [--rounds 7]
// Without --db it makes an empty database in a temporary directory (removed
// at exit); with --db it opens DIR read-only (e.g. a kggen database, to time
// the W2 statement too, with --name NAME as its parameter).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "api/session.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string db;
  std::string name;  // the W2 start name, with --db
  long calls = 100000;
  int rounds = 7;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--db")
      args->db = value;
    else if (flag == "--name")
      args->name = value;
    else if (flag == "--calls")
      args->calls = std::atol(value.c_str());
    else if (flag == "--rounds")
      args->rounds = std::atoi(value.c_str());
    else
      return false;
  }
  return argc % 2 == 1 && args->calls > 0 && args->rounds > 0;
}

// The process's CPU time in ns: unlike the wall clock, not stretched by
// other processes on a shared machine.
double CpuNs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Median over rounds of the mean ns per call (wall clock and CPU time);
// false on the first error.
bool Time(kg::session::Session& db, const char* label, const std::string& text,
          const kg::session::CallOptions& options, const Args& args) {
  auto first = db.Run(text, options);  // plans and caches the statement
  if (!first.ok()) {
    std::fprintf(stderr, "prepared_bench: %s: %s\n", label, first.status().ToString().c_str());
    return false;
  }
  std::vector<double> per_call, cpu_per_call;
  for (int r = 0; r < args.rounds; ++r) {
    double cpu0 = CpuNs();
    auto t0 = Clock::now();
    for (long i = 0; i < args.calls; ++i) {
      if (!db.Run(text, options).ok()) return false;
    }
    std::chrono::duration<double, std::nano> ns = Clock::now() - t0;
    per_call.push_back(ns.count() / static_cast<double>(args.calls));
    cpu_per_call.push_back((CpuNs() - cpu0) / static_cast<double>(args.calls));
  }
  std::printf(
      "{\"statement\": \"%s\", \"calls\": %ld, \"rounds\": %d, \"median_ns\": %.0f, "
      "\"min_ns\": %.0f, \"median_cpu_ns\": %.0f, \"rows\": %zu}\n",
      label, args.calls, args.rounds, Median(per_call),
      *std::min_element(per_call.begin(), per_call.end()), Median(cpu_per_call),
      first->table.rows.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr, "usage: prepared_bench [--db DIR --name NAME] [--calls N] [--rounds R]\n");
    return 2;
  }
  std::string path = args.db;
  std::string temp;
  kg::session::OpenOptions open;
  if (path.empty()) {
    temp = (std::filesystem::temp_directory_path() / "kg-prepared-bench-XXXXXX").string();
    if (::mkdtemp(temp.data()) == nullptr) return 1;
    path = temp + "/db";
    open.create_if_missing = true;
  } else {
    open.read_only = true;
  }
  int rc = 0;
  {
    auto db = kg::session::Session::Open(path, open);
    if (!db.ok()) {
      std::fprintf(stderr, "prepared_bench: %s\n", db.status().ToString().c_str());
      return 1;
    }
    kg::session::CallOptions plain;
    kg::session::CallOptions param;
    param.parameters = {{"x", kg::Value(int64_t{41})}};
    if (!Time(**db, "RETURN 1", "RETURN 1", plain, args) ||
        !Time(**db, "RETURN $x + 1", "RETURN $x + 1", param, args))
      rc = 1;
    if (rc == 0 && !args.name.empty()) {
      kg::session::CallOptions w2;
      w2.parameters = {{"name", kg::Value(args.name)}};
      Args fewer = args;
      fewer.calls = std::max(1L, args.calls / 100);
      if (!Time(**db, "W2", "MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name",
                w2, fewer))
        rc = 1;
    }
  }
  if (!temp.empty()) std::filesystem::remove_all(temp);
  return rc;
}
