// What sources mean for the graph: relation counts per source, removing a
// source with exactly what came only from it, and verifying every quote
// against its source's stored text (`kg check --quotes`).
#include <set>

#include "storage/quotes.h"
#include "storage/sources.h"

namespace kg::storage {
namespace {

// Drops position `i` of a list property (a no-op for other values).
void EraseAt(PropertyMap& props, std::string_view key, size_t i, size_t expected_size) {
  auto it = props.find(std::string(key));
  if (it == props.end() || !it->second.is_list()) return;
  ValueList& l = it->second.as_list();
  if (l.size() != expected_size || i >= l.size()) return;
  l.erase(l.begin() + static_cast<ptrdiff_t>(i));
  if (l.size() == 1) it->second = Value(l.front());  // back to the plain form
}

// Removes `id` from a multi-source relation; the quote, speaker and date
// lists (when parallel to the sources) lose the same position.
Relation WithoutSource(Relation r, std::string_view id) {
  std::vector<std::string> ids = RelationSourceIds(r);
  size_t n = ids.size();
  for (size_t i = n; i-- > 0;) {
    if (ids[i] != id) continue;
    for (std::string_view key : {kQuoteKey, kSpeakerKey}) EraseAt(r.properties, key, i, n);
    EraseAt(r.properties, kSourceKey, i, n);
    --n;
  }
  return r;
}

}  // namespace

Result<std::map<std::string, uint64_t>> CountRelationsBySource(const Transaction& txn) {
  std::map<std::string, uint64_t> counts;
  Status inner = Status::OK();
  KG_RETURN_IF_ERROR(txn.ScanEdges("", [&](const EdgeTriple& e) {
    auto r = txn.GetRelation(e.relation);
    if (!r.ok()) {
      inner = r.status();
      return false;
    }
    for (const std::string& id : RelationSourceIds(*r)) ++counts[id];
    return true;
  }));
  KG_RETURN_IF_ERROR(inner);
  return counts;
}

Result<RemoveSourceSummary> RemoveSource(Transaction& txn, std::string_view id) {
  KG_ASSIGN_OR_RETURN(auto rec, GetSource(txn, id));
  if (!rec) return Status::NotFound("no source '" + std::string(id) + "'");
  RemoveSourceSummary sum;
  std::vector<Relation> touched;
  Status inner = Status::OK();
  KG_RETURN_IF_ERROR(txn.ScanEdges("", [&](const EdgeTriple& e) {
    auto r = txn.GetRelation(e.relation);
    if (!r.ok()) {
      inner = r.status();
      return false;
    }
    auto ids = RelationSourceIds(*r);
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) touched.push_back(std::move(*r));
    return true;
  }));
  KG_RETURN_IF_ERROR(inner);
  std::set<EntityId> endpoints;
  for (Relation& r : touched) {
    endpoints.insert(r.start);
    endpoints.insert(r.end);
    auto ids = RelationSourceIds(r);
    if (std::all_of(ids.begin(), ids.end(), [&](const std::string& s) { return s == id; })) {
      KG_RETURN_IF_ERROR(txn.DeleteRelation(r.id));
      ++sum.relations_deleted;
    } else {
      KG_RETURN_IF_ERROR(txn.UpdateRelation(WithoutSource(std::move(r), id)));
      ++sum.relations_kept;
    }
  }
  // Entities the source introduced (apply sets their `source`) go when
  // nothing holds them any more; any other entity stays.
  std::vector<EntityId> introduced;
  KG_RETURN_IF_ERROR(txn.ScanEntities("", [&](EntityId eid) {
    auto e = txn.GetEntity(eid);
    if (!e.ok()) {
      inner = e.status();
      return false;
    }
    const Value* s = e->Find(kSourceKey);
    if (s && s->is_string() && s->as_string() == id) introduced.push_back(eid);
    return true;
  }));
  KG_RETURN_IF_ERROR(inner);
  for (EntityId eid : introduced) {
    KG_ASSIGN_OR_RETURN(uint64_t degree, txn.Degree(eid, Direction::kBoth, {}));
    if (degree > 0) continue;
    KG_RETURN_IF_ERROR(txn.DeleteEntity(eid, /*detach=*/false));
    ++sum.entities_deleted;
  }
  KG_RETURN_IF_ERROR(DeleteSourceRecord(txn, id));
  return sum;
}

Result<std::vector<std::string>> CheckQuotes(const Store& store) {
  auto txn = store.BeginRead();
  std::map<std::string, std::optional<std::string>> texts;  // id -> text (nullopt: none)
  auto text_of = [&](const std::string& id) -> const std::optional<std::string>& {
    auto it = texts.find(id);
    if (it != texts.end()) return it->second;
    auto t = GetSourceText(*txn, id);
    return texts[id] = t.ok() ? std::optional<std::string>(std::move(*t)) : std::nullopt;
  };
  std::vector<std::string> problems;
  Status inner = Status::OK();
  KG_RETURN_IF_ERROR(txn->ScanEdges("", [&](const EdgeTriple& e) {
    auto r = txn->GetRelation(e.relation);
    if (!r.ok()) {
      inner = r.status();
      return false;
    }
    const Value* q = r->Find(kQuoteKey);
    if (!q) return true;
    auto ids = RelationSourceIds(*r);
    std::vector<std::string> quotes;
    if (q->is_string()) quotes.assign(ids.size() > 0 ? ids.size() : 1, q->as_string());
    if (q->is_list())
      for (const Value& v : q->as_list()) quotes.push_back(v.is_string() ? v.as_string() : "");
    std::string where = "relation " + std::to_string(r->id) + " (" + r->type + ")";
    if (ids.empty()) {
      problems.push_back(where + ": has a quote but no source");
      return true;
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      const std::string& quote = i < quotes.size() ? quotes[i] : quotes.back();
      const auto& text = text_of(ids[i]);
      if (!text) {
        problems.push_back(where + ": source '" + ids[i] + "' has no stored text");
      } else if (!FindQuote(*text, quote)) {
        problems.push_back(where + ": quote not in source '" + ids[i] + "': \"" +
                           quote.substr(0, 80) + (quote.size() > 80 ? "…" : "") + "\"");
      }
    }
    return true;
  }));
  KG_RETURN_IF_ERROR(inner);
  return problems;
}

}  // namespace kg::storage
