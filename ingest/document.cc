// Text extraction for kg ingest. HTML is handled by a small tag scanner, not a
// full parser: the input is an article page, and all that is wanted is its
// visible text with block elements as paragraph breaks.
#include "ingest/document.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"

namespace kg::ingest {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && AsciiLower(s.substr(s.size() - suffix.size())) == suffix;
}

// Elements whose whole content is boilerplate.
bool DroppedElement(std::string_view tag) {
  static constexpr std::string_view kDropped[] = {"script", "style",  "nav",      "header",
                                                  "footer", "aside",  "noscript", "form",
                                                  "svg",    "iframe", "template", "button"};
  return std::find(std::begin(kDropped), std::end(kDropped), tag) != std::end(kDropped);
}

// Elements that end a paragraph.
bool BlockElement(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "p",  "div", "br", "li", "ul",    "ol",         "h1",      "h2",      "h3",    "h4",  "h5",
      "h6", "tr",  "td", "th", "table", "blockquote", "section", "article", "title", "pre", "hr"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

void AppendEntity(std::string_view name, std::string* out) {
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},        {"lt", "<"},         {"gt", ">"},         {"quot", "\""},
      {"apos", "'"},       {"nbsp", " "},       {"rsquo", "\u2019"}, {"lsquo", "\u2018"},
      {"rdquo", "\u201D"}, {"ldquo", "\u201C"}, {"mdash", "\u2014"}, {"ndash", "\u2013"},
      {"hellip", "\u2026"}};
  for (const auto& [n, v] : kNamed) {
    if (name == n) {
      *out += v;
      return;
    }
  }
  if (name.size() > 1 && name[0] == '#') {
    unsigned long cp = name[1] == 'x' || name[1] == 'X'
                           ? std::strtoul(std::string(name.substr(2)).c_str(), nullptr, 16)
                           : std::strtoul(std::string(name.substr(1)).c_str(), nullptr, 10);
    if (cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF)) {
      if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
      return;
    }
  }
  *out += "&" + std::string(name) + ";";  // unknown: kept as written
}

// Collapses runs of spaces within lines and of blank lines between paragraphs.
std::string Tidy(std::string_view raw) {
  std::string out;
  size_t newlines = 0;
  bool space = false;
  for (char c : raw) {
    if (c == '\n') {
      ++newlines;
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t') {
      space = !out.empty() && newlines == 0;
      continue;
    }
    if (newlines > 0 && !out.empty())
      out += newlines > 1 ? "\n\n" : "\n";
    else if (space)
      out.push_back(' ');
    newlines = 0;
    space = false;
    out.push_back(c);
  }
  if (!out.empty()) out.push_back('\n');
  return out;
}

std::string HtmlToText(std::string_view html) {
  std::string raw;
  std::string dropping;  // the element being skipped, if any
  for (size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        size_t e = html.find("-->", i + 4);
        i = e == std::string_view::npos ? html.size() : e + 3;
        continue;
      }
      size_t e = html.find('>', i);
      if (e == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, e - i - 1);
      bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.remove_prefix(1);
      size_t n = 0;
      while (n < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[n])))) ++n;
      std::string name = AsciiLower(tag.substr(0, n));
      i = e + 1;
      if (!dropping.empty()) {
        if (closing && name == dropping) dropping.clear();
        continue;
      }
      if (!closing && DroppedElement(name) && (tag.empty() || tag.back() != '/')) {
        dropping = name;
        continue;
      }
      if (BlockElement(name)) raw += "\n\n";
      continue;
    }
    if (!dropping.empty()) {
      ++i;
      continue;
    }
    if (c == '&') {
      size_t e = html.find(';', i);
      if (e != std::string_view::npos && e - i <= 10) {
        AppendEntity(html.substr(i + 1, e - i - 1), &raw);
        i = e + 1;
        continue;
      }
    }
    raw.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    ++i;
  }
  return Tidy(raw);
}

