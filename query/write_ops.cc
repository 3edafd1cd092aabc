// Write operators: CREATE, MERGE, SET, REMOVE, DELETE / DETACH DELETE. They
// write through the statement's single write transaction; any error aborts
// the statement and the transaction is dropped without Commit.
#include <algorithm>

#include "query/internal/executor.h"

namespace kg::query::internal {
namespace {

Result<PropertyMap> EvalProps(ExecState& st, const BoundExpr* props, Row& row) {
  PropertyMap out;
  if (props == nullptr) return out;
  KG_ASSIGN_OR_RETURN(Value v, Eval(*props, row, st.eval));
  if (v.is_null()) return out;
  if (!v.is_map()) return st.eval.TypeError(props->span, "properties must be a map");
  for (const auto& [k, x] : v.as_map()) {
    if (x.is_null()) continue;
    if (!x.IsStorable())
      return st.eval.TypeError(
          props->span, "property '" + k + "' cannot be stored (" + ValueTypeName(x.type()) + ")");
    out[k] = x;
  }
  return out;
}

Status NodeAt(ExecState& st, const Value& v, EntityId* id) {
  if (!v.is_node()) return Status::Internal("expected a node");
  *id = v.as_node().id;
  (void)st;
  return Status::OK();
}

}  // namespace

Status CreatePattern(ExecState& st, const BoundPatternPart& part, Row& row) {
  std::vector<char> created(part.nodes.size(), 0);
  for (size_t i = 0; i < part.nodes.size(); ++i) {
    const BoundNode& n = part.nodes[i];
    const Value& cur = row[n.slot];
    bool bound = n.bound_before || (!n.var.empty() && cur.is_node());
    // A variable bound earlier in this same pattern (or clause) is reused.
    if (bound) {
      if (!cur.is_node())
        return st.eval.Error(ErrorClass::kSemanticError, "", n.span,
                             "cannot create a relationship to a null node");
      continue;
    }
    KG_ASSIGN_OR_RETURN(PropertyMap props, EvalProps(st, n.props.get(), row));
    st.counters.properties_set += props.size();
    KG_ASSIGN_OR_RETURN(EntityId id, st.eval.txn->CreateEntity(n.labels, std::move(props)));
    ++st.counters.nodes_created;
    st.counters.labels_added += n.labels.size();
    KG_ASSIGN_OR_RETURN(row[n.slot], st.eval.NodeValue(id));
  }
  for (size_t i = 0; i < part.rels.size(); ++i) {
    const BoundRel& r = part.rels[i];
    EntityId a, b;
    KG_RETURN_IF_ERROR(NodeAt(st, row[part.nodes[i].slot], &a));
    KG_RETURN_IF_ERROR(NodeAt(st, row[part.nodes[i + 1].slot], &b));
    if (r.dir == RelDir::kLeft) std::swap(a, b);
    KG_ASSIGN_OR_RETURN(PropertyMap props, EvalProps(st, r.props.get(), row));
    st.counters.properties_set += props.size();
    KG_ASSIGN_OR_RETURN(RelationId id,
                        st.eval.txn->CreateRelation(r.types[0], a, b, std::move(props)));
    ++st.counters.relationships_created;
    KG_ASSIGN_OR_RETURN(row[r.slot], st.eval.RelValue(id));
  }
  if (part.path_slot >= 0) {
    auto path = std::make_shared<Path>();
    for (const auto& n : part.nodes) {
      KG_ASSIGN_OR_RETURN(auto e, st.eval.Node(row[n.slot].as_node().id));
      path->nodes.push_back(*e);
    }
    for (const auto& r : part.rels) {
      KG_ASSIGN_OR_RETURN(auto e, st.eval.Rel(row[r.slot].as_relationship().id));
      path->rels.push_back(*e);
    }
    row[part.path_slot] = Value(std::shared_ptr<const Path>(std::move(path)));
  }
  return Status::OK();
}

namespace {

Status UpdateNode(ExecState& st, Entity e) {
  KG_RETURN_IF_ERROR(st.eval.txn->UpdateEntity(e));
  st.eval.PutNode(std::make_shared<const Entity>(std::move(e)));
  return Status::OK();
}

Status UpdateRel(ExecState& st, Relation r) {
  KG_RETURN_IF_ERROR(st.eval.txn->UpdateRelation(r));
  st.eval.PutRel(std::make_shared<const Relation>(std::move(r)));
  return Status::OK();
}

// Applies `fn` to the property map of the node or relationship `target`.
Status EditProps(ExecState& st, const Value& target, const BoundExpr& at,
                 const std::function<Status(PropertyMap&)>& fn) {
  if (target.is_null()) return Status::OK();
  if (target.is_node()) {
    KG_ASSIGN_OR_RETURN(auto cur, st.eval.Node(target.as_node().id));
    Entity e = *cur;
    KG_RETURN_IF_ERROR(fn(e.properties));
    return UpdateNode(st, std::move(e));
  }
  if (target.is_relationship()) {
    KG_ASSIGN_OR_RETURN(auto cur, st.eval.Rel(target.as_relationship().id));
    Relation r = *cur;
    KG_RETURN_IF_ERROR(fn(r.properties));
    return UpdateRel(st, std::move(r));
  }
  return st.eval.TypeError(
      at.span, std::string("cannot set properties on a ") + ValueTypeName(target.type()));
}

Result<PropertyMap> MapOf(ExecState& st, const Value& v, const BoundExpr& at) {
  if (v.is_map()) return PropertyMap(v.as_map().begin(), v.as_map().end());
  if (v.is_node()) {
    KG_ASSIGN_OR_RETURN(auto n, st.eval.Node(v.as_node().id));
    return n->properties;
  }
  if (v.is_relationship()) {
    KG_ASSIGN_OR_RETURN(auto r, st.eval.Rel(v.as_relationship().id));
    return r->properties;
  }
  if (v.is_null()) return PropertyMap();
  return st.eval.TypeError(at.span, "expected a map");
}

Status SetOne(ExecState& st, const BoundSetItem& item, bool remove, Row& row) {
  const BoundExpr& target =
      item.kind == BoundSetItem::Kind::kProperty ? *item.target->args[0] : *item.target;
  KG_ASSIGN_OR_RETURN(Value obj, Eval(target, row, st.eval));
  if (obj.is_null()) return Status::OK();
  if (item.kind == BoundSetItem::Kind::kLabels) {
    if (!obj.is_node()) return st.eval.TypeError(target.span, "labels can only be set on nodes");
    KG_ASSIGN_OR_RETURN(auto cur, st.eval.Node(obj.as_node().id));
    Entity e = *cur;
    for (const auto& l : item.labels) {
      auto it = std::find(e.labels.begin(), e.labels.end(), l);
      if (remove && it != e.labels.end()) {
        e.labels.erase(it);
        ++st.counters.labels_removed;
      }
      if (!remove && it == e.labels.end()) {
        e.labels.push_back(l);
        ++st.counters.labels_added;
      }
    }
    if (e.labels == cur->labels) return Status::OK();
    return UpdateNode(st, std::move(e));
  }
  Value val;
  if (item.value) {
    KG_ASSIGN_OR_RETURN(val, Eval(*item.value, row, st.eval));
  }
  if (item.kind == BoundSetItem::Kind::kProperty) {
    const std::string& key = item.target->name;
    if (!remove && !val.is_null() && !val.IsStorable())
      return st.eval.TypeError(item.value->span, std::string("a ") + ValueTypeName(val.type()) +
                                                     " cannot be stored as a property");
    return EditProps(st, obj, target, [&](PropertyMap& props) {
      if (remove || val.is_null()) {
        st.counters.properties_set += props.erase(key);
      } else {
        props[key] = val;
        ++st.counters.properties_set;
      }
      return Status::OK();
    });
  }
  KG_ASSIGN_OR_RETURN(PropertyMap m, MapOf(st, val, *item.value));
  bool replace = item.kind == BoundSetItem::Kind::kReplaceMap;
  return EditProps(st, obj, target, [&](PropertyMap& props) {
    if (replace) {
      // Each old property the new map does not set again counts as removed.
      for (const auto& [k, v] : props) {
        auto it = m.find(k);
        if (it == m.end() || it->second.is_null()) ++st.counters.properties_set;
      }
      props.clear();
    }
    for (const auto& [k, v] : m) {
      if (v.is_null()) {
        st.counters.properties_set += props.erase(k);
      } else if (!v.IsStorable()) {
        return st.eval.TypeError(item.value->span, "property '" + k + "' cannot be stored");
      } else {
        props[k] = v;
        ++st.counters.properties_set;
      }
    }
    return Status::OK();
  });
}

class CreateOp : public Operator {
 public:
  explicit CreateOp(const BoundClause* c) : c_(c) {}
  std::string name() const override { return "Create"; }
  Status Run(ExecState& st, Rows& in, Rows* out) const override {
    for (Row& row : in) {
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      for (const auto& part : c_->patterns) KG_RETURN_IF_ERROR(CreatePattern(st, part, row));
      KG_RETURN_IF_ERROR(st.eval.memory.ChargeWrite(ApproxBytes(row)));
      out->push_back(std::move(row));
    }
    return Status::OK();
  }

