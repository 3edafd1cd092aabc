// Byte-level text helpers shared by every module: ASCII case folding (names,
// keywords, header cells and parameter values compare this way; Unicode
// case folding is ICU's job where a front needs it) and UTF-8 validation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kg {

// `c` with A-Z mapped to a-z; every other byte (UTF-8 included) unchanged.
constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// `s` with A-Z mapped to a-z.
std::string AsciiLower(std::string_view s);
void AsciiLowerInPlace(std::string* s);
// Whether a and b are equal when A-Z and a-z are taken as the same.
bool AsciiIEquals(std::string_view a, std::string_view b);

// Length of the valid UTF-8 sequence at s[0..n) (n > 0), or 0 when it is not
// one: overlong forms, surrogates and code points above U+10FFFF are invalid.
size_t Utf8SequenceLength(const unsigned char* s, size_t n);
// Offset of the first byte of data[0..n) that does not start a valid UTF-8
// sequence, or n when all of it is valid. ASCII runs are skipped 8 bytes at
// a time.
size_t FindInvalidUtf8(const char* data, size_t n);
// Code points in [from, to): the 1-based column of `to` minus one, for
// messages about a line of UTF-8 text.
uint64_t CountCodePoints(const char* from, const char* to);

}  // namespace kg
