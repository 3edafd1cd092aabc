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

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/analytics_types.h"
#include "core/date.h"
#include "core/entity.h"
#include "core/relation.h"
#include "core/result.h"
#include "core/result_table.h"
#include "core/source.h"
#include "core/status.h"
#include "core/timeline.h"
#include "core/update_counters.h"
#include "core/value.h"
#include "schema/ontology.h"
#include "viz/render.h"

namespace kg::storage {
class Transaction;
}  // namespace kg::storage

namespace kg::ingest {
struct Review;
struct AnalyzeStats;
struct ApplyOptions;
struct ApplySummary;
struct Refusal;
}  // namespace kg::ingest

namespace kg::session {

struct OpenOptions {
  bool read_only = false;  // refuse writes; may be opened beside a writing process
  // Create an empty database with `ontology` when none exists at the path.
  bool create_if_missing = false;
  // "builtin", "open" or a path to an ontology JSON file; used on creation only.
  std::string ontology = "builtin";
  // How long a writable open waits for another process's write lock before
  // failing with "is locked by another process" (0 = fail at once).
  std::chrono::milliseconds busy_timeout{0};
};

// Who may do what: the server's token rule. The CLI and the library use the
// default (no token configured, everything allowed unless read-only).
struct AccessPolicy {
  bool enforce = false;     // false: no token rule (CLI, library)
  std::string token;        // the configured bearer token; empty: writes refused
  bool auth_reads = false;  // reads need the token too
  bool read_only = false;   // refuse writes even on a writable database
};

// Which relations a call sees (docs/temporal.md), the same on every front:
// only those valid on `valid_at` (valid_from..valid_to, open ends
// unbounded), said on or before `known_at` (their `date`, else their
// sources' publication) and at least `min_confidence` sure (none counts as
// 1.0). `as_of` is both clocks at once, what was known on that day about
// that day; an explicit valid_at / known_at wins over it.
struct Scope {
  std::optional<Date> valid_at;
  std::optional<Date> known_at;
  std::optional<Date> as_of;
  std::optional<double> min_confidence;  // InvalidArgument outside [0, 1]

  std::optional<Date> valid_day() const { return valid_at ? valid_at : as_of; }
  std::optional<Date> known_day() const { return known_at ? known_at : as_of; }
  bool empty() const { return !valid_day() && !known_day() && !min_confidence; }
  // The engine's filter; InvalidArgument for a min_confidence outside [0, 1].
  Result<RelationFilter> Filter() const;
};

// Options of one call. 0 disables a limit.
struct CallOptions {
  ValueMap parameters;  // $name -> value
  double timeout_seconds = 60.0;
  uint64_t max_rows = 1'000'000;
  // Which relationships patterns, variable-length steps, shortest paths
  // and CALL procedures follow: the two clocks and min-confidence.
  Scope scope;
  // Notifications (warnings) become errors.
  bool strict = false;
  // Refuse statements that write (InvalidArgument naming `read_only_reason`).
  bool read_only = false;
  std::string read_only_reason = "this call runs queries read-only";
  // The name used in error positions: "query" gives query:LINE:COL.
  std::string source_name = "query";
  // The bearer token presented with the call ("" for none); see AccessPolicy.
  std::string token;
  // Bytes the statement may hold at once (rows, sort and aggregation
  // buffers, lists); exceeded -> class MemoryLimitExceeded. 0 = no limit.
  uint64_t max_memory_bytes = uint64_t{1} << 30;
  // Polled wherever the deadline is; once another thread sets it the
  // statement stops with class Cancelled, nothing written. Not owned.
  const std::atomic<bool>* cancel = nullptr;
  // How long a write waits for the session's writer lock (0: no limit);
  // then it fails with class LockTimeout, nothing run.
  double lock_wait_seconds = 0;
  // A second stop flag, one client's own (Bolt's RESET), polled like
  // `cancel` (the whole server's). Not owned.
  const std::atomic<bool>* interrupt = nullptr;
  // Where Run and RunIn hand the result rows, when set: a read statement's
  // rows as they are made (none held that its RETURN does not need), a
  // write's once it has committed (query::QueryOptions::row_consumer); the
  // QueryResult then holds the columns and notifications only. A non-OK
  // status stops the statement with it.
  std::function<Status(std::vector<Value>&)> row_consumer;
};

// A warning about a statement that still ran (Neo4j's notifications):
// code such as "UnknownLabelWarning", a title, a description and a position.
struct Notification {
  std::string code;
  std::string title;
  std::string description;
  SourcePosition position;
};

// How fronts show a notification: "UnknownLabelWarning at query:1:10:
// <description>" (for a "warning: " line on stderr), and as a JSON array of
// {"code","severity":"WARNING","title","description","position":{"source",
// "line","column"}} (HTTP, RPC, `--format json`).
std::string NotificationLine(const Notification& notification);
std::string NotificationsJson(const std::vector<Notification>& notifications);

// A materialised result: columns, rows, notifications, what it changed.
struct QueryResult {
  ResultTable table;
  std::vector<Notification> notifications;
  UpdateCounters counters;
};

// A result as the JSON contract has it (HTTP's /v1/query, `kg query
// --format json`): {"columns", "rows"}, then "notifications": [...] when
// there are any and "stats": {...} (UpdateCountersJson) when the statement
// changed something.
std::string QueryResultJson(const QueryResult& result);

// The rows of one statement, one at a time. The statement has run (and a
// write committed) before the cursor is returned: errors of the statement
// are the Result's, not the cursor's. Rows handed out are released.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual const std::vector<std::string>& columns() const = 0;
  virtual const std::vector<Notification>& notifications() const = 0;
  virtual const UpdateCounters& counters() const = 0;
  // Moves the next row into `*row` and returns true; false at the end.
  virtual bool Next(std::vector<Value>* row) = 0;
  // Rows not yet handed out.
  virtual size_t remaining() const = 0;
};

