// Binding: scopes, slots, aggregates and the compile-time errors of openCypher.
// This file walks a statement clause by clause; each kind of clause is bound
// in its own file (binder_reading.cc, binder_updating.cc,
// binder_projection.cc, patterns in binder_pattern.cc), expressions in
// binder_expr.cc, all through the Binder class of internal/binder_impl.h.
#include "query/internal/binder.h"

#include "query/internal/binder_impl.h"
#include "query/internal/catalog.h"

namespace kg::query::internal {

bool IsAggregateFunction(const std::string& name) { return FindAggregate(name) != nullptr; }

Status Bind(const SourceText& src, Statement* statement) {
  return binding::Binder(src, statement).Run();
}

}  // namespace kg::query::internal

namespace kg::query::internal::binding {

namespace {

bool IsUpdating(ClauseKind k) {
  return k == ClauseKind::kCreate || k == ClauseKind::kMerge || k == ClauseKind::kSet ||
         k == ClauseKind::kRemove || k == ClauseKind::kDelete;
}

}  // namespace

Status Binder::Run() {
  std::vector<std::string> first_columns;
  for (size_t i = 0; i < st_->parts.size(); ++i) {
    Scope scope;
    KG_RETURN_IF_ERROR(BindSingle(&st_->parts[i], &scope));
    std::vector<std::string> cols = columns_;
    if (i == 0) {
      first_columns = cols;
    } else if (cols != first_columns) {
      return Err("DifferentColumnsInUnion", st_->parts[i].clauses.back().span,
                 "all sub queries in a UNION must have the same return column names");
    }
  }
  st_->columns = first_columns;
  st_->num_slots = next_slot_;
  return Status::OK();
}

Status Binder::BindSingle(SingleQuery* q, Scope* scope) {
  columns_.clear();
  for (size_t i = 0; i < q->clauses.size(); ++i) {
    Clause& c = q->clauses[i];
    bool last = i + 1 == q->clauses.size();
    if (last && c.kind != ClauseKind::kReturn && !IsUpdating(c.kind) && c.kind != ClauseKind::kCall)
      return Err("MissingReturn", c.span,
                 "query cannot conclude with this clause (must be RETURN or an update clause)");
    KG_RETURN_IF_ERROR(BindClause(&c, scope));
  }
  return Status::OK();
}

Status Binder::BindClause(Clause* c, Scope* scope) {
  if (IsUpdating(c->kind)) st_->has_writes = true;
  switch (c->kind) {
    case ClauseKind::kMatch:
      return BindMatch(c, scope);
    case ClauseKind::kUnwind:
      return BindUnwind(c, scope);
    case ClauseKind::kWith:
    case ClauseKind::kReturn:
      return BindProjection(c, scope);
    case ClauseKind::kCreate:
      return BindCreate(c, scope);
    case ClauseKind::kMerge:
      return BindMerge(c, scope);
    case ClauseKind::kSet:
    case ClauseKind::kRemove:
      return BindSetItems(&c->set_items, *scope);
    case ClauseKind::kDelete:
      return BindDelete(c, *scope);
    case ClauseKind::kCall:
      return BindCall(c, scope);
  }
  return Status::OK();
}

Status Binder::CheckPredicateType(SType t, Span span) {
  if (t == SType::kAny || t == SType::kBool || t == SType::kNull) return Status::OK();
  return Err("InvalidArgumentType", span, std::string("expected a boolean, got ") + STypeName(t));
}
}  // namespace kg::query::internal::binding
