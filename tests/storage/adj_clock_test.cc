// Clocks in the adjacency values (storage/internal/adj_clock.h): the
// encoding round-trips every clock and refuses damaged bytes; readers take
// an edge's clock from the value (proved by a value made to differ from its
// record on purpose), a database without the mark is read from its records
// and gets its values filled by a writable open; the bulk import writes the
// values; kg check reports a value that differs from its record; the memo
// of a read transaction's expansions answers only for what it kept.
#include "storage/internal/adj_clock.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "storage/import.h"
#include "storage/internal/keys.h"
#include "storage/internal/store_internal.h"
#include "storage/store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage::internal {
namespace {

namespace fs = std::filesystem;

Date RandomDate(std::mt19937_64& rng) {
  // Days on both sides of 1970 (zigzag) and far from it (long varints).
  Date day(static_cast<int32_t>(rng() % 2000000) - 1000000);
  auto p = static_cast<DatePrecision>(rng() % 4);
  return p == DatePrecision::kDay ? day : Date::Period(day, p);
}

RelationClock RandomClock(std::mt19937_64& rng) {
  RelationClock c;
  if (rng() % 2) c.valid_from = RandomDate(rng);
  if (rng() % 2) c.valid_to = RandomDate(rng);
  if (rng() % 2) c.said = RandomDate(rng);
  if (rng() % 3 == 0) c.confidence = static_cast<double>(rng() % 1000) / 999.0;
  switch (rng() % 4) {
    case 0:
      c.source = Value(std::string(rng() % 300, 'x'));  // a length of two varint bytes
      break;
    case 1:
      c.source = Value(ValueList{Value(std::string("a")), Value(std::string("bc"))});
      break;
    case 2:
      c.source = Value(ValueList{});
      break;
    default:
      break;
  }
  return c;
}

TEST(AdjClockEncodingTest, RoundTripsRandomClocks) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 5000; ++i) {
    RelationClock c = RandomClock(rng);
    std::string v = EncodeAdjClock(c);
    RelationClock back;
    ASSERT_TRUE(DecodeAdjClock(v, &back)) << i;
    EXPECT_EQ(back, c) << i;
    // Every strict prefix of a non-empty value is damaged, never a clock.
    for (size_t n = 1; n < v.size(); ++n) EXPECT_FALSE(DecodeAdjClock(v.substr(0, n), &back));
    // A byte too many is damage too.
    if (!v.empty()) {
      EXPECT_FALSE(DecodeAdjClock(v + "z", &back));
    }
  }
}

// The memo answers FilterAccepts for every noted edge (undated, dated,
// with sources), nothing for one never noted or whose value is opaque, and
// after more notes than it keeps still never a wrong answer.
TEST(EdgeClockMemoTest, AnswersForNotedEdgesOnly) {
  std::mt19937_64 rng(5);
  auto published = std::make_shared<std::map<std::string, Date, std::less<>>>();
  (*published)["a"] = RandomDate(rng);
  (*published)["bc"] = RandomDate(rng);
  std::vector<RelationFilter> filters;
  for (int i = 0; i < 30; ++i) {
    RelationFilter f;
    if (rng() % 2) f.valid_at = RandomDate(rng);
    if (rng() % 2) f.known_at = RandomDate(rng);
    if (rng() % 3 == 0) f.min_confidence = static_cast<double>(rng() % 11) / 10.0;
    if (rng() % 2) f.source_published = published;
    filters.push_back(f);
  }
  EdgeClockMemo memo;
  std::vector<RelationClock> clocks(200000);
  for (RelationId id = 1; id < clocks.size(); ++id) {
    clocks[id] = id % 3 == 0 ? RelationClock() : RandomClock(rng);
    memo.Note(id, EncodeAdjClock(clocks[id]));
    memo.Note(id, "\x01");  // a second note of the same edge keeps the first
  }
  memo.Note(clocks.size(), std::string(1, '\x80'));  // opaque
  size_t answered = 0;
  for (const RelationFilter& f : filters) {
    ClockBounds bounds(f);
    for (RelationId id = 1; id < clocks.size(); id += 7) {
      std::optional<bool> ok = memo.Accepts(id, bounds);
      if (!ok) continue;
      ++answered;
      ASSERT_EQ(*ok, FilterAccepts(f, clocks[id])) << "relation " << id;
    }
    EXPECT_EQ(memo.Accepts(clocks.size(), bounds), std::nullopt);
    EXPECT_EQ(memo.Accepts(clocks.size() + 1, bounds), std::nullopt);
  }
  EXPECT_GT(answered, 0u);
  EXPECT_EQ(memo.Accepts(clocks.size() - 1, ClockBounds(filters[0])).has_value(), true);
  EXPECT_EQ(memo.Accepts(1, ClockBounds(filters[0])), std::nullopt);  // forgotten
}

// AdjValueAccepts decides from the value's day numbers what ClockBounds
// gives on the decoded clock, for every clock without a source, at every
// precision; a clock with a source, an opaque value and damaged bytes are
// left to the full decode (nullopt).
TEST(AdjValueAcceptsTest, EqualsTheDecodedClocksVerdict) {
  std::mt19937_64 rng(9);
  size_t yes = 0, no = 0;
  for (int i = 0; i < 400; ++i) {
    RelationFilter f;
    if (rng() % 2) f.valid_at = RandomDate(rng);
    if (rng() % 2) f.known_at = RandomDate(rng);
    if (rng() % 3 == 0) f.min_confidence = static_cast<double>(rng() % 11) / 10.0;
    ClockBounds bounds(f);
    for (int j = 0; j < 50; ++j) {
      RelationClock c = RandomClock(rng);
      if (j % 2 == 0) c.source = Value();
      const std::string v = EncodeAdjClock(c);
      std::optional<bool> fast = AdjValueAccepts(v, bounds);
      if (!c.source.is_null()) {
        EXPECT_EQ(fast, std::nullopt);
        continue;
      }
      ASSERT_TRUE(fast.has_value()) << i << " " << j;
      ASSERT_EQ(*fast, bounds.Accepts(c)) << i << " " << j;
      ASSERT_EQ(*fast, FilterAccepts(f, c)) << i << " " << j;
      ++(*fast ? yes : no);
      for (size_t n = 1; n < v.size(); ++n)
        EXPECT_EQ(AdjValueAccepts(v.substr(0, n), bounds), std::nullopt);
      if (!v.empty()) {
        EXPECT_EQ(AdjValueAccepts(v + "z", bounds), std::nullopt);
      }
    }
    EXPECT_EQ(AdjValueAccepts(std::string(1, '\x80'), bounds), std::nullopt);
  }
  EXPECT_GT(yes, 0u);
  EXPECT_GT(no, 0u);
  // flags kFrom, then day 3 at month precision: not its period's first day.
  const std::string bad = {'\x01', static_cast<char>(((3 << 1) << 2) | 2)};
  EXPECT_EQ(AdjValueAccepts(bad, ClockBounds(RelationFilter())), std::nullopt);
}

TEST(AdjClockEncodingTest, UndatedIsEmptyAndSmall) {
  EXPECT_EQ(EncodeAdjClock(RelationClock()), "");
  RelationClock back;
  back.said = Date(5);
  ASSERT_TRUE(DecodeAdjClock("", &back));
  EXPECT_EQ(back, RelationClock());
  // A day of 2025 with both validity bounds: flags + 2 * 3 bytes.
  RelationClock c;
  c.valid_from = Date(20000);
  c.valid_to = Date::Period(Date(20100), DatePrecision::kMonth);
  EXPECT_EQ(EncodeAdjClock(c).size(), 7u);
}

TEST(AdjClockEncodingTest, OtherSourcesAreOpaque) {
  RelationClock c;
  c.valid_from = Date(1);
  c.source = Value(ValueList{Value(std::string("a")), Value(int64_t{7})});
  std::string v = EncodeAdjClock(c);
  ASSERT_EQ(v.size(), 1u);
  RelationClock back;
  EXPECT_FALSE(DecodeAdjClock(v, &back));
  c.source = Value(int64_t{3});
  EXPECT_EQ(EncodeAdjClock(c), v);
}

TEST(AdjClockEncodingTest, RefusesADateNotAtItsPeriodsStart) {
  // flags kFrom, then day 3 (a Saturday in 1970) at month precision.
  std::string v = {'\x01', static_cast<char>(((3 << 1) << 2) | 2)};
  RelationClock back;
  EXPECT_FALSE(DecodeAdjClock(v, &back));
}

// --- through the store ----------------------------------------------------------

class AdjClockStoreTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_adj_clock_test_" + std::to_string(::getpid()) + "_" + std::to_string(GetParam()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "db").string();
    ASSERT_TRUE(Store::Create(path_, schema::Ontology::Open()).ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> Open(bool read_only = false) {
    OpenOptions o = TopologyOptions(GetParam());
    o.read_only = read_only;
    auto s = Store::Open(path_, o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  // Imports nodes a (1) and b (2) and these edge rows (a CSV with header).
  void ImportEdges(const std::string& edge_csv) {
    std::string nodes = (dir_ / "nodes.csv").string(), edges = (dir_ / "edges.csv").string();
    std::ofstream(nodes) << ":ID,name,:LABEL\n1,a,L\n2,b,L\n";
    std::ofstream(edges) << edge_csv;
    auto store = Open();
    ImportOptions o;
    o.node_files = {nodes};
    o.edge_files = {edges};
    auto summary = ImportCsv(*store, o);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  }

  // Nodes a -> b with relation 1 valid from 2020-01-01 and relation 2 undated.
  void WriteSmallGraph(Store& store) {
    auto w = store.BeginWrite();
    ASSERT_TRUE(w.ok());
    EntityId a = *(*w)->CreateEntity({"L"}, {{"name", Value(std::string("a"))}});
    EntityId b = *(*w)->CreateEntity({"L"}, {{"name", Value(std::string("b"))}});
    ASSERT_TRUE(
        (*w)->CreateRelation("R", a, b, {{"valid_from", Value(*Date::Parse("2020-01-01"))}}).ok());
    ASSERT_TRUE((*w)->CreateRelation("R", a, b, {}).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }

  // Whether relation `id` passes --valid-at 2019-06-01 after expanding node 1.
  bool AcceptedIn2019(const Store& store, RelationId id) {
    auto r = store.BeginRead();
    r->KeepEdgeClocks();
    EXPECT_TRUE(r->Expand(1, Direction::kOutgoing, {}, [](const Edge&) { return true; }).ok());
    RelationFilter f;
    f.valid_at = *Date::Parse("2019-06-01");
    auto ok = r->RelationAccepted(id, f);
    EXPECT_TRUE(ok.ok()) << ok.status().ToString();
    return ok.ok() && *ok;
  }

  // Replaces relation 1's out value (a -R-> b) with a clock saying it held
  // in 2019 too, unlike its record.
  void TamperWithOutValue(Store& store) {
    auto type = StoreInternal::TypeId(store, "R");
    ASSERT_TRUE(type.has_value());
    RelationClock c;
    c.valid_from = *Date::Parse("2000-01-01");
    ASSERT_TRUE(
        StoreInternal::Put(store, kCfOut, EncodeAdjKey({1, *type, 2, 1}), EncodeAdjClock(c)).ok());
  }

  fs::path dir_;
  std::string path_;
};

TEST_P(AdjClockStoreTest, ReadersTakeTheClockFromTheValue) {
  {
    auto store = Open();
    WriteSmallGraph(*store);
    EXPECT_FALSE(AcceptedIn2019(*store, 1));
    EXPECT_TRUE(AcceptedIn2019(*store, 2));
    TamperWithOutValue(*store);
  }
  auto store = Open();
  // The value, not the record, answered: that is what the readers use.
  EXPECT_TRUE(AcceptedIn2019(*store, 1));
  auto problems = store->Check();
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_NE((*problems)[0].find("out entry of node 1 (relation 1): its clock differs"),
            std::string::npos)
      << (*problems)[0];
}

TEST_P(AdjClockStoreTest, AnOldDatabaseIsReadFromItsRecordsThenUpgraded) {
  {
    auto store = Open();
    WriteSmallGraph(*store);
    ASSERT_TRUE(RewriteAsOlderFormat(*store, 1).ok());
    EXPECT_FALSE(StoreInternal::Get(*store, kCfMeta, kMetaAdjacencyClocks).has_value());
    TamperWithOutValue(*store);  // a stale value the readers must not trust
  }
  {
    auto store = Open(/*read_only=*/true);  // cannot upgrade: reads the records
    EXPECT_EQ(store->Stats()->format_version, 1u);
    EXPECT_FALSE(AcceptedIn2019(*store, 1));
    EXPECT_TRUE(AcceptedIn2019(*store, 2));
    // Without the mark a filled value is allowed, a wrong one is not.
    auto problems = store->Check();
    ASSERT_TRUE(problems.ok());
    EXPECT_EQ(problems->size(), 1u);
  }
  auto store = Open();  // a writable open fills the values and sets the mark
  EXPECT_TRUE(StoreInternal::Get(*store, kCfMeta, kMetaAdjacencyClocks).has_value());
  // ... and the version: a kg that knows only version 1 now refuses the
  // database instead of writing relations whose values it would not keep.
  EXPECT_EQ(StoreInternal::Get(*store, kCfMeta, kMetaFormatVersion), U32Value(kFormatVersion));
  EXPECT_EQ(store->Stats()->format_version, kFormatVersion);
  auto type = StoreInternal::TypeId(*store, "R");
  auto value = StoreInternal::Get(*store, kCfIn, EncodeAdjKey({2, *type, 1, 1}));
  ASSERT_TRUE(value.has_value());
  RelationClock c;
  ASSERT_TRUE(DecodeAdjClock(*value, &c));
  EXPECT_EQ(c.valid_from, *Date::Parse("2020-01-01"));
  EXPECT_FALSE(AcceptedIn2019(*store, 1));
  EXPECT_TRUE(AcceptedIn2019(*store, 2));
  auto problems = store->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << (*problems)[0];
}

TEST_P(AdjClockStoreTest, ImportWritesTheValues) {
  ImportEdges(
      ":START_ID,:END_ID,:TYPE,valid_from:date,date:date,source\n"
      "1,2,R,2020-01,,s1\n1,2,R,,,\n2,1,S,,2021,\n");
  if (HasFatalFailure()) return;
  auto store = Open();
  auto r = store->BeginRead();
  ASSERT_TRUE(r->Expand(1, Direction::kOutgoing, {}, [](const Edge&) { return true; }).ok());
  auto type = StoreInternal::TypeId(*store, "R");
  ASSERT_TRUE(type.has_value());
  auto value = StoreInternal::Get(*store, kCfOut, EncodeAdjKey({1, *type, 2, 1}));
  ASSERT_TRUE(value.has_value());
  RelationClock c;
  ASSERT_TRUE(DecodeAdjClock(*value, &c));
  auto rel = r->GetRelation(1);
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(c, RelationClock::Of(*rel));
  EXPECT_EQ(c.source, Value(std::string("s1")));
  EXPECT_EQ(StoreInternal::Get(*store, kCfOut, EncodeAdjKey({1, *type, 2, 2})), std::string());
  auto problems = store->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << (*problems)[0];
}

// The import skips building a clock for relations without any clock key;
// each key alone (beside one that is not a clock key) must still give its
// relation a value, the one the record's clock encodes.
TEST_P(AdjClockStoreTest, ImportKeepsTheClockOfEachClockKeyAlone) {
  ImportEdges(
      ":START_ID,:END_ID,:TYPE,valid_from:date,valid_to:date,date:date,confidence:float,"
      "source,since:date\n"
      "1,2,R,2020-01,,,,,2019-01-01\n1,2,R,,2021-05-02,,,,2019-01-01\n"
      "1,2,R,,,2022,,,2019-01-01\n1,2,R,,,,0.5,,2019-01-01\n"
      "1,2,R,,,,,doc,2019-01-01\n1,2,R,,,,,,2019-01-01\n");
  if (HasFatalFailure()) return;
  auto store = Open();
  auto r = store->BeginRead();
  auto type = StoreInternal::TypeId(*store, "R");
  ASSERT_TRUE(type.has_value());
  for (uint64_t id = 1; id <= 6; ++id) {
    auto rel = r->GetRelation(id);
    ASSERT_TRUE(rel.ok());
    std::string want = EncodeAdjClock(RelationClock::Of(*rel));
    EXPECT_EQ(want.empty(), id == 6) << id;
    EXPECT_EQ(StoreInternal::Get(*store, kCfOut, EncodeAdjKey({1, *type, 2, id})), want) << id;
    EXPECT_EQ(StoreInternal::Get(*store, kCfIn, EncodeAdjKey({2, *type, 1, id})), want) << id;
  }
  auto problems = store->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << (*problems)[0];
}

INSTANTIATE_TEST_SUITE_P(Topology, AdjClockStoreTest, ::testing::Bool());

}  // namespace
}  // namespace kg::storage::internal
