// The steps that bind a pattern part's start node (Argument, NodeByIdSeek,
// NodeIndexSeek, NodeByLabelScan, AllNodesScan) and the checks every bound
// node and relationship goes through (labels, properties, uniqueness, the
// statement's relation filter).
#include <algorithm>

#include "query/internal/compare.h"
#include "query/internal/match_exec.h"

namespace kg::query::internal {
namespace {

// The properties a pattern's map asks, evaluated once per candidate. A
// one-entry map literal ({name: $name}, the usual start) is kept as its key
// and value, without building a map (a parameter's value is not copied);
// anything else as the whole value.
class AskedProps {
 public:
  Status Eval(const BoundExpr& props, Row& row, EvalContext& ctx) {
    props_ = &props;
    if (props.kind == ExprKind::kMap && props.args.size() == 1 && props.keys.size() == 1) {
      key_ = &props.keys[0];
      const BoundExpr& v = *props.args[0];
      if (v.kind == ExprKind::kParam) {
        auto it = ctx.params->find(v.name);
        if (it != ctx.params->end()) {
          value_ = &it->second;
          return Status::OK();
        }
      }
      KG_ASSIGN_OR_RETURN(own_, internal::Eval(v, row, ctx));  // a missing parameter's error
      value_ = &own_;
      return Status::OK();
    }
    KG_ASSIGN_OR_RETURN(own_, internal::Eval(props, row, ctx));
    return Status::OK();
  }

  // Whether they are those of `have`; a null map asks none.
  Result<bool> Match(const EvalContext& ctx, const PropertyMap& have) const {
    if (key_ != nullptr) return Equal(have, *key_, *value_);
    if (own_.is_null()) return true;
    if (!own_.is_map()) return ctx.TypeError(props_->span, "properties in a pattern must be a map");
    for (const auto& [k, v] : own_.as_map())
      if (!Equal(have, k, v)) return false;
    return true;
  }

  // Match from what the topology copy knows of node `id` without its record
  // (EvalContext::PeekNodeProperty: its name); nullopt when some key needs
  // the record (a non-map value too: Match gives its error).
  std::optional<bool> Peek(const EvalContext& ctx, EntityId id) const {
    if (key_ != nullptr) return PeekEqual(ctx, id, *key_, *value_);
    if (own_.is_null()) return true;
    if (!own_.is_map()) return std::nullopt;
    for (const auto& [k, v] : own_.as_map()) {
      std::optional<bool> ok = PeekEqual(ctx, id, k, v);
      if (!ok || !*ok) return ok;
    }
    return true;
  }

 private:
  static bool Equal(const PropertyMap& have, const std::string& key, const Value& want) {
    auto it = have.find(key);
    return it != have.end() && CypherEquals(it->second, want).value_or(false);
  }
  static std::optional<bool> PeekEqual(const EvalContext& ctx, EntityId id, const std::string& key,
                                       const Value& want) {
    std::optional<Value> have = ctx.PeekNodeProperty(id, key);
    if (!have) return std::nullopt;
    return !have->is_null() && CypherEquals(*have, want).value_or(false);
  }

  const BoundExpr* props_ = nullptr;
  const std::string* key_ = nullptr;  // a one-entry literal's key, and its value
  const Value* value_ = nullptr;
  Value own_;  // what Eval evaluated
};

Result<std::vector<EntityId>> ScanLabel(MatchState& ms, const std::string& label) {
  std::vector<EntityId> ids;
  KG_RETURN_IF_ERROR(ms.st->eval.txn->ScanEntities(label, [&](EntityId id) {
    ids.push_back(id);
    return true;
  }));
  KG_RETURN_IF_ERROR(ms.st->CheckRows(ids.size()));
  return ids;
}

// The live nodes among the ids an id hint names.
Result<std::vector<EntityId>> SeekIds(MatchState& ms, const BoundExpr& hint, Row& row) {
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, HintIds(ms, hint, row));
  std::vector<EntityId> live;
  for (EntityId id : ids) {
    KG_ASSIGN_OR_RETURN(bool exists, ms.st->eval.txn->EntityExists(id));
    if (exists) live.push_back(id);
  }
  return live;
}

// The name index's entities for the name value (case-insensitive, aliases
// too: the node's properties or the WHERE check the exact name after). A
// null name matches nothing; a value that is not a string cannot be looked
// up, so the label (or every node) is scanned and checked instead.
Result<std::vector<EntityId>> SeekName(MatchState& ms, const MatchStep& s, Row& row) {
  KG_ASSIGN_OR_RETURN(Value name, Eval(*s.value, row, ms.st->eval));
  if (name.is_null()) return std::vector<EntityId>{};
  if (name.is_string()) return ms.st->eval.txn->FindByName(name.as_string());
  return ScanLabel(ms, s.label);
}

}  // namespace

