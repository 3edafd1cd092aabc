// Checks the "Analyst questions on the bundled dataset" section of
// docs/query-language.md: every ```cypher block there is run with the built
// `kg --db DB query '<query>'` against the seed data and its stdout must equal
// the ```text block that follows, except for the time the table footer
// appends to the row count ("9 rows (12.3 ms)"), which the docs leave out.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace {

namespace fs = std::filesystem;

constexpr char kHeading[] = "## Analyst questions on the bundled dataset";

struct Example {
  std::string question;  // the ### heading
  std::string query;     // the ```cypher block
  std::string expected;  // the ```text block after it
  int line = 0;          // line of the ```cypher fence in the doc
};

struct Output {
  int exit_code = -1;
  std::string out;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `args` (argv[0] a path) without a shell; returns the exit code and
// stdout. Stderr goes to the test's stderr.
Output RunProgram(const std::vector<std::string>& args) {
  Output result;
  int fds[2];
  if (pipe(fds) != 0) return result;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return result;
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    int null_in = open("/dev/null", O_RDONLY);
    if (null_in >= 0) dup2(null_in, STDIN_FILENO);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) result.out.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The examples of the analyst section, in order. A ```cypher block without a
// ```text block after it (before the next one) is an example with no expected
// output, so it fails rather than being skipped.
std::vector<Example> ParseExamples(const std::string& doc) {
  std::vector<Example> examples;
  std::istringstream in(doc);
  std::string line;
  int number = 0;
  bool in_section = false;
  std::string question;
  std::string* block = nullptr;  // the block being read, if inside a fence
  while (std::getline(in, line)) {
    ++number;
    if (block != nullptr) {
      if (line == "```") {
        block = nullptr;
      } else {
        *block += line + "\n";
      }
      continue;
    }
    if (line.rfind("## ", 0) == 0) {
      in_section = line == kHeading;
      continue;
    }
    if (!in_section) continue;
    if (line.rfind("### ", 0) == 0) {
      question = line.substr(4);
    } else if (line == "```cypher") {
      examples.push_back({question, "", "", number});
      block = &examples.back().query;
    } else if (line == "```text" && !examples.empty() && examples.back().expected.empty()) {
      block = &examples.back().expected;
    } else if (line.rfind("```", 0) == 0) {
      static std::string ignored;
      ignored.clear();
      block = &ignored;
    }
  }
  return examples;
}

// Drops the timing the table footer appends: "9 rows (12.3 ms)" -> "9 rows".
std::string WithoutTiming(const std::string& out) {
  static const std::regex footer(R"(^(\d+ rows?) \(\d+(\.\d+)? ms\)$)");
  std::istringstream in(out);
  std::string line;
  std::string result;
  while (std::getline(in, line)) result += std::regex_replace(line, footer, "$1") + "\n";
  return result;
}

class DocsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("kg_docs_test_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    db_ = new std::string((*dir_ / "db").string());
    Output imported = RunProgram({Kg(), "--db", *db_, "import", "--nodes",
                                  std::string(KG_SOURCE_DIR) + "/data/seed/entities.csv", "--edges",
                                  std::string(KG_SOURCE_DIR) + "/data/seed/relations.csv"});
    import_ok_ = imported.exit_code == 0;
  }

  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(*dir_, ignored);
    delete dir_;
    delete db_;
  }

  static std::string Kg() { return std::string(KG_BINARY_DIR) + "/cli/kg"; }

  static fs::path* dir_;
  static std::string* db_;
  static bool import_ok_;
};

fs::path* DocsTest::dir_ = nullptr;
std::string* DocsTest::db_ = nullptr;
bool DocsTest::import_ok_ = false;

TEST(DocsParseTest, FindsQuestionQueryAndOutput) {
  std::string doc =
      "## Other\n\n```cypher\nRETURN 0\n```\n\n"
      "## Analyst questions on the bundled dataset\n\n"
      "```\nnot an example\n```\n\n"
      "### One?\n\n```cypher\nRETURN 1\n```\n\n```text\nout 1\n```\n\n"
      "### Two?\n\n```cypher\nRETURN 2\n```\n\n"
      "## Next\n\n```cypher\nRETURN 3\n```\n";
  std::vector<Example> examples = ParseExamples(doc);
  ASSERT_EQ(examples.size(), 2u);
  EXPECT_EQ(examples[0].question, "One?");
  EXPECT_EQ(examples[0].query, "RETURN 1\n");
  EXPECT_EQ(examples[0].expected, "out 1\n");
  EXPECT_EQ(examples[1].question, "Two?");
  EXPECT_EQ(examples[1].expected, "");
}

TEST(DocsParseTest, RemovesOnlyTheFooterTiming) {
  EXPECT_EQ(WithoutTiming("| 1 rows (2 ms) |\n1 row (0.4 ms)\n"), "| 1 rows (2 ms) |\n1 row\n");
  EXPECT_EQ(WithoutTiming("+--+\n12 rows (123.0 ms)\n"), "+--+\n12 rows\n");
}

TEST_F(DocsTest, AnalystQuestionsMatchTheirDocumentedOutput) {
  ASSERT_TRUE(import_ok_) << "importing the seed into " << *db_ << " with " << Kg() << " failed";
  const fs::path doc_path = fs::path(KG_SOURCE_DIR) / "docs" / "query-language.md";
  std::vector<Example> examples = ParseExamples(ReadFile(doc_path));
  ASSERT_GE(examples.size(), 15u) << "expected at least 15 examples under '" << kHeading << "' in "
                                  << doc_path;
  for (const Example& example : examples) {
    SCOPED_TRACE("docs/query-language.md:" + std::to_string(example.line) + ": " +
                 example.question);
    EXPECT_FALSE(example.question.empty()) << "a query without a ### question";
    if (example.expected.empty()) {
      ADD_FAILURE() << "no ```text block after the query";
      continue;
    }
    std::string query = example.query;
    while (!query.empty() && query.back() == '\n') query.pop_back();
    Output out = RunProgram({Kg(), "--db", *db_, "query", query});
    EXPECT_EQ(out.exit_code, 0) << "kg query failed";
    EXPECT_EQ(WithoutTiming(out.out), example.expected)
        << "output of the query for \"" << example.question << "\" differs from the docs";
  }
}

}  // namespace
