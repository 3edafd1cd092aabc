// Store behaviour: create/open, format version, CRUD round trips, the name
// and label indexes, Expand ordering, deletes, ontology refusals, rollback,
// snapshot isolation and write serialisation.
#include "storage/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/internal/store_internal.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;
using internal::StoreInternal;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> CreateAndOpen(const schema::Ontology& o = schema::Ontology::Builtin()) {
    Status st = Store::Create(path_, o);
    EXPECT_TRUE(st.ok()) << st.ToString();
    auto s = Store::Open(path_, {});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }

  static EntityId MustCreate(Transaction& t, const std::string& label, const std::string& name,
                             PropertyMap extra = {}) {
    extra["name"] = name;
    auto id = t.CreateEntity({label}, std::move(extra));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  static RelationId MustRelate(Transaction& t, const std::string& type, EntityId a, EntityId b,
                               PropertyMap props = {}) {
    auto id = t.CreateRelation(type, a, b, std::move(props));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  static std::vector<Edge> ExpandAll(const Transaction& t, EntityId n, Direction d,
                                     std::vector<std::string> types = {}) {
    std::vector<Edge> out;
    Status st = t.Expand(n, d, types, [&](const Edge& e) {
      out.push_back(e);
      return true;
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(StoreTest, CreateThenOpenIsEmptyWithFormatAndOntology) {
  auto store = CreateAndOpen();
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->entities, 0u);
  EXPECT_EQ(stats->relations, 0u);
  EXPECT_EQ(stats->format_version, 3u);
  EXPECT_EQ(stats->ontology, "builtin");
  EXPECT_GT(stats->disk_bytes, 0u);
  EXPECT_EQ(store->ontology().name(), "builtin");
}

TEST_F(StoreTest, CreateRefusesExistingDatabaseAndNonEmptyDirectory) {
  ASSERT_TRUE(Store::Create(path_, schema::Ontology::Builtin()).ok());
  Status again = Store::Create(path_, schema::Ontology::Builtin());
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  fs::path other = dir_ / "other";
  fs::create_directories(other);
  { std::ofstream(other / "x.txt") << "hi"; }
  Status st = Store::Create(other.string(), schema::Ontology::Builtin());
  EXPECT_EQ(st.code(), StatusCode::kIOError) << st.ToString();
  EXPECT_NE(st.message().find("not empty"), std::string::npos);
}

TEST_F(StoreTest, OpenMissingDatabaseIsNotFound) {
  auto s = Store::Open(path_, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, ReopenKeepsDataOntologyAndCounters) {
  EntityId a, b;
  {
    auto store = CreateAndOpen(schema::Ontology::Open());
    auto t = store->BeginWrite().value();
    a = t->CreateEntity({"Thing"}, {{"name", "a"}}).value();
    ASSERT_TRUE(t->Commit().ok());
  }
  auto store = Store::Open(path_, {}).value();
  EXPECT_TRUE(store->ontology().is_open());
  auto t = store->BeginWrite().value();
  b = t->CreateEntity({"Thing"}, {{"name", "b"}}).value();
  EXPECT_GT(b, a);
  ASSERT_TRUE(t->Commit().ok());
  auto r = store->BeginRead();
  EXPECT_EQ(r->GetEntity(a)->name(), "a");
  EXPECT_EQ(store->Stats()->entities, 2u);
}

TEST_F(StoreTest, OpenRefusesNewerFormatVersion) {
  {
    auto store = CreateAndOpen();
    ASSERT_TRUE(StoreInternal::Put(*store, internal::kCfMeta, internal::kMetaFormatVersion,
                                   internal::U32Value(4))
                    .ok());
  }
  auto s = Store::Open(path_, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(s.status().message().find("format version 4, newer than this kg (which reads 1 to 3)"),
            std::string::npos)
      << s.status().message();
}

TEST_F(StoreTest, OpenRefusesAFormatVersionOlderThanAnyItReads) {
  {
    auto store = CreateAndOpen();
    ASSERT_TRUE(StoreInternal::Put(*store, internal::kCfMeta, internal::kMetaFormatVersion,
                                   internal::U32Value(0))
                    .ok());
  }
  auto s = Store::Open(path_, {.read_only = true});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(s.status().message().find("format version 0, unknown to"), std::string::npos)
      << s.status().message();
}

TEST_F(StoreTest, OpenRefusesUnknownFormatEncoding) {
  {
    auto store = CreateAndOpen();
    ASSERT_TRUE(
        StoreInternal::Put(*store, internal::kCfMeta, internal::kMetaFormatVersion, "x").ok());
  }
  auto s = Store::Open(path_, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotSupported) << s.status().ToString();
}

TEST_F(StoreTest, PutThenGetRoundTripsQuoteStanceAndDate) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId jensen = MustCreate(*t, "Person", "Jensen Huang",
                               {{"aliases", ValueList{"黄仁勋", "Jensen"}}, {"age", 62}});
  EntityId xiaomi = MustCreate(*t, "Company", "Xiaomi", {{"founded", 2010}, {"rating", 4.5}});
  PropertyMap props{{"stance", 0.8},
                    {"quote", "Xiaomi is \"an incredible company\", truly; 很棒\nnew line"},
                    {"date", Date::Parse("2025-07-16").value()},
                    {"valid_from", Date::Parse("2025-07-01").value()},
                    {"source", "article-1"},
                    {"confidence", 0.9},
                    {"flags", ValueList{true, int64_t{3}, 1.5}}};
  RelationId r = MustRelate(*t, "PRAISES", jensen, xiaomi, props);
  ASSERT_TRUE(t->Commit().ok());

  auto read = store->BeginRead();
  auto rel = read->GetRelation(r);
  ASSERT_TRUE(rel.ok()) << rel.status().ToString();
  EXPECT_EQ(rel->type, "PRAISES");
  EXPECT_EQ(rel->start, jensen);
  EXPECT_EQ(rel->end, xiaomi);
  EXPECT_EQ(rel->properties, props);
  EXPECT_DOUBLE_EQ(*rel->stance(), 0.8);
  auto e = read->GetEntity(jensen);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->labels, std::vector<std::string>{"Person"});
  EXPECT_EQ(e->aliases(), (std::vector<std::string>{"黄仁勋", "Jensen"}));
  EXPECT_EQ(*e->Find("age"), Value(62));
  EXPECT_EQ(*read->GetEntity(xiaomi)->Find("rating"), Value(4.5));
  EXPECT_EQ(read->GetEntity(999).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(*read->EntityExists(999));
  EXPECT_TRUE(*read->EntityExists(xiaomi));
}

TEST_F(StoreTest, FindByNameMatchesNameAndAliasesInAnyCase) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId qwen =
      MustCreate(*t, "AIModel", "Tongyi Qianwen", {{"aliases", ValueList{"Qianwen", "Qwen"}}});
  EntityId other = MustCreate(*t, "AIModel", "QWEN", {});
  EntityId greek = MustCreate(*t, "Company", "ΣΟΦΙΑ Ärger Ľubica Москва", {});
  ASSERT_TRUE(t->Commit().ok());
  auto r = store->BeginRead();
  EXPECT_EQ(r->FindByName("qwen").value(), (std::vector<EntityId>{qwen, other}));
  EXPECT_EQ(r->FindByName("QIANWEN").value(), std::vector<EntityId>{qwen});
  EXPECT_EQ(r->FindByName("tongyi qianwen").value(), std::vector<EntityId>{qwen});
  EXPECT_EQ(r->FindByName("σοφια ärger ľubica москва").value(), std::vector<EntityId>{greek});
  EXPECT_TRUE(r->FindByName("Qwe").value().empty());
  EXPECT_TRUE(r->FindByName("").value().empty());
}

TEST_F(StoreTest, SuggestNamesFindsNearNamesAndAliasesOncePerEntity) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  MustCreate(*t, "Company", "NVIDIA", {{"aliases", ValueList{"Nvidia Corp", "NVIDIANVDA--"}}});
  MustCreate(*t, "Company", "Xiaomi", {{"aliases", ValueList{"小米"}}});
  MustCreate(*t, "Person", "Jensen Huang", {{"aliases", ValueList{"黄仁勋"}}});
  MustCreate(*t, "Company", "Nvida Labs", {});
  ASSERT_TRUE(t->Commit().ok());
  auto r = store->BeginRead();
  EXPECT_EQ(r->SuggestNames("Nvidea").value(), std::vector<std::string>{"NVIDIA"});
  EXPECT_EQ(r->SuggestNames("Xiomi").value(), std::vector<std::string>{"Xiaomi"});
  EXPECT_EQ(r->SuggestNames("Jensen Haung").value(), std::vector<std::string>{"Jensen Huang"});
  // An alias misspelt names its entity; an entity reached twice is named once.
  EXPECT_EQ(r->SuggestNames("Nvidia Crp").value(), std::vector<std::string>{"NVIDIA"});
  EXPECT_EQ(r->SuggestNames("黄仁").value(), std::vector<std::string>{"Jensen Huang"});
  EXPECT_TRUE(r->SuggestNames("Tesla").value().empty());
  EXPECT_EQ(r->SuggestNames("Nvidia Lab", 1).value(), std::vector<std::string>{"Nvida Labs"});
}

TEST_F(StoreTest, ScanEntitiesByLabelInIdOrder) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId c1 = MustCreate(*t, "Company", "A");
  EntityId p = MustCreate(*t, "Person", "B");
  EntityId c2 = MustCreate(*t, "Company", "C");
  ASSERT_TRUE(t->Commit().ok());
  auto r = store->BeginRead();
  std::vector<EntityId> companies, all;
  ASSERT_TRUE(r->ScanEntities("Company", [&](EntityId id) {
                 companies.push_back(id);
                 return true;
               }).ok());
  ASSERT_TRUE(r->ScanEntities("", [&](EntityId id) {
                 all.push_back(id);
                 return true;
               }).ok());
  EXPECT_EQ(companies, (std::vector<EntityId>{c1, c2}));
  EXPECT_EQ(all, (std::vector<EntityId>{c1, p, c2}));
  int seen = 0;
  ASSERT_TRUE(r->ScanEntities("Nothing", [&](EntityId) { return ++seen, true; }).ok());
  EXPECT_EQ(seen, 0);
}

TEST_F(StoreTest, ExpandByTypeAndDirectionIsOrdered) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId nv = MustCreate(*t, "Company", "NVIDIA");
  EntityId hw = MustCreate(*t, "Company", "Huawei");
  EntityId amd = MustCreate(*t, "Company", "AMD");
  EntityId h20 = MustCreate(*t, "Product", "H20");
  EntityId jh = MustCreate(*t, "Person", "Jensen Huang");
  // Created in an order that differs from the expected output order.
  RelationId c2 = MustRelate(*t, "COMPETES_WITH", nv, amd);
  RelationId c1 = MustRelate(*t, "COMPETES_WITH", nv, hw);
  RelationId m = MustRelate(*t, "MAKES", nv, h20);
  RelationId l = MustRelate(*t, "LEADS", jh, nv);
  RelationId c3 = MustRelate(*t, "COMPETES_WITH", hw, nv);
  // Reads inside the write transaction see its own writes.
  EXPECT_EQ(ExpandAll(*t, nv, Direction::kBoth).size(), 5u);
  ASSERT_TRUE(t->Commit().ok());

  auto r = store->BeginRead();
  auto out = ExpandAll(*r, nv, Direction::kOutgoing);
  ASSERT_EQ(out.size(), 3u);
  // Ordered by type name, then neighbour id, then relation id.
  EXPECT_EQ(out[0].type, "COMPETES_WITH");
  EXPECT_EQ(out[0].other, hw);
  EXPECT_EQ(out[0].relation, c1);
  EXPECT_EQ(out[1].other, amd);
  EXPECT_EQ(out[1].relation, c2);
  EXPECT_EQ(out[2].type, "MAKES");
  EXPECT_EQ(out[2].relation, m);
  EXPECT_TRUE(out[2].outgoing);

  auto in = ExpandAll(*r, nv, Direction::kIncoming);
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0].relation, c3);
  EXPECT_EQ(in[0].type, "COMPETES_WITH");
  EXPECT_FALSE(in[0].outgoing);
  EXPECT_EQ(in[1].relation, l);
  EXPECT_EQ(in[1].other, jh);

  auto both = ExpandAll(*r, nv, Direction::kBoth, {"COMPETES_WITH"});
  ASSERT_EQ(both.size(), 3u);
  EXPECT_TRUE(both[0].outgoing && both[1].outgoing && !both[2].outgoing);
  EXPECT_EQ(ExpandAll(*r, nv, Direction::kBoth, {"LEADS", "MAKES"}).size(), 2u);
  EXPECT_TRUE(ExpandAll(*r, nv, Direction::kBoth, {"NOPE"}).empty());
  EXPECT_EQ(r->Degree(nv, Direction::kBoth, {}).value(), 5u);
  EXPECT_EQ(r->Degree(nv, Direction::kOutgoing, {"MAKES"}).value(), 1u);

  std::vector<EdgeTriple> edges;
  ASSERT_TRUE(r->ScanEdges("COMPETES_WITH", [&](const EdgeTriple& e) {
                 edges.push_back(e);
                 return true;
               }).ok());
  ASSERT_EQ(edges.size(), 3u);
  EXPECT_EQ(edges[0].start, nv);
  EXPECT_EQ(edges[2].start, hw);
  EXPECT_EQ(edges[2].end, nv);
  // Early stop.
  int calls = 0;
  ASSERT_TRUE(r->Expand(nv, Direction::kBoth, {}, [&](const Edge&) { return ++calls < 2; }).ok());
  EXPECT_EQ(calls, 2);
}

