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
// - names a phrase spells differently ("governments in China" is the known
//   "Chinese government"): the known entity becomes a candidate.
// Every candidate's quote is its sentence.
#include <algorithm>
#include <cctype>

#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

constexpr size_t kPhraseWindow = 70;  // bytes of a group phrase before its marker

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

void Add(Work* w, std::string_view type, size_t from, size_t to, size_t sentence, double conf,
         const std::string& why) {
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
  std::string lower = Lower(t.substr(b, e - b));
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
    if (m.start < sentence.start) continue;
    if (m.end > g.noun_start) break;
    std::string_view between = w.text.substr(m.end, g.noun_start - m.end);
    bool possessor = between == "'s " || between == "\u2019s " || (m.possessive && between == " ");
    if (possessor) return static_cast<int>(m.candidate);
    if (w.LabelOf(m.candidate) == "Company" && m.end <= g.span.start)
      last_company = static_cast<int>(m.candidate);
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
      std::string phrase = Lower(w->text.substr(g.span.start, g.span.end - g.span.start));
      if (Negated(phrase)) continue;
      size_t last = ListLast(*w, ms, first);
      std::string why = "group phrase '" + std::string(Lower(g.noun->word)) + "' lists it";
      // The group entity, the country and the owner the phrase names.
      int group = -1;
      int country = -1;
      for (size_t k = MentionFrom(ms, g.span.start); k < first; ++k) {
        const MentionRef& m = ms[k];
        if (m.pronoun || m.end > g.span.end) continue;
        if (w->LabelOf(m.candidate) == "Group") group = static_cast<int>(m.candidate);
        // "companies in China": a country after the group noun
        if (w->LabelOf(m.candidate) == "Country" && m.start > g.noun_start &&
            Lower(w->text.substr(g.noun_start, m.start - g.noun_start)).ends_with(" in "))
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
        if (group >= 0) Add(w, "MEMBER_OF", m, static_cast<size_t>(group), si, 0.7, why);
        if (country >= 0)
          Add(w, "BASED_IN", m, static_cast<size_t>(country), si, 0.7,
              why + ", with the country '" + w->candidates[static_cast<size_t>(country)].name +
                  "'");
        if (owner >= 0 && static_cast<size_t>(owner) != m) {
          size_t o = static_cast<size_t>(owner);
          Add(w, g.noun->type, g.noun->member_first ? m : o, g.noun->member_first ? o : m, si, 0.65,
              why + " of '" + w->candidates[o].name + "'");
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
      if (!r.next.empty() && Lower(next) != r.next) continue;
      std::string why = "possessive '" + std::string(w->text.substr(a.start, b.end - a.start)) +
                        (r.next.empty() ? "" : " " + std::string(r.next)) + "'";
      if (a.pronoun)
        why += ", '" + std::string(w->text.substr(a.start, a.end - a.start)) +
               "' = " + w->candidates[a.candidate].name;
      Add(w, r.type, a.candidate, b.candidate, w->SentenceAt(a.start),
          r.confidence - (a.pronoun ? 0.1 : 0), why);
      break;
    }
  }
}

