// How many terminal columns a UTF-8 string takes, for aligned tables.
#pragma once

#include <cstddef>
#include <string_view>

namespace kg {

// Columns `text` takes in a terminal: East Asian wide and fullwidth
// characters (Chinese, Japanese, Korean, fullwidth forms, most emoji) take
// two, combining marks and other zero-width characters none, the rest one.
// Invalid UTF-8 bytes count one each.
size_t DisplayWidth(std::string_view text);

// The longest prefix of `text` that takes at most `columns` columns, cut
// only between characters.
std::string_view DisplayPrefix(std::string_view text, size_t columns);

}  // namespace kg
