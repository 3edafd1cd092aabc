// The abstract syntax tree produced by the parser. The binder annotates it in
// place (variable slots, aggregate markers) and the planner reads it; nodes
// own their children through unique_ptr.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"
#include "query/internal/errors.h"

namespace kg::query::internal {

struct Expr;
struct PatternPart;
struct FunctionDef;
struct AggregateDef;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  kLiteral,   // value
  kParam,     // name
  kVar,       // name (slot after binding)
  kProperty,  // args[0].name
  kList,      // args
  kMap,       // keys[i] -> args[i]
  kNot,
  kNeg,
  kPos,
  kAnd,
  kOr,
  kXor,
  kEq,
  kNeq,
  kLt,
  kLe,
  kGt,
  kGe,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
  kIsNull,
  kIsNotNull,
  kIn,
  kStartsWith,
  kEndsWith,
  kContains,
  kRegex,
  kIndex,  // args[0][args[1]]
  kSlice,  // args[0][args[1]..args[2]] (null children = open ends)
  kCall,   // name(args), distinct
  kCountStar,
  kCase,         // args[0] = subject or null; then pairs when/then; else_expr
  kListComp,     // [name IN args[0] WHERE args[1] | args[2]] (null children allowed)
  kQuantifier,   // name2 = all/any/none/single; name IN args[0] WHERE args[1]
  kReduce,       // reduce(name = args[0], name2 IN args[1] | args[2])
  kLabels,       // args[0]:labels...
  kPattern,      // pattern predicate / EXISTS { pattern [WHERE args[0]] }
  kPatternComp,  // [pattern WHERE args[0] | args[1]] (args[0] may be null)
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Span span;
  Value value;                    // kLiteral
  std::string name;               // variable / parameter / property / function name
  std::string name2;              // second variable (reduce) or quantifier kind
  std::vector<std::string> keys;  // map keys, label names
  std::vector<ExprPtr> args;
  ExprPtr else_expr;                     // CASE ELSE
  bool distinct = false;                 // count(DISTINCT x)
  std::unique_ptr<PatternPart> pattern;  // kPattern, kPatternComp
  uint32_t height = 0;                   // of this subtree; 0 = not yet known (parser)
  // Where the names are written: kProperty its key, kLabels each label,
  // kMap each key (for notifications about names the database lacks).
  std::vector<Span> name_spans;
  Span op_span;  // comparisons: the operator (IncomparableTypesWarning)

  // Set by the binder.
  int slot = -1;           // kVar, kListComp/kQuantifier/kReduce iteration variable
  int slot2 = -1;          // kReduce accumulator
  bool aggregate = false;  // kCall/kCountStar that is an aggregation
  int agg_index = -1;      // index into the projection's aggregate list
  int pattern_plan = -1;   // kPattern, kPatternComp: index of its compiled sub-plan
  // The catalog entry of a call (query/internal/catalog.h), resolved once
  // here so that evaluation calls it without a lookup by name: a scalar
  // kCall's function, or an aggregate's (kCountStar: "count").
  const FunctionDef* function = nullptr;
  const AggregateDef* aggregate_def = nullptr;
};

enum class RelDir { kRight, kLeft, kBoth };

struct NodePattern {
  std::string var;  // "" = anonymous
  std::vector<std::string> labels;
  std::vector<Span> label_spans;  // where each label is written
  ExprPtr props;                  // kMap or kParam, may be null
  Span span;
  int slot = -1;
  bool bound_before = false;  // the variable was bound by an earlier clause
};

struct RelPattern {
  std::string var;
  std::vector<std::string> types;
  std::vector<Span> type_spans;  // where each type is written
  ExprPtr props;
  RelDir dir = RelDir::kBoth;
  bool var_length = false;
  int64_t min_hops = 1;
  int64_t max_hops = -1;  // -1 = unbounded
  Span span;
  int slot = -1;
  bool bound_before = false;
};

enum class PathKind { kNormal, kShortest, kAllShortest };

struct PatternPart {
  std::string path_var;
  PathKind kind = PathKind::kNormal;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  Span span;
  int path_slot = -1;
};

struct ReturnItem {
  ExprPtr expr;
  std::string alias;  // as written or derived from the expression text
  bool explicit_alias = false;
  int slot = -1;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;
  std::vector<ReturnItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip, limit;
  ExprPtr where;  // WITH ... WHERE
  Span span;
  // Binder results.
  bool aggregating = false;
  std::vector<Expr*> aggregates;  // aggregate call nodes inside items / order by
  std::vector<std::pair<std::string, int>> star_vars;  // RETURN *: variables by name
};

struct SetItem {
  enum class Kind { kProperty, kReplaceMap, kMergeMap, kLabels } kind = Kind::kProperty;
  ExprPtr target;  // kProperty: a kProperty expression; others: kVar
  ExprPtr value;
  std::vector<std::string> labels;
  Span span;
};

enum class ClauseKind {
  kMatch,
  kUnwind,
  kWith,
  kReturn,
  kCreate,
  kMerge,
  kSet,
  kRemove,
  kDelete,
  kCall
};

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  Span span;
  bool optional = false;              // OPTIONAL MATCH
  std::vector<PatternPart> patterns;  // MATCH / CREATE / MERGE (one)
  ExprPtr where;                      // MATCH / CALL ... YIELD ... WHERE
  ExprPtr expr;                       // UNWIND expression
  std::string var;                    // UNWIND alias
  int slot = -1;
  Projection projection;           // WITH / RETURN
  std::vector<SetItem> set_items;  // SET / REMOVE, MERGE ON MATCH
  std::vector<SetItem> on_create;  // MERGE ON CREATE
  std::vector<ExprPtr> exprs;      // DELETE targets, CALL arguments
  bool detach = false;
  std::string proc_name;                                    // CALL
  std::vector<std::pair<std::string, std::string>> yields;  // column, alias
  std::vector<int> yield_slots;
  bool yield_star = false;
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Statement {
  enum class Mode { kRun, kExplain, kProfile } mode = Mode::kRun;
  std::vector<SingleQuery> parts;  // UNION branches
  std::vector<bool> union_all;     // union_all[i] joins parts[i] and parts[i+1]
  // Binder results.
  int num_slots = 0;
  bool has_writes = false;
  std::vector<std::string> columns;
  std::vector<const PatternPart*> pattern_predicates;  // kPattern sub-plans, by index
};

}  // namespace kg::query::internal
