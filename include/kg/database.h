// kg's public C++ API: open a database, run queries with parameters and walk
// typed rows, write in transactions, draw diagrams. The implementation lives
// behind pointers (pimpl): no RocksDB, Cap'n Proto or Graphviz type appears
// here. Values are kg's core types (core/value.h, core/entity.h,
// core/relation.h), installed with this header.
//
//   KG_ASSIGN_OR_RETURN(auto db, kg::Database::Open("graph.kg", {}));
//   KG_ASSIGN_OR_RETURN(kg::QueryResult r, db->Query("MATCH (n) RETURN n.name"));
//   for (const kg::Row& row : r) std::cout << row[0].as_string() << "\n";
//
// A Database may be used from many threads at once: reads run on their own
// snapshots; writes (write queries and WriteTransactions) are serialised.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/relation.h"
#include "core/result.h"
#include "core/result_table.h"
#include "core/status.h"
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

// Limits of one query. 0 means no limit.
struct QueryLimits {
  double timeout_seconds = 60.0;
  uint64_t max_rows = 1'000'000;
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

  explicit QueryResult(ResultTable table) : table_(std::move(table)) {}

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

 private:
  ResultTable table_;
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

  Result<EntityId> CreateEntity(std::vector<std::string> labels, PropertyMap properties);
  Result<RelationId> CreateRelation(std::string type, EntityId start, EntityId end,
                                    PropertyMap properties);
  // Reads see this transaction's own writes. NotFound when absent.
  Result<Entity> GetEntity(EntityId id) const;
  Result<Relation> GetRelation(RelationId id) const;
  // Ids whose name or alias equals `name`, ignoring case.
  Result<std::vector<EntityId>> FindByName(std::string_view name) const;
  Status UpdateEntity(const Entity& entity);
  Status UpdateRelation(const Relation& relation);
  // Without `detach`, an entity that still has relations is refused.
  Status DeleteEntity(EntityId id, bool detach);
  Status DeleteRelation(RelationId id);
  // Applies every write atomically and ends the transaction. Further calls
  // return InvalidArgument.
  Status Commit();

  class Impl;
  explicit WriteTransaction(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

struct DatabaseStats {
  uint64_t entities = 0;
  uint64_t relations = 0;
  std::vector<std::pair<std::string, uint64_t>> entities_by_label;
  std::vector<std::pair<std::string, uint64_t>> relations_by_type;
  std::string ontology;
};

class Database {
 public:
  // Opens the database at `path`. NotFound when there is none (unless
  // options.create_if_missing); IOError when another process holds it for
  // writing (read-only opens work beside a writer).
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                const DatabaseOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  bool read_only() const;

  // Runs one statement with $parameters. Errors: SyntaxError (message
  // "…query:LINE:COL: …"), InvalidArgument at run time (type errors,
  // timeouts, row limit), SchemaViolation for writes the ontology refuses,
  // NotSupported for writes on a read-only database. A write statement
  // lands whole or not at all.
  Result<QueryResult> Query(std::string_view text, const ValueMap& params = {},
                            const QueryLimits& limits = {});

  // A write transaction. NotSupported when read-only.
  Result<std::unique_ptr<WriteTransaction>> BeginWrite();

  // Runs the query and draws every node and relationship its rows mention
  // (endpoints of relationships included) as a diagram; returns the file's
  // bytes. InvalidArgument when the result holds no graph values.
  Result<std::string> Render(std::string_view text, const ValueMap& params, DiagramFormat format);

  Result<DatabaseStats> Stats() const;

  // Runs the store's invariant check; returns one line per violation.
  Result<std::vector<std::string>> Check() const;

  class Impl;

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg
