// Transaction::GetRelationClock: on random relations with random clocks
// (dates of every precision, int and double confidences, one or many
// sources, odd types), the clock equals RelationClock::Of of the whole
// record, and FilterAccepts on it agrees with RelationFilter::Accepts on the
// record for random filters, and so does Transaction::RelationAccepted (from
// the clock table when the topology cache is used); with and without the
// topology cache, and inside a write transaction before its commit. The
// same after expansions, whose adjacency values carry each edge's clock
// (storage/internal/adj_clock.h), and after writes that change clocks
// (SET r.valid_to, REMOVE r.date, ...), deletions and new relations; and
// the filtered Expand reports exactly the edges that pass, in a read and in
// a write transaction (storage/store.h).
#include "core/relation_clock.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "storage/store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

Date RandomDate(std::mt19937_64& rng) {
  Date day(static_cast<int32_t>(rng() % 2000) + 16000);  // 2013..2018
  auto p = static_cast<DatePrecision>(rng() % 4);
  return p == DatePrecision::kDay ? day : Date::Period(day, p);
}

const char* const kSources[] = {"s1", "s2", "s3", "s4"};

PropertyMap RandomClock(std::mt19937_64& rng) {
  PropertyMap props;
  if (rng() % 2) props["valid_from"] = RandomDate(rng);
  if (rng() % 2) props["valid_to"] = RandomDate(rng);
  if (rng() % 3 == 0) props["date"] = RandomDate(rng);
  switch (rng() % 4) {
    case 0:
      props["confidence"] = static_cast<double>(rng() % 101) / 100.0;
      break;
    case 1:
      props["confidence"] = static_cast<int64_t>(rng() % 2);
      break;
    default:
      break;
  }
  switch (rng() % 4) {
    case 0:
      props["source"] = std::string(kSources[rng() % 4]);
      break;
    case 1:
      props["source"] = ValueList{Value(std::string(kSources[rng() % 4])),
                                  Value(std::string(kSources[rng() % 4])), Value(int64_t{7})};
      break;
    default:
      break;
  }
  if (rng() % 2) props["quote"] = std::string("said ") + std::to_string(rng() % 100);
  return props;
}

RelationFilter RandomFilter(
    std::mt19937_64& rng,
    const std::shared_ptr<const std::map<std::string, Date, std::less<>>>& published) {
  RelationFilter f;
  if (rng() % 2) f.valid_at = RandomDate(rng);
  if (rng() % 2) f.known_at = RandomDate(rng);
  if (rng() % 3 == 0) f.min_confidence = static_cast<double>(rng() % 11) / 10.0;
  if (rng() % 2) f.source_published = published;
  return f;
}

class RelationClockTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kg_relation_clock_test_" + std::to_string(::getpid()) +
                                        "_" + std::to_string(GetParam()));
    fs::remove_all(dir_);
    path_ = (dir_ / "db").string();
    ASSERT_TRUE(Store::Create(path_, schema::Ontology::Open()).ok());
    auto published = std::make_shared<std::map<std::string, Date, std::less<>>>();
    std::mt19937_64 rng(42);
    for (const char* s : kSources) (*published)[s] = RandomDate(rng);
    published_ = published;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> Open() {
    OpenOptions o = TopologyOptions(GetParam());
    auto s = Store::Open(path_, o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }

  // Every relation's clock against its record, under many filters.
  void Check(const Transaction& t, const std::vector<RelationId>& ids, std::mt19937_64& rng) {
    std::vector<RelationFilter> filters;
    for (int i = 0; i < 40; ++i) filters.push_back(RandomFilter(rng, published_));
    for (RelationId id : ids) {
      auto rel = t.GetRelation(id);
      ASSERT_TRUE(rel.ok()) << rel.status().ToString();
      auto clock = t.GetRelationClock(id);
      ASSERT_TRUE(clock.ok()) << clock.status().ToString();
      EXPECT_EQ(*clock, RelationClock::Of(*rel)) << "relation " << id;
      for (const RelationFilter& f : filters) {
        EXPECT_EQ(FilterAccepts(f, *clock), f.Accepts(*rel)) << "relation " << id;
        // The same through the clock table of the topology cache, when used.
        auto accepted = t.RelationAccepted(id, f);
        ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
        EXPECT_EQ(*accepted, f.Accepts(*rel)) << "relation " << id;
      }
    }
  }

  // The filtered Expand of every node in every direction reports exactly
  // the edges of the plain Expand whose records pass the filter, in the
  // same order; RelationAcceptedInMemory, when it answers, agrees too.
  void CheckFilteredExpand(const Transaction& t, size_t nodes,
                           const std::vector<RelationFilter>& filters) {
    for (EntityId n = 1; n <= nodes; ++n) {
      for (Direction d : {Direction::kOutgoing, Direction::kIncoming, Direction::kBoth}) {
        std::vector<Edge> all;
        ASSERT_TRUE(t.Expand(n, d, {}, [&](const Edge& e) {
                       all.push_back(e);
                       return true;
                     }).ok());
        for (const RelationFilter& f : filters) {
          std::vector<RelationId> want, got;
          for (const Edge& e : all) {
            auto rel = t.GetRelation(e.relation);
            ASSERT_TRUE(rel.ok()) << rel.status().ToString();
            if (f.Accepts(*rel)) want.push_back(e.relation);
            std::optional<bool> known = t.RelationAcceptedInMemory(e.relation, f);
            if (known) {
              EXPECT_EQ(*known, f.Accepts(*rel)) << "relation " << e.relation;
            }
          }
          ASSERT_TRUE(t.Expand(n, d, {}, f, [&](const Edge& e) {
                         got.push_back(e.relation);
                         return true;
                       }).ok());
          EXPECT_EQ(got, want) << "node " << n;
        }
      }
    }
  }

  // RelationAccepted right after expanding every node: from the clocks the
  // adjacency values gave (or the topology's clock table built from them).
  void CheckExpanded(const Store& store, size_t nodes, std::mt19937_64& rng) {
    auto t = store.BeginRead();
    t->KeepEdgeClocks();
    std::vector<RelationFilter> filters;
    for (int i = 0; i < 20; ++i) filters.push_back(RandomFilter(rng, published_));
    CheckFilteredExpand(*store.BeginRead(), nodes, filters);
    for (EntityId n = 1; n <= nodes; ++n) {
      std::vector<RelationId> met;
      ASSERT_TRUE(t->Expand(n, Direction::kOutgoing, {}, [&](const Edge& e) {
                     met.push_back(e.relation);
                     return true;
                   }).ok());
      for (RelationId id : met) {
        auto rel = t->GetRelation(id);
        ASSERT_TRUE(rel.ok()) << rel.status().ToString();
        for (const RelationFilter& f : filters) {
          auto accepted = t->RelationAccepted(id, f);
          ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
          EXPECT_EQ(*accepted, f.Accepts(*rel)) << "relation " << id;
        }
      }
    }
    auto problems = store.Check();
    ASSERT_TRUE(problems.ok());
    EXPECT_TRUE(problems->empty()) << problems->front();
  }

  fs::path dir_;
  std::string path_;
  std::shared_ptr<const std::map<std::string, Date, std::less<>>> published_;
};

