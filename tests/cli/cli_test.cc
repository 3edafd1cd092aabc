// End-to-end tests of the kg executable's database commands: init, import,
// stats, get, check, export; every class of bad import input leaves the
// database unchanged; usage errors and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const char* const kKg = KG_BINARY_DIR "/cli/kg";

struct KgRun {
  int exit = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

const std::string kNodes =
    "id:ID,:LABEL,name,aliases:string[],founded:int\n"
    "nv,Company,NVIDIA,NVIDIANVDA--;Nvidia,1993\n"
    "hw,Company,Huawei,,1987\n"
    "xm,Company,Xiaomi,,2010\n"
    "lj,Person,Lei Jun,雷军,\n"
    "h20,Product,H20,,\n";
const std::string kEdges =
    ":START_ID,:END_ID,:TYPE,stance:float,quote,speaker,valid_from:date,valid_to:date\n"
    "nv,h20,MAKES,,,,2024-01-01,\n"
    "hw,nv,COMPETES_WITH,,,,,\n"
    "lj,xm,LEADS,,,,,\n"
    "lj,nv,PRAISES,0.9,\"NVIDIA is a great company, \"\"truly\"\" great, and I have said so many "
    "times before to anyone who asked me\",Lei Jun,,\n";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_cli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs kg with `args` (KG_DB unset), capturing stdout, stderr and the exit code.
  // `env`: NAME=VALUE settings for this run.
  KgRun Kg(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    std::string cmd = "env -u KG_DB";
    for (const auto& e : env) cmd += " " + ShellQuote(e);
    cmd += " " + ShellQuote(kKg);
    for (const auto& a : args) cmd += " " + ShellQuote(a);
    fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    cmd += " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string()) + " </dev/null";
    int status = std::system(cmd.c_str());
    KgRun r;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(out);
    r.err = ReadFile(err);
    return r;
  }
  KgRun Db(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return Kg(args);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  void ImportCorpus() {
    KgRun r = Db(
        {"import", "--nodes", Write("nodes.csv", kNodes), "--edges", Write("edges.csv", kEdges)});
    ASSERT_EQ(r.exit, 0) << r.err;
  }

  // What must not change when an import is refused.
  std::string Snapshot() {
    KgRun stats = Db({"stats"});
    KgRun jsonl = Db({"export", "--format", "jsonl"});
    EXPECT_EQ(stats.exit, 0) << stats.err;
    EXPECT_EQ(jsonl.exit, 0) << jsonl.err;
    // The size on disk may differ by a log file; everything else may not.
    std::string s;
    std::istringstream in(stats.out);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("size on disk", 0) != 0) s += line + "\n";
    return s + jsonl.out;
  }

  // Imports a bad node or edge file into the corpus database and checks the
  // refusal: exit 1, `where` ("file:line") and `what` on stderr, nothing
  // changed.
  void ExpectRefused(const std::string& flag, const std::string& text, const std::string& where,
                     const std::string& what) {
    ImportCorpus();
    std::string before = Snapshot();
    std::string file = Write(flag == "--nodes" ? "bad_nodes.csv" : "bad_edges.csv", text);
    std::vector<std::string> args = {"import", "--append", flag, file};
    if (flag == "--edges")
      args = {"import",  "--append",
              "--nodes", Write("more.csv", "id:ID,:LABEL,name\nnv,Company,NV2\n"),
              flag,      file};
    KgRun r = Db(args);
    EXPECT_EQ(r.exit, 1) << r.err;
    EXPECT_NE(r.err.find(where), std::string::npos) << "stderr: " << r.err;
    EXPECT_NE(r.err.find(what), std::string::npos) << "stderr: " << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(Snapshot(), before);
    KgRun check = Db({"check"});
    EXPECT_EQ(check.exit, 0) << check.out << check.err;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliTest, InitCreatesAndRefusesToRecreate) {
  KgRun r = Db({"init"});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("created kg database " + db_ + " (ontology builtin"), std::string::npos)
      << r.out;
  r = Db({"init"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err.rfind("kg: ", 0), 0u) << r.err;
  r = Db({"stats"});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("entities:       0"), std::string::npos) << r.out;
}

TEST_F(CliTest, InitWithOpenOntology) {
  KgRun r = Db({"init", "--ontology", "open"});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("any label"), std::string::npos) << r.out;
  r = Db({"import", "--nodes", Write("n.csv", ":ID,:LABEL,x:int\n1,Whatever,3\n")});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(Db({"stats"}).out.find("Whatever: 1"), std::string::npos);
}

