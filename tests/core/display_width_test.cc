// Terminal widths: wide CJK characters take two columns, combining marks
// none, so tables of Chinese names line up.
#include "core/display_width.h"

#include <gtest/gtest.h>

namespace kg {
namespace {

TEST(DisplayWidthTest, CountsColumnsNotBytesOrCodePoints) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("NVIDIA"), 6u);
  EXPECT_EQ(DisplayWidth("黄仁勋"), 6u);        // three wide characters
  EXPECT_EQ(DisplayWidth("小米 Xiaomi"), 11u);  // 4 + 1 + 6
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4u);          // fullwidth forms
  EXPECT_EQ(DisplayWidth("e\u0301"), 1u);       // e + combining acute
  EXPECT_EQ(DisplayWidth("Zürich"), 6u);
  EXPECT_EQ(DisplayWidth("a\u200Bb"), 2u);  // zero-width space
  EXPECT_EQ(DisplayWidth("\xff"), 1u);      // an invalid byte counts one
}

TEST(DisplayWidthTest, PrefixCutsBetweenCharactersWithinTheColumns) {
  EXPECT_EQ(DisplayPrefix("黄仁勋", 4), "黄仁");
  EXPECT_EQ(DisplayPrefix("黄仁勋", 5), "黄仁");  // half a wide character is no character
  EXPECT_EQ(DisplayPrefix("黄仁勋", 6), "黄仁勋");
  EXPECT_EQ(DisplayPrefix("NVIDIA", 3), "NVI");
  EXPECT_EQ(DisplayPrefix("e\u0301x", 1), "e\u0301");  // the mark stays with its letter
  EXPECT_EQ(DisplayPrefix("abc", 0), "");
}

}  // namespace
}  // namespace kg
