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

TEST(StyleTest, StanceMapsToColourblindSafeColours) {
  EXPECT_EQ(ToneForStance(0.7), Tone::kPositive);
  EXPECT_EQ(ToneForStance(-0.1), Tone::kNegative);
  EXPECT_EQ(ToneForStance(0.0), Tone::kNeutral);
  EXPECT_EQ(ToneForStance(std::nullopt), Tone::kFactual);
  EXPECT_EQ(ColorForTone(Tone::kPositive), "#009E73");
  EXPECT_EQ(ColorForTone(Tone::kNegative), "#D55E00");
  EXPECT_EQ(ColorForTone(Tone::kFactual), "#6E6E6E");
}

TEST(StyleTest, PenWidthGrowsWithStanceOrConfidence) {
  EXPECT_DOUBLE_EQ(PenWidth(1.0, std::nullopt), 4.0);
  EXPECT_DOUBLE_EQ(PenWidth(-0.5, std::nullopt), 2.5);
  EXPECT_DOUBLE_EQ(PenWidth(0.0, 1.0), 1.0) << "stance wins over confidence";
  EXPECT_DOUBLE_EQ(PenWidth(std::nullopt, 1.0), 2.5);
  EXPECT_DOUBLE_EQ(PenWidth(std::nullopt, 0.0), 0.8);
  EXPECT_DOUBLE_EQ(PenWidth(std::nullopt, std::nullopt), 1.2);
  EXPECT_DOUBLE_EQ(PenWidth(7.0, std::nullopt), 4.0) << "clamped";
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
  EXPECT_EQ(s.tone, Tone::kNegative);
  EXPECT_EQ(s.color, "#D55E00");
}

}  // namespace
}  // namespace kg::viz::internal