TEST_P(RelationClockTest, EqualsTheRecordOnRandomGraphs) {
  auto store = Open();
  std::mt19937_64 rng(7);
  std::vector<RelationId> ids;
  {
    auto w = store->BeginWrite();
    ASSERT_TRUE(w.ok());
    std::vector<EntityId> nodes;
    for (int i = 0; i < 30; ++i) nodes.push_back(*(*w)->CreateEntity({"L"}, {}));
    for (int i = 0; i < 300; ++i) {
      auto id = (*w)->CreateRelation("R", nodes[rng() % nodes.size()], nodes[rng() % nodes.size()],
                                     RandomClock(rng));
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      ids.push_back(*id);
    }
    Check(**w, ids, rng);  // uncommitted writes
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto r = store->BeginRead();
  // Expand first, so the cached store builds its topology before the reads.
  ASSERT_TRUE(r->Expand(1, Direction::kBoth, {}, [](const Edge&) { return true; }).ok());
  Check(*r, ids, rng);
}

// Changes one clock property of `r` at random: set, change or remove.
void ChangeClock(Relation* r, std::mt19937_64& rng) {
  static const char* const kKeys[] = {"valid_from", "valid_to", "date", "confidence", "source"};
  const char* key = kKeys[rng() % 5];
  if (rng() % 3 == 0) {
    r->properties.erase(key);  // REMOVE r.key
    return;
  }
  PropertyMap fresh = RandomClock(rng);
  auto it = fresh.find(key);
  if (it != fresh.end()) {
    r->properties[key] = it->second;  // SET r.key = ...
  } else if (std::string(key) == "source") {
    r->properties[key] = std::string("s2");
  } else if (std::string(key) == "confidence") {
    r->properties[key] = 0.5;
  } else {
    r->properties[key] = RandomDate(rng);
  }
}

TEST_P(RelationClockTest, ExpansionsAgreeBeforeAndAfterClockWrites) {
  std::mt19937_64 rng(11);
  const size_t kNodes = 25;
  std::vector<EntityId> nodes;
  std::vector<RelationId> ids;
  {
    auto store = Open();
    auto w = store->BeginWrite();
    ASSERT_TRUE(w.ok());
    for (size_t i = 0; i < kNodes; ++i) nodes.push_back(*(*w)->CreateEntity({"L"}, {}));
    for (int i = 0; i < 200; ++i)
      ids.push_back(*(*w)->CreateRelation(i % 3 ? "R" : "Q", nodes[rng() % kNodes],
                                          nodes[rng() % kNodes], RandomClock(rng)));
    ASSERT_TRUE((*w)->Commit().ok());
    CheckExpanded(*store, kNodes, rng);
    for (int round = 0; round < 3; ++round) {
      auto u = store->BeginWrite();
      ASSERT_TRUE(u.ok());
      for (RelationId id : ids) {
        auto r = (*u)->GetRelation(id);
        if (!r.ok()) continue;  // deleted in an earlier round
        if (rng() % 10 == 0) {
          ASSERT_TRUE((*u)->DeleteRelation(id).ok());
          continue;
        }
        if (rng() % 2) continue;
        ChangeClock(&*r, rng);
        Status st = (*u)->UpdateRelation(*r);
        ASSERT_TRUE(st.ok()) << st.ToString();
      }
      for (int i = 0; i < 20; ++i)
        ids.push_back(*(*u)->CreateRelation("R", nodes[rng() % kNodes], nodes[rng() % kNodes],
                                            RandomClock(rng)));
      // A write transaction filters its own uncommitted writes.
      std::vector<RelationFilter> filters;
      for (int i = 0; i < 5; ++i) filters.push_back(RandomFilter(rng, published_));
      CheckFilteredExpand(**u, kNodes, filters);
      ASSERT_TRUE((*u)->Commit().ok());
      CheckExpanded(*store, kNodes, rng);
    }
  }
  auto reopened = Open();  // the same from a fresh process's empty caches
  CheckExpanded(*reopened, kNodes, rng);
}

// The span of the records' clocks, read one record at a time.
ClockSpan SpanOfRecords(const Transaction& t, const std::vector<RelationId>& ids) {
  ClockSpan span;
  for (RelationId id : ids) {
    auto rel = t.GetRelation(id);
    if (rel.ok()) span.Widen(RelationClock::Of(*rel));
  }
  return span;
}

// DateSpan from the clock table (the topology cache, warmed), from the
// adjacency values (no cache), and from the records (a write transaction
// with its own uncommitted writes): always the records' span.
TEST_P(RelationClockTest, DateSpanIsTheSpanOfTheRecords) {
  auto store = Open();
  std::mt19937_64 rng(23);
  std::vector<RelationId> ids;
  std::vector<EntityId> nodes;
  {
    auto w = store->BeginWrite();
    ASSERT_TRUE(w.ok());
    auto empty = (*w)->DateSpan();
    ASSERT_TRUE(empty.ok()) << empty.status().ToString();
    EXPECT_EQ(*empty, ClockSpan());
    for (int i = 0; i < 20; ++i) nodes.push_back(*(*w)->CreateEntity({"L"}, {}));
    for (int i = 0; i < 150; ++i)
      ids.push_back(*(*w)->CreateRelation("R", nodes[rng() % nodes.size()],
                                          nodes[rng() % nodes.size()], RandomClock(rng)));
    auto own = (*w)->DateSpan();
    ASSERT_TRUE(own.ok()) << own.status().ToString();
    EXPECT_EQ(*own, SpanOfRecords(**w, ids));
    EXPECT_GT(own->dated, 0u);
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto check_read = [&] {
    auto r = store->BeginRead();
    if (GetParam()) {
      ASSERT_TRUE(*r->WarmTopology());
    }
    auto span = r->DateSpan();
    ASSERT_TRUE(span.ok()) << span.status().ToString();
    EXPECT_EQ(*span, SpanOfRecords(*r, ids));
  };
  check_read();
  // The earliest and the latest dated relations go, one relation moves
  // beyond every date: the span follows.
  auto u = store->BeginWrite();
  ASSERT_TRUE(u.ok());
  for (size_t i = 0; i < ids.size(); i += 3) ASSERT_TRUE((*u)->DeleteRelation(ids[i]).ok());
  auto moved = (*u)->GetRelation(ids[1]);
  ASSERT_TRUE(moved.ok());
  moved->properties["valid_to"] = *Date::Parse("2031-02-03");
  ASSERT_TRUE((*u)->UpdateRelation(*moved).ok());
  auto pending = (*u)->DateSpan();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->valid_to.last->ToString(), "2031-02-03");
  EXPECT_EQ(*pending, SpanOfRecords(**u, ids));
  ASSERT_TRUE((*u)->Commit().ok());
  check_read();
}

TEST(ClockSpanTest, FirstBeginsEarliestAndLastEndsLatestWhateverThePrecision) {
  ClockSpan span;
  RelationClock a, b, c;
  a.valid_from = *Date::ParseWithPrecision("2025-04-02");
  b.valid_from = *Date::ParseWithPrecision("2025-04");  // begins 04-01, ends 04-30
  b.said = *Date::ParseWithPrecision("2025-W28");
  c.confidence = 0.5;  // no date: not counted
  for (const RelationClock& clock : {a, b, c}) span.Widen(clock);
  EXPECT_EQ(span.dated, 2u);
  EXPECT_EQ(span.valid_from.first->ToString(), "2025-04");
  EXPECT_EQ(span.valid_from.last->ToString(), "2025-04");
  EXPECT_EQ(span.said.first->ToString(), "2025-W28");
  EXPECT_FALSE(span.valid_to.first.has_value());
  ClockSpan reversed;
  for (const RelationClock& clock : {c, b, a}) reversed.Widen(clock);
  EXPECT_EQ(reversed, span);  // the order the relations come in does not matter
}

TEST_P(RelationClockTest, AbsentRelationIsNotFound) {
  auto store = Open();
  auto r = store->BeginRead();
  auto clock = r->GetRelationClock(12345);
  ASSERT_FALSE(clock.ok());
  EXPECT_EQ(clock.status().code(), StatusCode::kNotFound);
  EXPECT_NE(clock.status().ToString().find("12345"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Topology, RelationClockTest, ::testing::Bool());

}  // namespace
}  // namespace kg::storage
