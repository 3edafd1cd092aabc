// Plural phrases that refer back to a list ("these three companies"),
// alternatives that are rivals ("choose between A, B and C"), "you" in an
// interviewer's question, and a person pronoun standing for the company the
// person leads (ingest/plurals.cc, coref.cc, relations.cc); each with the
// cases where the rule must not fire.
#include <gtest/gtest.h>

#include <algorithm>

#include "ingest_test_util.h"

namespace kg::ingest {
namespace {

using PluralRulesTest = testing::SeededRulesTest;

constexpr char kFounder[] = "Xiaomi founder Lei Jun met reporters in Wuhan.\n\n";

TEST_F(PluralRulesTest, PluralAnaphorRelatesEveryMemberOfTheList) {
  auto r = Rel(std::string(kFounder) +
               "Lei Jun: Qualcomm, Samsung and Micron sell us parts. We have a partnership with "
               "these three companies.");
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Qualcomm")) << Dump(r);
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Samsung")) << Dump(r);
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Micron")) << Dump(r);
  // The number must match the list.
  r = Rel(std::string(kFounder) +
          "Lei Jun: Qualcomm, Samsung and Micron sell us parts. We have a partnership with "
          "these two companies.");
  EXPECT_FALSE(HasAny(r, "PARTNERS_WITH")) << Dump(r);
  // A company named alone after the list is the last one named: no antecedent list.
  r = Rel(std::string(kFounder) +
          "Lei Jun: Qualcomm and Samsung sell us parts. So does Micron. We have a partnership "
          "with these companies.");
  EXPECT_FALSE(HasAny(r, "PARTNERS_WITH")) << Dump(r);
  // Nothing to refer back to.
  EXPECT_FALSE(
      HasAny(Rel(std::string(kFounder) + "Lei Jun: We have a partnership with these companies."),
             "PARTNERS_WITH"));
}

TEST_F(PluralRulesTest, PluralAnaphorInACopulaOfTheSpeaker) {
  auto r = Rel(std::string(kFounder) +
               "Lei Jun: We buy from Samsung and Micron; both companies are trusted suppliers.");
  EXPECT_TRUE(Has(r, "Samsung -SUPPLIES-> Xiaomi")) << Dump(r);
  EXPECT_TRUE(Has(r, "Micron -SUPPLIES-> Xiaomi")) << Dump(r);
  // "have been" is a copula too; "we work with" a cue.
  r = Rel(
      std::string(kFounder) +
      "Lei Jun: We work closely with Baidu and Tencent. Both companies have been good partners.");
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Baidu")) << Dump(r);
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Tencent")) << Dump(r);
  r = Rel(std::string(kFounder) +
          "Lei Jun: We buy from Samsung and Micron; both companies are not our suppliers.");
  EXPECT_FALSE(HasAny(r, "SUPPLIES")) << Dump(r);
}

TEST_F(PluralRulesTest, RulesThatRelateOneEntityDoNotTakeThePluralsFirstMember) {
  auto r =
      Rel("Qualcomm and Samsung make phone chips. Analysts watch these companies' expansion in the "
          "Chinese market.");
  EXPECT_EQ(Has(r, "Qualcomm -SELLS_IN-> China"), Has(r, "Samsung -SELLS_IN-> China")) << Dump(r);
}

TEST_F(PluralRulesTest, PersonPronounStandsForTheCompanyWhereNoPersonFits) {
  auto r = Rel(std::string(kFounder) +
               "Lei Jun: It is my wish to cooperate with Baidu. I use Android every day.");
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Baidu")) << Dump(r);
  // USES admits a person: the person stays.
  EXPECT_TRUE(Has(r, "Lei Jun -USES-> Android")) << Dump(r);
  EXPECT_FALSE(Has(r, "Xiaomi -USES-> Android")) << Dump(r);
  // A clause boundary between: the cue is another subject's.
  r = Rel(std::string(kFounder) + "Lei Jun: I hope that Alibaba will cooperate with Baidu.");
  EXPECT_TRUE(Has(r, "Alibaba -PARTNERS_WITH-> Baidu")) << Dump(r);
  EXPECT_FALSE(Has(r, "Xiaomi -PARTNERS_WITH-> Baidu")) << Dump(r);
  // Without the article saying which company he leads, nothing.
  EXPECT_FALSE(HasAny(Rel("Lei Jun: It is my wish to cooperate with Baidu."), "PARTNERS_WITH"));
}

TEST_F(PluralRulesTest, YouInAnInterviewersQuestionIsTheAnswerer) {
  auto r = Rel(std::string(kFounder) +
               "Q: Will you continue to cooperate with Baidu on cars?\n\nLei Jun: Yes, we will.");
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Baidu")) << Dump(r);
  r = Rel(std::string(kFounder) +
          "Question: Why do you cooperate with Baidu on cars?\n\nLei Jun: Their maps are good.");
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Baidu")) << Dump(r);
  // A yes/no question asserts nothing: it may be answered "no".
  r = Rel(std::string(kFounder) + "Q: Will you cooperate with Baidu on cars?\n\nLei Jun: No.");
  EXPECT_FALSE(HasAny(r, "PARTNERS_WITH")) << Dump(r);
  // "you" in the answer is generic.
  r = Rel(std::string(kFounder) +
          "Q: What about Baidu?\n\nLei Jun: If you cooperate with Baidu, you learn a lot.");
  EXPECT_FALSE(HasAny(r, "PARTNERS_WITH")) << Dump(r);
  // A question nobody answers has no addressee.
  EXPECT_FALSE(
      HasAny(Rel(std::string(kFounder) + "Q: Will you continue to cooperate with Baidu on cars?"),
             "PARTNERS_WITH"));
  // "you" outside a question is not the interviewee.
  r = Rel(std::string(kFounder) +
          "Will you continue to cooperate with Baidu?\n\nLei Jun: Yes, we will.");
  EXPECT_FALSE(HasAny(r, "PARTNERS_WITH")) << Dump(r);
}

TEST_F(PluralRulesTest, AlternativesAreRivals) {
  auto r = Rel("Phone makers must choose between Samsung, SK Hynix and Micron for memory.");
  EXPECT_TRUE(Has(r, "Samsung -COMPETES_WITH-> SK Hynix")) << Dump(r);
  EXPECT_TRUE(Has(r, "Samsung -COMPETES_WITH-> Micron")) << Dump(r);
  EXPECT_TRUE(Has(r, "SK Hynix -COMPETES_WITH-> Micron")) << Dump(r);
  r = Rel("The competition between Xiaomi and NIO is intense.");
  EXPECT_TRUE(Has(r, "Xiaomi -COMPETES_WITH-> NIO")) << Dump(r);
  // Negated competition, and things of different kinds, are no rivals.
  EXPECT_FALSE(HasAny(Rel("There is no competition between Xiaomi and NIO."), "COMPETES_WITH"));
  EXPECT_FALSE(HasAny(Rel("Buyers choose between Qualcomm and Android."), "COMPETES_WITH"));
}

TEST_F(PluralRulesTest, CompetitionAmongAGroupListedTheSentenceBefore) {
  auto r =
      Rel("Amazon, Google and Alibaba rent out GPUs. The competition among cloud providers keeps "
          "prices low.");
  EXPECT_TRUE(Has(r, "Amazon -MEMBER_OF-> Cloud service providers")) << Dump(r);
  EXPECT_TRUE(Has(r, "Alibaba -MEMBER_OF-> Cloud service providers")) << Dump(r);
  EXPECT_TRUE(Has(r, "Amazon -COMPETES_WITH-> Google")) << Dump(r);
  EXPECT_TRUE(Has(r, "Google -COMPETES_WITH-> Alibaba")) << Dump(r);
  // No list before: the group's members are unknown.
  r = Rel("The competition among cloud providers keeps prices low.");
  EXPECT_FALSE(HasAny(r, "MEMBER_OF")) << Dump(r);
  EXPECT_FALSE(HasAny(r, "COMPETES_WITH")) << Dump(r);
  // The list is too far back.
  r =
      Rel("Amazon, Google and Alibaba rent out GPUs. Prices fell. The competition among cloud "
          "providers keeps prices low.");
  EXPECT_FALSE(HasAny(r, "MEMBER_OF")) << Dump(r);
}

TEST_F(PluralRulesTest, BesidesOneThereAreOthersOfItsKind) {
  auto r = Rel("Besides Alibaba, there are Baidu and Tencent, which also train large models.");
  EXPECT_TRUE(Has(r, "Alibaba -COMPETES_WITH-> Baidu")) << Dump(r);
  EXPECT_TRUE(Has(r, "Alibaba -COMPETES_WITH-> Tencent")) << Dump(r);
  EXPECT_TRUE(Has(r, "Baidu -COMPETES_WITH-> Tencent")) << Dump(r);
  // Different kinds are no rivals; "besides" inside a word or without "there are" says nothing.
  EXPECT_FALSE(HasAny(Rel("Besides Alibaba, there are Android and Omniverse."), "COMPETES_WITH"));
  EXPECT_FALSE(HasAny(Rel("Besides Alibaba, Baidu and Tencent train models."), "COMPETES_WITH"));
}

}  // namespace
}  // namespace kg::ingest
