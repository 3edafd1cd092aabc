// Transaction::Expand through RocksDB hands each adjacency entry to the
// callback as the scan reads it: the same entries in the same order as the
// topology copy gives (type ids in name order: streamed; out of it:
// collected and sorted first), with and without a clock filter (month and
// year precision, open intervals, said dates, confidence); the scan stops
// when the callback says so; and a callback that expands again (scans of
// the same family nested deeper than the transaction keeps iterators for)
// sees what a separate expansion sees. Node 0 is a hub (hundreds of
// entries per family), the others are small.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <tuple>

#include "storage/store.h"
#include "tests/storage/test_store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

using EdgeRow = std::tuple<RelationId, EntityId, std::string, bool>;

Date Day(const char* text) { return *Date::ParseWithPrecision(text); }

std::vector<EdgeRow> Rows(const Transaction& t, EntityId n, Direction d,
                          const std::vector<std::string>& types, const RelationFilter& filter) {
  std::vector<EdgeRow> out;
  Status st = t.Expand(n, d, types, filter, [&](const Edge& e) {
    out.emplace_back(e.relation, e.other, std::string(e.type), e.outgoing);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

// The filters the tests run: none, valid-at a day, a month and a year,
// known-at, both, and a confidence floor.
std::vector<RelationFilter> Filters() {
  std::vector<RelationFilter> fs(7);
  fs[1].valid_at = Day("2015-06-30");
  fs[2].valid_at = Day("2015-06");
  fs[3].valid_at = Day("2014");
  fs[4].known_at = Day("2015-01-01");
  fs[5].valid_at = Day("2016-02-29");
  fs[5].known_at = Day("2016");
  fs[6].min_confidence = 0.5;
  return fs;
}

// A clock of some shape: open or closed validity at day, month or year
// precision, a said date, a confidence; a few relations have none.
PropertyMap RandomClock(std::mt19937_64& rng) {
  static const char* kDates[] = {"2013", "2014-03",    "2015-06-30", "2015-07",
                                 "2015", "2016-02-29", "2016-W09",   "2017-01-01"};
  PropertyMap p;
  if (rng() % 4 == 0) return p;
  if (rng() % 3 != 0) p["valid_from"] = Day(kDates[rng() % 8]);
  if (rng() % 2 == 0) p["valid_to"] = Day(kDates[rng() % 8]);
  if (rng() % 2 == 0) p["date"] = Day(kDates[rng() % 8]);
  if (rng() % 4 == 0) p["confidence"] = static_cast<double>(rng() % 11) / 10.0;
  return p;
}

class ExpandScanTest : public ::testing::TestWithParam<bool> {
 protected:
  // Param: whether the types are created in name order (the streamed scan)
  // or not (the collected one).
  void SetUp() override {
    dir_ = CreateTestStore("kg_expand_scan_test_" + std::to_string(GetParam()));
    path_ = (dir_ / "db").string();
    auto s = Store::Open(path_, {});
    ASSERT_TRUE(s.ok());
    auto w = (*s)->BeginWrite();
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 9; ++i) ids_.push_back(*(*w)->CreateEntity({"L"}, {}));
    std::vector<std::string> types = {"ALPHA", "BETA", "GAMMA"};
    if (!GetParam()) std::swap(types[0], types[2]);
    for (const std::string& t : types)  // each type's first relation fixes its id
      ASSERT_TRUE((*w)->CreateRelation(t, ids_[0], ids_[1], {}).ok());
    std::mt19937_64 rng(7);
    for (int i = 0; i < 90; ++i)
      ASSERT_TRUE(
          (*w)->CreateRelation(types[rng() % 3], ids_[rng() % 9], ids_[rng() % 9], RandomClock(rng))
              .ok());
    // A hub: more entries of each family than a scan reads before it
    // goes on type by type.
    for (int i = 0; i < 400; ++i) {
      const EntityId other = ids_[1 + rng() % 8];
      const bool out = rng() % 2;
      ASSERT_TRUE((*w)->CreateRelation(types[rng() % 3], out ? ids_[0] : other,
                                       out ? other : ids_[0], RandomClock(rng))
                      .ok());
    }
    ASSERT_TRUE((*w)->Commit().ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> Open(bool cached) {
    auto s = Store::Open(path_, TopologyOptions(cached));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }

  fs::path dir_;
  std::string path_;
  std::vector<EntityId> ids_;
};

TEST_P(ExpandScanTest, RocksDbEqualsTheTopologyCopyUnderEveryFilter) {
  const std::vector<std::vector<std::string>> types = {
      {}, {"BETA"}, {"GAMMA", "ALPHA"}, {"NOPE", "GAMMA", "GAMMA"}};
  const std::vector<RelationFilter> filters = Filters();
  std::vector<std::vector<EdgeRow>> want;
  size_t kept = 0, all = 0;
  {
    auto s = Open(false);
    auto t = s->BeginRead();
    for (EntityId n : ids_)
      for (Direction d : {Direction::kOutgoing, Direction::kIncoming, Direction::kBoth})
        for (const auto& ty : types)
          for (const RelationFilter& f : filters) {
            want.push_back(Rows(*t, n, d, ty, f));
            (f.empty() ? all : kept) += want.back().size();
          }
  }
  EXPECT_GT(all * (filters.size() - 1), kept) << "the filters cut nothing";
  EXPECT_GT(kept, 0u) << "the filters keep nothing";
  auto s = Open(true);
  auto t = s->BeginRead();
  ASSERT_TRUE(t->WarmTopology().value());
  size_t i = 0;
  for (EntityId n : ids_)
    for (Direction d : {Direction::kOutgoing, Direction::kIncoming, Direction::kBoth})
      for (const auto& ty : types)
        for (size_t f = 0; f < filters.size(); ++f)
          EXPECT_EQ(Rows(*t, n, d, ty, filters[f]), want[i++]) << "node " << n << " filter " << f;
}

TEST_P(ExpandScanTest, StopsWhenTheCallbackSaysSo) {
  auto s = Open(false);
  auto t = s->BeginRead();
  for (const RelationFilter& f : Filters()) {
    const std::vector<EdgeRow> all = Rows(*t, ids_[0], Direction::kBoth, {}, f);
    for (size_t stop = 1; stop <= all.size(); ++stop) {
      std::vector<EdgeRow> seen;
      ASSERT_TRUE(t->Expand(ids_[0], Direction::kBoth, {}, f, [&](const Edge& e) {
                     seen.emplace_back(e.relation, e.other, std::string(e.type), e.outgoing);
                     return seen.size() < stop;
                   }).ok());
      EXPECT_EQ(seen, std::vector<EdgeRow>(all.begin(), all.begin() + stop));
    }
  }
}

// Expands `n` and, from the callback, each neighbour down to `depth`:
// the rows of every expansion, in the order they ended.
void Nested(const Transaction& t, EntityId n, int depth, const RelationFilter& f,
            std::vector<std::vector<EdgeRow>>* out) {
  std::vector<EdgeRow> rows;
  Status st = t.Expand(n, Direction::kBoth, {}, f, [&](const Edge& e) {
    rows.emplace_back(e.relation, e.other, std::string(e.type), e.outgoing);
    if (depth > 0 && rows.size() <= 2) Nested(t, e.other, depth - 1, f, out);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  out->push_back(std::move(rows));
}

void Flat(const Transaction& t, EntityId n, int depth, const RelationFilter& f,
          std::vector<std::vector<EdgeRow>>* out) {
  std::vector<EdgeRow> rows = Rows(t, n, Direction::kBoth, {}, f);
  for (size_t i = 0; depth > 0 && i < rows.size() && i < 2; ++i)
    Flat(t, std::get<1>(rows[i]), depth - 1, f, out);
  out->push_back(std::move(rows));
}

TEST_P(ExpandScanTest, ACallbackMayExpandAgainAtAnyDepth) {
  auto s = Open(false);
  auto t = s->BeginRead();
  for (const RelationFilter& f : Filters()) {
    std::vector<std::vector<EdgeRow>> nested, flat;
    Nested(*t, ids_[0], 5, f, &nested);
    Flat(*t, ids_[0], 5, f, &flat);
    EXPECT_EQ(nested, flat);
    EXPECT_GT(nested.size(), 6u);
  }
}

// A callback that asks about relations under another filter (which
// replaces the filter the transaction keeps prepared) does not change what
// the expansion it runs in keeps, through RocksDB or the topology copy.
TEST_P(ExpandScanTest, ACallbackMayAskAboutAnotherFilter) {
  const std::vector<RelationFilter> filters = Filters();
  for (bool cached : {false, true}) {
    auto s = Open(cached);
    auto t = s->BeginRead();
    if (cached) {
      ASSERT_TRUE(t->WarmTopology().value());
    }
    for (size_t f = 1; f < filters.size(); ++f) {
      const RelationFilter& other = filters[f == 1 ? 2 : 1];
      const std::vector<EdgeRow> want = Rows(*t, ids_[0], Direction::kBoth, {}, filters[f]);
      std::vector<EdgeRow> seen;
      ASSERT_TRUE(t->Expand(ids_[0], Direction::kBoth, {}, filters[f], [&](const Edge& e) {
                     seen.emplace_back(e.relation, e.other, std::string(e.type), e.outgoing);
                     EXPECT_TRUE(t->RelationAccepted(e.relation, other).ok());
                     return true;
                   }).ok());
      EXPECT_EQ(seen, want) << "filter " << f << (cached ? ", topology copy" : ", RocksDB");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(TypeOrder, ExpandScanTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "ByName" : "NotByName"; });

}  // namespace
}  // namespace kg::storage
