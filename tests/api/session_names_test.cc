// Names a user types, through the session layer so every front agrees:
// relation types and labels in any case (unknown ones refused with the known
// list), "did you mean" for entity names that match nothing, and a token
// that is presented but wrong refused even on a read.
#include <map>

#include "tests/api/session_test_util.h"

namespace kg::session {
namespace {

class SessionNamesTest : public testing::SessionDbTest {
 protected:
  SessionNamesTest()
      : SessionDbTest(
            "CREATE (n:Company {name: 'NVIDIA'})-[:COMPETES_WITH]->(:Company {name: 'Huawei'}), "
            "(n)-[:PARTNERS_WITH]->(:Company {name: 'Xiaomi'}), "
            "(:Person {name: 'Jensen Huang'})-[:LEADS]->(n)") {}
  DrawRequest Dot() {
    DrawRequest request;
    request.render.format = viz::Format::kDot;
    return request;
  }
};

TEST_F(SessionNamesTest, EgoTakesTypesInAnyCaseAndRefusesUnknownOnesWithTheList) {
  EgoRequest ego;
  ego.name = "nvidia";
  ego.types = {"partners_with"};
  auto drawn = db_->RenderEgo(ego, Dot());
  ASSERT_TRUE(drawn.ok()) << drawn.status().ToString();
  ASSERT_EQ(drawn->graph.relations.size(), 1u);
  EXPECT_EQ(drawn->graph.relations[0].type, "PARTNERS_WITH");
  ego.types = {"partnerz_with"};
  Status bad = db_->RenderEgo(ego, Dot()).status();
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << bad.message();
  EXPECT_NE(bad.message().find("COMPETES_WITH"), std::string::npos) << bad.message();
  EXPECT_NE(bad.message().find("did you mean 'PARTNERS_WITH'?"), std::string::npos)
      << bad.message();
}

TEST_F(SessionNamesTest, EgoBoundsAreCheckedForEveryFront) {
  EgoRequest ego;
  ego.name = "NVIDIA";
  ego.depth = 11;
  EXPECT_NE(db_->RenderEgo(ego, Dot()).status().message().find("depth must be between 0 and 10"),
            std::string::npos);
  ego.depth = 1;
  ego.max_nodes = 0;
  EXPECT_EQ(db_->RenderEgo(ego, Dot()).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SessionNamesTest, AnalyzeTakesLabelsAndTypesInAnyCase) {
  AnalyzeRequest request;
  request.algorithm = analytics::Algorithm::kDegree;
  request.options.filter.labels = {"company"};
  request.options.filter.types = {"Partners_With"};
  auto result = db_->Analyze(request);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  // NVIDIA and Xiaomi have one PARTNERS_WITH each; Huawei none; Jensen is no Company.
  std::map<std::string, double> degree;
  for (const auto& row : result->table.rows) degree[row[1].as_string()] = row[2].as_number();
  EXPECT_EQ(degree["NVIDIA"], 1);
  EXPECT_EQ(degree["Xiaomi"], 1);
  EXPECT_FALSE(degree.contains("Jensen Huang"));
  analytics::GraphFilter checked = request.options.filter;
  EXPECT_TRUE(db_->CanonicalFilter(&checked, "--").ok());
  EXPECT_EQ(checked.types, std::vector<std::string>{"PARTNERS_WITH"});

  request.options.filter.types = {"partnerz_with"};
  Status type = db_->Analyze(request).status();
  EXPECT_NE(type.message().find("types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << type.message();
  request.options.filter.types.clear();
  request.options.filter.labels = {"Compnay"};
  Status label = db_->Analyze(request).status();
  EXPECT_NE(label.message().find("labels: unknown label 'Compnay'; known: "), std::string::npos)
      << label.message();
  EXPECT_NE(label.message().find("did you mean 'Company'?"), std::string::npos) << label.message();
  checked = request.options.filter;
  EXPECT_NE(db_->CanonicalFilter(&checked, "--").message().find("--labels: unknown label"),
            std::string::npos);
}

TEST_F(SessionNamesTest, CanonicalLabelsUseTheOntologysSpelling) {
  std::vector<std::string> labels = {"PERSON", "company"};
  ASSERT_TRUE(db_->CanonicalLabels(&labels).ok());
  EXPECT_EQ(labels, (std::vector<std::string>{"Person", "Company"}));
}

TEST_F(SessionNamesTest, UnknownNamesGetDidYouMean) {
  EXPECT_EQ(db_->NoSuchEntity("Nvidea").message(),
            "no entity is named or aliased 'Nvidea'; did you mean 'NVIDIA'?");
  EXPECT_EQ(db_->NoSuchEntity("Qwertyuiop").message(),
            "no entity is named or aliased 'Qwertyuiop'");
  EgoRequest ego;
  ego.name = "Xiomi";
  Status ego_status = db_->RenderEgo(ego, Dot()).status();
  EXPECT_EQ(ego_status.code(), StatusCode::kNotFound);
  EXPECT_NE(ego_status.message().find("did you mean 'Xiaomi'?"), std::string::npos)
      << ego_status.message();
  AnalyzeRequest path;
  path.from = "NVIDIA";
  path.to = "Jensen Haung";
  Status to = db_->Analyze(path).status();
  EXPECT_EQ(to.code(), StatusCode::kNotFound);
  EXPECT_EQ(to.message(),
            "--to: no entity is named or aliased 'Jensen Haung'; did you mean 'Jensen Huang'?");
}

TEST_F(SessionNamesTest, AWrongTokenIsRefusedEvenOnAReadThatNeedsNone) {
  AccessPolicy policy;
  policy.enforce = true;
  policy.token = "s3cret";
  db_->set_access_policy(policy);
  CallOptions wrong;
  wrong.token = "guess";
  auto read = db_->Run("RETURN 1", wrong);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().error_class(), "Unauthorized");
  EXPECT_EQ(db_->Authorize("guess", /*write=*/false).error_class(), "Unauthorized");
  EXPECT_TRUE(db_->Authorize("", /*write=*/false).ok()) << "no token: reads need none";
  EXPECT_TRUE(db_->Authorize("s3cret", /*write=*/false).ok());
  // With no token configured there is nothing to compare with: reads pass.
  policy.token.clear();
  db_->set_access_policy(policy);
  EXPECT_TRUE(db_->Authorize("anything", /*write=*/false).ok());
  EXPECT_EQ(db_->Authorize("anything", /*write=*/true).error_class(), "Forbidden");
}

}  // namespace
}  // namespace kg::session
