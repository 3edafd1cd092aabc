// The relation rules beyond a cue between two adjacent mentions
// (ingest/relations.cc, coref.cc, patterns.cc): lists, pronouns,
// appositions, group phrases, possessives, markets, launches, copulas,
// relative clauses and transcript turns; each with a case it must not fire on.
#include <gtest/gtest.h>

#include <algorithm>

#include "ingest_test_util.h"

namespace kg::ingest {
namespace {

class RelationRulesTest : public testing::SeededRulesTest {
 protected:
  // The speaker of the relation candidate "from -TYPE-> to".
  static std::string SpeakerOf(const Review& r, const std::string& rel) {
    std::map<std::string, std::string> names;
    for (const auto& c : r.candidates) names[c.id] = c.name;
    for (const auto& c : r.candidates)
      if (c.kind == CandidateKind::kRelation &&
          names[c.from] + " -" + c.type + "-> " + names[c.to] == rel)
        return c.speaker;
    return "(none)";
  }
};

TEST_F(RelationRulesTest, ListOfSubjectsSharesTheRelation) {
  auto r = Rel("Amazon, Google, and Huawei are developing their own AI chips.");
  EXPECT_TRUE(Has(r, "Amazon -DEVELOPS-> AI chip")) << Dump(r);
  EXPECT_TRUE(Has(r, "Google -DEVELOPS-> AI chip")) << Dump(r);
  EXPECT_TRUE(Has(r, "Huawei -DEVELOPS-> AI chip")) << Dump(r);
  EXPECT_TRUE(Rel("Amazon, Google, and Huawei are not developing AI chips.").empty());
}

TEST_F(RelationRulesTest, ListAfterAColonIsTheObject) {
  Review review =
      Analyse("t.txt", "Jensen Huang: I mainly use four AI tools: OpenAI, Claude, and Perplexity.");
  auto r = Relations(review);
  EXPECT_TRUE(Has(r, "Jensen Huang -USES-> OpenAI")) << Dump(r);
  EXPECT_TRUE(Has(r, "Jensen Huang -USES-> Perplexity")) << Dump(r);
  EXPECT_FALSE(Has(r, "Jensen Huang -USES-> Artificial intelligence")) << Dump(r);
  // The transcript label makes the sentence Huang's although it starts with his name.
  EXPECT_EQ(SpeakerOf(review, "Jensen Huang -USES-> OpenAI"), "Jensen Huang");
}

TEST_F(RelationRulesTest, WeIsTheCompanyTheSpeakerLeads) {
  auto r =
      Rel("NVIDIA CEO Jensen Huang spoke on Monday.\n"
          "Jensen Huang: We have close cooperation with Xiaomi.");
  EXPECT_TRUE(Has(r, "NVIDIA -PARTNERS_WITH-> Xiaomi")) << Dump(r);
  // Without the article saying which company he leads, "we" stays unresolved.
  EXPECT_TRUE(Rel("Jensen Huang: We have close cooperation with Xiaomi.").empty());
  // "we" outside a quotation has no speaker.
  EXPECT_FALSE(Has(Rel("NVIDIA CEO Jensen Huang spoke. We have close cooperation with Xiaomi."),
                   "NVIDIA -PARTNERS_WITH-> Xiaomi"));
}

TEST_F(RelationRulesTest, HeIsTheLastPersonAndCoordinatedClausesKeepTheSubject) {
  auto r = Rel(
      "Jensen Huang arrived in Beijing. He praised Xiaomi, NIO, and XPeng, and commended Huawei.");
  EXPECT_TRUE(Has(r, "Jensen Huang -PRAISES-> Xiaomi")) << Dump(r);
  EXPECT_TRUE(Has(r, "Jensen Huang -PRAISES-> XPeng")) << Dump(r);
  EXPECT_TRUE(Has(r, "Jensen Huang -PRAISES-> Huawei")) << Dump(r);
  EXPECT_FALSE(Has(r, "XPeng -PRAISES-> Huawei")) << Dump(r);
  // No person named before: "he" refers to nobody.
  EXPECT_TRUE(Rel("He praised Xiaomi.").empty());
}

TEST_F(RelationRulesTest, ItsAndPossessives) {
  auto r =
      Rel("While the H20 holds advantages due to its Hopper architecture, demand is strong. "
          "This is different from Intel's x86 architecture.");
  EXPECT_TRUE(Has(r, "H20 -BASED_ON-> Hopper")) << Dump(r);
  EXPECT_TRUE(Has(r, "Intel -DEVELOPS-> x86")) << Dump(r);
  // A possessive of a field is no development claim.
  EXPECT_TRUE(Rel("NVIDIA's supply chain was praised by nobody.").empty());
}

TEST_F(RelationRulesTest, RoleInAnApposition) {
  auto r = Rel("I haven't talked to Mark Zuckerberg (Meta CEO) for a while.");
  EXPECT_TRUE(Has(r, "Mark Zuckerberg -LEADS-> Meta")) << Dump(r);
  EXPECT_TRUE(Rel("I haven't talked to Mark Zuckerberg (Meta) for a while.").empty());
}

TEST_F(RelationRulesTest, PassiveUsedInAndObjectPastAField) {
  auto r = Rel("SK Hynix supplies most of the HBM memory used in Blackwell.");
  EXPECT_TRUE(Has(r, "Blackwell -USES-> HBM")) << Dump(r);
  auto s = Rel("SK Hynix supplies most of the HBM memory that NVIDIA buys.");
  EXPECT_TRUE(Has(s, "SK Hynix -SUPPLIES-> NVIDIA")) << Dump(s);
  EXPECT_FALSE(
      Has(Rel("SK Hynix supplies HBM, and NVIDIA buys it."), "SK Hynix -SUPPLIES-> NVIDIA"));
}

TEST_F(RelationRulesTest, GroupPhrasesListTheirMembers) {
  auto r = Rel("He praised Chinese electric vehicle companies such as Xiaomi, NIO, and XPeng.");
  EXPECT_TRUE(Has(r, "Xiaomi -BASED_IN-> China")) << Dump(r);
  EXPECT_TRUE(Has(r, "XPeng -BASED_IN-> China")) << Dump(r);
  auto c = Rel(
      "Despite NVIDIA's dominance in AI chips, competitors like AMD and Huawei are catching up.");
  EXPECT_TRUE(Has(c, "NVIDIA -COMPETES_WITH-> AMD")) << Dump(c);
  EXPECT_TRUE(Has(c, "Huawei -MEMBER_OF-> NVIDIA's competitors")) << Dump(c);
  EXPECT_FALSE(Has(c, "AI chip -COMPETES_WITH-> AMD")) << Dump(c);
  auto n = Rel("Companies that are not Chinese, such as Apple, were absent.");
  EXPECT_FALSE(Has(n, "Apple -BASED_IN-> China")) << Dump(n);
}

TEST_F(RelationRulesTest, MarketsAndLaunches) {
  auto r =
      Rel("Huang emphasized NVIDIA's focus on the Chinese market. Why are you launching RTX Pro in "
          "China?");
  EXPECT_TRUE(Has(r, "NVIDIA -SELLS_IN-> China")) << Dump(r);
  EXPECT_TRUE(Has(r, "RTX Pro -SELLS_IN-> China")) << Dump(r);
  EXPECT_TRUE(Rel("NVIDIA has never had a presence in the Chinese market.").empty());
  EXPECT_TRUE(Rel("Analysts discussed RTX Pro in China.").empty());
}

TEST_F(RelationRulesTest, CopulaInAQuotationRelatesToTheSpeakersCompany) {
  auto r =
      Rel("Jensen Huang, chief executive of NVIDIA, spoke. \"SK Hynix and Micron are excellent "
          "partners,\" Huang said.");
  EXPECT_TRUE(Has(r, "NVIDIA -PARTNERS_WITH-> SK Hynix")) << Dump(r);
  EXPECT_TRUE(Has(r, "NVIDIA -PARTNERS_WITH-> Micron")) << Dump(r);
  auto n =
      Rel("Jensen Huang, chief executive of NVIDIA, spoke. \"Samsung and Micron are not partners "
          "of ours,\" Huang said.");
  EXPECT_FALSE(Has(n, "NVIDIA -PARTNERS_WITH-> Micron")) << Dump(n);
}

TEST_F(RelationRulesTest, RelativeClauseWithAPronounSubject) {
  auto r =
      Rel("NVIDIA CEO Jensen Huang met reporters.\n"
          "Jensen Huang: The HBM, GDDR, and LPDDR memory we use is advanced.");
  EXPECT_TRUE(Has(r, "NVIDIA -USES-> HBM")) << Dump(r);
  EXPECT_TRUE(Has(r, "NVIDIA -USES-> LPDDR")) << Dump(r);
  // A name before a verb is no relative clause: "The U.S. Commerce Department restricted".
  auto n = Rel("The U.S. Commerce Department restricted sales.");
  EXPECT_FALSE(Has(n, "U.S. Department of Commerce -RESTRICTS-> United States")) << Dump(n);
}

TEST_F(RelationRulesTest, TranscriptTurnGoesOnOverParagraphs) {
  Review review = Analyse("t.txt",
                          "NVIDIA CEO Jensen Huang met reporters.\n"
                          "Q: What do you use?\n"
                          "Jensen Huang: I use a Google Pixel phone.\n"
                          "We also use CUDA for simulations.\n"
                          "Q: And Xiaomi?\n"
                          "We have close cooperation with Xiaomi.\n");
  auto r = Relations(review);
  EXPECT_TRUE(Has(r, "NVIDIA -USES-> CUDA")) << Dump(r);
  EXPECT_EQ(SpeakerOf(review, "NVIDIA -USES-> CUDA"), "Jensen Huang");
  // After the next question the turn is over: "we" is nobody's.
  EXPECT_FALSE(Has(r, "NVIDIA -PARTNERS_WITH-> Xiaomi")) << Dump(r);
}

TEST_F(RelationRulesTest, PersonOfACompany) {
  EXPECT_TRUE(Has(Rel("Jensen Huang of NVIDIA spoke."), "Jensen Huang -MEMBER_OF-> NVIDIA"));
  EXPECT_TRUE(Rel("Jensen Huang spoke of NVIDIA.").empty());
}

TEST_F(RelationRulesTest, LowerCaseWordIsNotAnAcronym) {
  Review r = Analyse("t.txt", "They told us the news.");
  EXPECT_EQ(Entity(r, "United States"), nullptr);
  Review s = Analyse("t.txt", "Sales in the US market grew.");
  EXPECT_NE(Entity(s, "United States"), nullptr);
}

TEST_F(RelationRulesTest, NounInACountryNamesTheKnownDemonymEntity) {
  Review r = Analyse("t.txt", "NVIDIA must keep good relations with governments in China.");
  const Candidate* g = Entity(r, "Chinese government");
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->links_to.has_value());
  EXPECT_EQ(Entity(Analyse("t.txt", "NVIDIA sells chips in China."), "Chinese government"),
            nullptr);
}

TEST_F(RelationRulesTest, WhatANameSaysByItself) {
  auto r = Rel("Jensen Huang: I use a Google Pixel phone. Chinese manufacturers are fast.");
  EXPECT_TRUE(Has(r, "Google -MAKES-> Google Pixel")) << Dump(r);
  EXPECT_TRUE(Has(r, "Chinese manufacturers -BASED_IN-> China")) << Dump(r);
  // No known company "Tesla": the name alone relates nothing.
  auto n = Rel("The SU7 Ultra competes with the Tesla Model S.");
  for (const auto& x : n) EXPECT_EQ(x.find("-MAKES->"), std::string::npos) << Dump(n);
}

TEST_F(RelationRulesTest, WhatTheWordsOfAMentionSay) {
  auto r =
      Rel("Buyers met at the China International Supply Chain Expo. The Trump administration "
          "restricted the H20. Dysprosium capacitors are scarce. The media conference in China "
          "ran late.");
  EXPECT_TRUE(Has(r, "3rd China International Supply Chain Expo -BASED_IN-> China")) << Dump(r);
  EXPECT_TRUE(Has(r, "Donald Trump -LEADS-> U.S. government")) << Dump(r);
  EXPECT_TRUE(Has(r, "Dysprosium capacitor -BASED_ON-> Dysprosium")) << Dump(r);
  EXPECT_TRUE(Has(r, "Jensen Huang media exchange (2025-07-16) -BASED_IN-> China")) << Dump(r);
  // "AI" names a technology, not a material; no candidate is made for it.
  Review n = Analyse("t.txt", "AI chips are scarce. The media conference in Beijing ran late.");
  EXPECT_TRUE(Relations(n).empty()) << Dump(Relations(n));
  EXPECT_EQ(Entity(n, "Artificial intelligence"), nullptr);
  // A government not named after a person has no leader in its name.
  for (const auto& x : Rel("The Chinese government restricted the H20."))
    EXPECT_EQ(x.find("-LEADS->"), std::string::npos) << x;
}

TEST_F(RelationRulesTest, ParenthesisEndsANewName) {
  Review r = Analyse("t.txt", "Reporters came to the Shenzhen Robot Expo (SRE) on Monday.");
  EXPECT_NE(Entity(r, "Shenzhen Robot Expo"), nullptr);
  for (const auto& c : r.candidates) EXPECT_EQ(c.name.find('('), std::string::npos) << c.name;
}

TEST_F(RelationRulesTest, DemonymInAnAppositionPlacesTheCompany) {
  auto r =
      Rel("Samsung, the South Korean memory maker, cut prices. Baidu, a Chinese firm, agreed.");
  EXPECT_TRUE(Has(r, "Baidu -BASED_IN-> China")) << Dump(r);
  EXPECT_TRUE(
      Has(Rel("Tencent, the Chinese internet giant, said so."), "Tencent -BASED_IN-> China"));
  // No company noun after the demonym, or punctuation before it: nothing.
  EXPECT_TRUE(Rel("Tencent, the Chinese, said so.").empty());
  EXPECT_FALSE(
      Has(Rel("Tencent, the Chinese government said, was fined."), "Tencent -BASED_IN-> China"));
}

TEST_F(RelationRulesTest, TheCompanyOpeningASentenceIsThePreviousSubject) {
  auto r =
      Rel("Xiaomi said its new phone uses chips designed by Qualcomm. The company relied on "
          "Android for years.");
  EXPECT_TRUE(Has(r, "Xiaomi -USES-> Android")) << Dump(r);
  EXPECT_FALSE(Has(r, "Qualcomm -USES-> Android")) << Dump(r);
  // Not at the sentence start: the last company named.
  auto m = Rel("Xiaomi praised Qualcomm. Analysts said the company relied on Android.");
  EXPECT_TRUE(Has(m, "Qualcomm -USES-> Android")) << Dump(m);
}

TEST_F(RelationRulesTest, CuesSpanAnAdverb) {
  auto r = Rel("Alibaba invests heavily in Moonshot AI. Xiaomi works closely with Qualcomm.");
  EXPECT_TRUE(Has(r, "Alibaba -INVESTS_IN-> Moonshot AI")) << Dump(r);
  EXPECT_TRUE(Has(r, "Xiaomi -PARTNERS_WITH-> Qualcomm")) << Dump(r);
  // The adverb must sit inside the cue's words, before a space.
  EXPECT_TRUE(Rel("Alibaba invests heavily, but not in Moonshot AI.").empty());
}

TEST_F(RelationRulesTest, DependenceDesignAndBreakthroughCues) {
  auto r =
      Rel("Robotics would not be possible without GPUs. The RTX Pro was built to run Omniverse. "
          "Google is involved in the development of Android.");
  EXPECT_TRUE(Has(r, "Robotics -USES-> GPU")) << Dump(r);
  EXPECT_TRUE(Has(r, "RTX Pro -DESIGNED_FOR-> Omniverse")) << Dump(r);
  EXPECT_TRUE(Has(r, "Google -DEVELOPS-> Android")) << Dump(r);
  EXPECT_TRUE(Rel("Robotics is possible without GPUs.").empty());
  // A serial-comma list whose first item is no mention is still a list.
  auto b = Rel("Huawei made breakthroughs in software, photonics, and networking.");
  EXPECT_TRUE(Has(b, "Huawei -DEVELOPS-> Photonics")) << Dump(b);
  EXPECT_TRUE(Has(b, "Huawei -DEVELOPS-> Networking")) << Dump(b);
  // Two mentions joined by ", and" after a verb are two clauses.
  auto c = Rel("Huawei made breakthroughs in photonics, and networking firms noticed.");
  EXPECT_TRUE(Has(c, "Huawei -DEVELOPS-> Photonics")) << Dump(c);
  EXPECT_FALSE(Has(c, "Huawei -DEVELOPS-> Networking")) << Dump(c);
}

TEST_F(RelationRulesTest, CapitalisedWordIsNoPolarityWord) {
  auto r = Rel("\"Xiaomi has expansion plans in Greater China this year,\" Jensen Huang said.");
  EXPECT_FALSE(Has(r, "Jensen Huang -PRAISES-> Xiaomi")) << Dump(r);
  auto p = Rel("\"Xiaomi has done a great job this year,\" Jensen Huang said.");
  EXPECT_TRUE(Has(p, "Jensen Huang -PRAISES-> Xiaomi")) << Dump(p);
}

TEST_F(RelationRulesTest, RoleInTheAttributionNamesTheSpeakersCompany) {
  Review review = Analyse("t.txt",
                          "Jensen Huang praised the suppliers. \"SK Hynix and Micron are excellent "
                          "partners,\" the NVIDIA chief said. \"The car is a good car for "
                          "everyone,\" the Xiaomi boss said.");
  auto r = Relations(review);
  EXPECT_TRUE(Has(r, "Jensen Huang -LEADS-> NVIDIA")) << Dump(r);
  EXPECT_TRUE(Has(r, "NVIDIA -PARTNERS_WITH-> Micron")) << Dump(r);
  // The Xiaomi boss is not Huang: that quotation stays unattributed.
  EXPECT_FALSE(Has(r, "Jensen Huang -LEADS-> Xiaomi")) << Dump(r);
}

TEST_F(RelationRulesTest, RestrictionsOnGoodsToACountry) {
  auto r =
      Rel("The U.S. Department of Commerce on Tuesday added new restrictions on sales of "
          "advanced AI chips to China.");
  EXPECT_TRUE(Has(r, "U.S. Department of Commerce -RESTRICTS-> AI chip")) << Dump(r);
  EXPECT_TRUE(Has(r, "U.S. Department of Commerce -RESTRICTS-> China")) << Dump(r);
  // "said" before the cue: the cue is the reported clause's.
  auto n =
      Rel("The U.S. Department of Commerce said new restrictions on AI chips to China were due.");
  EXPECT_FALSE(Has(n, "U.S. Department of Commerce -RESTRICTS-> China")) << Dump(n);
  // Selling in a country is no supply to it.
  auto s = Rel("NVIDIA sells the H20 mainly in China.");
  EXPECT_TRUE(Has(s, "NVIDIA -SELLS_IN-> China")) << Dump(s);
  EXPECT_FALSE(Has(s, "NVIDIA -SUPPLIES-> China")) << Dump(s);
}

class NewNameTest : public testing::IngestDbTest {};

TEST_F(NewNameTest, TickersAndListsAreNotPartOfNames) {
  Review r = Analyse("t.txt",
                     "Despite NVIDIA's dominance, rivals such as QualcommQCOM-- are catching up. "
                     "Companies like Alibaba and Tencent grew. "
                     "The Ministry of Industry and Information Technology said so.");
  EXPECT_NE(Entity(r, "Qualcomm"), nullptr);
  EXPECT_NE(Entity(r, "Alibaba"), nullptr);
  EXPECT_NE(Entity(r, "Tencent"), nullptr);
  EXPECT_EQ(Entity(r, "Alibaba and Tencent"), nullptr);
  EXPECT_NE(Entity(r, "Ministry of Industry and Information Technology"), nullptr);
}

TEST_F(NewNameTest, CommonWordStartingANameBeforeARole) {
  Review r =
      Analyse("t.txt", "He Xiaopeng, chairman of XPeng, said the car is fast. He said more.");
  const Candidate* he = Entity(r, "He Xiaopeng");
  ASSERT_NE(he, nullptr);
  EXPECT_EQ(he->label, "Person");
  EXPECT_EQ(Entity(r, "He"), nullptr);
}

TEST_F(NewNameTest, RelationsWithAGuessedKindAreNotAcceptedByDefault) {
  Review r = Analyse("t.txt", "Zorblax uses Quixotic processors.");
  for (const auto& c : r.candidates)
    if (c.kind == CandidateKind::kRelation) {
      EXPECT_LE(c.confidence, 0.5);
      EXPECT_FALSE(c.accept);
    }
}

}  // namespace
}  // namespace kg::ingest
