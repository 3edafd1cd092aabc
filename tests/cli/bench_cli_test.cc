// kg bench end to end on the bundled dataset: the checksums are the same
// whether the topology copy is built before the batches (the default), left
// to the store's cost rule (--no-warm) or disabled (--topology-cache-mb 0),
// and equal to what kg query returns for the same statements; with
// --against-plain the scoped batches are paired with plain ones.
#include <algorithm>
#include <regex>
#include <string>

#include "tests/cli/cli_test_util.h"

namespace kg::cli::testing {
namespace {

class BenchCliTest : public KgDbTest {
 protected:
  void SetUp() override {
    KgDbTest::SetUp();
    ImportSeed();
    queries_ = (dir_ / "queries.json").string();
    std::ofstream(queries_) << R"({"w2_one_hop": ["NVIDIA", "Huawei", "AMD", "Nobody at all"],
      "w3_two_hop": ["NVIDIA", "Huawei"], "w6_cold": "NVIDIA"})";
  }

  // The JSON line of `kg [global] --db DB bench --workload W ...`.
  Output Bench(const std::string& global, const std::string& workload,
               const std::string& more = "") {
    return KgWith(global, "bench --workload " + workload + " --queries " + Quote(queries_) +
                              " --reps 2 " + more);
  }

  // The rows `kg query` returns for `statement` with $name = `name`.
  int Rows(const std::string& statement, const std::string& name) {
    Output o = Kg("query " + Quote(statement) + " --param " + Quote("name=\"" + name + "\"") +
                  " --format jsonl");
    EXPECT_EQ(o.code, 0) << o.err;
    int n = 0;
    for (char c : o.out) n += c == '\n';
    return n;
  }

  static std::string Field(const std::string& json, const std::string& key) {
    std::smatch m;
    std::regex re("\"" + key + "\": ([^,}]+)");
    return std::regex_search(json, m, re) ? m[1].str() : "";
  }

  std::string queries_;
};

TEST_F(BenchCliTest, ChecksumsAreTheSameWithTheCopyBuiltFirstLazilyOrNever) {
  const std::string w2 = "MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name";
  const std::string w3 = "MATCH (a {name: $name})-->()-->(c) RETURN DISTINCT c.name";
  int want_w2 = Rows(w2, "NVIDIA") + Rows(w2, "Huawei") + Rows(w2, "AMD");
  int want_w3 = Rows(w3, "NVIDIA") + Rows(w3, "Huawei");
  ASSERT_GT(want_w2, 3);
  ASSERT_GT(want_w3, want_w2);
  struct Way {
    std::string global, more, topology;
  } ways[] = {{"", "", "true"}, {"", "--no-warm", "false"}, {"--topology-cache-mb 0", "", "false"}};
  for (const Way& way : ways) {
    for (const auto& [workload, want] : {std::pair{"W2", want_w2}, std::pair{"W3", want_w3}}) {
      Output o = Bench(way.global, workload, way.more);
      ASSERT_EQ(o.code, 0) << o.err;
      EXPECT_EQ(Field(o.out, "checksum"), std::to_string(want)) << workload << " " << o.out;
      EXPECT_EQ(Field(o.out, "topology"), way.topology) << workload << " " << o.out;
      EXPECT_EQ(Field(o.out, "queries"), workload == std::string("W2") ? "4" : "2") << o.out;
      if (way.more == "--no-warm") {
        EXPECT_EQ(Field(o.out, "warm_ms"), "0.000") << o.out;
      }
    }
  }
}

// --against-plain runs every batch twice, without and with the scope, in
// one process: the plain checksum is the unscoped one, the scoped one what
// kg query returns under the scope, and both run --reps times.
TEST_F(BenchCliTest, AgainstPlainPairsTheScopedBatchesWithPlainOnes) {
  Output plain = Bench("", "W2");
  ASSERT_EQ(plain.code, 0) << plain.err;
  Output o = Bench("", "W2", "--as-of 2025-05-01 --against-plain");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(Field(o.out, "plain_checksum"), Field(plain.out, "checksum")) << o.out;
  const std::string w2 = "MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name";
  int want = 0;
  for (const char* name : {"NVIDIA", "Huawei", "AMD"}) {
    Output q = Kg("query " + Quote(w2) + " --param " + Quote("name=\"" + std::string(name) + "\"") +
                  " --as-of 2025-05-01 --format jsonl");
    ASSERT_EQ(q.code, 0) << q.err;
    for (char c : q.out) want += c == '\n';
  }
  EXPECT_EQ(Field(o.out, "checksum"), std::to_string(want)) << o.out;
  EXPECT_NE(Field(o.out, "ratio_median"), "") << o.out;
  EXPECT_NE(Field(o.out, "clocks_warm_ms"), "") << o.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(o.out, m, std::regex(R"("plain_runs_ms": \[([^\]]*)\])"))) << o.out;
  const std::string runs = m[1].str();
  EXPECT_EQ(std::count(runs.begin(), runs.end(), ','), 1) << o.out;  // --reps 2
  // Without a scope there is nothing to compare.
  o = Bench("", "W2", "--against-plain");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("--against-plain compares a scope"), std::string::npos) << o.err;
}

TEST_F(BenchCliTest, BadWorkloadsAndQueryFilesAreRefused) {
  Output o = Bench("", "W9");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("unknown workload 'W9'"), std::string::npos) << o.err;
  o = Bench("", "W4");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("no list 'w4_var_length'"), std::string::npos) << o.err;
  o = Kg("bench --workload W2 --queries " + Quote((dir_ / "absent.json").string()));
  EXPECT_EQ(o.code, 3);  // an I/O error
  EXPECT_NE(o.err.find("cannot open"), std::string::npos) << o.err;
}

}  // namespace
}  // namespace kg::cli::testing
