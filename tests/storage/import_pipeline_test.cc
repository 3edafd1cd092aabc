// Bulk import with the rows read on a second thread (internal/row_pipeline.h):
// files of many batches, quoted fields with newlines and commas across the
// batches' boundaries, errors deep inside a later batch (the first in file
// order wins, with its line), duplicate :IDs across batches, and the same
// store as the one-thread path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "storage/import.h"
#include "storage/store.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kAlwaysThread = 0;
constexpr uint64_t kNeverThread = UINT64_MAX;

// Everything a reader can observe of the store.
struct Snapshot {
  StoreStats stats;
  std::vector<Entity> entities;
  std::vector<Relation> relations;
  std::vector<std::vector<EntityId>> name_hits;
};

class ImportPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_import_pipeline_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // Imports into a fresh store `db`; `snapshot` gets what the store holds
  // afterwards (nothing, after an error).
  Status Import(const std::string& db, uint64_t min_bytes, const std::string& nodes,
                const std::string& edges, Snapshot* snapshot = nullptr) {
    std::string path = (dir_ / db).string();
    EXPECT_TRUE(Store::Create(path, schema::Ontology::Builtin()).ok());
    auto store = Store::Open(path, {}).value();
    ImportOptions o;
    // The same paths in both modes, so that the messages compare equal.
    o.node_files = {Write("nodes.csv", nodes)};
    o.edge_files = {Write("edges.csv", edges)};
    o.parse_thread_min_bytes = min_bytes;
    Status st = ImportCsv(*store, o).status();
    Snapshot s;
    s.stats = store->Stats().value();
    auto r = store->BeginRead();
    EXPECT_TRUE(r->ScanEntities("", [&](EntityId id) {
                   s.entities.push_back(r->GetEntity(id).value());
                   return true;
                 }).ok());
    EXPECT_TRUE(r->ScanEdges("", [&](const EdgeTriple& e) {
                   s.relations.push_back(r->GetRelation(e.relation).value());
                   return true;
                 }).ok());
    for (const char* name : {"company 7", "line one", "c4999"})
      s.name_hits.push_back(r->FindByName(name).value());
    EXPECT_TRUE(store->Check()->empty());
    if (snapshot != nullptr) *snapshot = std::move(s);
    return st;
  }

  // The status message in both modes, asserted equal.
  std::string ErrorInBothModes(const std::string& nodes, const std::string& edges) {
    Snapshot one, two;
    Status a = Import("one", kNeverThread, nodes, edges, &one);
    Status b = Import("two", kAlwaysThread, nodes, edges, &two);
    EXPECT_FALSE(b.ok());
    EXPECT_EQ(a.code(), b.code());
    EXPECT_EQ(a.message(), b.message());
    EXPECT_EQ(two.stats.entities, 0u);
    EXPECT_TRUE(two.entities.empty());
    EXPECT_TRUE(two.relations.empty());
    fs::remove_all(dir_ / "one");
    fs::remove_all(dir_ / "two");
    return b.message();
  }

  fs::path dir_;
};

constexpr int kNodes = 5000;  // more than two batches of rows

// Nodes c0..c4999; every 97th has a quoted name holding a newline and a
// comma, and a quoted alias list holding two newlines, so that such rows
// fall on and around the batches' boundaries. Returns the text and, in
// *line_of, the physical line each node starts on.
std::string Nodes(std::vector<uint64_t>* line_of = nullptr) {
  std::string text = "id:ID,:LABEL,name,aliases:string[],founded:int\n";
  uint64_t line = 2;
  for (int i = 0; i < kNodes; ++i) {
    if (line_of != nullptr) line_of->push_back(line);
    std::string n = std::to_string(i);
    if (i % 97 == 0 || i == 2047 || i == 2048) {
      text += "c" + n + ",Company,\"Company " + n + "\nline one, \"\"quoted\"\"\",\"a" + n +
              ";\nb\n;c\"," + n + "\n";
      line += 4;
    } else {
      text += "c" + n + ",Company,Company " + n + ",," + (i % 3 == 0 ? "" : n) + "\n";
      line += 1;
    }
  }
  return text;
}