TEST_F(StoreTest, SelfLoopIsReportedOncePerDirection) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId p = MustCreate(*t, "Person", "Narcissus");
  RelationId loop = MustRelate(*t, "PRAISES", p, p, {{"stance", 1.0}});
  ASSERT_TRUE(t->Commit().ok());
  auto r = store->BeginRead();
  auto both = ExpandAll(*r, p, Direction::kBoth);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].relation, loop);
  EXPECT_EQ(both[0].other, p);
  EXPECT_TRUE(both[0].outgoing);
  EXPECT_FALSE(both[1].outgoing);
  EXPECT_EQ(ExpandAll(*r, p, Direction::kOutgoing).size(), 1u);
  auto w = store->BeginWrite().value();
  ASSERT_TRUE(w->DeleteEntity(p, true).ok());
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(store->Stats()->relations, 0u);
  EXPECT_TRUE(store->Check()->empty());
}

TEST_F(StoreTest, DeleteWithoutDetachIsRefusedAndDetachRemovesRelations) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId nv = MustCreate(*t, "Company", "NVIDIA", {{"aliases", ValueList{"NVDA"}}});
  EntityId h20 = MustCreate(*t, "Product", "H20");
  RelationId m = MustRelate(*t, "MAKES", nv, h20);
  ASSERT_TRUE(t->Commit().ok());

  auto w = store->BeginWrite().value();
  Status st = w->DeleteEntity(nv, false);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("still has relationships"), std::string::npos) << st.message();
  ASSERT_TRUE(w->DeleteEntity(nv, true).ok());
  EXPECT_EQ(w->GetRelation(m).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(w->Commit().ok());

  auto r = store->BeginRead();
  EXPECT_FALSE(*r->EntityExists(nv));
  EXPECT_TRUE(r->FindByName("nvda").value().empty());
  EXPECT_TRUE(ExpandAll(*r, h20, Direction::kBoth).empty());
  auto stats = store->Stats().value();
  EXPECT_EQ(stats.entities, 1u);
  EXPECT_EQ(stats.relations, 0u);
  EXPECT_EQ(stats.entities_by_label,
            (std::vector<std::pair<std::string, uint64_t>>{{"Product", 1}}));
  EXPECT_TRUE(stats.relations_by_type.empty());
  EXPECT_TRUE(store->Check()->empty());

  auto w2 = store->BeginWrite().value();
  ASSERT_TRUE(w2->DeleteEntity(h20, false).ok());
  EXPECT_EQ(w2->DeleteEntity(h20, false).code(), StatusCode::kNotFound);
  ASSERT_TRUE(w2->Commit().ok());
  EXPECT_EQ(store->Stats()->entities, 0u);
}

