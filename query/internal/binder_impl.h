// The binder's internals shared by binder.cc (clauses, patterns,
// projections) and binder_expr.cc (expressions): scopes, static types (the
// SType enum is in static_type.h, shared with the catalog) and the Binder
// class. Only the binder includes this header.
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

class Binder {
 public:
  Binder(const SourceText& src, Statement* st) : src_(src), st_(st) {}

  Status Run() {
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

 private:
  Status Err(std::string_view detail, Span span, std::string_view msg,
             ErrorClass cls = ErrorClass::kSyntaxError) const {
    return MakeError(src_, cls, detail, span, msg, true);
  }

  int NewSlot() { return next_slot_++; }

  Status BindSingle(SingleQuery* q, Scope* scope) {
    columns_.clear();
    for (size_t i = 0; i < q->clauses.size(); ++i) {
      Clause& c = q->clauses[i];
      bool last = i + 1 == q->clauses.size();
      if (last && c.kind != ClauseKind::kReturn && !IsUpdating(c.kind) &&
          c.kind != ClauseKind::kCall)
        return Err("MissingReturn", c.span,
                   "query cannot conclude with this clause (must be RETURN or an update clause)");
      KG_RETURN_IF_ERROR(BindClause(&c, scope));
    }
    return Status::OK();
  }

  static bool IsUpdating(ClauseKind k) {
    return k == ClauseKind::kCreate || k == ClauseKind::kMerge || k == ClauseKind::kSet ||
           k == ClauseKind::kRemove || k == ClauseKind::kDelete;
  }

  Status BindClause(Clause* c, Scope* scope) {
    if (IsUpdating(c->kind)) st_->has_writes = true;
    switch (c->kind) {
      case ClauseKind::kMatch:
        return BindMatch(c, scope);
      case ClauseKind::kUnwind: {
        SType t;
        KG_RETURN_IF_ERROR(BindExpr(c->expr.get(), *scope, {}, &t));
        if (scope->count(c->var))
          return Err("VariableAlreadyBound", c->span, c->var + " is already declared");
        c->slot = NewSlot();
        (*scope)[c->var] = {c->slot, VarKind::kValue, SType::kAny};
        return Status::OK();
      }
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
        for (auto& e : c->exprs) {
          if (e->kind == ExprKind::kLabels) KG_RETURN_IF_ERROR(CheckDeleteTarget(*e, SType::kAny));
          SType t;
          KG_RETURN_IF_ERROR(BindExpr(e.get(), *scope, {}, &t));
          KG_RETURN_IF_ERROR(CheckDeleteTarget(*e, t));
        }
        return Status::OK();
      case ClauseKind::kCall:
        return BindCall(c, scope);
    }
    return Status::OK();
  }

  // --- patterns --------------------------------------------------------------

  Status DeclareNode(NodePattern* n, Scope* scope, std::set<std::string>* fresh, bool create) {
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

  Status DeclareRel(RelPattern* r, Scope* scope, std::set<std::string>* fresh, bool create) {
    if (r->props) {
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(r->props.get(), *scope, {}, &t));
    }
    if (r->var_length && r->max_hops >= 0 && r->min_hops > r->max_hops && false)
      return Status::OK();
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
      return Err(
          "VariableTypeConflict", r->span,
          r->var + " is not a " + (r->var_length ? "list of relationships" : "relationship"));
    if (fresh->count(r->var))
      return Err("VariableAlreadyBound", r->span,
                 "relationship " + r->var + " is used twice in the same pattern");
    r->slot = v.slot;
    r->bound_before = true;
    return Status::OK();
  }

  Status DeclarePattern(PatternPart* p, Scope* scope, std::set<std::string>* fresh, bool create) {
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

  Status BindMatch(Clause* c, Scope* scope) {
    std::set<std::string> fresh;
    for (auto& p : c->patterns) {
      if (p.kind != PathKind::kNormal) {
        if (p.rels.size() != 1)
          return Err("InvalidArgumentLength", p.span,
                     "shortestPath needs a pattern with exactly one relationship");
        if (p.rels[0].var_length && p.rels[0].min_hops > 1)
          return Err("InvalidArgumentValue", p.span,
                     "shortestPath's minimal length must be 0 or 1");
        p.rels[0].var_length = true;
      }
      KG_RETURN_IF_ERROR(DeclarePattern(&p, scope, &fresh, false));
    }
    // A variable declared as a path cannot be reused as node/relationship in the same MATCH
    // (caught above through scope kinds since paths are declared after their elements).
    if (c->where) {
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(c->where.get(), *scope, {}, &t));
      KG_RETURN_IF_ERROR(CheckPredicateType(t, c->where->span));
    }
    return Status::OK();
  }

  Status BindCreate(Clause* c, Scope* scope) {
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
          return Err("CreatingVarLength", r.span,
                     "variable length relationships cannot be created");
      }
      KG_RETURN_IF_ERROR(DeclarePattern(&p, scope, &fresh, true));
    }
    return Status::OK();
  }

  Status BindMerge(Clause* c, Scope* scope) {
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
  Status CheckMergeVariables(const PatternPart& p, const Scope& scope) {
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
  Status CheckDeleteTarget(const Expr& e, SType t) {
    if (e.kind == ExprKind::kLabels)
      return Err("InvalidDelete", e.span, "DELETE removes nodes and relationships, not labels");
    if (t == SType::kBool || t == SType::kInt || t == SType::kFloat || t == SType::kString ||
        t == SType::kMap)
      return Err("InvalidArgumentType", e.span,
                 std::string("DELETE needs a node, relationship or path, got ") + STypeName(t));
    return Status::OK();
  }

  Status BindSetItems(std::vector<SetItem>* items, const Scope& scope) {
    for (auto& item : *items) {
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(item.target.get(), scope, {}, &t));
      if (item.value) KG_RETURN_IF_ERROR(BindExpr(item.value.get(), scope, {}, &t));
    }
    return Status::OK();
  }

  Status BindCall(Clause* c, Scope* scope) {
    for (auto& e : c->exprs) {
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(e.get(), *scope, {}, &t));
    }
    for (auto& [col, alias] : c->yields) {
      if (scope->count(alias))
        return Err("VariableAlreadyBound", c->span, alias + " is already declared");
      int slot = NewSlot();
      c->yield_slots.push_back(slot);
      (*scope)[alias] = {slot, VarKind::kValue, SType::kAny};
    }
    if (c->where) {
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(c->where.get(), *scope, {}, &t));
    }
    columns_.clear();
    for (auto& y : c->yields) columns_.push_back(y.second);
    return Status::OK();
  }

  // --- projections ----------------------------------------------------------

  Status BindProjection(Clause* c, Scope* scope) {
    Projection& p = c->projection;
    bool is_return = c->kind == ClauseKind::kReturn;
    Scope next;
    if (p.star) {
      if (is_return && scope->empty() && p.items.empty())
        return Err("NoVariablesInScope", p.span,
                   "RETURN * is not allowed when there are no variables in scope");
      for (const auto& [name, info] : *scope) {
        next[name] = info;
        p.star_vars.emplace_back(name, info.slot);
      }
    }
    ExprCtx ctx{true, false, &p.aggregates};
    std::vector<std::string> names;
    if (p.star)
      for (const auto& [name, info] : next) names.push_back(name);
    for (auto& item : p.items) {
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(item.expr.get(), *scope, ctx, &t));
      if (!is_return && !item.explicit_alias && item.expr->kind != ExprKind::kVar)
        return Err("NoExpressionAlias", item.expr->span,
                   "expression in WITH must be aliased (use AS)");
      if (std::find(names.begin(), names.end(), item.alias) != names.end())
        return Err("ColumnNameConflict", item.expr->span,
                   "multiple result columns with the same name '" + item.alias + "'");
      names.push_back(item.alias);
      item.slot = NewSlot();
      VarInfo info{item.slot, VarKind::kValue, t};
      if (item.expr->kind == ExprKind::kVar && scope->count(item.expr->name)) {
        info.kind = scope->at(item.expr->name).kind;
        if (info.kind != VarKind::kValue) info.type = KindType(info.kind);
      } else if (t == SType::kNode) {
        info.kind = VarKind::kNode;
      } else if (t == SType::kRel) {
        info.kind = VarKind::kRel;
      } else if (t == SType::kPath) {
        info.kind = VarKind::kPath;
      }
      next[item.alias] = info;
    }
    p.aggregating = !p.aggregates.empty();
    KG_RETURN_IF_ERROR(BindOrderBy(&p, *scope, next));
    KG_RETURN_IF_ERROR(BindSkipLimit(p.skip.get()));
    KG_RETURN_IF_ERROR(BindSkipLimit(p.limit.get()));
    if (p.where) {
      // WITH ... WHERE sees the projected names and, like ORDER BY, the
      // variables of the incoming scope.
      Scope both = *scope;
      for (const auto& [k, v] : next) both[k] = v;
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(p.where.get(), both, {}, &t));
    }
    *scope = std::move(next);
    if (is_return) columns_ = names;
    return Status::OK();
  }

  Status BindOrderBy(Projection* p, const Scope& old_scope, const Scope& next) {
    for (auto& s : p->order_by) {
      if (!p->aggregating && !p->distinct) {
        Scope both = old_scope;
        for (const auto& [k, v] : next) both[k] = v;
        std::vector<Expr*> aggs;
        SType t;
        KG_RETURN_IF_ERROR(BindExpr(s.expr.get(), both, {true, false, &aggs}, &t));
        if (!aggs.empty())
          return Err("InvalidAggregation", aggs[0]->span,
                     "aggregation in ORDER BY of a non-aggregating projection");
        continue;
      }
      bool has_agg = HasAggregateCall(*s.expr);
      int replaced = ReplaceProjected(s.expr, *p, 0);
      if (has_agg && replaced > 0 && p->aggregating)
        return Err("AmbiguousAggregationExpression", s.expr->span,
                   "an ORDER BY item with an aggregation may only use projected variables, not "
                   "projected expressions");
      std::string undefined;
      FindUnknownVar(*s.expr, next, &undefined);
      if (!undefined.empty()) {
        bool in_item = false;
        for (const auto& item : p->items) in_item = in_item || UsesVar(*item.expr, undefined);
        if (in_item && p->aggregating)
          return Err("AmbiguousAggregationExpression", s.expr->span,
                     "ORDER BY expression mixes aggregation with non-grouping variables");
      }
      SType t;
      KG_RETURN_IF_ERROR(BindExpr(s.expr.get(), next, {true, false, &p->aggregates}, &t));
    }
    return Status::OK();
  }

  // Replaces ORDER BY sub-expressions written exactly like a projected item by a
  // reference to that item's alias (Cypher allows ORDER BY on projected expressions).
  static bool HasAggregateCall(const Expr& e) {
    if (e.kind == ExprKind::kCountStar ||
        (e.kind == ExprKind::kCall && IsAggregateFunction(e.name)))
      return true;
    for (const auto& a : e.args)
      if (a && HasAggregateCall(*a)) return true;
    return e.else_expr && HasAggregateCall(*e.else_expr);
  }

  // Returns how many non-variable sub-expressions (below the top) were replaced.
  int ReplaceProjected(ExprPtr& e, const Projection& p, int depth) {
    if (!e) return 0;
    std::string text = src_.text.substr(e->span.begin, e->span.end - e->span.begin);
    for (const auto& item : p.items) {
      const Expr& ie = *item.expr;
      if (ie.kind == ExprKind::kVar && item.alias == ie.name) continue;
      if (text == src_.text.substr(ie.span.begin, ie.span.end - ie.span.begin)) {
        Span span = e->span;
        e = std::make_unique<Expr>();
        e->kind = ExprKind::kVar;
        e->name = item.alias;
        e->span = span;
        // Inside a larger ORDER BY expression, a projected variable, property
        // or aggregate is unambiguous; another projected expression is not.
        bool plain = ie.kind == ExprKind::kVar || ie.kind == ExprKind::kProperty ||
                     ie.kind == ExprKind::kCountStar ||
                     (ie.kind == ExprKind::kCall && IsAggregateFunction(ie.name));
        return depth > 0 && !plain ? 1 : 0;
      }
    }
    int n = 0;
    for (auto& a : e->args) n += ReplaceProjected(a, p, depth + 1);
    return n + ReplaceProjected(e->else_expr, p, depth + 1);
  }

  static bool UsesVar(const Expr& e, const std::string& name) {
    if (e.kind == ExprKind::kVar && e.name == name) return true;
    for (const auto& a : e.args)
      if (a && UsesVar(*a, name)) return true;
    return e.else_expr && UsesVar(*e.else_expr, name);
  }

  static void FindUnknownVar(const Expr& e, const Scope& scope, std::string* out) {
    if (!out->empty()) return;
    if (e.kind == ExprKind::kVar && !scope.count(e.name)) *out = e.name;
    if (e.kind == ExprKind::kListComp || e.kind == ExprKind::kQuantifier ||
        e.kind == ExprKind::kReduce || e.kind == ExprKind::kPatternComp)
      return;
    for (const auto& a : e.args)
      if (a) FindUnknownVar(*a, scope, out);
  }

  Status BindSkipLimit(Expr* e) {
    if (!e) return Status::OK();
    SType t;
    Scope empty;
    KG_RETURN_IF_ERROR(BindExpr(e, empty, {}, &t));
    if (e->kind == ExprKind::kLiteral) {
      if (!e->value.is_int())
        return Err("InvalidArgumentType", e->span, "SKIP/LIMIT needs a non-negative integer");
      if (e->value.as_int() < 0)
        return Err("NegativeIntegerArgument", e->span, "SKIP/LIMIT needs a non-negative integer");
    }
    return Status::OK();
  }

  Status CheckPredicateType(SType t, Span span) {
    if (t == SType::kAny || t == SType::kBool || t == SType::kNull) return Status::OK();
    return Err("InvalidArgumentType", span, std::string("expected a boolean, got ") + STypeName(t));
  }

  // --- expressions -------------------------------------------------------------

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
