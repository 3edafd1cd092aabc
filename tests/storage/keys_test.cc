// FoldCase, the name index's case folding: ASCII folded in place, the
// folded scripts after an ASCII head, and bytes that are not valid UTF-8
// passed through, each where it stands in the text.
#include "storage/internal/keys.h"

#include <gtest/gtest.h>

#include <string>

namespace kg::storage::internal {
namespace {

using namespace std::string_literals;

TEST(FoldCaseTest, AsciiIsFoldedWhole) {
  EXPECT_EQ(FoldCase(""), "");
  EXPECT_EQ(FoldCase("Acme Holdings AZ az @[`{ 09"), "acme holdings az az @[`{ 09");
  EXPECT_EQ(FoldCase("A\0B"s), "a\0b"s);
  const std::string long_name(100, 'Q');
  EXPECT_EQ(FoldCase(long_name), std::string(100, 'q'));
}

TEST(FoldCaseTest, OtherScriptsAfterAnAsciiHead) {
  EXPECT_EQ(FoldCase("\xC3\x89tienne"), "\xC3\xA9tienne");      // É at the start
  EXPECT_EQ(FoldCase("CAF\xC3\x89 Noir"), "caf\xC3\xA9 noir");  // after ASCII, then ASCII
  EXPECT_EQ(FoldCase("AB\xD0\x94"
                     "CD"),
            "ab\xD0\xB4"
            "cd");                                  // Cyrillic De
  EXPECT_EQ(FoldCase("X\xCE\xA3Y"), "x\xCF\x83y");  // Greek Sigma
  EXPECT_EQ(FoldCase("Z\xE2\x82\xAC"
                     "A"),
            "z\xE2\x82\xAC"
            "a");  // a 3-byte sign, copied
  EXPECT_EQ(FoldCase("Q\xFF"
                     "R\xC3"),
            "q\xFF"
            "r\xC3");  // invalid bytes pass
}

}  // namespace
}  // namespace kg::storage::internal
