// Relation and stance candidates. Relations: two mentions next to each other
// in one sentence with a cue of the lexicon between them (the longest cue
// wins), turned around for passive cues ("blocked by") and, when negated,
// dropped -- except APPROVES, whose negation ("has not been approved") is
// the pending review the ontology calls REVIEWS_APPROVAL. Stances: the
// speaker of a quotation towards each entity the quoted sentence names,
// typed and weighted by the strongest polarity word of the sentence.
#include <algorithm>
#include <cctype>
#include <optional>

#include "core/text.h"
#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

constexpr size_t kMaxGap = 90;  // bytes between two mentions a cue may span

bool AlnumAt(std::string_view s, size_t i) {
  return i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]));
}

// The gap without its -ly adverbs ("invest heavily in", "works closely
// with"), so that a cue of several words matches across them. Words ending
// in "ly" that are no adverbs stay ("supply", "family", "July").
std::string WithoutAdverbs(std::string_view lower) {
  static constexpr std::string_view kKeep[] = {"supply",   "apply",   "reply", "family",
                                               "july",     "italy",   "rally", "assembly",
                                               "monopoly", "anomaly", "ally"};
  std::string out;
  for (size_t i = 0; i < lower.size();) {
    size_t e = i;
    while (e < lower.size() && lower[e] >= 'a' && lower[e] <= 'z') ++e;
    std::string_view word = lower.substr(i, e - i);
    bool adverb = word.size() >= 5 && word.ends_with("ly") && e < lower.size() && lower[e] == ' ' &&
                  (out.empty() || out.back() == ' ') &&
                  std::find(std::begin(kKeep), std::end(kKeep), word) == std::end(kKeep);
    if (adverb) {
      i = e + 1;  // the word and its space
      continue;
    }
    if (e == i) ++e;
    out.append(lower.substr(i, e - i));
    i = e;
  }
  return out;
}

// The longest cue in the gap, or nullptr; a cue of several words may span
// an adverb.
const RelationCue* CueIn(std::string_view lower_gap) {
  const RelationCue* best = nullptr;
  for (const RelationCue& c : RelationCues())
    if (ContainsPhrase(lower_gap, c.phrase) && (!best || c.phrase.size() > best->phrase.size()))
      best = &c;
  std::string plain = WithoutAdverbs(lower_gap);
  if (plain.size() == lower_gap.size()) return best;
  for (const RelationCue& c : RelationCues())
    if (c.phrase.find(' ') != std::string_view::npos && ContainsPhrase(plain, c.phrase) &&
        (!best || c.phrase.size() > best->phrase.size()))
      best = &c;
  return best;
}

// The speaker of the quotation around `pos`, or "narrator".
// A sentence that starts with a transcript label ("Jensen Huang: ...") is
// the labelled speaker's although its first bytes are the label.
std::string SpeakerAt(const Work& w, size_t pos) {
  for (const Quotation& q : w.quotations)
    for (const Span& p : q.parts) {
      bool inside = pos >= p.start && pos < p.end;
      bool labelled = p.start > pos && p.start - pos <= 42 &&
                      w.text.substr(pos, p.start - pos).find(':') != std::string_view::npos &&
                      w.text.substr(pos, p.start - pos).find('\n') == std::string_view::npos;
      std::string_view lead = p.start > pos ? w.text.substr(pos, p.start - pos) : "";
      bool opened = lead == "\"" || lead == "\u201C";  // the sentence opens the quotation
      if (inside || labelled || opened) return q.speaker_name.empty() ? "" : q.speaker_name;
    }
  return "narrator";
}

// "Huang noted that ...": a cue after a speech verb belongs to the reported
// clause, not to a relation between the mentions around it.
bool HasSpeechVerb(std::string_view lower_gap) {
  for (std::string_view v : SpeechVerbs()) {
    if (!ContainsPhrase(lower_gap, v)) continue;
    // "added new restrictions" adds something; "added that" reports.
    if (v == "added" && !ContainsPhrase(lower_gap, "added that") &&
        lower_gap.find("added,") == std::string_view::npos)
      continue;
    return true;
  }
  return false;
}

struct Polarity {
  const PolarityWord* word = nullptr;
  bool negated = false;
};

