// Finding a quote in its source's text. A quote must be a verbatim substring;
// the only differences tolerated are those scraping and retyping introduce and
// that never change the words (docs/ingest.md, "Quote matching"):
//   1. Unicode NFC (a composed "é" equals "e" + combining acute);
//   2. curly and straight quotes: ‘ ’ ‚ ‛ ′ match ', “ ” „ ‟ ″ match ";
//   3. whitespace runs: any run of spaces, tabs, line breaks, no-break and
//      ideographic spaces matches any other such run.
// Nothing else (case, dashes, ellipses, punctuation) is normalised.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kg::storage {

struct QuoteMatch {
  // Byte offsets of the match in the text as given; when only the NFC form
  // of the text matched (the text itself is not in NFC), the offsets refer to
  // that NFC form and `in_nfc_text` is true.
  size_t start = 0;
  size_t end = 0;
  bool exact = false;  // a byte-for-byte match
  bool in_nfc_text = false;
};

// The first place `quote` occurs in `text`, exactly or else under the
// normalisations above; nullopt when it does not occur or is blank.
std::optional<QuoteMatch> FindQuote(std::string_view text, std::string_view quote);

// The normalised form both sides are compared in (NFC, quotes, whitespace
// runs as one space, trimmed). Exposed for tests.
std::string NormalizeQuoteText(std::string_view text);

}  // namespace kg::storage
