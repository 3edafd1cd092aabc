// Character classes of UTF-8 text shared by the ingest passes: what counts as
// a letter for word boundaries, Chinese characters (which need none), and
// the byte length of a sequence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kg::ingest::internal {

// The code point at s[i] and its byte length (a stray byte decodes as itself, length 1).
inline std::pair<uint32_t, size_t> DecodeAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F);
  };
  if (c < 0x80) return {c, 1};
  if ((c >> 5) == 6 && i + 1 < s.size()) return {((c & 0x1Fu) << 6) | cont(1), 2};
  if ((c >> 4) == 14 && i + 2 < s.size())
    return {((c & 0x0Fu) << 12) | (cont(1) << 6) | cont(2), 3};
  if ((c >> 3) == 30 && i + 3 < s.size())
    return {((c & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4};
  return {c, 1};
}

// The start of the code point that ends just before byte `i` (i > 0).
inline size_t PrevStart(std::string_view s, size_t i) {
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) >> 6) == 2) --j;
  return j;
}

inline bool IsCjk(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

// Letters and digits for word boundaries: ASCII alphanumerics and every
// non-ASCII code point outside punctuation, symbols and spaces (é, ß, ...);
// CJK characters are letters too but never need a boundary.
inline bool IsWordChar(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation, curly quotes
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // full-width punctuation
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;
  if (cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7) return false;
  return true;
}

}  // namespace kg::ingest::internal
