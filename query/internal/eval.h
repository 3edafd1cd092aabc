// Expression evaluation over one row. The EvalContext carries everything an
// expression may need besides the row: the transaction (to load nodes and
// relationships on demand), parameters, the source (for error positions),
// aggregate results of the current group and the hook that runs pattern
// predicates (provided by the executor).
#pragma once

#include <re2/re2.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "core/value.h"
#include "query/internal/bound.h"
#include "query/internal/errors.h"
#include "query/notification.h"
#include "storage/store.h"

namespace kg::query::internal {

using Row = std::vector<Value>;

// Bytes a query holds in materialised rows, sort buffers, aggregation state
// and the lists it builds, against QueryOptions::max_memory_bytes. Sizes are
// estimates (ApproxBytes) that err on the large side; shared graph values
// are counted at each use.
class MemoryBudget {
 public:
  uint64_t limit = 0;  // 0 = no limit
  uint64_t used = 0;
  uint64_t written = 0;  // part of `used` held until commit (the write batch, caches)
  // Adds `bytes` to what is held; MemoryLimitExceeded once over the limit.
  Status Charge(uint64_t bytes);
  // The same for what a write keeps until the statement ends.
  Status ChargeWrite(uint64_t bytes) {
    written += bytes;
    return Charge(bytes);
  }
  void Release(uint64_t bytes) { used = bytes > used ? 0 : used - bytes; }
  // Whether `bytes` more (a list about to be built) would still fit.
  Status Fits(uint64_t bytes) const;
};

// Approximate heap bytes of a value (its own size included), and of a row.
uint64_t ApproxBytes(const Value& v);
uint64_t ApproxBytes(const Row& row);

// True when lists and maps nest deeper than `limit` inside `v` (does not
// recurse below the limit).
bool DeeperThan(const Value& v, size_t limit);

class EvalContext {
 public:
  storage::Transaction* txn = nullptr;
  const ValueMap* params = nullptr;
  const SourceText* src = nullptr;
  RelationFilter relations;  // QueryOptions::relations
  // Every source's publication day, loaded by the first kg.knownAt of a
  // statement whose scope has no known-at day (that one carries its own).
  std::shared_ptr<const std::map<std::string, Date, std::less<>>> source_days;
  const std::vector<Value>* agg_values = nullptr;  // current group's aggregates
  // Runs the sub-plan of a kPattern / kPatternComp over `row`, calling
  // `emit` per match with the pattern's variables bound (set *more = false
  // to stop). Provided by the executor.
  using PatternEmit = std::function<Status(Row& match, bool* more)>;
  std::function<Status(const BoundExpr& e, Row& row, const PatternEmit& emit)> pattern_match;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // Set by another thread to stop the query (QueryOptions::cancel); not owned.
  const std::atomic<bool>* cancel = nullptr;
  const std::atomic<bool>* interrupt = nullptr;  // QueryOptions::interrupt
  MemoryBudget memory;
  // Warnings of this execution (null when nobody collects them; not owned).
  std::vector<Notification>* notifications = nullptr;
  // date() and the other clocks without .realtime: one instant per statement.
  std::optional<std::chrono::system_clock::time_point> statement_time;
  // rand(): one generator per statement, seeded from the system's entropy
  // on first use: std::random_device and the seeding cost ~15 µs, nine
  // tenths of a whole `RETURN 1` when done for every statement
  // (bench/prepared_bench, bench/RESULTS.md).
  std::mt19937_64& Rng() {
    if (!rng_) rng_.emplace(std::random_device{}());
    return *rng_;
  }

