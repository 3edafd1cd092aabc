// Display width from ICU's East Asian Width and general category properties
// (see display_width.h).
#include "core/display_width.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace kg {
namespace {

int CharWidth(UChar32 c) {
  if (c < 0) return 1;  // an invalid byte, shown as one replacement mark
  if (c == 0x200B || c == 0x200D || c == 0xFEFF) return 0;  // zero-width space, joiner, BOM
  int8_t category = static_cast<int8_t>(u_charType(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
      category == U_CONTROL_CHAR || category == U_FORMAT_CHAR)
    return 0;
  int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) return 2;
  return 1;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t columns = 0;
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    columns += CharWidth(c);
  }
  return columns;
}

std::string_view DisplayPrefix(std::string_view text, size_t columns) {
  size_t used = 0;
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    used += CharWidth(c);
    if (used > columns) return text.substr(0, start);
  }
  return text;
}

}  // namespace kg
