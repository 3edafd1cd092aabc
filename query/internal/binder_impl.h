// The binder's internals shared by its files (binder*.cc): scopes, static
// types (the SType enum is in static_type.h, shared with the catalog) and the
// Binder class. Only the binder includes this header.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "query/internal/ast.h"
#include "query/internal/binder.h"
#include "query/internal/bound.h"
#include "query/internal/catalog.h"
#include "query/internal/errors.h"
#include "query/internal/static_type.h"

namespace kg::query::internal::binding {

enum class VarKind { kNode, kRel, kRelList, kPath, kValue };

struct VarInfo {
  int slot = -1;
  VarKind kind = VarKind::kValue;
  SType type = SType::kAny;
};

using Scope = std::map<std::string, VarInfo>;

inline SType KindType(VarKind k) {
  switch (k) {
    case VarKind::kNode:
      return SType::kNode;
    case VarKind::kRel:
      return SType::kRel;
    case VarKind::kRelList:
      return SType::kList;
    case VarKind::kPath:
      return SType::kPath;
    case VarKind::kValue:
      return SType::kAny;
  }
  return SType::kAny;
}

inline SType LiteralType(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull:
      return SType::kNull;
    case Value::Type::kBool:
      return SType::kBool;
    case Value::Type::kInt:
      return SType::kInt;
    case Value::Type::kDouble:
      return SType::kFloat;
    case Value::Type::kString:
      return SType::kString;
    default:
      return SType::kAny;
  }
}

struct ExprCtx {
  bool allow_aggregates = false;
  bool in_aggregate = false;
  std::vector<const BoundExpr*>* aggregates = nullptr;
};

// ORDER BY sub-expressions written exactly like a projected item, bound as
// that item's variable (by alias).
using ProjectedAliases = std::map<const Expr*, std::string>;

// Binds one statement: reads its syntax tree and builds the bound statement,
// giving every variable, pattern element and projected item a slot,
// checking openCypher's compile-time rules and resolving function calls in
// the catalog. Each group of methods is defined in the file named beside it.
// Every Bind* method reads a syntax node and fills (or returns) its bound
// counterpart; none changes the syntax tree.
class Binder {
 public:
  Binder(const SourceText& src, const Statement& st) : src_(src), st_(st) {}

  // binder.cc: the statement, its UNION parts and the dispatch by clause.
  Result<BoundStatement> Run();

 private:
  Status Err(std::string_view detail, Span span, std::string_view msg,
             ErrorClass cls = ErrorClass::kSyntaxError) const {
    return MakeError(src_, cls, detail, span, msg, true);
  }
  int NewSlot() { return next_slot_++; }

  Status BindSingle(const SingleQuery& q, Scope* scope, BoundQueryPart* out);
  Status BindClause(const Clause& c, Scope* scope, BoundClause* out);
  Status CheckPredicateType(SType t, Span span);

  // binder_pattern.cc: nodes, relationships and path variables of a pattern.
  // `var_length` makes every relationship variable-length (shortestPath).
  Status DeclareNode(const NodePattern& n, Scope* scope, std::set<std::string>* fresh, bool create,
                     BoundNode* out);
  Status DeclareRel(const RelPattern& r, bool var_length, Scope* scope,
                    std::set<std::string>* fresh, bool create, BoundRel* out);
  Status DeclarePattern(const PatternPart& p, Scope* scope, std::set<std::string>* fresh,
                        bool create, BoundPatternPart* out, bool var_length = false);

  // binder_reading.cc: MATCH, UNWIND, CALL ... YIELD.
  Status BindMatch(const Clause& c, Scope* scope, BoundClause* out);
  Status BindUnwind(const Clause& c, Scope* scope, BoundClause* out);
  Status BindCall(const Clause& c, Scope* scope, BoundClause* out);

  // binder_updating.cc: CREATE, MERGE, SET, REMOVE, DELETE.
  Status BindCreate(const Clause& c, Scope* scope, BoundClause* out);
  Status BindMerge(const Clause& c, Scope* scope, BoundClause* out);
  Status CheckMergeVariables(const PatternPart& p, const Scope& scope);
  Status BindDelete(const Clause& c, const Scope& scope, BoundClause* out);
  Status CheckDeleteTarget(const Expr& e, SType t);
  Status BindSetItems(const std::vector<SetItem>& items, const Scope& scope,
                      std::vector<BoundSetItem>* out);

  // binder_projection.cc: WITH, RETURN, ORDER BY, SKIP, LIMIT.
  Status BindProjection(const Clause& c, Scope* scope, BoundProjection* out);
  Status BindOrderBy(const Projection& p, const Scope& old_scope, const Scope& next,
                     BoundProjection* out);
  int FindProjected(const Expr* e, const Projection& p, int depth, ProjectedAliases* found) const;
  Status BindSkipLimit(const Expr* e, BoundExprPtr* out);

  // binder_expr.cc: expressions. Each returns the bound expression in
  // *out, its static type in (*out)->type.
  Status BindExpr(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExprPtr* out);
  // Binds `e` when present, else leaves *out null.
  Status BindOptional(const Expr* e, const Scope& scope, ExprCtx ctx, BoundExprPtr* out);
  // A function call or aggregate, resolved in the catalog once: the entry
  // is stored in the bound call (BoundExpr::function / aggregate_def).
  Status BindCall(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExpr* b);
  Status BindAggregate(const Expr& e, const AggregateDef* def, const Scope& scope, ExprCtx ctx,
                       BoundExpr* b);
  Status BindIterator(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExpr* b);
  Status BindPatternExpr(const Expr& e, const Scope& scope, BoundExpr* b);
  Status BindOperator(const Expr& e, const Scope& scope, ExprCtx ctx, BoundExpr* b);
  // An operator's static type and checks, from its bound operands.
  Status TypeOperator(BoundExpr* b);

  const SourceText& src_;
  const Statement& st_;
  BoundStatement out_;
  int next_slot_ = 0;
  std::vector<std::string> columns_;
  // While binding an ORDER BY item of an aggregating or DISTINCT
  // projection: its sub-expressions that name a projected item.
  const ProjectedAliases* projected_ = nullptr;
};

}  // namespace kg::query::internal::binding