TEST_F(StoreTest, OntologyRefusalWritesNothing) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId p = MustCreate(*t, "Person", "Lei Jun");
  EntityId c = MustCreate(*t, "Company", "Xiaomi");
  ASSERT_TRUE(t->Commit().ok());
  auto before = store->Stats().value();

  auto w = store->BeginWrite().value();
  auto bad_kind = w->CreateEntity({"Compnay"}, {{"name", "X"}});
  EXPECT_EQ(bad_kind.status().code(), StatusCode::kSchemaViolation);
  auto no_name = w->CreateEntity({"Company"}, {});
  EXPECT_EQ(no_name.status().code(), StatusCode::kSchemaViolation);
  auto wrong_ends = w->CreateRelation("COMPETES_WITH", p, c, {});
  EXPECT_EQ(wrong_ends.status().code(), StatusCode::kSchemaViolation);
  auto bad_stance = w->CreateRelation("PRAISES", p, c, {{"stance", 1.5}});
  EXPECT_EQ(bad_stance.status().code(), StatusCode::kSchemaViolation);
  auto no_stance_type = w->CreateRelation("LEADS", p, c, {{"stance", 0.5}});
  EXPECT_EQ(no_stance_type.status().code(), StatusCode::kSchemaViolation);
  auto missing_end = w->CreateRelation("LEADS", p, 4242, {});
  EXPECT_EQ(missing_end.status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(w->Commit().ok());

  auto after = store->Stats().value();
  EXPECT_EQ(after.entities, before.entities);
  EXPECT_EQ(after.relations, 0u);
  EXPECT_EQ(after.entities_by_label, before.entities_by_label);
  EXPECT_TRUE(store->BeginRead()->FindByName("x").value().empty());
  EXPECT_TRUE(store->Check()->empty());
}

