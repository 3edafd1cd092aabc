// End-to-end tests of what `kg path` finds (routes with parallel relations
// grouped per hop, same-entity and unknown-name errors, types in any case)
// and of the --format shapes of `kg get`, `kg path` and `kg stats`
// (cli/shapes.h, docs/cli.md): every shape parsed back.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "tests/cli/cli_test_util.h"

namespace kg::cli {
namespace {

using testing::Output;
using testing::Quote;

// The records of an RFC 4180 text (CRLF line ends, quoted fields may hold
// commas, quotes and line breaks); ASSERTs that every record ends in CRLF.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_TRUE(field.empty() && record.empty()) << "unterminated record in: " << text;
  return records;
}

// Each line of `text` parsed as JSON.
std::vector<Value> ParseLines(const std::string& text) {
  std::vector<Value> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    Result<Value> v = ParseJson(line);
    EXPECT_TRUE(v.ok()) << line;
    if (v.ok()) out.push_back(std::move(v).value());
  }
  return out;
}

Value Parse(const std::string& text) {
  Result<Value> v = ParseJson(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? std::move(v).value() : Value();
}

class ShapesCliTest : public testing::KgDbTest {
 protected:
  // Two routes from Xiaomi to Huawei: through China (one BASED_IN each
  // way) and through NVIDIA, with two partnerships and three rivalries in
  // parallel (2 x 3 = 6 paths), so --all finds 7 paths on 2 routes.
  void SetUp() override {
    KgDbTest::SetUp();
    Output o = Kg("query " +
                  Quote("CREATE (x:Company {name: 'Xiaomi', aliases: ['小米']}), "
                        "(h:Company {name: 'Huawei'}), (n:Company {name: 'NVIDIA'}), "
                        "(c:Country {name: 'China'}), "
                        "(x)-[:BASED_IN {quote: 'Xiaomi, of Beijing', source: 'a1'}]->(c), "
                        "(h)-[:BASED_IN]->(c), "
                        "(x)-[:PARTNERS_WITH {quote: 'close cooperation, \"many\" areas', speaker: "
                        "'Jensen Huang', source: 'a1'}]->(n), "
                        "(n)-[:PARTNERS_WITH {quote: 'a fantastic partner', source: 'a2'}]->(x), "
                        "(n)-[:COMPETES_WITH {quote: 'they compete with us'}]->(h), "
                        "(n)-[:COMPETES_WITH {quote: 'learning from Huawei'}]->(h), "
                        "(h)-[:COMPETES_WITH {quote: 'catching up'}]->(n)"));
    ASSERT_EQ(o.code, 0) << o.err;
  }
};

TEST_F(ShapesCliTest, PathAllListsEachRouteOnceWithItsParallelRelations) {
  Output o = Kg("path Xiaomi Huawei --all");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out.rfind("2 routes of 2 hops, 7 relation combinations\n", 0), 0u) << o.out;
  EXPECT_NE(o.out.find("\nRoute 1: Xiaomi → China → Huawei\n"
                       "  Xiaomi → China: 1 relation\n"
                       "    -[BASED_IN]->  \"Xiaomi, of Beijing\" (a1)\n"
                       "  China → Huawei: 1 relation\n"
                       "    <-[BASED_IN]-\n"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\nRoute 2: Xiaomi → NVIDIA → Huawei  (2 × 3 = 6 combinations)\n"
                       "  Xiaomi → NVIDIA: 2 relations\n"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("    -[PARTNERS_WITH]-  \"close cooperation, \"many\" areas\" — "
                       "Jensen Huang (a1)\n"),
            std::string::npos)
      << o.out;
  EXPECT_EQ(o.out.find("Route 3"), std::string::npos) << o.out;
  // Without --all: one shortest path, one relation a hop.
  Output one = Kg("path Xiaomi Huawei");
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(one.out.rfind("1 route of 2 hops, 1 relation combination\n", 0), 0u) << one.out;
}

TEST_F(ShapesCliTest, PathJsonJsonlAndCsvCarryTheSameRoutes) {
  Value doc = Parse(Kg("path Xiaomi Huawei --all --format json").out);
  ASSERT_TRUE(doc.is_map());
  const ValueMap& top = doc.as_map();
  EXPECT_EQ(top.at("route_count"), Value(2));
  EXPECT_EQ(top.at("combinations"), Value(7));
  EXPECT_EQ(top.at("from").as_list()[0].as_map().at("name"), Value("Xiaomi"));
  const ValueList& routes = top.at("routes").as_list();
  ASSERT_EQ(routes.size(), 2u);
  const ValueMap& via_nvidia = routes[1].as_map();
  EXPECT_EQ(via_nvidia.at("combinations"), Value(6));
  EXPECT_EQ(via_nvidia.at("entities").as_list()[1].as_map().at("name"), Value("NVIDIA"));
  const ValueList& hops = via_nvidia.at("hops").as_list();
  ASSERT_EQ(hops.size(), 2u);
  EXPECT_EQ(hops[0].as_map().at("relations").as_list().size(), 2u);
  EXPECT_EQ(hops[1].as_map().at("relations").as_list().size(), 3u);
  const ValueMap& partner = hops[0].as_map().at("relations").as_list()[0].as_map();
  EXPECT_EQ(partner.at("type"), Value("PARTNERS_WITH"));
  EXPECT_EQ(partner.at("direction"), Value("undirected"));
  const ValueList& china_hops = routes[0].as_map().at("hops").as_list();
  EXPECT_EQ(china_hops[0].as_map().at("relations").as_list()[0].as_map().at("direction"),
            Value("forward"));
  EXPECT_EQ(china_hops[1].as_map().at("relations").as_list()[0].as_map().at("direction"),
            Value("backward"));

  std::vector<Value> lines = ParseLines(Kg("path Xiaomi Huawei --all --format jsonl").out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], routes[1]);

  Output csv = Kg("path Xiaomi Huawei --all --format csv");
  ASSERT_EQ(csv.code, 0) << csv.err;
  auto records = ParseCsv(csv.out);
  ASSERT_EQ(records.size(), 1u + 1 + 1 + 2 + 3) << csv.out;  // header, then one per relation
  EXPECT_EQ(records[0],
            (std::vector<std::string>{"route", "hop", "from", "to", "type", "direction",
                                      "relation_id", "quote", "speaker", "source", "confidence"}));
  EXPECT_EQ(records[3][0], "2");
  EXPECT_EQ(records[3][2], "Xiaomi");
  EXPECT_EQ(records[3][3], "NVIDIA");
  EXPECT_EQ(records[3][7], "close cooperation, \"many\" areas");
  EXPECT_EQ(records[3][8], "Jensen Huang");

  // No route: an empty list, a header alone, no lines.
  Value none = Parse(Kg("path Xiaomi Huawei --max 1 --format json").out);
  EXPECT_EQ(none.as_map().at("route_count"), Value(0));
  EXPECT_EQ(Kg("path Xiaomi Huawei --max 1 --format csv").out,
            "route,hop,from,to,type,direction,relation_id,quote,speaker,source,confidence\r\n");
  EXPECT_EQ(Kg("path Xiaomi Huawei --max 1 --format jsonl").out, "");
}

