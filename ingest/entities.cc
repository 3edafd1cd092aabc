// Entity passes: linking mentions of known entities, proposing new entities
// from proper-name sequences (with a kind guessed from cue words) and aliases
// the article defines in parentheses.
#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "ingest/internal/chars.h"
#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

struct Token {
  size_t start = 0;
  size_t end = 0;
  bool space_after = false;  // followed by exactly one space (a name may go on)
};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// H20, MI308, B200, 910B, RTX: codes of products and chips.
bool IsProductCode(std::string_view s) {
  bool upper = std::any_of(s.begin(), s.end(), IsUpper);
  return HasDigit(s) && upper && s.size() <= 8 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
         });
}

bool IsConnector(std::string_view s) {
  return s == "of" || s == "and" || s == "&" || s == "for" || s == "de";
}

bool IsTitle(std::string_view s) {
  for (std::string_view t : TitleWords())
    if (s == t) return true;
  return false;
}

std::string Capital(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// "NVIDIANVDA--", "AMDAMD--", "QualcommQCOM--": a stock ticker glued to a
// name by the seeds' source; the name without it (the linker does the same
// for known names). The ticker is the upper-case tail starting with the
// name's first letter.
std::string_view WithoutTicker(std::string_view w) {
  if (!w.ends_with("--") || w.size() < 5) return w;
  std::string_view core = w.substr(0, w.size() - 2);
  char first = static_cast<char>(std::toupper(static_cast<unsigned char>(core[0])));
  for (size_t len = std::min<size_t>(5, core.size() - 2); len >= 1; --len) {
    std::string_view tail = core.substr(core.size() - len);
    if (tail[0] == first && std::all_of(tail.begin(), tail.end(), IsUpper))
      return core.substr(0, core.size() - len);
  }
  return w;
}

// Word tokens of a sentence: runs without spaces or separating punctuation;
// a trailing period stays only on abbreviations ("Inc.", "U.S."), a
// possessive "'s"/"’s" is cut.
std::vector<Token> Tokens(std::string_view text, Span s) {
  std::vector<Token> out;
  auto sep = [&](size_t i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';' || c == ':' || c == '(' ||
        c == ')' || c == '"' || c == '!' || c == '?' || c == '[' || c == ']')
      return true;
    if (static_cast<unsigned char>(c) >= 0x80) return !IsWordChar(DecodeAt(text, i).first);
    return false;
  };
  size_t i = s.start;
  while (i < s.end) {
    while (i < s.end && sep(i))
      i += static_cast<unsigned char>(text[i]) >= 0x80 ? DecodeAt(text, i).second : 1;
    size_t b = i;
    while (i < s.end && !sep(i)) ++i;
    if (i == b) continue;
    size_t e = i;
    std::string_view w = text.substr(b, e - b);
    if (w.ends_with("'s")) {
      e -= 2;
    } else if (w.ends_with("\u2019s")) {
      e -= 4;
    }
    e = b + WithoutTicker(text.substr(b, e - b)).size();
    std::string_view x = text.substr(b, e - b);
    if (x.ends_with(".")) {
      bool keep = x == "Inc." || x == "Corp." || x == "Co." || x == "Ltd." || x == "Jr." ||
                  x == "Sr." || x.substr(0, x.size() - 1).find('.') != std::string_view::npos;
      if (!keep) --e;
    }
    if (e > b) out.push_back({b, e, i < s.end && text[i] == ' ' && e == i});
  }
  return out;
}

bool Capitalised(std::string_view w) {
  if (w.empty()) return false;
  if (IsUpper(w[0])) return true;
  return IsProductCode(w);
}

// Finds or makes the entity candidate for a new name; returns its index.
size_t NewEntity(Work* w, Span name, Span sentence, std::string label, double confidence,
                 std::string why) {
  std::string n(w->text.substr(name.start, name.end - name.start));
  std::string key = AsciiLower(n);
  if (auto it = w->by_folded.find(key); it != w->by_folded.end()) return it->second;
  Candidate c;
  c.kind = CandidateKind::kEntity;
  c.id = w->NewId('e');
  c.name = n;
  c.label = std::move(label);
  c.source = w->source_id;
  c.start = sentence.start;
  c.end = sentence.end;
  c.quote = std::string(w->text.substr(sentence.start, sentence.end - sentence.start));
  c.confidence = confidence;
  c.why = std::move(why);
  w->candidates.push_back(std::move(c));
  w->by_folded[key] = w->candidates.size() - 1;
  return w->candidates.size() - 1;
}

