// The fixed cost of a short session with the store (issue 13 §3, issue 20
// W7): what a one-statement CLI write, a one-shot `kg query` or a test's
// fresh database pays to open and close RocksDB, apart from process start.
//   session_bench --dir DIR [--mode create|write|read] [--count 200] [--rounds 5]
// create: Store::Create, then a writable open and close (a new database).
// write:  a writable open, one entity created and committed, close (one
//         database, as `kg --db D query 'CREATE …'` repeated).
// read:   a read-only open of a database with one entity, a stats read, close.
// Prints one JSON line per round: wall, user and system CPU per session in
// microseconds (getrusage), then the medians. DIR must not exist or be empty;
// it is removed at exit. Put it on the file system to measure (tmpfs and
// disk differ: fsync, preallocation).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "schema/ontology.h"
#include "storage/store.h"

namespace {

namespace fs = std::filesystem;
using kg::storage::Store;

struct Args {
  std::string dir;
  std::string mode = "write";
  int count = 200;
  int rounds = 5;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--dir")
      args->dir = value;
    else if (flag == "--mode")
      args->mode = value;
    else if (flag == "--count")
      args->count = std::atoi(value.c_str());
    else if (flag == "--rounds")
      args->rounds = std::atoi(value.c_str());
    else
      return false;
  }
  return argc % 2 == 1 && !args->dir.empty() && args->count > 0 && args->rounds > 0 &&
         (args->mode == "create" || args->mode == "write" || args->mode == "read");
}

double Micros(const timeval& t) { return t.tv_sec * 1e6 + t.tv_usec; }

struct Cost {
  double wall = 0, user = 0, sys = 0;  // µs per session
};

bool Check(const kg::Status& s, const char* what) {
  if (s.ok()) return true;
  std::fprintf(stderr, "session_bench: %s: %s\n", what, s.message().c_str());
  return false;
}

// One session of `mode` on the database `db` (made fresh by create).
bool Session(const std::string& mode, const std::string& db, int i) {
  if (mode == "create") {
    if (!Check(Store::Create(db, kg::schema::Ontology::Builtin()), "create")) return false;
    auto store = Store::Open(db, {});
    return Check(store.status(), "open");
  }
  if (mode == "read") {
    auto store = Store::Open(db, {.read_only = true});
    return Check(store.status(), "read-only open") && Check((*store)->Stats().status(), "stats");
  }
  auto store = Store::Open(db, {});
  if (!Check(store.status(), "open")) return false;
  auto t = (*store)->BeginWrite();
  if (!Check(t.status(), "begin")) return false;
  auto made = (*t)->CreateEntity({"Company"}, {{"name", "C" + std::to_string(i)}});
  return Check(made.status(), "create entity") && Check((*t)->Commit(), "commit");
}

bool Round(const Args& args, int round, Cost* cost) {
  std::string base = args.dir + "/r" + std::to_string(round);
  std::string db = base + "/db";
  if (args.mode != "create") {
    if (!Check(Store::Create(db, kg::schema::Ontology::Builtin()), "create")) return false;
    if (args.mode == "read" && !Session("write", db, 0)) return false;
  }
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < args.count; ++i) {
    std::string target = args.mode == "create" ? base + "/db" + std::to_string(i) : db;
    if (!Session(args.mode, target, i)) return false;
  }
  double wall =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  getrusage(RUSAGE_SELF, &after);
  cost->wall = wall / args.count;
  cost->user = (Micros(after.ru_utime) - Micros(before.ru_utime)) / args.count;
  cost->sys = (Micros(after.ru_stime) - Micros(before.ru_stime)) / args.count;
  std::error_code ec;
  fs::remove_all(base, ec);
  return true;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: session_bench --dir DIR [--mode create|write|read] [--count N] "
                 "[--rounds R]\n");
    return 2;
  }
  std::error_code ec;
  if (fs::exists(args.dir, ec) && !fs::is_empty(args.dir, ec)) {
    std::fprintf(stderr, "session_bench: %s is not empty\n", args.dir.c_str());
    return 2;
  }
  fs::create_directories(args.dir, ec);
  std::vector<double> wall, user, sys;
  bool ok = true;
  for (int r = 0; r < args.rounds && ok; ++r) {
    Cost c;
    ok = Round(args, r, &c);
    if (!ok) break;
    wall.push_back(c.wall);
    user.push_back(c.user);
    sys.push_back(c.sys);
    std::printf(
        "{\"mode\":\"%s\",\"round\":%d,\"wall_us\":%.0f,\"user_us\":%.0f,\"sys_us\":%.0f}\n",
        args.mode.c_str(), r, c.wall, c.user, c.sys);
  }
  if (ok)
    std::printf(
        "{\"mode\":\"%s\",\"count\":%d,\"rounds\":%d,\"median_wall_us\":%.0f,"
        "\"median_user_us\":%.0f,\"median_sys_us\":%.0f}\n",
        args.mode.c_str(), args.count, args.rounds, Median(wall), Median(user), Median(sys));
  fs::remove_all(args.dir, ec);
  return ok ? 0 : 1;
}
