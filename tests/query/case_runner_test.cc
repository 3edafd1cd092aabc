// Data-driven query tests: every tests/query/cases/*.test file runs on a fresh
// open-ontology store, record by record. Record kinds (blank-line separated):
//
//   statement ok                 the query must succeed (its rows are ignored)
//   <query text>
//
//   query [ordered]              rows must equal the expected ones; without
//   [params {"name": "x"}]       "ordered" they are compared as a multiset
//   <query text>
//   ----
//   col1 | col2                  the column names
//   1 | 'a'                      one line per row; cells as Value display text
//                                (strings quoted inside, floats with a point,
//                                nodes (:L {k: v}), relationships [:T {k: v}])
//
//   error <Class> [<Detail>]     the query must fail naming the class (and
//   <query text>                 TCK detail), e.g. "error SyntaxError UndefinedVariable"
//
// A PROFILE query's rows are compared on the columns its expected header
// names only (e.g. "operator | details | rows": its times vary, and which
// expansions the topology cache served differs between the two runs).
//
// Before the query text (beside params) a record may say:
//   notification <Code> <line>:<col> [<text>]   the statement's notifications,
//                                in order: code, position and a part of the
//                                description (e.g. "did you mean 'Person'?")
//   notifications none           it must have none
//   strict                       run with QueryOptions::strict (then an
//                                "error <Code>" record checks the error)
// Records without these lines do not check notifications.
//
// Lines starting with '#' are comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "core/json.h"
#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/storage/topology_options.h"

namespace kg::query {
namespace {

namespace fs = std::filesystem;

struct Record {
  int line = 0;
  std::string kind;  // statement / query / error
  bool ordered = false;
  std::string error_class, error_detail;
  std::string params_json;
  bool check_notifications = false;
  bool strict = false;
  std::vector<std::string> notifications;  // "<Code> <line>:<col> [<text>]"
  std::string text;
  std::vector<std::string> expected;  // first line = columns
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Record> ReadRecords(const fs::path& file) {
  std::ifstream in(file);
  std::vector<Record> out;
  std::string line;
  int n = 0;
  Record cur;
  bool in_expect = false;
  auto flush = [&] {
    if (!cur.kind.empty()) out.push_back(cur);
    cur = Record();
    in_expect = false;
  };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line[0] == '#') continue;
    if (Trim(line).empty()) {
      flush();
      continue;
    }
    if (cur.kind.empty()) {
      std::istringstream words(line);
      words >> cur.kind;
      cur.line = n;
      std::string w;
      if (cur.kind == "query") {
        while (words >> w) cur.ordered = cur.ordered || w == "ordered";
      } else if (cur.kind == "error") {
        words >> cur.error_class >> cur.error_detail;
      }
      continue;
    }
    if (line.rfind("params ", 0) == 0 && cur.text.empty()) {
      cur.params_json = line.substr(7);
      continue;
    }
    if (line.rfind("notification ", 0) == 0 && cur.text.empty()) {
      cur.check_notifications = true;
      cur.notifications.push_back(Trim(line.substr(13)));
      continue;
    }
    if (line == "notifications none" && cur.text.empty()) {
      cur.check_notifications = true;
      continue;
    }
    if (line == "strict" && cur.text.empty()) {
      cur.strict = true;
      continue;
    }
    if (line == "----") {
      in_expect = true;
      continue;
    }
    if (in_expect) {
      cur.expected.push_back(Trim(line));
    } else {
      cur.text += (cur.text.empty() ? "" : "\n") + line;
    }
  }
  flush();
  return out;
}

std::string Cell(const Value& v) {
  std::string s = Value(ValueList{v}).ToDisplayString();
  return s.substr(1, s.size() - 2);
}

std::string RowText(const std::vector<Value>& row) {
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) out += (i ? " | " : "") + Cell(row[i]);
  return out;
}