// The strongest polarity word of a clause; negated when "not", "never" or
// "n't" is among the three words before it. A capitalised word inside the
// clause is a name ("Greater China"), not a polarity word.
Polarity PolarityOf(std::string_view clause) {
  std::string lower = AsciiLower(clause);
  Polarity best;
  for (const PolarityWord& p : PolarityWords()) {
    for (size_t at = lower.find(p.word); at != std::string_view::npos;
         at = lower.find(p.word, at + 1)) {
      if (at > 0 && AlnumAt(lower, at - 1)) continue;  // must start a word
      if (at > 0 && std::isupper(static_cast<unsigned char>(clause[at]))) continue;
      std::string_view before =
          std::string_view(lower).substr(at > 24 ? at - 24 : 0, at > 24 ? 24 : at);
      bool neg = ContainsPhrase(before, "not") || ContainsPhrase(before, "never") ||
                 before.find("n't") != std::string_view::npos || ContainsPhrase(before, "no");
      if (!best.word || std::abs(p.stance) > std::abs(best.word->stance)) best = {&p, neg};
      break;
    }
  }
  return best;
}

}  // namespace

// Ambiguous names take part in no relation.
bool Usable(const Work& w, size_t cand) {
  const Candidate& c = w.candidates[cand];
  return c.ambiguous.empty() && !c.label.empty();
}

bool Negated(std::string_view lower_gap) {
  for (std::string_view n : NegationCues())
    if (n == "n't" ? lower_gap.find(n) != std::string_view::npos : ContainsPhrase(lower_gap, n))
      return true;
  return false;
}

bool WordAt(std::string_view text, size_t pos, std::string_view word) {
  return text.compare(pos, word.size(), word) == 0 && !(pos > 0 && AlnumAt(text, pos - 1)) &&
         !AlnumAt(text, pos + word.size());
}

bool ContainsPhrase(std::string_view lower_text, std::string_view phrase) {
  for (size_t at = lower_text.find(phrase); at != std::string_view::npos;
       at = lower_text.find(phrase, at + 1))
    if (WordAt(lower_text, at, phrase)) return true;
  return false;
}

bool TypeAllows(const schema::Ontology& o, std::string_view type, std::string_view from,
                std::string_view to) {
  if (o.is_open()) return true;
  const schema::RelationTypeDef* t = o.FindType(type);
  if (!t) return false;
  auto has = [](const std::vector<std::string>& v, std::string_view k) {
    return v.empty() || std::find(v.begin(), v.end(), k) != v.end();
  };
  return has(t->from, from) && has(t->to, to);
}

void AddRelation(Work* w, std::string type, size_t from, size_t to, Span quote, double confidence,
                 std::string why, std::string speaker, std::optional<double> stance) {
  if (from == to) return;
  const std::string& a = w->candidates[from].id;
  const std::string& b = w->candidates[to].id;
  for (const Candidate& c : w->candidates)  // one candidate per statement
    if (c.kind == CandidateKind::kRelation && c.type == type && c.from == a && c.to == b &&
        c.start == quote.start)
      return;
  // A new name whose kind is a guess may be wrong about the endpoint check:
  // proposed, never accepted by default.
  for (size_t e : {from, to}) {
    const Candidate& x = w->candidates[e];
    if (!x.links_to && x.confidence < 0.5) {
      confidence = std::min(confidence, 0.5);
      why += ", the kind of '" + x.name + "' is a guess";
    }
  }
  Candidate c;
  c.kind = CandidateKind::kRelation;
  c.id = w->NewId('r');
  c.type = std::move(type);
  c.from = a;
  c.to = b;
  c.source = w->source_id;
  c.start = quote.start;
  c.end = quote.end;
  c.quote = std::string(w->text.substr(quote.start, quote.end - quote.start));
  c.speaker = speaker.empty() ? SpeakerAt(*w, quote.start) : std::move(speaker);
  c.stance = stance;
  c.confidence = confidence;
  c.why = std::move(why);
  w->candidates.push_back(std::move(c));
}

