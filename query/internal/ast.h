// The abstract syntax tree produced by the parser: what the statement says,
// with where each part is written. It holds no decision of the binder: the
// binder reads it (const) and returns a bound query (bound.h), the form the
// planner, the operators and the evaluator read. Nodes own their children
// through unique_ptr.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"
#include "query/internal/errors.h"
#include "query/internal/syntax_kinds.h"

namespace kg::query::internal {

struct Expr;
struct PatternPart;
using ExprPtr = std::unique_ptr<Expr>;

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
};

struct NodePattern {
  std::string var;  // "" = anonymous
  std::vector<std::string> labels;
  std::vector<Span> label_spans;  // where each label is written
  ExprPtr props;                  // kMap or kParam, may be null
  Span span;
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
};

struct PatternPart {
  std::string path_var;
  PathKind kind = PathKind::kNormal;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  Span span;
};

struct ReturnItem {
  ExprPtr expr;
  std::string alias;  // as written or derived from the expression text
  bool explicit_alias = false;
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
};

struct SetItem {
  using Kind = SetKind;
  Kind kind = Kind::kProperty;
  ExprPtr target;  // kProperty: a kProperty expression; others: kVar
  ExprPtr value;
  std::vector<std::string> labels;
  Span span;
};

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  Span span;
  bool optional = false;              // OPTIONAL MATCH
  std::vector<PatternPart> patterns;  // MATCH / CREATE / MERGE (one)
  ExprPtr where;                      // MATCH / CALL ... YIELD ... WHERE
  ExprPtr expr;                       // UNWIND expression
  std::string var;                    // UNWIND alias
  Projection projection;              // WITH / RETURN
  std::vector<SetItem> set_items;     // SET / REMOVE, MERGE ON MATCH
  std::vector<SetItem> on_create;     // MERGE ON CREATE
  std::vector<ExprPtr> exprs;         // DELETE targets, CALL arguments
  bool detach = false;
  std::string proc_name;                                    // CALL
  std::vector<std::pair<std::string, std::string>> yields;  // column, alias
  bool yield_star = false;
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Statement {
  using Mode = StatementMode;
  Mode mode = Mode::kRun;
  std::vector<SingleQuery> parts;  // UNION branches
  std::vector<bool> union_all;     // union_all[i] joins parts[i] and parts[i+1]
};

}  // namespace kg::query::internal