TEST_F(StoreTest, UpdateEntityReindexesAndRechecksRelations) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId p = MustCreate(*t, "Person", "Lei Jun");
  EntityId c = MustCreate(*t, "Company", "Xiaomi");
  MustRelate(*t, "LEADS", p, c);
  ASSERT_TRUE(t->Commit().ok());

  auto w = store->BeginWrite().value();
  Entity e = w->GetEntity(c).value();
  e.properties["aliases"] = ValueList{"MI"};
  e.properties["name"] = "Xiaomi Corp";
  ASSERT_TRUE(w->UpdateEntity(e).ok());
  Entity as_product = e;
  as_product.labels = {"Product"};  // LEADS cannot end at a Product
  Status st = w->UpdateEntity(as_product);
  EXPECT_EQ(st.code(), StatusCode::kSchemaViolation) << st.ToString();
  ASSERT_TRUE(w->Commit().ok());

  auto r = store->BeginRead();
  EXPECT_EQ(r->FindByName("mi").value(), std::vector<EntityId>{c});
  EXPECT_EQ(r->FindByName("xiaomi corp").value(), std::vector<EntityId>{c});
  EXPECT_TRUE(r->FindByName("xiaomi").value().empty());
  EXPECT_EQ(r->GetEntity(c)->labels, std::vector<std::string>{"Company"});
  EXPECT_TRUE(store->Check()->empty());
}