// A statement parsed, bound and planned once (and cached by the Session).
struct PreparedInfo {
  std::vector<std::string> columns;
  bool writes = false;
};

// The explorer's suggestion index (Session::SuggestEntities), as GET
// /v1/stats reports it.
struct SuggestIndexState {
  bool ready = false;        // an index is built, of snapshot `sequence`
  uint64_t sequence = 0;     // that snapshot's sequence number
  uint64_t entries = 0;      // entities in it
  uint64_t builds = 0;       // indexes built since the session opened
  bool unsupported = false;  // the last snapshot tried has non-string names (the statement answers)
};

struct Stats {
  uint64_t entities = 0;
  uint64_t relations = 0;
  std::vector<std::pair<std::string, uint64_t>> entities_by_label;  // sorted by label
  std::vector<std::pair<std::string, uint64_t>> relations_by_type;  // sorted by type
  uint32_t format_version = 0;
  uint64_t disk_bytes = 0;
  std::string ontology;  // the ontology's name
};

// One relation of a looked-up entity, seen from it.
struct Neighbour {
  bool outgoing = false;
  Relation relation;
  std::optional<Entity> other;  // nullopt when it cannot be read (kg check reports it)
};

// An entity with its relations (Expand's order: by type, outgoing first).
struct EntityView {
  Entity entity;
  std::vector<Neighbour> relations;
  // Relations per type, also those not loaded because of a limit.
  std::vector<std::pair<std::string, uint64_t>> type_counts;
};

// How many relations Lookup loads: at most `max_relations` in all and
// `per_type` of each type (0 = no limit).
struct LookupLimits {
  uint64_t max_relations = 0;
  size_t per_type = 0;
  Scope scope;  // relations outside it are neither loaded nor counted
};

struct ImportRequest {
  std::vector<std::string> node_files;
  std::vector<std::string> edge_files;
  // Rows read so far and bytes done/total; may be empty.
  std::function<void(uint64_t rows, uint64_t bytes_done, uint64_t bytes_total)> progress;
};

struct Counts {
  uint64_t entities = 0;
  uint64_t relations = 0;
};

// An export of the graph, or of the nodes and relationships one read-only
// statement returns.
struct ExportRequest {
  std::string format;  // csv, jsonl, graphml, gexf, cypher or dot
  // The file to write whole or not at all (csv: a directory); "" writes a
  // single-file format to the stream passed to Export.
  std::string output;
  std::string query;  // "" = the whole graph
  // How `query` runs; without a query, a scope in it keeps every entity and
  // the relations the scope accepts.
  CallOptions query_options;
};

// A source document: its record and its full text.
struct SourceDocument {
  SourceRecord record;
  std::string text;
};

struct SourceListing {
  std::vector<std::pair<SourceRecord, uint64_t>> sources;  // with relation counts, by id
  // Source ids relations name that have no record (CSV data loaded without
  // --sources), with their relation counts.
  std::vector<std::pair<std::string, uint64_t>> unrecorded;
};

struct RemovedSource {
  uint64_t relations_deleted = 0;  // relations that came only from the source
  uint64_t relations_kept = 0;     // relations that keep other sources
  uint64_t entities_deleted = 0;   // entities it introduced that nothing else uses
};

struct BackupInfo {
  uint32_t id = 0;  // the backup's number within its directory
  uint64_t entities = 0;
  uint64_t relations = 0;
  uint64_t bytes = 0;
  uint32_t files = 0;
};

// An article to turn into a review of candidates (docs/ingest.md).
struct ArticleRequest {
  SourceRecord source;  // sha256 is computed from `text`
  std::string text;
  std::string extractor;  // an external extractor command ("" = none)
  bool replace = false;   // analyse even when a source has the same text
};

