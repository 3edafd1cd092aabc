// The topology cache: reads through it equal reads through RocksDB (order
// included), it is never used across a commit, old snapshots keep their
// view, and a budget too small for the graph leaves reads on RocksDB.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <tuple>

#include "storage/store.h"
#include "tests/storage/test_store.h"
#include "tests/storage/topology_options.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

using EdgeRow = std::tuple<RelationId, EntityId, std::string, bool>;

std::vector<EdgeRow> Rows(const Transaction& t, EntityId n, Direction d,
                          const std::vector<std::string>& types = {}) {
  std::vector<EdgeRow> out;
  Status st = t.Expand(n, d, types, [&](const Edge& e) {
    out.emplace_back(e.relation, e.other, std::string(e.type), e.outgoing);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

OpenOptions Cached() { return TopologyOptions(true); }
OpenOptions Uncached() { return TopologyOptions(false); }

class TopologyTest : public FilledStoreTest {
 protected:
  TopologyTest() : FilledStoreTest("kg_topology_test") {}

  void Fill(Transaction& t) override {
    // Types created out of alphabetical order, so type ids are not name order.
    for (int i = 0; i < 6; ++i) {
      PropertyMap props;
      if (i != 4) props["name"] = "N" + std::to_string(i);
      if (i == 5) props["name"] = int64_t{5};  // a name that is not a string
      ids_.push_back(*t.CreateEntity({"L"}, props));
    }
    const char* types[] = {"ZETA", "ALPHA", "MIDDLE"};
    int k = 0;
    for (size_t a = 0; a < ids_.size(); ++a)
      for (size_t b = 0; b < ids_.size(); ++b)
        if ((a * 7 + b * 3) % 4 == 0) {
          ASSERT_TRUE(t.CreateRelation(types[k++ % 3], ids_[a], ids_[b], {}).ok());
        }
    ASSERT_TRUE(t.CreateRelation("ALPHA", ids_[0], ids_[1], {}).ok());  // a parallel edge
    ASSERT_TRUE(t.CreateRelation("ZETA", ids_[2], ids_[2], {}).ok());   // a self-loop
  }
};

TEST_F(TopologyTest, ExpandEqualsRocksDbInEveryDirectionAndFilter) {
  const std::vector<std::vector<std::string>> filters = {
      {}, {"ALPHA"}, {"ZETA", "ALPHA"}, {"MIDDLE", "MIDDLE"}, {"NOPE"}, {"NOPE", "ZETA"}};
  std::vector<std::vector<EdgeRow>> want;
  {
    auto plain = Open(Uncached());
    auto t = plain->BeginRead();
    for (EntityId n : ids_)
      for (Direction d : {Direction::kOutgoing, Direction::kIncoming, Direction::kBoth})
        for (const auto& f : filters) want.push_back(Rows(*t, n, d, f));
  }
  auto cached = Open(Cached());
  auto t = cached->BeginRead();
  (void)Rows(*t, ids_[0], Direction::kOutgoing);  // the miss that builds the copy
  ASSERT_TRUE(t->PeekProperty(ids_[0], "name").has_value()) << "the copy was not built";
  size_t i = 0;
  for (EntityId n : ids_)
    for (Direction d : {Direction::kOutgoing, Direction::kIncoming, Direction::kBoth})
      for (const auto& f : filters) EXPECT_EQ(Rows(*t, n, d, f), want[i++]) << "node " << n;
  EXPECT_TRUE(Rows(*t, 999, Direction::kBoth).empty());
  // Stopping early stops.
  int seen = 0;
  ASSERT_TRUE(
      t->Expand(ids_[0], Direction::kBoth, {}, [&](const Edge&) { return ++seen < 2; }).ok());
  EXPECT_EQ(seen, 2);
}

// Neighbours gives the far ends Expand reports, in its order, from the
// copy and from RocksDB, with and without a relation filter.
TEST_F(TopologyTest, NeighboursAreExpandsFarEnds) {
  RelationFilter none, confident;
  confident.min_confidence = 0.5;  // no relation has one: all count as certain
  for (bool cached : {false, true}) {
    auto store = Open(cached ? Cached() : Uncached());
    auto t = store->BeginRead();
    (void)Rows(*t, ids_[0], Direction::kOutgoing);  // the miss that builds the copy
    EXPECT_EQ(t->PeekProperty(ids_[0], "name").has_value(), cached);
    for (EntityId n : ids_) {
      for (Direction d : {Direction::kOutgoing, Direction::kIncoming, Direction::kBoth}) {
        for (const std::vector<std::string>& types :
             std::vector<std::vector<std::string>>{{}, {"ALPHA"}, {"ZETA", "MIDDLE"}, {"NOPE"}}) {
          std::vector<EntityId> want;
          for (const EdgeRow& r : Rows(*t, n, d, types)) want.push_back(std::get<1>(r));
          for (const RelationFilter* f : {&none, &confident}) {
            std::vector<EntityId> got = {42};  // appended to
            ASSERT_TRUE(t->Neighbours(n, d, types, *f, &got).ok());
            ASSERT_FALSE(got.empty());
            EXPECT_EQ(got.front(), 42u);
            got.erase(got.begin());
            EXPECT_EQ(got, want) << "node " << n << (cached ? " cached" : " rocksdb");
          }
        }
      }
    }
  }
}

TEST_F(TopologyTest, NamesAndExistence) {
  {
    auto uncached = Open(Uncached());
    EXPECT_EQ(uncached->BeginRead()->PeekProperty(ids_[1], "name"), std::nullopt);
  }
  auto s = Open(Cached());
  auto t = s->BeginRead();
  (void)Rows(*t, ids_[0], Direction::kOutgoing);
  EXPECT_EQ(t->PeekProperty(ids_[1], "name"), std::optional<Value>(Value("N1")));
  EXPECT_EQ(t->PeekProperty(ids_[4], "name"), std::optional<Value>(Value()));  // has no name
  EXPECT_EQ(t->PeekProperty(ids_[5], "name"), std::nullopt);  // not a string: read the record
  EXPECT_EQ(t->PeekProperty(ids_[1], "other"), std::nullopt);
  EXPECT_EQ(t->PeekProperty(999, "name"), std::nullopt);
  EXPECT_TRUE(*t->EntityExists(ids_[3]));
  EXPECT_FALSE(*t->EntityExists(999));
}

TEST_F(TopologyTest, ACommitIsSeenByNewReadersAndNotByOldOnes) {
  auto s = Open(Cached());
  auto before = s->BeginRead();
  (void)Rows(*before, ids_[3], Direction::kOutgoing);
  ASSERT_TRUE(before->PeekProperty(ids_[3], "name").has_value());
  auto old_rows = Rows(*before, ids_[3], Direction::kOutgoing);
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    Entity e = *(*w)->GetEntity(ids_[3]);
    e.properties["name"] = "Renamed";
    ASSERT_TRUE((*w)->UpdateEntity(e).ok());
    ASSERT_TRUE((*w)->CreateRelation("BETA", ids_[3], ids_[0], {}).ok());
    // The writer sees its own writes, never the copy.
    EXPECT_EQ((*w)->PeekProperty(ids_[3], "name"), std::nullopt);
    EXPECT_EQ(Rows(**w, ids_[3], Direction::kOutgoing).size(), old_rows.size() + 1);
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(Rows(*before, ids_[3], Direction::kOutgoing), old_rows);
  EXPECT_EQ(before->PeekProperty(ids_[3], "name"), std::optional<Value>(Value("N3")));
  auto after = s->BeginRead();
  auto new_rows = Rows(*after, ids_[3], Direction::kOutgoing);
  ASSERT_EQ(new_rows.size(), old_rows.size() + 1);
  EXPECT_EQ(std::get<2>(new_rows[1]), "BETA");  // ALPHA < BETA < MIDDLE < ZETA
  EXPECT_EQ(after->PeekProperty(ids_[3], "name"), std::optional<Value>(Value("Renamed")));
}

TEST_F(TopologyTest, ABudgetTooSmallLeavesReadsOnRocksDb) {
  OpenOptions o = Cached();
  o.topology_cache_bytes = 16;
  auto s = Open(o);
  auto t = s->BeginRead();
  auto rows = Rows(*t, ids_[0], Direction::kBoth);
  EXPECT_EQ(t->PeekProperty(ids_[0], "name"), std::nullopt);
  EXPECT_EQ(Rows(*t, ids_[0], Direction::kBoth), rows);
}

// WarmTopology builds the copy at once (the automatic threshold is far
// above these few reads); later readers of the snapshot use it, a commit
// leaves new readers without one until warmed again; a write transaction
// or a budget too small builds none.
TEST_F(TopologyTest, WarmTopologyBuildsTheCopyNow) {
  auto s = Open({});
  auto cold = s->BeginRead();
  auto rows = Rows(*cold, ids_[0], Direction::kBoth);
  EXPECT_EQ(cold->PeekProperty(ids_[0], "name"), std::nullopt) << "a copy before any warm-up";
  Result<bool> warmed = cold->WarmTopology();
  ASSERT_TRUE(warmed.ok()) << warmed.status().ToString();
  EXPECT_TRUE(*warmed);
  EXPECT_EQ(cold->PeekProperty(ids_[0], "name"), std::optional<Value>(Value("N0")));
  EXPECT_EQ(Rows(*cold, ids_[0], Direction::kBoth), rows);
  auto next = s->BeginRead();
  EXPECT_EQ(next->PeekProperty(ids_[1], "name"), std::optional<Value>(Value("N1")));
  EXPECT_TRUE(*next->WarmTopology()) << "a second warm-up of the same snapshot";
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    Result<bool> writer = (*w)->WarmTopology();
    ASSERT_TRUE(writer.ok());
    EXPECT_FALSE(*writer);
    ASSERT_TRUE((*w)->CreateRelation("BETA", ids_[1], ids_[0], {}).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto after = s->BeginRead();
  EXPECT_EQ(after->PeekProperty(ids_[1], "name"), std::nullopt);
  EXPECT_TRUE(*after->WarmTopology());
  EXPECT_EQ(Rows(*after, ids_[0], Direction::kBoth).size(), rows.size() + 1);
  cold.reset();  // the transactions end before their store
  next.reset();
  after.reset();
  s.reset();

  OpenOptions tiny;
  tiny.topology_cache_bytes = 16;
  auto small = Open(tiny);
  auto t = small->BeginRead();
  EXPECT_FALSE(*t->WarmTopology());
  EXPECT_EQ(t->PeekProperty(ids_[0], "name"), std::nullopt);
}

// Stats report the budget the store was opened with and the cache's own
// estimate of this graph's copy, which grows with the graph; a copy is
// built exactly when the estimate fits.
TEST_F(TopologyTest, StatsReportTheBudgetAndTheGraphsEstimate) {
  OpenOptions tiny;
  tiny.topology_cache_bytes = 16;
  auto small = Open(tiny);
  Result<StoreStats> st = small->Stats();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->topology_budget_bytes, 16u);
  EXPECT_GT(st->topology_estimate_bytes, 16u);
  EXPECT_FALSE(*small->BeginRead()->WarmTopology());
  small.reset();

  auto s = Open({});
  Result<StoreStats> full = s->Stats();
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->topology_budget_bytes, OpenOptions{}.topology_cache_bytes);
  EXPECT_EQ(full->topology_estimate_bytes, st->topology_estimate_bytes);
  EXPECT_LE(full->topology_estimate_bytes, full->topology_budget_bytes);
  EXPECT_TRUE(*s->BeginRead()->WarmTopology());
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->CreateRelation("BETA", ids_[1], ids_[0], {}).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_GT(s->Stats()->topology_estimate_bytes, full->topology_estimate_bytes);

  OpenOptions off;
  off.topology_cache_bytes = 0;
  s.reset();
  EXPECT_EQ(Open(off)->Stats()->topology_budget_bytes, 0u);
}

// Stats say what the copy built in this process holds: nothing before a
// build, its structure after one, nothing once a commit made it stale, and
// the new snapshot's copy once that is built.
TEST_F(TopologyTest, StatsReportWhatTheBuiltCopyHolds) {
  auto s = Open({});
  EXPECT_EQ(s->Stats()->topology_held_bytes, 0u) << "no copy built yet";
  auto t = s->BeginRead();
  ASSERT_TRUE(*t->WarmTopology());
  const uint64_t held = s->Stats()->topology_held_bytes;
  // At least one 12-byte entry per direction of each relation, and the names.
  EXPECT_GE(held, 2 * 12 * Rows(*t, ids_[0], Direction::kBoth).size() + 8);
  EXPECT_LE(held, s->Stats()->topology_budget_bytes);
  t.reset();
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 200; ++i)
      ASSERT_TRUE((*w)->CreateRelation("BETA", ids_[1], ids_[2], {}).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(s->Stats()->topology_held_bytes, 0u) << "a commit lets the old copy go";
  ASSERT_TRUE(*s->BeginRead()->WarmTopology());
  EXPECT_GE(s->Stats()->topology_held_bytes, held + 2 * 12 * 200);
}

// Name look-ups that RocksDB serves count towards the copy's build rule, so
// a session that only looks names up gets the copy (and its name index).
TEST_F(TopologyTest, NameLookupsAloneBuildTheCopy) {
  OpenOptions o;
  o.topology_build_after = 3;
  auto s = Open(o);
  for (int i = 0; i < 2; ++i) {
    auto t = s->BeginRead();
    EXPECT_EQ(*t->FindByName("n1"), std::vector<EntityId>{ids_[1]});
    EXPECT_EQ(t->PeekProperty(ids_[1], "name"), std::nullopt) << "no copy after look-up " << i;
  }
  auto t = s->BeginRead();
  EXPECT_EQ(*t->FindByName("N3"), std::vector<EntityId>{ids_[3]});
  EXPECT_EQ(t->PeekProperty(ids_[1], "name"), std::optional<Value>(Value("N1")))
      << "the third look-up built the copy";
  EXPECT_GT(s->Stats()->topology_held_bytes, 0u);
}

TEST_F(TopologyTest, ReadOnlyOpensUseTheirFixedView) {
  auto s = Open([] {
    OpenOptions o = Cached();
    o.read_only = true;
    return o;
  }());
  auto t = s->BeginRead();
  auto rows = Rows(*t, ids_[2], Direction::kBoth);
  EXPECT_EQ(t->PeekProperty(ids_[2], "name"), std::optional<Value>(Value("N2")));
  auto plain = Open(Uncached());
  EXPECT_EQ(Rows(*plain->BeginRead(), ids_[2], Direction::kBoth), rows);
}

}  // namespace
}  // namespace kg::storage

