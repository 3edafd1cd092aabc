// End-to-end tests of `kg analyze`: the built kg binary run on a small
// temporary database seeded through the storage API. Checks the output
// formats, --top, the label/type/as-of filters (against equivalent `kg query`
// counts), --write (visible to a later query, refused names, nothing written
// on failure), shortest paths, and the exit code of every kind of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "core/json.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/cli/cli_test_util.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;
using testing::Output;
using testing::Quote;
using testing::Slurp;

class AnalyzeCliTest : public testing::KgDbTest {
 protected:
  void SetUp() override {
    KgDbTest::SetUp();
    Seed();
  }

  // Companies A, B, C partner in a triangle (symmetric, stored A->B, B->C,
  // C->A); C competes with D and D with E (symmetric); A supplies E. Person P
  // respects Q until 2020-12-31, Q respects A from 2021-01-01.
  // Relations at each node: A 4 (out 2), B 2, C 3, D 2, E 2, P 1, Q 2.
  void Seed() {
    auto store = storage::Store::Open(db_, {}).value();
    auto t = store->BeginWrite().value();
    auto entity = [&](const char* kind, const char* name) {
      return t->CreateEntity({kind}, {{"name", Value(name)}}).value();
    };
    EntityId a = entity("Company", "A"), b = entity("Company", "B"), c = entity("Company", "C");
    EntityId d = entity("Company", "D"), e = entity("Company", "E");
    EntityId p = entity("Person", "P"), q = entity("Person", "Q");
    auto rel = [&](const char* type, EntityId x, EntityId y, PropertyMap props = {}) {
      ASSERT_TRUE(t->CreateRelation(type, x, y, props).ok()) << type;
    };
    rel("PARTNERS_WITH", a, b);
    rel("PARTNERS_WITH", b, c);
    rel("PARTNERS_WITH", c, a);
    rel("COMPETES_WITH", c, d);
    rel("COMPETES_WITH", d, e);
    rel("SUPPLIES", a, e);
    rel("RESPECTS", p, q,
        {{"stance", Value(0.5)}, {"valid_to", Value(Date::Parse("2020-12-31").value())}});
    rel("RESPECTS", q, a,
        {{"stance", Value(0.9)}, {"valid_from", Value(Date::Parse("2021-01-01").value())}});
    ASSERT_TRUE(t->Commit().ok());
  }

  // Rows of a --format json result as name -> number, from the columns
  // `name_col` and `value_col`.
  static std::map<std::string, double> ByName(const Output& o, size_t name_col = 0,
                                              size_t value_col = 3) {
    std::map<std::string, double> out;
    Result<Value> json = ParseJson(o.out);
    EXPECT_TRUE(json.ok()) << o.out << o.err;
    if (!json.ok()) return out;
    for (const Value& row : json->as_map().at("rows").as_list())
      out[row.as_list()[name_col].as_string()] = row.as_list()[value_col].as_number();
    return out;
  }

  // `kg analyze ARGS --format json`, keyed by name.
  std::map<std::string, double> Scores(const std::string& args) {
    Output o = Kg("analyze " + args + " --top 0 --format json");
    EXPECT_EQ(o.code, 0) << args << ": " << o.err;
    return ByName(o);
  }

  // Relations per node as the query language counts them for `pattern`.
  std::map<std::string, double> CountQuery(const std::string& pattern) {
    Output o = Kg("query --format json " +
                  Quote("MATCH " + pattern + " RETURN n.name AS name, count(r) AS c"));
    EXPECT_EQ(o.code, 0) << o.err;
    return ByName(o, 0, 1);
  }

  // `kg query --format csv` of property `key` of the entity named `name` (empty when unset).
  std::string PropertyOf(const std::string& name, const std::string& key) {
    Output o = Kg("query --format csv " +
                  Quote("MATCH (n {name: '" + name + "'}) RETURN n." + key + " AS v"));
    EXPECT_EQ(o.code, 0) << o.err;
    return o.out;
  }
};

