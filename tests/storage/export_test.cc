// Tests of the exporters: JSON Lines shapes, well-formed typed GraphML, the
// byte-identical CSV round trip through the importer, DOT escaping.
#include "storage/export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json.h"
#include "core/temporal.h"
#include "storage/import.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_export_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> NewStore(const std::string& name, const schema::Ontology& ontology) {
    std::string path = (dir_ / name).string();
    Status s = Store::Create(path, ontology);
    EXPECT_TRUE(s.ok()) << s.ToString();
    auto store = Store::Open(path, OpenOptions{});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return std::move(store).value();
  }

  // A small corpus-like graph in the built-in ontology, with a deleted entity
  // (so ids have a gap) and hostile text.
  std::unique_ptr<Store> BuiltinGraph() {
    auto store = NewStore("db", schema::Ontology::Builtin());
    auto txn = std::move(store->BeginWrite()).value();
    auto nvidia =
        *txn->CreateEntity({"Company"}, {{"name", Value("NVIDIA")},
                                         {"aliases", Value(ValueList{"NVIDIANVDA--", "Nvidia"})},
                                         {"founded", Value(int64_t{1993})},
                                         {"market_cap", Value(4.1e12)}});
    auto gone = *txn->CreateEntity({"Company"}, {{"name", Value("Gone")}});
    auto lei = *txn->CreateEntity({"Person"}, {{"name", Value("雷军")},
                                               {"note", Value("says \"hi\", twice\nand leaves")},
                                               {"empty", Value("")}});
    auto h20 =
        *txn->CreateEntity({"Product"}, {{"name", Value("H20")}, {"aliases", Value(ValueList{})}});
    EXPECT_TRUE(txn->DeleteEntity(gone, true).ok());
    EXPECT_TRUE(txn->CreateRelation("MAKES", nvidia, h20,
                                    {{"valid_from", Value(*Date::Parse("2025-07-15"))},
                                     {"source", Value("seed, article 1")}})
                    .ok());
    EXPECT_TRUE(txn->CreateRelation("PRAISES", lei, nvidia,
                                    {{"stance", Value(0.8)},
                                     {"quote", Value("“great”, he said; 'really'")},
                                     {"speaker", Value("Lei Jun")}})
                    .ok());
    EXPECT_TRUE(txn->CreateRelation("PRAISES", lei, nvidia, {{"stance", Value(1)}}).ok());
    EXPECT_TRUE(txn->Commit().ok());
    return store;
  }

  std::string Export(const Store& store, ExportFormat format) {
    std::ostringstream out;
    auto r = ExportToStream(store, format, out);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return out.str();
  }

  // export csv -> import into a fresh db -> export csv; both exports' files.
  void RoundTrip(const Store& store, const schema::Ontology& ontology) {
    fs::path first = dir_ / "first", second = dir_ / "second";
    auto r1 = ExportCsv(store, first.string());
    ASSERT_TRUE(r1.ok()) << r1.status().ToString();
    auto fresh = NewStore("fresh", ontology);
    ImportOptions options;
    options.node_files = {(first / "nodes.csv").string()};
    options.edge_files = {(first / "relationships.csv").string()};
    auto imported = ImportCsv(*fresh, options);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString() << "\n"
                               << ReadFile(first / "nodes.csv");
    EXPECT_EQ(imported->entities, r1->entities);
    EXPECT_EQ(imported->relations, r1->relations);
    auto r2 = ExportCsv(*fresh, second.string());
    ASSERT_TRUE(r2.ok()) << r2.status().ToString();
    EXPECT_EQ(ReadFile(first / "nodes.csv"), ReadFile(second / "nodes.csv"));
    EXPECT_EQ(ReadFile(first / "relationships.csv"), ReadFile(second / "relationships.csv"));
    EXPECT_EQ(Export(store, ExportFormat::kJsonl).empty(), false);
  }

  fs::path dir_;
};

TEST(ExportFormatTest, ParsesNamesAndRejectsOthers) {
  EXPECT_EQ(*ParseExportFormat("csv"), ExportFormat::kCsv);
  EXPECT_EQ(*ParseExportFormat("jsonl"), ExportFormat::kJsonl);
  EXPECT_EQ(*ParseExportFormat("graphml"), ExportFormat::kGraphml);
  EXPECT_EQ(*ParseExportFormat("dot"), ExportFormat::kDot);
  EXPECT_EQ(*ParseExportFormat("gexf"), ExportFormat::kGexf);
  EXPECT_EQ(*ParseExportFormat("cypher"), ExportFormat::kCypher);
  auto bad = ParseExportFormat("xml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unknown export format 'xml' (expected csv, jsonl, graphml, gexf, cypher or dot)");
}

