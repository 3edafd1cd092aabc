// What names and appositions say by themselves, beside any cue:
// - a demonym apposition ("Unitree Robotics, the Chinese maker of robots"):
//   BASED_IN the country;
// - a name's own words, stated once, in the sentence of its first mention
//   ("Google Pixel" is made by the company Google, "DeepSeek R1" developed
//   by DeepSeek, "Tencent Technology" belongs to Tencent, "Chinese
//   manufacturers" and "U.S. government" are based in their country);
// - each way the article writes a name ("the China International Supply
//   Chain Expo" takes place in China, "the Trump administration" is led by
//   Trump, "dysprosium capacitors" are based on dysprosium) and an event
//   "in <Country>";
// - names a phrase spells differently ("governments in China" is the known
//   "Chinese government"): the known entity becomes a candidate.
// Every candidate's quote is its sentence.
#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

// "Unitree Robotics, the Chinese maker of robots", "Samsung, a South Korean
// chipmaker": an apposition of a demonym and a company noun (within three
// words, before any punctuation) places the company in the country.
void DemonymAppositions(Work* w, const std::vector<MentionRef>& ms) {
  static constexpr std::string_view kNouns[] = {
      "maker",     "company",  "firm",   "chipmaker", "carmaker",    "automaker",
      "startup",   "start-up", "giant",  "group",     "supplier",    "manufacturer",
      "developer", "brand",    "vendor", "provider",  "conglomerate"};
  for (const MentionRef& m : ms) {
    if (m.pronoun) continue;
    std::string_view label = w->LabelOf(m.candidate);
    if (label != "Company" && label != "Organization") continue;
    std::string_view rest = w->text.substr(m.end, std::min<size_t>(80, w->text.size() - m.end));
    size_t det = rest.starts_with(", the ") ? 6 : rest.starts_with(", a ") ? 4 : 0;
    if (det == 0) continue;
    rest.remove_prefix(det);
    rest = rest.substr(0, rest.find_first_of(",.;:()\""));
    std::string_view country;
    std::string_view demonym;
    size_t words = 0;
    bool noun = false;
    for (size_t p = 0; p < rest.size() && words < 5 && !noun;) {
      std::string_view word = WordStartingAt(rest, p);
      if (word.empty()) break;
      std::string_view two = rest.substr(p, rest.find(' ', p + word.size() + 1) - p);
      if (country.empty() && words == 0) {
        country = CountryOfDemonym(two);  // "South Korean"
        if (!country.empty()) word = two;
        if (country.empty()) country = CountryOfDemonym(word);
        if (country.empty()) break;
        demonym = word;
      } else if (std::find(std::begin(kNouns), std::end(kNouns), AsciiLower(word)) !=
                 std::end(kNouns)) {
        noun = words <= 3;
      }
      ++words;
      p += word.size() + 1;
    }
    if (!noun) continue;
    size_t si = w->SentenceAt(m.start);
    int c = CountryCandidate(w, country, w->sentences[si]);
    if (c >= 0)
      AddChecked(w, "BASED_IN", m.candidate, static_cast<size_t>(c), si, 0.7,
                 "apposition '" + std::string(w->text.substr(m.end + 2, det - 2)) +
                     std::string(demonym) + " ...'");
  }
}

// What a known or new name says by itself, stated once, in the sentence of
// its first mention: "Google Pixel" is made by the company Google, "DeepSeek
// R1" developed by DeepSeek, "Tencent Technology" belongs to Tencent, and
// "Chinese manufacturers" or "U.S. government" are based in their country.
void NameImplied(Work* w) {
  std::vector<bool> done(w->candidates.size(), false);
  for (size_t k = 0; k < w->mentions.size(); ++k) {
    const MentionRef m = w->mentions[k];
    if (m.candidate >= done.size() || done[m.candidate] || !Usable(*w, m.candidate)) continue;
    const Candidate& self = w->candidates[m.candidate];
    if (!self.links_to && self.confidence < 0.5) continue;  // a guessed kind says nothing
    done[m.candidate] = true;
    const std::string name = w->candidates[m.candidate].name;
    const std::string label = w->candidates[m.candidate].label;
    size_t si = w->SentenceAt(m.start);
    size_t sp = name.find(' ');
    if (sp == std::string::npos) continue;
    std::string first = name.substr(0, sp);
    if (label == "Organization" || label == "Company" || label == "Group") {
      std::string_view country = CountryOfDemonym(first);
      if (country.empty() && IsCountryName(first)) country = first;
      if (!country.empty()) {
        int c = CountryCandidate(w, country, w->sentences[si]);
        if (c >= 0 && static_cast<size_t>(c) != m.candidate)
          AddChecked(w, "BASED_IN", m.candidate, static_cast<size_t>(c), si, 0.7,
                     "the name '" + name + "' starts with '" + first + "'");
        continue;
      }
    }
    std::string_view type = label == "Product"        ? "MAKES"
                            : label == "AIModel"      ? "DEVELOPS"
                            : label == "Organization" ? "MEMBER_OF"
                                                      : "";
    if (type.empty() || !w->txn) continue;
    auto ids = w->txn->FindByName(first);
    if (!ids.ok() || ids->size() != 1) continue;
    auto maker = KnownCandidate(w, (*ids)[0], w->sentences[si], first);
    if (!maker.ok() || *maker == m.candidate || w->LabelOf(*maker) != "Company") continue;
    if (done.size() < w->candidates.size()) done.resize(w->candidates.size(), false);
    AddChecked(w, type, type == "MEMBER_OF" ? m.candidate : *maker,
               type == "MEMBER_OF" ? *maker : m.candidate, si, 0.65,
               "the name '" + name + "' starts with the company's '" + first + "'");
  }
}

