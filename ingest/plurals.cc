// Plural phrases that stand for several entities named before them, and
// lists whose members are alternatives to each other:
// - plural anaphora: "these companies", "all three companies", "both
//   firms" refer back to the last list of companies in the last three
//   sentences ("companies like Baidu, Alibaba, and Tencent ... it is my honor
//   to collaborate with these companies"); the phrase becomes a mention whose
//   `members` are the list's candidates, so every rule relates each member;
// - alternatives: "choose between A, B, and C", "the competition among
//   <group>" (with the group's members listed in the sentence before): the
//   members are rivals, COMPETES_WITH each other, and join a Group entity
//   the phrase names (MEMBER_OF); "besides A, there are B and C" states A,
//   B and C are things of one kind, rivals too (weakly).
#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

constexpr std::string_view kNumbers[] = {"two", "three", "four", "five", "six"};

size_t NumberWord(std::string_view word) {
  for (size_t i = 0; i < std::size(kNumbers); ++i)
    if (word == kNumbers[i]) return i + 2;
  return 0;
}

// The lower-case word ending at `end` of `lower` (letters only), or empty.
std::string_view WordBefore(std::string_view lower, size_t end) {
  size_t b = end;
  while (b > 0 && lower[b - 1] >= 'a' && lower[b - 1] <= 'z') --b;
  return lower.substr(b, end - b);
}

struct Plural {
  size_t start = 0;  // of the determiner, in the sentence
  size_t count = 0;  // the number the phrase states, 0 when none
  bool ok = false;
};

// The determiner before a group noun at `at` of a lower-case sentence:
// "these [N]", "those [N]", "all N", "the N", "both".
Plural DeterminerBefore(std::string_view lower, size_t at) {
  Plural p;
  if (at < 2 || lower[at - 1] != ' ') return p;
  size_t end = at - 1;
  std::string_view word = WordBefore(lower, end);
  p.count = NumberWord(word);
  if (p.count != 0) {
    if (end < word.size() + 2 || lower[end - word.size() - 1] != ' ') return p;
    end -= word.size() + 1;
    word = WordBefore(lower, end);
  }
  bool det = word == "these" || word == "those" ||
             (p.count != 0 && (word == "all" || word == "the")) || (p.count == 0 && word == "both");
  if (!det) return p;
  if (word == "both") p.count = 2;
  p.start = end - word.size();
  if (p.start > 0 && std::isalpha(static_cast<unsigned char>(lower[p.start - 1]))) return p;
  p.ok = true;
  return p;
}

bool Overlapping(const std::vector<MentionRef>& ms, size_t b, size_t e) {
  for (const MentionRef& m : ms)
    if (m.start < e && b < m.end) return true;
  return false;
}

// The kinds whose members may be rivals, all of one kind.
bool RivalKind(std::string_view label) {
  return label == "Company" || label == "Product" || label == "AIModel";
}

void AddPair(Work* w, std::string_view type, size_t a, size_t b, Span quote, double conf,
             const std::string& why) {
  if (a == b || !Usable(*w, a) || !Usable(*w, b)) return;
  if (!TypeAllows(*w->ontology, type, w->LabelOf(a), w->LabelOf(b))) return;
  AddRelation(w, std::string(type), a, b, quote, conf, why);
}

struct AlternativeMarker {
  std::string_view words;
  bool negatable;  // "no competition between": dropped when negated
  double confidence;
};

// The phrases before a list of alternatives. Choosing between them states
// they are alternatives whether or not one is chosen ("I will not choose
// between A and B"), so only the competition phrases can be negated.
constexpr AlternativeMarker kAlternativeMarkers[] = {
    {"choose between ", false, 0.6},     {"choose among ", false, 0.6},
    {"choosing between ", false, 0.6},   {"choice between ", false, 0.6},
    {"competition between ", true, 0.7}, {"competition among ", true, 0.7},
    {"competition amongst ", true, 0.7}, {"rivalry between ", true, 0.7},
    {"price war between ", true, 0.65},
};

// The members of the mention at ms[k] after an alternatives marker: its
// list, a plural anaphor's members, or a Group entity's members listed in
// the sentence before (then `group` is set).
std::vector<size_t> AlternativesAt(const Work& w, const std::vector<MentionRef>& ms, size_t k,
                                   int* group) {
  std::vector<size_t> out;
  if (!ms[k].members.empty()) return ms[k].members;
  if (ms[k].pronoun) return out;
  if (w.LabelOf(ms[k].candidate) == "Group") {
    out = AntecedentList(w, ms[k].start, 1, 0);
    if (!out.empty()) *group = static_cast<int>(ms[k].candidate);
    return out;
  }
  for (size_t i = k; i <= ListLast(w, ms, k); ++i) out.push_back(ms[i].candidate);
  return out.size() >= 2 ? out : std::vector<size_t>{};
}

