// The clocks the topology copy keeps beside its adjacency entries
// (EntryClock, storage/internal/clock_table.h): compared with the filter's
// days they decide each entry as its record in the clock table does, for
// random clocks of every precision with confidences and sources, and for
// the edges that a wrong comparison would get wrong (an interval ending the
// day before, month bounds on both sides, undated relations, a relation
// known only by its sources); a filtered expansion over the copy uses them
// and returns what the same expansion through RocksDB returns; a filter
// that cuts nothing skips the days (Topology::DaysKeepAll).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <tuple>

#include "storage/internal/clock_table.h"
#include "storage/internal/store_impl.h"
#include "storage/internal/store_internal.h"
#include "storage/store.h"
#include "tests/storage/random_clocks.h"
#include "tests/storage/test_store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage::internal {
namespace {

namespace fs = std::filesystem;

Date D(std::string_view text) { return *Date::ParseWithPrecision(text); }

using Published = std::map<std::string, Date, std::less<>>;

// The verdict from the entry clock the copy would keep for `id`.
bool ByEntry(const ClockTable& t, RelationId id, const RelationFilter& f) {
  const ClockBounds bounds(f);
  const EntryBounds days(bounds);
  EXPECT_TRUE(days.inline_ok);
  const uint32_t slot = t.SlotOf(id);
  std::optional<EntryClock> c = t.EntryClockAt(slot);
  EXPECT_TRUE(c.has_value()) << "relation " << id;
  return c && t.AcceptsEntry(*c, &slot, days);
}

TEST(EntryClockTest, DecidesAsTheRecordForRandomClocksAndFilters) {
  std::mt19937_64 rng(11);
  auto date = [&rng] { return test_clocks::RandomDate(rng); };
  auto published = test_clocks::RandomPublished(rng);
  auto clocks = test_clocks::RandomClocks(rng, 2000);
  auto t = ClockTable::FromClocks(clocks, clocks.size());
  size_t kept = 0, checked = 0;
  for (int i = 0; i < 200; ++i) {
    RelationFilter f;
    if (rng() % 2) f.valid_at = date();
    if (rng() % 2) f.known_at = date();
    if (rng() % 2) f.source_published = published;
    for (const auto& [id, c] : clocks) {
      const bool want = FilterAccepts(f, c);
      ASSERT_EQ(ByEntry(*t, id, f), want) << "relation " << id << ", filter " << i;
      kept += want;
      ++checked;
    }
  }
  EXPECT_GT(kept, checked / 10);
  EXPECT_LT(kept, checked - checked / 10);
}

TEST(EntryClockTest, DecidesTheEdgesOfEachBound) {
  RelationClock ends_before, ends_on, starts_after, in_months, said_after, by_source, both;
  ends_before.valid_to = D("2015-06-29");
  ends_on.valid_to = D("2015-06-30");
  starts_after.valid_from = D("2015-07-01");
  in_months.valid_from = D("2015-06");  // some day of June 2015 ..
  in_months.valid_to = D("2015-07");    // .. some day of July 2015
  said_after.said = D("2015-07-01");
  by_source.source = Value(std::string("report"));  // no said date: its source's
  both.said = D("2015-06-30");
  both.source = Value(std::string("late"));  // the said date decides, not the source
  auto t = ClockTable::FromClocks({{1, RelationClock{}},
                                   {2, ends_before},
                                   {3, ends_on},
                                   {4, starts_after},
                                   {5, in_months},
                                   {6, said_after},
                                   {7, by_source},
                                   {8, both}},
                                  9);
  RelationFilter valid;
  valid.valid_at = D("2015-06-30");
  EXPECT_TRUE(ByEntry(*t, 1, valid));  // undated: always held
  EXPECT_FALSE(ByEntry(*t, 2, valid));
  EXPECT_TRUE(ByEntry(*t, 3, valid));
  EXPECT_FALSE(ByEntry(*t, 4, valid));
  EXPECT_TRUE(ByEntry(*t, 5, valid));
  valid.valid_at = D("2015-05");  // a month wholly before June
  EXPECT_FALSE(ByEntry(*t, 5, valid));
  valid.valid_at = D("2015-08-01");  // after July's last day
  EXPECT_FALSE(ByEntry(*t, 5, valid));
  valid.valid_at = D("2015-07");  // the month of starts_after's first day
  EXPECT_TRUE(ByEntry(*t, 4, valid));
  EXPECT_FALSE(ByEntry(*t, 3, valid));

  auto published = std::make_shared<Published>();
  (*published)["report"] = D("2015-06-15");
  (*published)["late"] = D("2016-01-01");
  RelationFilter known;
  known.known_at = D("2015-06-30");
  known.source_published = published;
  EXPECT_TRUE(ByEntry(*t, 1, known));
  EXPECT_FALSE(ByEntry(*t, 6, known));
  EXPECT_TRUE(ByEntry(*t, 7, known));
  EXPECT_TRUE(ByEntry(*t, 8, known));
  known.known_at = D("2015-06-14");
  EXPECT_FALSE(ByEntry(*t, 7, known));  // published the day after
  EXPECT_FALSE(ByEntry(*t, 8, known));
  known.known_at = D("2015-06");  // known by the month's last day
  EXPECT_TRUE(ByEntry(*t, 7, known));
  EXPECT_TRUE(ByEntry(*t, 8, known));
  EXPECT_FALSE(ByEntry(*t, 6, known));

  RelationFilter as_of = known;  // both clocks
  as_of.valid_at = D("2015-06-30");
  as_of.known_at = D("2015-06-30");
  EXPECT_FALSE(ByEntry(*t, 2, as_of));
  EXPECT_TRUE(ByEntry(*t, 3, as_of));
  EXPECT_TRUE(ByEntry(*t, 7, as_of));
  EXPECT_EQ(t->EntryClockAt(ClockTable::kAbsent), std::nullopt);
}

TEST(EntryClockTest, AConfidenceFloorIsLeftToTheTable) {
  RelationFilter f;
  f.valid_at = D("2015-06-30");
  EXPECT_TRUE(EntryBounds(ClockBounds(f)).inline_ok);
  f.min_confidence = 0.5;
  EXPECT_FALSE(EntryBounds(ClockBounds(f)).inline_ok);
}

using EdgeRow = std::tuple<RelationId, EntityId, std::string, bool>;

std::vector<EdgeRow> Rows(const Transaction& t, EntityId n, const RelationFilter& f) {
  std::vector<EdgeRow> out;
  Status st = t.Expand(n, Direction::kBoth, {}, f, [&](const Edge& e) {
    out.emplace_back(e.relation, e.other, std::string(e.type), e.outgoing);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

// A hub whose relations carry each clock of DecidesTheEdgesOfEachBound (and
// many undated ones), expanded through RocksDB and through the copy's entry
// clocks under each filter.
TEST(EntryClockStoreTest, TheCopyDecidesByEntryClocksAsRocksDbDoes) {
  const fs::path dir = CreateTestStore("kg_entry_clock_test");
  const std::string path = (dir / "db").string();
  std::vector<EntityId> ids;
  {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok());
    auto w = (*s)->BeginWrite();
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 6; ++i) ids.push_back(*(*w)->CreateEntity({"L"}, {}));
    const std::vector<PropertyMap> clocks = {
        {},
        {{"valid_to", Value(D("2015-06-29"))}},
        {{"valid_to", Value(D("2015-06-30"))}},
        {{"valid_from", Value(D("2015-07-01"))}},
        {{"valid_from", Value(D("2015-06"))}, {"valid_to", Value(D("2015-07"))}},
        {{"date", Value(D("2015-07-01"))}},
        {{"source", Value(std::string("report"))}},
        {{"date", Value(D("2015-06-30"))}, {"source", Value(std::string("late"))}},
    };
    for (int i = 0; i < 64; ++i) {
      const EntityId other = ids[1 + i % 5];
      ASSERT_TRUE((*w)->CreateRelation(i % 3 ? "R" : "S", i % 2 ? ids[0] : other,
                                       i % 2 ? other : ids[0], clocks[i % clocks.size()])
                      .ok());
    }
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto published = std::make_shared<Published>();
  (*published)["report"] = D("2015-06-15");
  (*published)["late"] = D("2016-01-01");
  std::vector<RelationFilter> filters(5);
  filters[0].valid_at = D("2015-06-30");
  filters[1].valid_at = D("2015-07");
  filters[2].known_at = D("2015-06-30");
  filters[3].known_at = D("2015-06-14");
  filters[4].valid_at = filters[4].known_at = D("2015-06-30");
  for (RelationFilter& f : filters) f.source_published = published;

  std::vector<std::vector<EdgeRow>> want;
  {
    auto s = Store::Open(path, TopologyOptions(false));
    ASSERT_TRUE(s.ok());
    auto t = (*s)->BeginRead();
    for (const RelationFilter& f : filters) want.push_back(Rows(*t, ids[0], f));
  }
  auto s = Store::Open(path, TopologyOptions(true));
  ASSERT_TRUE(s.ok());
  auto t = (*s)->BeginRead();
  ASSERT_TRUE(t->WarmTopology().value());
  for (size_t i = 0; i < filters.size(); ++i) {
    EXPECT_EQ(Rows(*t, ids[0], filters[i]), want[i]) << "filter " << i;
    EXPECT_GT(want[i].size(), 0u);
    EXPECT_LT(want[i].size(), 64u) << "filter " << i << " cuts nothing";
  }
  // The expansions above went through the entry clocks.
  const Store::Impl& impl = *StoreInternal::ImplOf(**s);
  auto copy = impl.topology_.Get(impl.db()->GetLatestSequenceNumber());
  ASSERT_NE(copy, nullptr);
  EXPECT_NE(copy->EntryClocks(true), nullptr);
  EXPECT_NE(copy->EntryClocks(false), nullptr);
  copy.reset();
  t.reset();
  s->reset();
  fs::remove_all(dir);
}

std::vector<EntityId> Ends(const Transaction& t, EntityId n, const RelationFilter& f) {
  std::vector<EntityId> out;
  Status st = t.Neighbours(n, Direction::kBoth, {}, f, &out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

// A filter that no relation's days fall outside skips the days altogether
// (Topology::DaysKeepAll); one day less, or a relation known only by its
// sources, and the days are read again. Neighbours over the copy gives what
// it gives through RocksDB either way.
TEST(EntryClockStoreTest, OnlyAFilterThatCutsNothingSkipsTheDays) {
  const fs::path dir = CreateTestStore("kg_entry_clock_keep_all_test");
  const std::string path = (dir / "db").string();
  EntityId hub = 0;
  auto build = [&](bool with_source) {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok());
    auto w = (*s)->BeginWrite();
    ASSERT_TRUE(w.ok());
    hub = *(*w)->CreateEntity({"L"}, {});
    const std::vector<PropertyMap> clocks = {
        {},
        {{"date", Value(D("2015-07-01"))}},
        {{"valid_from", Value(D("2010-01-01"))}, {"valid_to", Value(D("2020-12-31"))}},
    };
    for (int i = 0; i < 12; ++i) {
      const EntityId other = *(*w)->CreateEntity({"L"}, {});
      ASSERT_TRUE((*w)->CreateRelation("R", hub, other, clocks[i % clocks.size()]).ok());
    }
    if (with_source) {
      const EntityId other = *(*w)->CreateEntity({"L"}, {});
      ASSERT_TRUE(
          (*w)->CreateRelation("R", other, hub, {{"source", Value(std::string("report"))}}).ok());
    }
    ASSERT_TRUE((*w)->Commit().ok());
  };
  auto published = std::make_shared<Published>();
  (*published)["report"] = D("2015-06-15");
  auto filter = [&](std::optional<Date> valid, std::optional<Date> known) {
    RelationFilter f;
    f.valid_at = valid;
    f.known_at = known;
    f.source_published = published;
    return f;
  };
  struct Case {
    RelationFilter f;
    bool keeps_all;
    size_t ends;
  };
  const std::vector<Case> cases = {
      {filter(std::nullopt, D("2015-07-01")), true, 12},
      {filter(std::nullopt, D("2015-06-30")), false, 8},
      {filter(D("2015-06-30"), std::nullopt), true, 12},
      {filter(D("2020-12-31"), std::nullopt), true, 12},
      {filter(D("2021-01-01"), std::nullopt), false, 8},
      {filter(D("2009-12-31"), std::nullopt), false, 8},
      {filter(D("2015-07-01"), D("2015-07-01")), true, 12},
  };
  for (bool with_source : {false, true}) {
    fs::remove_all(path);
    ASSERT_TRUE(Store::Create(path, schema::Ontology::Open()).ok());
    build(with_source);
    std::vector<std::vector<EntityId>> want;
    {
      auto s = Store::Open(path, TopologyOptions(false));
      ASSERT_TRUE(s.ok());
      auto t = (*s)->BeginRead();
      for (const Case& c : cases) want.push_back(Ends(*t, hub, c.f));
    }
    auto s = Store::Open(path, TopologyOptions(true));
    ASSERT_TRUE(s.ok());
    auto t = (*s)->BeginRead();
    ASSERT_TRUE(t->WarmTopology().value());
    for (size_t i = 0; i < cases.size(); ++i) {
      const Case& c = cases[i];
      EXPECT_EQ(Ends(*t, hub, c.f), want[i]) << "case " << i;
      // The relation known by its source (published 2015-06-15, no
      // validity) passes every case.
      EXPECT_EQ(want[i].size(), c.ends + (with_source ? 1 : 0)) << "case " << i;
    }
    const Store::Impl& impl = *StoreInternal::ImplOf(**s);
    auto copy = impl.topology_.Get(impl.db()->GetLatestSequenceNumber());
    ASSERT_NE(copy, nullptr);
    ASSERT_NE(copy->EntryClocks(true), nullptr);
    for (size_t i = 0; i < cases.size(); ++i) {
      const ClockBounds bounds(cases[i].f);
      // A relation known only by its sources is decided by its record under
      // any known-at date.
      const bool keeps_all = cases[i].keeps_all && !(with_source && cases[i].f.known_at);
      EXPECT_EQ(copy->DaysKeepAll(EntryBounds(bounds)), keeps_all)
          << "case " << i << (with_source ? " with a source" : "");
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kg::storage::internal