namespace {

// "Mark Zuckerberg (Meta CEO)", "Lisa Su, AMD's chief executive": a role
// right after the second mention of an apposition.
const RelationCue* RoleAfter(std::string_view text, size_t pos) {
  std::string after = AsciiLower(text.substr(pos, std::min<size_t>(24, text.size() - pos)));
  size_t stop = after.find_first_of("),.;");
  after = after.substr(0, stop);
  for (const RelationCue& c : RelationCues())
    if ((c.type == "LEADS" || c.type == "FOUNDED") && !c.passive && ContainsPhrase(after, c.phrase))
      return &c;
  return nullptr;
}

// "tools: A, B and C": the list after a colon that follows the mention at
// `j` with only words between is the real object, the mention a descriptor.
size_t ColonListStart(const Work& w, const std::vector<MentionRef>& ms, size_t j) {
  if (j + 1 >= ms.size() || w.SentenceAt(ms[j + 1].start) != w.SentenceAt(ms[j].start)) return j;
  std::string_view gap = w.text.substr(ms[j].end, ms[j + 1].start - ms[j].end);
  size_t colon = gap.find(':');
  if (colon == std::string_view::npos || gap.size() > 40) return j;
  if (gap.substr(colon + 1).find_first_not_of(' ') != std::string_view::npos) return j;
  for (char ch : gap.substr(0, colon))
    if (!std::isalpha(static_cast<unsigned char>(ch)) && ch != ' ' && ch != '-') return j;
  return j + 1;
}

std::string Surface(const Work& w, const MentionRef& m) {
  return std::string(w.text.substr(m.start, m.end - m.start));
}

// Weak "making it public" cues do not make a person the developer.
bool PersonMayDevelop(const RelationCue& cue) { return cue.confidence >= 0.75; }

struct Found {
  std::string type;
  double conf;
  std::string why;
  bool passive;
  std::string_view company_product_type;
};

// The company a person pronoun ("my", "you") stands for, as the article
// states it (LEADS or FOUNDED), or -1.
int CompanyOfPerson(const Work& w, const MentionRef& m) {
  if (!m.pronoun || w.LabelOf(m.candidate) != "Person") return -1;
  return SpeakerCompanyOf(w, m.candidate);
}

bool Emit(Work* w, const Found& f, const MentionRef& left, const MentionRef& right, Span quote);

// "collaborate with these companies": a plural anaphor relates each member.
bool EmitMembers(Work* w, const Found& f, const MentionRef& left, const MentionRef& right,
                 Span quote) {
  auto each = [](const MentionRef& m) {
    std::vector<MentionRef> out;
    if (m.members.empty()) return std::vector<MentionRef>{m};
    for (size_t c : m.members) {
      MentionRef one = m;
      one.candidate = c;
      one.members.clear();
      out.push_back(std::move(one));
    }
    return out;
  };
  bool emitted = false;
  for (const MentionRef& l : each(left))
    for (const MentionRef& r : each(right)) emitted |= Emit(w, f, l, r, quote);
  return emitted;
}

bool Emit(Work* w, const Found& f, const MentionRef& left, const MentionRef& right, Span quote) {
  if (!left.members.empty() || !right.members.empty()) return EmitMembers(w, f, left, right, quote);
  const schema::Ontology& o = *w->ontology;
  if (!Usable(*w, left.candidate) || !Usable(*w, right.candidate)) return false;
  const MentionRef& from_m = f.passive ? right : left;
  const MentionRef& to_m = f.passive ? left : right;
  size_t from = from_m.candidate;
  size_t to = to_m.candidate;
  std::string why = f.why;
  double conf = f.conf;
  std::string type = f.type;
  // "my honor to collaborate with", "will you cooperate with" (asked of a
  // company's chief): a person pronoun stands for the person's company where
  // the type admits no person, unless a clause boundary lies between ("I
  // believe that these products are sold in China" says nothing of whose).
  std::string stands_for;
  std::string_view between =
      w->text.substr(left.end, right.start > left.end ? right.start - left.end : 0);
  bool one_clause =
      between.find(',') == std::string_view::npos && !ContainsPhrase(AsciiLower(between), "that");
  for (bool start : {true, false}) {
    const MentionRef& m = start ? from_m : to_m;
    int c = one_clause ? CompanyOfPerson(*w, m) : -1;
    if (c < 0) continue;
    size_t company = static_cast<size_t>(c);
    size_t& slot = start ? from : to;
    const std::string& other = w->LabelOf(start ? to : from);
    bool fits =
        start ? TypeAllows(o, type, "Company", other) : TypeAllows(o, type, other, "Company");
    bool person_fits =
        start ? TypeAllows(o, type, "Person", other) : TypeAllows(o, type, other, "Person");
    if (fits && !person_fits) {
      slot = company;
      stands_for = ", for " + w->candidates[company].name;
    }
  }
  if (!f.company_product_type.empty() && w->LabelOf(from) == "Company" &&
      w->LabelOf(to) == "Product")
    type = f.company_product_type;
  if (!TypeAllows(o, type, w->LabelOf(from), w->LabelOf(to))) {
    if (!TypeAllows(o, type, w->LabelOf(to), w->LabelOf(from))) return false;
    std::swap(from, to);  // "NVIDIA CEO Jensen Huang": the role noun names the other way
    why += ", endpoints ordered by the ontology";
    conf -= 0.05;
  }
  for (const MentionRef* m : {&left, &right}) {
    if (!m->pronoun) continue;
    why += ", '" + Surface(*w, *m) + "' = " + w->candidates[m->candidate].name;
    conf -= 0.1;
  }
  why += stands_for;
  std::optional<double> stance;
  if (const auto* t = o.FindType(type); t && t->stance) stance = type == "CRITICIZES" ? -0.5 : 0.7;
  AddRelation(w, type, from, to, quote, conf, why, "", stance);
  return true;
}

// "supplies most of the HBM memory used in NVIDIA's ...", "restrictions on
// sales of advanced AI chips to China": when the cue's type does not join
// the first mention after it, the next mention of the same clause (no
// punctuation between) may be the object.
size_t NextObject(const Work& w, const std::vector<MentionRef>& ms, size_t j, size_t a_end) {
  for (size_t k = j + 1; k < ms.size(); ++k) {
    if (ms[k].start - a_end > kMaxGap || ms[k].pronoun) return 0;
    std::string_view between = w.text.substr(ms[k - 1].end, ms[k].start - ms[k - 1].end);
    if (between.find_first_of(",;:()\"") != std::string_view::npos) return 0;
    if (w.SentenceAt(ms[k].start) != w.SentenceAt(ms[j].start)) return 0;
    if (between == "'s " || between == "\u2019s ") continue;  // "NVIDIA's Blackwell"
    // "sells the H20 mainly in China": a country after "in" is where, not whom.
    if (w.LabelOf(ms[k].candidate) == "Country" && between.ends_with(" in ")) return 0;
    return k;
  }
  return 0;
}

// What a cue found between two mentions says, or nothing when the gap
// negates it (only a negated approval is kept, as a pending review).
std::optional<Found> FoundFor(const schema::Ontology& o, const RelationCue& cue,
                              const std::string& gap, bool apposition) {
  Found f{std::string(cue.type), cue.confidence,
          "cue '" + std::string(cue.phrase) + "'" + (apposition ? " after an apposition" : ""),
          cue.passive, cue.company_product_type};
  if (Negated(gap.substr(0, gap.find(cue.phrase)))) {
    if (f.type != "APPROVES" || !o.FindType("REVIEWS_APPROVAL")) return std::nullopt;
    f.type = "REVIEWS_APPROVAL";
    f.why += ", negated: approval not (yet) given";
    f.conf -= 0.1;
  }
  if (cue.passive) f.why += " (passive)";
  return f;
}

// One relation's mentions: the left list, the right list [first, last], the
// sentence and the cue's mentions a (ms[i]) and b (ms[j]).
struct PairSides {
  std::vector<size_t> left;
  size_t i, j, first, last, sentence;
};

// The pairs beyond the object list: the country restricted goods may not go
// to ("restrictions on sales of AI chips to China"), and, when nothing was
// emitted, the object after a possessive ("NVIDIA's own H20").
void EmitBeyondList(Work* w, const std::vector<MentionRef>& ms, const Found& f, const PairSides& p,
                    bool emitted, bool apposition) {
  const size_t last = p.last, sa = p.sentence;
  if (emitted && f.type == "RESTRICTS" && last + 1 < ms.size() &&
      w->SentenceAt(ms[last + 1].start) == sa && !ms[last + 1].pronoun &&
      w->LabelOf(ms[last + 1].candidate) == "Country" &&
      w->text.substr(ms[last].end, ms[last + 1].start - ms[last].end) == " to ") {
    Found g = f;
    g.why += ", goods sent 'to' the country";
    for (size_t l : p.left) Emit(w, g, ms[l], ms[last + 1], w->sentences[sa]);
  }
  if (emitted || apposition || p.first != p.j) return;
  if (size_t k = NextObject(*w, ms, p.j, ms[p.i].end); k != 0) {
    Found g = f;
    g.why += ", object after '" + Surface(*w, ms[p.j]) + "'";
    g.conf -= 0.1;
    for (size_t l : p.left)
      for (size_t r = k; r <= ListLast(*w, ms, k); ++r) Emit(w, g, ms[l], ms[r], w->sentences[sa]);
  }
}

// Two mentions with a cue between them, spread over the lists on either
// side ("A and B supply C, D"); a clause coordinated after an object list
// ("praised A, B, and C, and commended D") keeps the earlier subject.
void PairPass(Work* w, const std::vector<MentionRef>& ms, bool roles_only) {
  std::vector<size_t> last_left;  // the left side of the sentence's last relation
  size_t last_right_end = static_cast<size_t>(-1);
  size_t last_sentence = static_cast<size_t>(-1);
  for (size_t i = 0; i + 1 < ms.size(); ++i) {
    const MentionRef& a = ms[i];
    size_t j = i + 1;
    // "NVIDIA's H20", "its H20": the relation is with what is possessed.
    if (j + 1 < ms.size()) {
      std::string_view between = w->text.substr(ms[j].end, ms[j + 1].start - ms[j].end);
      if (between == "'s " || between == "\u2019s " ||
          (ms[j].possessive && (between == " " || between == " own ")))
        ++j;
    }
    const MentionRef& b = ms[j];
    if (b.start < a.end || b.start - a.end > kMaxGap) continue;
    size_t sa = w->SentenceAt(a.start);
    if (sa != w->SentenceAt(b.start)) continue;
    if (sa != last_sentence) {
      last_left.clear();
      last_sentence = sa;
    }
    std::string gap = AsciiLower(w->text.substr(a.end, b.start - a.end));
    const RelationCue* cue = CueIn(gap);
    bool apposition = false;
    if (!cue && (gap == ", " || gap == " (") && j == i + 1) {
      cue = RoleAfter(w->text, b.end);
      apposition = cue != nullptr;
    }
    if (!cue || HasSpeechVerb(gap)) continue;
    if (roles_only && cue->type != "LEADS" && cue->type != "FOUNDED") continue;
    std::optional<Found> found = FoundFor(*w->ontology, *cue, gap, apposition);
    if (!found) continue;
    Found& f = *found;
    // The left side: the list ending at a, or the previous clause's subject
    // when this clause is coordinated after its object list.
    PairSides p{{}, i, j, 0, 0, sa};
    bool coordinated = gap.starts_with(", and ") || gap.starts_with(" and ");
    if (coordinated && !apposition && !last_left.empty() && last_right_end == i) {
      p.left = last_left;
      f.why += ", subject of the coordinated clause";
    } else if (gap.starts_with(",") || coordinated) {
      p.left = {i};  // "Lisa Su, chief executive of AMD": no list before an apposition
    } else {
      for (size_t k = ListFirst(*w, ms, i); k <= i; ++k) p.left.push_back(k);
    }
    p.first = ColonListStart(*w, ms, j);
    p.last = ListLast(*w, ms, p.first);
    if (p.left.size() > 1 || p.last > p.first) f.why += ", list";
    bool emitted = false;
    for (size_t l : p.left) {
      if (f.type == "DEVELOPS" && w->LabelOf(ms[l].candidate) == "Person" &&
          !PersonMayDevelop(*cue))
        continue;
      for (size_t r = p.first; r <= p.last; ++r)
        emitted |= Emit(w, f, ms[l], ms[r], w->sentences[sa]);
    }
    EmitBeyondList(w, ms, f, p, emitted, apposition);
    last_left = p.left;
    last_right_end = p.last;
  }
}

// The active cue that starts `lower` (after optional "also", "still",
// "mainly"), or nullptr.
const RelationCue* CueAtStart(std::string_view lower) {
  for (std::string_view adverb : {"also ", "still ", "mainly ", "now ", "all "})
    if (lower.starts_with(adverb)) lower.remove_prefix(adverb.size());
  const RelationCue* best = nullptr;
  for (const RelationCue& c : RelationCues())
    if (!c.passive && lower.starts_with(c.phrase) && WordAt(lower, 0, c.phrase) &&
        (!best || c.phrase.size() > best->phrase.size()))
      best = &c;
  return best;
}

// At most two lower-case words joining a list to the relative clause after
// it ("The HBM, GDDR, and LPDDR memory we use", "the capacitors that we use").
bool RelativeGap(std::string_view gap) {
  static constexpr std::string_view kStop[] = {"and",   "or", "but", "because", "if",   "when",
                                               "while", "so", "as",  "than",    "then", "since"};
  size_t words = 0;
  for (size_t i = 0; i < gap.size();) {
    if (gap[i] == ' ') {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < gap.size() && ((gap[e] >= 'a' && gap[e] <= 'z') || gap[e] == '-')) ++e;
    if (e == i) return false;  // punctuation, capitals, digits
    std::string_view word = gap.substr(i, e - i);
    if (std::find(std::begin(kStop), std::end(kStop), word) != std::end(kStop)) return false;
    for (std::string_view v : SpeechVerbs())
      if (word == v) return false;
    ++words;
    i = e;
  }
  return words <= 2;
}

// "The HBM, GDDR, and LPDDR memory we use": the objects come first, the
// subject and its cue after them.
void RelativeClauses(Work* w, const std::vector<MentionRef>& ms) {
  for (size_t k = 1; k < ms.size(); ++k) {
    const MentionRef& subj = ms[k];
    const MentionRef& obj = ms[k - 1];
    if (!subj.pronoun || subj.possessive) continue;  // "the chips we use", not "U.S. Commerce"
    size_t si = w->SentenceAt(subj.start);
    if (w->SentenceAt(obj.start) != si || obj.end > subj.start) continue;
    if (!RelativeGap(w->text.substr(obj.end, subj.start - obj.end))) continue;
    Span s = w->sentences[si];
    if (subj.end >= s.end || w->text[subj.end] != ' ') continue;
    std::string after =
        AsciiLower(w->text.substr(subj.end + 1, std::min<size_t>(40, s.end - subj.end - 1)));
    const RelationCue* cue = CueAtStart(after);
    if (!cue) continue;
    // "we use CUDA" is an ordinary pair; only a clause without its own object counts.
    if (k + 1 < ms.size() && w->SentenceAt(ms[k + 1].start) == si &&
        ms[k + 1].start <= subj.end + 1 + after.find(cue->phrase) + cue->phrase.size() + 16)
      continue;
    Found f{std::string(cue->type), cue->confidence - 0.05,
            "cue '" + std::string(cue->phrase) + "' in a relative clause after its object", false,
            cue->company_product_type};
    for (size_t o = ListFirst(*w, ms, k - 1); o <= k - 1; ++o) Emit(w, f, subj, ms[o], s);
  }
}

}  // namespace

