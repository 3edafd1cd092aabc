// `kg bench`: the workloads of bench/kit/README.md run in one process
// through one session (whose plan cache prepares each workload's statement
// once), so the harness (bench/run) measures the engine and not process
// start-up; with the scope options (--valid-at ...) as every query command
// takes them, for bench/clocks_run. Before the timed batches of W2..W5 it
// builds the store's topology copy (as kg serve does at start), timed
// apart; --no-warm leaves the copy to the store's cost rule instead. Prints
// one JSON object:
//   W2..W5: {"workload", "queries", "warm_ms", "topology", "runs_ms": [...],
//            "median_ms", "checksum"}: warm_ms the build (0 with --no-warm),
//            topology whether a copy was built up front. With a scope and the
//            copy, one untimed batch under the scope first builds the copy's
//            clock table ("clocks_warm_ms"). With --against-plain (a scope
//            required) every run is a pair, the batch without the scope and
//            the batch with it back to back, in alternating order, adding
//            "plain_runs_ms", "plain_median_ms", "plain_checksum" and
//            "ratio_median" (the median of the pairs' scoped / plain times):
//            what the scope costs, measured at the same moments of a shared
//            machine and in the same process and memory.
//   W6:     {"ms", "rows"}: open the store + the first W2 statement (cold start)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/json.h"

namespace kg::cli {
namespace {

constexpr const char* kW2 = "MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name";
constexpr const char* kW3 = "MATCH (a {name: $name})-->()-->(c) RETURN DISTINCT c.name";
constexpr const char* kW4 = "MATCH (a {name: $name})-[*1..3]->(c) RETURN count(DISTINCT c)";
constexpr const char* kW5 =
    "MATCH p = shortestPath((a {name: $a})-[*..6]-(b {name: $b})) RETURN length(p)";

// One workload: its statement, the parameter sets and how rows add to the checksum.
struct Workload {
  std::string statement;
  std::vector<ValueMap> params;
  int64_t (*checksum)(const ResultTable&);
};

int64_t CountRows(const ResultTable& t) { return static_cast<int64_t>(t.rows.size()); }
int64_t SumFirstInt(const ResultTable& t) {
  int64_t sum = 0;
  for (const auto& row : t.rows) sum += !row.empty() && row[0].is_int() ? row[0].as_int() : 0;
  return sum;
}
int64_t PathScore(const ResultTable& t) {
  if (t.rows.empty() || t.rows[0].empty() || !t.rows[0][0].is_int()) return 0;
  return 1000 + t.rows[0][0].as_int();
}

Result<Value> LoadQueries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open '" + path + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  Result<Value> v = ParseJson(buf.str());
  if (!v.ok()) return v.status().WithPrefix(path);
  if (!v->is_map()) return Status::InvalidArgument(path + ": expected a JSON object");
  return v;
}

Result<const ValueList*> ListField(const Value& queries, const std::string& key) {
  auto it = queries.as_map().find(key);
  if (it == queries.as_map().end() || !it->second.is_list()) {
    return Status::InvalidArgument("queries file has no list '" + key + "'");
  }
  return &it->second.as_list();
}

Result<Workload> MakeWorkload(const std::string& name, const Value& queries) {
  static const struct {
    const char* name;
    const char* key;
    const char* statement;
    int64_t (*checksum)(const ResultTable&);
  } kTable[] = {{"W2", "w2_one_hop", kW2, CountRows},
                {"W3", "w3_two_hop", kW3, CountRows},
                {"W4", "w4_var_length", kW4, SumFirstInt},
                {"W5", "w5_shortest_path", kW5, PathScore}};
  for (const auto& w : kTable) {
    if (name != w.name) continue;
    KG_ASSIGN_OR_RETURN(const ValueList* starts, ListField(queries, w.key));
    Workload out{w.statement, {}, w.checksum};
    for (const Value& s : *starts) {
      if (s.is_list() && s.as_list().size() == 2) {
        out.params.push_back({{"a", s.as_list()[0]}, {"b", s.as_list()[1]}});
      } else {
        out.params.push_back({{"name", s}});
      }
    }
    return out;
  }
  return Status::InvalidArgument("unknown workload '" + name + "': use W2, W3, W4, W5 or W6");
}

double Millis(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// One pass over the batch (the statement's plan comes from the session's
// cache); the checksum of all its rows.
Result<int64_t> RunBatch(session::Session& db, const Workload& w, const session::Scope& scope) {
  int64_t checksum = 0;
  session::CallOptions options;
  options.timeout_seconds = 0;
  options.scope = scope;
  for (const ValueMap& p : w.params) {
    options.parameters = p;
    KG_ASSIGN_OR_RETURN(session::QueryResult r, db.Run(w.statement, options));
    checksum += w.checksum(r.table);
  }
  return checksum;
}

std::string Ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms);
  return buf;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string MsList(const std::vector<double>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Ms(v[i]);
  return out + "]";
}

// The timed batches of one setting, and the checksum that must not change.
struct Series {
  std::vector<double> runs;
  int64_t checksum = 0;
  // Runs the batch once more under `scope`, timing it.
  Status Add(session::Session& db, const Workload& w, const session::Scope& scope,
             const std::string& name) {
    auto start = std::chrono::steady_clock::now();
    Result<int64_t> sum = RunBatch(db, w, scope);
    if (!sum.ok()) return sum.status().WithPrefix(name);
    runs.push_back(Millis(start));
    if (runs.size() > 1 && *sum != checksum)
      return Status::Internal(name + ": checksum changed between runs");
    checksum = *sum;
    return Status::OK();
  }
};

struct BatchOptions {
  int reps = 3;
  bool warm = true;
  bool against_plain = false;
};

int RunBatches(const Context& ctx, const Workload& w, const std::string& name,
               const session::Scope& scope, const BatchOptions& opt) {
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, true);
  if (!db.ok()) return Report(db.status());
  Result<session::PreparedInfo> statement = (*db)->Prepare(w.statement, session::CallOptions{});
  if (!statement.ok()) return Report(statement.status().WithPrefix(name));
  // The whole batch is asked for up front, so the copy that a long run
  // would build half-way (once its RocksDB reads cost what a build does)
  // is built first and its time reported apart; so is the copy's clock
  // table, which the first statement under a scope builds.
  double warm_ms = 0, clocks_warm_ms = 0;
  bool topology = false;
  if (opt.warm) {
    auto start = std::chrono::steady_clock::now();
    Result<bool> built = (*db)->WarmTopology();
    if (!built.ok()) return Report(built.status().WithPrefix(name));
    warm_ms = Millis(start);
    topology = *built;
    if (topology && !scope.empty()) {
      start = std::chrono::steady_clock::now();
      Result<int64_t> sum = RunBatch(**db, w, scope);
      if (!sum.ok()) return Report(sum.status().WithPrefix(name));
      clocks_warm_ms = Millis(start);
    }
  }
  Series scoped, plain;
  for (int i = 0; i < opt.reps; ++i) {
    // Pairs alternate their order, so neither setting always runs first.
    const bool plain_first = opt.against_plain && i % 2 == 1;
    if (plain_first) {
      if (Status st = plain.Add(**db, w, session::Scope{}, name); !st.ok()) return Report(st);
    }
    if (Status st = scoped.Add(**db, w, scope, name); !st.ok()) return Report(st);
    if (opt.against_plain && !plain_first) {
      if (Status st = plain.Add(**db, w, session::Scope{}, name); !st.ok()) return Report(st);
    }
  }
  std::string out =
      "{\"workload\": \"" + name + "\", \"queries\": " + std::to_string(w.params.size()) +
      ", \"warm_ms\": " + Ms(warm_ms) + ", \"topology\": " + (topology ? "true" : "false");
  if (!scope.empty() && topology) out += ", \"clocks_warm_ms\": " + Ms(clocks_warm_ms);
  out += ", \"runs_ms\": " + MsList(scoped.runs) + ", \"median_ms\": " + Ms(Median(scoped.runs)) +
         ", \"checksum\": " + std::to_string(scoped.checksum);
  if (opt.against_plain) {
    std::vector<double> ratios;
    for (size_t i = 0; i < scoped.runs.size(); ++i)
      ratios.push_back(scoped.runs[i] / std::max(plain.runs[i], 1e-9));
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.4f", Median(ratios));
    out += ", \"plain_runs_ms\": " + MsList(plain.runs) +
           ", \"plain_median_ms\": " + Ms(Median(plain.runs)) +
           ", \"plain_checksum\": " + std::to_string(plain.checksum) +
           ", \"ratio_median\": " + ratio;
  }
  std::cout << out << "}" << std::endl;
  return kExitOk;
}

// W6: open + the W2 statement for the `w6_cold` name, timed together.
int RunCold(const Context& ctx, const Value& queries) {
  auto it = queries.as_map().find("w6_cold");
  if (it == queries.as_map().end() || !it->second.is_string()) {
    return Report(Status::InvalidArgument("queries file has no string 'w6_cold'"));
  }
  auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, true);
  if (!db.ok()) return Report(db.status());
  session::CallOptions options;
  options.parameters = {{"name", it->second}};
  Result<session::QueryResult> t = (*db)->Run(kW2, options);
  if (!t.ok()) return Report(t.status());
  double ms = Millis(start);
  std::cout << "{\"ms\": " << Ms(ms) << ", \"rows\": " << t->table.rows.size() << "}" << std::endl;
  return kExitOk;
}

struct BenchArgs {
  std::string workload;
  std::string queries;
  int reps = 3;
  bool no_warm = false;
  bool against_plain = false;
  ScopeArgs scope;
};

int RunBench(const Context& ctx, const BenchArgs& args) {
  Result<session::Scope> scope = ParseScope(args.scope);
  if (!scope.ok()) {
    Report(scope.status());
    return kExitUsage;
  }
  Result<Value> queries = LoadQueries(args.queries);
  if (!queries.ok()) return Report(queries.status());
  if (args.workload == "W6") return RunCold(ctx, *queries);
  Result<Workload> w = MakeWorkload(args.workload, *queries);
  if (!w.ok()) {
    Report(w.status());
    return kExitUsage;
  }
  if (args.against_plain && scope->empty()) {
    Report(Status::InvalidArgument(
        "--against-plain compares a scope with the plain batch: give --valid-at, --known-at, "
        "--as-of or --min-confidence"));
    return kExitUsage;
  }
  return RunBatches(ctx, *w, args.workload, *scope,
                    BatchOptions{args.reps, !args.no_warm, args.against_plain});
}

}  // namespace

void RegisterBenchCommand(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand("bench", "run a benchmark workload (see bench/run)");
  cmd->add_option("--workload", args->workload, "W2, W3, W4, W5 or W6")->required();
  cmd->add_option("--queries", args->queries, "queries.json written by kggen.py")->required();
  cmd->add_option("--reps", args->reps, "runs of the batch")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  cmd->add_flag("--no-warm", args->no_warm,
                "do not build the topology copy before the batches (the store's cost rule "
                "decides, as for one statement at a time)");
  cmd->add_flag("--against-plain", args->against_plain,
                "run each batch also without the scope, back to back, and report the median "
                "ratio of the pairs (what the scope costs)");
  AddScopeOptions(cmd, &args->scope);
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunBench(ctx, *args); }; });
}

}  // namespace kg::cli
