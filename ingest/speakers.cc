// Quotations and who said them. A quotation is the text between curly (“ ”)
// or straight (") double quotes, or a transcript line "Name: ..."; one that
// runs past the end of a paragraph continues when the next paragraph opens
// with a quote mark (the news convention). Its speaker comes from the words
// around it: '..., Huang said', 'said Huang', 'Huang said: "..."',
// 'according to Huang', or 'he said' / 'she said', which means the last
// person named before it.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/text.h"
#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

constexpr size_t kWindow = 80;  // bytes searched around a quotation for its speaker

bool IsOpen(std::string_view t, size_t i, bool open) {
  return t.compare(i, 3, "\u201C") == 0 || (!open && t[i] == '"');
}
bool IsClose(std::string_view t, size_t i, bool open) {
  return open && (t.compare(i, 3, "\u201D") == 0 || t[i] == '"');
}
size_t MarkLen(std::string_view t, size_t i) { return t[i] == '"' ? 1 : 3; }

// The person mention nearest to a speech verb within [b, e), or -1.
int PersonIn(const Work& w, size_t b, size_t e, bool prefer_last) {
  int found = -1;
  for (const MentionRef& m : w.mentions) {
    if (m.start < b || m.end > e) continue;
    if (w.LabelOf(m.candidate) != "Person") continue;
    found = static_cast<int>(m.candidate);
    if (!prefer_last) break;
  }
  return found;
}

bool HasSpeechVerb(std::string_view lower) {
  for (std::string_view v : SpeechVerbs())
    if (ContainsPhrase(lower, v)) return true;
  return lower.find("according to") != std::string_view::npos;
}

// The last person mentioned before `pos`, for "he said".
int LastPersonBefore(const Work& w, size_t pos) {
  int found = -1;
  for (const MentionRef& m : w.mentions) {
    if (m.start >= pos) break;
    if (w.LabelOf(m.candidate) == "Person") found = static_cast<int>(m.candidate);
  }
  return found;
}

// "the NVIDIA chief", "the Xiaomi founder" in [b, e): a company mention
// after "the" and before a role word; sets the quotation's role.
bool RoleIn(Work* w, Quotation* q, size_t b, size_t e) {
  static constexpr std::pair<std::string_view, std::string_view> kRoles[] = {
      {" chief executive", "LEADS"},
      {" chief", "LEADS"},
      {" ceo", "LEADS"},
      {" boss", "LEADS"},
      {" chairman", "LEADS"},
      {" president", "LEADS"},
      {" founder", "FOUNDED"},
      {" co-founder", "FOUNDED"}};
  for (const MentionRef& m : w->mentions) {
    if (m.start < b || m.end > e) continue;
    if (w->LabelOf(m.candidate) != "Company" || m.start < 4) continue;
    if (AsciiLower(w->text.substr(m.start - 4, 4)) != "the ") continue;
    std::string rest =
        AsciiLower(w->text.substr(m.end, std::min<size_t>(20, w->text.size() - m.end)));
    for (const auto& [word, type] : kRoles)
      if (rest.starts_with(word) && !std::isalpha(static_cast<unsigned char>(
                                        rest.size() > word.size() ? rest[word.size()] : ' '))) {
        q->role_company = static_cast<int>(m.candidate);
        q->role_type = std::string(type);
        q->role_at = m.start;
        return true;
      }
  }
  return false;
}

void Attribute(Work* w, Quotation* q) {
  std::string_view t = w->text;
  size_t para_end = t.find('\n', q->close);
  if (para_end == std::string_view::npos) para_end = t.size();
  size_t after_end = std::min(para_end, q->close + kWindow);
  std::string after = AsciiLower(t.substr(q->close, after_end - q->close));
  size_t para_start = t.rfind('\n', q->open);
  para_start = para_start == std::string_view::npos ? 0 : para_start + 1;
  size_t before_start = q->open > kWindow ? std::max(para_start, q->open - kWindow) : para_start;
  std::string before = AsciiLower(t.substr(before_start, q->open - before_start));
  // After the quotation first ("...," Huang said), then before it.
  if (HasSpeechVerb(after)) {
    q->speaker = PersonIn(*w, q->close, after_end, false);
    // '..., the NVIDIA chief said': a role names the last person, as "he" does
    bool role = q->speaker < 0 && RoleIn(w, q, q->close, after_end);
    if (q->speaker < 0 && (role || ContainsPhrase(after, "he") || ContainsPhrase(after, "she")))
      q->speaker = LastPersonBefore(*w, q->open);
  }
  if (q->speaker < 0 && HasSpeechVerb(before)) {
    q->speaker = PersonIn(*w, before_start, q->open, true);
    if (q->speaker < 0 && (ContainsPhrase(before, "he") || ContainsPhrase(before, "she")))
      q->speaker = LastPersonBefore(*w, q->open);
  }
  if (q->speaker >= 0) q->speaker_name = w->candidates[static_cast<size_t>(q->speaker)].name;
}