  // Latest version of a node / relationship, loaded once per statement (writes
  // of this statement update the cache so later clauses see them).
  Result<std::shared_ptr<const Entity>> Node(EntityId id);
  Result<std::shared_ptr<const Relation>> Rel(RelationId id);
  // One property of a node (null when absent): from this statement's copy
  // when loaded, else from the store's memory when it knows it without
  // reading the record (Transaction::PeekProperty), else through Node(id).
  Result<Value> NodeProperty(EntityId id, const std::string& key);
  // NodeProperty's answer when the topology copy gives it without a record
  // read (and this statement holds no newer version of the node); nullopt:
  // ask NodeProperty. Spares a per-row caller NodeProperty's Result.
  std::optional<Value> PeekNodeProperty(EntityId id, std::string_view key) const {
    // Only a version this statement wrote can differ from the store's (a
    // record Node() read is the snapshot's): a statement that wrote no node
    // hashes nothing here.
    if (nodes_written_ && nodes_.count(id) > 0) return std::nullopt;
    return txn->PeekProperty(id, key);
  }
  // PeekNodeProperty(id, "name") without a copy (Transaction::PeekName).
  storage::Transaction::PeekedName PeekNodeName(EntityId id, std::string_view* text) const {
    if (nodes_written_ && nodes_.count(id) > 0) return storage::Transaction::PeekedName::kUnknown;
    return txn->PeekName(id, text);
  }
  // Whether the node has `label` when the topology copy tells without a
  // record read (and this statement wrote no newer version of the node,
  // as PeekNodeProperty); nullopt: ask Node(id).
  std::optional<bool> PeekNodeLabel(EntityId id, std::string_view label) const {
    if (nodes_written_ && nodes_.count(id) > 0) return std::nullopt;
    return txn->PeekLabel(id, label);
  }
  // The same for every one of `labels`: false when one is surely missing
  // (even after one the copy cannot tell), nullopt when the copy cannot
  // tell for one and none is surely missing, true otherwise.
  std::optional<bool> PeekNodeLabels(EntityId id, const std::vector<std::string>& labels) const {
    bool known = true;
    for (const std::string& l : labels) {
      std::optional<bool> has = PeekNodeLabel(id, l);
      if (has && !*has) return false;
      known = known && has.has_value();
    }
    if (!known) return std::nullopt;
    return true;
  }
  void PutNode(std::shared_ptr<const Entity> e) {
    nodes_written_ = true;
    nodes_[e->id] = std::move(e);
  }
  void PutRel(std::shared_ptr<const Relation> r) { rels_[r->id] = std::move(r); }
  void MarkDeletedNode(EntityId id) { deleted_nodes_.insert(id); }
  void MarkDeletedRel(RelationId id) { deleted_rels_.insert(id); }
  bool IsDeletedNode(EntityId id) const {
    return !deleted_nodes_.empty() && deleted_nodes_.count(id) > 0;  // a read hashes nothing
  }
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

  // Cooperative timeout and cancellation check (cheap: looks at the clock
  // and the flag every 256th call; call per row, element or expansion).
  Status CheckDeadline();
  // The same check on every call (for work that is coarse already).
  Status CheckDeadlineNow() const;

  // Errors at an expression, raised while running.
  Status Error(ErrorClass cls, std::string_view detail, Span span, std::string_view msg) const {
    return MakeError(*src, cls, detail, span, msg, false);
  }
  Status TypeError(Span span, std::string_view msg) const {
    return Error(ErrorClass::kTypeError, "InvalidArgumentType", span, msg);
  }

  // Notes an IncomparableTypesWarning for comparison `e` when `a` and `b`
  // can never be equal or ordered (once per expression per execution).
  void CheckComparable(const BoundExpr& e, const Value& a, const Value& b);

  // Compiled regular expressions by pattern (RE2: linear-time matching, no
  // recursion). Java's inline flags (?i) (?s) (?m) (?u) work; others and
  // constructs RE2 lacks (backreferences, lookaround) are ArgumentErrors.
  Result<const re2::RE2*> Regex(const std::string& pattern, Span span);

 private:
  std::optional<std::mt19937_64> rng_;
  std::unordered_map<EntityId, std::shared_ptr<const Entity>> nodes_;
  bool nodes_written_ = false;  // PutNode was called: nodes_ may hold newer versions
  std::unordered_map<RelationId, std::shared_ptr<const Relation>> rels_;
  std::unordered_set<EntityId> deleted_nodes_;
  std::unordered_set<RelationId> deleted_rels_;
  std::unordered_set<const BoundExpr*> warned_;  // comparisons already warned about
  std::unordered_map<std::string, std::unique_ptr<re2::RE2>> regexes_;
  uint32_t deadline_counter_ = 0;
};

Result<Value> Eval(const BoundExpr& e, Row& row, EvalContext& ctx);

// A pattern predicate (kPattern: whether a match exists, its WHERE holding)
// or a pattern comprehension (kPatternComp: the list of its body over the
// matches that pass its WHERE), through EvalContext::pattern_match.
Result<Value> EvalPattern(const BoundExpr& e, Row& row, EvalContext& ctx);

// Evaluates a predicate: true only when the value is boolean true; a non
// boolean, non-null value is a TypeError.
Result<bool> EvalPredicate(const BoundExpr& e, Row& row, EvalContext& ctx);

// The property `key` of a node, relationship or map value (null if absent).
Result<Value> PropertyOf(const Value& v, const std::string& key, const BoundExpr& at,
                         EvalContext& ctx);

// Refreshes nodes/relationships inside `v` (also in lists, maps, paths) to their
// latest version in the context's cache.
Result<Value> Refresh(const Value& v, EvalContext& ctx);

}  // namespace kg::query::internal