// "Besides Xiaomi, there are NIO, Li Auto, and XPeng": the mention after
// "besides" and the listed ones are things of one kind in one market,
// rivals; stated weakly (0.5, never accepted by default).
void BesidesThereAre(Work* w, const std::vector<MentionRef>& ms) {
  static constexpr std::string_view kOpeners[] = {"besides ", "apart from ", "aside from ",
                                                  "in addition to "};
  static constexpr std::string_view kThere[] = {", there are ", ", there is ", ", there's ",
                                                ", there are also ", ", there is also "};
  for (size_t k = 0; k + 1 < ms.size(); ++k) {
    const MentionRef& x = ms[k];
    if (x.pronoun || !x.members.empty()) continue;
    size_t si = w->SentenceAt(x.start);
    Span s = w->sentences[si];
    std::string lead = AsciiLower(w->text.substr(s.start, x.start - s.start));
    bool opened = false;
    for (std::string_view o : kOpeners)
      opened |=
          lead.ends_with(o) && (lead.size() == o.size() || lead[lead.size() - o.size() - 1] == ' ');
    if (!opened) continue;
    const MentionRef& y = ms[k + 1];
    if (y.pronoun || y.start < x.end || w->SentenceAt(y.start) != si) continue;
    std::string gap = AsciiLower(w->text.substr(x.end, y.start - x.end));
    if (std::find(std::begin(kThere), std::end(kThere), gap) == std::end(kThere)) continue;
    std::vector<size_t> members{x.candidate};
    for (size_t i = k + 1; i <= ListLast(*w, ms, k + 1); ++i) members.push_back(ms[i].candidate);
    std::string label = w->LabelOf(x.candidate);  // a copy: candidates may grow
    if (!RivalKind(label) || members.size() < 2) continue;
    if (!std::all_of(members.begin(), members.end(),
                     [&](size_t c) { return w->LabelOf(c) == label; }))
      continue;
    for (size_t i = 0; i < members.size(); ++i)
      for (size_t j = i + 1; j < members.size(); ++j)
        AddPair(w, "COMPETES_WITH", members[i], members[j], s, 0.5,
                "'besides <a>, there are <b, c>': alternatives of one kind");
  }
}

}  // namespace

std::vector<size_t> AntecedentList(const Work& w, size_t pos, size_t back, size_t count) {
  size_t si = w.SentenceAt(pos);
  size_t from = w.sentences[si >= back ? si - back : 0].start;
  const std::vector<MentionRef>& ms = w.mentions;
  size_t last = ms.size();
  for (size_t i = 0; i < ms.size() && ms[i].end <= pos; ++i)
    if (ms[i].start >= from && w.LabelOf(ms[i].candidate) == "Company") last = i;
  if (last == ms.size()) return {};
  std::vector<size_t> out;
  for (size_t i = ListFirst(w, ms, last); i <= last; ++i) {
    if (w.LabelOf(ms[i].candidate) != "Company" || !Usable(w, ms[i].candidate)) return {};
    out.push_back(ms[i].candidate);
  }
  if (out.size() < 2 || (count != 0 && out.size() != count)) return {};
  return out;
}

void AddPluralAnaphors(const Work& w, std::vector<MentionRef>* found) {
  for (const Span& s : w.sentences) {
    std::string lower = AsciiLower(w.text.substr(s.start, s.end - s.start));
    for (const GroupNoun& n : GroupNouns()) {
      for (size_t at = lower.find(n.word); at != std::string::npos;
           at = lower.find(n.word, at + 1)) {
        if (!WordAt(lower, at, n.word)) continue;
        Plural p = DeterminerBefore(lower, at);
        if (!p.ok) continue;
        size_t b = s.start + p.start;
        size_t e = s.start + at + n.word.size();
        if (Overlapping(w.mentions, b, e) || Overlapping(*found, b, e)) continue;
        std::vector<size_t> members = AntecedentList(w, b, 2, p.count);
        if (members.empty()) continue;
        MentionRef m{b, e, members[0], true, false, std::move(members)};
        found->insert(std::upper_bound(found->begin(), found->end(), m,
                                       [](const MentionRef& x, const MentionRef& y) {
                                         return x.start < y.start;
                                       }),
                      std::move(m));
      }
    }
  }
}

void FindAlternatives(Work* w, const std::vector<MentionRef>& ms) {
  BesidesThereAre(w, ms);
  for (size_t si = 0; si < w->sentences.size(); ++si) {
    Span s = w->sentences[si];
    std::string lower = AsciiLower(w->text.substr(s.start, s.end - s.start));
    for (const AlternativeMarker& mk : kAlternativeMarkers) {
      for (size_t at = lower.find(mk.words); at != std::string::npos;
           at = lower.find(mk.words, at + 1)) {
        if (at > 0 && std::isalpha(static_cast<unsigned char>(lower[at - 1]))) continue;
        std::string_view before = std::string_view(lower).substr(0, at);
        if (mk.negatable && (Negated(before) || ContainsPhrase(before, "no"))) continue;
        size_t first = s.start + at + mk.words.size();
        if (std::string_view(lower).substr(at + mk.words.size()).starts_with("the ")) first += 4;
        auto it = std::lower_bound(ms.begin(), ms.end(), first,
                                   [](const MentionRef& m, size_t p) { return m.start < p; });
        if (it == ms.end() || it->start != first) continue;
        int group = -1;
        std::vector<size_t> members =
            AlternativesAt(*w, ms, static_cast<size_t>(it - ms.begin()), &group);
        if (members.size() < 2) continue;
        std::string label = w->LabelOf(members[0]);  // a copy: candidates may grow
        if (!RivalKind(label)) continue;
        bool same = std::all_of(members.begin(), members.end(),
                                [&](size_t c) { return w->LabelOf(c) == label; });
        if (!same) continue;
        std::string why =
            "alternatives after '" + std::string(mk.words.substr(0, mk.words.size() - 1)) + "'";
        if (group >= 0)
          why += ", the members of '" + w->candidates[static_cast<size_t>(group)].name +
                 "' listed in the sentence before";
        for (size_t i = 0; i < members.size(); ++i) {
          if (group >= 0)
            AddPair(w, "MEMBER_OF", members[i], static_cast<size_t>(group), s, mk.confidence - 0.05,
                    why);
          for (size_t j = i + 1; j < members.size(); ++j)
            AddPair(w, "COMPETES_WITH", members[i], members[j], s, mk.confidence, why);
        }
      }
    }
  }
}

}  // namespace kg::ingest::internal
