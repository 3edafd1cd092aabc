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
  size_t candidate = 0;  // index into Work::candidates of its entity candidate
};

struct Quotation {
  std::vector<Span> parts;  // the quoted words, without the marks; one per paragraph
  size_t open = 0;          // offset of the opening mark of the first part
  size_t close = 0;         // offset just past the closing mark of the last part
  int speaker = -1;         // entity candidate index, -1 when unattributed
  std::string speaker_name;
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

// Helpers shared by the passes.
bool WordAt(std::string_view text, size_t pos, std::string_view word);
// Lower-case ASCII copy.
std::string Lower(std::string_view s);
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