// The kind of a new name from cue words inside it or right after it.
std::pair<std::string, std::string> GuessKind(Work* w, const std::vector<Token>& toks, size_t b,
                                              size_t e, bool titled) {
  if (titled) return {"Person", "a title or role precedes it"};
  auto word = [&](size_t i) { return w->text.substr(toks[i].start, toks[i].end - toks[i].start); };
  for (size_t i = b; i < e; ++i)
    for (const KindCue& k : KindCues())
      if (k.inside && word(i) == k.word)
        return {std::string(k.kind), "'" + std::string(k.word) + "' in the name"};
  std::string name(w->text.substr(toks[b].start, toks[e - 1].end - toks[b].start));
  if (IsCountryName(name)) return {"Country", "a country name"};
  for (size_t i = b; i < e; ++i)
    if (IsProductCode(word(i))) return {"Product", "a product code"};
  // "Xiaomi's founder Lei Jun": a role after a possessive is the next name's.
  std::string_view after = w->text.substr(toks[e - 1].end);
  if (after.starts_with("'s ") || after.starts_with("\u2019s "))
    for (size_t i = e; i < toks.size() && i < e + 2; ++i)
      if (IsTitle(word(i)) || IsTitle(Capital(word(i))))
        return {"Company", "a role of its leader follows ('" + std::string(word(i)) + "')"};
  // ", chief executive of", ", the CEO": a role right after the name.
  for (size_t i = e; i < toks.size() && i < e + 3; ++i) {
    std::string lw = AsciiLower(word(i));
    for (std::string_view t : TitleWords())
      if (lw == AsciiLower(t))
        return {"Person", "a role follows it ('" + std::string(word(i)) + "')"};
  }
  if (e < toks.size())
    for (const KindCue& k : KindCues())
      if (!k.inside && word(e) == k.word)
        return {std::string(k.kind), "followed by '" + std::string(k.word) + "'"};
  return {"Company", "a proper name without cue words (kind guessed)"};
}

bool Overlaps(const Work& w, size_t b, size_t e) {
  auto it = std::lower_bound(w.mentions.begin(), w.mentions.end(), b,
                             [](const MentionRef& m, size_t pos) { return m.end <= pos; });
  return it != w.mentions.end() && it->start < e;
}

void AddMention(Work* w, size_t b, size_t e, size_t cand) {
  MentionRef m{b, e, cand};
  auto it = std::lower_bound(w->mentions.begin(), w->mentions.end(), b,
                             [](const MentionRef& x, size_t pos) { return x.start < pos; });
  w->mentions.insert(it, m);
}

// The surname and the given name of a person candidate, for later mentions
// by one of them only ("Huang said", "I believe Mark has decided"); the
// first person to use a name keeps it.
void NoteSurname(Work* w, size_t cand) {
  const std::string& n = w->candidates[cand].name;
  size_t sp = n.rfind(' ');
  if (sp == std::string::npos) return;
  w->by_folded.emplace(AsciiLower(n.substr(sp + 1)), cand);
  size_t first = n.find(' ');
  if (first >= 2) w->by_folded.emplace(AsciiLower(n.substr(0, first)), cand);
}

// One run of capitalised tokens toks[b, e) in sentence `s`.
void ProposeRun(Work* w, const std::vector<Token>& toks, size_t b, size_t e, Span s) {
  auto word = [&](size_t i) { return w->text.substr(toks[i].start, toks[i].end - toks[i].start); };
  size_t b0 = b;
  while (b < e && (IsCommonCapitalised(word(b)) || IsConnector(word(b)))) ++b;
  // "He Xiaopeng, chairman of XPeng": a common word ("He") that is part of
  // a two-word name followed by a role stays in the name.
  if (b == b0 + 1 && e == b + 1 && toks[b0].space_after && IsUpper(word(b0)[0]) &&
      word(b0).size() <= 3 && GuessKind(w, toks, b0, e, false).first == "Person" &&
      e < toks.size() && w->text[toks[e - 1].end] == ',')
    b = b0;
  while (e > b && IsConnector(word(e - 1))) --e;
  if (b >= e) return;
  // A title inside the run: the name after it is a person ("Commerce
  // Secretary Howard Lutnick"); a lower-case role before it does the same
  // ("chief executive Lisa Su").
  bool titled = false;
  for (size_t i = e; i-- > b;) {
    if (IsTitle(word(i))) {
      titled = i + 1 < e;
      b = i + 1;
      break;
    }
  }
  if (b >= e) return;
  if (!titled && b > 0) {
    std::string before =
        AsciiLower(w->text.substr(toks[b - 1].start, toks[b - 1].end - toks[b - 1].start));
    titled = before == "executive" || before == "ceo" || before == "founder" ||
             before == "chairman" || before == "secretary" || before == "analyst" ||
             before == "spokesperson" || before == "president" || before == "minister" ||
             before == "director";
  }
  bool single = e - b == 1;
  bool first_in_sentence = toks[b].start == s.start;
  if (single && !IsProductCode(word(b)) && !titled) {
    if (first_in_sentence) return;  // a capitalised sentence start says nothing
    std::string_view wd = word(b);
    bool all_caps =
        std::all_of(wd.begin(), wd.end(), [](char c) { return IsUpper(c) || c == '-'; });
    if (all_caps && wd.size() <= 2) return;
  }
  Span name{toks[b].start, toks[e - 1].end};
  if (Overlaps(*w, name.start, name.end)) return;
  std::string key = AsciiLower(w->text.substr(name.start, name.end - name.start));
  if (auto it = w->by_folded.find(key); it != w->by_folded.end()) {
    AddMention(w, name.start, name.end, it->second);
    return;
  }
  auto [kind, why] = GuessKind(w, toks, b, e, titled);
  if (kind == "Person" && single && !titled) return;
  double conf = why.find("guessed") != std::string::npos ? 0.4 : titled ? 0.8 : 0.7;
  size_t cand = NewEntity(w, name, s, kind, conf, "new " + kind + ": " + why);
  if (kind == "Person") NoteSurname(w, cand);
  // "Counterpoint Research" ... "Counterpoint": the first word alone later.
  if ((kind == "Company" || kind == "Organization") && e - b >= 2 && conf >= 0.5 &&
      word(b).size() >= 4 && !IsCommonCapitalised(word(b)) && !IsProductCode(word(b)))
    w->by_folded.emplace(AsciiLower(word(b)), cand);
  AddMention(w, name.start, name.end, cand);
}

}  // namespace

