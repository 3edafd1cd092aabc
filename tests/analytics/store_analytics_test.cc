// Analytics over a real store: building filtered views (labels, types,
// as-of), whole analyses as tables, and all-or-nothing write-back.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "analytics/analytics.h"

namespace kg::analytics {
namespace {

namespace fs = std::filesystem;

class StoreAnalyticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_analytics_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "db").string();
    ASSERT_TRUE(storage::Store::Create(path_, schema::Ontology::Builtin()).ok());
    auto store = storage::Store::Open(path_, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    Populate();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  // Jensen -LEADS-> NVIDIA -MAKES-> H20; NVIDIA -COMPETES_WITH- Huawei;
  // Xiaomi -COMPETES_WITH- Huawei; US -RESTRICTS-> H20 (2025-04-01..07-14);
  // US -APPROVES-> H20 (from 2025-07-15); Jensen -PRAISES-> Xiaomi (stance
  // 0.9, confidence 0.5); AMD alone.
  void Populate() {
    auto txn = store_->BeginWrite();
    ASSERT_TRUE(txn.ok());
    storage::Transaction& t = **txn;
    jensen_ = Create(t, "Person", "Jensen Huang");
    nvidia_ = Create(t, "Company", "NVIDIA");
    huawei_ = Create(t, "Company", "Huawei");
    xiaomi_ = Create(t, "Company", "Xiaomi");
    amd_ = Create(t, "Company", "AMD");
    h20_ = Create(t, "Product", "H20");
    us_ = Create(t, "Country", "United States");
    Relate(t, "LEADS", jensen_, nvidia_, {});
    Relate(t, "MAKES", nvidia_, h20_, {});
    Relate(t, "COMPETES_WITH", nvidia_, huawei_, {});
    Relate(t, "COMPETES_WITH", xiaomi_, huawei_, {});
    restricts_ = Relate(t, "RESTRICTS", us_, h20_,
                        {{"valid_from", Date::Parse("2025-04-01").value()},
                         {"valid_to", Date::Parse("2025-07-14").value()}});
    approves_ =
        Relate(t, "APPROVES", us_, h20_, {{"valid_from", Date::Parse("2025-07-15").value()}});
    praises_ = Relate(t, "PRAISES", jensen_, xiaomi_, {{"stance", 0.9}, {"confidence", 0.5}});
    ASSERT_TRUE(t.Commit().ok());
  }

  static EntityId Create(storage::Transaction& t, const std::string& label,
                         const std::string& name) {
    auto id = t.CreateEntity({label}, {{"name", name}});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  static RelationId Relate(storage::Transaction& t, const std::string& type, EntityId a, EntityId b,
                           PropertyMap props) {
    auto id = t.CreateRelation(type, a, b, std::move(props));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  GraphView View(const GraphFilter& filter, EdgeWeight weight = EdgeWeight::kHops) {
    auto txn = store_->BeginRead();
    Result<GraphView> view = GraphView::Build(*txn, store_->ontology(), filter, weight);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return std::move(view).value();
  }

  const Value* Property(EntityId id, const std::string& key) {
    auto txn = store_->BeginRead();
    Result<Entity> e = txn->GetEntity(id);
    EXPECT_TRUE(e.ok());
    if (!e.ok()) return nullptr;
    last_ = *e;
    return last_.Find(key);
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<storage::Store> store_;
  Entity last_;
  EntityId jensen_ = 0, nvidia_ = 0, huawei_ = 0, xiaomi_ = 0, amd_ = 0, h20_ = 0, us_ = 0;
  RelationId restricts_ = 0, approves_ = 0, praises_ = 0;
};

TEST_F(StoreAnalyticsTest, WholeGraphViewDoublesSymmetricRelations) {
  GraphView view = View({});
  EXPECT_EQ(view.num_nodes(), 7u);
  EXPECT_EQ(view.num_arcs(), 9u);  // 7 relations + mirrors of 2 COMPETES_WITH
}

TEST_F(StoreAnalyticsTest, LabelFilterKeepsOnlyRelationsBetweenKeptNodes) {
  GraphView view = View({{"Company"}, {}, {}});
  EXPECT_EQ(view.num_nodes(), 4u);
  EXPECT_EQ(view.num_arcs(), 4u);
  EXPECT_FALSE(view.vertex(jensen_).has_value());
  GraphView two = View({{"Company", "Person"}, {}, {}});
  EXPECT_EQ(two.num_nodes(), 5u);
  EXPECT_EQ(two.num_arcs(), 6u);  // + LEADS + PRAISES
}

TEST_F(StoreAnalyticsTest, UnknownLabelOrTypeIsRefusedListingKnownNames) {
  auto txn = store_->BeginRead();
  Result<GraphView> view = GraphView::Build(*txn, store_->ontology(), {{"Persn"}, {}, {}});
  ASSERT_EQ(view.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(view.status().message().find("labels: unknown label 'Persn'; known: Company"),
            std::string::npos)
      << view.status().ToString();
  view = GraphView::Build(*txn, store_->ontology(), {{}, {"MAKES", "RESPECT"}, {}});
  ASSERT_EQ(view.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(view.status().message().find("types: unknown relation type 'RESPECT'; known: "),
            std::string::npos);
  EXPECT_NE(view.status().message().find("RESPECTS"), std::string::npos);
  // With an open ontology unknown names are legal and simply match nothing.
  const schema::Ontology open = schema::Ontology::Open();
  view = GraphView::Build(*txn, open, {{"NoSuchKind"}, {"NO_SUCH_TYPE"}, {}});
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->num_nodes(), 0u);
  EXPECT_TRUE(CheckTypes(open, {"ANYTHING"}).ok());
}

TEST_F(StoreAnalyticsTest, TypeListedTwiceCountsOnce) {
  GraphView once = View({{}, {"COMPETES_WITH", "MAKES"}, {}});
  GraphView twice = View({{}, {"COMPETES_WITH", "MAKES", "COMPETES_WITH", "MAKES"}, {}});
  EXPECT_EQ(once.num_arcs(), 5u);  // 2 symmetric relations (4 arcs) + MAKES
  EXPECT_EQ(twice.num_arcs(), once.num_arcs());
  EXPECT_EQ(Degree(twice, DegreeDirection::kBoth)[*twice.vertex(huawei_)], 2.0);
  // Labels listed twice were already deduplicated; still one node each.
  EXPECT_EQ(View({{"Company", "Company"}, {}, {}}).num_nodes(), 4u);
}

TEST_F(StoreAnalyticsTest, DegreeCountsEachRelationOnceByStoredDirection) {
  GraphView view = View({});
  const uint32_t n = *view.vertex(nvidia_), h = *view.vertex(huawei_), x = *view.vertex(xiaomi_);
  // NVIDIA: LEADS in, MAKES out, COMPETES_WITH (stored NVIDIA -> Huawei) out.
  EXPECT_EQ(Degree(view, DegreeDirection::kBoth)[n], 3.0);
  EXPECT_EQ(Degree(view, DegreeDirection::kOut)[n], 2.0);
  EXPECT_EQ(Degree(view, DegreeDirection::kIn)[n], 1.0);
  // Huawei: two symmetric relations, both stored as ending at Huawei.
  EXPECT_EQ(Degree(view, DegreeDirection::kBoth)[h], 2.0);
  EXPECT_EQ(Degree(view, DegreeDirection::kIn)[h], 2.0);
  EXPECT_EQ(Degree(view, DegreeDirection::kOut)[h], 0.0);
  // Xiaomi: COMPETES_WITH out (stored Xiaomi -> Huawei), PRAISES in.
  EXPECT_EQ(Degree(view, DegreeDirection::kBoth)[x], 2.0);
  EXPECT_EQ(Degree(view, DegreeDirection::kOut)[x], 1.0);
  // Every relation adds exactly 2 to the sum of the `both` degrees.
  double sum = 0;
  for (double d : Degree(view, DegreeDirection::kBoth)) sum += d;
  EXPECT_EQ(sum, 14.0);  // 7 relations
}

TEST_F(StoreAnalyticsTest, TypeFilter) {
  GraphView view = View({{}, {"RESTRICTS", "MAKES"}, {}});
  EXPECT_EQ(view.num_nodes(), 7u);
  EXPECT_EQ(view.num_arcs(), 2u);
  EXPECT_EQ(Degree(view, DegreeDirection::kIn)[*view.vertex(h20_)], 2.0);
}

TEST_F(StoreAnalyticsTest, AsOfKeepsOnlyRelationsValidThatDay) {
  auto in_degree_of_h20 = [&](const char* day) {
    RelationFilter valid;
    valid.valid_at = Date::Parse(day).value();
    GraphView view = View({{}, {"RESTRICTS", "APPROVES"}, valid});
    return view.num_arcs();
  };
  EXPECT_EQ(in_degree_of_h20("2025-03-31"), 0u);
  EXPECT_EQ(in_degree_of_h20("2025-05-01"), 1u);  // banned
  EXPECT_EQ(in_degree_of_h20("2025-07-15"), 1u);  // approved
  // Relations without validity are valid on every day.
  RelationFilter long_ago;
  long_ago.valid_at = Date::Parse("2000-01-01").value();
  GraphView all = View({{}, {}, long_ago});
  EXPECT_EQ(all.num_arcs(), 7u);
}

TEST_F(StoreAnalyticsTest, ConfidenceAndStanceWeightsComeFromRelationRecords) {
  // By hops the PRAISES link is the shortest way from Jensen to Xiaomi.
  auto path = ShortestPath(View({}), jensen_, xiaomi_);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  ASSERT_EQ(path->size(), 2u);
  EXPECT_EQ(path->back().via, praises_);
  // By confidence it costs 1 - 0.5 + 0.001, while LEADS, COMPETES_WITH,
  // COMPETES_WITH (no confidence = certain) cost 3 * 0.001.
  path = ShortestPath(View({}, EdgeWeight::kConfidence), jensen_, xiaomi_);
  ASSERT_TRUE(path.ok());
  ASSERT_EQ(path->size(), 4u);
  EXPECT_EQ((*path)[1].node, nvidia_);
  EXPECT_NEAR(path->back().distance, 0.003, 1e-12);
  // By stance the opinion is short (1/0.91), stance-less links cost 1/0.01.
  path = ShortestPath(View({}, EdgeWeight::kStance), jensen_, xiaomi_);
  ASSERT_TRUE(path.ok());
  ASSERT_EQ(path->size(), 2u);
  EXPECT_NEAR(path->back().distance, 1.0 / 0.91, 1e-12);
}

TEST_F(StoreAnalyticsTest, ComponentsTableOfCompanies) {
  auto txn = store_->BeginRead();
  AnalysisOptions options;
  options.filter.labels = {"Company"};
  auto scores = Analyze(*txn, store_->ontology(), Algorithm::kComponents, options);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  ASSERT_EQ(scores->size(), 4u);
  EXPECT_EQ(scores->back().node, amd_);
  EXPECT_EQ(scores->back().score, 1.0);
  auto table = ScoresToTable(*txn, Algorithm::kComponents, *scores, 0);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->columns, (std::vector<std::string>{"node", "name", "component"}));
  EXPECT_EQ(table->rows[0][1], Value("NVIDIA"));
  EXPECT_EQ(table->rows[0][2], Value(int64_t{0}));
  EXPECT_TRUE(table->rows[0][0].is_node());
  EXPECT_EQ(table->rows[3][2], Value(int64_t{1}));
}

TEST_F(StoreAnalyticsTest, PageRankTopRowsAreBestFirst) {
  auto txn = store_->BeginRead();
  auto scores = Analyze(*txn, store_->ontology(), Algorithm::kPageRank, {});
  ASSERT_TRUE(scores.ok());
  // Huawei is the rival of both NVIDIA and Xiaomi (symmetric: rank flows both ways).
  EXPECT_EQ(scores->front().node, huawei_);
  for (size_t i = 1; i < scores->size(); ++i) EXPECT_GE((*scores)[i - 1].score, (*scores)[i].score);
  auto table = ScoresToTable(*txn, Algorithm::kPageRank, *scores, 2);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][1], Value("Huawei"));
  EXPECT_EQ(table->rows[1][0].as_node().id, (*scores)[1].node);
  auto by_id = ScoresById(*txn, store_->ontology(), Algorithm::kPageRank, {});
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->size(), 7u);
  for (const NodeScore& s : *scores) EXPECT_DOUBLE_EQ(by_id->at(s.node), s.score);
}

TEST_F(StoreAnalyticsTest, WriteBackStoresEveryScoreInOneCommit) {
  auto written = AnalyzeAndWrite(*store_, Algorithm::kPageRank, {}, "pagerank");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(*written, 7u);
  double sum = 0;
  for (EntityId id : {jensen_, nvidia_, huawei_, xiaomi_, amd_, h20_, us_}) {
    const Value* v = Property(id, "pagerank");
    ASSERT_NE(v, nullptr);
    ASSERT_TRUE(v->is_double());
    sum += v->as_double();
  }
  EXPECT_NEAR(sum, 1.0, 1e-12);
  ASSERT_TRUE(AnalyzeAndWrite(*store_, Algorithm::kCommunities, {}, "community").ok());
  EXPECT_TRUE(Property(amd_, "community")->is_int());
}

TEST_F(StoreAnalyticsTest, FailedWriteBackLeavesNothingWritten) {
  {
    auto txn = store_->BeginWrite();
    ASSERT_TRUE(txn.ok());
    // The last node does not exist: the earlier updates must not land.
    std::vector<NodeScore> scores = {{nvidia_, 0.5}, {huawei_, 0.25}, {999999, 0.25}};
    Status st = WriteScores(**txn, "rank", Algorithm::kPageRank, scores);
    EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
  }  // abandoned without Commit
  EXPECT_EQ(Property(nvidia_, "rank"), nullptr);
  EXPECT_EQ(Property(huawei_, "rank"), nullptr);
  // Reserved names are refused before anything is touched.
  auto refused = AnalyzeAndWrite(*store_, Algorithm::kDegree, {}, "name");
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*Property(nvidia_, "name"), Value("NVIDIA"));
  EXPECT_EQ(AnalyzeAndWrite(*store_, Algorithm::kDegree, {}, "").status().code(),
            StatusCode::kInvalidArgument);
  // Names starting with '_' would collide with the JSON contract's _id, _labels.
  for (const char* reserved : {"_id", "_labels", "_score"}) {
    auto txn = store_->BeginWrite();
    ASSERT_TRUE(txn.ok());
    Status st = WriteScores(**txn, reserved, Algorithm::kDegree, {{nvidia_, 3.0}});
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << reserved;
    EXPECT_NE(st.message().find("reserved"), std::string::npos) << st.ToString();
    EXPECT_FALSE(CheckScoreProperty(reserved).ok());
  }
  EXPECT_EQ(Property(nvidia_, "_id"), nullptr);
  EXPECT_TRUE(CheckScoreProperty("score_").ok());
}

TEST_F(StoreAnalyticsTest, WriteBackOnReadOnlyStoreIsRefused) {
  store_.reset();
  auto ro = storage::Store::Open(path_, {true});
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  auto written = AnalyzeAndWrite(**ro, Algorithm::kPageRank, {}, "pagerank");
  EXPECT_EQ(written.status().code(), StatusCode::kNotSupported);
}

}  // namespace
}  // namespace kg::analytics
