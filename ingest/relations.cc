// Relation and stance candidates. Relations: two mentions next to each other
// in one sentence with a cue of the lexicon between them (the longest cue
// wins), turned around for passive cues ("blocked by") and, when negated,
// dropped -- except APPROVES, whose negation ("has not been approved") is
// the pending review the ontology calls REVIEWS_APPROVAL. Stances: the
// speaker of a quotation towards each entity the quoted sentence names,
// typed and weighted by the strongest polarity word of the sentence.
#include <algorithm>
#include <cctype>

#include "ingest/internal/extract.h"
#include "ingest/lexicon.h"

namespace kg::ingest::internal {
namespace {

constexpr size_t kMaxGap = 90;  // bytes between two mentions a cue may span

bool AlnumAt(std::string_view s, size_t i) {
  return i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]));
}

// The longest cue in the gap, or nullptr.
const RelationCue* CueIn(std::string_view lower_gap) {
  const RelationCue* best = nullptr;
  for (const RelationCue& c : RelationCues())
    if (ContainsPhrase(lower_gap, c.phrase) && (!best || c.phrase.size() > best->phrase.size()))
      best = &c;
  return best;
}

bool Negated(std::string_view lower_gap) {
  for (std::string_view n : NegationCues())
    if (n == "n't" ? lower_gap.find(n) != std::string_view::npos : ContainsPhrase(lower_gap, n))
      return true;
  return false;
}

// The speaker of the quotation around `pos`, or "narrator".
std::string SpeakerAt(const Work& w, size_t pos) {
  for (const Quotation& q : w.quotations)
    for (const Span& p : q.parts)
      if (pos >= p.start && pos < p.end) return q.speaker_name.empty() ? "" : q.speaker_name;
  return "narrator";
}

bool Usable(const Work& w, size_t cand) {
  const Candidate& c = w.candidates[cand];
  return c.ambiguous.empty() && !c.label.empty();
}

struct Polarity {
  const PolarityWord* word = nullptr;
  bool negated = false;
};

// The strongest polarity word of a lower-case clause; negated when "not",
// "never" or "n't" is among the three words before it.
Polarity PolarityOf(std::string_view lower) {
  Polarity best;
  for (const PolarityWord& p : PolarityWords()) {
    for (size_t at = lower.find(p.word); at != std::string_view::npos;
         at = lower.find(p.word, at + 1)) {
      if (at > 0 && AlnumAt(lower, at - 1)) continue;  // must start a word
      std::string_view before = lower.substr(at > 24 ? at - 24 : 0, at > 24 ? 24 : at);
      bool neg = ContainsPhrase(before, "not") || ContainsPhrase(before, "never") ||
                 before.find("n't") != std::string_view::npos || ContainsPhrase(before, "no");
      if (!best.word || std::abs(p.stance) > std::abs(best.word->stance)) best = {&p, neg};
      break;
    }
  }
  return best;
}

}  // namespace

bool WordAt(std::string_view text, size_t pos, std::string_view word) {
  return text.compare(pos, word.size(), word) == 0 && !(pos > 0 && AlnumAt(text, pos - 1)) &&
         !AlnumAt(text, pos + word.size());
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
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

void FindRelations(Work* w) {
  const schema::Ontology& o = *w->ontology;
  for (size_t i = 0; i + 1 < w->mentions.size(); ++i) {
    const MentionRef& a = w->mentions[i];
    MentionRef b = w->mentions[i + 1];
    // "NVIDIA's H20": the relation is with what is possessed.
    if (i + 2 < w->mentions.size()) {
      const MentionRef& c = w->mentions[i + 2];
      std::string_view between = w->text.substr(b.end, c.start - b.end);
      if (between == "'s " || between == "\u2019s ") b = c;
    }
    if (b.start < a.end || b.start - a.end > kMaxGap) continue;
    size_t sa = w->SentenceAt(a.start);
    if (sa != w->SentenceAt(b.start)) continue;
    if (!Usable(*w, a.candidate) || !Usable(*w, b.candidate)) continue;
    std::string gap = Lower(w->text.substr(a.end, b.start - a.end));
    const RelationCue* cue = CueIn(gap);
    if (!cue) continue;
    std::string type(cue->type);
    double conf = cue->confidence;
    std::string why = "cue '" + std::string(cue->phrase) + "'";
    if (Negated(gap.substr(0, gap.find(cue->phrase)))) {
      if (type != "APPROVES" || !o.FindType("REVIEWS_APPROVAL")) continue;  // negation: dropped
      type = "REVIEWS_APPROVAL";
      why += ", negated: approval not (yet) given";
      conf -= 0.1;
    }
    size_t from = cue->passive ? b.candidate : a.candidate;
    size_t to = cue->passive ? a.candidate : b.candidate;
    if (cue->passive) why += " (passive)";
    if (!TypeAllows(o, type, w->LabelOf(from), w->LabelOf(to))) {
      if (!TypeAllows(o, type, w->LabelOf(to), w->LabelOf(from))) continue;
      std::swap(from, to);  // "NVIDIA CEO Jensen Huang": the role noun names the other way
      why += ", endpoints ordered by the ontology";
      conf -= 0.05;
    }
    std::optional<double> stance;
    if (const auto* t = o.FindType(type); t && t->stance)
      stance = type == "CRITICIZES" ? -0.5 : 0.7;
    AddRelation(w, type, from, to, w->sentences[sa], conf, why, "", stance);
  }
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
        Polarity p = PolarityOf(Lower(w->text.substr(clause.start, clause.end - clause.start)));
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