TEST_F(AnalyzeCliTest, DegreeMatchesTheQueryLanguageCountsInEveryDirection) {
  std::map<std::string, double> both = Scores("degree");
  ASSERT_EQ(both.size(), 7u);
  EXPECT_EQ(both["A"], 4);
  EXPECT_EQ(both["C"], 3);  // two partnerships and one rivalry, each once
  // Nodes the count query finds have the same number; the others have 0.
  auto compare = [&](const std::string& direction, const std::string& pattern) {
    std::map<std::string, double> scores = Scores("degree --direction " + direction);
    std::map<std::string, double> counts = CountQuery(pattern);
    for (const auto& [name, score] : scores) {
      double expected = counts.count(name) ? counts[name] : 0.0;
      EXPECT_EQ(score, expected) << direction << " " << name;
    }
  };
  compare("both", "(n)-[r]-()");
  compare("out", "(n)-[r]->()");
  compare("in", "(n)<-[r]-()");
  EXPECT_EQ(Scores("degree --direction out")["A"], 2);  // AB, AE; CA is stored C->A
}

TEST_F(AnalyzeCliTest, FormatsTableCsvJsonAndJsonl) {
  Output csv = Kg("analyze degree --top 2 --format csv");
  ASSERT_EQ(csv.code, 0) << csv.err;
  // Plain columns: no node object in a cell.
  EXPECT_EQ(csv.out.rfind("name,label,id,score\r\n", 0), 0u) << csv.out;
  EXPECT_NE(csv.out.find("\r\nA,Company,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",4\r\n"), std::string::npos) << csv.out;
  EXPECT_EQ(csv.out.find('{'), std::string::npos) << csv.out;

  Output json = Kg("analyze pagerank --top 3 --format json");
  ASSERT_EQ(json.code, 0) << json.err;
  Result<Value> doc = ParseJson(json.out);
  ASSERT_TRUE(doc.ok()) << json.out;
  const ValueMap& top = doc->as_map();
  EXPECT_EQ(top.at("columns"),
            Value(ValueList{Value("name"), Value("label"), Value("id"), Value("score")}));
  const ValueList& rows = top.at("rows").as_list();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].as_list()[0].is_string());
  EXPECT_EQ(rows[0].as_list()[1], Value("Company"));
  EXPECT_TRUE(rows[0].as_list()[2].is_int());
  EXPECT_GE(rows[0].as_list()[3].as_number(), rows[1].as_list()[3].as_number());

  Output jsonl = Kg("analyze components --top 0 --format jsonl");
  ASSERT_EQ(jsonl.code, 0) << jsonl.err;
  size_t lines = 0;
  for (char ch : jsonl.out) lines += ch == '\n';
  EXPECT_GE(lines, 7u) << jsonl.out;  // one line per node (plus any header line)

  Output table = Kg("analyze communities");
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("community"), std::string::npos) << table.out;
}

TEST_F(AnalyzeCliTest, TopLimitsRowsAndZeroMeansAll) {
  EXPECT_EQ(ByName(Kg("analyze degree --top 3 --format json")).size(), 3u);
  EXPECT_EQ(ByName(Kg("analyze degree --top 0 --format json")).size(), 7u);
  EXPECT_EQ(ByName(Kg("analyze degree --top 100 --format json")).size(), 7u);
  Output negative = Kg("analyze degree --top -1");
  EXPECT_EQ(negative.code, 2) << negative.out;
  EXPECT_TRUE(negative.out.empty());
}

TEST_F(AnalyzeCliTest, LabelTypeAndAsOfFilters) {
  std::map<std::string, double> people = Scores("degree --labels Person");
  EXPECT_EQ(people.size(), 2u);
  EXPECT_EQ(people["P"], 1);  // P-Q only: Q->A leaves the kept nodes
  EXPECT_EQ(Scores("degree --labels Person,Company").size(), 7u);

  std::map<std::string, double> before = Scores("degree --types RESPECTS --as-of 2020-06-01");
  EXPECT_EQ(before["P"], 1);
  EXPECT_EQ(before["Q"], 1);
  EXPECT_EQ(before["A"], 0);
  std::map<std::string, double> after = Scores("degree --types RESPECTS --as-of 2021-06-01");
  EXPECT_EQ(after["P"], 0);
  EXPECT_EQ(after["A"], 1);

  // A type listed twice counts once.
  EXPECT_EQ(Scores("degree --types RESPECTS,RESPECTS")["Q"], 2);
  EXPECT_EQ(Scores("degree --types PARTNERS_WITH,PARTNERS_WITH")["A"], 2);
  std::map<std::string, double> two = Scores("degree --types PARTNERS_WITH,SUPPLIES");
  EXPECT_EQ(two["A"], 3);
  EXPECT_EQ(two["D"], 0);
}