TEST_F(ExportTest, CsvHeaderIsTypedAndSortedAndRowsFollowIdOrder) {
  auto store = BuiltinGraph();
  auto r = ExportCsv(*store, (dir_ / "out").string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities, 3u);
  EXPECT_EQ(r->relations, 3u);
  EXPECT_EQ(ReadFile(dir_ / "out" / "nodes.csv"),
            ":ID,:LABEL,aliases:string[],empty:string,founded:long,market_cap:double,name:string,"
            "note:string\n"
            "0,Company,NVIDIANVDA--;Nvidia,,1993,4.1e+12,NVIDIA,\n"
            "1,Person,,\"\",,,雷军,\"says \"\"hi\"\", twice\nand leaves\"\n"
            "2,Product,\"\",,,,H20,\n");
  EXPECT_EQ(ReadFile(dir_ / "out" / "relationships.csv"),
            ":START_ID,:END_ID,:TYPE,quote:string,source:string,speaker:string,stance:double,"
            "valid_from:date\n"
            "0,2,MAKES,,\"seed, article 1\",,,2025-07-15\n"
            "1,0,PRAISES,\"“great”, he said; 'really'\",,Lei Jun,0.8,\n"
            "1,0,PRAISES,,,,1,\n");
}

TEST_F(ExportTest, CsvRoundTripIsByteIdentical) {
  auto store = BuiltinGraph();
  RoundTrip(*store, schema::Ontology::Builtin());
}

