// The session layer: the one way every front (the kg CLI, the HTTP and RPC
// server, Bolt when it comes, and the public kg::Database library) reaches
// the engine. Fronts call this header and nothing below it (no query/ or
// storage/ header; tests/api/layering_test.cmake enforces it for cli/ and
// server/).
//
// A Session owns one open database and holds what each front used to
// re-implement: the prepared-plan cache (keyed by query text), the procedure
// registry for CALL (built-ins plus analytics), the per-call options
// (limits, the clocks, min-confidence, strict), the write checks and the
// token rule, the writer lock, notifications, result cursors, diagrams of a
// result or a neighbourhood, entity lookups, stats, check, import and export.
//
// Thread safety: a Session may be used from many threads at once. Reads run
// on their own snapshots; write statements run one at a time (the session's
// writer lock).
#pragma once

#include <chrono>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/session_types.h"
#include "core/result.h"
#include "core/status.h"
#include "schema/ontology.h"

namespace kg::storage {
class Transaction;
}  // namespace kg::storage

namespace kg::session {

class Session;

// An explicit transaction (Bolt's BEGIN .. COMMIT): statements before its
// first write each read a fresh snapshot; the first write takes the
// session's writer lock and opens a write transaction that every later
// statement runs in (seeing its writes) until Commit or Rollback. Rolls
// back when destroyed.
class Transaction {
 public:
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // True once a write took the writer lock.
  bool holds_writer() const;
  // When the writer lock was taken (meaningful when holds_writer()).
  std::chrono::steady_clock::time_point write_started() const;

