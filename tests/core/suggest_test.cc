// "Did you mean": edit distances over case-folded characters and the
// suggestions an analyst gets for a misspelt name, label or type.
#include "core/suggest.h"

#include <gtest/gtest.h>

namespace kg {
namespace {

TEST(EditDistanceTest, CountsCharactersCaseFolded) {
  EXPECT_EQ(EditDistance("NVIDIA", "nvidia", 3), 0u);
  EXPECT_EQ(EditDistance("Nvidea", "NVIDIA", 3), 1u);
  EXPECT_EQ(EditDistance("Xiomi", "Xiaomi", 3), 1u);
  EXPECT_EQ(EditDistance("Jensen Haung", "Jensen Huang", 3), 1u);  // a transposition
  EXPECT_EQ(EditDistance("黄仁勋", "黄仁", 3), 1u);                // one character, 3 bytes
  EXPECT_EQ(EditDistance("Ärger", "ärger", 3), 0u);
  EXPECT_EQ(EditDistance("abc", "xyz", 3), 3u);
  EXPECT_EQ(EditDistance("abcdefgh", "z", 2), 3u);  // beyond the limit: limit + 1
}

TEST(SuggestTest, NearestFirstWithinAThirdOfTheLength) {
  std::vector<std::string> names = {"NVIDIA",       "Huawei", "Xiaomi",
                                    "Jensen Huang", "AMD",    "Nvidia Corp"};
  EXPECT_EQ(Suggest("Nvidea", names), std::vector<std::string>{"NVIDIA"});
  EXPECT_EQ(Suggest("Xiomi", names), std::vector<std::string>{"Xiaomi"});
  EXPECT_EQ(Suggest("Jensen Haung", names), std::vector<std::string>{"Jensen Huang"});
  EXPECT_EQ(Suggest("huawei", names), std::vector<std::string>{"Huawei"});
  EXPECT_TRUE(Suggest("Tesla", names).empty());
  EXPECT_TRUE(Suggest("NVIDIA", names).empty());  // itself is no suggestion
}

TEST(SuggestTest, TypesInAnotherCaseAndTheLimitOnHowMany) {
  std::vector<std::string> types = {"PARTNERS_WITH", "COMPETES_WITH", "PRAISES", "CRITICIZES"};
  EXPECT_EQ(Suggest("partners_with", types), std::vector<std::string>{"PARTNERS_WITH"});
  EXPECT_EQ(Suggest("PRAISE", types), std::vector<std::string>{"PRAISES"});
  std::vector<std::string> many = {"ab1", "ab2", "ab3", "ab4"};
  EXPECT_EQ(Suggest("ab", many, 2).size(), 2u);
}

TEST(SuggestTest, DidYouMeanListsThem) {
  EXPECT_EQ(DidYouMean({}), "");
  EXPECT_EQ(DidYouMean({"NVIDIA"}), "did you mean 'NVIDIA'?");
  EXPECT_EQ(DidYouMean({"A", "B", "C"}), "did you mean 'A', 'B' or 'C'?");
}

}  // namespace
}  // namespace kg
