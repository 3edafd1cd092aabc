// The openCypher TCK sample (tests/tck/sample.jsonl) run in
// process against kg's query engine: one fresh open-ontology database per
// scenario, its setup, the query with parameters, and the control queries,
// each compared with the expectation by the TCK rules (tck_values.h).
//
// Prints every failure (id, title, why) and a closing "N passed, M failed".
// Environment: KG_TCK_FILTER=substring runs only scenarios whose id contains
// it; KG_TCK_FILE overrides the sample path; KG_TCK_TMP the directory for
// the scenario databases.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/query/tck_values.h"
#include "tests/sanitizers.h"

namespace kg {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr double kScenarioSeconds = 10.0;

std::string StringField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Where scenario databases go: $KG_TCK_TMP, else /dev/shm when usable (a
// store's creation syncs to disk several times; 392 of them add up), else
// the temp directory.
fs::path BaseDir() {
  if (const char* env = std::getenv("KG_TCK_TMP")) return env;
  std::error_code ec;
  if (fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0) return "/dev/shm";
  return fs::temp_directory_path();
}

// A fresh directory under BaseDir(), removed by the destructor.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (BaseDir() / "kg-tck-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Result<tck::ExpectedRows> ParseExpectedRows(const json& expect) {
  tck::ExpectedRows rows;
  rows.ordered = expect.value("ordered", false);
  rows.lists_unordered = expect.value("lists_unordered", false);
  const json columns = expect.value("columns", json::array());
  const json cells = expect.value("rows", json::array());
  for (const auto& c : columns) rows.columns.push_back(c.is_string() ? c.get<std::string>() : "");
  for (const auto& r : cells) {
    std::vector<Value> row;
    for (const auto& cell : r) {
      if (!cell.is_string()) return Status::InvalidArgument("a cell is not a string");
      KG_ASSIGN_OR_RETURN(Value v, tck::ParseValue(cell.get<std::string>()));
      row.push_back(std::move(v));
    }
    rows.rows.push_back(std::move(row));
  }
  return rows;
}

// Checks one query's outcome against an `expect` object; "" when it matches.
std::string CheckOutcome(const Result<ResultTable>& got, const json& expect) {
  std::string kind = StringField(expect, "kind");
  if (kind == "error") {
    std::string type = StringField(expect, "type");
    if (got.ok()) return "expected " + type + ", but the query succeeded";
    if (got.status().message().find(type) == std::string::npos) {
      return "expected error class " + type + " (" + StringField(expect, "detail") +
             "), got: " + got.status().message();
    }
    return "";
  }
  if (!got.ok()) return "unexpected error: " + got.status().message();
  if (kind == "empty") {
    if (got->rows.empty()) return "";
    return "expected no rows, got " + std::to_string(got->rows.size());
  }
  if (kind != "rows") return "unknown expectation kind '" + kind + "'";
  Result<tck::ExpectedRows> expected = ParseExpectedRows(expect);
  if (!expected.ok()) return "bad expectation: " + expected.status().message();
  return tck::CompareTable(*expected, *got);
}

// The TCK's side effects against kg's update counters. The TCK states a
// graph diff: "+nodes" are nodes there after and not before, so a node a
// statement both creates and deletes is in neither, where the counters
// (Neo4j's) count it in both. So for nodes, and likewise relationships:
// counted created - "+nodes" == counted deleted - "-nodes" (the transient
// ones) >= 0, unstated counts being 0. "+labels" (label names new to the
// graph) and "+properties" (a diff of values) are not what the counters
// count.
std::string CheckSideEffects(const json& effects, const UpdateCounters& counters) {
  auto stated = [&](const char* key) -> uint64_t {
    return effects.contains(key) ? effects[key].get<uint64_t>() : 0;
  };
  const struct {
    const char* what;
    uint64_t created, deleted;
  } kinds[] = {{"nodes", counters.nodes_created, counters.nodes_deleted},
               {"relationships", counters.relationships_created, counters.relationships_deleted}};
  for (const auto& k : kinds) {
    uint64_t plus = stated((std::string("+") + k.what).c_str());
    uint64_t minus = stated((std::string("-") + k.what).c_str());
    if (k.created < plus || k.deleted < minus || k.created - plus != k.deleted - minus)
      return std::string("side effects +") + k.what + " " + std::to_string(plus) + ", -" + k.what +
             " " + std::to_string(minus) + ": counted " + std::to_string(k.created) + " created, " +
             std::to_string(k.deleted) + " deleted";
  }
  return "";
}

// Makes an empty database at `db`: a copy of one made by Store::Create once
// per process. Every scenario starts from the same files a creation writes
// (a closed database's directory is the whole database), without paying for
// a creation each time: RocksDB writes and re-parses its options file at
// every open, which under the sanitizers' allocator cost more than most
// scenarios' queries.
Status MakeEmptyDatabase(const std::string& db) {
  static TempDir templ;
  static Status made = templ.path().empty()
                           ? Status::IOError("cannot create a temp directory")
                           : storage::Store::Create(templ.path() + "/db", schema::Ontology::Open());
  KG_RETURN_IF_ERROR(made);
  std::error_code ec;
  fs::copy(templ.path() + "/db", db, fs::copy_options::recursive, ec);
  if (ec) return Status::IOError("copy the empty database: " + ec.message());
  return Status::OK();
}

// Runs one scenario; "" when it passes, otherwise why not.
std::string RunScenario(const json& sc, const storage::OpenOptions& open) {
  TempDir dir;
  if (dir.path().empty()) return "cannot create a temp directory";
  std::string db = dir.path() + "/db";
  Status created = MakeEmptyDatabase(db);
  if (!created.ok()) return "create store: " + created.message();
  auto store = storage::Store::Open(db, open);
  if (!store.ok()) return "open store: " + store.status().message();

  query::QueryOptions plain;
  plain.timeout_seconds = kScenarioSeconds;
  const json setups = sc.value("setup", json::array());
  for (const auto& setup : setups) {
    auto r = query::Run(**store, setup.is_string() ? setup.get<std::string>() : "", plain);
    if (!r.ok()) return "setup failed: " + r.status().message();
  }
  query::QueryOptions options = plain;
  const json params = sc.value("parameters", json::object());
  for (const auto& [name, text] : params.items()) {
    auto v = tck::ParseValue(text.is_string() ? text.get<std::string>() : "");
    if (!v.ok()) return "bad parameter " + name + ": " + v.status().message();
    options.parameters[name] = *v;
  }
  UpdateCounters counters;
  options.counters = &counters;
  auto got = query::Run(**store, StringField(sc, "query"), options);
  std::string why = CheckOutcome(got, sc.value("expect", json::object()));
  if (!why.empty()) return why;
  const json effects = sc.value("side_effects", json());
  if (got.ok() && effects.is_object()) {
    why = CheckSideEffects(effects, counters);
    if (!why.empty()) return why;
  }
  int i = 0;
  const json controls = sc.value("control", json::array());
  for (const auto& control : controls) {
    ++i;
    auto r = query::Run(**store, StringField(control, "query"), plain);
    why = CheckOutcome(r, control.value("expect", json::object()));
    if (!why.empty()) return "control query " + std::to_string(i) + ": " + why;
  }
  return "";
}

std::string SamplePath() {
  const char* env = std::getenv("KG_TCK_FILE");
  return env != nullptr ? env : KG_SOURCE_DIR "/tests/tck/sample.jsonl";
}

// Pass counts of one run, in total and per feature file.
struct TckTally {
  int passed = 0;
  int failed = 0;
  std::map<std::string, std::pair<int, int>> by_feature;  // feature -> (passed, failed)
};

// Runs every scenario of the JSON Lines file `path` whose id starts with
// `prefix` (and contains $KG_TCK_FILTER when set) on RocksDB reads and, with
// `compare_cache`, again on the topology cache (which must end the same
// way; the sample checks that, the feature areas save the time). Prints each
// failure and a closing "N passed, M failed".
TckTally RunScenarioFile(const std::string& path, const std::string& prefix, bool compare_cache) {
  TckTally tally;
  std::ifstream in(path);
  EXPECT_TRUE(in) << "TCK scenarios not found at " << path;
  const char* filter = std::getenv("KG_TCK_FILTER");
  storage::OpenOptions rocksdb_reads, cached_reads;
  rocksdb_reads.topology_cache_bytes = 0;
  cached_reads.topology_build_after = 1;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json sc = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(sc.is_discarded()) << "bad JSON line in " << path;
    std::string id = StringField(sc, "id");
    if (id.rfind(prefix, 0) != 0) continue;
    if (filter != nullptr && id.find(filter) == std::string::npos) continue;
    auto start = std::chrono::steady_clock::now();
    std::string why = RunScenario(sc, rocksdb_reads);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (compare_cache) {
      std::string cached_why = RunScenario(sc, cached_reads);
      EXPECT_EQ(cached_why, why) << id << " with the topology cache";
    }
    if (why.empty() && secs > kScenarioSeconds) {
      why = "took " + std::to_string(secs) + " s (limit 10 s)";
    }
    auto& feature = tally.by_feature[id.substr(0, id.find('#'))];
    if (why.empty()) {
      ++tally.passed;
      ++feature.first;
      continue;
    }
    ++tally.failed;
    ++feature.second;
    std::cout << "FAIL " << id << " — " << StringField(sc, "scenario") << "\n    " << why
              << "\n    query: " << StringField(sc, "query") << "\n";
  }
  std::cout << tally.passed << " passed, " << tally.failed << " failed" << std::endl;
  return tally;
}

