// Sentence-level co-reference for the relation passes: "we", "I", "he",
// "its", "the company" stand for an entity named elsewhere, resolved only
// where it is safe (the quotation's speaker and the company they lead, the
// last person named, the last company or product of the sentence). The
// resolved pronouns are extra mentions for relations; they never make entity
// candidates and never feed stances or speakers. Lists of mentions ("A, B,
// and C") are found here too.
#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

constexpr size_t kNoCandidate = static_cast<size_t>(-1);

bool Overlaps(const std::vector<MentionRef>& ms, size_t b, size_t e) {
  auto it = std::lower_bound(ms.begin(), ms.end(), b,
                             [](const MentionRef& m, size_t pos) { return m.end <= pos; });
  return it != ms.end() && it->start < e;
}

// The company the speaker leads or founded, as this article states it.
size_t SpeakerCompany(const Work& w, size_t speaker) {
  const std::string& id = w.candidates[speaker].id;
  for (const Candidate& c : w.candidates) {
    if (c.kind != CandidateKind::kRelation || c.from != id) continue;
    if (c.type != "LEADS" && c.type != "FOUNDED") continue;
    int to = CandidateIndex(w, c.to);
    if (to >= 0 && w.LabelOf(static_cast<size_t>(to)) == "Company") return static_cast<size_t>(to);
  }
  return kNoCandidate;
}

size_t LastWithLabel(const Work& w, size_t from, size_t pos, std::string_view label,
                     size_t exclude = kNoCandidate) {
  size_t found = kNoCandidate;
  for (const MentionRef& m : w.mentions) {
    if (m.start >= pos) break;
    if (m.start < from || m.candidate == exclude) continue;
    if (w.LabelOf(m.candidate) == label && w.candidates[m.candidate].ambiguous.empty())
      found = m.candidate;
  }
  return found;
}

// "it"/"its": the sentence's last company before it, else its last product
// or model; a sentence-initial "It" looks at the previous sentence.
size_t LastThing(const Work& w, size_t sentence, size_t pos) {
  Span s = w.sentences[sentence];
  if (pos == s.start) {
    if (sentence == 0) return kNoCandidate;
    s = w.sentences[sentence - 1];
    pos = s.end;
  }
  for (std::string_view label : {"Company", "Product", "AIModel"})
    if (size_t c = LastWithLabel(w, s.start, pos, label); c != kNoCandidate) return c;
  return kNoCandidate;
}

// "Unitree Robotics, the Chinese maker ..., said that it runs on processors
// designed by Huawei. The company ...": a sentence opened by "The company"
// goes on about the previous sentence's subject, the company that opens
// it, rather than the last company it names.
size_t PreviousSubject(const Work& w, size_t sentence, size_t pos) {
  if (sentence == 0 || pos != w.sentences[sentence].start) return kNoCandidate;
  Span prev = w.sentences[sentence - 1];
  for (const MentionRef& m : w.mentions) {
    if (m.start > prev.start) break;
    if (m.start == prev.start && w.LabelOf(m.candidate) == "Company" &&
        w.candidates[m.candidate].ambiguous.empty())
      return m.candidate;
  }
  return kNoCandidate;
}

// Whether a sentence opens with a transcript label ("Q:", "Jensen Huang:"):
// at most three capitalised words before a colon. Sets `question` for the
// interviewer's ("Q", "Question").
bool OpensWithLabel(std::string_view s, bool* question) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return false;
  if (!std::isupper(static_cast<unsigned char>(s[0]))) return false;
  size_t words = 1;
  for (size_t i = 0; i < colon; ++i) {
    if (s[i] == ' ') {
      ++words;
    } else if (!std::isalpha(static_cast<unsigned char>(s[i])) && s[i] != '.' && s[i] != '-') {
      return false;
    }
  }
  *question = s.substr(0, colon) == "Q" || s.substr(0, colon) == "Question";
  return words <= 3;
}

