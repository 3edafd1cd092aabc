// Quote matching under the documented normalisations (see quotes.h). NFC
// comes from ICU (Debian libicu-dev); the quote and whitespace folding is
// done here, keeping a map from each normalised byte back to the text so a
// match can report where it lies.
#include "storage/quotes.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <vector>

namespace kg::storage {
namespace {

// NFC of UTF-8 text; the text itself when ICU refuses it (invalid UTF-8 is
// then compared byte for byte).
std::string Nfc(std::string_view text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfc->isNormalized(u, err) && U_SUCCESS(err)) return std::string(text);
  err = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(u, err);
  if (U_FAILURE(err)) return std::string(text);
  std::string s;
  out.toUTF8String(s);
  return s;
}

// Length of the UTF-8 sequence at s[i] (1 for a stray byte).
size_t SeqLen(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  return i + n <= s.size() ? n : 1;
}

// What a character folds to: "'" or "\"" for quote marks, " " for
// whitespace, itself otherwise.
std::string_view Fold(std::string_view ch) {
  static constexpr std::string_view kSingle[] = {"\u2018", "\u2019", "\u201A", "\u201B", "\u2032"};
  static constexpr std::string_view kDouble[] = {"\u201C", "\u201D", "\u201E", "\u201F", "\u2033"};
  static constexpr std::string_view kSpace[] = {" ",      "\t",     "\n",     "\r",     "\f",
                                                "\v",     "\u00A0", "\u2002", "\u2003", "\u2009",
                                                "\u200A", "\u202F", "\u3000"};
  for (auto s : kSingle)
    if (ch == s) return "'";
  for (auto s : kDouble)
    if (ch == s) return "\"";
  for (auto s : kSpace)
    if (ch == s) return " ";
  return ch;
}

// Folded text plus, per folded byte, the offset of the text byte it came from.
struct Folded {
  std::string text;
  std::vector<size_t> origin;
};

Folded FoldText(std::string_view s) {
  Folded f;
  f.text.reserve(s.size());
  f.origin.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size();) {
    size_t n = SeqLen(s, i);
    std::string_view out = Fold(s.substr(i, n));
    if (out == " " && !f.text.empty() && f.text.back() == ' ') {
      i += n;
      continue;  // a run of whitespace stays one space
    }
    for (char c : out) {
      f.text.push_back(c);
      f.origin.push_back(i);
    }
    i += n;
  }
  f.origin.push_back(s.size());
  return f;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

// Searches the folded quote in the folded `text`; offsets into `text`.
std::optional<QuoteMatch> FoldedFind(std::string_view text, const std::string& quote) {
  Folded f = FoldText(text);
  size_t at = f.text.find(quote);
  if (at == std::string::npos) return std::nullopt;
  QuoteMatch m;
  m.start = f.origin[at];
  size_t last = at + quote.size() - 1;  // the match's last folded byte
  m.end = f.origin[last] + SeqLen(text, f.origin[last]);
  return m;
}

}  // namespace

std::string NormalizeQuoteText(std::string_view text) { return Trim(FoldText(Nfc(text)).text); }

std::optional<QuoteMatch> FindQuote(std::string_view text, std::string_view quote) {
  if (quote.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::nullopt;
  if (size_t at = text.find(quote); at != std::string_view::npos)
    return QuoteMatch{at, at + quote.size(), true, false};
  std::string q = NormalizeQuoteText(quote);
  if (q.empty()) return std::nullopt;
  if (auto m = FoldedFind(text, q)) return m;
  std::string nfc = Nfc(text);
  if (nfc.size() == text.size() && nfc == text) return std::nullopt;
  auto m = FoldedFind(nfc, q);
  if (m) m->in_nfc_text = true;
  return m;
}

}  // namespace kg::storage