// Drops Markdown markup that is not text: heading hashes, emphasis stars and
// underscores at word edges, link targets ([text](url) -> text), images, code
// fences and list bullets.
std::string MarkdownToText(std::string_view md) {
  std::string out;
  size_t pos = 0;
  while (pos <= md.size()) {
    size_t e = md.find('\n', pos);
    if (e == std::string_view::npos) e = md.size();
    std::string_view line = md.substr(pos, e - pos);
    pos = e + 1;
    if (line.starts_with("```")) continue;
    size_t k = 0;
    while (k < line.size() && line[k] == '#') ++k;
    if (k > 0 && k < line.size() && line[k] == ' ') line.remove_prefix(k + 1);
    if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ "))
      line.remove_prefix(2);
    if (line.starts_with("> ")) line.remove_prefix(2);
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '!' && i + 1 < line.size() && line[i + 1] == '[') continue;
      if (c == '[') {
        size_t close = line.find("](", i);
        size_t end = close == std::string_view::npos ? close : line.find(')', close);
        if (end != std::string_view::npos) {
          out += line.substr(i + 1, close - i - 1);
          i = end;
          continue;
        }
      }
      if (c == '*' || c == '`') continue;
      if (c == '_' && (i == 0 || i + 1 == line.size() ||
                       !std::isalnum(static_cast<unsigned char>(line[i - 1])) ||
                       !std::isalnum(static_cast<unsigned char>(line[i + 1]))))
        continue;
      out.push_back(c);
    }
    out.push_back('\n');
    if (pos > md.size()) break;
  }
  return Tidy(out);
}

}  // namespace

Result<DocumentFormat> ParseDocumentFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "auto" || n.empty()) return DocumentFormat::kAuto;
  if (n == "text" || n == "txt") return DocumentFormat::kText;
  if (n == "markdown" || n == "md") return DocumentFormat::kMarkdown;
  if (n == "html" || n == "htm") return DocumentFormat::kHtml;
  return Status::InvalidArgument("unknown format '" + std::string(name) +
                                 "' (expected text, markdown, html or auto)");
}

DocumentFormat GuessFormat(std::string_view path, std::string_view bytes) {
  if (EndsWith(path, ".html") || EndsWith(path, ".htm")) return DocumentFormat::kHtml;
  if (EndsWith(path, ".md") || EndsWith(path, ".markdown")) return DocumentFormat::kMarkdown;
  size_t b = bytes.find_first_not_of(" \t\r\n");
  if (b != std::string_view::npos) {
    std::string head = AsciiLower(bytes.substr(b, 15));
    if (head.starts_with("<!doctype html") || head.starts_with("<html"))
      return DocumentFormat::kHtml;
  }
  return DocumentFormat::kText;
}

Status CheckUtf8(std::string_view s, std::string_view origin) {
  auto refuse = [&](size_t at, const std::string& what) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s at offset %zu", what.c_str(), at);
    return Status::InvalidArgument(std::string(origin) + ": not UTF-8 (" + buf +
                                   "); kg ingests UTF-8 text only: convert it first, e.g. "
                                   "iconv -f latin1 -t utf-8");
  };
  if (s.starts_with("\xFF\xFE") || s.starts_with("\xFE\xFF"))
    return refuse(0, "a UTF-16 byte-order mark");
  // NUL is valid UTF-8 but, in a text file, a sign of UTF-16.
  size_t bad = FindInvalidUtf8(s.data(), s.size());
  size_t nul = s.substr(0, bad).find('\0');
  if (nul != std::string_view::npos) return refuse(nul, "a NUL byte, as in UTF-16");
  if (bad < s.size()) {
    char b[32];
    std::snprintf(b, sizeof b, "invalid byte 0x%02X", static_cast<unsigned char>(s[bad]));
    return refuse(bad, b);
  }
  return Status::OK();
}

Result<std::string> ExtractText(std::string_view bytes, DocumentFormat format,
                                std::string_view origin) {
  KG_RETURN_IF_ERROR(CheckUtf8(bytes, origin));
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::string clean;
  clean.reserve(bytes.size());
  for (char c : bytes)
    if (c != '\r') clean.push_back(c);
  if (format == DocumentFormat::kAuto) format = GuessFormat(origin, clean);
  switch (format) {
    case DocumentFormat::kHtml:
      return HtmlToText(clean);
    case DocumentFormat::kMarkdown:
      return MarkdownToText(clean);
    default:
      return clean;
  }
}

}  // namespace kg::ingest
