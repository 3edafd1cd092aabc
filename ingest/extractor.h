// The plug for stronger extractors (`kg ingest --extractor CMD`): kg writes a
// JSON request to the command's stdin and reads candidates in the review
// format, one per line, from its stdout. Request (docs/ingest.md):
//   {"source": {...record...}, "text": "...",
//    "sentences": [{"start": c, "end": c, "text": "..."}],      // code points
//    "entities": [{"id": "e3", "name": "...", "label": "...", "links_to": 12}]}
// `entities` are the entity candidates of kg's own review (known and new);
// the extractor's relations may use their ids as from/to or its own entity
// lines' ids. Every returned candidate is validated exactly as kg's own.
#pragma once

#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace kg::ingest {

struct ExtractorResult {
  std::vector<Candidate> candidates;  // validated, ready to join the review
  std::vector<Refusal> refused;       // line = the extractor's output line
};

// Runs `command` with /bin/sh. IOError when it cannot start or exits
// non-zero (with its exit status); its bad lines are refusals, not errors.
Result<ExtractorResult> RunExtractor(const std::string& command, const Review& review,
                                     const storage::Transaction& txn,
                                     const schema::Ontology& ontology);

}  // namespace kg::ingest
