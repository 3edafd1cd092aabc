// A pattern node's labels and properties checked from the topology copy
// (its label sets and names, no record read) answer as the records do:
// label-filtered starts by name, by label and by id, label tests in a
// WHERE, properties the copy does not hold, and relabellings in the same
// statement and after a commit.
#include <gtest/gtest.h>

#include "tests/query/store_fixture.h"
#include "tests/storage/topology_options.h"

namespace kg::query {
namespace {

class MatchScanTest : public OpenStoreTest {
 protected:
  void SetUp() override {
    OpenStoreTest::SetUp();
    ASSERT_TRUE(Q("CREATE (a:Company {name: 'Acme', founded: 1990}), "
                  "(:Person {name: 'Acme'}), "
                  "(l:Company:Listed {name: 'acme'}), "
                  "(:Company {name: 42}), "
                  "(:Company {founded: 2001}), "
                  "(b:Company {name: 'Bolt'}), "
                  "(a)-[:COMPETES_WITH]->(b), (l)-[:COMPETES_WITH]->(a)")
                    .ok());
  }

  // Reopens the store with the topology copy built at once, or with none.
  void Reopen(bool cached) {
    store_.reset();
    auto s = storage::Store::Open(dir_.string(), storage::TopologyOptions(cached));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    Warm(cached);
  }
  void Warm(bool cached) {
    auto warm = store_->BeginRead()->WarmTopology();
    ASSERT_TRUE(warm.ok());
    ASSERT_EQ(*warm, cached);
  }

  // The rows of `text` with parameter name = `name`.
  std::vector<std::vector<Value>> Rows(const std::string& text, Value name = Value()) {
    QueryOptions o;
    o.parameters["name"] = std::move(name);
    auto r = Q(text, o);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    return r.ok() ? r->rows : std::vector<std::vector<Value>>{{Value("failed")}};
  }
};

using RowList = std::vector<std::vector<Value>>;

TEST_F(MatchScanTest, LabelledStartsAnswerAsTheRecordsWithAndWithoutTheCopy) {
  const std::vector<std::pair<std::string, Value>> queries = {
      {"MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name", Value("Acme")},
      {"MATCH (a:Company {name: $name}) RETURN a.founded", Value("Acme")},
      {"MATCH (a:Person {name: $name}) RETURN a.name", Value("Acme")},
      {"MATCH (a:Company:Listed {name: $name}) RETURN a.name", Value("acme")},
      {"MATCH (a:Listed {name: $name}) RETURN a.name", Value("Acme")},
      {"MATCH (a:Nope {name: $name}) RETURN a.name", Value("Acme")},
      {"MATCH (a:Company {name: $name}) RETURN a.name", Value()},
      {"MATCH (a:Company {name: $name}) RETURN a.name", Value(int64_t{42})},
      {"MATCH (a:Company {name: $name, founded: 1990}) RETURN a.name", Value("Acme")},
      {"MATCH (a:Company {name: $name, founded: 1991}) RETURN a.name", Value("Acme")},
      {"MATCH (a:Company {founded: 2001}) RETURN a.founded", Value()},
      {"MATCH (a:Company) RETURN a.name ORDER BY a.name", Value()},
      {"MATCH (a:Company) WHERE a.name = $name RETURN a.founded", Value("Bolt")},
      {"MATCH (n) WHERE n:Company AND NOT n:Listed RETURN n.name ORDER BY n.name", Value()},
      {"MATCH (n) RETURN n:Person, n:Company:Listed ORDER BY id(n)", Value()},
      {"MATCH (a:Company)-[:COMPETES_WITH]->(b:Company {name: $name}) RETURN a.name",
       Value("Acme")},
      {"MATCH (a {name: $name}) RETURN labels(a) ORDER BY id(a)", Value("Acme")},
      {"MATCH (a:Company) WHERE id(a) = 0 RETURN a.name", Value()},
  };
  std::vector<RowList> want;
  Reopen(false);
  for (const auto& [text, name] : queries) want.push_back(Rows(text, name));
  EXPECT_EQ(want[0], (RowList{{Value("Bolt")}, {Value("acme")}}));
  EXPECT_EQ(want[1], (RowList{{Value(int64_t{1990})}}));
  EXPECT_EQ(want[2], (RowList{{Value("Acme")}}));
  EXPECT_EQ(want[3], (RowList{{Value("acme")}}));
  EXPECT_EQ(want[4], RowList{}) << "the exact name is asked, not the folded one";
  EXPECT_EQ(want[5], RowList{});
  EXPECT_EQ(want[6], RowList{});
  EXPECT_EQ(want[7], (RowList{{Value(int64_t{42})}}));
  EXPECT_EQ(want[8], (RowList{{Value("Acme")}}));
  EXPECT_EQ(want[9], RowList{});
  EXPECT_EQ(want[10], (RowList{{Value(int64_t{2001})}}));
  EXPECT_EQ(want[13], (RowList{{Value("Acme")}, {Value("Bolt")}, {Value(int64_t{42})}, {Value()}}));
  Reopen(true);
  for (size_t i = 0; i < queries.size(); ++i)
    EXPECT_EQ(Rows(queries[i].first, queries[i].second), want[i]) << queries[i].first;
}

// A statement that relabels a node sees its own change in a later MATCH
// (the copy is never asked in a write); after the commit, readers see the
// new labels through RocksDB and then through a new copy.
TEST_F(MatchScanTest, ARelabellingIsSeenInTheStatementAndAfterIt) {
  Reopen(true);
  const std::string by_name = "MATCH (a:Company {name: $name}) RETURN a.name";
  const std::string gone = "MATCH (a:Gone {name: $name}) RETURN a.name";
  EXPECT_EQ(Rows(by_name, Value("Acme")), (RowList{{Value("Acme")}}));
  EXPECT_EQ(Rows("MATCH (a:Company {name: $name}) REMOVE a:Company SET a:Gone "
                 "WITH a OPTIONAL MATCH (b:Company {name: $name}) WITH count(b) AS companies "
                 "MATCH (c:Gone {name: $name}) RETURN companies, c.name",
                 Value("Acme")),
            (RowList{{Value(int64_t{0}), Value("Acme")}}));
  EXPECT_EQ(Rows(by_name, Value("Acme")), RowList{});
  EXPECT_EQ(Rows(gone, Value("Acme")), (RowList{{Value("Acme")}}));
  Warm(true);
  EXPECT_EQ(Rows(by_name, Value("Acme")), RowList{});
  EXPECT_EQ(Rows(gone, Value("Acme")), (RowList{{Value("Acme")}}));
  EXPECT_EQ(Rows("MATCH (n) WHERE n:Gone RETURN n.name"), (RowList{{Value("Acme")}}));
}

}  // namespace
}  // namespace kg::query
