// kg_ingest: from a news text to reviewed candidates (entities, aliases,
// relations with their verbatim quotes) and from an accepted review into the
// graph. The passes: text > sentences > mentions (linked through the name
// index) > new entity candidates > quotations and speakers > relation and
// stance candidates > verification that every quote is verbatim in the text.
// See docs/ingest.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/linker.h"
#include "ingest/review.h"
#include "schema/ontology.h"
#include "storage/sources.h"
#include "storage/store.h"

namespace kg::ingest {

struct AnalyzeOptions {
  // Candidates at or above this confidence are written with "accept": true.
  double accept_at = 0.7;
};

struct AnalyzeStats {
  size_t sentences = 0;
  size_t mentions = 0;
  size_t quotations = 0;
  // Candidates dropped because their quote was not verbatim in the text: a
  // bug in a pass, counted so tests can assert it stays 0.
  size_t unverified_dropped = 0;
};

// Analyses `text` (already extracted, see document.h) against the entities
// of the snapshot `txn` reads, linking through `index` (built from the same
// snapshot). `source` must carry id and sha256. Writes nothing.
Result<Review> Analyze(const storage::Transaction& txn, const NameIndex& index,
                       const schema::Ontology& ontology, const storage::SourceRecord& source,
                       const std::string& text, const AnalyzeOptions& options,
                       AnalyzeStats* stats = nullptr);

// One refused candidate: where (review file line, or extractor output line)
// and why.
struct Refusal {
  size_t line = 0;
  std::string candidate_id;
  std::string reason;
};

// Checks every candidate that will be applied (`only_accepted`) or all:
// kind-specific fields present, labels and types in the ontology, endpoint
// kinds allowed, links_to naming live entities, from/to naming entity
// candidates of the review that are accepted or linked, quotes verbatim in
// the text at start/end (or, after an edit, anywhere under the documented
// normalisations), stance only on stance types and in [-1, 1], confidence in
// [0, 1], ids unique. An empty result means all pass.
std::vector<Refusal> ValidateReview(const storage::Transaction& txn,
                                    const schema::Ontology& ontology, const Review& review,
                                    bool only_accepted);

struct ApplyOptions {
  bool replace = false;  // a source with the same SHA-256 or id is swapped for this one
  // Applies candidates whose confidence is at least this instead of their
  // "accept" flags (nullopt: use the flags).
  std::optional<double> auto_accept;
};

struct ApplySummary {
  std::string source_id;  // the source applied
  size_t entities_created = 0;
  size_t aliases_added = 0;
  size_t relations_created = 0;
  bool replaced = false;
  storage::RemoveSourceSummary removed;  // what --replace took out
};

// Applies the accepted candidates of `review` in one transaction: the source
// record and text, new entities (with `source` = the source id), aliases,
// relations with source, quote, speaker, date (the source's publication
// date at its precision: a month or a year stays one, core/date.h),
// confidence and stance. InvalidArgument listing every refusal as
// "<origin>:<line>: <reason>" and nothing applied when any candidate is bad;
// AlreadyExists when a source with the same SHA-256 or id is stored and
// `replace` is off.
Result<ApplySummary> Apply(storage::Store& store, Review review, const ApplyOptions& options,
                           std::string_view origin);

}  // namespace kg::ingest