 private:
  friend class Session;
  struct State;
  explicit Transaction(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

class Session {
 public:
  // Opens the database at `path`. NotFound when there is none (unless
  // create_if_missing); IOError when another process holds it for writing.
  static Result<std::unique_ptr<Session>> Open(const std::string& path, const OpenOptions& options);
  // Creates an empty database with `ontology`; AlreadyExists when one is there.
  static Status Create(const std::string& path, const schema::Ontology& ontology);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  bool read_only() const;
  const schema::Ontology& ontology() const;
  void set_access_policy(AccessPolicy policy);

  // The token rule. OK when a call presenting `token` may run a statement
  // of this kind; else an error of class "Unauthorized" (token missing or
  // wrong) or "Forbidden" (writes disabled, read-only database). A token
  // that is presented but wrong is Unauthorized even for a read that needs
  // none (when the policy has a token to compare it with).
  Status Authorize(std::string_view token, bool write) const;

  // Parses, binds and plans (or takes the cached plan of the same text and
  // source name). SyntaxError with class and position on bad input.
  Result<PreparedInfo> Prepare(std::string_view text, const CallOptions& options);
  // The same without a database (nothing cached): lets a front learn whether
  // a statement writes before it decides how to open the database.
  static Result<PreparedInfo> Inspect(std::string_view text, const CallOptions& options);
  // Plans held by the cache (for tests and stats).
  size_t cached_plans() const;

  // Runs one statement: authorises (reads, then writes when the statement
  // writes), refuses writes with options.read_only or on a read-only
  // database, holds the writer lock for writes. Errors carry class and
  // position (Status::error_class(), position()): SyntaxError/SemanticError
  // before running, TypeError/ArgumentError/Timeout/LimitExceeded while
  // running (nothing is written), SchemaViolation for refused writes.
  Result<QueryResult> Run(std::string_view text, const CallOptions& options);
  // The same, handing the rows out through a cursor.
  Result<std::unique_ptr<Cursor>> Stream(std::string_view text, const CallOptions& options);

  // An explicit transaction; see Transaction.
  std::unique_ptr<Transaction> Begin();
  // Runs one statement inside `txn` (as Run; a write waits at most
  // options.lock_wait_seconds for the writer lock, then class LockTimeout).
  // A failed statement may leave part of its writes in `txn`: roll it back.
  Result<QueryResult> RunIn(Transaction& txn, std::string_view text, const CallOptions& options);
  // Commits what `txn` wrote (OK when it wrote nothing) and releases the
  // writer lock; `txn` is then empty either way.
  Status Commit(Transaction& txn);
  // Drops what `txn` wrote and releases the writer lock.
  void Rollback(Transaction& txn);

  // Runs a read-only statement and draws every node and relationship it
  // returns (endpoints of returned relationships included). Of
  // options.scope, known_day and min_confidence filter the statement;
  // valid_day does not: relations not valid
  // that day are drawn dashed (viz::RenderOptions::as_of), so a diagram
  // shows what ended or had not begun. InvalidArgument when it writes or
  // returns nothing to draw; with request.output, the file is written
  // atomically (nothing on error).
  Result<Drawing> Render(std::string_view text, const CallOptions& options,
                         const DrawRequest& request);
  // The explorer's view: the entities of `ids` that exist and the relations
  // among them, drawn as Render draws the rows of `MATCH (a) WHERE id(a) IN
  // $ids OPTIONAL MATCH (a)-[r]->(b) WHERE id(b) IN $ids AND ($day IS NULL
  // OR kg.validAt(r, $day)) RETURN a, r, b` with $day = options.scope's
  // valid_day(), read from the adjacency without running a statement.
  // Known time and min_confidence filter as in Render. InvalidArgument for
  // no ids, more than viz::kMaxNodes, or none that exists.
  Result<Drawing> RenderView(const std::vector<EntityId>& ids, const CallOptions& options,
                             const DrawRequest& request);
  // The neighbourhood of the entity called request.name (types in any
  // case). NotFound with "did you mean" (NoSuchEntity) when no entity has
  // the name; InvalidArgument when it is ambiguous or a type is unknown
  // ("types: unknown relation type ...").
  Result<Drawing> RenderEgo(const EgoRequest& request, const DrawRequest& draw);
  // The relation types drawn without direction (the ontology's symmetric ones).
  std::set<std::string, std::less<>> SymmetricTypes() const;
  // Replaces each type by the ontology's spelling (any case matches).
  // InvalidArgument listing the known types for an unknown one; an open
  // ontology accepts any name as written.
  // "unknown relation type 'X'; known: A, B, ...; did you mean 'Y'?"
  Status CanonicalTypes(std::vector<std::string>* types) const;
  // The same for labels (the ontology's kinds): "unknown label 'X'; ...".
  Status CanonicalLabels(std::vector<std::string>* labels) const;
  // Both of a filter, the errors prefixed "labels: " and "types: " (every
  // session call that takes a filter canonicalises it so); with `prefix`
  // "--", "--labels: " and "--types: " as a command line names them.
  Status CanonicalFilter(analytics::GraphFilter* filter, std::string_view prefix = "") const;

  // Entities whose name or alias is `name` (any case), each with its
  // relations as `limits` allow. Empty when none.
  Result<std::vector<EntityView>> Lookup(std::string_view name, const LookupLimits& limits) const;
  // Like Lookup without relations; an exact (case-sensitive) name wins when
  // `prefer_exact` and several match.
  Result<std::vector<Entity>> FindEntities(std::string_view name, bool prefer_exact) const;
  // Up to five names for "did you mean": those of entities whose name or
  // an alias is within a small edit distance of `name` (any database size),
  // then, on databases of up to 50,000 entities, names containing `name` or
  // contained in it (ASCII case ignored).
  std::vector<std::string> Suggest(std::string_view name) const;
  // The explorer's search (GET /v1/suggest): the `limit` best entities whose
  // name or an alias contains `q` (ASCII case ignored), as the columns id,
  // name, labels, alias; ranked exact name, name prefix, exact alias, alias
  // prefix, other, then by name (as stored) and id (the statement of
  // docs/server.md, answered from an in-memory index of the current
  // snapshot, rebuilt after a commit). NotSupported when some entity's name
  // or aliases are not strings (then run the statement instead).
  Result<ResultTable> SuggestEntities(std::string_view q, size_t limit) const;
  // Builds now, on the latest snapshot, what a server's first requests
  // would otherwise build: the suggestion index above (its first use
  // costs a scan of every entity: ~1.5 s on kggen M) and the store's
  // in-memory topology copy (storage::Transaction::WarmTopology). kg serve
  // runs it in the background at start and after commits. A database the
  // index cannot hold (NotSupported above) is not an error here.
  Status WarmCaches() const;
  // Builds the store's in-memory topology copy alone, on the latest
  // snapshot (storage::Transaction::WarmTopology): kg bench does so before
  // its timed batches. False when none fits its budget or it is disabled.
  Result<bool> WarmTopology() const;
  SuggestIndexState SuggestIndexStatus() const;
  // The sequence number of the latest snapshot: it changes with every commit.
  uint64_t SnapshotSequence() const;
  // NotFound "no entity is named or aliased 'Nvidea'; did you mean
  // 'NVIDIA'?" (Suggest's names; without them the first part alone).
  Status NoSuchEntity(std::string_view name) const;

  // The shortest routes between the entities request.from and request.to
  // name (exact-case names win, several matches are all used), parallel
  // relations grouped per hop; `options` as Run takes them (as_of, ...).
  // No route within max_hops is OK with no routes. NotFound (with "did you
  // mean") for a name that matches nothing; InvalidArgument for an unknown
  // type, max_hops < 1, or when both names are the same entity.
  Result<PathResult> FindPaths(const PathRequest& request, const CallOptions& options);

  Result<Stats> GetStats() const;
  // The dates the relations mention (storage's Transaction::DateSpan: from
  // the topology cache's clock table when it is built, which kg serve
  // warms; else one pass over the relations).
  Result<ClockSpan> DateSpan() const;
  // One line per violated invariant; empty when the database is sound.
  Result<std::vector<std::string>> Check() const;
  // `kg check --quotes`: one line per relation whose quote is not in its
  // source's stored text (or whose source has no text).
  Result<std::vector<std::string>> CheckQuotes() const;
  // Reads every block of every table file and verifies its checksum.
  // Corruption naming the damaged file.
  Status VerifyChecksums() const;

  // A write transaction of the database (the public library's
  // WriteTransaction wraps it); waits while another write runs.
  // NotSupported when read-only.
  Result<std::unique_ptr<storage::Transaction>> BeginWrite();

  // Bulk import, all or nothing (see storage/import.h for the errors).
  Result<Counts> Import(const ImportRequest& request);
  // Imports into a new database at `path` with the built-in ontology, built
  // beside it and renamed into place only when complete.
  static Result<Counts> ImportNew(const std::string& path, const ImportRequest& request);
  // InvalidArgument for a format that is not csv, jsonl, graphml, gexf,
  // cypher or dot.
  static Status CheckExportFormat(std::string_view format);
  // Exports as `request` says, to request.output or else to `out` (csv
  // needs request.output). With request.query, that statement runs
  // read-only first (InvalidArgument when it writes or returns nothing to
  // export). A file is written whole or not at all.
  Result<Counts> Export(const ExportRequest& request, std::ostream* out);

  // --- sources (storage/sources.h) ---------------------------------------
  // Every source record with its relation count.
  Result<SourceListing> ListSources() const;
  // The record, or nullopt.
  Result<std::optional<SourceRecord>> GetSource(std::string_view id) const;
  // The stored text; NotFound when the source has none.
  Result<std::string> GetSourceText(std::string_view id) const;
  // Removes a source and exactly what came only from it (one transaction).
  // NotFound when there is no such source record.
  Result<RemovedSource> RemoveSource(std::string_view id);
  // Stores the documents in one transaction; one already stored with the
  // same text is skipped, with another text refused (AlreadyExists).
  Status StoreSources(const std::vector<SourceDocument>& documents);
  // Source id -> title and publisher of every record.
  Result<std::map<std::string, SourceLabel>> SourceLabels() const;
  // The source ids a relation's `source` property names (string or list).
  static std::vector<std::string> SourceIdsOf(const Relation& relation);
  // Source id -> "Title — Publisher" (or the title alone) for every
  // record with a title: how diagram footnotes name sources.
  Result<std::map<std::string, std::string, std::less<>>> SourceTitles() const;
  // Lower-case hex SHA-256 of `data`.
  static std::string Sha256Hex(std::string_view data);
  // InvalidArgument for a bad id (empty, too long, control bytes) or a
  // published date that is not YYYY, YYYY-MM or YYYY-MM-DD.
  static Status CheckSourceRecord(const SourceRecord& record);
  // InvalidArgument unless `date` is "", YYYY, YYYY-MM or YYYY-MM-DD.
  static Status CheckPublished(std::string_view date);

  // --- ingest (ingest/ingest.h) -------------------------------------------
  // Analyses an article into a review of candidates; nothing is written.
  // AlreadyExists when a stored source has the same text (unless
  // request.replace). Lines the extractor's output had refused go to `refused`.
  Result<ingest::Review> AnalyzeArticle(const ArticleRequest& request, ingest::AnalyzeStats* stats,
                                        std::vector<ingest::Refusal>* refused) const;
  // Applies the accepted lines of `review` in one transaction (holding the
  // writer lock). `where` names the review in errors.
  Result<ingest::ApplySummary> ApplyReview(ingest::Review review,
                                           const ingest::ApplyOptions& options,
                                           const std::string& where);
  // AnalyzeArticle of a document's bytes: the format read and the text
  // extracted (ingest/document.h), the id and date checked. InvalidArgument
  // prefixed with `origin` for a bad format name, id or date, or bytes that
  // are not UTF-8; AlreadyExists as AnalyzeArticle.
  Result<ingest::Review> AnalyzeDocument(const ArticleDocument& document,
                                         ingest::AnalyzeStats* stats,
                                         std::vector<ingest::Refusal>* refused) const;
  // The same as one JSON object: {"source": id, "sentences": N, "review":
  // [the source line, then one object per candidate line], "refused":
  // [{"line", "id", "reason"}]} (the lines as in the review file).
  Result<std::string> AnalyzeDocumentJson(const ArticleDocument& document) const;
  // Parses the review (JSON Lines or a JSON array) and applies it as
  // ApplyReview does: every bad line listed as "<origin>:N: why" (or "line
  // N: why"), nothing applied.
  Result<ingest::ApplySummary> ApplyReviewText(const ReviewToApply& request);
  // The same, answering {"source": id, "entities_created": N,
  // "aliases_added": N, "relations_created": N, "replaced": bool,
  // "removed": {"relations_deleted", "relations_kept", "entities_deleted"}}.
  Result<std::string> ApplyReviewJson(const ReviewToApply& request);
  // The review file (JSON Lines) of a review, as `kg ingest -o` writes it.
  static std::string ReviewJsonl(const ingest::Review& review);
  // InvalidArgument unless `name` is auto, text, markdown (md) or html (htm).
  static Status CheckDocumentFormat(std::string_view name);

  // --- backups (storage/backup.h) ------------------------------------------
  // Adds a consistent backup to `dir` (created when absent) and verifies it.
  // The session must be writable (file deletions are paused while copying).
  Result<BackupInfo> Backup(const std::string& dir);
  // Restores backup `id` (0 = the latest) from `dir` to `db`, checked before
  // it is put in place; AlreadyExists when a database is there and not
  // `replace`.
  static Result<BackupInfo> Restore(const std::string& dir, const std::string& db, uint32_t id,
                                    bool replace);
  // Export of a result as {"columns": [...], "rows": [...]}.
  static std::string ResultJson(const ResultTable& table);

  // Graph analytics (scores, groups, shortest paths); with request.write the
  // scores are stored in one write transaction (all nodes or none). Labels
  // and types are taken in any case (CanonicalFilter). InvalidArgument for
  // unknown labels/types ("types: unknown relation type ..."); NotFound
  // with "did you mean" for unknown --from/--to names.
  Result<AnalyzeResult> Analyze(const AnalyzeRequest& request);

  // --- timelines and diffs (api/session_timeline.cc) ----------------------
  // Everything dated about the entity request.name names (as RenderEgo
  // finds it): events it takes part in (Event entities linked to it, their
  // `start` and `end`), relations touching it beginning and ending, and
  // statements about it or whose speaker it is (the said time: `date`,
  // else the source's publication). NotFound with "did you mean" for an
  // unknown name; InvalidArgument when ambiguous, for an unknown type,
  // from > to, a valid day in the scope or a bad confidence.
  Result<Timeline> GetTimeline(const TimelineRequest& request) const;
  // What changed in the window, over the whole graph or around
  // request.name. InvalidArgument when from > to, and as GetTimeline.
  Result<Diff> GetDiff(const DiffRequest& request) const;
  // The timeline along a time axis (one rank per date, dates down the
  // side), with request.render's format, title and legend; written to
  // request.output when given. InvalidArgument when it has no entries.
  Result<viz::Rendering> DrawTimeline(const Timeline& timeline, const DrawRequest& request) const;
  // One JSON document each, the same on every front (docs/cli.md).
  static std::string TimelineJson(const Timeline& timeline);
  static std::string DiffJson(const Diff& diff);

  class Impl;

 private:
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Parses the JSON text of a parameter object ("" for none). InvalidArgument
// when it is not a JSON object.
Result<ValueMap> ParseParamsJson(std::string_view json);
// Parses "--param name=JSON" specs strictly (the value must be JSON).
Result<ValueMap> ParseParamSpecs(const std::vector<std::string>& specs);
// Comma-separated names ("COMPETES_WITH, partners_with"): blanks around
// each trimmed, empty items dropped.
std::vector<std::string> SplitNames(std::string_view text);
// The window of a diff: two days, from <= to; InvalidArgument naming
// `from_what` / `to_what` for a bad or missing date or from > to.
Result<DiffWindow> ParseWindow(std::string_view from, std::string_view to,
                               std::string_view from_what, std::string_view to_what);
// A scope date ("" = none): "YYYY-MM-DD", or a week "YYYY-Www", a month
// "YYYY-MM" or a year "YYYY" (RelationFilter reads a period as: valid on
// some day of it, known by its last day). InvalidArgument prefixed `what`.
Result<std::optional<Date>> ParseDay(std::string_view text, std::string_view what);

}  // namespace kg::session
