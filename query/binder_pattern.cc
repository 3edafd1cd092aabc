// Binding of patterns: the nodes, relationships and path variables that
// MATCH, CREATE and MERGE declare, each given its slot in the bound pattern.
#include "query/internal/binder_impl.h"

namespace kg::query::internal::binding {

Status Binder::DeclareNode(const NodePattern& n, Scope* scope, std::set<std::string>* fresh,
                           bool create, BoundNode* out) {
  out->var = n.var;
  out->labels = n.labels;
  out->label_spans = n.label_spans;
  out->span = n.span;
  KG_RETURN_IF_ERROR(BindOptional(n.props.get(), *scope, {}, &out->props));
  if (n.var.empty()) {
    out->slot = NewSlot();
    return Status::OK();
  }
  auto it = scope->find(n.var);
  if (it == scope->end()) {
    out->slot = NewSlot();
    (*scope)[n.var] = {out->slot, VarKind::kNode, SType::kNode};
    fresh->insert(n.var);
    return Status::OK();
  }
  const VarInfo& v = it->second;
  if (v.kind != VarKind::kNode &&
      !(v.kind == VarKind::kValue && (v.type == SType::kAny || v.type == SType::kNode)))
    return Err("VariableTypeConflict", n.span, n.var + " is not a node");
  if (create && !fresh->count(n.var) && (!n.labels.empty() || n.props))
    return Err("VariableAlreadyBound", n.span, n.var + " is already declared");
  if (create && fresh->count(n.var) && (!n.labels.empty() || n.props))
    return Err("VariableAlreadyBound", n.span, n.var + " is already declared");
  out->slot = v.slot;
  out->bound_before = !fresh->count(n.var);
  return Status::OK();
}

Status Binder::DeclareRel(const RelPattern& r, bool var_length, Scope* scope,
                          std::set<std::string>* fresh, bool create, BoundRel* out) {
  out->var = r.var;
  out->types = r.types;
  out->type_spans = r.type_spans;
  out->dir = r.dir;
  out->var_length = var_length;
  out->min_hops = r.min_hops;
  out->max_hops = r.max_hops;
  out->span = r.span;
  KG_RETURN_IF_ERROR(BindOptional(r.props.get(), *scope, {}, &out->props));
  if (r.var.empty()) {
    out->slot = NewSlot();
    return Status::OK();
  }
  VarKind want = var_length ? VarKind::kRelList : VarKind::kRel;
  auto it = scope->find(r.var);
  if (it == scope->end()) {
    out->slot = NewSlot();
    (*scope)[r.var] = {out->slot, want, KindType(want)};
    fresh->insert(r.var);
    return Status::OK();
  }
  const VarInfo& v = it->second;
  if (create) return Err("VariableAlreadyBound", r.span, r.var + " is already declared");
  bool ok = v.kind == want ||
            (v.kind == VarKind::kValue && (v.type == SType::kAny || v.type == KindType(want)) &&
             want == VarKind::kRel);
  if (!ok)
    return Err("VariableTypeConflict", r.span,
               r.var + " is not a " + (var_length ? "list of relationships" : "relationship"));
  if (fresh->count(r.var))
    return Err("VariableAlreadyBound", r.span,
               "relationship " + r.var + " is used twice in the same pattern");
  out->slot = v.slot;
  out->bound_before = true;
  return Status::OK();
}

Status Binder::DeclarePattern(const PatternPart& p, Scope* scope, std::set<std::string>* fresh,
                              bool create, BoundPatternPart* out, bool var_length) {
  out->path_var = p.path_var;
  out->kind = p.kind;
  out->span = p.span;
  out->nodes.resize(p.nodes.size());
  out->rels.resize(p.rels.size());
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    KG_RETURN_IF_ERROR(DeclareNode(p.nodes[i], scope, fresh, create, &out->nodes[i]));
    if (i < p.rels.size())
      KG_RETURN_IF_ERROR(DeclareRel(p.rels[i], var_length || p.rels[i].var_length, scope, fresh,
                                    create, &out->rels[i]));
  }
  if (!p.path_var.empty()) {
    if (scope->count(p.path_var))
      return Err("VariableAlreadyBound", p.span, p.path_var + " is already declared");
    out->path_slot = NewSlot();
    (*scope)[p.path_var] = {out->path_slot, VarKind::kPath, SType::kPath};
    fresh->insert(p.path_var);
  }
  return Status::OK();
}

}  // namespace kg::query::internal::binding