TEST_F(CliTest, ImportStatsGetCheck) {
  KgRun r =
      Db({"import", "--nodes", Write("nodes.csv", kNodes), "--edges", Write("edges.csv", kEdges)});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out.rfind("imported 5 entities, 4 relations in ", 0), 0u) << r.out;
  EXPECT_EQ(r.err, "") << "no progress bar when stderr is not a terminal";

  r = Db({"stats"});
  EXPECT_EQ(r.exit, 0) << r.err;
  for (const char* want : {"entities:       5", "  Company: 3", "  Person: 1", "relations:      4",
                           "  PRAISES: 1", "ontology:       builtin", "format version: "}) {
    EXPECT_NE(r.out.find(want), std::string::npos) << want << "\n" << r.out;
  }

  r = Db({"get", "nvidianvda--"});
  EXPECT_EQ(r.exit, 0) << r.err;
  for (const char* want : {"NVIDIA  (Company; id ", "  founded: 1993", "  MAKES (1)\n    -> H20",
                           "valid 2024-01-01..…", "  COMPETES_WITH (1)\n    <- Huawei",
                           "  PRAISES (1)\n    <- Lei Jun  [stance 0.9; speaker Lei Jun]",
                           "\"NVIDIA is a great company, \"truly\" great"}) {
    EXPECT_NE(r.out.find(want), std::string::npos) << want << "\n" << r.out;
  }
  EXPECT_NE(r.out.find("…\""), std::string::npos) << "long quotes are shortened\n" << r.out;

  r = Db({"get", "雷军"});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("Lei Jun  (Person"), std::string::npos) << r.out;

  r = Db({"get", "Huawe"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "kg: no entity is named or aliased 'Huawe'; did you mean 'Huawei'?\n");
  // A misspelling, not a substring: found by edit distance.
  r = Db({"get", "Huawie"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "kg: no entity is named or aliased 'Huawie'; did you mean 'Huawei'?\n");

  r = Db({"check"});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "ok: 5 entities, 4 relations, no problems\n");
}

// Running the same import twice must not double the graph: a database that
// holds data takes more only with --append.
TEST_F(CliTest, ImportIntoADatabaseWithDataNeedsAppend) {
  ImportCorpus();
  std::string before = Snapshot();
  KgRun r = Db({"import", "--nodes", (dir_ / "nodes.csv").string(), "--edges",
                (dir_ / "edges.csv").string()});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("already holds 5 entities and 4 relations"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--append"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Snapshot(), before);

  r = Db({"import", "--append", "--nodes",
          Write("more.csv", "id:ID,:LABEL,name\nx,Company,Xiaomi\n")});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out.rfind("imported 1 entities, 0 relations", 0), 0u) << r.out;
  EXPECT_NE(Db({"stats"}).out.find("entities:       6"), std::string::npos);

  // An initialised but empty database takes an import without --append.
  std::string empty = (dir_ / "empty").string();
  ASSERT_EQ(Kg({"--db", empty, "init"}).exit, 0);
  r = Kg({"--db", empty, "import", "--nodes", (dir_ / "nodes.csv").string()});
  EXPECT_EQ(r.exit, 0) << r.err;
}

TEST_F(CliTest, ExportRoundTripsThroughCsvAndWritesEveryFormat) {
  ImportCorpus();
  std::string first = (dir_ / "first").string(), second = (dir_ / "second").string();
  KgRun r = Db({"export", "--format", "csv", "-o", first});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::string db2 = (dir_ / "db2").string();
  r = Kg({"--db", db2, "import", "--nodes", first + "/nodes.csv", "--edges",
          first + "/relationships.csv"});
  ASSERT_EQ(r.exit, 0) << r.err;
  r = Kg({"--db", db2, "export", "--format", "csv", "-o", second});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(first + "/nodes.csv"), ReadFile(second + "/nodes.csv"));
  EXPECT_EQ(ReadFile(first + "/relationships.csv"), ReadFile(second + "/relationships.csv"));
  EXPECT_EQ(Db({"export", "--format", "jsonl"}).out,
            Kg({"--db", db2, "export", "-f", "jsonl"}).out);

  r = Db({"export", "--format", "jsonl"});
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 9);
  EXPECT_NE(r.out.find("\"_labels\":[\"Company\"]"), std::string::npos);

  std::string graphml = (dir_ / "g.graphml").string();
  r = Db({"export", "--format", "graphml", "-o", graphml});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.err.find("exported 5 entities, 4 relations to "), std::string::npos) << r.err;
  EXPECT_NE(ReadFile(graphml).find("attr.name=\"founded\" attr.type=\"long\""), std::string::npos);
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("xmllint --noout " + ShellQuote(graphml)).c_str()), 0);
  }

  r = Db({"export", "--format", "dot", "-o", "-"});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out.rfind("digraph kg {\n", 0), 0u);
  EXPECT_NE(r.out.find("[label=\"PRAISES\"]"), std::string::npos);
}