TEST_F(ShapesCliTest, PathBetweenNamesOfOneEntityIsAnError) {
  for (const char* other : {"Xiaomi", "xiaomi", "小米"}) {
    Output o = Kg(std::string("path Xiaomi ") + Quote(other));
    EXPECT_EQ(o.code, 1) << other;
    EXPECT_TRUE(o.out.empty()) << o.out;
    EXPECT_NE(o.err.find("are the same entity (Xiaomi, id "), std::string::npos) << o.err;
  }
}

TEST_F(ShapesCliTest, PathSuggestsNamesForEachUnknownEndpoint) {
  Output o = Kg("path Xiomi Huawei");
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("no entity is named or aliased 'Xiomi'; did you mean 'Xiaomi'?"),
            std::string::npos)
      << o.err;
  Output both = Kg("path Xiomi Huawie");
  EXPECT_EQ(both.code, 1);
  EXPECT_NE(
      both.err.find("'Xiomi'; did you mean 'Xiaomi'? Also no entity is named or aliased 'Huawie'; "
                    "did you mean 'Huawei'?"),
      std::string::npos)
      << both.err;
  Output nothing = Kg("path Xiaomi Zzzzzzzz");
  EXPECT_EQ(nothing.code, 1);
  EXPECT_NE(nothing.err.find("no entity is named or aliased 'Zzzzzzzz'\n"), std::string::npos)
      << nothing.err;
}

TEST_F(ShapesCliTest, PathTypesAreMatchedInAnyCaseAndUnknownOnesRefused) {
  Output o = Kg("path Xiaomi Huawei --all --types partners_with,Competes_With");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out.rfind("1 route of 2 hops, 6 relation combinations\n", 0), 0u) << o.out;
  Output unknown = Kg("path Xiaomi Huawei --types partners_wit");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_TRUE(unknown.out.empty());
  EXPECT_NE(unknown.err.find("--types: unknown relation type 'partners_wit'; known: "),
            std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("PARTNERS_WITH"), std::string::npos) << unknown.err;
}

