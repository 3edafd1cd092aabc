// Queries under a RelationFilter (the two clocks, min-confidence) return
// exactly the matches of the plain query whose relationships all pass
// RelationFilter::Accepts on their full records: the per-edge fast path
// (EvalContext::RelAccepted over Transaction::RelationAccepted: the clock
// table of the topology cache, or the record's clock) changes no result.
// Random graphs with random clocks at every date precision, with and without
// the topology cache (and so with and without its clock table).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/storage/topology_options.h"

namespace kg::query {
namespace {

namespace fs = std::filesystem;

Date RandomDate(std::mt19937_64& rng) {
  Date day(static_cast<int32_t>(rng() % 2000) + 16000);
  auto p = static_cast<DatePrecision>(rng() % 4);
  return p == DatePrecision::kDay ? day : Date::Period(day, p);
}

PropertyMap RandomClock(std::mt19937_64& rng) {
  PropertyMap props;
  if (rng() % 3 == 0) props["valid_from"] = RandomDate(rng);
  if (rng() % 3 == 0) props["valid_to"] = RandomDate(rng);
  if (rng() % 3 == 0) props["date"] = RandomDate(rng);
  if (rng() % 3 == 0) props["confidence"] = static_cast<double>(rng() % 11) / 10.0;
  if (rng() % 3 == 0) props["source"] = std::string(rng() % 2 ? "a" : "b");
  return props;
}

class RelationFilterQueryTest : public ::testing::TestWithParam<bool> {};

TEST_P(RelationFilterQueryTest, FilteredEqualsPlainFilteredByRecords) {
  fs::path dir =
      fs::temp_directory_path() /
      ("kg_relation_filter_query_" + std::to_string(GetParam()) + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(storage::Store::Create(dir.string(), schema::Ontology::Open()).ok());
  storage::OpenOptions open = storage::TopologyOptions(GetParam());
  auto store = storage::Store::Open(dir.string(), open);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::mt19937_64 rng(11);
  {
    auto w = (*store)->BeginWrite();
    ASSERT_TRUE(w.ok());
    std::vector<EntityId> nodes;
    for (int i = 0; i < 25; ++i) nodes.push_back(*(*w)->CreateEntity({"L"}, {}));
    for (int i = 0; i < 120; ++i)
      ASSERT_TRUE((*w)->CreateRelation(rng() % 2 ? "R" : "S", nodes[rng() % nodes.size()],
                                       nodes[rng() % nodes.size()], RandomClock(rng))
                      .ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto published = std::make_shared<std::map<std::string, Date, std::less<>>>();
  (*published)["a"] = RandomDate(rng);
  (*published)["b"] = RandomDate(rng);
  const char* queries[] = {
      "MATCH (a)-[r]->(b) RETURN [id(r)] AS rs",
      "MATCH (a)-[r:R]-(b) RETURN [id(r)] AS rs",
      "MATCH (a)-[r1]->(b)-[r2]->(c) RETURN [id(r1), id(r2)] AS rs",
      "MATCH (a)-[rs*1..3]->(b) RETURN [r IN rs | id(r)] AS rs",
      "MATCH (a)-[r {confidence: 0.5}]->(b) RETURN [id(r)] AS rs",
  };
  size_t kept = 0, cut = 0;  // the filters both keep and cut matches
  for (int round = 0; round < 12; ++round) {
    QueryOptions filtered;
    RelationFilter& f = filtered.relations;
    if (rng() % 2) f.valid_at = RandomDate(rng);
    if (rng() % 2) f.known_at = RandomDate(rng);
    if (rng() % 3 == 0) f.min_confidence = static_cast<double>(rng() % 11) / 10.0;
    if (f.empty()) f.known_at = RandomDate(rng);
    f.source_published = published;
    auto txn = (*store)->BeginRead();
    for (const char* q : queries) {
      SCOPED_TRACE(q);
      auto plain = query::Run(**store, q, {});
      ASSERT_TRUE(plain.ok()) << plain.status().ToString();
      std::vector<ValueList> want;
      for (const auto& row : plain->rows) {
        bool keep = true;
        for (const Value& id : row[0].as_list()) {
          auto rel = txn->GetRelation(static_cast<RelationId>(id.as_int()));
          ASSERT_TRUE(rel.ok());
          keep = keep && f.Accepts(*rel);
        }
        if (keep) want.push_back(row[0].as_list());
      }
      auto got = query::Run(**store, q, filtered);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      std::vector<ValueList> have;
      for (const auto& row : got->rows) have.push_back(row[0].as_list());
      auto less = [](const ValueList& x, const ValueList& y) {
        return std::lexicographical_compare(
            x.begin(), x.end(), y.begin(), y.end(),
            [](const Value& p, const Value& q) { return p.as_int() < q.as_int(); });
      };
      std::sort(want.begin(), want.end(), less);
      std::sort(have.begin(), have.end(), less);
      EXPECT_EQ(have, want) << "round " << round;
      kept += want.size();
      cut += plain->rows.size() - want.size();
    }
  }
  // MATCH (a)-->()-->(c) RETURN DISTINCT ... runs level by level
  // (TwoHopExpand(Distinct), both hops through the filtered Expand); under
  // the filter it must equal the distinct ends of the two-hop walks whose
  // relationships both pass.
  const std::pair<const char*, const char*> two_hops[] = {
      {"MATCH (a)-->()-->(c) RETURN DISTINCT id(a) AS a, id(c) AS c",
       "MATCH (a)-[r1]->()-[r2]->(c) RETURN id(a) AS a, id(c) AS c, id(r1), id(r2)"},
      {"MATCH (a)-[:R]->()-[:S|R]-(c) RETURN DISTINCT id(a) AS a, id(c) AS c",
       "MATCH (a)-[r1:R]->()-[r2:S|R]-(c) RETURN id(a) AS a, id(c) AS c, id(r1), id(r2)"},
  };
  for (int round = 0; round < 12; ++round) {
    QueryOptions filtered;
    RelationFilter& f = filtered.relations;
    f.valid_at = RandomDate(rng);
    if (rng() % 2) f.known_at = RandomDate(rng);
    if (rng() % 2) f.min_confidence = static_cast<double>(rng() % 11) / 10.0;
    f.source_published = published;
    auto txn = (*store)->BeginRead();
    for (const auto& [fast, walks] : two_hops) {
      SCOPED_TRACE(fast);
      auto plain = query::Run(**store, walks, {});
      ASSERT_TRUE(plain.ok()) << plain.status().ToString();
      std::set<std::pair<int64_t, int64_t>> want;
      for (const auto& row : plain->rows) {
        bool keep = true;
        for (int i = 2; i < 4; ++i) {
          auto rel = txn->GetRelation(static_cast<RelationId>(row[i].as_int()));
          ASSERT_TRUE(rel.ok());
          keep = keep && f.Accepts(*rel);
        }
        if (keep) want.emplace(row[0].as_int(), row[1].as_int());
      }
      auto got = query::Run(**store, fast, filtered);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      std::set<std::pair<int64_t, int64_t>> have;
      for (const auto& row : got->rows) have.emplace(row[0].as_int(), row[1].as_int());
      EXPECT_EQ(have.size(), got->rows.size()) << "duplicate rows";
      EXPECT_EQ(have, want) << "round " << round;
      kept += want.size();
    }
  }
  EXPECT_GT(kept, 0u);
  EXPECT_GT(cut, 0u);
  store->reset();
  fs::remove_all(dir);
}

// shortestPath and allShortestPaths under the clocks find the same paths,
// in the same order, on the topology copy (its clock table) as through
// RocksDB (each adjacency value, the scan stopped at the meeting edge), with
// validity open on either side and at day, month and year precision.
TEST(RelationFilterPathTest, TopologyCopyFindsWhatRocksDbFinds) {
  fs::path dir =
      fs::temp_directory_path() / ("kg_relation_filter_paths_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(storage::Store::Create(dir.string(), schema::Ontology::Open()).ok());
  std::mt19937_64 rng(13);
  constexpr int kNodes = 30;
  {
    auto store = storage::Store::Open(dir.string(), {});
    ASSERT_TRUE(store.ok());
    auto w = (*store)->BeginWrite();
    ASSERT_TRUE(w.ok());
    std::vector<EntityId> nodes;
    for (int i = 0; i < kNodes; ++i)
      nodes.push_back(*(*w)->CreateEntity({"L"}, {{"name", "N" + std::to_string(i)}}));
    // 110 relations at random, and 300 more at N0, a hub whose expansion
    // through RocksDB goes on type by type (storage/transaction_expand.cc).
    for (int i = 0; i < 410; ++i) {
      PropertyMap clock;
      if (rng() % 2) clock["valid_from"] = RandomDate(rng);
      if (rng() % 2) clock["valid_to"] = RandomDate(rng);
      if (rng() % 3 == 0) clock["date"] = RandomDate(rng);
      const EntityId from = i >= 110 && i % 2 == 0 ? nodes[0] : nodes[rng() % kNodes];
      const EntityId to = i >= 110 && i % 2 == 1 ? nodes[0] : nodes[rng() % kNodes];
      ASSERT_TRUE((*w)->CreateRelation(i == 0 || rng() % 2 ? "S" : "R", from, to, clock).ok());
    }
    ASSERT_TRUE((*w)->Commit().ok());
  }
  std::vector<QueryOptions> runs;
  for (int i = 0; i < 40; ++i) {
    QueryOptions o;
    o.parameters["a"] = "N" + std::to_string(rng() % kNodes);
    o.parameters["b"] = "N" + std::to_string(rng() % kNodes);
    if (i % 4 != 0) o.relations.valid_at = RandomDate(rng);
    if (i % 3 == 0) o.relations.known_at = RandomDate(rng);
    runs.push_back(o);
  }
  const char* queries[] = {
      "MATCH p = shortestPath((a {name: $a})-[*..6]-(b {name: $b})) "
      "RETURN [r IN relationships(p) | id(r)] AS rs",
      "MATCH p = allShortestPaths((a {name: $a})-[*..6]-(b {name: $b})) "
      "RETURN [r IN relationships(p) | id(r)] AS rs",
      "MATCH p = allShortestPaths((a {name: $a})-[:R*..5]->(b {name: $b})) "
      "RETURN [r IN relationships(p) | id(r)] AS rs",
  };
  auto answers = [&](bool cached) {
    storage::OpenOptions open = storage::TopologyOptions(cached);
    auto store = storage::Store::Open(dir.string(), open);
    EXPECT_TRUE(store.ok());
    if (cached) {
      EXPECT_TRUE((*store)->BeginRead()->WarmTopology().value());
    }
    std::vector<std::vector<ValueList>> out;
    for (const QueryOptions& o : runs)
      for (const char* q : queries) {
        auto t = query::Run(**store, q, o);
        EXPECT_TRUE(t.ok()) << t.status().ToString();
        std::vector<ValueList> rows;
        if (t.ok()) {
          for (const auto& row : t->rows) rows.push_back(row[0].as_list());
        }
        out.push_back(std::move(rows));
      }
    return out;
  };
  const auto rocks = answers(false);
  const auto topology = answers(true);
  ASSERT_EQ(rocks.size(), topology.size());
  size_t found = 0, none = 0;
  for (size_t i = 0; i < rocks.size(); ++i) {
    EXPECT_EQ(topology[i], rocks[i]) << "run " << i / 3 << " query " << i % 3;
    ++(rocks[i].empty() ? none : found);
  }
  EXPECT_GT(found, 10u);
  EXPECT_GT(none, 0u);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Topology, RelationFilterQueryTest, ::testing::Bool());

}  // namespace
}  // namespace kg::query