// --- every class of bad import input -------------------------------------------

TEST_F(CliTest, RefusesUnknownId) {
  ExpectRefused("--edges", ":START_ID,:END_ID,:TYPE\nnv,nv,COMPETES_WITH\nnv,ghost,MAKES\n",
                "bad_edges.csv:3", "unknown :END_ID 'ghost'");
}

TEST_F(CliTest, RefusesWrongColumnCount) {
  ExpectRefused("--nodes", "id:ID,:LABEL,name\na,Company,A\nb,Company,B,extra\n",
                "bad_nodes.csv:3: expected 3 fields", "found 4");
}

TEST_F(CliTest, RefusesUnparsableNumber) {
  ExpectRefused("--nodes", "id:ID,:LABEL,name,founded:int\na,Company,A,19x0\n",
                "bad_nodes.csv:2:13:", "cannot parse '19x0' as int");
}

TEST_F(CliTest, RefusesUnparsableDate) {
  ExpectRefused("--edges", ":START_ID,:END_ID,:TYPE,since:date\nnv,nv,COMPETES_WITH,2025-13-01\n",
                "bad_edges.csv:2:21:", "cannot parse '2025-13-01' as date");
}

TEST_F(CliTest, RefusesStanceOutsideRange) {
  ExpectRefused("--edges", ":START_ID,:END_ID,:TYPE,stance:float\nnv,nv,PRAISES,1.5\n",
                "bad_edges.csv:2", "stance");
}

TEST_F(CliTest, RefusesUnterminatedQuote) {
  ExpectRefused("--nodes", "id:ID,:LABEL,name\na,Company,A\nb,Company,\"B\nc,Company,C\n",
                "bad_nodes.csv:3:11:", "unterminated quoted field");
}

TEST_F(CliTest, RefusesDuplicateId) {
  ExpectRefused("--nodes", "id:ID,:LABEL,name\na,Company,A\na,Company,B\n", "bad_nodes.csv:3",
                "duplicate :ID 'a'");
}

TEST_F(CliTest, RefusesUnknownLabel) {
  ExpectRefused("--nodes", "id:ID,:LABEL,name\na,Compnay,A\n", "bad_nodes.csv:2", "Compnay");
}

TEST_F(CliTest, RefusesUnknownType) {
  ExpectRefused("--edges", ":START_ID,:END_ID,:TYPE\nnv,nv,LIKES\n", "bad_edges.csv:2", "LIKES");
}

TEST_F(CliTest, RefusesEndpointKindsNotAllowed) {
  ExpectRefused("--edges", ":START_ID,:END_ID,:TYPE\nnv,nv,LEADS\n", "bad_edges.csv:2", "LEADS");
}

TEST_F(CliTest, RefusesMissingName) {
  ExpectRefused("--nodes", "id:ID,:LABEL,name\na,Company,\n", "bad_nodes.csv:2", "name");
}

TEST_F(CliTest, RefusesInvalidUtf8) {
  ExpectRefused("--nodes", "id:ID,:LABEL,name\na,Company,AB\xC3(\n",
                "bad_nodes.csv:2:13:", "invalid UTF-8");
}

TEST_F(CliTest, RefusesMissingHeaderColumn) {
  ExpectRefused("--edges", ":START_ID,:TYPE\nnv,MAKES\n",
                "bad_edges.csv:1: ", "missing :END_ID column");
}

TEST_F(CliTest, RefusedImportIntoNewDatabaseCreatesNothing) {
  KgRun r = Db({"import", "--nodes", Write("n.csv", "id:ID,:LABEL,name\na,Compnay,A\n")});
  EXPECT_EQ(r.exit, 1) << r.err;
  EXPECT_FALSE(fs::exists(db_)) << "the database created for the import is removed again";
}