// The known entity a name alone refers to, when exactly one has it, with
// this kind; -1 otherwise.
int KnownOfKind(Work* w, std::string_view name, std::string_view kind, Span sentence) {
  if (!w->txn || name.empty()) return -1;
  auto ids = w->txn->FindByName(name);
  if (!ids.ok() || ids->size() != 1) return -1;
  auto e = w->txn->GetEntity((*ids)[0]);  // no candidate for an entity of another kind
  if (!e.ok() || e->labels.empty() || e->labels[0] != kind) return -1;
  auto c = KnownCandidate(w, (*ids)[0], sentence, std::string(name));
  return c.ok() ? static_cast<int>(*c) : -1;
}

// What the words of a mention say, for each distinct way the article
// writes it: an event named after a country takes place there ("China
// International Supply Chain Expo"), an administration or government named
// after a person is led by them ("the Trump administration"), a category or
// product named after a material category is based on it ("dysprosium
// capacitors"); and an event "in <Country>" ("a conference in China") takes
// place there.
void SurfaceImplied(Work* w) {
  std::vector<std::pair<size_t, std::string>> done;  // candidate, surface
  for (size_t k = 0; k < w->mentions.size(); ++k) {
    const MentionRef m = w->mentions[k];  // a copy: candidates may grow below
    if (!Usable(*w, m.candidate)) continue;
    const std::string label = w->LabelOf(m.candidate);
    const std::string surface(w->text.substr(m.start, m.end - m.start));
    size_t si = w->SentenceAt(m.start);
    Span s = w->sentences[si];
    if (label == "Event" && k + 1 < w->mentions.size()) {
      const MentionRef next = w->mentions[k + 1];
      if (next.start >= m.end && w->text.substr(m.end, next.start - m.end) == " in " &&
          w->LabelOf(next.candidate) == "Country")
        AddChecked(w, "BASED_IN", m.candidate, next.candidate, si, 0.65, "'<event> in <country>'");
    }
    if (std::find(done.begin(), done.end(), std::pair(m.candidate, surface)) != done.end())
      continue;
    done.emplace_back(m.candidate, surface);
    size_t sp = surface.find(' ');
    if (sp == std::string::npos) continue;
    std::string first = surface.substr(0, sp);
    std::string rest = surface.substr(sp + 1);
    if (label == "Event") {
      std::string_view country = CountryOfDemonym(first);
      if (country.empty() && IsCountryName(first)) country = first;
      int c = country.empty() ? -1 : CountryCandidate(w, country, s);
      if (c >= 0)
        AddChecked(w, "BASED_IN", m.candidate, static_cast<size_t>(c), si, 0.7,
                   "the name '" + surface + "' starts with '" + first + "'");
    } else if (label == "Organization") {
      size_t last = surface.rfind(' ');
      std::string tail = AsciiLower(surface.substr(last + 1));
      if (tail != "administration" && tail != "government") continue;
      int p = KnownOfKind(w, surface.substr(0, last), "Person", s);
      if (p >= 0)
        AddChecked(w, "LEADS", static_cast<size_t>(p), m.candidate, si, 0.7,
                   "'" + surface + "' is named after its leader");
    } else if (label == "Category" || label == "Product") {
      int c = KnownOfKind(w, first, "Category", s);
      if (c >= 0 && static_cast<size_t>(c) != m.candidate)
        AddChecked(w, "BASED_ON", m.candidate, static_cast<size_t>(c), si, 0.65,
                   "'" + surface + "' is named after the material '" + first + "'");
    }
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

void FindNameRelations(Work* w, const std::vector<MentionRef>& ms) {
  DemonymAppositions(w, ms);
  DemonymNames(w);
  NameImplied(w);
  SurfaceImplied(w);
}

}  // namespace kg::ingest::internal
