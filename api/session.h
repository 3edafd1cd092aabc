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

#include <cstdint>
#include <functional>
#include <iosfwd>
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
#include "core/status.h"
#include "core/value.h"
#include "schema/ontology.h"
#include "viz/render.h"

namespace kg::storage {
class Transaction;
}  // namespace kg::storage

namespace kg::session {

struct OpenOptions {
  bool read_only = false;  // refuse writes; may be opened beside a writing process
  // Create an empty database with `ontology` when none exists at the path.
  bool create_if_missing = false;
  // "builtin", "open" or a path to an ontology JSON file; used on creation only.
  std::string ontology = "builtin";
};

// Who may do what: the server's token rule. The CLI and the library use the
// default (no token configured, everything allowed unless read-only).
struct AccessPolicy {
  bool enforce = false;     // false: no token rule (CLI, library)
  std::string token;        // the configured bearer token; empty: writes refused
  bool auth_reads = false;  // reads need the token too
};

// Options of one call. 0 disables a limit.
struct CallOptions {
  ValueMap parameters;  // $name -> value
  double timeout_seconds = 60.0;
  uint64_t max_rows = 1'000'000;
  // The clocks. `as_of`: patterns follow only relationships valid on that
  // day. (valid_at / known_at will join it; as_of will mean both.)
  std::optional<Date> as_of;
  // Relationships whose confidence is below this are not matched. Not yet
  // applied by the engine: a call that sets it is NotSupported.
  std::optional<double> min_confidence;
  // Notifications (warnings) become errors.
  bool strict = false;
  // Refuse statements that write (InvalidArgument naming `read_only_reason`).
  bool read_only = false;
  std::string read_only_reason = "this call runs queries read-only";
  // The name used in error positions: "query" gives query:LINE:COL.
  std::string source_name = "query";
  // The bearer token presented with the call ("" for none); see AccessPolicy.
  std::string token;
};

// A warning about a statement that still ran (Neo4j's notifications):
// code such as "UnknownLabelWarning", a title, a description and a position.
struct Notification {
  std::string code;
  std::string title;
  std::string description;
  SourcePosition position;
};

// A materialised result: columns, rows, notifications.
struct QueryResult {
  ResultTable table;
  std::vector<Notification> notifications;
};

// The rows of one statement, one at a time. The statement has run (and a
// write committed) before the cursor is returned: errors of the statement
// are the Result's, not the cursor's. Rows handed out are released.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual const std::vector<std::string>& columns() const = 0;
  virtual const std::vector<Notification>& notifications() const = 0;
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

// A diagram request: viz options plus what the session adds (symmetric
// types from the ontology, node sizes from an analytics score).
struct DrawRequest {
  viz::RenderOptions render;
  std::optional<analytics::Algorithm> size_by;  // node size from this score
  std::string output;                           // file to write; "" = bytes only
};

struct Drawing {
  viz::Rendering rendering;
  Subgraph graph;
  size_t dropped = 0;  // ego: neighbours left out by max_nodes
};

struct EgoRequest {
  std::string name;
  int depth = 1;
  std::vector<std::string> types;  // any case; canonicalised against the ontology
  size_t max_nodes = 40;
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
  // wrong) or "Forbidden" (writes disabled, read-only database).
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

  // Runs a read-only statement and draws every node and relationship it
  // returns (endpoints of returned relationships included). InvalidArgument
  // when it writes or returns nothing to draw; with request.output, the file
  // is written atomically (nothing on error).
  Result<Drawing> Render(std::string_view text, const CallOptions& options,
                         const DrawRequest& request);
  // The neighbourhood of the entity called request.name. NotFound when no
  // entity has the name; InvalidArgument when it is ambiguous or a type is unknown.
  Result<Drawing> RenderEgo(const EgoRequest& request, const DrawRequest& draw);
  // The relation types drawn without direction (the ontology's symmetric ones).
  std::set<std::string, std::less<>> SymmetricTypes() const;
  // Replaces each type by the ontology's spelling (any case matches).
  // InvalidArgument listing the known types for an unknown one; an open
  // ontology accepts any name as written.
  Status CanonicalTypes(std::vector<std::string>* types) const;

  // Entities whose name or alias is `name` (any case), each with its
  // relations as `limits` allow. Empty when none.
  Result<std::vector<EntityView>> Lookup(std::string_view name, const LookupLimits& limits) const;
  // Like Lookup without relations; an exact (case-sensitive) name wins when
  // `prefer_exact` and several match.
  Result<std::vector<Entity>> FindEntities(std::string_view name, bool prefer_exact) const;
  // Up to five names containing `name` or contained in it (ASCII case
  // ignored), for "did you mean"; empty on large databases.
  std::vector<std::string> Suggest(std::string_view name) const;

  Result<Stats> GetStats() const;
  // One line per violated invariant; empty when the database is sound.
  Result<std::vector<std::string>> Check() const;

  // A write transaction of the database (the public library's
  // WriteTransaction wraps it); waits while another write runs.
  // NotSupported when read-only.
  Result<std::unique_ptr<storage::Transaction>> BeginWrite();

  // Bulk import, all or nothing (see storage/import.h for the errors).
  Result<Counts> Import(const ImportRequest& request);
  // Export of the graph: "csv" writes `target` as a directory; jsonl,
  // graphml, dot write to `out`. InvalidArgument for an unknown format.
  Result<Counts> ExportGraph(std::string_view format, const std::string& target,
                             std::ostream* out) const;
  // Export of a result as {"columns": [...], "rows": [...]}.
  static std::string ResultJson(const ResultTable& table);

  // InvalidArgument ("--labels: unknown label 'X'; known: ...", "--types:
  // ...") for a name the ontology does not declare; OK when it is open.
  Status CheckFilter(const analytics::GraphFilter& filter) const;
  // Graph analytics (scores, groups, shortest paths); with request.write the
  // scores are stored in one write transaction (all nodes or none).
  // InvalidArgument for unknown labels/types; NotFound for unknown names.
  Result<AnalyzeResult> Analyze(const AnalyzeRequest& request);

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
// An as-of day "YYYY-MM-DD" ("" = none); InvalidArgument prefixed `what`.
Result<std::optional<Date>> ParseDay(std::string_view text, std::string_view what);

}  // namespace kg::session
