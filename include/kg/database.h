// kg's public C++ API: open a database, run queries with parameters and walk
// typed rows (through a cursor, or materialised), write in transactions,
// draw diagrams. It is built on kg's session layer (api/session.h), the one
// way every front reaches the engine, so the library, the CLI and the server
// apply the same rules. The implementation lives behind pointers (pimpl): no
// RocksDB, Cap'n Proto or Graphviz type appears here. Values are kg's core
// types (Value, Entity, Relation), installed with this header as
// <kg/core/...>; include <kg/kg.h>.
//
//   KG_ASSIGN_OR_RETURN(auto db, kg::Database::Open("graph.kg", {}));
//   KG_ASSIGN_OR_RETURN(auto cursor, db->Stream("MATCH (n) RETURN n.name"));
//   while (cursor->Next()) std::cout << cursor->row()[0].as_string() << "\n";
//
// Every call states its outcomes: OK, or the Status codes it can return.
// Errors of a statement carry their class and position as fields
// (Status::error_class(), Status::position()) besides the message.
//
// A Database may be used from many threads at once: reads run on their own
// snapshots; writes (write queries and WriteTransactions) are serialised.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/relation.h"
#include "core/result.h"
#include "core/result_table.h"
#include "core/status.h"
#include "core/timeline.h"
#include "core/update_counters.h"
#include "core/value.h"

namespace kg {

struct DatabaseOptions {
  bool read_only = false;  // refuse writes; may be opened beside a writing process
  // Create an empty database with `ontology` when none exists at the path.
  bool create_if_missing = false;
  // "builtin" (default), "open" (any label and type) or a path to an ontology
  // JSON file; used only when a database is created.
  std::string ontology = "builtin";
};

// Limits and options of one query. 0 means no limit.
struct QueryLimits {
  double timeout_seconds = 60.0;
  uint64_t max_rows = 1'000'000;
  // Which relationships patterns follow (kg extension, docs/temporal.md):
  // valid on `valid_at`, said on or before `known_at`, `as_of` for both at
  // once (an explicit valid_at/known_at wins), and at least
  // `min_confidence` sure (InvalidArgument outside [0, 1]). The dates may
  // be weeks, months or years: valid on some day of it, said by its last day.
  std::optional<Date> valid_at;
  std::optional<Date> known_at;
  std::optional<Date> as_of;
  std::optional<double> min_confidence;
  // Notifications (warnings) become errors.
  bool strict = false;
};

// A warning about a statement that still ran: code (e.g.
// "UnknownLabelWarning"), title, description and position.
struct Notification {
  std::string code;
  std::string title;
  std::string description;
  SourcePosition position;
};

// One result row: cells in column order.
class Row {
 public:
  explicit Row(const std::vector<Value>* cells) : cells_(cells) {}
  size_t size() const { return cells_->size(); }
  // Requires i < size().
  const Value& operator[](size_t i) const { return (*cells_)[i]; }
  const std::vector<Value>& cells() const { return *cells_; }

 private:
  const std::vector<Value>* cells_;
};

// The rows of a query, owned by the caller. Cells are typed kg::Values:
// scalars (is_int(), as_string(), ...), nodes (as_node() -> Entity),
// relationships (as_relationship() -> Relation) and paths (as_path()).
class QueryResult {
 public:
  class Iterator {
   public:
    Iterator(const ResultTable* t, size_t i) : table_(t), i_(i) {}
    Row operator*() const { return Row(&table_->rows[i_]); }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const ResultTable* table_;
    size_t i_;
  };

  explicit QueryResult(ResultTable table, std::vector<Notification> notifications = {},
                       UpdateCounters counters = {})
      : table_(std::move(table)), notifications_(std::move(notifications)), counters_(counters) {}

  const std::vector<std::string>& columns() const { return table_.columns; }
  size_t size() const { return table_.rows.size(); }
  // Requires i < size().
  Row row(size_t i) const { return Row(&table_.rows[i]); }
  // The index of the named column, or -1.
  int ColumnIndex(std::string_view name) const;
  Iterator begin() const { return Iterator(&table_, 0); }
  Iterator end() const { return Iterator(&table_, table_.rows.size()); }
  // {"columns": [...], "rows": [[...], ...]} as `kg query --format json` prints it.
  std::string ToJson() const;
  const ResultTable& table() const { return table_; }
  // Warnings about the statement (empty when none).
  const std::vector<Notification>& notifications() const { return notifications_; }
  // What the statement changed (all zero for a read).
  const UpdateCounters& counters() const { return counters_; }

 private:
  ResultTable table_;
  std::vector<Notification> notifications_;
  UpdateCounters counters_;
};

// The rows of one statement handed out one at a time (Database::Stream).
// The statement has run (a write committed) when the cursor is returned;
// each row is released once the cursor moves past it. Not thread-safe.
class Cursor {
 public:
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  const std::vector<std::string>& columns() const;
  const std::vector<Notification>& notifications() const;
  // What the statement changed (all zero for a read).
  const UpdateCounters& counters() const;
  // Moves to the next row: true when there is one (then row() is valid),
  // false at the end (and on every later call).
  bool Next();
  // The current row; valid until the next call of Next(). Requires that the
  // last Next() returned true.
  Row row() const;