TEST_F(ShapesCliTest, GetJsonJsonlAndCsv) {
  Value doc = Parse(Kg("get huawei --format json").out);
  const ValueList& entities = doc.as_map().at("entities").as_list();
  ASSERT_EQ(entities.size(), 1u);
  const ValueMap& huawei = entities[0].as_map();
  EXPECT_EQ(huawei.at("name"), Value("Huawei"));
  EXPECT_EQ(huawei.at("labels"), Value(ValueList{Value("Company")}));
  EXPECT_EQ(huawei.at("relation_counts").as_map().at("COMPETES_WITH"), Value(3));
  const ValueList& relations = huawei.at("relations").as_list();
  ASSERT_EQ(relations.size(), 4u);
  const ValueMap& based = relations[0].as_map();
  EXPECT_EQ(based.at("type"), Value("BASED_IN"));
  EXPECT_EQ(based.at("direction"), Value("out"));
  EXPECT_EQ(based.at("other").as_map().at("name"), Value("China"));

  std::vector<Value> lines = ParseLines(Kg("get huawei --format jsonl").out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], entities[0]);

  auto records = ParseCsv(Kg("get Xiaomi --format csv").out);
  ASSERT_EQ(records.size(), 4u);  // header, BASED_IN, two PARTNERS_WITH
  EXPECT_EQ(records[0][0], "entity");
  EXPECT_EQ(records[0][7], "quote");
  for (size_t i = 1; i < records.size(); ++i) {
    EXPECT_EQ(records[i].size(), records[0].size());
    EXPECT_EQ(records[i][0], "Xiaomi");
  }
  EXPECT_EQ(records[1][2], "BASED_IN");
  EXPECT_EQ(records[1][4], "China");
  EXPECT_EQ(records[1][7], "Xiaomi, of Beijing");

  Output missing = Kg("get Huawie --format json");
  EXPECT_EQ(missing.code, 1);
  EXPECT_TRUE(missing.out.empty());
  EXPECT_NE(missing.err.find("did you mean 'Huawei'?"), std::string::npos) << missing.err;
}

TEST_F(ShapesCliTest, StatsJsonJsonlAndCsv) {
  Value doc = Parse(Kg("stats --format json").out);
  const ValueMap& stats = doc.as_map();
  EXPECT_EQ(stats.at("entities"), Value(4));
  EXPECT_EQ(stats.at("relations"), Value(7));
  EXPECT_EQ(stats.at("entities_by_label").as_map().at("Company"), Value(3));
  EXPECT_EQ(stats.at("relations_by_type").as_map().at("COMPETES_WITH"), Value(3));
  EXPECT_EQ(stats.at("ontology"), Value("builtin"));
  EXPECT_TRUE(stats.at("format_version").is_int());
  const ValueMap& topology = stats.at("topology_cache").as_map();
  EXPECT_EQ(topology.at("budget_bytes"), Value(int64_t{1} << 30));
  EXPECT_TRUE(topology.at("estimate_bytes").is_int());
  EXPECT_EQ(topology.at("held_bytes"), Value(0)) << "a stats process builds no copy";

  auto records = ParseCsv(Kg("stats --format csv").out);
  ASSERT_EQ(records.size(), 1u + 1 + 2 + 1 + 3);  // header, totals, 2 labels, 3 types
  EXPECT_EQ(records[0], (std::vector<std::string>{"kind", "name", "count"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"entities", "", "4"}));
  EXPECT_EQ(records[2], (std::vector<std::string>{"label", "Company", "3"}));
  EXPECT_EQ(records[4], (std::vector<std::string>{"relations", "", "7"}));

  std::vector<Value> lines = ParseLines(Kg("stats --format jsonl").out);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[3].as_map().at("kind"), Value("relations"));
  EXPECT_EQ(lines[3].as_map().at("count"), Value(7));
}

TEST_F(ShapesCliTest, UnknownFormatIsAUsageError) {
  for (const char* cmd : {"get Xiaomi", "path Xiaomi Huawei", "stats", "analyze degree"}) {
    Output o = Kg(std::string(cmd) + " --format yaml");
    EXPECT_EQ(o.code, 2) << cmd;
    EXPECT_TRUE(o.out.empty()) << cmd << ": " << o.out;
    EXPECT_NE(o.err.find("unknown format 'yaml': use table, csv, json or jsonl"), std::string::npos)
        << cmd << ": " << o.err;
  }
}

}  // namespace
}  // namespace kg::cli
