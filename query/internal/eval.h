// Expression evaluation over one row. The EvalContext carries everything an
// expression may need besides the row: the transaction (to load nodes and
// relationships on demand), parameters, the source (for error positions),
// aggregate results of the current group and the hook that runs pattern
// predicates (provided by the executor).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "core/value.h"
#include "query/internal/ast.h"
#include "query/internal/errors.h"
#include "storage/store.h"

namespace kg::query::internal {

using Row = std::vector<Value>;

class EvalContext {
 public:
  storage::Transaction* txn = nullptr;
  const ValueMap* params = nullptr;
  const SourceText* src = nullptr;
  std::optional<Date> as_of;
  const std::vector<Value>* agg_values = nullptr;  // current group's aggregates
  std::function<Result<bool>(const Expr& e, Row& row)> pattern_eval;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();

  // Latest version of a node / relationship, loaded once per statement (writes
  // of this statement update the cache so later clauses see them).
  Result<std::shared_ptr<const Entity>> Node(EntityId id);
  Result<std::shared_ptr<const Relation>> Rel(RelationId id);
  // One property of a node (null when absent): from this statement's copy
  // when loaded, else from the store's memory when it knows it without
  // reading the record (Transaction::PeekProperty), else through Node(id).
  Result<Value> NodeProperty(EntityId id, const std::string& key);
  void PutNode(std::shared_ptr<const Entity> e) { nodes_[e->id] = std::move(e); }
  void PutRel(std::shared_ptr<const Relation> r) { rels_[r->id] = std::move(r); }
  void MarkDeletedNode(EntityId id) { deleted_nodes_.insert(id); }
  void MarkDeletedRel(RelationId id) { deleted_rels_.insert(id); }
  bool IsDeletedNode(EntityId id) const { return deleted_nodes_.count(id) > 0; }
  bool IsDeletedRel(RelationId id) const { return deleted_rels_.count(id) > 0; }
  // A Value holding the node / relationship with this id.
  Result<Value> NodeValue(EntityId id);
  // A Value holding only the node's id (no storage read): every property or
  // label access goes through Node(id), and results are Refresh()ed, so rows
  // carry ids and records load only when something reads them.
  static Value NodeRef(EntityId id);
  // Same for a relationship: id, type and endpoints, properties on demand.
  static Value RelRef(RelationId id, std::string_view type, EntityId start, EntityId end);
  Result<Value> RelValue(RelationId id);

  // Cooperative timeout check (cheap; call per row or per expansion).
  Status CheckDeadline();

  // Errors at an expression, raised while running.
  Status Error(ErrorClass cls, std::string_view detail, Span span, std::string_view msg) const {
    return MakeError(*src, cls, detail, span, msg, false);
  }
  Status TypeError(Span span, std::string_view msg) const {
    return Error(ErrorClass::kTypeError, "InvalidArgumentType", span, msg);
  }

  // Compiled regular expressions by pattern (std::regex construction is slow).
  Result<const std::regex*> Regex(const std::string& pattern, Span span);

 private:
  std::unordered_map<EntityId, std::shared_ptr<const Entity>> nodes_;
  std::unordered_map<RelationId, std::shared_ptr<const Relation>> rels_;
  std::unordered_set<EntityId> deleted_nodes_;
  std::unordered_set<RelationId> deleted_rels_;
  std::unordered_map<std::string, std::unique_ptr<std::regex>> regexes_;
  uint32_t deadline_counter_ = 0;
};

Result<Value> Eval(const Expr& e, Row& row, EvalContext& ctx);

// Evaluates a predicate: true only when the value is boolean true; a non
// boolean, non-null value is a TypeError.
Result<bool> EvalPredicate(const Expr& e, Row& row, EvalContext& ctx);

// The property `key` of a node, relationship or map value (null if absent).
Result<Value> PropertyOf(const Value& v, const std::string& key, const Expr& at, EvalContext& ctx);

// Refreshes nodes/relationships inside `v` (also in lists, maps, paths) to their
// latest version in the context's cache.
Result<Value> Refresh(const Value& v, EvalContext& ctx);

}  // namespace kg::query::internal