TEST_F(StoreTest, UpdateRelationKeepsTypeAndEndpoints) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId p = MustCreate(*t, "Person", "Jensen Huang");
  EntityId c = MustCreate(*t, "Company", "Huawei");
  RelationId r = MustRelate(*t, "RESPECTS", p, c, {{"stance", 0.6}});
  Relation rel = t->GetRelation(r).value();
  rel.properties["stance"] = 0.9;
  ASSERT_TRUE(t->UpdateRelation(rel).ok());
  Relation moved = rel;
  moved.end = p;
  EXPECT_EQ(t->UpdateRelation(moved).code(), StatusCode::kInvalidArgument);
  rel.properties["stance"] = -3.0;
  EXPECT_EQ(t->UpdateRelation(rel).code(), StatusCode::kSchemaViolation);
  ASSERT_TRUE(t->Commit().ok());
  EXPECT_DOUBLE_EQ(*store->BeginRead()->GetRelation(r)->stance(), 0.9);
}

TEST_F(StoreTest, DestructionWithoutCommitRollsBack) {
  auto store = CreateAndOpen();
  {
    auto t = store->BeginWrite().value();
    MustCreate(*t, "Company", "Ghost");
  }
  EXPECT_EQ(store->Stats()->entities, 0u);
  EXPECT_TRUE(store->BeginRead()->FindByName("ghost").value().empty());
  auto t = store->BeginWrite().value();  // the lock was released
  MustCreate(*t, "Company", "Real");
  ASSERT_TRUE(t->Commit().ok());
  EXPECT_EQ(store->Stats()->entities, 1u);
  EXPECT_EQ(t->Commit().code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreTest, ReadSnapshotIsIsolatedFromLaterCommit) {
  auto store = CreateAndOpen();
  auto t = store->BeginWrite().value();
  EntityId a = MustCreate(*t, "Company", "A");
  ASSERT_TRUE(t->Commit().ok());
  auto snapshot = store->BeginRead();
  auto w = store->BeginWrite().value();
  EntityId b = MustCreate(*w, "Company", "B");
  ASSERT_TRUE(w->DeleteEntity(a, false).ok());
  EXPECT_FALSE(*snapshot->EntityExists(b));  // uncommitted
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_TRUE(*snapshot->EntityExists(a));
  EXPECT_FALSE(*snapshot->EntityExists(b));
  EXPECT_EQ(snapshot->FindByName("a").value(), std::vector<EntityId>{a});
  auto fresh = store->BeginRead();
  EXPECT_FALSE(*fresh->EntityExists(a));
  EXPECT_TRUE(*fresh->EntityExists(b));
  EXPECT_FALSE(snapshot->writable());
  EXPECT_EQ(snapshot->CreateEntity({"Company"}, {{"name", "x"}}).status().code(),
            StatusCode::kNotSupported);
}

TEST_F(StoreTest, WriteTransactionsAreSerialised) {
  auto store = CreateAndOpen();
  auto first = store->BeginWrite().value();
  MustCreate(*first, "Company", "First");
  std::atomic<bool> second_started{false};
  std::atomic<bool> committed_first{false};
  bool saw_first = false;
  std::thread other([&] {
    auto second = store->BeginWrite().value();
    second_started = true;
    saw_first = committed_first.load();
    // It sees the first transaction's commit.
    saw_first = saw_first && second->FindByName("first").value().size() == 1;
    MustCreate(*second, "Company", "Second");
    EXPECT_TRUE(second->Commit().ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(second_started.load());
  committed_first = true;
  ASSERT_TRUE(first->Commit().ok());
  other.join();
  EXPECT_TRUE(saw_first);
  EXPECT_EQ(store->Stats()->entities, 2u);
}

TEST_F(StoreTest, ReadOnlyOpenRefusesWrites) {
  { CreateAndOpen(); }
  OpenOptions ro;
  ro.read_only = true;
  auto store = Store::Open(path_, ro).value();
  EXPECT_TRUE(store->read_only());
  EXPECT_EQ(store->BeginWrite().status().code(), StatusCode::kNotSupported);
}

TEST_F(StoreTest, OpenOntologyAcceptsAnyLabelsAndTypes) {
  auto store = CreateAndOpen(schema::Ontology::Open());
  auto t = store->BeginWrite().value();
  EntityId a = t->CreateEntity({"A", "B", "A"}, {}).value();
  EntityId b = t->CreateEntity({}, {}).value();
  MustRelate(*t, "T", a, b);
  ASSERT_TRUE(t->Commit().ok());
  auto r = store->BeginRead();
  EXPECT_EQ(r->GetEntity(a)->labels, (std::vector<std::string>{"A", "B"}));
  EXPECT_TRUE(r->GetEntity(b)->labels.empty());
  auto stats = store->Stats().value();
  EXPECT_EQ(stats.entities_by_label,
            (std::vector<std::pair<std::string, uint64_t>>{{"A", 1}, {"B", 1}}));
  EXPECT_TRUE(store->Check()->empty());
}

}  // namespace
}  // namespace kg::storage