// "Q:", "Question:", "Jensen Huang:": a line opened by a speaker's label.
bool IsLabelLine(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return false;
  size_t words = 1;
  for (size_t i = 0; i < colon; ++i) {
    char c = line[i];
    if (c == ' ') {
      ++words;
    } else if (!std::isalpha(static_cast<unsigned char>(c)) && c != '.' && c != '-') {
      return false;
    }
  }
  return words <= 3 && std::isupper(static_cast<unsigned char>(line[0]));
}

// A heading: a line without a sentence's final punctuation.
bool IsHeading(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  if (line.empty()) return true;
  char c = line.back();
  return c != '.' && c != '?' && c != '!' && c != '"' && !line.ends_with("\u201D") &&
         !line.ends_with("\u3002");
}

// The paragraphs after a transcript line that go on with the same answer:
// up to the next labelled line or heading.
void ContinueTurn(std::string_view t, Quotation* q) {
  size_t e = q->close;
  for (;;) {
    size_t b = t.find_first_not_of(" \t\r\n", e);
    if (b == std::string_view::npos) return;
    size_t ne = t.find('\n', b);
    if (ne == std::string_view::npos) ne = t.size();
    std::string_view line = t.substr(b, ne - b);
    if (IsLabelLine(line) || IsHeading(line)) return;
    q->parts.push_back({b, ne});
    q->close = e = ne;
  }
}

// "Jensen Huang: ..." transcript lines: the whole line after the colon, and
// the paragraphs that continue the answer.
void TranscriptLines(Work* w) {
  std::string_view t = w->text;
  for (const MentionRef& m : w->mentions) {
    bool line_start = m.start == 0 || t[m.start - 1] == '\n';
    if (!line_start || m.end + 2 > t.size() || t[m.end] != ':') continue;
    if (w->LabelOf(m.candidate) != "Person") continue;
    size_t b = m.end + 1;
    while (b < t.size() && t[b] == ' ') ++b;
    size_t e = t.find('\n', b);
    if (e == std::string_view::npos) e = t.size();
    if (e <= b) continue;
    Quotation q;
    q.parts.push_back({b, e});
    q.open = m.start;
    q.close = e;
    q.speaker = static_cast<int>(m.candidate);
    q.speaker_name = w->candidates[m.candidate].name;
    ContinueTurn(t, &q);
    w->quotations.push_back(std::move(q));
  }
}

}  // namespace

void FindQuotations(Work* w) {
  std::string_view t = w->text;
  Quotation cur;
  bool open = false;
  size_t part_start = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n' && open) {
      // A quotation open at a paragraph's end continues if the next
      // paragraph opens with a quote mark; otherwise it ends here.
      cur.parts.push_back({part_start, i});
      size_t next = t.find_first_not_of(" \n\t", i);
      if (next != std::string_view::npos && IsOpen(t, next, false)) {
        i = next + MarkLen(t, next) - 1;
        part_start = i + 1;
        continue;
      }
      cur.close = i;
      open = false;
      w->quotations.push_back(std::move(cur));
      cur = Quotation();
      continue;
    }
    if (IsClose(t, i, open)) {
      cur.parts.push_back({part_start, i});
      cur.close = i + MarkLen(t, i);
      open = false;
      w->quotations.push_back(std::move(cur));
      cur = Quotation();
      i += MarkLen(t, i) - 1;
    } else if (IsOpen(t, i, open)) {
      open = true;
      cur.open = i;
      part_start = i + MarkLen(t, i);
      i = part_start - 1;
    }
  }
  // Short quoted terms ("tech rock pioneer") are names, not statements.
  std::erase_if(w->quotations, [](const Quotation& q) {
    size_t n = 0;
    for (const Span& p : q.parts) n += p.end - p.start;
    return n < 25;
  });
  for (Quotation& q : w->quotations) Attribute(w, &q);
  // "the Xiaomi boss said" after "the NVIDIA chief said" is someone else:
  // a role naming another company than the person's first role leaves the
  // quotation unattributed rather than guessed.
  std::map<int, int> role_of;
  for (Quotation& q : w->quotations) {
    if (q.speaker < 0 || q.role_company < 0) continue;
    auto [it, fresh] = role_of.emplace(q.speaker, q.role_company);
    if (!fresh && it->second != q.role_company) {
      q.speaker = -1;
      q.speaker_name.clear();
      q.role_company = -1;
    }
  }
  TranscriptLines(w);
}

}  // namespace kg::ingest::internal
