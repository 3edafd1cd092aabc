// Session: entity lookups, suggestions, stats, checks, import and export.
#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>

#include "api/internal/session_impl.h"
#include "core/suggest.h"
#include "core/text.h"
#include "query/subgraph_export.h"
#include "storage/backup.h"
#include "storage/export.h"
#include "storage/import.h"
#include "storage/sources.h"

namespace kg::session {
namespace {

// Name suggestions scan every entity; only on databases this small.
constexpr uint64_t kSuggestScanLimit = 50000;
constexpr size_t kMaxSuggestions = 5;

// Loads the relations of `id` into `view`, grouped by type (by name) with
// outgoing before incoming within a type, as `limits` allow; counts all
// that `filter` accepts.
Status LoadRelations(const storage::Transaction& txn, EntityId id, const LookupLimits& limits,
                     const RelationFilter& filter, EntityView* view) {
  std::map<std::string, std::vector<storage::Edge>> groups;
  KG_RETURN_IF_ERROR(txn.Expand(id, storage::Direction::kBoth, {}, [&](const storage::Edge& e) {
    groups[std::string(e.type)].push_back(e);
    return true;
  }));
  if (!filter.empty()) {
    for (auto& [type, edges] : groups) {
      std::vector<storage::Edge> kept;
      for (const storage::Edge& e : edges) {
        KG_ASSIGN_OR_RETURN(Relation rel, txn.GetRelation(e.relation));
        if (filter.Accepts(rel)) kept.push_back(e);
      }
      edges = std::move(kept);
    }
    std::erase_if(groups, [](const auto& group) { return group.second.empty(); });
  }
  for (auto& [type, edges] : groups) {
    std::stable_partition(edges.begin(), edges.end(), [](const auto& e) { return e.outgoing; });
    view->type_counts.emplace_back(type, edges.size());
    for (size_t i = 0; i < edges.size(); ++i) {
      if (limits.per_type != 0 && i >= limits.per_type) break;
      if (limits.max_relations != 0 && view->relations.size() >= limits.max_relations) break;
      KG_ASSIGN_OR_RETURN(Relation rel, txn.GetRelation(edges[i].relation));
      Result<Entity> other = txn.GetEntity(edges[i].other);
      view->relations.push_back(
          Neighbour{edges[i].outgoing, std::move(rel),
                    other.ok() ? std::optional<Entity>(std::move(other).value()) : std::nullopt});
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<EntityView>> Session::Lookup(std::string_view name,
                                                const LookupLimits& limits) const {
  auto txn = impl_->store().BeginRead();
  KG_ASSIGN_OR_RETURN(RelationFilter filter, limits.scope.Filter());
  KG_RETURN_IF_ERROR(storage::AddSourcePublished(*txn, &filter));
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, txn->FindByName(name));
  std::vector<EntityView> out;
  for (EntityId id : ids) {
    EntityView view;
    KG_ASSIGN_OR_RETURN(view.entity, txn->GetEntity(id));
    KG_RETURN_IF_ERROR(LoadRelations(*txn, id, limits, filter, &view));
    out.push_back(std::move(view));
  }
  return out;
}

Result<std::vector<Entity>> Session::FindEntities(std::string_view name, bool prefer_exact) const {
  auto txn = impl_->store().BeginRead();
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, txn->FindByName(name));
  std::vector<Entity> exact, all;
  for (EntityId id : ids) {
    KG_ASSIGN_OR_RETURN(Entity e, txn->GetEntity(id));
    if (e.name() == name) exact.push_back(e);
    all.push_back(std::move(e));
  }
  return prefer_exact && !exact.empty() ? exact : all;
}

std::vector<std::string> Session::Suggest(std::string_view name) const {
  std::vector<std::string> out;
  auto txn = impl_->store().BeginRead();
  // Misspellings first ("Nvidea", "Jensen Haung"): names and aliases within
  // a small edit distance, read from the name index on any size of database.
  Result<std::vector<std::string>> near = txn->SuggestNames(name, kMaxSuggestions);
  if (near.ok()) out = std::move(*near);
  // Then names containing the text or contained in it ("Huawei Tech"), which
  // reads every entity: only on small databases.
  auto stats = impl_->store().Stats();
  if (!stats.ok() || stats->entities > kSuggestScanLimit || out.size() >= kMaxSuggestions)
    return out;
  std::string q = AsciiLower(name);
  Status scanned = txn->ScanEntities("", [&](EntityId id) {
    auto e = txn->GetEntity(id);
    if (!e.ok() || e->name().empty()) return true;
    std::string n = AsciiLower(e->name());
    bool contains =
        n.find(q) != std::string::npos || (n.size() >= 3 && q.find(n) != std::string::npos);
    if (contains && std::find(out.begin(), out.end(), e->name()) == out.end())
      out.emplace_back(e->name());
    return out.size() < kMaxSuggestions;
  });
  // Suggestions are a courtesy: a failed scan leaves them out.
  (void)scanned;
  return out;
}

Status Session::NoSuchEntity(std::string_view name) const {
  std::string hint = DidYouMean(Suggest(name));
  return Status::NotFound("no entity is named or aliased '" + std::string(name) + "'" +
                          (hint.empty() ? "" : "; " + hint));
}

Result<Stats> Session::GetStats() const {
  KG_ASSIGN_OR_RETURN(storage::StoreStats s, impl_->store().Stats());
  Stats out;
  out.entities = s.entities;
  out.relations = s.relations;
  out.entities_by_label = std::move(s.entities_by_label);
  out.relations_by_type = std::move(s.relations_by_type);
  out.format_version = s.format_version;
  out.disk_bytes = s.disk_bytes;
  out.ontology = std::move(s.ontology);
  out.topology_budget_bytes = s.topology_budget_bytes;
  out.topology_estimate_bytes = s.topology_estimate_bytes;
  out.topology_held_bytes = s.topology_held_bytes;
  return out;
}

Result<ClockSpan> Session::DateSpan() const { return impl_->store().BeginRead()->DateSpan(); }

Result<std::vector<std::string>> Session::Check() const { return impl_->store().Check(); }

Result<std::unique_ptr<storage::Transaction>> Session::BeginWrite() {
  return impl_->store().BeginWrite();
}

namespace {

// The session's import vocabulary is its own (the fronts and the installed
// library never see storage headers); these two convert at the boundary.
storage::ImportOptions ToStorage(const ImportRequest& request) {
  storage::ImportOptions options;
  options.node_files = request.node_files;
  options.edge_files = request.edge_files;
  options.progress = request.progress;
  return options;
}

Counts ToCounts(const storage::ImportSummary& summary) {
  return Counts{summary.entities, summary.relations};
}

}  // namespace

Result<Counts> Session::Import(const ImportRequest& request) {
  std::lock_guard<std::timed_mutex> lock(impl_->writer());
  KG_ASSIGN_OR_RETURN(storage::ImportSummary summary,
                      storage::ImportCsv(impl_->store(), ToStorage(request)));
  return ToCounts(summary);
}

Result<Counts> Session::ImportNew(const std::string& path, const ImportRequest& request) {
  KG_ASSIGN_OR_RETURN(
      storage::ImportSummary summary,
      storage::ImportIntoNewDatabase(path, schema::Ontology::Builtin(), ToStorage(request)));
  return ToCounts(summary);
}

Status Session::CheckExportFormat(std::string_view format) {
  return storage::ParseExportFormat(format).status();
}

// Every entity and the relations `filter` accepts: the whole graph as a
// scope sees it.
static Result<storage::ExportSelection> ScopedGraph(const storage::Store& store,
                                                    RelationFilter filter) {
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  KG_RETURN_IF_ERROR(storage::AddSourcePublished(*txn, &filter));
  storage::ExportSelection selection;
  KG_RETURN_IF_ERROR(txn->ScanEntities("", [&](EntityId id) {
    selection.entities.push_back(id);
    return true;
  }));
  Status failed;
  KG_RETURN_IF_ERROR(txn->ScanEdges("", [&](const storage::EdgeTriple& e) {
    Result<Relation> relation = txn->GetRelation(e.relation);
    if (!relation.ok()) {
      failed = relation.status();
      return false;
    }
    if (filter.Accepts(*relation)) selection.relations.push_back(e.relation);
    return true;
  }));
  KG_RETURN_IF_ERROR(failed);
  return selection;
}

Result<Counts> Session::Export(const ExportRequest& request, std::ostream* out) {
  KG_ASSIGN_OR_RETURN(storage::ExportFormat format, storage::ParseExportFormat(request.format));
  std::optional<storage::ExportSelection> selection;
  if (request.query.empty() && !request.query_options.scope.empty()) {
    KG_ASSIGN_OR_RETURN(RelationFilter filter, request.query_options.scope.Filter());
    KG_ASSIGN_OR_RETURN(selection, ScopedGraph(impl_->store(), std::move(filter)));
  } else if (!request.query.empty()) {
    KG_RETURN_IF_ERROR(Authorize(request.query_options.token, /*write=*/false));
    KG_RETURN_IF_ERROR(request.query_options.scope.Filter().status());
    KG_ASSIGN_OR_RETURN(selection,
                        query::QuerySelection(impl_->store(), request.query,
                                              impl_->QueryOptionsFor(request.query_options)));
  }
  const storage::ExportSelection* selected = selection ? &*selection : nullptr;
  const storage::Store& store = impl_->store();
  storage::ExportSummary summary;
  if (format == storage::ExportFormat::kCsv) {
    if (request.output.empty())
      return Status::InvalidArgument("csv export writes two files: give it a directory");
    KG_ASSIGN_OR_RETURN(summary, storage::ExportCsv(store, request.output, selected));
  } else if (!request.output.empty()) {
    KG_ASSIGN_OR_RETURN(summary, storage::ExportToFile(store, format, request.output, selected));
  } else {
    if (out == nullptr) return Status::InvalidArgument("export: no output given");
    KG_ASSIGN_OR_RETURN(summary, storage::ExportToStream(store, format, *out, selected));
  }
  return Counts{summary.entities, summary.relations};
}

Result<std::vector<std::string>> Session::CheckQuotes() const {
  return storage::CheckQuotes(impl_->store());
}

Status Session::VerifyChecksums() const { return storage::VerifyChecksums(impl_->store()); }

}  // namespace kg::session
