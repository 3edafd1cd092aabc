#include "core/text.h"

#include <gtest/gtest.h>

#include <string>

namespace kg {
namespace {

TEST(TextTest, AsciiLowerFoldsOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("NVIDIA H20 Ärger"), "nvidia h20 Ärger");
  EXPECT_EQ(AsciiLower(std::string_view("@[`{")), "@[`{");  // neighbours of A-Z and a-z
  std::string s = "MiXeD";
  AsciiLowerInPlace(&s);
  EXPECT_EQ(s, "mixed");
  EXPECT_EQ(AsciiLower('Z'), 'z');
  EXPECT_EQ(AsciiLower('\xC3'), '\xC3');
}

TEST(TextTest, AsciiIEqualsIgnoresCaseButNotLength) {
  EXPECT_TRUE(AsciiIEquals("Boolean", "BOOLEAN"));
  EXPECT_TRUE(AsciiIEquals("", ""));
  EXPECT_FALSE(AsciiIEquals("int", "ints"));
  EXPECT_FALSE(AsciiIEquals("[", "{"));  // 0x5B and 0x7B differ by 32 but are not letters
}

TEST(TextTest, FindInvalidUtf8FindsTheFirstBadByte) {
  std::string ok = "plain ASCII run longer than eight bytes, then 华为 and é";
  EXPECT_EQ(FindInvalidUtf8(ok.data(), ok.size()), ok.size());
  std::string bad = "abcdefghij\xC3(";  // a lead byte followed by no continuation
  EXPECT_EQ(FindInvalidUtf8(bad.data(), bad.size()), 10u);
  std::string overlong = "x\xC0\xAF";  // '/' written in two bytes
  EXPECT_EQ(FindInvalidUtf8(overlong.data(), overlong.size()), 1u);
  std::string surrogate = "\xED\xA0\x80";  // U+D800
  EXPECT_EQ(FindInvalidUtf8(surrogate.data(), surrogate.size()), 0u);
  std::string too_high = "\xF4\x90\x80\x80";  // U+110000
  EXPECT_EQ(FindInvalidUtf8(too_high.data(), too_high.size()), 0u);
  std::string cut = "ab\xE4\xB8";  // a three-byte sequence cut short
  EXPECT_EQ(FindInvalidUtf8(cut.data(), cut.size()), 2u);
}

TEST(TextTest, CountCodePointsCountsCharactersNotBytes) {
  std::string s = "a华为b";
  EXPECT_EQ(CountCodePoints(s.data(), s.data() + s.size()), 4u);
  EXPECT_EQ(CountCodePoints(s.data(), s.data()), 0u);
}

}  // namespace
}  // namespace kg