TEST_F(CliTest, MissingImportFileIsIOError) {
  KgRun r = Db({"import", "--nodes", (dir_ / "absent.csv").string()});
  EXPECT_EQ(r.exit, 3);
  EXPECT_NE(r.err.find("absent.csv: no such file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db_));
}

// --- usage and environment -----------------------------------------------------

TEST_F(CliTest, MissingDbIsAClearUsageError) {
  for (const char* cmd : {"stats", "check", "init"}) {
    KgRun r = Kg({cmd});
    EXPECT_EQ(r.exit, 2) << cmd;
    EXPECT_EQ(r.err, "kg: no database given: pass --db DIR or set KG_DB\n") << cmd;
  }
}

// --version names the allocator the process really runs on: jemalloc's own
// answer (its mallctl "version") when it is linked in (KG_JEMALLOC), with
// its memory on huge pages (the executable's malloc_conf) unless MALLOC_CONF
// says otherwise; glibc's otherwise.
TEST_F(CliTest, VersionNamesTheAllocatorInUse) {
  KgRun r = Kg({"--version"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out.rfind("kg ", 0), 0u) << r.out;
#if KG_TEST_JEMALLOC
  EXPECT_NE(r.out.find(" (jemalloc 5."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", huge pages)"), std::string::npos) << r.out;
  KgRun off = Kg({"--version"}, {"MALLOC_CONF=thp:default"});
  ASSERT_EQ(off.exit, 0) << off.err;
  EXPECT_NE(off.out.find(" (jemalloc 5."), std::string::npos) << off.out;
  EXPECT_EQ(off.out.find("huge pages"), std::string::npos) << off.out;
#else
  EXPECT_NE(r.out.find(" (glibc malloc)"), std::string::npos) << r.out;
#endif
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  ImportCorpus();
  EXPECT_EQ(Kg({}).exit, 2);
  EXPECT_EQ(Db({"export"}).exit, 2) << "--format is required";
  EXPECT_EQ(Db({"export", "--format", "xml"}).exit, 2);
  KgRun r = Db({"export", "--format", "csv"});
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.err.find("-o DIR"), std::string::npos) << r.err;
  EXPECT_EQ(Db({"import"}).exit, 2);
  EXPECT_EQ(Db({"get"}).exit, 2);
  EXPECT_EQ(Db({"stats", "--bogus"}).exit, 2);
}

TEST_F(CliTest, EverySubcommandHasHelp) {
  for (const char* cmd : {"init", "import", "export", "stats", "get", "check"}) {
    KgRun r = Kg({cmd, "--help"});
    EXPECT_EQ(r.exit, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << "\n" << r.out;
  }
}

TEST_F(CliTest, MissingDatabaseIsNotFound) {
  KgRun r = Db({"stats"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err.rfind("kg: ", 0), 0u) << r.err;
  EXPECT_FALSE(fs::exists(db_)) << "stats does not create a database";
}

// --topology-cache-mb (or KG_TOPOLOGY_CACHE_MB) sets the topology cache's
// budget; `kg stats` shows it beside what this graph's copy needs.
TEST_F(CliTest, TopologyCacheBudgetIsAnOptionThatStatsReports) {
  ImportCorpus();
  KgRun def = Db({"stats"});
  ASSERT_EQ(def.exit, 0) << def.err;
  EXPECT_NE(def.out.find("topology cache: budget 1.0 GiB, this graph needs ~"), std::string::npos)
      << def.out;
  KgRun off = Kg({"--topology-cache-mb", "0", "--db", db_, "stats"});
  EXPECT_NE(off.out.find("topology cache: off"), std::string::npos) << off.out;
  KgRun json = Kg({"--topology-cache-mb", "64", "--db", db_, "stats", "--format", "json"});
  EXPECT_NE(json.out.find("\"topology_cache\":{\"budget_bytes\":67108864,\"estimate_bytes\":"),
            std::string::npos)
      << json.out;
  // Queries run under a budget, including none.
  EXPECT_EQ(
      Kg({"--topology-cache-mb", "0", "--db", db_, "query", "MATCH (n) RETURN count(n)"}).exit, 0);

  std::string env = "KG_TOPOLOGY_CACHE_MB=0 " + ShellQuote(kKg) + " --db " + ShellQuote(db_) +
                    " stats 2>&1 | grep -q 'topology cache: off'";
  EXPECT_EQ(std::system(env.c_str()), 0);

  for (const char* bad : {"-1", "lots"}) {
    KgRun r = Kg({"--topology-cache-mb", bad, "--db", db_, "stats"});
    EXPECT_EQ(r.exit, 2) << bad;
    EXPECT_NE(r.err.find("--topology-cache-mb"), std::string::npos) << r.err;
  }
}

TEST_F(CliTest, KgDbEnvironmentVariableNamesTheDatabase) {
  ImportCorpus();
  std::string cmd = "KG_DB=" + ShellQuote(db_) + " " + ShellQuote(kKg) + " check >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
