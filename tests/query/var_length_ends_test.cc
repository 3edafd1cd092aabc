// The distinct ends of a variable-length relationship by BFS
// (VarLengthExpand(Count) and (Pruning), query/var_length_ends.cc) against
// the enumeration of every trail (VarLengthExpand(All), which a named
// relationship forces), on small random graphs with self-loops, parallel
// relations, cycles through the start and relations a confidence filter
// drops: both plans must give the same counts and the same set of ends, in
// every direction, for relationship types, bounds from *0..0 to unbounded,
// labels on the end node, one start or several, through RocksDB and
// through the topology copy. The hand-checked cases and the fallbacks are
// in tests/query/cases/var_length_ends.test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/storage/topology_options.h"

namespace kg::query {
namespace {

// A random graph of `n` nodes n0.. (labels A or B) and `m` relations of
// type R or S, each with a confidence of 0.2 or 0.9.
std::string RandomGraph(std::mt19937& rng, int n, int m) {
  std::string text = "CREATE ";
  for (int i = 0; i < n; ++i) {
    text += (i ? ", " : "") + std::string("(n") + std::to_string(i) + (rng() % 2 ? ":A" : ":B") +
            " {name: 'n" + std::to_string(i) + "'})";
  }
  for (int j = 0; j < m; ++j) {
    int a = static_cast<int>(rng() % n);
    int b = rng() % 6 == 0 ? a : static_cast<int>(rng() % n);  // some self-loops
    text += ", (n" + std::to_string(a) + ")-[:" + (rng() % 3 ? "R" : "S") +
            " {confidence: " + (rng() % 4 ? "0.9" : "0.2") + "}]->(n" + std::to_string(b) + ")";
  }
  return text;
}

// One random pattern: "(x {name: 'n3'})-[<r>:R*1..3]->(y:A)" with `rel`
// the relationship's variable ("" or "r"), the same pattern otherwise.
struct Form {
  std::string start, arrow_left, arrow_right, types, bounds, end_label;
  std::string Pattern(const std::string& rel) const {
    return start + arrow_left + "[" + rel + types + bounds + "]" + arrow_right + "(y" + end_label +
           ")";
  }
};

Form RandomForm(std::mt19937& rng, int n) {
  static const char* const kBounds[] = {"*",     "*0..",  "*1..",  "*..1",  "*..2", "*1..3",
                                        "*0..2", "*0..0", "*1..1", "*2..3", "*..4"};
  static const char* const kTypes[] = {"", ":R", ":S", ":R|S"};
  Form f;
  f.start = rng() % 5 == 0 ? "(x:A)" : "(x {name: 'n" + std::to_string(rng() % n) + "'})";
  switch (rng() % 3) {
    case 0:
      f.arrow_left = "-", f.arrow_right = "->";
      break;
    case 1:
      f.arrow_left = "<-", f.arrow_right = "-";
      break;
    default:
      f.arrow_left = "-", f.arrow_right = "-";
  }
  f.types = kTypes[rng() % 4];
  f.bounds = kBounds[rng() % (sizeof(kBounds) / sizeof(kBounds[0]))];
  f.end_label = rng() % 4 == 0 ? ":B" : "";
  return f;
}

// The rows as sorted display text.
std::vector<std::string> Rows(const ResultTable& t) {
  std::vector<std::string> out;
  for (const auto& row : t.rows) {
    std::string line;
    for (const auto& v : row) line += v.ToDisplayString() + "|";
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class VarLengthEndsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kg_var_length_ends_" + std::to_string(GetParam()) + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A fresh store holding `graph`, cached or not as the parameter says.
  std::unique_ptr<storage::Store> Fresh(const std::string& graph) {
    std::filesystem::remove_all(dir_);
    EXPECT_TRUE(storage::Store::Create(dir_.string(), schema::Ontology::Open()).ok());
    auto s = storage::Store::Open(dir_.string(), storage::TopologyOptions(GetParam()));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return nullptr;
    auto created = query::Run(**s, graph, QueryOptions());
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return std::move(s).value();
  }

  std::filesystem::path dir_;
};

TEST_P(VarLengthEndsTest, BfsEndsEqualTheTrailsEnds) {
  std::mt19937 rng(20);
  int compared = 0;
  for (int graph = 0; graph < 24; ++graph) {
    const int n = 3 + static_cast<int>(rng() % 6);
    const int m = static_cast<int>(rng() % (2 * n + 2));
    const std::string text = RandomGraph(rng, n, m);
    auto store = Fresh(text);
    ASSERT_NE(store, nullptr);
    for (int k = 0; k < 40; ++k) {
      const Form f = RandomForm(rng, n);
      QueryOptions opts;
      if (rng() % 3 == 0) opts.relations.min_confidence = 0.5;
      for (const char* consumer : {" RETURN count(DISTINCT y) AS n", " RETURN DISTINCT y.name AS n",
                                   " RETURN DISTINCT id(y) AS n"}) {
        const std::string bfs = "MATCH " + f.Pattern("") + consumer;
        const std::string trails = "MATCH " + f.Pattern("r") + consumer;
        auto a = query::Run(*store, bfs, opts);
        auto b = query::Run(*store, trails, opts);
        ASSERT_TRUE(a.ok()) << bfs << ": " << a.status().ToString();
        ASSERT_TRUE(b.ok()) << trails << ": " << b.status().ToString();
        EXPECT_EQ(Rows(*a), Rows(*b))
            << bfs << "\non " << text
            << (opts.relations.min_confidence ? " (confidence >= 0.5)" : "");
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 24 * 40 * 3);
}

INSTANTIATE_TEST_SUITE_P(Stores, VarLengthEndsTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? std::string("cached") : std::string("rocksdb");
                         });

}  // namespace
}  // namespace kg::query
