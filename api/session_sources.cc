// Session: the source documents of the graph, the ingest of articles into
// it, and backups. Thin wrappers of storage/sources.h, ingest/ingest.h and
// storage/backup.h, so the fronts reach them through the session only.
#include <algorithm>

#include "api/internal/session_impl.h"
#include "ingest/extractor.h"
#include "ingest/ingest.h"
#include "storage/backup.h"
#include "storage/sources.h"

namespace kg::session {
namespace {

BackupInfo InfoOf(const storage::BackupSummary& b) {
  return BackupInfo{b.id, b.entities, b.relations, b.bytes, b.files};
}

}  // namespace

Result<SourceListing> Session::ListSources() const {
  auto txn = impl_->store().BeginRead();
  KG_ASSIGN_OR_RETURN(auto counts, storage::CountRelationsBySource(*txn));
  SourceListing out;
  KG_RETURN_IF_ERROR(storage::ScanSources(*txn, [&](const SourceRecord& r) {
    auto it = counts.find(r.id);
    out.sources.emplace_back(r, it == counts.end() ? uint64_t{0} : it->second);
    return true;
  }));
  for (const auto& [id, n] : counts) {
    auto is_it = [&source = id](const auto& s) { return s.first.id == source; };
    bool known = std::any_of(out.sources.begin(), out.sources.end(), is_it);
    if (!known) out.unrecorded.emplace_back(id, n);
  }
  return out;
}

Result<std::optional<SourceRecord>> Session::GetSource(std::string_view id) const {
  auto txn = impl_->store().BeginRead();
  return storage::GetSource(*txn, id);
}

Result<std::string> Session::GetSourceText(std::string_view id) const {
  auto txn = impl_->store().BeginRead();
  return storage::GetSourceText(*txn, id);
}

Result<RemovedSource> Session::RemoveSource(std::string_view id) {
  std::lock_guard<std::timed_mutex> lock(impl_->writer());
  KG_ASSIGN_OR_RETURN(auto txn, impl_->store().BeginWrite());
  KG_ASSIGN_OR_RETURN(storage::RemoveSourceSummary removed, storage::RemoveSource(*txn, id));
  KG_RETURN_IF_ERROR(txn->Commit());
  return RemovedSource{removed.relations_deleted, removed.relations_kept, removed.entities_deleted};
}

Status Session::StoreSources(const std::vector<SourceDocument>& documents) {
  std::lock_guard<std::timed_mutex> lock(impl_->writer());
  KG_ASSIGN_OR_RETURN(auto txn, impl_->store().BeginWrite());
  for (const SourceDocument& d : documents) {
    KG_ASSIGN_OR_RETURN(auto old, storage::GetSource(*txn, d.record.id));
    if (old && old->sha256 == storage::Sha256Hex(d.text)) continue;  // already there
    if (old)
      return Status::AlreadyExists("source '" + d.record.id +
                                   "' is stored with another text; remove it first "
                                   "(kg sources remove)");
    KG_RETURN_IF_ERROR(storage::PutSource(*txn, d.record, d.text));
  }
  return txn->Commit();
}

Result<std::map<std::string, SourceLabel>> Session::SourceLabels() const {
  auto txn = impl_->store().BeginRead();
  return storage::SourceLabels(*txn);
}

std::vector<std::string> Session::SourceIdsOf(const Relation& relation) {
  return storage::RelationSourceIds(relation);
}

Result<std::map<std::string, std::string, std::less<>>> Session::SourceTitles() const {
  KG_ASSIGN_OR_RETURN(auto labels, SourceLabels());
  std::map<std::string, std::string, std::less<>> titles;
  for (const auto& [id, label] : labels) {
    if (label.title.empty()) continue;
    titles[id] = label.publisher.empty() ? label.title : label.title + " \u2014 " + label.publisher;
  }
  return titles;
}

std::string Session::Sha256Hex(std::string_view data) { return storage::Sha256Hex(data); }

Status Session::CheckSourceRecord(const SourceRecord& record) {
  KG_RETURN_IF_ERROR(storage::ValidateSourceId(record.id));
  return storage::ValidatePublished(record.published);
}

Status Session::CheckPublished(std::string_view date) { return storage::ValidatePublished(date); }

Result<ingest::Review> Session::AnalyzeArticle(const ArticleRequest& request,
                                               ingest::AnalyzeStats* stats,
                                               std::vector<ingest::Refusal>* refused) const {
  SourceRecord source = request.source;
  source.sha256 = storage::Sha256Hex(request.text);
  auto txn = impl_->store().BeginRead();
  KG_ASSIGN_OR_RETURN(auto same, storage::FindSourceBySha(*txn, source.sha256));
  if (same && !request.replace)
    return Status::AlreadyExists("the text is already source '" + same->id +
                                 "' (same SHA-256); give --replace (over HTTP: the replace "
                                 "option) to ingest it again");
  KG_ASSIGN_OR_RETURN(auto index, impl_->names.Get(*txn));
  const schema::Ontology& ontology = impl_->store().ontology();
  KG_ASSIGN_OR_RETURN(ingest::Review review,
                      ingest::Analyze(*txn, *index, ontology, source, request.text, {}, stats));
  if (request.extractor.empty()) return review;
  KG_ASSIGN_OR_RETURN(ingest::ExtractorResult extracted,
                      ingest::RunExtractor(request.extractor, review, *txn, ontology));
  if (refused != nullptr) *refused = std::move(extracted.refused);
  for (auto& c : extracted.candidates) review.candidates.push_back(std::move(c));
  return review;
}

Result<ingest::ApplySummary> Session::ApplyReview(ingest::Review review,
                                                  const ingest::ApplyOptions& options,
                                                  const std::string& where) {
  std::lock_guard<std::timed_mutex> lock(impl_->writer());
  return ingest::Apply(impl_->store(), std::move(review), options, where);
}

Result<BackupInfo> Session::Backup(const std::string& dir) {
  KG_ASSIGN_OR_RETURN(storage::BackupSummary b, storage::Backup(impl_->store(), dir));
  return InfoOf(b);
}

Result<BackupInfo> Session::Restore(const std::string& dir, const std::string& db, uint32_t id,
                                    bool replace) {
  storage::RestoreOptions options;
  options.backup_id = id;
  options.replace = replace;
  KG_ASSIGN_OR_RETURN(storage::BackupSummary b, storage::Restore(dir, db, options));
  return InfoOf(b);
}

}  // namespace kg::session