// A yes/no question asserts nothing ("Do you plan to invest in the United
// States?" may be answered "No"), unless a word presupposes the state it
// asks about ("Will you continue to collaborate with ...?", "Do you still
// plan to ..."); a wh-question presupposes its content ("Why are you
// launching RTX Pro in China?") and a statement asserts it.
bool Asserted(const Work& w, size_t sentence) {
  static constexpr std::string_view kAuxiliaries[] = {
      "do",  "does", "did",  "will", "would",  "can",   "could", "are",  "is",
      "was", "were", "have", "has",  "should", "shall", "may",   "might"};
  static constexpr std::string_view kPresupposing[] = {"continue", "still",  "keep",
                                                       "again",    "remain", "stop"};
  Span s = w.sentences[sentence];
  std::string lower = AsciiLower(w.text.substr(s.start, s.end - s.start));
  while (!lower.empty() && (lower.back() == ' ' || lower.back() == '\n')) lower.pop_back();
  if (!lower.ends_with("?")) return true;
  size_t colon = lower.find(':');
  size_t b = colon == std::string::npos || colon > 40 ? 0 : colon + 1;
  while (b < lower.size() && lower[b] == ' ') ++b;
  size_t e = lower.find(' ', b);
  std::string_view first = std::string_view(lower).substr(b, e == std::string::npos ? e : e - b);
  if (std::find(std::begin(kAuxiliaries), std::end(kAuxiliaries), first) == std::end(kAuxiliaries))
    return true;
  for (std::string_view p : kPresupposing)
    if (ContainsPhrase(lower, p)) return true;
  return false;
}

// "Q: Will you continue to collaborate with ...?": "you" in an
// interviewer's question is the person whose answer follows, the speaker of
// the next quotation or transcript turn (within 2,000 bytes).
size_t Addressee(const Work& w, size_t pos) {
  bool question = false;
  for (size_t k = w.SentenceAt(pos) + 1; k-- > 0;) {
    Span s = w.sentences[k];
    if (OpensWithLabel(w.text.substr(s.start, s.end - s.start), &question)) break;
    bool paragraph_start =
        k == 0 ||
        w.text.substr(w.sentences[k - 1].end, s.start - w.sentences[k - 1].end).find('\n') !=
            std::string_view::npos;
    if (paragraph_start) return kNoCandidate;  // no label opens the paragraph
  }
  if (!question || !Asserted(w, w.SentenceAt(pos))) return kNoCandidate;
  const Quotation* next = nullptr;
  for (const Quotation& q : w.quotations)
    if (q.open > pos && q.speaker >= 0 && q.open - pos <= 2000 && (!next || q.open < next->open))
      next = &q;
  return next ? static_cast<size_t>(next->speaker) : kNoCandidate;
}

size_t Resolve(const Work& w, const Pronoun& p, size_t pos) {
  const Quotation* q = QuotationAt(w, pos);
  size_t speaker = q && q->speaker >= 0 ? static_cast<size_t>(q->speaker) : kNoCandidate;
  size_t si = w.SentenceAt(pos);
  size_t three_back = w.sentences[si >= 2 ? si - 2 : 0].start;
  switch (p.refers) {
    case Referent::kSpeaker:
      return speaker;
    case Referent::kSpeakerCompany:
      return speaker == kNoCandidate ? kNoCandidate : SpeakerCompany(w, speaker);
    case Referent::kLastPerson:
      // Inside a quotation "he" is someone other than the speaker.
      return LastWithLabel(w, three_back, pos, "Person", speaker);
    case Referent::kLastThing:
      return LastThing(w, si, pos);
    case Referent::kLastCompany:
      if (size_t c = PreviousSubject(w, si, pos); c != kNoCandidate) return c;
      return LastWithLabel(w, three_back, pos, "Company");
    case Referent::kLastProduct:
      return LastWithLabel(w, three_back, pos, "Product");
    case Referent::kAddressee:
      return Addressee(w, pos);
  }
  return kNoCandidate;
}

// A list separator between two mentions: ", ", " and ", ", and ", " or ",
// the Chinese "、", after an optional glued ticker ("AMDAMD--, ").
bool IsListSeparator(std::string_view gap) {
  size_t i = 0;
  while (i < gap.size() && i < 6 && gap[i] >= 'A' && gap[i] <= 'Z') ++i;
  if (i > 0 && gap.substr(i).starts_with("--")) gap.remove_prefix(i + 2);
  if (gap.ends_with(" the ") && (gap.starts_with(" and") || gap.starts_with(", and") ||
                                 gap.starts_with(" or") || gap.starts_with(", or")))
    gap.remove_suffix(4);  // "the Tesla Model S and the Porsche Taycan"
  return gap == ", " || gap == " and " || gap == ", and " || gap == " or " || gap == ", or " ||
         gap == "\u3001" || gap == "\uFF0C" || gap == " & ";
}

}  // namespace

int SpeakerCompanyOf(const Work& w, size_t speaker) {
  size_t c = SpeakerCompany(w, speaker);
  return c == kNoCandidate ? -1 : static_cast<int>(c);
}

const Quotation* QuotationAt(const Work& w, size_t pos) {
  for (const Quotation& q : w.quotations)
    for (const Span& p : q.parts)
      if (pos >= p.start && pos < p.end) return &q;
  return nullptr;
}

