// Sources: the documents relations come from. Each source is a record (title,
// publisher, author, URL, publication date with its precision, language,
// SHA-256 of the text, when it was added) plus its full text, compressed,
// kept in the database beside the graph. A relation names its source by the
// record's id in its `source` property (a string, or a list of strings when
// several sources state it), so CSVs written before sources existed still
// import. See docs/storage.md ("Sources") and docs/ingest.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/source.h"
#include "storage/store.h"

namespace kg::storage {

// The record types live in core (core/source.h) so that the session layer
// can name them; storage keeps its old spelling.
using SourceRecord = kg::SourceRecord;
using SourceLabel = kg::SourceLabel;

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcNow();
// OK when `text` is "", "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month
// and day; InvalidArgument naming the text otherwise.
Status ValidatePublished(std::string_view text);
// Refuses an empty id, one longer than 200 bytes or holding a control byte.
Status ValidateSourceId(std::string_view id);

// --- reads (any transaction) ---------------------------------------------
// The record, or nullopt; Corruption when it does not decode.
Result<std::optional<SourceRecord>> GetSource(const Transaction& txn, std::string_view id);
// The stored text, decompressed; NotFound when the source has no text,
// Corruption when it does not decompress or its SHA-256 differs.
Result<std::string> GetSourceText(const Transaction& txn, std::string_view id);
// Every record in id order; fn returns false to stop.
Status ScanSources(const Transaction& txn, const std::function<bool(const SourceRecord&)>& fn);
// The source whose text has this SHA-256, if any.
Result<std::optional<SourceRecord>> FindSourceBySha(const Transaction& txn,
                                                    std::string_view sha256);
// The lookup diagram footers use: source id -> (title, publisher) for every
// source. Ids a relation names without a record are simply absent.
Result<std::map<std::string, SourceLabel>> SourceLabels(const Transaction& txn);
// The source ids a relation's `source` property names (string or list).
std::vector<std::string> RelationSourceIds(const Relation& r);
// Sets filter->source_published (each record's published date at its
// precision) when the filter has known_at and no map yet: what KnownAt reads for
// relations without a statement date.
Status AddSourcePublished(const Transaction& txn, RelationFilter* filter);

// --- writes (write transactions) -------------------------------------------
// Stores the record and its text (sha256 is computed from `text`, added_at
// set when empty). AlreadyExists when the id is taken; InvalidArgument for a
// bad id or date.
Status PutSource(Transaction& txn, SourceRecord record, std::string_view text);
// Removes the record and text only (see RemoveSource for the graph).
Status DeleteSourceRecord(Transaction& txn, std::string_view id);

struct RemoveSourceSummary {
  uint64_t relations_deleted = 0;  // relations that came only from the source
  uint64_t relations_kept = 0;     // relations that keep other sources
  uint64_t entities_deleted = 0;   // entities it introduced that nothing else uses
};
// Removes a source and exactly what came only from it, inside `txn` (the
// caller commits): relations whose only source it is are deleted; a relation
// listing several sources loses this one (and its quote at the same
// position); entities whose `source` is this id and that have no relation
// left are deleted. NotFound when there is no such source record.
Result<RemoveSourceSummary> RemoveSource(Transaction& txn, std::string_view id);

// Relations per source id over the whole graph (a full scan of relations).
Result<std::map<std::string, uint64_t>> CountRelationsBySource(const Transaction& txn);

// `kg check --quotes`: one line per relation whose quote is not in its
// source's text (under the normalisations of storage/quotes.h) or whose
// source has no stored text. Relations without a quote are skipped.
Result<std::vector<std::string>> CheckQuotes(const Store& store);

namespace internal {
// Store::Check's part: every record decodes, has its text, whose SHA-256
// matches. Appends one line per violation.
Status CheckSourceRecords(const Store& store, std::vector<std::string>* problems);
}  // namespace internal

}  // namespace kg::storage