TEST_F(ExportTest, CsvRoundTripOfOpenGraphWithMixedTypes) {
  auto store = NewStore("db", schema::Ontology::Open());
  auto txn = std::move(store->BeginWrite()).value();
  auto a = *txn->CreateEntity(
      {"A", "B"},
      {{"x", Value(1)}, {"flag", Value(true)}, {"nums", Value(ValueList{int64_t{1}, 2.5})}});
  auto b = *txn->CreateEntity({}, {{"x", Value("one")}, {"weird key, \"q\"", Value(-0.0)}});
  auto c =
      *txn->CreateEntity({"A"}, {{"x", Value(2.5)}, {"when", Value(*Date::Parse("0001-01-01"))}});
  ASSERT_TRUE(txn->CreateRelation("LINK", a, b, {{"w", Value(1)}}).ok());
  ASSERT_TRUE(txn->CreateRelation("LINK", c, a, {{"w", Value(2.5)}}).ok());
  ASSERT_TRUE(txn->CreateRelation("SELF", c, c, {}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  RoundTrip(*store, schema::Ontology::Open());
  std::string nodes = ReadFile(dir_ / "first" / "nodes.csv");
  EXPECT_NE(nodes.find("x:string"), std::string::npos)
      << "int/string/double mix falls back to text";
  EXPECT_NE(nodes.find("nums:double[]"), std::string::npos);
  EXPECT_NE(ReadFile(dir_ / "first" / "relationships.csv").find("w:double"), std::string::npos);
}

TEST_F(ExportTest, CsvRoundTripKeepsDatePrecision) {
  auto store = NewStore("db", schema::Ontology::Open());
  auto txn = std::move(store->BeginWrite()).value();
  auto a = *txn->CreateEntity(
      {"Event"}, {{"start", Value(*Date::ParseWithPrecision("2025-04"))},
                  {"seen", Value(ValueList{Value(*Date::ParseWithPrecision("1999")),
                                           Value(*Date::ParseWithPrecision("2025-W28")),
                                           Value(*Date::Parse("2025-07-16"))})}});
  auto b = *txn->CreateEntity({"Event"}, {{"start", Value(*Date::Parse("2025-04-01"))}});
  ASSERT_TRUE(txn->CreateRelation("BANS", a, b,
                                  {{"valid_from", Value(*Date::ParseWithPrecision("2025-04"))},
                                   {"valid_to", Value(*Date::ParseWithPrecision("2025-W28"))},
                                   {"date", Value(*Date::ParseWithPrecision("2025"))}})
                  .ok());
  ASSERT_TRUE(txn->Commit().ok());
  RoundTrip(*store, schema::Ontology::Open());
  EXPECT_EQ(ReadFile(dir_ / "first" / "nodes.csv"),
            ":ID,:LABEL,seen:date[],start:date\n"
            "0,Event,1999;2025-W28;2025-07-16,2025-04\n"
            "1,Event,,2025-04-01\n");
  EXPECT_EQ(ReadFile(dir_ / "first" / "relationships.csv"),
            ":START_ID,:END_ID,:TYPE,date:date,valid_from:date,valid_to:date\n"
            "0,1,BANS,2025,2025-04,2025-W28\n");
}

TEST_F(ExportTest, CypherWritesPrecisionDatesWithKgDate) {
  auto store = NewStore("db", schema::Ontology::Open());
  auto txn = std::move(store->BeginWrite()).value();
  ASSERT_TRUE(txn->CreateEntity({"Event"}, {{"start", Value(*Date::ParseWithPrecision("2025-04"))},
                                            {"end", Value(*Date::Parse("2025-07-14"))}})
                  .ok());
  ASSERT_TRUE(txn->Commit().ok());
  std::string script = Export(*store, ExportFormat::kCypher);
  EXPECT_NE(script.find("start: kg.date('2025-04')"), std::string::npos) << script;
  EXPECT_NE(script.find("end: date('2025-07-14')"), std::string::npos) << script;
}

TEST_F(ExportTest, GexfSpansPrecisionBoundsWithDays) {
  auto store = NewStore("db", schema::Ontology::Open());
  auto txn = std::move(store->BeginWrite()).value();
  auto a = *txn->CreateEntity({"Company"}, {{"name", Value("a")}});
  auto b = *txn->CreateEntity({"Product"}, {{"name", Value("b")}});
  ASSERT_TRUE(txn->CreateRelation("RESTRICTS", a, b,
                                  {{"valid_from", Value(*Date::ParseWithPrecision("2025-04"))},
                                   {"valid_to", Value(*Date::ParseWithPrecision("2025-07"))}})
                  .ok());
  ASSERT_TRUE(txn->Commit().ok());
  std::string gexf = Export(*store, ExportFormat::kGexf);
  EXPECT_NE(gexf.find("start=\"2025-04-01\""), std::string::npos) << gexf;
  EXPECT_NE(gexf.find("end=\"2025-07-31\""), std::string::npos) << gexf;
}

TEST_F(ExportTest, CsvRoundTripKeepsTemporalTypes) {
  auto store = NewStore("db", schema::Ontology::Open());
  auto txn = std::move(store->BeginWrite()).value();
  auto at = *ParseTimeValue(TimeKind::kDateTime, "2025-07-16T09:30[Asia/Shanghai]");
  ASSERT_TRUE(
      txn->CreateEntity(
             {"Event"},
             {{"at", Value(at)},
              {"local", Value(*ParseTimeValue(TimeKind::kLocalDateTime, "2025-07-16T09:30"))},
              {"opens", Value(*ParseTimeValue(TimeKind::kTime, "09:00+08:00"))},
              {"lasts", Value(*ParseDuration("PT1H30M"))},
              {"slots", Value(ValueList{Value(*ParseTimeValue(TimeKind::kLocalTime, "09:00")),
                                        Value(*ParseTimeValue(TimeKind::kLocalTime, "14:30"))})}})
          .ok());
  ASSERT_TRUE(txn->Commit().ok());
  RoundTrip(*store, schema::Ontology::Open());
  std::string nodes = ReadFile(dir_ / "first" / "nodes.csv");
  for (const char* header :
       {"at:datetime", "local:localdatetime", "opens:time", "lasts:duration", "slots:localtime[]"})
    EXPECT_NE(nodes.find(header), std::string::npos) << header << "\n" << nodes;
  EXPECT_NE(nodes.find("2025-07-16T09:30+08:00[Asia/Shanghai]"), std::string::npos) << nodes;
}

TEST_F(ExportTest, JsonlFollowsTheContractShapes) {
  auto store = BuiltinGraph();
  std::string text = Export(*store, ExportFormat::kJsonl);
  std::vector<Value> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto v = ParseJson(line);
    ASSERT_TRUE(v.ok()) << line;
    lines.push_back(*v);
  }
  ASSERT_EQ(lines.size(), 6u);
  const ValueMap& n = lines[0].as_map();
  EXPECT_EQ(n.at("_id"), Value(int64_t{1}));
  EXPECT_EQ(n.at("_labels"), Value(ValueList{"Company"}));
  EXPECT_EQ(n.at("name"), Value("NVIDIA"));
  EXPECT_EQ(n.at("founded"), Value(int64_t{1993}));
  EXPECT_EQ(n.at("aliases"), Value(ValueList{"NVIDIANVDA--", "Nvidia"}));
  EXPECT_EQ(lines[1].as_map().at("_id"), Value(int64_t{3})) << "the deleted entity 2 is skipped";
  const ValueMap& r = lines[4].as_map();
  EXPECT_EQ(r.at("_type"), Value("PRAISES"));
  EXPECT_EQ(r.at("_start"), Value(int64_t{3}));
  EXPECT_EQ(r.at("_end"), Value(int64_t{1}));
  EXPECT_EQ(r.at("stance"), Value(0.8));
  EXPECT_EQ(r.at("speaker"), Value("Lei Jun"));
  EXPECT_EQ(lines[3].as_map().at("valid_from"), Value("2025-07-15"));
}

TEST_F(ExportTest, GraphmlIsWellFormedWithTypedKeys) {
  auto store = BuiltinGraph();
  std::string xml = Export(*store, ExportFormat::kGraphml);
  for (const char* want :
       {R"(for="node" attr.name="labels" attr.type="string")",
        R"(for="node" attr.name="founded" attr.type="long")",
        R"(for="node" attr.name="market_cap" attr.type="double")",
        R"(for="node" attr.name="aliases" attr.type="string")",
        R"(for="edge" attr.name="type" attr.type="string")",
        R"(for="edge" attr.name="stance" attr.type="double")",
        R"(for="edge" attr.name="valid_from" attr.type="string")",
        R"(<edge id="e2" source="n3" target="n1">)", R"(says &quot;hi&quot;, twice&#10;and)",
        R"(for="node" attr.name="label" attr.type="string")", R"(>NVIDIANVDA--;Nvidia</data>)"}) {
    EXPECT_NE(xml.find(want), std::string::npos) << want << "\n" << xml;
  }
  fs::path file = dir_ / "g.graphml";
  std::ofstream(file, std::ios::binary) << xml;
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    std::string cmd = "xmllint --noout '" + file.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << xml;
  } else {
    EXPECT_EQ(xml.rfind("</graphml>\n"), xml.size() - 11);
  }
}