TEST_F(AnalyzeCliTest, UnknownLabelOrTypeExitsTwoListingKnownNames) {
  Output label = Kg("analyze degree --labels Persn");
  EXPECT_EQ(label.code, 2);
  EXPECT_TRUE(label.out.empty()) << label.out;
  EXPECT_NE(label.err.find("--labels: unknown label 'Persn'; known: "), std::string::npos)
      << label.err;
  EXPECT_NE(label.err.find("Person"), std::string::npos);
  Output type = Kg("analyze pagerank --types PARTNERS_WITH,RESPECT");
  EXPECT_EQ(type.code, 2);
  EXPECT_NE(type.err.find("--types: unknown relation type 'RESPECT'; known: "), std::string::npos)
      << type.err;
  EXPECT_NE(type.err.find("RESPECTS"), std::string::npos);
}

TEST_F(AnalyzeCliTest, UnknownNamesMatchNothingInAnOpenDatabase) {
  std::string open_db = (dir_ / "open").string();
  ASSERT_TRUE(storage::Store::Create(open_db, schema::Ontology::Open()).ok());
  {
    auto store = storage::Store::Open(open_db, {}).value();
    auto t = store->BeginWrite().value();
    EntityId x = t->CreateEntity({"Thing"}, {{"name", Value("X")}}).value();
    EntityId y = t->CreateEntity({"Thing"}, {{"name", Value("Y")}}).value();
    ASSERT_TRUE(t->CreateRelation("LIKES", x, y, {}).ok());
    ASSERT_TRUE(t->Commit().ok());
  }
  db_ = open_db;
  EXPECT_EQ(Scores("degree --types LIKES")["X"], 1);
  EXPECT_EQ(Scores("degree --types NO_SUCH")["X"], 0);
  EXPECT_TRUE(Scores("degree --labels NoSuch").empty());
}

TEST_F(AnalyzeCliTest, WriteStoresScoresForLaterQueries) {
  Output o = Kg("analyze degree --write deg --top 1 --format csv");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.err.find("wrote 'deg' on 7 nodes"), std::string::npos) << o.err;
  EXPECT_EQ(PropertyOf("A", "deg"), "v\r\n4\r\n");
  EXPECT_EQ(PropertyOf("P", "deg"), "v\r\n1\r\n");
  ASSERT_EQ(Kg("analyze pagerank --write pr").code, 0);
  Output sum = Kg("query --format json " +
                  Quote("MATCH (n) WHERE n.pr IS NOT NULL RETURN count(n) AS c, sum(n.pr) AS s"));
  ASSERT_EQ(sum.code, 0) << sum.err;
  Result<Value> doc = ParseJson(sum.out);
  ASSERT_TRUE(doc.ok()) << sum.out;
  const ValueList& row = doc->as_map().at("rows").as_list()[0].as_list();
  EXPECT_EQ(row[0], Value(int64_t{7}));
  EXPECT_NEAR(row[1].as_number(), 1.0, 1e-9);
}

