// Sentence segmentation for news text. A sentence ends at . ! ? (or the
// Chinese 。！？) followed by a space, a line break or a closing quote, except
// after a known abbreviation ("U.S.", "Inc.", "Mr.", "No. 1", "e.g."), an
// initial ("J. Smith") or inside a number ("3.5"); a blank line always ends
// one. A quotation that runs over several sentences is kept whole in
// `Quotation`s (see speakers.h), not by merging sentences.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kg::ingest {

struct Span {
  size_t start = 0;  // byte offsets into the text, [start, end)
  size_t end = 0;
};

// The sentences of `text` in order, trimmed of surrounding whitespace; empty
// ones are skipped. Every span is a substring of the text.
std::vector<Span> SplitSentences(std::string_view text);

}  // namespace kg::ingest