TEST(TckSampleTest, PassesAtLeastNinetyPercent) {
  // The comparison with the topology cache doubles the run; the plain build
  // makes it, the sanitizer build (tests/sanitizers.h) runs each path once
  // elsewhere (the case files of query_test run on both).
  TckTally t = RunScenarioFile(SamplePath(), "", /*compare_cache=*/!kg::testing::kSanitized);
  int total = t.passed + t.failed;
  ASSERT_GT(total, 0);
  EXPECT_GE(t.passed * 10, total * 9) << t.passed << " of " << total << " scenarios pass";
}

// The vendored TCK feature areas (tests/tck/features.jsonl, generated from
// tests/tck/features by scripts/tck_convert.py). Each area must pass at least
// the number of scenarios recorded in tests/tck/floors.json: a ratchet that
// fails on any regression; docs/conformance.md gives the rates and targets.
class TckFeatureAreaTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TckFeatureAreaTest, PassesAtLeastItsFloor) {
  const std::string area = GetParam();
  std::ifstream floors_in(KG_SOURCE_DIR "/tests/tck/floors.json");
  ASSERT_TRUE(floors_in) << "tests/tck/floors.json is missing";
  json floors = json::parse(floors_in, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(floors.is_object() && floors.contains(area)) << "no floor for " << area;
  TckTally t = RunScenarioFile(KG_SOURCE_DIR "/tests/tck/features.jsonl", area + "/",
                               /*compare_cache=*/false);
  ASSERT_GT(t.passed + t.failed, 0) << "no scenario of " << area;
  for (const auto& [feature, counts] : t.by_feature) {
    std::cout << "feature " << feature << ": " << counts.first << " of "
              << counts.first + counts.second << "\n";
  }
  if (std::getenv("KG_TCK_FILTER") == nullptr) {
    EXPECT_GE(t.passed, floors[area].get<int>())
        << area << ": " << t.passed << " of " << t.passed + t.failed << " pass";
  }
}

INSTANTIATE_TEST_SUITE_P(Areas, TckFeatureAreaTest,
                         ::testing::Values("clauses/delete", "clauses/merge",
                                           "clauses/with-orderBy", "expressions/aggregation",
                                           "expressions/list", "expressions/pattern",
                                           "expressions/quantifier", "expressions/temporal"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(TckValuesTest, ParsesScalarsWithDistinctIntAndFloat) {
  EXPECT_EQ(*tck::ParseValue("-42"), Value(int64_t{-42}));
  EXPECT_EQ(*tck::ParseValue(".5e-3"), Value(0.0005));
  EXPECT_EQ(*tck::ParseValue("'it\\'s'"), Value("it's"));
  EXPECT_TRUE(tck::ParseValue("null")->is_null());
  EXPECT_TRUE(std::isnan(tck::ParseValue("NaN")->as_double()));
  EXPECT_EQ(*tck::ParseValue("-Inf"), Value(-std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(tck::SameValue(*tck::ParseValue("1"), Value(1.0), false));
  EXPECT_TRUE(tck::SameValue(*tck::ParseValue("0.3"), Value(0.1 + 0.2), false));
}

TEST(TckValuesTest, ParsesGraphValuesAndComparesWithoutIds) {
  auto node = tck::ParseValue("(:B:A {`a b`: [1, 'x'], m: {}})");
  ASSERT_TRUE(node.ok()) << node.status().message();
  Entity e{77, {"A", "B"}, {{"a b", ValueList{1, "x"}}, {"m", ValueMap{}}}};
  EXPECT_TRUE(tck::SameValue(*node, Value(std::make_shared<const Entity>(e)), false));
  e.labels = {"A"};
  EXPECT_FALSE(tck::SameValue(*node, Value(std::make_shared<const Entity>(e)), false));
  auto rel = tck::ParseValue("[:T {p: 1}]");
  ASSERT_TRUE(rel.ok());
  Relation r{5, "T", 1, 2, {{"p", 1}}};
  EXPECT_TRUE(tck::SameValue(*rel, Value(std::make_shared<const Relation>(r)), false));
}

TEST(TckValuesTest, PathsCompareDirection) {
  auto p = tck::ParseValue("<(:A)<-[:T]-(:B)>");
  ASSERT_TRUE(p.ok()) << p.status().message();
  Path path{{Entity{10, {"A"}, {}}, Entity{20, {"B"}, {}}}, {Relation{1, "T", 20, 10, {}}}};
  EXPECT_TRUE(tck::SameValue(*p, Value(std::make_shared<const Path>(path)), false));
  std::swap(path.rels[0].start, path.rels[0].end);
  EXPECT_FALSE(tck::SameValue(*p, Value(std::make_shared<const Path>(path)), false));
  EXPECT_EQ(tck::Render(*p), "<(:A)<-[:T]-(:B)>");
}

TEST(TckValuesTest, RejectsMalformedValues) {
  EXPECT_FALSE(tck::ParseValue("[1, 2").ok());
  EXPECT_FALSE(tck::ParseValue("'open").ok());
  EXPECT_FALSE(tck::ParseValue("{a 1}").ok());
  EXPECT_FALSE(tck::ParseValue("1 2").ok());
}

TEST(TckValuesTest, TablesCompareAsMultisetOrSequence) {
  tck::ExpectedRows want{{"a", "b"}, {{1, 2}, {3, 4}}, false, false};
  ResultTable got{{"b", "a"}, {{4, 3}, {2, 1}}};
  EXPECT_EQ(tck::CompareTable(want, got), "");
  want.ordered = true;
  EXPECT_NE(tck::CompareTable(want, got), "");
  ResultTable lists{{"a", "b"}, {{ValueList{2, 1}, 2}, {3, 4}}};
  tck::ExpectedRows unordered{{"a", "b"}, {{ValueList{1, 2}, 2}, {3, 4}}, false, true};
  EXPECT_EQ(tck::CompareTable(unordered, lists), "");
  unordered.lists_unordered = false;
  EXPECT_NE(tck::CompareTable(unordered, lists), "");
  ResultTable wrong_cols{{"a", "c"}, {}};
  EXPECT_NE(tck::CompareTable(want, wrong_cols).find("columns differ"), std::string::npos);
}

}  // namespace
}  // namespace kg
