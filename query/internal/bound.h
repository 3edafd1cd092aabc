// The bound query: what the binder (binder*.cc) makes of a syntax tree
// (ast.h), and the only form the planner, the operators and the evaluator
// read. The syntax tree says what was written; the bound query adds every
// decision the binder takes: a slot in the row for each variable, pattern
// element, projected item and iteration variable, the catalog entry of
// each function call and aggregate (so evaluation calls it without a look-up
// by name), each projection's aggregate list and RETURN * variables, the
// CALL's yield slots, the output columns, whether the statement writes, the
// pattern predicates' sub-plans and each expression's static type. Source
// spans are kept for errors and notifications at run time.
//
// Nodes own their children through unique_ptr, so pointers into a bound
// statement (aggregates, pattern predicates, plans) stay valid when it is
// moved.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/value.h"
#include "query/internal/errors.h"
#include "query/internal/static_type.h"
#include "query/internal/syntax_kinds.h"

namespace kg::query::internal {

struct BoundExpr;
struct BoundPatternPart;
struct FunctionDef;
struct AggregateDef;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

// An expression with its variables resolved to slots and its calls to
// catalog entries. The kinds and the meaning of name, name2, keys and args
// per kind are those of the syntax tree (syntax_kinds.h); ORDER BY items
// written like a projected expression are bound as that item's variable.
struct BoundExpr {
  ExprKind kind = ExprKind::kLiteral;
  Span span;
  Value value;                    // kLiteral
  std::string name;               // variable / parameter / property / function name
  std::string name2;              // second variable (reduce) or quantifier kind
  std::vector<std::string> keys;  // map keys, label names
  std::vector<BoundExprPtr> args;
  BoundExprPtr else_expr;                     // CASE ELSE
  bool distinct = false;                      // count(DISTINCT x)
  std::unique_ptr<BoundPatternPart> pattern;  // kPattern, kPatternComp
  // Where the names are written: kProperty its key, kLabels each label,
  // kMap each key (for notifications about names the database lacks).
  std::vector<Span> name_spans;
  Span op_span;  // comparisons: the operator (IncomparableTypesWarning)

  SType type = SType::kAny;  // the static type the binder inferred
  int slot = -1;             // kVar, kListComp/kQuantifier/kReduce iteration variable
  int slot2 = -1;            // kReduce accumulator
  bool aggregate = false;    // kCall/kCountStar that is an aggregation
  int agg_index = -1;        // index into the projection's aggregate list
  int pattern_plan = -1;     // kPattern, kPatternComp: index of its compiled sub-plan
  // The catalog entry of a call (query/internal/catalog.h): a scalar
  // kCall's function, or an aggregate's (kCountStar: "count").
  const FunctionDef* function = nullptr;
  const AggregateDef* aggregate_def = nullptr;
};

struct BoundNode {
  std::string var;  // "" = anonymous
  std::vector<std::string> labels;
  std::vector<Span> label_spans;  // where each label is written
  BoundExprPtr props;             // kMap or kParam, may be null
  Span span;
  int slot = -1;
  bool bound_before = false;  // the variable was bound by an earlier clause
};

struct BoundRel {
  std::string var;
  std::vector<std::string> types;
  std::vector<Span> type_spans;  // where each type is written
  BoundExprPtr props;
  RelDir dir = RelDir::kBoth;
  bool var_length = false;  // also true for shortestPath's relationship
  int64_t min_hops = 1;
  int64_t max_hops = -1;  // -1 = unbounded
  Span span;
  int slot = -1;
  bool bound_before = false;
};

struct BoundPatternPart {
  std::string path_var;
  PathKind kind = PathKind::kNormal;
  std::vector<BoundNode> nodes;  // nodes.size() == rels.size() + 1
  std::vector<BoundRel> rels;
  Span span;
  int path_slot = -1;
};

struct BoundReturnItem {
  BoundExprPtr expr;
  std::string alias;  // the column / variable name
  int slot = -1;
};

struct BoundSortItem {
  BoundExprPtr expr;
  bool descending = false;
};

struct BoundProjection {
  bool distinct = false;
  bool star = false;
  std::vector<BoundReturnItem> items;
  std::vector<BoundSortItem> order_by;
  BoundExprPtr skip, limit;
  BoundExprPtr where;  // WITH ... WHERE
  Span span;
  bool aggregating = false;
  // The aggregate calls inside items and ORDER BY, by BoundExpr::agg_index.
  std::vector<const BoundExpr*> aggregates;
  std::vector<std::pair<std::string, int>> star_vars;  // RETURN *: variables by name
};

struct BoundSetItem {
  using Kind = SetKind;
  Kind kind = Kind::kProperty;
  BoundExprPtr target;  // kProperty: a kProperty expression; others: kVar
  BoundExprPtr value;
  std::vector<std::string> labels;
  Span span;
};

// One clause; which members are used depends on the kind, as in the
// syntax tree.
struct BoundClause {
  ClauseKind kind = ClauseKind::kMatch;
  Span span;
  bool optional = false;                   // OPTIONAL MATCH
  std::vector<BoundPatternPart> patterns;  // MATCH / CREATE / MERGE (one)
  BoundExprPtr where;                      // MATCH / CALL ... YIELD ... WHERE
  BoundExprPtr expr;                       // UNWIND expression
  std::string var;                         // UNWIND alias
  int slot = -1;                           // UNWIND alias's slot
  BoundProjection projection;              // WITH / RETURN
  std::vector<BoundSetItem> set_items;     // SET / REMOVE, MERGE ON MATCH
  std::vector<BoundSetItem> on_create;     // MERGE ON CREATE
  std::vector<BoundExprPtr> exprs;         // DELETE targets, CALL arguments
  bool detach = false;
  std::string proc_name;                                    // CALL
  std::vector<std::pair<std::string, std::string>> yields;  // column, alias
  std::vector<int> yield_slots;                             // by yields
};

// One UNION branch.
struct BoundQueryPart {
  std::vector<BoundClause> clauses;
};

struct BoundStatement {
  using Mode = StatementMode;
  Mode mode = Mode::kRun;
  std::vector<BoundQueryPart> parts;  // UNION branches
  std::vector<bool> union_all;        // union_all[i] joins parts[i] and parts[i+1]
  int num_slots = 0;                  // slots of a row
  bool has_writes = false;
  std::vector<std::string> columns;  // of the first branch (all branches agree)
  // The patterns of kPattern / kPatternComp expressions, by
  // BoundExpr::pattern_plan; the planner makes a sub-plan of each.
  std::vector<const BoundPatternPart*> pattern_predicates;
};

}  // namespace kg::query::internal
