// The clock table of the topology cache (storage/internal/clock_table.h):
// lookups give FilterAccepts of the relation's clock (undated relations
// through a sentinel, absent ids not at all), dates of month, week and year
// precision keep their periods at the period's edges, a build reads exactly
// the records of its snapshot (within its budget), and after a commit in
// the same process readers see the new clocks while an older reader keeps
// its own; prepared bounds decide as FilterAccepts does.
#include "storage/internal/clock_table.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "storage/internal/store_impl.h"
#include "storage/internal/store_internal.h"
#include "storage/store.h"
#include "tests/storage/random_clocks.h"

namespace kg::storage::internal {
namespace {

namespace fs = std::filesystem;

Date D(std::string_view text) { return *Date::ParseWithPrecision(text); }

RelationFilter ValidAt(std::string_view day) {
  RelationFilter f;
  f.valid_at = D(day);
  return f;
}

RelationFilter KnownAt(std::string_view day) {
  RelationFilter f;
  f.known_at = D(day);
  return f;
}

TEST(ClockTableTest, LooksUpDatedUndatedAndAbsentRelations) {
  RelationClock dated;
  dated.valid_from = D("2020-01-10");
  dated.valid_to = D("2020-01-20");
  auto t = ClockTable::FromClocks({{1, RelationClock{}}, {3, dated}}, 5);
  EXPECT_EQ(t->dated(), 1u);
  EXPECT_EQ(t->Accepts(0, ValidAt("2020-01-15")), std::nullopt);  // absent
  EXPECT_EQ(t->Accepts(4, ValidAt("2020-01-15")), std::nullopt);
  EXPECT_EQ(t->Accepts(99, ValidAt("2020-01-15")), std::nullopt);  // beyond the bound
  EXPECT_EQ(t->Accepts(1, ValidAt("1900-01-01")), true);           // undated: always held
  EXPECT_EQ(t->Accepts(3, ValidAt("2020-01-15")), true);
  EXPECT_EQ(t->Accepts(3, ValidAt("2020-01-21")), false);
  EXPECT_EQ(t->Accepts(3, ValidAt("2020-01-09")), false);
  EXPECT_EQ(t->Clock(1), RelationClock{});
  EXPECT_EQ(t->Clock(3), dated);
  EXPECT_EQ(t->Clock(2), std::nullopt);
}

// The prepared bounds (ClockBounds: the filter's last days computed once,
// the table's records holding their own) decide exactly as FilterAccepts,
// through the table by id and by slot, and on a clock alone, for random
// clocks of every precision with confidences and sources.
TEST(ClockTableTest, PreparedBoundsAgreeWithFilterAccepts) {
  std::mt19937_64 rng(3);
  auto date = [&rng] { return test_clocks::RandomDate(rng); };
  auto published = test_clocks::RandomPublished(rng);
  auto clocks = test_clocks::RandomClocks(rng, 2000);
  auto t = ClockTable::FromClocks(clocks, clocks.size());
  for (int i = 0; i < 200; ++i) {
    RelationFilter f;
    if (rng() % 2) f.valid_at = date();
    if (rng() % 2) f.known_at = date();
    if (rng() % 3 == 0) f.min_confidence = static_cast<double>(rng() % 12) / 10.0;
    if (rng() % 2) f.source_published = published;
    ClockBounds bounds(f);
    EXPECT_TRUE(bounds.Matches(f));
    for (const auto& [id, c] : clocks) {
      const bool want = FilterAccepts(f, c);
      ASSERT_EQ(t->Accepts(id, f), want) << "relation " << id;
      ASSERT_EQ(t->AcceptsSlot(t->SlotOf(id), bounds), want) << "relation " << id;
      ASSERT_EQ(bounds.Accepts(c), want) << "relation " << id;
      ASSERT_EQ(t->Clock(id), c) << "relation " << id;
    }
    // The same filter object changed since: the bounds no longer match it.
    Date before = f.valid_at.value_or(Date(0));
    f.valid_at = Date(before.days() + 1);
    EXPECT_FALSE(bounds.Matches(f));
  }
  EXPECT_EQ(t->AcceptsSlot(t->SlotOf(5000), ClockBounds(RelationFilter())), std::nullopt);
}

TEST(ClockTableTest, UndatedRelationFailsOnlyAConfidenceFloorAboveOne) {
  auto t = ClockTable::FromClocks({{0, RelationClock{}}}, 1);
  RelationFilter f;
  f.min_confidence = 1.0;
  EXPECT_EQ(t->Accepts(0, f), true);  // no confidence counts as 1.0
  f.min_confidence = 1.5;
  EXPECT_EQ(t->Accepts(0, f), false);
}

TEST(ClockTableTest, PartialPrecisionBoundsHoldOnEveryDayOfTheirPeriod) {
  RelationClock c;
  c.valid_from = D("2025-04");  // some day of April 2025
  c.valid_to = D("2026");       // some day of 2026
  auto t = ClockTable::FromClocks({{0, c}}, 1);
  EXPECT_EQ(t->Accepts(0, ValidAt("2025-03-31")), false);
  EXPECT_EQ(t->Accepts(0, ValidAt("2025-04-01")), true);
  EXPECT_EQ(t->Accepts(0, ValidAt("2025-04-30")), true);
  EXPECT_EQ(t->Accepts(0, ValidAt("2026-12-31")), true);
  EXPECT_EQ(t->Accepts(0, ValidAt("2027-01-01")), false);
  EXPECT_EQ(t->Accepts(0, ValidAt("2025-03")), false);  // a month wholly before
  EXPECT_EQ(t->Accepts(0, ValidAt("2025-W14")), true);  // 2025-03-31..04-06 reaches April
  // Said in a week: known by that week's last day (Sunday 2025-07-20).
  RelationClock said;
  said.said = D("2025-W29");
  auto s = ClockTable::FromClocks({{0, said}}, 1);
  EXPECT_EQ(s->Accepts(0, KnownAt("2025-07-19")), false);
  EXPECT_EQ(s->Accepts(0, KnownAt("2025-07-20")), true);
  EXPECT_EQ(s->Clock(0), said);  // the precision survives the table
}

TEST(ClockTableTest, KeepsConfidenceAndSourcesForKnownAt) {
  RelationClock c;
  c.confidence = 0.5;
  c.source = Value(ValueList{Value(std::string("a")), Value(std::string("b"))});
  auto t = ClockTable::FromClocks({{2, c}}, 3);
  EXPECT_EQ(t->Clock(2), c);
  auto published = std::make_shared<std::map<std::string, Date, std::less<>>>();
  (*published)["a"] = D("2024-06");
  (*published)["b"] = D("2024-01-05");
  RelationFilter f = KnownAt("2024-01-04");
  f.source_published = published;
  EXPECT_EQ(t->Accepts(2, f), false);
  f.known_at = D("2024-01-05");
  EXPECT_EQ(t->Accepts(2, f), true);  // the earliest source counts
  f.min_confidence = 0.6;
  EXPECT_EQ(t->Accepts(2, f), false);
}

class ClockTableStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_clock_table_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "db").string();
    ASSERT_TRUE(Store::Create(path_, schema::Ontology::Open()).ok());
    OpenOptions o;
    o.topology_build_after = 1;  // build the topology on the first read
    auto s = Store::Open(path_, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    a_ = *(*w)->CreateEntity({"L"}, {});
    b_ = *(*w)->CreateEntity({"L"}, {});
    PropertyMap dated{{"valid_from", Value(D("2020-03"))}, {"valid_to", Value(D("2020-06-30"))}};
    dated_ = *(*w)->CreateRelation("R", a_, b_, dated);
    undated_ = *(*w)->CreateRelation("R", b_, a_, {});
    ASSERT_TRUE((*w)->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  // A read transaction that uses the topology cache (its first Expand builds it).
  std::unique_ptr<Transaction> Reader() {
    auto r = store_->BeginRead();
    EXPECT_TRUE(r->Expand(a_, Direction::kBoth, {}, [](const Edge&) { return true; }).ok());
    return r;
  }
  size_t ClockBytes() { return StoreInternal::ImplOf(*store_)->topology_.clock_bytes(); }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
  EntityId a_ = 0, b_ = 0;
  RelationId dated_ = 0, undated_ = 0;
};

TEST_F(ClockTableStoreTest, BuiltOnTheFirstFilteredReadOnly) {
  auto r = Reader();
  EXPECT_EQ(ClockBytes(), 0u);  // the topology alone: no filter asked yet
  EXPECT_EQ(*r->RelationAccepted(dated_, RelationFilter{}), true);
  EXPECT_EQ(ClockBytes(), 0u);  // an empty filter needs no clock
  EXPECT_EQ(*r->RelationAccepted(dated_, ValidAt("2020-07-01")), false);
  EXPECT_GT(ClockBytes(), 0u);
  EXPECT_EQ(*r->RelationAccepted(dated_, ValidAt("2020-03-01")), true);
  EXPECT_EQ(*r->RelationAccepted(undated_, ValidAt("2020-07-01")), true);
}

TEST_F(ClockTableStoreTest, AbsentRelationIsNotFoundWithTheTable) {
  auto r = Reader();
  ASSERT_TRUE(r->RelationAccepted(dated_, ValidAt("2020-07-01")).ok());  // builds the table
  auto missing = r->RelationAccepted(999, ValidAt("2020-07-01"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(ClockTableStoreTest, ACommitIsSeenByLaterReadersNotByEarlierOnes) {
  auto before = Reader();
  ASSERT_EQ(*before->RelationAccepted(dated_, ValidAt("2020-08-01")), false);
  {
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    Relation r = *(*w)->GetRelation(dated_);
    r.properties["valid_to"] = Value(D("2020"));  // now some day of 2020
    ASSERT_TRUE((*w)->UpdateRelation(r).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(ClockBytes(), 0u);  // the commit dropped the copy and its table
  auto after = Reader();
  EXPECT_EQ(*after->RelationAccepted(dated_, ValidAt("2020-08-01")), true);
  EXPECT_GT(ClockBytes(), 0u);  // a new table, at the new snapshot
  EXPECT_EQ(*after->RelationAccepted(dated_, ValidAt("2021-01-01")), false);
  EXPECT_EQ(*before->RelationAccepted(dated_, ValidAt("2020-08-01")), false);  // its snapshot
}

TEST_F(ClockTableStoreTest, BuildReadsTheSnapshotWithinItsBudget) {
  const Store::Impl& impl = *StoreInternal::ImplOf(*store_);
  rocksdb::ReadOptions ro;
  const uint64_t bound = impl.next_relation_;
  auto none = ClockTable::Build(impl, ro, bound, 0);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);  // over budget: not built
  auto built = ClockTable::Build(impl, ro, bound, size_t{1} << 20);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  ASSERT_NE(*built, nullptr);
  auto r = store_->BeginRead();
  for (RelationId id : {dated_, undated_}) EXPECT_EQ((*built)->Clock(id), *r->GetRelationClock(id));
  EXPECT_EQ((*built)->dated(), 1u);
  auto short_bound = ClockTable::Build(impl, ro, bound - 1, size_t{1} << 20);
  ASSERT_TRUE(short_bound.ok());
  EXPECT_EQ(*short_bound, nullptr);  // an id beyond the counter: not built
}

}  // namespace
}  // namespace kg::storage::internal
