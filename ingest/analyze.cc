// Analyze: runs the passes in order and lets through only candidates whose
// quote is, byte for byte, the text at their offsets.
#include "ingest/internal/extract.h"

namespace kg::ingest {

Result<Review> Analyze(const storage::Transaction& txn, const NameIndex& index,
                       const schema::Ontology& ontology, const storage::SourceRecord& source,
                       const std::string& text, const AnalyzeOptions& options,
                       AnalyzeStats* stats) {
  internal::Work w;
  w.text = text;
  w.ontology = &ontology;
  w.txn = &txn;
  w.source_id = source.id;
  w.sentences = SplitSentences(text);
  KG_RETURN_IF_ERROR(internal::LinkKnown(index, &w));
  size_t linked = w.mentions.size();
  internal::FindNewEntities(&w);
  internal::FindAliases(&w);
  internal::FindQuotations(&w);
  internal::FindRelations(&w);
  internal::FindStances(&w);

  Review review;
  review.source = source;
  review.text = text;
  size_t dropped = 0;
  for (Candidate& c : w.candidates) {
    // The invariant every pass must keep; a failure here is a bug, and the
    // candidate never reaches the review file.
    if (c.end > text.size() || c.start > c.end ||
        std::string_view(text).substr(c.start, c.end - c.start) != c.quote) {
      ++dropped;
      continue;
    }
    if (c.kind != CandidateKind::kEntity || !c.links_to)
      c.accept = c.ambiguous.empty() && c.confidence >= options.accept_at;
    review.candidates.push_back(std::move(c));
  }
  if (stats) {
    stats->sentences = w.sentences.size();
    stats->mentions = w.mentions.size();
    stats->quotations = w.quotations.size();
    stats->unverified_dropped = dropped;
  }
  (void)linked;
  return review;
}

}  // namespace kg::ingest
