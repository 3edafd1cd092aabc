// The sentence splitter on the cases news text throws at it.
#include "ingest/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kg::ingest {
namespace {

std::vector<std::string> Split(std::string_view t) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(t)) out.emplace_back(t.substr(s.start, s.end - s.start));
  return out;
}

TEST(SegmentTest, AbbreviationsDecimalsAndInitialsDoNotEndSentences) {
  auto s = Split(
      "The U.S. Commerce Department fined Acme Inc. on Monday. Mr. Su paid 3.5 "
      "billion. It was No. 1 in J. R. Smith's list! Was it? Yes.");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0], "The U.S. Commerce Department fined Acme Inc. on Monday.");
  EXPECT_EQ(s[1], "Mr. Su paid 3.5 billion.");
  EXPECT_EQ(s[2], "It was No. 1 in J. R. Smith's list!");
  EXPECT_EQ(s[3], "Was it?");
  EXPECT_EQ(s[4], "Yes.");
}

TEST(SegmentTest, ClosingQuoteStaysWithItsSentence) {
  auto s = Split("He said, \u201CIt is great.\u201D Then he left. \"Really?\" she asked.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], "He said, \u201CIt is great.\u201D");
  EXPECT_EQ(s[2], "\"Really?\"");
}

TEST(SegmentTest, ChineseTerminatorsNeedNoSpace) {
  auto s = Split("英伟达发布了新芯片。华为也很强！你怎么看？");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], "华为也很强！");
}

TEST(SegmentTest, BlankLineEndsASentenceAndEveryChunkIsASubstring) {
  std::string t = "Headline without a stop\n\nBody text. More text";
  auto spans = SplitSentences(t);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(t.substr(spans[0].start, spans[0].end - spans[0].start), "Headline without a stop");
  EXPECT_EQ(t.substr(spans[2].start, spans[2].end - spans[2].start), "More text");
}

TEST(SegmentTest, HeadingLineEndsAtItsLineBreak) {
  auto s =
      Split("New RTX Pro GPU Targets Digital Twins, and Robotics\nHuang emphasized the market.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "New RTX Pro GPU Targets Digital Twins, and Robotics");
  EXPECT_EQ(s[1], "Huang emphasized the market.");
}

TEST(SegmentTest, WrappedProseLineDoesNotEndASentence) {
  auto s = Split(
      "Huang emphasized the efficiency of the Chinese supply chain and\nits scale at a "
      "conference.");
  ASSERT_EQ(s.size(), 1u);
  // Nor does a capitalised line the next line's lower-case words go on from.
  EXPECT_EQ(Split("NVIDIA CEO Jensen Huang\nsaid so.").size(), 1u);
}

}  // namespace
}  // namespace kg::ingest
