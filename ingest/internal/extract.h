// The state the extraction passes share (ingest/analyze.cc runs them in
// order): the text, its sentences, every mention found so far with the
// entity candidate it stands for, and the candidates.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/segment.h"

namespace kg::ingest::internal {

struct MentionRef {
  size_t start = 0;  // bytes, [start, end)
  size_t end = 0;
  size_t candidate = 0;     // index into Work::candidates of its entity candidate
  bool pronoun = false;     // "we", "its": resolved to the candidate by co-reference
  bool possessive = false;  // a possessive pronoun ("its", "our")
  // "these companies", "all three companies": the candidates of the list it
  // refers back to (`candidate` is the first); empty for every other mention.
  std::vector<size_t> members = {};
};

struct Quotation {
  std::vector<Span> parts;  // the quoted words, without the marks; one per paragraph
  size_t open = 0;          // offset of the opening mark of the first part
  size_t close = 0;         // offset just past the closing mark of the last part
  int speaker = -1;         // entity candidate index, -1 when unattributed
  std::string speaker_name;
  // "the NVIDIA chief said": the company the speaker's role names, the
  // relation it states (LEADS or FOUNDED) and where (-1: none).
  int role_company = -1;
  std::string role_type;
  size_t role_at = 0;
};

struct Work {
  std::string_view text;
  const schema::Ontology* ontology = nullptr;
  const storage::Transaction* txn = nullptr;
  std::string source_id;
  std::vector<Span> sentences;
  std::vector<MentionRef> mentions;  // sorted by start, never overlapping
  std::vector<Quotation> quotations;
  std::vector<Candidate> candidates;
  std::map<EntityId, size_t> by_entity;     // linked entity -> candidate
  std::map<std::string, size_t> by_folded;  // folded new name -> candidate
  size_t next_id = 1;

  std::string NewId(char prefix) { return prefix + std::to_string(next_id++); }
  // The sentence containing byte `pos` (the last one starting at or before it).
  size_t SentenceAt(size_t pos) const;
  const std::string& LabelOf(size_t candidate) const { return candidates[candidate].label; }
};

// The passes, in order.
Status LinkKnown(const NameIndex& index, Work* w);
void FindNewEntities(Work* w);
void FindAliases(Work* w);
void FindQuotations(Work* w);
void FindRelations(Work* w);
void FindStances(Work* w);

// Relation patterns beyond a cue between two mentions (patterns.cc): group
// phrases with their listed members, possessives, markets, "<noun>s in
// <Country>". `ms` are the mentions with the resolved pronouns.
void FindPatternRelations(Work* w, const std::vector<MentionRef>& ms);

// What names and appositions say by themselves (names.cc): "Unitree
// Robotics, the Chinese maker", "Google Pixel", "the Trump administration",
// "dysprosium capacitors", "a conference in China".
void FindNameRelations(Work* w, const std::vector<MentionRef>& ms);

// Helpers of the pattern passes (patterns.cc).
// "Chinese" -> "China", and back; empty when not a known demonym or country.
std::string_view CountryOfDemonym(std::string_view word);
std::string_view DemonymOf(std::string_view country);
// A relation candidate quoting sentence `sentence`, if both endpoints are
// usable and the ontology admits the type between their kinds.
void AddChecked(Work* w, std::string_view type, size_t from, size_t to, size_t sentence,
                double conf, const std::string& why);
// The word (letters, hyphens) ending at `end` / starting at `pos`, or empty.
std::string_view WordEndingAt(std::string_view t, size_t end);
std::string_view WordStartingAt(std::string_view t, size_t pos);

// Co-reference (coref.cc): the mentions plus the pronouns ("we", "he",
// "its", "the company") resolved to the candidate they refer to, by start.
std::vector<MentionRef> WithPronouns(const Work& w);
// The quotation whose quoted words contain byte `pos`, or nullptr.
const Quotation* QuotationAt(const Work& w, size_t pos);
// The company the speaker leads or founded as the article states it, or -1.
int SpeakerCompanyOf(const Work& w, size_t speaker);
// "these companies", "all three companies", "both firms": plural phrases
// referring back to the last list of companies (plurals.cc), as mentions
// whose `members` are the list's candidates, added to `found` (sorted).
void AddPluralAnaphors(const Work& w, std::vector<MentionRef>* found);
// The candidates of the last list (two or more, `count` when not 0) of
// companies named before `pos` in its sentence or the `back` sentences
// before it; empty when the last company named is not in such a list.
std::vector<size_t> AntecedentList(const Work& w, size_t pos, size_t back, size_t count);
// "choose between A, B and C", "the competition among cloud providers":
// the members are rivals (plurals.cc).
void FindAlternatives(Work* w, const std::vector<MentionRef>& ms);
// The index of the candidate with this id, or -1.
int CandidateIndex(const Work& w, std::string_view id);

// Lists of mentions ("A, B, and C", "A and B", glued tickers allowed):
// the first and last index of the list through ms[i] within its sentence.
size_t ListFirst(const Work& w, const std::vector<MentionRef>& ms, size_t i);
size_t ListLast(const Work& w, const std::vector<MentionRef>& ms, size_t i);
// The candidate of a known entity, made (linked, confidence 1) if the article
// has none yet; `surface` is the text that names it.
Result<size_t> KnownCandidate(Work* w, EntityId id, Span sentence, const std::string& surface);
// The candidate for a country by name: the article's own, or the known entity; -1 if none.
int CountryCandidate(Work* w, std::string_view name, Span sentence);

// Helpers shared by the passes.
// Whether a candidate may be a relation's endpoint: not ambiguous, with a kind.
bool Usable(const Work& w, size_t cand);
// Whether a lower-case stretch of text holds a negation cue.
bool Negated(std::string_view lower);
bool WordAt(std::string_view text, size_t pos, std::string_view word);
// True when `phrase` occurs in `lower_text` at word boundaries.
bool ContainsPhrase(std::string_view lower_text, std::string_view phrase);
// Whether an ontology type accepts these endpoint kinds.
bool TypeAllows(const schema::Ontology& o, std::string_view type, std::string_view from,
                std::string_view to);
// Appends a relation candidate with the sentence (or clause) as its quote.
void AddRelation(Work* w, std::string type, size_t from, size_t to, Span quote, double confidence,
                 std::string why, std::string speaker = "",
                 std::optional<double> stance = std::nullopt);

}  // namespace kg::ingest::internal
