// The review file: one JSON object per line (JSON Lines), first the source,
// then one candidate per line, as documented in docs/ingest.md:
//   {"kind":"source","id":..,"title":..,"publisher":..,"author":..,"url":..,
//    "published":..,"language":..,"sha256":..,"text":..}
//   {"kind":"entity"|"alias"|"relation","id":..,"name":..,"label":..,
//    "links_to":<entity id>|null,"aliases":[..],"source":..,"start":..,"end":..,
//    "quote":..,"speaker":..,"type":..,"from":..,"to":..,"stance":..,
//    "confidence":..,"why":..,"accept":true|false}
// `start`/`end` count Unicode code points of the source's text; in memory
// they are byte offsets (Candidate::start/end).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/result.h"
#include "storage/sources.h"

namespace kg::ingest {

enum class CandidateKind { kEntity, kAlias, kRelation };
std::string_view KindName(CandidateKind kind);

struct Candidate {
  CandidateKind kind = CandidateKind::kEntity;
  std::string id;                    // "e1", "a1", "r1": unique within the review
  std::string name;                  // entity: its name; alias: the alias
  std::string label;                 // entity: its kind
  std::optional<EntityId> links_to;  // entity: the existing entity it is
  std::vector<EntityId> ambiguous;   // entity: the entities a shared name could be
  std::vector<std::string> aliases;  // entity: aliases to give it
  std::string source;                // the source id
  size_t start = 0;                  // byte offsets of `quote` in the text
  size_t end = 0;
  std::string quote;
  std::string speaker;
  std::string type;  // relation type
  std::string from;  // relation: entity candidate ids; alias: `to` = its entity
  std::string to;
  std::optional<double> stance;
  double confidence = 0;
  std::string why;
  bool accept = false;
  size_t line = 0;  // line of the review file it was read from (0: not from a file)
};

struct Review {
  storage::SourceRecord source;
  std::string text;
  std::vector<Candidate> candidates;
};

// Byte offset <-> code point offset in one text.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  size_t ToChars(size_t byte) const;
  // nullopt when `chars` is past the end.
  std::optional<size_t> ToBytes(size_t chars) const;

 private:
  std::vector<size_t> char_starts_;  // byte offset of each code point, plus the end
};

std::string CandidateToJson(const Candidate& c, const OffsetMap& offsets);
std::string SourceToJson(const storage::SourceRecord& s, std::string_view text);
// The whole review file.
std::string ReviewToJsonl(const Review& review);

// Where a line of a review is, in messages: "review.jsonl:7: ", or with an
// empty `origin` (a review sent over HTTP) "line 7: ".
std::string LinePrefix(std::string_view origin, size_t line);

// Parses a review: the review file (JSON Lines), or the same lines as the
// elements of one JSON array (the body starts with '['; element N counts as
// line N). `origin` names it in messages ("review.jsonl:7: ...", see
// LinePrefix). Syntax and shape errors are InvalidArgument, all of them
// listed (one per line of the message), none skipped.
Result<Review> ParseReview(std::string_view jsonl, std::string_view origin);
// One candidate line (an extractor's output uses the same shape); offsets are
// converted with `offsets`.
Result<Candidate> ParseCandidate(std::string_view line, const OffsetMap& offsets);

}  // namespace kg::ingest