 private:
  const BoundClause* c_;
};

// A null property in MERGE could never be matched afterwards (null equals
// nothing), so each run would create another copy: openCypher refuses it.
Status CheckNoNullProperty(ExecState& st, const BoundPatternPart& part, Row& row) {
  auto check = [&](const BoundExpr* props) -> Status {
    if (props == nullptr || props->kind != ExprKind::kMap) return Status::OK();
    for (size_t i = 0; i < props->args.size(); ++i) {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*props->args[i], row, st.eval));
      if (v.is_null())
        return st.eval.Error(ErrorClass::kSemanticError, "MergeReadOwnWrites", props->args[i]->span,
                             "cannot merge with a null property value ('" + props->keys[i] + "')");
    }
    return Status::OK();
  };
  for (const auto& n : part.nodes) KG_RETURN_IF_ERROR(check(n.props.get()));
  for (const auto& r : part.rels) KG_RETURN_IF_ERROR(check(r.props.get()));
  return Status::OK();
}

class MergeOp : public Operator {
 public:
  MergeOp(const BoundClause* c, const SourceText* src)
      : c_(c), match_(PlanMatch(*src, {&c->patterns[0]}, nullptr, false, {})) {}
  std::string name() const override { return "Merge"; }
  std::string details() const override { return match_.details(); }
  Status Run(ExecState& st, Rows& in, Rows* out) const override {
    for (Row& row : in) {
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      KG_RETURN_IF_ERROR(st.eval.memory.ChargeWrite(ApproxBytes(row)));
      bool found = false;
      size_t before = out->size();
      Row work = row;
      KG_RETURN_IF_ERROR(match_.MatchRow(st, work, [&](Row& r, bool* more) {
        found = true;
        out->push_back(r);
        *more = true;
        return Status::OK();
      }));
      if (found) {
        for (size_t i = before; i < out->size(); ++i)
          KG_RETURN_IF_ERROR(ApplySetItems(st, c_->set_items, false, (*out)[i]));
        continue;
      }
      KG_RETURN_IF_ERROR(CheckNoNullProperty(st, c_->patterns[0], row));
      KG_RETURN_IF_ERROR(CreatePattern(st, c_->patterns[0], row));
      KG_RETURN_IF_ERROR(ApplySetItems(st, c_->on_create, false, row));
      out->push_back(std::move(row));
    }
    return Status::OK();
  }