int CandidateIndex(const Work& w, std::string_view id) {
  for (size_t i = 0; i < w.candidates.size(); ++i)
    if (w.candidates[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<MentionRef> WithPronouns(const Work& w) {
  std::vector<MentionRef> out = w.mentions;
  std::vector<MentionRef> found;
  for (const Span& s : w.sentences) {
    std::string_view sent = w.text.substr(s.start, s.end - s.start);
    for (const Pronoun& p : Pronouns()) {
      std::string cap(p.word);
      cap[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cap[0])));
      for (std::string_view form : {std::string_view(p.word), std::string_view(cap)}) {
        for (size_t at = sent.find(form); at != std::string_view::npos;
             at = sent.find(form, at + 1)) {
          if (!WordAt(sent, at, form)) continue;
          // "its" must not also be found as "it", "the company's" as "the company".
          if (at + form.size() < sent.size() &&
              (sent[at + form.size()] == '\'' || sent.compare(at + form.size(), 3, "\u2019") == 0))
            if (!p.possessive) continue;
          size_t b = s.start + at;
          size_t e = b + form.size();
          if (Overlaps(w.mentions, b, e) || Overlaps(found, b, e)) continue;
          size_t cand = Resolve(w, p, b);
          if (cand == kNoCandidate) continue;
          MentionRef m{b, e, cand, true, p.possessive, {}};
          found.insert(std::upper_bound(found.begin(), found.end(), m,
                                        [](const MentionRef& x, const MentionRef& y) {
                                          return x.start < y.start;
                                        }),
                       m);
        }
        if (cap == p.word) break;  // "I"
      }
    }
  }
  AddPluralAnaphors(w, &found);
  out.insert(out.end(), found.begin(), found.end());
  std::sort(out.begin(), out.end(),
            [](const MentionRef& a, const MentionRef& b) { return a.start < b.start; });
  return out;
}

// Two mentions joined by ", and" are two clauses, not a list (the serial
// comma needs three items): "supplies HBM, and NVIDIA buys it".
// But "breakthroughs in chips, network solutions, and photonics" is a list
// whose first item is no mention: the first mention follows a list comma
// after a lower-case word.
static bool ClauseJoin(const Work& w, const MentionRef& x, const MentionRef& y) {
  std::string_view gap = w.text.substr(x.end, y.start - x.end);
  if (gap.find(", and ") == std::string_view::npos && gap.find(", or ") == std::string_view::npos)
    return false;
  std::string_view before = w.text.substr(0, x.start);
  if (!before.ends_with(", ") || before.size() < 3) return true;
  char last = before[before.size() - 3];
  return !(last >= 'a' && last <= 'z');
}

size_t ListFirst(const Work& w, const std::vector<MentionRef>& ms, size_t i) {
  size_t s = w.SentenceAt(ms[i].start);
  size_t last = i;
  while (i > 0 && !ms[i - 1].pronoun && w.SentenceAt(ms[i - 1].start) == s &&
         ms[i - 1].end <= ms[i].start &&
         IsListSeparator(w.text.substr(ms[i - 1].end, ms[i].start - ms[i - 1].end)))
    --i;
  if (last == i + 1 && ClauseJoin(w, ms[i], ms[last])) return last;
  return i;
}

size_t ListLast(const Work& w, const std::vector<MentionRef>& ms, size_t i) {
  size_t s = w.SentenceAt(ms[i].start);
  size_t first = i;
  while (i + 1 < ms.size() && !ms[i + 1].pronoun && w.SentenceAt(ms[i + 1].start) == s &&
         ms[i].end <= ms[i + 1].start &&
         IsListSeparator(w.text.substr(ms[i].end, ms[i + 1].start - ms[i].end)))
    ++i;
  if (i == first + 1 && ClauseJoin(w, ms[first], ms[i])) return first;
  return i;
}

int CountryCandidate(Work* w, std::string_view name, Span sentence) {
  for (size_t i = 0; i < w->candidates.size(); ++i) {
    const Candidate& c = w->candidates[i];
    if (c.kind == CandidateKind::kEntity && c.label == "Country" && c.name == name)
      return static_cast<int>(i);
  }
  if (!w->txn) return -1;
  auto ids = w->txn->FindByName(name);
  if (!ids.ok() || ids->size() != 1) return -1;
  auto cand = KnownCandidate(w, (*ids)[0], sentence, std::string(name));
  if (!cand.ok() || w->LabelOf(*cand) != "Country") return -1;
  return static_cast<int>(*cand);
}

}  // namespace kg::ingest::internal