// "its commitment to the Chinese market", "NVIDIA's focus on China's market".
void Markets(Work* w, const std::vector<MentionRef>& ms) {
  static constexpr std::string_view kCues[] = {
      "focus on", "commitment to", "expansion", "sales",     "presence in", "share in",
      "entered",  "entering",      "return to", "growth in", "invest in",   "expand in"};
  std::string_view t = w->text;
  for (size_t at = t.find(" market"); at != std::string_view::npos;
       at = t.find(" market", at + 1)) {
    if (!WordAt(t, at + 1, "market")) continue;
    size_t si = w->SentenceAt(at);
    Span s = w->sentences[si];
    int country = -1;
    size_t phrase_start = at;
    std::string_view word = WordEndingAt(t, at);
    if (std::string_view c = CountryOfDemonym(word); !c.empty()) {
      country = CountryCandidate(w, c, s);
      phrase_start = at - word.size();
    } else {
      size_t k = MentionFrom(ms, s.start);
      for (; k < ms.size() && ms[k].end <= at; ++k) {
        std::string_view tail = t.substr(ms[k].end, at - ms[k].end);
        if ((tail.empty() || tail == "'s" || tail == "\u2019s") &&
            w->LabelOf(ms[k].candidate) == "Country") {
          country = static_cast<int>(ms[k].candidate);
          phrase_start = ms[k].start;
        }
      }
    }
    if (country < 0) continue;
    // The seller: the last company or product before the phrase, with a
    // market cue between them and no negation.
    for (size_t k = MentionFrom(ms, phrase_start); k-- > 0;) {
      const MentionRef& m = ms[k];
      if (m.start < s.start) break;
      std::string_view label = w->LabelOf(m.candidate);
      if (label != "Company" && label != "Product") continue;
      std::string gap = Lower(t.substr(m.end, phrase_start - m.end));
      if (gap.size() > 60 || Negated(gap)) break;
      for (std::string_view cue : kCues)
        if (ContainsPhrase(gap, cue)) {
          std::string why = "market phrase, cue '" + std::string(cue) + "'";
          if (m.pronoun)
            why += ", '" + std::string(t.substr(m.start, m.end - m.start)) +
                   "' = " + w->candidates[m.candidate].name;
          Add(w, "SELLS_IN", m.candidate, static_cast<size_t>(country), si, m.pronoun ? 0.6 : 0.7,
              why);
          break;
        }
      break;
    }
  }
}

// "launching RTX Pro in China": a product launched or sold in a country.
void Launches(Work* w, const std::vector<MentionRef>& ms) {
  static constexpr std::string_view kVerbs[] = {"launching", "launch",  "launched", "selling",
                                                "sell",      "sold",    "shipping", "ship",
                                                "shipped",   "release", "released", "releasing"};
  for (size_t i = 0; i + 1 < ms.size(); ++i) {
    const MentionRef& a = ms[i];
    const MentionRef& b = ms[i + 1];
    if (a.pronoun || w->LabelOf(a.candidate) != "Product") continue;
    if (w->LabelOf(b.candidate) != "Country" || b.start < a.end) continue;
    if (w->text.substr(a.end, b.start - a.end) != " in") {
      if (w->text.substr(a.end, b.start - a.end) != " in ") continue;
    }
    if (a.start < 2 || w->text[a.start - 1] != ' ') continue;
    std::string verb = Lower(WordEndingAt(w->text, a.start - 1));
    if (std::find(std::begin(kVerbs), std::end(kVerbs), verb) == std::end(kVerbs)) continue;
    size_t si = w->SentenceAt(a.start);
    Span s = w->sentences[si];
    if (Negated(Lower(w->text.substr(s.start, a.start - s.start)))) continue;
    Add(w, "SELLS_IN", a.candidate, b.candidate, si, 0.65, "'" + verb + " <product> in <country>'");
  }
}

// "governments in China" names the known "Chinese government": the plural
// or singular noun before "in"/"of" a country, with the country's adjective.
void DemonymNames(Work* w) {
  if (!w->txn) return;
  for (size_t k = 0; k < w->mentions.size(); ++k) {
    const MentionRef m = w->mentions[k];
    if (w->LabelOf(m.candidate) != "Country") continue;
    std::string_view adj = DemonymOf(w->candidates[m.candidate].name);
    if (adj.empty() || m.start < 5) continue;
    std::string_view before = w->text.substr(m.start - 4, 4);
    if (before != " in " && before != " of ") continue;
    std::string noun(WordEndingAt(w->text, m.start - 4));
    if (noun.size() < 3 || !std::islower(static_cast<unsigned char>(noun[0]))) continue;
    Span s = w->sentences[w->SentenceAt(m.start)];
    std::string surface(
        w->text.substr(m.start - 4 - noun.size(), m.end - (m.start - 4 - noun.size())));
    for (std::string form : {noun, noun.ends_with("s") ? noun.substr(0, noun.size() - 1) : noun}) {
      auto ids = w->txn->FindByName(std::string(adj) + " " + form);
      if (!ids.ok() || ids->size() != 1) continue;
      (void)KnownCandidate(w, (*ids)[0], s, surface);
      break;
    }
  }
}

}  // namespace

void FindPatternRelations(Work* w, const std::vector<MentionRef>& ms) {
  GroupLists(w, ms);
  Possessives(w, ms);
  Markets(w, ms);
  Launches(w, ms);
  DemonymNames(w);
}

}  // namespace kg::ingest::internal
