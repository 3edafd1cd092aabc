// The sentence splitter: one left-to-right pass deciding at each terminator
// whether it ends a sentence.
#include "ingest/segment.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace kg::ingest {
namespace {

// Abbreviations after which a period does not end a sentence (compared
// case-sensitively on the word before the period, without it).
bool IsAbbreviation(std::string_view w) {
  static constexpr std::string_view kAbbrev[] = {
      "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "Sr",  "Jr",     "St",  "Inc",  "Corp", "Co",   "Ltd",
      "Jan", "Feb", "Mar", "Apr", "Jun",  "Jul", "Aug",    "Sep", "Sept", "Oct",  "Nov",  "Dec",
      "No",  "Nos", "vs",  "etc", "e.g",  "i.e", "approx", "Gov", "Sen",  "Rep",  "Gen",  "Fig",
      "U.S", "U.K", "U.N", "E.U", "a.m",  "p.m", "Mt",     "Ave", "Dept", "est",  "Bros", "Messrs"};
  return std::find(std::begin(kAbbrev), std::end(kAbbrev), w) != std::end(kAbbrev);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The word ending just before position `dot` (letters, digits and inner dots).
std::string_view WordBefore(std::string_view t, size_t dot) {
  size_t b = dot;
  while (b > 0 && (std::isalnum(static_cast<unsigned char>(t[b - 1])) || t[b - 1] == '.')) --b;
  return t.substr(b, dot - b);
}

// Closing quotes or brackets that belong to the sentence they end.
size_t SkipClosers(std::string_view t, size_t i) {
  for (;;) {
    if (i < t.size() && (t[i] == '"' || t[i] == '\'' || t[i] == ')')) {
      ++i;
    } else if (t.compare(i, 3, "\u201D") == 0 || t.compare(i, 3, "\u2019") == 0 ||
               t.compare(i, 3, "\u300D") == 0 || t.compare(i, 3, "\uFF09") == 0) {
      i += 3;
    } else {
      return i;
    }
  }
}

// True when the period at `i` is part of a token, not a sentence end.
bool PeriodInsideToken(std::string_view t, size_t i) {
  if (i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 1])) && i > 0 &&
      std::isdigit(static_cast<unsigned char>(t[i - 1])))
    return true;  // 3.5, 1.5
  std::string_view w = WordBefore(t, i);
  // "U.S." rarely ends a sentence in news text ("the U.S. Commerce
  // Department"), so an abbreviation never does; a blank line still does.
  if (IsAbbreviation(w)) return true;
  if (w.size() == 1 && std::isupper(static_cast<unsigned char>(w[0]))) return true;  // initials
  if (w.find('.') != std::string_view::npos && w.size() <= 6) return true;  // "e.g", "U.S.A"
  return false;
}

// A heading: a short line without a sentence's final punctuation whose
// words are mostly capitalised ("New RTX Pro GPU Targets Digital Twins, and
// Robotics"). It ends at its line break although no terminator does; a
// hard-wrapped line of prose (mostly lower-case words) does not.
bool IsHeadingLine(std::string_view line) {
  while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
  if (line.empty() || line.size() > 160) return false;
  char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == ',' || last == ';' || last == ':' ||
      last == '"' || line.ends_with("\u201D") || line.ends_with("\u3002"))
    return false;
  size_t words = 0, caps = 0;
  for (size_t i = 0; i < line.size();) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (std::isalpha(c)) {
      ++words;
      caps += std::isupper(c) ? 1 : 0;
    }
    while (i < line.size() && line[i] != ' ') ++i;
  }
  return words >= 3 && caps * 10 >= words * 7;
}

void Push(std::string_view t, size_t b, size_t e, std::vector<Span>* out) {
  while (b < e && IsSpace(t[b])) ++b;
  while (e > b && IsSpace(t[e - 1])) --e;
  if (e > b) out->push_back({b, e});
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view t) {
  std::vector<Span> out;
  size_t begin = 0;
  for (size_t i = 0; i < t.size();) {
    if (t[i] == '\n' && i + 1 < t.size() &&
        t.find_first_not_of(" \t\r", i + 1) != std::string_view::npos &&
        t[t.find_first_not_of(" \t\r", i + 1)] == '\n') {
      Push(t, begin, i, &out);  // a blank line: paragraph end
      begin = i + 1;
      ++i;
      continue;
    }
    if (t[i] == '\n' && i > begin) {
      size_t line_start = t.rfind('\n', i - 1);
      line_start =
          line_start == std::string_view::npos || line_start < begin ? begin : line_start + 1;
      size_t next = t.find_first_not_of(" \t\r", i + 1);
      bool next_upper =
          next != std::string_view::npos && std::isupper(static_cast<unsigned char>(t[next]));
      if (next_upper && IsHeadingLine(t.substr(line_start, i - line_start))) {
        Push(t, begin, i, &out);  // a heading ends at its line break
        begin = i + 1;
        ++i;
        continue;
      }
    }
    size_t len = 0;
    if (t[i] == '.' || t[i] == '!' || t[i] == '?') len = 1;
    if (t.compare(i, 3, "\u3002") == 0 || t.compare(i, 3, "\uFF01") == 0 ||
        t.compare(i, 3, "\uFF1F") == 0)
      len = 3;  // Chinese full stop, exclamation and question marks
    if (len == 0 || (t[i] == '.' && PeriodInsideToken(t, i))) {
      ++i;
      continue;
    }
    size_t e = i + len;
    while (e < t.size() && (t[e] == '.' || t[e] == '!' || t[e] == '?')) ++e;  // "?!", "..."
    e = SkipClosers(t, e);
    // Latin text needs a space after the terminator; Chinese text does not.
    if (len == 1 && e < t.size() && !IsSpace(t[e])) {
      i = e;
      continue;
    }
    Push(t, begin, e, &out);
    begin = e;
    i = e;
  }
  Push(t, begin, t.size(), &out);
  return out;
}

}  // namespace kg::ingest
