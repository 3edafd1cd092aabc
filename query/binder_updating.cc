// Binding of the updating clauses: CREATE, MERGE, SET, REMOVE and DELETE,
// with the openCypher errors of each.
#include "query/internal/binder_impl.h"

namespace kg::query::internal::binding {

Status Binder::BindCreate(Clause* c, Scope* scope) {
  std::set<std::string> fresh;
  for (auto& p : c->patterns) {
    for (auto& r : p.rels) {
      if (r.dir == RelDir::kBoth)
        return Err("RequiresDirectedRelationship", r.span,
                   "only directed relationships are supported in CREATE");
      if (r.types.size() != 1)
        return Err("NoSingleRelationshipType", r.span,
                   "a relationship in CREATE must have exactly one type");
      if (r.var_length)
        return Err("CreatingVarLength", r.span, "variable length relationships cannot be created");
    }
    KG_RETURN_IF_ERROR(DeclarePattern(&p, scope, &fresh, true));
  }
  return Status::OK();
}

Status Binder::BindMerge(Clause* c, Scope* scope) {
  std::set<std::string> fresh;
  PatternPart& p = c->patterns[0];
  for (auto& r : p.rels) {
    if (r.types.size() != 1)
      return Err("NoSingleRelationshipType", r.span,
                 "a relationship in MERGE must have exactly one type");
    if (r.var_length)
      return Err("CreatingVarLength", r.span, "variable length relationships cannot be merged");
  }
  KG_RETURN_IF_ERROR(CheckMergeVariables(p, *scope));
  KG_RETURN_IF_ERROR(DeclarePattern(&p, scope, &fresh, false));
  KG_RETURN_IF_ERROR(BindSetItems(&c->set_items, *scope));
  return BindSetItems(&c->on_create, *scope);
}

// MERGE matches or creates the whole pattern: a lone node already bound,
// new labels or properties on a bound node, a bound relationship or a
// parameter as a property map cannot be merged.
Status Binder::CheckMergeVariables(const PatternPart& p, const Scope& scope) {
  for (const auto& n : p.nodes) {
    if (n.props && n.props->kind == ExprKind::kParam)
      return Err("InvalidParameterUse", n.props->span,
                 "a parameter cannot give the properties of a node in MERGE; use {k: $p.k}");
    bool bound = !n.var.empty() && scope.count(n.var);
    if (bound && (p.rels.empty() || !n.labels.empty() || n.props))
      return Err("VariableAlreadyBound", n.span,
                 n.var + " is already declared and cannot be merged again");
  }
  for (const auto& r : p.rels) {
    if (r.props && r.props->kind == ExprKind::kParam)
      return Err("InvalidParameterUse", r.props->span,
                 "a parameter cannot give the properties of a relationship in MERGE");
    if (!r.var.empty() && scope.count(r.var))
      return Err("VariableAlreadyBound", r.span, r.var + " is already declared");
  }
  return Status::OK();
}

// DELETE takes nodes, relationships, paths (or lists of them, or null):
// a label test or an expression of another static type cannot be deleted.
Status Binder::CheckDeleteTarget(const Expr& e, SType t) {
  if (e.kind == ExprKind::kLabels)
    return Err("InvalidDelete", e.span, "DELETE removes nodes and relationships, not labels");
  if (t == SType::kBool || t == SType::kInt || t == SType::kFloat || t == SType::kString ||
      t == SType::kMap)
    return Err("InvalidArgumentType", e.span,
               std::string("DELETE needs a node, relationship or path, got ") + STypeName(t));
  return Status::OK();
}

Status Binder::BindDelete(Clause* c, const Scope& scope) {
  for (auto& e : c->exprs) {
    if (e->kind == ExprKind::kLabels) KG_RETURN_IF_ERROR(CheckDeleteTarget(*e, SType::kAny));
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(e.get(), scope, {}, &t));
    KG_RETURN_IF_ERROR(CheckDeleteTarget(*e, t));
  }
  return Status::OK();
}

Status Binder::BindSetItems(std::vector<SetItem>* items, const Scope& scope) {
  for (auto& item : *items) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(item.target.get(), scope, {}, &t));
    if (item.value) KG_RETURN_IF_ERROR(BindExpr(item.value.get(), scope, {}, &t));
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