// Edges c(i) -> c(i+1 mod N) SUPPLIES, some with a quoted multi-line quote.
std::string Edges(int count) {
  std::string text = ":START_ID,:END_ID,:TYPE,quote,date:date\n";
  for (int i = 0; i < count; ++i) {
    std::string a = "c" + std::to_string(i % kNodes);
    std::string b = "c" + std::to_string((i * 7 + 1) % kNodes);
    if (i % 89 == 0)
      text += a + "," + b + ",SUPPLIES,\"said,\nthen\r\nmore\",2024-01-02\n";
    else
      text += a + "," + b + ",SUPPLIES,,\n";
  }
  return text;
}

TEST_F(ImportPipelineTest, SameStoreAsOneThread) {
  Snapshot one, two;
  std::string nodes = Nodes(), edges = Edges(9000);
  ASSERT_TRUE(Import("one", kNeverThread, nodes, edges, &one).ok());
  Status st = Import("two", kAlwaysThread, nodes, edges, &two);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(two.stats.entities, static_cast<uint64_t>(kNodes));
  EXPECT_EQ(two.stats.relations, 9000u);
  EXPECT_EQ(two.stats.entities_by_label, one.stats.entities_by_label);
  EXPECT_EQ(two.stats.relations_by_type, one.stats.relations_by_type);
  EXPECT_EQ(two.entities, one.entities);
  EXPECT_EQ(two.relations, one.relations);
  EXPECT_EQ(two.name_hits, one.name_hits);
  // The multi-line fields arrived whole, on both sides of a batch boundary.
  ASSERT_EQ(two.entities.size(), static_cast<size_t>(kNodes));
  EXPECT_EQ(two.entities[2048].name(), "Company 2048\nline one, \"quoted\"");
  EXPECT_EQ(*two.entities[2047].Find("aliases"),
            Value(ValueList{Value("a2047"), Value("\nb\n"), Value("c")}));
  size_t quoted = 0;
  for (const Relation& r : two.relations)
    if (const Value* q = r.Find("quote"); q != nullptr) {
      EXPECT_EQ(*q, Value("said,\nthen\r\nmore"));
      ++quoted;
    }
  EXPECT_EQ(quoted, 102u);  // every 89th of 9000
}

TEST_F(ImportPipelineTest, ParseErrorDeepInALaterBatchNamesItsLine) {
  std::string edges = Edges(9000) + "c1,c2,SUPPLIES,,2024-13-45\n";
  // 9000 rows, 102 of them three lines long: the bad row is on line 9206.
  std::string message = ErrorInBothModes(Nodes(), edges);
  EXPECT_NE(message.find("edges.csv:9206:17: column 'date:date': cannot parse '2024-13-45'"),
            std::string::npos)
      << message;
}

TEST_F(ImportPipelineTest, TheFirstErrorInFileOrderWins) {
  std::string edges = Edges(6000);
  std::string bad_id = "c1,nowhere,SUPPLIES,,\n";
  std::string bad_value = "c1,c2,SUPPLIES,,2024-13-45\n";
  std::string more = Edges(3000);
  std::string tail = more.substr(more.find('\n') + 1);
  std::string line = ":" + std::to_string(std::count(edges.begin(), edges.end(), '\n') + 1);
  // A check error (unknown :END_ID) before a parse error, and the reverse.
  std::string first = ErrorInBothModes(Nodes(), edges + bad_id + tail + bad_value);
  EXPECT_NE(first.find(line + ": unknown :END_ID 'nowhere'"), std::string::npos) << first;
  std::string second = ErrorInBothModes(Nodes(), edges + bad_value + tail + bad_id);
  EXPECT_NE(second.find(line + ":17: column 'date:date'"), std::string::npos) << second;
}

TEST_F(ImportPipelineTest, DuplicateIdAcrossBatches) {
  std::vector<uint64_t> line_of;
  std::string nodes = Nodes(&line_of) + "c2048,Company,Again,,\n";
  std::string message = ErrorInBothModes(nodes, Edges(10));
  uint64_t line = line_of.back() + 1;  // the last node is one line long
  EXPECT_NE(message.find(":" + std::to_string(line) + ": duplicate :ID 'c2048' (first on line " +
                         std::to_string(line_of[2048]) + ")"),
            std::string::npos)
      << message;
}

TEST_F(ImportPipelineTest, UnterminatedQuoteAtTheEndIsReported) {
  std::string nodes = Nodes() + "c9999,Company,\"never closed\n";
  std::string message = ErrorInBothModes(nodes, Edges(10));
  EXPECT_NE(message.find("unterminated quoted field"), std::string::npos) << message;
}

}  // namespace
}  // namespace kg::storage