TEST_F(ExportTest, GraphmlEscapesMarkupAndControlCharacters) {
  auto store = NewStore("db", schema::Ontology::Open());
  auto txn = std::move(store->BeginWrite()).value();
  ASSERT_TRUE(txn->CreateEntity({"<L&>"}, {{"name", Value("a<b>&'c'\x01")}}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  std::string xml = Export(*store, ExportFormat::kGraphml);
  EXPECT_NE(xml.find("a&lt;b&gt;&amp;&apos;c&apos;\xEF\xBF\xBD"), std::string::npos) << xml;
  EXPECT_NE(xml.find("&lt;L&amp;&gt;"), std::string::npos) << xml;
  fs::path file = dir_ / "g.graphml";
  std::ofstream(file, std::ios::binary) << xml;
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("xmllint --noout '" + file.string() + "'").c_str()), 0);
  }
}

TEST_F(ExportTest, DotEscapesHostileNames) {
  auto store = NewStore("db", schema::Ontology::Builtin());
  auto txn = std::move(store->BeginWrite()).value();
  auto a = *txn->CreateEntity({"Person"}, {{"name", Value("say \"hi\"")}});
  auto b = *txn->CreateEntity({"Person"}, {{"name", Value("back\\slash\nnew line")}});
  auto c = *txn->CreateEntity({"Person"}, {{"name", Value("雷军")}});
  ASSERT_TRUE(txn->CreateRelation("RESPECTS", a, b, {}).ok());
  ASSERT_TRUE(txn->CreateRelation("RESPECTS", b, c, {}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  std::string dot = Export(*store, ExportFormat::kDot);
  EXPECT_EQ(dot,
            "digraph kg {\n"
            "  \"1\" [label=\"say \\\"hi\\\"\", kind=\"Person\"];\n"
            "  \"2\" [label=\"back\\\\slash\\nnew line\", kind=\"Person\"];\n"
            "  \"3\" [label=\"雷军\", kind=\"Person\"];\n"
            "  \"1\" -> \"2\" [label=\"RESPECTS\"];\n"
            "  \"2\" -> \"3\" [label=\"RESPECTS\"];\n"
            "}\n");
}

// Imports `nodes` and `edges` (CSV text) into `store`.
void ImportText(Store& store, const fs::path& dir, const std::string& nodes,
                const std::string& edges) {
  fs::create_directories(dir);
  std::ofstream(dir / "nodes.csv") << nodes;
  std::ofstream(dir / "edges.csv") << edges;
  ImportOptions options;
  options.node_files = {(dir / "nodes.csv").string()};
  options.edge_files = {(dir / "edges.csv").string()};
  auto imported = ImportCsv(store, options);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
}

TEST_F(ExportTest, ExportsGiveBackTheImportedIds) {
  auto store = NewStore("db", schema::Ontology::Open());
  const std::string nodes =
      ":ID,:LABEL,name\nnvidia,Company,NVIDIA\n\"h20, the chip\",Product,H20\n<x&y>,Person,X\n";
  const std::string edges =
      ":START_ID,:END_ID,:TYPE\nnvidia,\"h20, the chip\",MAKES\n<x&y>,nvidia,LEADS\n";
  ImportText(*store, dir_ / "in", nodes, edges);
  {  // An update keeps the id; the record's other fields change.
    auto txn = std::move(store->BeginWrite()).value();
    std::vector<EntityId> ids = *txn->FindByName("NVIDIA");
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_EQ(*txn->ImportId(ids[0]), "nvidia");
    Entity e = *txn->GetEntity(ids[0]);
    e.properties["founded"] = Value(1993);
    ASSERT_TRUE(txn->UpdateEntity(e).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto r = ExportCsv(*store, (dir_ / "out").string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ReadFile(dir_ / "out" / "nodes.csv"),
            ":ID,:LABEL,founded:long,name:string\nnvidia,Company,1993,NVIDIA\n"
            "\"h20, the chip\",Product,,H20\n<x&y>,Person,,X\n");
  EXPECT_EQ(ReadFile(dir_ / "out" / "relationships.csv"),
            ":START_ID,:END_ID,:TYPE\nnvidia,\"h20, the chip\",MAKES\n<x&y>,nvidia,LEADS\n");
  RoundTrip(*store, schema::Ontology::Open());
  // GraphML node ids are NMTOKENs: ids with spaces or punctuation give way
  // to n<id> there; GEXF takes any string.
  std::string graphml = Export(*store, ExportFormat::kGraphml);
  EXPECT_NE(graphml.find("<node id=\"nvidia\">"), std::string::npos) << graphml;
  EXPECT_NE(graphml.find("<node id=\"n2\">"), std::string::npos) << graphml;
  EXPECT_NE(graphml.find("source=\"n3\" target=\"nvidia\""), std::string::npos) << graphml;
  std::string gexf = Export(*store, ExportFormat::kGexf);
  EXPECT_NE(gexf.find("<node id=\"h20, the chip\""), std::string::npos) << gexf;
  EXPECT_NE(gexf.find("source=\"&lt;x&amp;y&gt;\" target=\"nvidia\""), std::string::npos) << gexf;
}

TEST_F(ExportTest, NodesWithoutOrWithClashingImportIdsGetFreshIds) {
  auto store = NewStore("db", schema::Ontology::Open());
  ImportText(*store, dir_ / "a", ":ID,name\n1,first\nb,second\n",
             ":START_ID,:END_ID,:TYPE\n1,b,R\n");
  {  // Created by a statement: no import id; the CSV position stands in.
    auto txn = std::move(store->BeginWrite()).value();
    auto made = txn->CreateEntity({}, {{"name", Value("made")}});
    ASSERT_TRUE(made.ok());
    EXPECT_EQ(*txn->ImportId(*made), "");
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto mixed = ExportCsv(*store, (dir_ / "mixed").string());
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(ReadFile(dir_ / "mixed" / "nodes.csv"),
            ":ID,:LABEL,name:string\n1,,first\nb,,second\n2,,made\n");
  // A second import reusing "1": the ids would clash, so every node is
  // numbered by position and the files still import on their own.
  ImportText(*store, dir_ / "b", ":ID,name\n1,again\n", ":START_ID,:END_ID,:TYPE\n");
  auto clash = ExportCsv(*store, (dir_ / "clash").string());
  ASSERT_TRUE(clash.ok());
  EXPECT_EQ(ReadFile(dir_ / "clash" / "nodes.csv"),
            ":ID,:LABEL,name:string\n0,,first\n1,,second\n2,,made\n3,,again\n");
  EXPECT_EQ(ReadFile(dir_ / "clash" / "relationships.csv"), ":START_ID,:END_ID,:TYPE\n0,1,R\n");
  std::string graphml = Export(*store, ExportFormat::kGraphml);
  EXPECT_NE(graphml.find("<node id=\"n1\">"), std::string::npos) << graphml;
  RoundTrip(*store, schema::Ontology::Open());
}

TEST_F(ExportTest, CsvNeedsADirectory) {
  auto store = NewStore("db", schema::Ontology::Builtin());
  std::ostringstream out;
  auto r = ExportToStream(*store, ExportFormat::kCsv, out);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  std::ofstream(dir_ / "file") << "x";
  auto r2 = ExportCsv(*store, (dir_ / "file").string());
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace kg::storage
