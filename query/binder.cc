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

Result<BoundStatement> Bind(const SourceText& src, const Statement& statement) {
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

Result<BoundStatement> Binder::Run() {
  out_.mode = st_.mode;
  out_.union_all = st_.union_all;
  std::vector<std::string> first_columns;
  for (size_t i = 0; i < st_.parts.size(); ++i) {
    Scope scope;
    KG_RETURN_IF_ERROR(BindSingle(st_.parts[i], &scope, &out_.parts.emplace_back()));
    std::vector<std::string> cols = columns_;
    if (i == 0) {
      first_columns = cols;
    } else if (cols != first_columns) {
      return Err("DifferentColumnsInUnion", st_.parts[i].clauses.back().span,
                 "all sub queries in a UNION must have the same return column names");
    }
  }
  out_.columns = first_columns;
  out_.num_slots = next_slot_;
  return std::move(out_);
}

Status Binder::BindSingle(const SingleQuery& q, Scope* scope, BoundQueryPart* out) {
  columns_.clear();
  out->clauses.reserve(q.clauses.size());
  for (size_t i = 0; i < q.clauses.size(); ++i) {
    const Clause& c = q.clauses[i];
    bool last = i + 1 == q.clauses.size();
    if (last && c.kind != ClauseKind::kReturn && !IsUpdating(c.kind) && c.kind != ClauseKind::kCall)
      return Err("MissingReturn", c.span,
                 "query cannot conclude with this clause (must be RETURN or an update clause)");
    KG_RETURN_IF_ERROR(BindClause(c, scope, &out->clauses.emplace_back()));
  }
  return Status::OK();
}

Status Binder::BindClause(const Clause& c, Scope* scope, BoundClause* out) {
  if (IsUpdating(c.kind)) out_.has_writes = true;
  out->kind = c.kind;
  out->span = c.span;
  out->optional = c.optional;
  out->var = c.var;
  out->detach = c.detach;
  out->proc_name = c.proc_name;
  out->yields = c.yields;
  switch (c.kind) {
    case ClauseKind::kMatch:
      return BindMatch(c, scope, out);
    case ClauseKind::kUnwind:
      return BindUnwind(c, scope, out);
    case ClauseKind::kWith:
    case ClauseKind::kReturn:
      return BindProjection(c, scope, &out->projection);
    case ClauseKind::kCreate:
      return BindCreate(c, scope, out);
    case ClauseKind::kMerge:
      return BindMerge(c, scope, out);
    case ClauseKind::kSet:
    case ClauseKind::kRemove:
      return BindSetItems(c.set_items, *scope, &out->set_items);
    case ClauseKind::kDelete:
      return BindDelete(c, *scope, out);
    case ClauseKind::kCall:
      return BindCall(c, scope, out);
  }
  return Status::OK();
}

Status Binder::CheckPredicateType(SType t, Span span) {
  if (t == SType::kAny || t == SType::kBool || t == SType::kNull) return Status::OK();
  return Err("InvalidArgumentType", span, std::string("expected a boolean, got ") + STypeName(t));
}
}  // namespace kg::query::internal::binding