// An article as a front receives it: its bytes, how to read them and the
// record to keep it under (the CLI's file, an HTTP body; docs/ingest.md).
struct ArticleDocument {
  SourceRecord source;          // id required; sha256 is computed from the text
  std::string bytes;            // UTF-8 plain text, Markdown or HTML
  std::string format = "auto";  // auto, text, markdown (md) or html (htm)
  std::string origin;           // names it in errors; `auto` looks at its extension
  std::string extractor;        // an external extractor command ("" = none)
  bool replace = false;         // analyse even when a source has the same text
};

// A reviewed article to apply (docs/ingest.md "Step 3").
struct ReviewToApply {
  std::string body;      // the review file (JSON Lines) or a JSON array of its lines
  std::string origin;    // "review.jsonl" gives "review.jsonl:N: why"; "" gives "line N: why"
  bool replace = false;  // swap a source with the same text or id
  std::optional<double> auto_accept;  // apply confidence >= this instead of the flags
};

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

// A diagram request: viz options plus what the session adds (symmetric
// types from the ontology, node sizes from an analytics score).
// Two dates from < to (or equal): the window of a diff (core/timeline.h).
struct DiffWindow {
  Date from;
  Date to;
};

struct DrawRequest {
  viz::RenderOptions render;
  std::optional<analytics::Algorithm> size_by;  // node size from this score
  std::string output;                           // file to write; "" = bytes only
  // Render only: colour each relation by what it did in the window, as kg
  // diff decides it (added green, ended red and dashed, unchanged grey).
  std::optional<DiffWindow> diff;
};

struct Drawing {
  viz::Rendering rendering;
  Subgraph graph;
  size_t dropped = 0;  // ego: neighbours left out by max_nodes
};

// More rings than this no longer read as a neighbourhood.
inline constexpr int kMaxEgoDepth = 10;

struct EgoRequest {
  std::string name;
  int depth = 1;  // 0 to kMaxEgoDepth
  // max_nodes: 1 to viz::kMaxNodes.
  std::vector<std::string> types;  // any case; canonicalised against the ontology
  size_t max_nodes = 25;           // a ring of more no longer reads at page size
  // Draw every relation among the chosen nodes, not only those joining
  // consecutive rings (the star).
  bool cross_edges = false;
  // Relations not known by known_day() or below min_confidence are left
  // out; those not valid on valid_day() are drawn dashed (as Render does).
  Scope scope;
};

struct AnalyzeResult {
  ResultTable table;
  uint64_t written = 0;  // nodes whose property was written (request.write)
};

struct AnalyzeRequest {
  std::optional<analytics::Algorithm> algorithm;  // nullopt: shortest path
  analytics::AnalysisOptions options;
  size_t top = 20;
  std::optional<std::string> write;  // store each score as this property
  // Shortest path: --from / --to names, weight, direction.
  std::string from, to;
  analytics::EdgeWeight weight = analytics::EdgeWeight::kHops;
  bool directed = false;
  // Which relations are analysed; replaces options.filter.relations.
  Scope scope;
};

// `kg path`: the shortest connections between two named entities.
struct PathRequest {
  std::string from, to;            // names or aliases (any case)
  int max_hops = 4;                // at least 1
  std::vector<std::string> types;  // any case; canonicalised against the ontology
  bool all = false;                // every shortest path, not just one
};

// A route: a sequence of distinct entities; each hop holds every relation
// found joining its two entities (parallel relations: the same route read
// through different quotes), by type, then relation id.
struct Route {
  std::vector<Entity> entities;             // from .. to
  std::vector<std::vector<Relation>> hops;  // hops[i] joins entities[i] and entities[i + 1]
  uint64_t combinations = 0;                // paths along the route: product of hop sizes
};

struct PathResult {
  std::vector<Entity> from, to;  // the entities each name resolved to
  std::vector<Route> routes;     // distinct entity sequences, ordered by names then ids
  uint64_t combinations = 0;     // paths over all routes (sum of route combinations)
};

// `kg timeline`: everything dated about one entity (core/timeline.h).
struct TimelineRequest {
  std::string name;                // name or alias, any case; an exact name wins
  std::vector<std::string> types;  // relation types (any case); empty = every type
  std::optional<Date> from, to;    // only entries dated within [from, to]
  // known_day() and min_confidence leave relations out; a valid day is
  // refused (valid time is the timeline's axis: use from/to).
  Scope scope;
};

// `kg diff`: what changed in (from, to] (core/timeline.h for each change's rule).
struct DiffRequest {
  DiffWindow window;
  std::string name;                // "" = the whole graph; else only what touches it
  std::vector<std::string> types;  // any case; empty = every type
  Scope scope;                     // as TimelineRequest's
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