storage::Direction DirFor(RelDir d, bool forward) {
  if (d == RelDir::kBoth) return storage::Direction::kBoth;
  bool out = (d == RelDir::kRight) == forward;
  return out ? storage::Direction::kOutgoing : storage::Direction::kIncoming;
}

Result<bool> CheckNode(MatchState& ms, EntityId id, const BoundNode& n, Row& row) {
  // The topology copy may know the labels asked (a read transaction's
  // snapshot), and so that the node exists, and the properties asked (its
  // name): then no record is read.
  std::optional<bool> labels =
      n.labels.empty() ? std::nullopt : ms.st->eval.PeekNodeLabels(id, n.labels);
  if (labels && !*labels) return false;
  AskedProps want;
  bool evaluated = false;
  if (labels) {
    if (!n.props) return true;
    KG_RETURN_IF_ERROR(want.Eval(*n.props, row, ms.st->eval));
    evaluated = true;
    if (std::optional<bool> ok = want.Peek(ms.st->eval, id)) return *ok;
  }
  auto node = ms.st->eval.Node(id);
  if (!node.ok())
    return node.status().code() == StatusCode::kNotFound ? Result<bool>(false) : node.status();
  for (const auto& l : n.labels)
    if (!(*node)->HasLabel(l)) return false;
  if (!n.props) return true;
  if (!evaluated) KG_RETURN_IF_ERROR(want.Eval(*n.props, row, ms.st->eval));
  return want.Match(ms.st->eval, (*node)->properties);
}

Result<bool> RelOk(MatchState& ms, RelationId id, const BoundRel& r, Row& row) {
  if (std::find(ms.used_rels.begin(), ms.used_rels.end(), id) != ms.used_rels.end()) return false;
  if (!r.props) return true;
  KG_ASSIGN_OR_RETURN(auto rel, ms.st->eval.Rel(id));
  AskedProps want;
  KG_RETURN_IF_ERROR(want.Eval(*r.props, row, ms.st->eval));
  return want.Match(ms.st->eval, rel->properties);
}

// The ids an id hint's value names: an integer, or a list of them (3.0 =
// 3 in Cypher); anything else names no node, as id(n) = it is never true.
// The WHERE still runs on every match.
Result<std::vector<EntityId>> HintIds(MatchState& ms, const BoundExpr& hint, Row& row) {
  KG_ASSIGN_OR_RETURN(Value v, Eval(hint, row, ms.st->eval));
  std::vector<EntityId> ids;
  auto add = [&](const Value& x) {
    if (x.is_int() && x.as_int() >= 0) ids.push_back(static_cast<EntityId>(x.as_int()));
    if (x.is_double() && x.as_double() >= 0 && x.as_double() < 9.0e18 &&
        x.as_double() == static_cast<double>(static_cast<int64_t>(x.as_double())))
      ids.push_back(static_cast<EntityId>(x.as_double()));
  };
  if (v.is_list()) {
    for (const Value& x : v.as_list()) add(x);
  } else {
    add(v);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  KG_RETURN_IF_ERROR(ms.st->CheckRows(ids.size()));
  return ids;
}

Status ScanStep(MatchState& ms, size_t i, Row& row) {
  const MatchStep& s = ms.plan->steps[i];
  if (s.kind == StepKind::kArgument) {
    const Value& v = row[s.node->slot];
    if (!v.is_node()) return Status::OK();
    return BindNode(ms, i, *s.node, v.as_node().id, row);
  }
  Result<std::vector<EntityId>> ids = std::vector<EntityId>{};
  if (s.kind == StepKind::kIdSeek) {
    ids = SeekIds(ms, *s.value, row);
  } else if (s.kind == StepKind::kIndexSeek) {
    ids = SeekName(ms, s, row);
  } else {
    ids = ScanLabel(ms, s.label);
  }
  KG_RETURN_IF_ERROR(ids.status());
  for (EntityId id : *ids) {
    KG_RETURN_IF_ERROR(ms.st->eval.CheckDeadline());
    KG_RETURN_IF_ERROR(BindNode(ms, i, *s.node, id, row));
    if (ms.stop) break;
  }
  return Status::OK();
}

}  // namespace kg::query::internal
