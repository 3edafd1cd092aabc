// Binding of the updating clauses: CREATE, MERGE, SET, REMOVE and DELETE,
// with the openCypher errors of each.
#include "query/internal/binder_impl.h"

namespace kg::query::internal::binding {

Status Binder::BindCreate(const Clause& c, Scope* scope, BoundClause* out) {
  std::set<std::string> fresh;
  out->patterns.resize(c.patterns.size());
  for (size_t i = 0; i < c.patterns.size(); ++i) {
    const PatternPart& p = c.patterns[i];
    for (const auto& r : p.rels) {
      if (r.dir == RelDir::kBoth)
        return Err("RequiresDirectedRelationship", r.span,
                   "only directed relationships are supported in CREATE");
      if (r.types.size() != 1)
        return Err("NoSingleRelationshipType", r.span,
                   "a relationship in CREATE must have exactly one type");
      if (r.var_length)
        return Err("CreatingVarLength", r.span, "variable length relationships cannot be created");
    }
    KG_RETURN_IF_ERROR(DeclarePattern(p, scope, &fresh, true, &out->patterns[i]));
  }
  return Status::OK();
}

Status Binder::BindMerge(const Clause& c, Scope* scope, BoundClause* out) {
  std::set<std::string> fresh;
  const PatternPart& p = c.patterns[0];
  for (const auto& r : p.rels) {
    if (r.types.size() != 1)
      return Err("NoSingleRelationshipType", r.span,
                 "a relationship in MERGE must have exactly one type");
    if (r.var_length)
      return Err("CreatingVarLength", r.span, "variable length relationships cannot be merged");
  }
  KG_RETURN_IF_ERROR(CheckMergeVariables(p, *scope));
  out->patterns.resize(1);
  KG_RETURN_IF_ERROR(DeclarePattern(p, scope, &fresh, false, &out->patterns[0]));
  KG_RETURN_IF_ERROR(BindSetItems(c.set_items, *scope, &out->set_items));
  return BindSetItems(c.on_create, *scope, &out->on_create);
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

Status Binder::BindDelete(const Clause& c, const Scope& scope, BoundClause* out) {
  out->exprs.resize(c.exprs.size());
  for (size_t i = 0; i < c.exprs.size(); ++i) {
    const Expr& e = *c.exprs[i];
    if (e.kind == ExprKind::kLabels) KG_RETURN_IF_ERROR(CheckDeleteTarget(e, SType::kAny));
    KG_RETURN_IF_ERROR(BindExpr(e, scope, {}, &out->exprs[i]));
    KG_RETURN_IF_ERROR(CheckDeleteTarget(e, out->exprs[i]->type));
  }
  return Status::OK();
}

Status Binder::BindSetItems(const std::vector<SetItem>& items, const Scope& scope,
                            std::vector<BoundSetItem>* out) {
  out->resize(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const SetItem& item = items[i];
    BoundSetItem& b = (*out)[i];
    b.kind = item.kind;
    b.labels = item.labels;
    b.span = item.span;
    KG_RETURN_IF_ERROR(BindExpr(*item.target, scope, {}, &b.target));
    KG_RETURN_IF_ERROR(BindOptional(item.value.get(), scope, {}, &b.value));
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
