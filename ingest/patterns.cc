// Relation patterns that are not a cue between two mentions:
// - group phrases with listed members ("Chinese electric vehicle companies
//   such as Xiaomi, Nio, and XPeng", "competitors like AMD, Huawei",
//   "cloud providers (e.g., Amazon, Google)"): MEMBER_OF the group entity,
//   BASED_IN the country of a demonym or "in <Country>", and the relation
//   of a typed group noun with its owner (competitors: COMPETES_WITH);
// - possessives ("NVIDIA's H20" MAKES, "Intel's x86 architecture"
//   DEVELOPS, "its Hopper architecture" BASED_ON, "Trump's H20 ban"
//   RESTRICTS), from the lexicon's possessive rules;
// - markets ("its commitment to the Chinese market": SELLS_IN) and
//   launches ("launching RTX Pro in China": SELLS_IN);
// - copulas in quotations ("SK Hynix and Micron are excellent partners"
//   said by NVIDIA's chief: PARTNERS_WITH NVIDIA) and "<person> of
//   <company>" (MEMBER_OF);
// - what names and appositions say: names.cc.
// Every candidate's quote is its sentence.
#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {

std::string_view CountryOfDemonym(std::string_view word) {
  for (const Demonym& d : Demonyms())
    if (d.adjective == word) return d.country;
  return {};
}

std::string_view DemonymOf(std::string_view country) {
  for (const Demonym& d : Demonyms())
    if (d.country == country) return d.adjective;
  return {};
}

void AddChecked(Work* w, std::string_view type, size_t from, size_t to, size_t sentence,
                double conf, const std::string& why) {
  if (!Usable(*w, from) || !Usable(*w, to)) return;
  if (!TypeAllows(*w->ontology, type, w->LabelOf(from), w->LabelOf(to))) return;
  AddRelation(w, std::string(type), from, to, w->sentences[sentence], conf, why);
}

// The word (letters, hyphens) ending at `end`, or empty.
std::string_view WordEndingAt(std::string_view t, size_t end) {
  size_t b = end;
  while (b > 0 && (std::isalpha(static_cast<unsigned char>(t[b - 1])) || t[b - 1] == '-')) --b;
  return t.substr(b, end - b);
}

std::string_view WordStartingAt(std::string_view t, size_t pos) {
  size_t e = pos;
  while (e < t.size() && (std::isalpha(static_cast<unsigned char>(t[e])) || t[e] == '-')) ++e;
  return t.substr(pos, e - pos);
}

