// Key encoding for the kg store (see keys.h).
#include "storage/internal/keys.h"

#include <algorithm>

namespace kg::storage::internal {

const char* CfName(int cf) {
  static constexpr const char* kNames[kCfCount] = {"default", "entities", "relations", "out",
                                                   "in",      "names",    "labels",    "meta"};
  return kNames[cf];
}

void PutU32(std::string* out, uint32_t v) {
  char b[4];
  WriteU32(b, v);
  out->append(b, 4);
}

void PutU64(std::string* out, uint64_t v) {
  char b[8];
  WriteU64(b, v);
  out->append(b, 8);
}

std::string U32Value(uint32_t v) {
  std::string s;
  PutU32(&s, v);
  return s;
}

std::string U64Value(uint64_t v) {
  std::string s;
  PutU64(&s, v);
  return s;
}

std::string IdKey(uint64_t id) { return U64Value(id); }

void EncodeAdjKey(const AdjKey& k, char* out) {
  WriteU64(out, k.node);
  WriteU32(out + 8, k.type);
  WriteU64(out + 12, k.other);
  WriteU64(out + 20, k.relation);
}

std::string EncodeAdjKey(const AdjKey& k) {
  std::string s(kAdjKeySize, '\0');
  EncodeAdjKey(k, s.data());
  return s;
}

bool DecodeAdjKey(std::string_view key, AdjKey* k) {
  if (key.size() != kAdjKeySize) return false;
  k->node = ReadU64(key.data());
  k->type = ReadU32(key.data() + 8);
  k->other = ReadU64(key.data() + 12);
  k->relation = ReadU64(key.data() + 20);
  return true;
}

std::string AdjPrefix(uint64_t node) { return U64Value(node); }

std::string AdjPrefix(uint64_t node, uint32_t type) {
  std::string s = U64Value(node);
  PutU32(&s, type);
  return s;
}

std::string LabelKey(uint32_t label, uint64_t id) {
  std::string s = U32Value(label);
  PutU64(&s, id);
  return s;
}

std::string LabelPrefix(uint32_t label) { return U32Value(label); }

std::string NamePrefix(std::string_view text) {
  std::string s = FoldCase(text);
  s.push_back('\0');
  return s;
}

std::string NameKey(std::string_view text, uint64_t id) {
  std::string s = NamePrefix(text);
  PutU64(&s, id);
  return s;
}

bool DecodeNameKey(std::string_view key, std::string_view* folded, uint64_t* id) {
  if (key.size() < 9 || key[key.size() - 9] != '\0') return false;
  *folded = key.substr(0, key.size() - 9);
  *id = ReadU64(key.data() + key.size() - 8);
  return true;
}

std::vector<std::string> FoldedNames(const Entity& entity) {
  std::vector<std::string> out;
  if (std::string_view name = entity.name(); !name.empty()) out.push_back(FoldCase(name));
  for (const std::string& alias : entity.aliases())
    if (!alias.empty()) out.push_back(FoldCase(alias));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    if (static_cast<unsigned char>(s.back()) != 0xff) {
      s.back() = static_cast<char>(static_cast<unsigned char>(s.back()) + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

namespace {

// Lower-cases one code point of the scripts named in keys.h.
char32_t FoldCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
    return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c == 0x3C2) return 0x3C3;  // final sigma folds to sigma
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
    return c | 1;
  if (c == 0x4C0) return 0x4CF;
  if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

std::string FoldCase(std::string_view text) {
  // The ASCII head (all of a usual name) is folded in place in one pass:
  // each name look-up folds its text.
  std::string out(text);
  size_t i = 0;
  for (; i < out.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(out[i]);
    if (b >= 0x80) break;
    if (b >= 'A' && b <= 'Z') out[i] = static_cast<char>(b + 32);
  }
  if (i == out.size()) return out;
  out.resize(i);
  while (i < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(FoldCodePoint(b)));
      ++i;
      continue;
    }
    // Only two-byte sequences hold the folded scripts; everything else is copied.
    bool two = (b & 0xE0) == 0xC0 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80;
    if (!two) {
      out.push_back(text[i++]);
      continue;
    }
    char32_t c = ((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
    AppendUtf8(FoldCodePoint(c), &out);
    i += 2;
  }
  return out;
}

}  // namespace kg::storage::internal
