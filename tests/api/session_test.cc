// The session layer (api/session.h): the plan cache, the token rule, write
// checks, options the engine cannot honour, cursors, lookups and diagrams —
// the rules every front (CLI, HTTP, RPC, the library) now shares.
#include <filesystem>

#include "tests/api/session_test_util.h"

namespace kg::session {
namespace {

class SessionTest : public testing::SessionDbTest {
 protected:
  SessionTest()
      : SessionDbTest(
            "CREATE (n:Company {name: 'NVIDIA'})-[:COMPETES_WITH]->(:Company {name: 'Huawei'}), "
            "(:Person {name: 'Jensen Huang'})-[:LEADS]->(n)") {}
  // The server's rule: writes need `token`; reads too with auth_reads.
  void EnforceToken(std::string token, bool auth_reads) {
    AccessPolicy policy;
    policy.enforce = true;
    policy.token = std::move(token);
    policy.auth_reads = auth_reads;
    db_->set_access_policy(policy);
  }
  CallOptions WithToken(std::string token) {
    CallOptions options;
    options.token = std::move(token);
    return options;
  }
};

TEST_F(SessionTest, PlansAreCachedByTextAndReusedWithNewParameters) {
  size_t before = db_->cached_plans();
  CallOptions options;
  options.parameters = {{"n", Value("NVIDIA")}};
  const char* text = "MATCH (c {name: $n}) RETURN c.name";
  ASSERT_TRUE(db_->Run(text, options).ok());
  EXPECT_EQ(db_->cached_plans(), before + 1);
  options.parameters = {{"n", Value("Huawei")}};
  auto again = db_->Run(text, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(db_->cached_plans(), before + 1);
  EXPECT_EQ(again->table.rows[0][0].as_string(), "Huawei");
}

TEST_F(SessionTest, ACachedPlanKeepsItsErrorPositionPerSourceName) {
  CallOptions options;
  options.source_name = "q.cypher";
  auto bad = db_->Run("RETURN (", options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().error_class(), "SyntaxError");
  EXPECT_EQ(bad.status().position().file, "q.cypher");
  EXPECT_EQ(bad.status().position().line, 1);
}

TEST_F(SessionTest, TokenRuleRefusesWritesWithoutTheToken) {
  EnforceToken("s3cret", /*auth_reads=*/false);
  const char* write = "CREATE (:Company {name: 'New'})";
  auto none = db_->Run(write, WithToken(""));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().error_class(), "Unauthorized");
  auto wrong = db_->Run(write, WithToken("guess"));
  EXPECT_EQ(wrong.status().error_class(), "Unauthorized");
  EXPECT_EQ(Companies(), 2);
  ASSERT_TRUE(db_->Run(write, WithToken("s3cret")).ok());
  EXPECT_EQ(Companies(), 3);
  // Reads need no token without auth_reads.
  EXPECT_TRUE(db_->Run("RETURN 1", WithToken("")).ok());
}

TEST_F(SessionTest, AuthReadsAndNoConfiguredToken) {
  EnforceToken("s3cret", /*auth_reads=*/true);
  EXPECT_EQ(db_->Run("RETURN 1", WithToken("")).status().error_class(), "Unauthorized");
  EXPECT_TRUE(db_->Run("RETURN 1", WithToken("s3cret")).ok());
  EnforceToken("", /*auth_reads=*/false);
  auto refused = db_->Run("CREATE (:Company {name: 'New'})", WithToken(""));
  EXPECT_EQ(refused.status().error_class(), "Forbidden");
  EXPECT_EQ(Companies(), 2);
}

TEST_F(SessionTest, ReadOnlyCallRefusesWritesBeforeRunning) {
  CallOptions options;
  options.read_only = true;
  options.read_only_reason = "no writes here";
  auto r = db_->Run("CREATE (:Company {name: 'New'})", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "no writes here");
  EXPECT_EQ(Companies(), 2);
}

TEST_F(SessionTest, InspectNeedsNoDatabase) {
  auto write = Session::Inspect("CREATE (n) RETURN n", {});
  ASSERT_TRUE(write.ok());
  EXPECT_TRUE(write->writes);
  auto read = Session::Inspect("CALL kg.pagerank() YIELD node RETURN node", {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_FALSE(read->writes);
  EXPECT_FALSE(Session::Inspect("MATCH (", {}).ok());
}

TEST_F(SessionTest, CursorHandsOutEveryRowOnce) {
  auto cursor = db_->Stream("UNWIND range(1, 3) AS i RETURN i", {});
  ASSERT_TRUE(cursor.ok());
  EXPECT_EQ((*cursor)->remaining(), 3u);
  std::vector<Value> row;
  int64_t sum = 0;
  while ((*cursor)->Next(&row)) sum += row[0].as_int();
  EXPECT_EQ(sum, 6);
  EXPECT_EQ((*cursor)->remaining(), 0u);
  EXPECT_FALSE((*cursor)->Next(&row));
}

TEST_F(SessionTest, LookupGroupsRelationsAndHonoursLimits) {
  auto found = db_->Lookup("nvidia", {});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const EntityView& v = (*found)[0];
  EXPECT_EQ(v.entity.name(), "NVIDIA");
  ASSERT_EQ(v.relations.size(), 2u);
  EXPECT_EQ(v.relations[0].relation.type, "COMPETES_WITH");  // types by name
  EXPECT_EQ(v.relations[1].relation.type, "LEADS");
  EXPECT_FALSE(v.relations[1].outgoing);
  LookupLimits one;
  one.max_relations = 1;
  auto capped = db_->Lookup("NVIDIA", one);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ((*capped)[0].relations.size(), 1u);
  EXPECT_EQ((*capped)[0].type_counts.size(), 2u);  // counts still cover every type
  auto none = db_->Lookup("Nvidea", {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(SessionTest, CanonicalTypesAcceptAnyCaseAndListTheKnownOnes) {
  std::vector<std::string> types = {"competes_with"};
  ASSERT_TRUE(db_->CanonicalTypes(&types).ok());
  EXPECT_EQ(types[0], "COMPETES_WITH");
  std::vector<std::string> bad = {"RIVALS"};
  Status s = db_->CanonicalTypes(&bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("PARTNERS_WITH"), std::string::npos) << s.message();
  EXPECT_TRUE(db_->SymmetricTypes().contains("COMPETES_WITH"));
}

TEST_F(SessionTest, RenderDrawsReadsAndRefusesWrites) {
  DrawRequest request;
  request.render.format = viz::Format::kDot;
  auto drawn = db_->Render("MATCH p = (:Person)-[:LEADS]->() RETURN p", {}, request);
  ASSERT_TRUE(drawn.ok()) << drawn.status().ToString();
  EXPECT_NE(drawn->rendering.data.find("Jensen Huang"), std::string::npos);
  auto nothing = db_->Render("RETURN 1", {}, request);
  EXPECT_NE(nothing.status().message().find("nothing to draw"), std::string::npos);
  auto write = db_->Render("CREATE (c:Company {name: 'X'}) RETURN c", {}, request);
  EXPECT_EQ(write.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Companies(), 2);
}

TEST_F(SessionTest, EgoOfAnUnknownNameIsNotFound) {
  DrawRequest request;
  request.render.format = viz::Format::kDot;
  EgoRequest ego;
  ego.name = "Nobody";
  EXPECT_EQ(db_->RenderEgo(ego, request).status().code(), StatusCode::kNotFound);
  ego.name = "NVIDIA";
  auto drawn = db_->RenderEgo(ego, request);
  ASSERT_TRUE(drawn.ok()) << drawn.status().ToString();
  EXPECT_EQ(drawn->graph.nodes.size(), 3u);
}

// The topology cache's budget passes through Session::Open to the store
// (unset: the store's default) and comes back in GetStats; queries answer
// the same with the cache off.
TEST_F(SessionTest, TopologyCacheBudgetReachesTheStoreAndItsStats) {
  auto defaults = db_->GetStats();
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  EXPECT_EQ(defaults->topology_budget_bytes, uint64_t{1} << 30);
  EXPECT_GT(defaults->topology_estimate_bytes, 0u);
  db_.reset();
  for (size_t budget : {size_t{0}, size_t{4096}}) {
    OpenOptions options;
    options.topology_cache_bytes = budget;
    auto db = Session::Open(dir_ + "/db", options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto stats = (*db)->GetStats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->topology_budget_bytes, budget);
    EXPECT_EQ(stats->topology_estimate_bytes, defaults->topology_estimate_bytes);
    auto r = (*db)->Run("MATCH (:Company {name: 'NVIDIA'})-[:COMPETES_WITH]-(b) RETURN b.name", {});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->table.rows.size(), 1u);
  }
}

TEST(ParseParamSpecsTest, StrictJsonValuesAndNames) {
  auto ok = ParseParamSpecs({"ids=[1,2]", "name=\"NVIDIA\""});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->at("name").as_string(), "NVIDIA");
  EXPECT_FALSE(ParseParamSpecs({"n=Alice"}).ok());
  EXPECT_FALSE(ParseParamSpecs({"1x=1"}).ok());
  EXPECT_FALSE(ParseParamsJson("[1]").ok());
  EXPECT_FALSE(ParseDay("2025-13-01", "--as-of").ok());
  // Any precision: a month means some day of it (docs/temporal.md).
  for (const char* s : {"2025-04-16", "2025-W28", "2025-04", "2025"}) {
    auto day = ParseDay(s, "--as-of");
    ASSERT_TRUE(day.ok() && day->has_value()) << s;
    EXPECT_EQ((*day)->ToString(), s);
  }
  EXPECT_TRUE(ParseDay("", "--as-of")->has_value() == false);
  EXPECT_EQ(ParseDay("2025-13", "--valid-at").status().message(),
            "--valid-at: invalid date '2025-13', expected YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY");
  EXPECT_EQ(SplitNames(" COMPETES_WITH,, partners_with ,"),
            (std::vector<std::string>{"COMPETES_WITH", "partners_with"}));
  EXPECT_TRUE(SplitNames(" , ").empty());
}

}  // namespace
}  // namespace kg::session
