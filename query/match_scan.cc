// The steps that bind a pattern part's start node (Argument, NodeByIdSeek,
// NodeIndexSeek, NodeByLabelScan, AllNodesScan) and the checks every bound
// node and relationship goes through (labels, properties, uniqueness, the
// statement's relation filter).
#include <algorithm>

#include "query/internal/compare.h"
#include "query/internal/match_exec.h"

namespace kg::query::internal {
namespace {

Result<bool> PropsMatch(MatchState& ms, const BoundExpr* props, const PropertyMap& have, Row& row) {
  if (props == nullptr) return true;
  KG_ASSIGN_OR_RETURN(Value want, Eval(*props, row, ms.st->eval));
  if (want.is_null()) return true;
  if (!want.is_map())
    return ms.st->eval.TypeError(props->span, "properties in a pattern must be a map");
  for (const auto& [k, v] : want.as_map()) {
    auto it = have.find(k);
    if (it == have.end()) return false;
    if (!CypherEquals(it->second, v).value_or(false)) return false;
  }
  return true;
}

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

Result<bool> NodeOk(MatchState& ms, EntityId id, const BoundNode& n, Row& row) {
  if (n.labels.empty() && !n.props) return true;
  auto node = ms.st->eval.Node(id);
  if (!node.ok())
    return node.status().code() == StatusCode::kNotFound ? Result<bool>(false) : node.status();
  for (const auto& l : n.labels)
    if (!(*node)->HasLabel(l)) return false;
  return PropsMatch(ms, n.props.get(), (*node)->properties, row);
}

Result<bool> RelOk(MatchState& ms, RelationId id, const BoundRel& r, Row& row) {
  if (std::find(ms.used_rels.begin(), ms.used_rels.end(), id) != ms.used_rels.end()) return false;
  if (!r.props) return true;
  KG_ASSIGN_OR_RETURN(auto rel, ms.st->eval.Rel(id));
  return PropsMatch(ms, r.props.get(), rel->properties, row);
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