namespace kg::storage {
namespace {

// The cache of decoded entity records follows the same rule: a reader sees
// what its snapshot holds, whether the record comes from the cache or not.
TEST_F(TopologyTest, EntityCacheNeverShowsAnotherSnapshotsRecord) {
  auto s = Open({});
  auto before = s->BeginRead();
  ASSERT_EQ((*before->GetEntityShared(ids_[1]))->Find("name")->as_string(), "N1");
  auto again = s->BeginRead();
  auto shared = again->GetEntityShared(ids_[1]);
  ASSERT_TRUE(shared.ok());
  EXPECT_EQ(*shared, *before->GetEntityShared(ids_[1]));  // the same cached record
  auto untouched_before = s->BeginRead();                 // reads ids_[2] only after the commit
  {
    auto w = s->BeginWrite();
    ASSERT_TRUE(w.ok());
    Entity e = *(*w)->GetEntity(ids_[1]);
    e.properties["name"] = "Changed";
    ASSERT_TRUE((*w)->UpdateEntity(e).ok());
    Entity f = *(*w)->GetEntity(ids_[2]);
    f.properties["name"] = "Changed too";
    ASSERT_TRUE((*w)->UpdateEntity(f).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(before->GetEntity(ids_[1])->Find("name")->as_string(), "N1");
  EXPECT_EQ(untouched_before->GetEntity(ids_[2])->Find("name")->as_string(), "N2");
  auto after = s->BeginRead();
  EXPECT_EQ(after->GetEntity(ids_[1])->Find("name")->as_string(), "Changed");
  EXPECT_EQ(after->GetEntity(ids_[2])->Find("name")->as_string(), "Changed too");
  // Old readers reading after the commit do not fill the cache for new ones.
  EXPECT_EQ(untouched_before->GetEntity(ids_[3])->Find("name")->as_string(), "N3");
  EXPECT_EQ(s->BeginRead()->GetEntity(ids_[3])->Find("name")->as_string(), "N3");
  // After a commit the cache serves the new snapshot's readers again.
  auto r1 = s->BeginRead(), r2 = s->BeginRead();
  EXPECT_EQ(*r1->GetEntityShared(ids_[5]), *r2->GetEntityShared(ids_[5]));
  auto deleted = s->BeginWrite();
  ASSERT_TRUE(deleted.ok());
  ASSERT_TRUE((*deleted)->DeleteEntity(ids_[4], true).ok());
  ASSERT_TRUE((*deleted)->Commit().ok());
  EXPECT_EQ(s->BeginRead()->GetEntity(ids_[4]).status().code(), StatusCode::kNotFound);
}

TEST_F(TopologyTest, EntityCacheCanBeTurnedOff) {
  OpenOptions o;
  o.entity_cache_entries = 0;
  auto s = Open(o);
  auto t = s->BeginRead();
  auto a = t->GetEntityShared(ids_[0]);
  auto b = t->GetEntityShared(ids_[0]);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);  // two reads, two copies
  EXPECT_EQ(**a, **b);
}

}  // namespace
}  // namespace kg::storage