 private:
  const BoundClause* c_;
  MatchOp match_;
};

class SetOp : public Operator {
 public:
  explicit SetOp(const BoundClause* c) : c_(c) {}
  std::string name() const override {
    return c_->kind == ClauseKind::kSet ? "SetProperties" : "Remove";
  }
  Status Run(ExecState& st, Rows& in, Rows* out) const override {
    for (Row& row : in) {
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      KG_RETURN_IF_ERROR(ApplySetItems(st, c_->set_items, c_->kind == ClauseKind::kRemove, row));
      KG_RETURN_IF_ERROR(st.eval.memory.ChargeWrite(ApproxBytes(row)));
      out->push_back(std::move(row));
    }
    return Status::OK();
  }

 private:
  const BoundClause* c_;
};

class DeleteOp : public Operator {
 public:
  explicit DeleteOp(const BoundClause* c) : c_(c) {}
  std::string name() const override { return c_->detach ? "DetachDelete" : "Delete"; }
  Status Run(ExecState& st, Rows& in, Rows* out) const override {
    // Relationships first, so `DELETE n, r` works without DETACH.
    std::vector<std::pair<EntityId, const BoundExpr*>> nodes;
    for (Row& row : in) {
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      for (const auto& e : c_->exprs) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*e, row, st.eval));
        KG_RETURN_IF_ERROR(Collect(st, v, *e, &nodes));
      }
    }
    for (const auto& [id, e] : nodes) {
      KG_RETURN_IF_ERROR(st.eval.CheckDeadline());
      if (st.eval.IsDeletedNode(id)) continue;
      uint64_t detached = 0;
      if (c_->detach) {
        KG_ASSIGN_OR_RETURN(detached, CountRelations(st, id));
      }
      Status s = st.eval.txn->DeleteEntity(id, c_->detach);
      if (s.code() == StatusCode::kInvalidArgument)
        return st.eval.Error(
            ErrorClass::kConstraintVerificationFailed, "DeleteConnectedNode", e->span,
            "cannot delete a node that still has relationships (use DETACH DELETE)");
      KG_RETURN_IF_ERROR(s);
      st.eval.MarkDeletedNode(id);
      ++st.counters.nodes_deleted;
      st.counters.relationships_deleted += detached;
    }
    for (Row& row : in) out->push_back(std::move(row));
    return Status::OK();
  }

 private:
  Status Collect(ExecState& st, const Value& v, const BoundExpr& e,
                 std::vector<std::pair<EntityId, const BoundExpr*>>* nodes) const {
    switch (v.type()) {
      case Value::Type::kNull:
        return Status::OK();
      case Value::Type::kNode:
        nodes->emplace_back(v.as_node().id, &e);
        return Status::OK();
      case Value::Type::kRelationship: {
        RelationId id = v.as_relationship().id;
        if (st.eval.IsDeletedRel(id)) return Status::OK();
        KG_RETURN_IF_ERROR(st.eval.txn->DeleteRelation(id));
        st.eval.MarkDeletedRel(id);
        ++st.counters.relationships_deleted;
        return Status::OK();
      }
      case Value::Type::kPath:
        for (const auto& r : v.as_path().rels) {
          if (st.eval.IsDeletedRel(r.id)) continue;
          KG_RETURN_IF_ERROR(st.eval.txn->DeleteRelation(r.id));
          st.eval.MarkDeletedRel(r.id);
          ++st.counters.relationships_deleted;
        }
        for (const auto& n : v.as_path().nodes) nodes->emplace_back(n.id, &e);
        return Status::OK();
      case Value::Type::kList:
        for (const auto& x : v.as_list()) KG_RETURN_IF_ERROR(Collect(st, x, e, nodes));
        return Status::OK();
      default:
        return st.eval.TypeError(e.span, "DELETE expects a node, relationship or path");
    }
  }

  // The relationships DETACH DELETE removes with node `id` (a self-loop once).
  static Result<uint64_t> CountRelations(ExecState& st, EntityId id) {
    std::vector<RelationId> ids;
    KG_RETURN_IF_ERROR(
        st.eval.txn->Expand(id, storage::Direction::kBoth, {}, [&](const storage::Edge& e) {
          ids.push_back(e.relation);
          return true;
        }));
    std::sort(ids.begin(), ids.end());
    return static_cast<uint64_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
  }

  const BoundClause* c_;
};

}  // namespace

Status ApplySetItems(ExecState& st, const std::vector<BoundSetItem>& items, bool remove, Row& row) {
  for (const auto& item : items) KG_RETURN_IF_ERROR(SetOne(st, item, remove, row));
  return Status::OK();
}

std::unique_ptr<Operator> MakeCreateOp(const BoundClause* clause) {
  return std::make_unique<CreateOp>(clause);
}
std::unique_ptr<Operator> MakeMergeOp(const BoundClause* clause, const SourceText* src) {
  return std::make_unique<MergeOp>(clause, src);
}
std::unique_ptr<Operator> MakeSetOp(const BoundClause* clause) {
  return std::make_unique<SetOp>(clause);
}
std::unique_ptr<Operator> MakeDeleteOp(const BoundClause* clause) {
  return std::make_unique<DeleteOp>(clause);
}

}  // namespace kg::query::internal