TEST_F(AnalyzeCliTest, RefusedWritesExitTwoAndWriteNothing) {
  for (const char* bad : {"''", "_id", "_labels", "name", "aliases"}) {
    Output o = Kg(std::string("analyze degree --write ") + bad);
    EXPECT_EQ(o.code, 2) << bad << ": " << o.err;
    EXPECT_TRUE(o.out.empty()) << bad << ": " << o.out;
  }
  EXPECT_EQ(PropertyOf("A", "_id"), "v\r\n\r\n");  // nothing under that name
  EXPECT_EQ(PropertyOf("A", "name"), "v\r\nA\r\n");
  // A bad filter stops the write before anything lands.
  EXPECT_EQ(Kg("analyze degree --write deg --types NOPE").code, 2);
  EXPECT_EQ(Kg("analyze degree --write deg --as-of 2021-13-01").code, 2);
  EXPECT_EQ(PropertyOf("A", "deg"), "v\r\n\r\n");
  // Another process holds the write lock: exit 3, nothing written.
  {
    auto writer = storage::Store::Open(db_, storage::OpenOptions{});
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    Output locked = Kg("analyze degree --write deg");
    EXPECT_EQ(locked.code, 3) << locked.err;
    EXPECT_NE(locked.err.find("lock"), std::string::npos) << locked.err;
    // Reading still works meanwhile.
    EXPECT_EQ(Kg("analyze degree").code, 0);
  }
  EXPECT_EQ(PropertyOf("A", "deg"), "v\r\n\r\n");
}

TEST_F(AnalyzeCliTest, ShortestPathsAndDistances) {
  Output path = Kg("analyze shortest --from P --to E --format json");
  ASSERT_EQ(path.code, 0) << path.err;
  Result<Value> doc = ParseJson(path.out);
  ASSERT_TRUE(doc.ok()) << path.out;
  const ValueList& rows = doc->as_map().at("rows").as_list();
  ASSERT_EQ(rows.size(), 4u);  // P - Q - A - E
  // Columns name, label, id, via (the arriving relation's type), distance.
  EXPECT_EQ(rows[0].as_list()[0], Value("P"));
  EXPECT_TRUE(rows[0].as_list()[3].is_null());  // no relation arrives at the start
  EXPECT_EQ(rows[2].as_list()[0], Value("A"));
  EXPECT_EQ(rows[3].as_list()[0], Value("E"));
  EXPECT_EQ(rows[3].as_list()[4].as_number(), 3.0);
  EXPECT_EQ(rows[3].as_list()[3], Value("SUPPLIES"));

  std::map<std::string, double> distance =
      ByName(Kg("analyze shortest --from A --top 0 --format json"));
  EXPECT_EQ(distance.size(), 7u);
  EXPECT_EQ(distance["A"], 0);
  EXPECT_EQ(distance["D"], 2);
  EXPECT_EQ(distance["P"], 2);

  // Following arrows, nothing leads from A back to P; the message names both.
  Output none = Kg("analyze shortest --from A --to P --directed");
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find("no path from 'A' to 'P' following relation direction"),
            std::string::npos)
      << none.err;
  Output filtered = Kg("analyze shortest --from P --to E --labels Company");
  EXPECT_EQ(filtered.code, 1);
  EXPECT_NE(filtered.err.find("'P' is not in the filtered graph"), std::string::npos)
      << filtered.err;
  Output unknown = Kg("analyze shortest --from Nobody --to A");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no entity is named or aliased 'Nobody'"), std::string::npos)
      << unknown.err;
  Output weighted = Kg("analyze shortest --from P --to A --weight stance --format csv");
  ASSERT_EQ(weighted.code, 0) << weighted.err;
  EXPECT_NE(weighted.out.find("\r\nA,Company,"), std::string::npos) << weighted.out;
}

TEST_F(AnalyzeCliTest, BadOptionValuesExitTwoBeforeRunning) {
  for (const char* args :
       {"pagerenk", "degree --format xml", "degree --direction sideways",
        "degree --as-of 2021-13-01", "pagerank --damping 1.5", "pagerank --iterations 0",
        "degree --no-such-flag", "shortest --to A", "shortest --from A --weight heavy",
        "shortest --from A --to E --write d"}) {
    Output o = Kg(std::string("analyze ") + args);
    EXPECT_EQ(o.code, 2) << args << ": " << o.err;
    EXPECT_TRUE(o.out.empty()) << args << ": " << o.out;
    EXPECT_FALSE(o.err.empty()) << args;
  }
  Output bad_date = Kg("analyze degree --as-of 2021-13-01");
  EXPECT_NE(bad_date.err.find("--as-of"), std::string::npos) << bad_date.err;
}

}  // namespace
}  // namespace kg::cli
