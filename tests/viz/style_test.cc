// The kind -> node style and stance -> edge style tables.
#include "viz/internal/style.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/viz/sample_graph.h"

namespace kg::viz::internal {
namespace {

using viz::testing::D;
using viz::testing::MakeEntity;
using viz::testing::MakeRelation;

TEST(StyleTest, EveryBuiltinKindHasItsOwnShapeOrFill) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (std::string_view kind : {"Company", "Product", "Person", "Technology", "AIModel",
                                "Organization", "Country", "Event"}) {
    const NodeStyle& s = StyleForKind(kind);
    EXPECT_EQ(s.kind, kind);
    EXPECT_NE(s.style.find("filled"), std::string_view::npos);
    EXPECT_TRUE(seen.insert({s.shape, s.fill}).second) << kind << " looks like another kind";
  }
  size_t count = 0;
  StyledKinds(&count);
  EXPECT_EQ(count, 8u);
}

TEST(StyleTest, KindMappingMatchesTheDocumentedTable) {
  EXPECT_EQ(StyleForKind("Company").shape, "box");
  EXPECT_EQ(StyleForKind("Company").style, "rounded,filled");
  EXPECT_EQ(StyleForKind("Company").border, "#0072B2");
  EXPECT_EQ(StyleForKind("Person").shape, "ellipse");
  EXPECT_EQ(StyleForKind("Person").border, "#CC79A7");
  EXPECT_EQ(StyleForKind("Product").shape, "hexagon");
  EXPECT_EQ(StyleForKind("Country").peripheries, 2);
  EXPECT_EQ(StyleForKind("Event").shape, "parallelogram");
}

TEST(StyleTest, UnknownKindsGetTheNeutralDefault) {
  EXPECT_EQ(&StyleForKind("Widget"), &DefaultNodeStyle());
  EXPECT_EQ(&StyleForKind("company"), &DefaultNodeStyle()) << "kinds are case-sensitive";
  EXPECT_EQ(DefaultNodeStyle().fill, "#FFFFFF");
  Entity multi = MakeEntity(1, "Thing", "x");
  multi.labels.push_back("Person");
  EXPECT_EQ(StyleForEntity(multi).kind, "Person") << "first label with a style wins";
  EXPECT_EQ(&StyleForEntity(MakeEntity(2, "", "x")), &DefaultNodeStyle());
}

TEST(StyleTest, FamiliesSayWhatARelationMeans) {
  EXPECT_EQ(FamilyFor("RESTRICTS", std::nullopt), Family::kNegative);
  EXPECT_EQ(FamilyFor("APPROVES", std::nullopt), Family::kPositive);
  EXPECT_EQ(FamilyFor("COMPETES_WITH", std::nullopt), Family::kCompetitive);
  EXPECT_EQ(FamilyFor("SUPPLIES", std::nullopt), Family::kSupply);
  EXPECT_EQ(FamilyFor("MAKES", std::nullopt), Family::kSupply);
  EXPECT_EQ(FamilyFor("LEADS", std::nullopt), Family::kOwnership);
  EXPECT_EQ(FamilyFor("INVESTS_IN", std::nullopt), Family::kOwnership);
  EXPECT_EQ(FamilyFor("BASED_IN", std::nullopt), Family::kFactual);
  EXPECT_EQ(FamilyFor("SOMETHING_NEW", std::nullopt), Family::kFactual);
  EXPECT_EQ(FamilyFor("PRAISES", -0.3), Family::kNegative) << "the stance's sign decides";
  EXPECT_EQ(FamilyFor("CRITICIZES", 0.4), Family::kPositive);
  EXPECT_EQ(FamilyFor("RESPECTS", 0.0), Family::kFactual) << "stance 0 is neither";
  EXPECT_EQ(ColorForFamily(Family::kNegative), "#D55E00");
  EXPECT_EQ(ColorForFamily(Family::kPositive), "#009E73");
  EXPECT_EQ(ColorForFamily(Family::kFactual), "#6E6E6E");
  std::set<std::string_view> colours;
  for (Family f : {Family::kNegative, Family::kPositive, Family::kCompetitive, Family::kSupply,
                   Family::kOwnership, Family::kFactual}) {
    colours.insert(ColorForFamily(f));
  }
  EXPECT_EQ(colours.size(), 6u) << "every family has a colour of its own";
}

TEST(StyleTest, PenWidthCountsQuotes) {
  EXPECT_DOUBLE_EQ(QuotePenWidth(0), 1.0);
  EXPECT_DOUBLE_EQ(QuotePenWidth(1), 1.0);
  EXPECT_DOUBLE_EQ(QuotePenWidth(2), 1.8);
  EXPECT_DOUBLE_EQ(QuotePenWidth(4), 3.4);
  EXPECT_DOUBLE_EQ(QuotePenWidth(100), kMaxPenWidth) << "capped";
}

TEST(StyleTest, RelationsOutsideTheirValidityAreDashed) {
  Relation r = MakeRelation(1, "RESTRICTS", 1, 2,
                            {{"valid_from", Value(D("2025-04-09"))},
                             {"valid_to", Value(D("2025-07-14"))},
                             {"stance", Value(-0.4)}});
  EXPECT_FALSE(StyleForRelation(r, false, std::nullopt).dashed);
  EXPECT_FALSE(StyleForRelation(r, false, D("2025-05-01")).dashed);
  EXPECT_TRUE(StyleForRelation(r, false, D("2025-07-16")).dashed);
  EXPECT_TRUE(StyleForRelation(r, false, D("2025-01-01")).dashed);
  EdgeStyle s = StyleForRelation(r, true, std::nullopt);
  EXPECT_TRUE(s.symmetric);
  EXPECT_EQ(s.family, Family::kNegative);
  EXPECT_EQ(s.color, "#D55E00");
}

}  // namespace
}  // namespace kg::viz::internal
