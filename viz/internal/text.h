// Text made safe for Graphviz. Graphviz reads backslash escapes (\N, \n, \l)
// and HTML entities (&amp;) inside plain labels and tooltips, and XML inside
// HTML-like labels; SVG must stay well-formed XML. These helpers turn any
// byte string (names, quotes, titles) into text that Graphviz shows exactly.
#pragma once

#include <string>
#include <string_view>

namespace kg::viz::internal {

// Valid UTF-8 with nothing XML 1.0 forbids: invalid byte sequences,
// surrogates and U+FFFE/U+FFFF become U+FFFD; control characters other than
// newline become U+FFFD (tab becomes a space); "\r\n" and "\r" become "\n".
std::string CleanText(std::string_view text);

// For a plain `label`: CleanText, then backslash doubled, '&' as "&amp;" (so
// an entity-like name is not decoded) and newlines as the "\n" escape.
std::string PlainLabel(std::string_view text);

// For `tooltip`: CleanText, each backslash as four (Graphviz unescapes
// tooltips twice), '&' as "&amp;"; newlines kept.
std::string TooltipText(std::string_view text);

// For text inside an HTML-like label: CleanText, then XML-escaped
// (& < > " ') with newlines as <br/>.
std::string HtmlText(std::string_view text);

// Keeps the first `max_chars` code points, appending "…" when it cut.
std::string Ellipsize(std::string_view text, size_t max_chars);

}  // namespace kg::viz::internal
