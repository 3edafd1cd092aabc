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
  std::vector<Expr*>* aggregates = nullptr;
};

// Binds one statement: gives every variable, pattern element and projected
// item a slot, checks openCypher's compile-time rules and resolves function
// calls in the catalog. Each group of methods is defined in the file named
// beside it.
class Binder {
 public:
  Binder(const SourceText& src, Statement* st) : src_(src), st_(st) {}

  // binder.cc: the statement, its UNION parts and the dispatch by clause.
  Status Run();

 private:
  Status Err(std::string_view detail, Span span, std::string_view msg,
             ErrorClass cls = ErrorClass::kSyntaxError) const {
    return MakeError(src_, cls, detail, span, msg, true);
  }
  int NewSlot() { return next_slot_++; }

  Status BindSingle(SingleQuery* q, Scope* scope);
  Status BindClause(Clause* c, Scope* scope);
  Status CheckPredicateType(SType t, Span span);

  // binder_pattern.cc: nodes, relationships and path variables of a pattern.
  Status DeclareNode(NodePattern* n, Scope* scope, std::set<std::string>* fresh, bool create);
  Status DeclareRel(RelPattern* r, Scope* scope, std::set<std::string>* fresh, bool create);
  Status DeclarePattern(PatternPart* p, Scope* scope, std::set<std::string>* fresh, bool create);

  // binder_reading.cc: MATCH, UNWIND, CALL ... YIELD.
  Status BindMatch(Clause* c, Scope* scope);
  Status BindUnwind(Clause* c, Scope* scope);
  Status BindCall(Clause* c, Scope* scope);

  // binder_updating.cc: CREATE, MERGE, SET, REMOVE, DELETE.
  Status BindCreate(Clause* c, Scope* scope);
  Status BindMerge(Clause* c, Scope* scope);
  Status CheckMergeVariables(const PatternPart& p, const Scope& scope);
  Status BindDelete(Clause* c, const Scope& scope);
  Status CheckDeleteTarget(const Expr& e, SType t);
  Status BindSetItems(std::vector<SetItem>* items, const Scope& scope);

  // binder_projection.cc: WITH, RETURN, ORDER BY, SKIP, LIMIT.
  Status BindProjection(Clause* c, Scope* scope);
  Status BindOrderBy(Projection* p, const Scope& old_scope, const Scope& next);
  int ReplaceProjected(ExprPtr& e, const Projection& p, int depth);
  Status BindSkipLimit(Expr* e);

  // binder_expr.cc: expressions.
  Status BindExpr(Expr* e, const Scope& scope, ExprCtx ctx, SType* type);
  // A function call or aggregate, resolved in the catalog once: the entry
  // is stored in the Expr (Expr::function / Expr::aggregate_def).
  Status BindCall(Expr* e, const Scope& scope, ExprCtx ctx, SType* type);
  Status BindAggregate(Expr* e, const AggregateDef* def, const Scope& scope, ExprCtx ctx,
                       SType* type);
  Status BindIterator(Expr* e, const Scope& scope, ExprCtx ctx, SType* type);

  const SourceText& src_;
  Statement* st_;
  int next_slot_ = 0;
  std::vector<std::string> columns_;
};

}  // namespace kg::query::internal::binding
