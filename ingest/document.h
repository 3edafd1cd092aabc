// Turning a file's bytes into the plain text kg ingests: UTF-8 only (other
// encodings are refused, never guessed), with HTML reduced to its visible
// text (scripts, styles, navigation, headers, footers and asides dropped) and
// Markdown markup removed. Offsets in a review file refer to this text.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace kg::ingest {

enum class DocumentFormat { kAuto, kText, kMarkdown, kHtml };

// "text", "markdown"/"md", "html"/"htm" or "auto"; InvalidArgument otherwise.
Result<DocumentFormat> ParseDocumentFormat(std::string_view name);

// The format of a file named `path` with these bytes, for kAuto: by
// extension (.html/.htm, .md/.markdown), else HTML when it starts with a
// tag such as <!DOCTYPE or <html, else plain text.
DocumentFormat GuessFormat(std::string_view path, std::string_view bytes);

// InvalidArgument "<origin>: not UTF-8 (invalid byte 0xE9 at offset 1234);
// convert it first, e.g. iconv -f latin1 -t utf-8" for invalid UTF-8 and for
// UTF-16 (a byte-order mark or NUL bytes). A UTF-8 BOM is accepted.
Status CheckUtf8(std::string_view bytes, std::string_view origin);

// The text to ingest: UTF-8 checked, BOM and \r dropped, markup removed as
// above; paragraphs separated by a blank line.
Result<std::string> ExtractText(std::string_view bytes, DocumentFormat format,
                                std::string_view origin);

}  // namespace kg::ingest