// Reduces `table` to the columns `header` ("a | b") names, in that order
// (a name it lacks stays, so the comparison of the header fails).
void KeepColumns(const std::string& header, ResultTable* table) {
  std::vector<size_t> keep;
  std::istringstream names(header);
  std::string name;
  while (std::getline(names, name, '|')) {
    name = Trim(name);
    auto it = std::find(table->columns.begin(), table->columns.end(), name);
    if (it == table->columns.end()) return;
    keep.push_back(static_cast<size_t>(it - table->columns.begin()));
  }
  ResultTable out;
  for (size_t k : keep) out.columns.push_back(table->columns[k]);
  for (const auto& row : table->rows) {
    std::vector<Value> r;
    for (size_t k : keep) r.push_back(row[k]);
    out.rows.push_back(std::move(r));
  }
  *table = std::move(out);
}

std::vector<fs::path> CaseFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(KG_SOURCE_DIR) / "tests/query/cases"))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Each case file runs twice: reads through RocksDB, and reads through the
// in-memory topology copy built on the first read (same answers, same order).
using CaseParam = std::tuple<fs::path, bool>;
class QueryCaseTest : public ::testing::TestWithParam<CaseParam> {};

TEST_P(QueryCaseTest, RecordsPass) {
  const auto& [file, cached] = GetParam();
  fs::path dir =
      fs::temp_directory_path() / ("kg_query_case_" + file.stem().string() + "_" +
                                   std::to_string(cached) + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(storage::Store::Create(dir.string(), schema::Ontology::Open()).ok());
  storage::OpenOptions open = storage::TopologyOptions(cached);
  auto store = storage::Store::Open(dir.string(), open);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  for (const Record& r : ReadRecords(file)) {
    std::string where = file.filename().string() + ":" + std::to_string(r.line);
    QueryOptions opts;
    if (!r.params_json.empty()) {
      auto p = ParseJson(r.params_json);
      ASSERT_TRUE(p.ok() && p->is_map()) << where << ": bad params";
      opts.parameters = p->as_map();
    }
    std::vector<Notification> notes;
    opts.notifications = &notes;
    opts.strict = r.strict;
    auto result = query::Run(**store, r.text, opts);
    if (r.check_notifications) {
      EXPECT_EQ(notes.size(), r.notifications.size()) << where;
      for (size_t i = 0; i < std::min(notes.size(), r.notifications.size()); ++i) {
        const Notification& n = notes[i];
        std::string head = n.code + " " + std::to_string(n.position.line) + ":" +
                           std::to_string(n.position.column);
        std::istringstream want(r.notifications[i]);
        std::string code, position, text;
        want >> code >> position;
        std::getline(want >> std::ws, text);
        EXPECT_EQ(code + " " + position, head) << where << ": " << n.description;
        EXPECT_NE(n.description.find(text), std::string::npos) << where << ": " << n.description;
      }
    }
    if (r.kind == "error") {
      ASSERT_FALSE(result.ok()) << where << ": expected " << r.error_class << ", got rows";
      const std::string& msg = result.status().message();
      EXPECT_NE(msg.find(r.error_class + ": "), std::string::npos) << where << ": " << msg;
      if (!r.error_detail.empty()) {
        EXPECT_NE(msg.find(r.error_detail), std::string::npos) << where << ": " << msg;
      }
      continue;
    }
    ASSERT_TRUE(result.ok()) << where << ": " << result.status().ToString();
    if (r.kind != "query") continue;
    ASSERT_FALSE(r.expected.empty()) << where << ": no expected columns";
    if (r.text.rfind("PROFILE", 0) == 0) KeepColumns(r.expected[0], &*result);
    std::string cols;
    for (size_t i = 0; i < result->columns.size(); ++i)
      cols += (i ? " | " : "") + result->columns[i];
    EXPECT_EQ(cols, r.expected[0]) << where;
    std::vector<std::string> got;
    for (const auto& row : result->rows) got.push_back(RowText(row));
    std::vector<std::string> want(r.expected.begin() + 1, r.expected.end());
    if (!r.ordered) {
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
    }
    EXPECT_EQ(got, want) << where;
  }
  store->reset();
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Cases, QueryCaseTest,
                         ::testing::Combine(::testing::ValuesIn(CaseFiles()), ::testing::Bool()),
                         [](const ::testing::TestParamInfo<CaseParam>& info) {
                           return std::get<0>(info.param).stem().string() +
                                  (std::get<1>(info.param) ? "_cached" : "_rocksdb");
                         });

}  // namespace
}  // namespace kg::query