namespace {

constexpr size_t kPhraseWindow = 70;  // bytes of a group phrase before its marker

// The index of the first mention starting at or after `pos`.
size_t MentionFrom(const std::vector<MentionRef>& ms, size_t pos) {
  return static_cast<size_t>(
      std::lower_bound(ms.begin(), ms.end(), pos,
                       [](const MentionRef& m, size_t p) { return m.start < p; }) -
      ms.begin());
}

struct Marker {
  size_t start;  // where the marker begins (the group phrase ends here)
  size_t end;    // where the first member should begin
};

// " such as ", " like ", " including ", " (e.g., ", " e.g. " in a sentence.
std::vector<Marker> Markers(std::string_view t, Span s) {
  static constexpr std::string_view kMarkers[] = {" such as ",    " like ",        ", including ",
                                                  " including ",  " (e.g., ",      " (e.g. ",
                                                  " (including ", ", especially ", " e.g. "};
  std::vector<Marker> out;
  std::string_view sent = t.substr(s.start, s.end - s.start);
  for (std::string_view m : kMarkers)
    for (size_t at = sent.find(m); at != std::string_view::npos; at = sent.find(m, at + 1))
      out.push_back({s.start + at, s.start + at + m.size()});
  std::sort(out.begin(), out.end(), [](const Marker& a, const Marker& b) { return a.end < b.end; });
  return out;
}

struct GroupPhrase {
  Span span;
  const GroupNoun* noun = nullptr;
  size_t noun_start = 0;
};

// The group phrase before a marker: back to the previous clause punctuation
// (a comma right before the marker belongs to it: "companies in China, like").
GroupPhrase PhraseBefore(const Work& w, Span sentence, size_t marker) {
  GroupPhrase g;
  size_t e = marker;
  if (e > sentence.start && w.text[e - 1] == ',') --e;
  size_t b = e > sentence.start + kPhraseWindow ? e - kPhraseWindow : sentence.start;
  std::string_view t = w.text;
  for (size_t k = e; k > b; --k)
    if (t[k - 1] == ',' || t[k - 1] == ';' || t[k - 1] == ':' || t[k - 1] == '(' ||
        t[k - 1] == '"') {
      b = k;
      break;
    }
  g.span = {b, e};
  std::string lower = AsciiLower(t.substr(b, e - b));
  size_t best = std::string::npos;
  for (const GroupNoun& n : GroupNouns())
    for (size_t at = lower.find(n.word); at != std::string::npos; at = lower.find(n.word, at + 1))
      if (WordAt(lower, at, n.word) && (best == std::string::npos || at > best)) {
        best = at;
        g.noun = &n;
      }
  if (g.noun) g.noun_start = b + best;
  return g;
}

// The owner of "NVIDIA's competitors", "our suppliers", or else the last
// company named earlier in the sentence ("Despite NVIDIA's dominance ...,
// competitors like ..."); -1 when none.
int GroupOwner(const Work& w, const std::vector<MentionRef>& ms, const GroupPhrase& g,
               Span sentence) {
  int last_company = -1;
  for (const MentionRef& m : ms) {
    if (m.start < sentence.start || !m.members.empty()) continue;  // a plural owns no group
    if (m.end > g.noun_start) break;
    std::string_view between = w.text.substr(m.end, g.noun_start - m.end);
    bool possessor = between == "'s " || between == "\u2019s " || (m.possessive && between == " ");
    if (possessor) return static_cast<int>(m.candidate);
    if (w.LabelOf(m.candidate) == "Company") last_company = static_cast<int>(m.candidate);
  }
  return last_company;
}

void GroupLists(Work* w, const std::vector<MentionRef>& ms) {
  for (size_t si = 0; si < w->sentences.size(); ++si) {
    Span s = w->sentences[si];
    for (const Marker& mk : Markers(w->text, s)) {
      size_t first = MentionFrom(ms, mk.end);
      if (first >= ms.size() || ms[first].start != mk.end || ms[first].pronoun) continue;
      GroupPhrase g = PhraseBefore(*w, s, mk.start);
      if (!g.noun) continue;
      std::string phrase = AsciiLower(w->text.substr(g.span.start, g.span.end - g.span.start));
      if (Negated(phrase)) continue;
      size_t last = ListLast(*w, ms, first);
      std::string why = "group phrase '" + std::string(AsciiLower(g.noun->word)) + "' lists it";
      // The group entity, the country and the owner the phrase names.
      int group = -1;
      int country = -1;
      for (size_t k = MentionFrom(ms, g.span.start); k < first; ++k) {
        const MentionRef& m = ms[k];
        if (m.pronoun || m.end > g.span.end) continue;
        if (w->LabelOf(m.candidate) == "Group") group = static_cast<int>(m.candidate);
        // "companies in China": a country after the group noun
        if (w->LabelOf(m.candidate) == "Country" && m.start > g.noun_start &&
            AsciiLower(w->text.substr(g.noun_start, m.start - g.noun_start)).ends_with(" in "))
          country = static_cast<int>(m.candidate);
      }
      for (size_t p = g.span.start; p < g.noun_start && country < 0;) {
        std::string_view word = WordStartingAt(w->text, p);
        if (std::string_view c = CountryOfDemonym(word); !c.empty())
          country = CountryCandidate(w, c, s);
        p += std::max<size_t>(word.size(), 1);
      }
      int owner = g.noun->type.empty() ? -1 : GroupOwner(*w, ms, g, s);
      if (owner >= 0 && group < 0 && w->txn) {
        // "NVIDIA's competitors" may be a known group.
        std::string name =
            w->candidates[static_cast<size_t>(owner)].name + "'s " + std::string(g.noun->word);
        auto ids = w->txn->FindByName(name);
        if (ids.ok() && ids->size() == 1) {
          auto c = KnownCandidate(w, (*ids)[0], s, name);
          if (c.ok() && w->LabelOf(*c) == "Group") group = static_cast<int>(*c);
        }
      }
      for (size_t k = first; k <= last; ++k) {
        size_t m = ms[k].candidate;
        if (group >= 0) AddChecked(w, "MEMBER_OF", m, static_cast<size_t>(group), si, 0.7, why);
        if (country >= 0)
          AddChecked(w, "BASED_IN", m, static_cast<size_t>(country), si, 0.7,
                     why + ", with the country '" +
                         w->candidates[static_cast<size_t>(country)].name + "'");
        if (owner >= 0 && static_cast<size_t>(owner) != m) {
          size_t o = static_cast<size_t>(owner);
          AddChecked(w, g.noun->type, g.noun->member_first ? m : o, g.noun->member_first ? o : m,
                     si, 0.65, why + " of '" + w->candidates[o].name + "'");
        }
      }
    }
  }
}

void Possessives(Work* w, const std::vector<MentionRef>& ms) {
  for (size_t i = 0; i + 1 < ms.size(); ++i) {
    const MentionRef& a = ms[i];
    const MentionRef& b = ms[i + 1];
    if (b.start < a.end) continue;
    std::string_view between = w->text.substr(a.end, b.start - a.end);
    bool possessive = between == "'s " || between == "\u2019s " ||
                      (a.possessive && (between == " " || between == " own "));
    if (!possessive || !Usable(*w, a.candidate) || !Usable(*w, b.candidate)) continue;
    std::string_view next = b.end < w->text.size() && w->text[b.end] == ' '
                                ? WordStartingAt(w->text, b.end + 1)
                                : std::string_view();
    for (const PossessiveRule& r : PossessiveRules()) {
      if (w->LabelOf(a.candidate) != r.from_kind || w->LabelOf(b.candidate) != r.to_kind) continue;
      // "its Hopper architecture": the word may end the possessed name itself
      std::string name = AsciiLower(w->text.substr(b.start, b.end - b.start));
      if (!r.next.empty() && AsciiLower(next) != AsciiLower(r.next) &&
          !name.ends_with(" " + AsciiLower(r.next)))
        continue;
      std::string why =
          "possessive '" + std::string(w->text.substr(a.start, b.end - a.start)) +
          (r.next.empty() || AsciiLower(next) != AsciiLower(r.next) ? ""
                                                                    : " " + std::string(next)) +
          "'";
      if (a.pronoun)
        why += ", '" + std::string(w->text.substr(a.start, a.end - a.start)) +
               "' = " + w->candidates[a.candidate].name;
      AddChecked(w, r.type, a.candidate, b.candidate, w->SentenceAt(a.start),
                 r.confidence - (a.pronoun ? 0.1 : 0), why);
      break;
    }
  }
}

// The seller of a market phrase in sentence `si` ending before `phrase_start`:
// the last company or product before it, with a market cue between them
// and no negation.
void MarketSeller(Work* w, const std::vector<MentionRef>& ms, size_t si, size_t phrase_start,
                  int country, std::string_view phrase) {
  static constexpr std::string_view kCues[] = {
      "focus on",   "commitment to", "expansion", "sales",     "presence in", "share in",
      "entered",    "entering",      "return to", "growth in", "invest in",   "expand in",
      "works with", "serves",        "sells to",  "supplies"};
  std::string_view t = w->text;
  Span s = w->sentences[si];
  for (size_t k = MentionFrom(ms, phrase_start); k-- > 0;) {
    const MentionRef& m = ms[k];
    if (m.start < s.start || !m.members.empty()) break;  // "these companies": not one seller
    std::string_view label = w->LabelOf(m.candidate);
    if (label != "Company" && label != "Product") continue;
    std::string gap = AsciiLower(t.substr(m.end, phrase_start - m.end));
    if (gap.size() > 60 || Negated(gap)) break;
    for (std::string_view cue : kCues)
      if (ContainsPhrase(gap, cue)) {
        std::string why = "'" + std::string(phrase) + "' phrase, cue '" + std::string(cue) + "'";
        if (m.pronoun)
          why += ", '" + std::string(t.substr(m.start, m.end - m.start)) +
                 "' = " + w->candidates[m.candidate].name;
        AddChecked(w, "SELLS_IN", m.candidate, static_cast<size_t>(country), si,
                   m.pronoun ? 0.6 : 0.7, why);
        break;
      }
    break;
  }
}

// "its commitment to the Chinese market", "NVIDIA's focus on China's market",
// "works with customers in China".
void Markets(Work* w, const std::vector<MentionRef>& ms) {
  std::string_view t = w->text;
  for (size_t at = t.find(' '); at != std::string_view::npos; at = t.find(' ', at + 1)) {
    size_t si = w->SentenceAt(at);
    Span s = w->sentences[si];
    for (std::string_view noun : {"customers in ", "buyers in "}) {
      if (t.compare(at + 1, noun.size(), noun) != 0) continue;
      size_t k = MentionFrom(ms, at + 1 + noun.size());
      if (k < ms.size() && ms[k].start == at + 1 + noun.size() &&
          w->LabelOf(ms[k].candidate) == "Country")
        MarketSeller(w, ms, si, at, static_cast<int>(ms[k].candidate),
                     noun.substr(0, noun.size() - 1));
    }
    if (!WordAt(t, at + 1, "market")) continue;
    int country = -1;
    size_t phrase_start = at;
    std::string_view word = WordEndingAt(t, at);
    if (std::string_view c = CountryOfDemonym(word); !c.empty()) {
      country = CountryCandidate(w, c, s);
      phrase_start = at - word.size();
    } else {
      for (size_t k = MentionFrom(ms, s.start); k < ms.size() && ms[k].end <= at; ++k) {
        std::string_view tail = t.substr(ms[k].end, at - ms[k].end);
        if ((tail.empty() || tail == "'s" || tail == "\u2019s") &&
            w->LabelOf(ms[k].candidate) == "Country") {
          country = static_cast<int>(ms[k].candidate);
          phrase_start = ms[k].start;
        }
      }
    }
    if (country >= 0) MarketSeller(w, ms, si, phrase_start, country, "market");
  }
}

// "launching RTX Pro in China", "The company sells the H20 mainly in China":
// a product launched or sold in a country (and its seller, right before).
void Launches(Work* w, const std::vector<MentionRef>& ms) {
  static constexpr std::string_view kVerbs[] = {
      "launching", "launch", "launched", "selling", "sell",    "sells",    "sold",
      "shipping",  "ship",   "ships",    "shipped", "release", "released", "releasing"};
  for (size_t i = 0; i + 1 < ms.size(); ++i) {
    const MentionRef& a = ms[i];
    const MentionRef& b = ms[i + 1];
    if (a.pronoun || w->LabelOf(a.candidate) != "Product") continue;
    if (w->LabelOf(b.candidate) != "Country" || b.start < a.end) continue;
    // " in ", or one adverb before it ("mainly in")
    std::string_view gap = w->text.substr(a.end, b.start - a.end);
    if (gap != " in " && !(gap.ends_with(" in ") && gap.size() <= 16 &&
                           std::count(gap.begin(), gap.end(), ' ') == 3 &&
                           gap.find_first_of(",;") == std::string_view::npos))
      continue;
    // The verb right before the product, or before "the"/"its".
    size_t at = a.start;
    std::string verb;
    for (int words = 0; words < 2 && at >= 2 && w->text[at - 1] == ' '; ++words) {
      std::string_view word = WordEndingAt(w->text, at - 1);
      if (word.empty()) break;
      verb = AsciiLower(word);
      at -= word.size() + 1;
      if (verb != "the" && verb != "its" && verb != "their" && verb != "our") break;
    }
    if (std::find(std::begin(kVerbs), std::end(kVerbs), verb) == std::end(kVerbs)) continue;
    size_t si = w->SentenceAt(a.start);
    Span s = w->sentences[si];
    if (Negated(AsciiLower(w->text.substr(s.start, a.start - s.start)))) continue;
    AddChecked(w, "SELLS_IN", a.candidate, b.candidate, si, 0.65,
               "'" + verb + " <product> in <country>'");
    if (i > 0 && ms[i - 1].end + 1 == at && ms[i - 1].members.empty() &&
        w->LabelOf(ms[i - 1].candidate) == "Company")
      AddChecked(w, "SELLS_IN", ms[i - 1].candidate, b.candidate, si,
                 ms[i - 1].pronoun ? 0.55 : 0.65,
                 "'<company> " + verb + " <product> in <country>'");
  }
}

// "Huawei is a formidable competitor", "SK Hynix, Samsung and Micron are
// excellent partners": in a quotation, a typed group noun after "is a"/"are"
// relates the listed mentions to the company the speaker leads.
void Copulas(Work* w, const std::vector<MentionRef>& ms) {
  for (size_t i = 0; i < ms.size(); ++i) {
    const MentionRef& m = ms[i];
    if (m.pronoun && m.members.empty()) continue;  // "all three companies are partners" counts
    const Quotation* q = QuotationAt(*w, m.start);
    if (!q || q->speaker < 0) continue;
    std::string after =
        AsciiLower(w->text.substr(m.end, std::min<size_t>(60, w->text.size() - m.end)));
    size_t cut = after.find_first_of(",.;:!?\"");
    after = after.substr(0, cut);
    if (!after.starts_with(" is ") && !after.starts_with(" are ") && !after.starts_with(" was ") &&
        !after.starts_with(" were ") && !after.starts_with(" remains ") &&
        !after.starts_with(" have been ") && !after.starts_with(" has been "))
      continue;
    if (Negated(after)) continue;
    const GroupNoun* noun = nullptr;
    for (const GroupNoun& g : GroupNouns()) {
      std::string_view plural = g.word;
      std::string_view singular = plural.substr(0, plural.size() - 1);
      if (!g.type.empty() && (ContainsPhrase(after, plural) || ContainsPhrase(after, singular))) {
        noun = &g;
        break;
      }
    }
    if (!noun) continue;
    // the company the speaker leads, as the article states it
    int owner = SpeakerCompanyOf(*w, static_cast<size_t>(q->speaker));
    if (owner < 0) continue;
    size_t si = w->SentenceAt(m.start);
    size_t o = static_cast<size_t>(owner);
    std::string why = "'" + std::string(noun->word) + "' said of it by an employee of '" +
                      w->candidates[o].name + "'";
    std::vector<size_t> subjects = m.members;
    if (subjects.empty())
      for (size_t k = ListFirst(*w, ms, i); k <= i; ++k) subjects.push_back(ms[k].candidate);
    if (!m.members.empty())
      why += ", '" + std::string(w->text.substr(m.start, m.end - m.start)) + "' = the list before";
    for (size_t c : subjects) {
      if (c == o) continue;
      AddChecked(w, noun->type, noun->member_first ? c : o, noun->member_first ? o : c, si, 0.6,
                 why);
    }
  }
}

// "Lisa Su of AMD": a person of a company or organisation belongs to it.
void PersonOf(Work* w, const std::vector<MentionRef>& ms) {
  for (size_t i = 0; i + 1 < ms.size(); ++i) {
    const MentionRef& a = ms[i];
    const MentionRef& b = ms[i + 1];
    if (a.pronoun || b.pronoun || b.start < a.end) continue;
    if (w->text.substr(a.end, b.start - a.end) != " of ") continue;
    if (w->LabelOf(a.candidate) != "Person") continue;
    std::string_view to = w->LabelOf(b.candidate);
    if (to != "Company" && to != "Organization") continue;
    AddChecked(w, "MEMBER_OF", a.candidate, b.candidate, w->SentenceAt(a.start), 0.6,
               "'<person> of <company>'");
  }
}

}  // namespace

void FindPatternRelations(Work* w, const std::vector<MentionRef>& ms) {
  GroupLists(w, ms);
  Possessives(w, ms);
  Markets(w, ms);
  Launches(w, ms);
  Copulas(w, ms);
  PersonOf(w, ms);
  FindNameRelations(w, ms);
}

}  // namespace kg::ingest::internal