 private:
  friend class Database;
  class Impl;
  explicit Cursor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

enum class DiagramFormat { kSvg, kPng, kPdf, kDot };

// A write transaction: nothing is visible to others before Commit(); the
// destructor without Commit() discards everything. Only one write
// transaction (or write query) of a Database runs at a time: BeginWrite waits.
// Every write is checked against the ontology at once (SchemaViolation).
class WriteTransaction {
 public:
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // Every call after Commit() returns InvalidArgument.
  // The new entity's id. SchemaViolation when the ontology refuses the
  // labels or properties; IOError when the store cannot be read.
  Result<EntityId> CreateEntity(std::vector<std::string> labels, PropertyMap properties);
  // The new relation's id. NotFound when an endpoint does not exist;
  // SchemaViolation when the ontology refuses type, endpoints or stance.
  Result<RelationId> CreateRelation(std::string type, EntityId start, EntityId end,
                                    PropertyMap properties);
  // Reads see this transaction's own writes. NotFound when absent;
  // Corruption when the record does not decode.
  Result<Entity> GetEntity(EntityId id) const;
  Result<Relation> GetRelation(RelationId id) const;
  // Ids whose name or alias equals `name`, ignoring case (empty when none).
  Result<std::vector<EntityId>> FindByName(std::string_view name) const;
  // NotFound when absent; SchemaViolation as for Create*.
  Status UpdateEntity(const Entity& entity);
  Status UpdateRelation(const Relation& relation);
  // NotFound when absent. Without `detach`, an entity that still has
  // relations is refused (SchemaViolation).
  Status DeleteEntity(EntityId id, bool detach);
  Status DeleteRelation(RelationId id);
  // Applies every write atomically and ends the transaction. IOError when
  // the write fails (then nothing is written).
  Status Commit();

 private:
  friend class Database;
  class Impl;
  explicit WriteTransaction(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct DatabaseStats {
  uint64_t entities = 0;
  uint64_t relations = 0;
  std::vector<std::pair<std::string, uint64_t>> entities_by_label;
  std::vector<std::pair<std::string, uint64_t>> relations_by_type;
  std::string ontology;
};

// Options of Timeline and Diff (docs/temporal.md, "Timelines and diffs").
struct DatedOptions {
  std::vector<std::string> types;        // relation types, any case; empty = every type
  std::optional<Date> known_at;          // only relations stated on or before this day
  std::optional<double> min_confidence;  // InvalidArgument outside [0, 1]
};

class Database {
 public:
  // Opens the database at `path`. NotFound when there is none (unless
  // options.create_if_missing); IOError when another process holds it for
  // writing (read-only opens work beside a writer); InvalidArgument /
  // SyntaxError for a bad options.ontology file on creation; Corruption
  // when the stored data does not decode.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                const DatabaseOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  bool read_only() const;

  // Runs one statement with $parameters and hands its rows out one at a
  // time. Errors (each with error_class() and, when known, position()):
  //   SyntaxError code: classes SyntaxError / SemanticError, position
  //     query:LINE:COL (also in the message, with a caret line);
  //   InvalidArgument: classes TypeError, ArgumentError, EntityNotFound,
  //     ProcedureError, Timeout (limits.timeout_seconds), LimitExceeded
  //     (limits.max_rows);
  //   SchemaViolation: a write the ontology refuses;
  //   NotSupported: a write on a read-only database;
  //   IOError / Corruption: the store failed.
  // A write statement lands whole or not at all.
  Result<std::unique_ptr<Cursor>> Stream(std::string_view text, const ValueMap& params = {},
                                         const QueryLimits& limits = {});
  // The same, all rows at once (a convenience over Stream).
  Result<QueryResult> Query(std::string_view text, const ValueMap& params = {},
                            const QueryLimits& limits = {});

  // A write transaction; waits while another write runs. NotSupported when
  // read-only.
  Result<std::unique_ptr<WriteTransaction>> BeginWrite();

  // Runs a read-only query and draws every node and relationship its rows
  // mention (endpoints of relationships included) as a diagram; returns the
  // file's bytes. InvalidArgument when the query writes (it is not run) or
  // the result holds no graph values; Query's errors otherwise.
  Result<std::string> Render(std::string_view text, const ValueMap& params, DiagramFormat format);

  // Everything dated about the entity named `name` (name or alias, any
  // case; an exact name wins), in date order: events it takes part in,
  // relations touching it beginning and ending, statements about it or by
  // it; only entries within [from, to] when given. NotFound (message with
  // "did you mean") for an unknown name; InvalidArgument when the name is
  // ambiguous, a type is unknown or from > to.
  Result<kg::Timeline> Timeline(std::string_view name, const DatedOptions& options = {},
                                std::optional<Date> from = std::nullopt,
                                std::optional<Date> to = std::nullopt) const;
  // What changed after `from` up to `to` (core/timeline.h gives each
  // change's rule), over the whole graph or, with a non-empty `name`, only
  // what touches that entity. InvalidArgument when from > to; otherwise as
  // Timeline.
  Result<kg::Diff> Diff(Date from, Date to, std::string_view name = "",
                        const DatedOptions& options = {}) const;

  // Counts by label and type. IOError when the store cannot be read.
  Result<DatabaseStats> Stats() const;

  // Runs the store's invariant check; returns one line per violation (empty
  // when sound). IOError when the store cannot be read.
  Result<std::vector<std::string>> Check() const;

 private:
  class Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg
