// The session layer's value types: the options, requests and results that
// Session's calls take and give (api/session.h). Kept apart from the class
// so that the class reads as the list of what a front can do.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/analytics_types.h"
#include "core/date.h"
#include "core/entity.h"
#include "core/relation.h"
#include "core/relation_clock.h"
#include "core/result.h"
#include "core/result_table.h"
#include "core/source.h"
#include "core/status.h"
#include "core/timeline.h"
#include "core/update_counters.h"
#include "core/value.h"
#include "viz/render.h"

// The ingest types that Session's calls take and give (ingest/ingest.h).
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
  // Memory allowed for the topology cache (docs/storage.md, "Topology
  // cache"); 0 turns it off; unset keeps the store's default (1 GiB).
  std::optional<size_t> topology_cache_bytes;
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
  // The topology cache's budget as opened (0 = off) and what a copy of
  // this graph would take; over the budget the graph is never copied.
  uint64_t topology_budget_bytes = 0;
  uint64_t topology_estimate_bytes = 0;
  // What the copy built in this process takes now (0 when none is built:
  // a fresh `kg stats` process never has one; `kg serve` builds it at start).
  uint64_t topology_held_bytes = 0;
  // The dates the relations mention: filled by the caller that asks
  // Session::DateSpan (`kg stats --dates`), which may read every relation.
  std::optional<ClockSpan> dates;
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

// Two dates from < to (or equal): the window of a diff (core/timeline.h).
struct DiffWindow {
  Date from;
  Date to;
};

// A diagram request: viz options plus what the session adds (symmetric
// types from the ontology, node sizes from an analytics score).
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

}  // namespace kg::session
