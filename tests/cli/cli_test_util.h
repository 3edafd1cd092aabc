// Helpers shared by the end-to-end tests that run the kg executable through a
// shell: captured output, shell quoting, reading a file back, and a fixture
// with a fresh database in a temporary directory.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "schema/ontology.h"
#include "storage/store.h"

namespace kg::cli::testing {

struct Output {
  int code = -1;
  std::string out;
  std::string err;
};

// `s` as one single-quoted shell word.
inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The whole file, or "" when it cannot be read.
inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// A temporary directory holding an empty database with the built-in
// ontology (`db_`), removed after the test; Kg runs the built kg binary on it.
class KgDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kg-cli-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = (dir_ / "db").string();
    ASSERT_TRUE(storage::Store::Create(db_, schema::Ontology::Builtin()).ok());
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Runs `kg --db DB <args>` (args already shell-quoted) with `input` on stdin.
  Output Kg(const std::string& args, const std::string& input = "") {
    return KgWith("", args, input);
  }

  // Runs `kg <global> --db DB <args>`: `global` holds options that go before
  // --db (e.g. --topology-cache-mb), already shell-quoted.
  Output KgWith(const std::string& global, const std::string& args, const std::string& input = "") {
    std::filesystem::path in = dir_ / "stdin", out = dir_ / "stdout", err = dir_ / "stderr";
    std::ofstream(in, std::ios::binary) << input;
    std::string cmd = std::string(KG_BINARY_DIR "/cli/kg") + " " + global + " --db " + Quote(db_) +
                      " " + args + " < " + Quote(in.string()) + " > " + Quote(out.string()) +
                      " 2> " + Quote(err.string());
    int status = std::system(cmd.c_str());
    Output o;
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = Slurp(out);
    o.err = Slurp(err);
    return o;
  }

  // Imports the bundled dataset (data/seed) into the database.
  void ImportSeed() {
    const std::string seed = std::string(KG_SOURCE_DIR) + "/data/seed/";
    Output o = Kg("import -q --nodes " + Quote(seed + "entities.csv") + " --edges " +
                  Quote(seed + "relations.csv"));
    ASSERT_EQ(o.code, 0) << o.err;
  }

  std::filesystem::path dir_;
  std::string db_;
};

}  // namespace kg::cli::testing
