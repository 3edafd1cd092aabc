// Binding of patterns: the nodes, relationships and path variables that
// MATCH, CREATE and MERGE declare, each given its slot.
#include "query/internal/binder_impl.h"

namespace kg::query::internal::binding {

Status Binder::DeclareNode(NodePattern* n, Scope* scope, std::set<std::string>* fresh,
                           bool create) {
  if (n->props) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(n->props.get(), *scope, {}, &t));
  }
  if (n->var.empty()) {
    n->slot = NewSlot();
    return Status::OK();
  }
  auto it = scope->find(n->var);
  if (it == scope->end()) {
    n->slot = NewSlot();
    (*scope)[n->var] = {n->slot, VarKind::kNode, SType::kNode};
    fresh->insert(n->var);
    return Status::OK();
  }
  const VarInfo& v = it->second;
  if (v.kind != VarKind::kNode &&
      !(v.kind == VarKind::kValue && (v.type == SType::kAny || v.type == SType::kNode)))
    return Err("VariableTypeConflict", n->span, n->var + " is not a node");
  if (create && !fresh->count(n->var) && (!n->labels.empty() || n->props))
    return Err("VariableAlreadyBound", n->span, n->var + " is already declared");
  if (create && fresh->count(n->var) && (!n->labels.empty() || n->props))
    return Err("VariableAlreadyBound", n->span, n->var + " is already declared");
  n->slot = v.slot;
  n->bound_before = !fresh->count(n->var);
  return Status::OK();
}

Status Binder::DeclareRel(RelPattern* r, Scope* scope, std::set<std::string>* fresh, bool create) {
  if (r->props) {
    SType t;
    KG_RETURN_IF_ERROR(BindExpr(r->props.get(), *scope, {}, &t));
  }
  if (r->var.empty()) {
    r->slot = NewSlot();
    return Status::OK();
  }
  VarKind want = r->var_length ? VarKind::kRelList : VarKind::kRel;
  auto it = scope->find(r->var);
  if (it == scope->end()) {
    r->slot = NewSlot();
    (*scope)[r->var] = {r->slot, want, KindType(want)};
    fresh->insert(r->var);
    return Status::OK();
  }
  const VarInfo& v = it->second;
  if (create) return Err("VariableAlreadyBound", r->span, r->var + " is already declared");
  bool ok = v.kind == want ||
            (v.kind == VarKind::kValue && (v.type == SType::kAny || v.type == KindType(want)) &&
             want == VarKind::kRel);
  if (!ok)
    return Err("VariableTypeConflict", r->span,
               r->var + " is not a " + (r->var_length ? "list of relationships" : "relationship"));
  if (fresh->count(r->var))
    return Err("VariableAlreadyBound", r->span,
               "relationship " + r->var + " is used twice in the same pattern");
  r->slot = v.slot;
  r->bound_before = true;
  return Status::OK();
}

Status Binder::DeclarePattern(PatternPart* p, Scope* scope, std::set<std::string>* fresh,
                              bool create) {
  for (size_t i = 0; i < p->nodes.size(); ++i) {
    KG_RETURN_IF_ERROR(DeclareNode(&p->nodes[i], scope, fresh, create));
    if (i < p->rels.size()) KG_RETURN_IF_ERROR(DeclareRel(&p->rels[i], scope, fresh, create));
  }
  if (!p->path_var.empty()) {
    if (scope->count(p->path_var))
      return Err("VariableAlreadyBound", p->span, p->path_var + " is already declared");
    p->path_slot = NewSlot();
    (*scope)[p->path_var] = {p->path_slot, VarKind::kPath, SType::kPath};
    fresh->insert(p->path_var);
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