void FindRelations(Work* w) {
  // Roles first: "we" in a quotation is the company its speaker leads.
  PairPass(w, w->mentions, /*roles_only=*/true);
  // '"...," the NVIDIA chief said': the speaker leads the company.
  for (const Quotation& q : w->quotations)
    if (q.speaker >= 0 && q.role_company >= 0)
      AddRelation(w, q.role_type, static_cast<size_t>(q.speaker),
                  static_cast<size_t>(q.role_company), w->sentences[w->SentenceAt(q.role_at)], 0.75,
                  "the quotation's speaker is called 'the " +
                      w->candidates[static_cast<size_t>(q.role_company)].name + " " +
                      (q.role_type == "LEADS" ? "chief" : "founder") + "'");
  std::vector<MentionRef> ms = WithPronouns(*w);
  PairPass(w, ms, /*roles_only=*/false);
  RelativeClauses(w, ms);
  FindAlternatives(w, ms);
  FindPatternRelations(w, ms);
}

void FindStances(Work* w) {
  const schema::Ontology& o = *w->ontology;
  for (const Quotation& q : w->quotations) {
    if (q.speaker < 0) continue;
    size_t speaker = static_cast<size_t>(q.speaker);
    for (const Span& part : q.parts) {
      // Each sentence of the quoted words on its own.
      for (size_t si = w->SentenceAt(part.start); si < w->sentences.size(); ++si) {
        Span s = w->sentences[si];
        if (s.start >= part.end) break;
        Span clause{std::max(s.start, part.start), std::min(s.end, part.end)};
        if (clause.end <= clause.start) continue;
        Polarity p = PolarityOf(w->text.substr(clause.start, clause.end - clause.start));
        if (!p.word) continue;
        std::string type(p.word->type);
        double stance = p.word->stance;
        if (p.negated) {
          if (type != "PRAISES") continue;  // "not worried" is no stance we can type
          type = "CRITICIZES";
          stance = -0.3;
        }
        if (!o.FindType(type)) continue;
        for (const MentionRef& m : w->mentions) {
          if (m.start < clause.start || m.end > clause.end || m.candidate == speaker) continue;
          if (!Usable(*w, m.candidate)) continue;
          if (!TypeAllows(o, type, "Person", w->LabelOf(m.candidate))) continue;
          AddRelation(w, type, speaker, m.candidate, clause, 0.6,
                      "quoted speaker; polarity word '" + std::string(p.word->word) + "'" +
                          (p.negated ? " negated" : ""),
                      q.speaker_name, stance);
        }
      }
    }
  }
}

}  // namespace kg::ingest::internal