size_t Work::SentenceAt(size_t pos) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                             [](size_t p, const Span& s) { return p < s.start; });
  return it == sentences.begin() ? 0 : static_cast<size_t>(it - sentences.begin() - 1);
}

Result<size_t> KnownCandidate(Work* w, EntityId id, Span s, const std::string& surface) {
  auto it = w->by_entity.find(id);
  if (it != w->by_entity.end()) return it->second;
  KG_ASSIGN_OR_RETURN(Entity e, w->txn->GetEntity(id));
  Candidate c;
  c.kind = CandidateKind::kEntity;
  c.id = w->NewId('e');
  c.name = std::string(e.name());
  c.label = e.labels.empty() ? "" : e.labels[0];
  c.links_to = id;
  c.source = w->source_id;
  c.start = s.start;
  c.end = s.end;
  c.quote = std::string(w->text.substr(s.start, s.end - s.start));
  c.confidence = 1.0;
  c.why = surface == c.name ? "known entity, by name" : "known entity, by alias '" + surface + "'";
  c.accept = true;
  w->candidates.push_back(std::move(c));
  it = w->by_entity.emplace(id, w->candidates.size() - 1).first;
  if (w->candidates[it->second].label == "Person") NoteSurname(w, it->second);
  return it->second;
}

// "us" is not "US": a short lower-case word matches an entity only when
// one of its names is written that way or is not an all-capitals acronym.
static Result<bool> AcronymOnly(const Work& w, const Mention& m, std::string_view surface) {
  if (surface.size() > 4 ||
      !std::all_of(surface.begin(), surface.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return false;
  for (EntityId id : m.entities) {
    KG_ASSIGN_OR_RETURN(Entity e, w.txn->GetEntity(id));
    std::vector<std::string> aliases = e.aliases();  // the views below point into it
    std::vector<std::string_view> names{e.name()};
    for (const std::string& a : aliases) names.push_back(a);
    for (std::string_view n : names)
      if (AsciiLower(n) == surface &&
          !std::all_of(n.begin(), n.end(), [](char c) { return IsUpper(c) || c == '.'; }))
        return false;
  }
  return true;
}

Status LinkKnown(const NameIndex& index, Work* w) {
  for (const Mention& m : index.FindMentions(w->text)) {
    Span s = w->sentences.empty() ? Span{0, w->text.size()} : w->sentences[w->SentenceAt(m.start)];
    std::string surface(w->text.substr(m.start, m.end - m.start));
    KG_ASSIGN_OR_RETURN(bool acronym_only, AcronymOnly(*w, m, surface));
    if (acronym_only) continue;
    size_t cand;
    if (m.entities.size() == 1) {
      KG_ASSIGN_OR_RETURN(cand, KnownCandidate(w, m.entities[0], s, surface));
    } else {
      std::string key = "\x01" + AsciiLower(surface);  // ambiguous surfaces get their own candidate
      auto it = w->by_folded.find(key);
      if (it == w->by_folded.end()) {
        Candidate c;
        c.kind = CandidateKind::kEntity;
        c.id = w->NewId('e');
        c.name = surface;
        c.ambiguous = m.entities;
        c.source = w->source_id;
        c.start = s.start;
        c.end = s.end;
        c.quote = std::string(w->text.substr(s.start, s.end - s.start));
        c.confidence = 0;
        c.why = "ambiguous: '" + surface + "' names " + std::to_string(m.entities.size()) +
                " entities; set links_to to one of \"ambiguous\" to use it";
        w->candidates.push_back(std::move(c));
        it = w->by_folded.emplace(key, w->candidates.size() - 1).first;
      }
      cand = it->second;
    }
    w->mentions.push_back({m.start, m.end, cand});
  }
  return Status::OK();
}

// "and" joins names only inside an organisation's name ("Ministry of
// Industry and Information Technology"); elsewhere it joins a list
// ("Alibaba and Tencent").
static bool OrganisationRun(const Work& w, const std::vector<Token>& toks, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    std::string_view word = w.text.substr(toks[i].start, toks[i].end - toks[i].start);
    for (const KindCue& k : KindCues())
      if (k.inside && k.kind == "Organization" && word == k.word) return true;
  }
  return false;
}

// A headline in title case ("Huawei Pushes Ascend 910B as U.S. Rules
// Tighten") capitalises verbs too: its runs are not names.
static bool TitleCase(const Work& w, const std::vector<Token>& toks) {
  size_t caps = 0;
  for (const Token& t : toks) caps += Capitalised(w.text.substr(t.start, t.end - t.start));
  return toks.size() >= 4 && caps * 10 >= toks.size() * 7;
}

// "Huawei Technologies (HWT)": the parenthesised word is an alias (FindAliases).
static bool DefinedAlias(const Work& w, size_t start) {
  if (start < 2 || w.text.compare(start - 2, 2, " (") != 0) return false;
  return std::any_of(w.mentions.begin(), w.mentions.end(),
                     [&](const MentionRef& m) { return m.end == start - 2; });
}

void FindNewEntities(Work* w) {
  for (const Span& s : w->sentences) {
    std::vector<Token> toks = Tokens(w->text, s);
    if (TitleCase(*w, toks)) continue;
    size_t i = 0;
    while (i < toks.size()) {
      auto word = [&](size_t k) {
        return w->text.substr(toks[k].start, toks[k].end - toks[k].start);
      };
      if (!Capitalised(word(i)) || Overlaps(*w, toks[i].start, toks[i].end) ||
          DefinedAlias(*w, toks[i].start)) {
        ++i;
        continue;
      }
      size_t j = i + 1;
      // Only a space may join two words of a name: "Expo (CISCE)" is two.
      while (j < toks.size() && toks[j - 1].space_after && toks[j].start == toks[j - 1].end + 1 &&
             !Overlaps(*w, toks[j].start, toks[j].end) &&
             (Capitalised(word(j)) ||
              (IsConnector(word(j)) && j + 1 < toks.size() && Capitalised(word(j + 1)) &&
               (word(j) != "and" || OrganisationRun(*w, toks, i, j)))))
        ++j;
      ProposeRun(w, toks, i, j, s);
      i = j;
    }
  }
}

void FindAliases(Work* w) {
  for (const MentionRef& m : std::vector<MentionRef>(w->mentions)) {
    std::string_view rest = w->text.substr(m.end);
    if (!rest.starts_with(" (")) continue;
    size_t close = rest.find(')');
    if (close == std::string_view::npos || close < 3 || close > 42) continue;
    std::string_view alias = rest.substr(2, close - 2);
    if (alias.find_first_of(",;:") != std::string_view::npos || !IsUpper(alias[0])) continue;
    Candidate& ent = w->candidates[m.candidate];
    if (!ent.ambiguous.empty() || AsciiLower(alias) == AsciiLower(ent.name)) continue;
    if (w->txn) {
      auto ids = w->txn->FindByName(alias);
      if (!ids.ok() || !ids->empty()) continue;  // already a name or alias of something
    }
    Span s = w->sentences[w->SentenceAt(m.start)];
    Candidate c;
    c.kind = CandidateKind::kAlias;
    c.id = w->NewId('a');
    c.name = std::string(alias);
    c.to = ent.id;
    c.links_to = ent.links_to;
    c.source = w->source_id;
    c.start = s.start;
    c.end = s.end;
    c.quote = std::string(w->text.substr(s.start, s.end - s.start));
    c.confidence = 0.8;
    c.why = "defined in parentheses after '" + ent.name + "'";
    w->candidates.push_back(std::move(c));
    w->by_folded.emplace(AsciiLower(alias), m.candidate);
  }
}

}  // namespace kg::ingest::internal
