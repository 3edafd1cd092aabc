// Apply: one write transaction for a whole review -- the source, then new
// entities, aliases and relations -- committed only when every accepted line
// passed validation and every write passed the ontology.
#include <map>

#include "core/date.h"
#include "ingest/ingest.h"

namespace kg::ingest {
namespace {

std::string Where(std::string_view origin, size_t line, const std::string& id) {
  if (line) return LinePrefix(origin, line);
  return (origin.empty() ? std::string("candidate") : std::string(origin)) + " (" + id + "): ";
}

// The statement date of the source's relations: its publication date at its
// precision (a day, a month or a year: core/date.h).
void AddDate(const std::string& published, PropertyMap* props) {
  if (published.empty()) return;
  auto d = Date::ParseWithPrecision(published);
  if (!d.ok()) return;
  (*props)[std::string(kDateKey)] = Value(*d);
}

// Without a reviewer: accepts what is linked or at least `threshold` sure;
// a statement about an entity below the threshold is left out rather than
// refused.
void AutoAccept(Review* review, double threshold) {
  std::map<std::string, bool> usable;  // entity line -> known or accepted
  for (Candidate& c : review->candidates) {
    c.accept = (c.kind == CandidateKind::kEntity && c.links_to) ||
               (c.ambiguous.empty() && c.confidence >= threshold);
    if (c.kind == CandidateKind::kEntity) usable[c.id] = c.accept;
  }
  for (Candidate& c : review->candidates) {
    if (c.kind == CandidateKind::kRelation) c.accept = c.accept && usable[c.from] && usable[c.to];
    if (c.kind == CandidateKind::kAlias) c.accept = c.accept && usable[c.to];
  }
}

// Removes the stored source with the same text or the same id, with
// `replace`; refuses to go on without it.
Status ReplaceOldSource(storage::Transaction& txn, const Review& review, bool replace,
                        ApplySummary* sum) {
  KG_ASSIGN_OR_RETURN(auto same_sha,
                      storage::FindSourceBySha(txn, storage::Sha256Hex(review.text)));
  KG_ASSIGN_OR_RETURN(auto same_id, storage::GetSource(txn, review.source.id));
  for (const auto* old : {&same_sha, &same_id}) {
    if (!*old) continue;
    if (!replace)
      return Status::AlreadyExists("source '" + (*old)->id + "'" +
                                   ((*old)->title.empty() ? "" : " (" + (*old)->title + ")") +
                                   " already holds " +
                                   (old == &same_sha ? "this text (same SHA-256)" : "this id") +
                                   "; give --replace (over HTTP: the replace option) to swap it "
                                   "for this one; nothing applied");
    if (old == &same_id && same_sha && same_sha->id == same_id->id) continue;
    KG_ASSIGN_OR_RETURN(storage::RemoveSourceSummary r, storage::RemoveSource(txn, (*old)->id));
    sum->removed.relations_deleted += r.relations_deleted;
    sum->removed.relations_kept += r.relations_kept;
    sum->removed.entities_deleted += r.entities_deleted;
    sum->replaced = true;
  }
  return Status::OK();
}

// The writes of an accepted review, in one transaction: entities, then
// aliases, then relations (which refer to both).
class Writer {
 public:
  Writer(storage::Transaction& txn, const Review& review, std::string_view origin,
         ApplySummary* sum)
      : txn_(txn), review_(review), origin_(origin), sum_(sum) {}

  Status Entities() {
    for (const Candidate& c : review_.candidates) {
      if (c.kind != CandidateKind::kEntity) continue;
      if (c.links_to) {
        ids_[c.id] = *c.links_to;
        continue;
      }
      if (!c.accept) continue;
      PropertyMap props{{std::string(kNameKey), Value(c.name)},
                        {std::string(kSourceKey), Value(review_.source.id)}};
      if (!c.aliases.empty()) {
        ValueList l;
        for (const std::string& a : c.aliases) l.emplace_back(a);
        props[std::string(kAliasesKey)] = Value(std::move(l));
      }
      auto id = txn_.CreateEntity({c.label}, std::move(props));
      if (!id.ok()) return id.status().WithPrefix(Where(origin_, c.line, c.id) + "entity");
      ids_[c.id] = *id;
      ++sum_->entities_created;
    }
    return Status::OK();
  }

  Status Aliases() {
    for (const Candidate& c : review_.candidates) {
      if (!c.accept || c.kind != CandidateKind::kAlias) continue;
      KG_ASSIGN_OR_RETURN(Entity e, txn_.GetEntity(ids_.at(c.to)));
      ValueList l;
      for (const std::string& a : e.aliases()) l.emplace_back(a);
      l.emplace_back(c.name);
      e.properties[std::string(kAliasesKey)] = Value(std::move(l));
      Status s = txn_.UpdateEntity(e);
      if (!s.ok()) return s.WithPrefix(Where(origin_, c.line, c.id) + "alias");
      ++sum_->aliases_added;
    }
    return Status::OK();
  }

  Status Relations() {
    for (const Candidate& c : review_.candidates) {
      if (!c.accept || c.kind != CandidateKind::kRelation) continue;
      PropertyMap props{{std::string(kSourceKey), Value(review_.source.id)},
                        {std::string(kQuoteKey), Value(c.quote)},
                        {std::string(kConfidenceKey), Value(c.confidence)}};
      if (!c.speaker.empty()) props[std::string(kSpeakerKey)] = Value(c.speaker);
      if (c.stance) props[std::string(kStanceKey)] = Value(*c.stance);
      AddDate(review_.source.published, &props);
      auto id = txn_.CreateRelation(c.type, ids_.at(c.from), ids_.at(c.to), std::move(props));
      if (!id.ok()) return id.status().WithPrefix(Where(origin_, c.line, c.id) + "relation");
      ++sum_->relations_created;
    }
    return Status::OK();
  }

 private:
  storage::Transaction& txn_;
  const Review& review_;
  std::string_view origin_;
  ApplySummary* sum_;
  std::map<std::string, EntityId> ids_;  // candidate id -> the entity it is
};

}  // namespace

Result<ApplySummary> Apply(storage::Store& store, Review review, const ApplyOptions& options,
                           std::string_view origin) {
  if (options.auto_accept) AutoAccept(&review, *options.auto_accept);
  std::string head = origin.empty() ? std::string("source line") : std::string(origin);
  KG_RETURN_IF_ERROR(storage::ValidateSourceId(review.source.id).WithPrefix(head));
  KG_RETURN_IF_ERROR(storage::ValidatePublished(review.source.published).WithPrefix(head));
  KG_ASSIGN_OR_RETURN(auto txn, store.BeginWrite());
  std::vector<Refusal> refusals = ValidateReview(*txn, store.ontology(), review, true);
  if (!refusals.empty()) {
    std::string msg;
    for (const Refusal& r : refusals)
      msg += (msg.empty() ? "" : "\n") + Where(origin, r.line, r.candidate_id) + r.reason;
    return Status::InvalidArgument(msg + "\nnothing applied");
  }
  ApplySummary sum;
  sum.source_id = review.source.id;
  KG_RETURN_IF_ERROR(ReplaceOldSource(*txn, review, options.replace, &sum));
  KG_RETURN_IF_ERROR(storage::PutSource(*txn, review.source, review.text));
  Writer writer(*txn, review, origin, &sum);
  KG_RETURN_IF_ERROR(writer.Entities());
  KG_RETURN_IF_ERROR(writer.Aliases());
  KG_RETURN_IF_ERROR(writer.Relations());
  KG_RETURN_IF_ERROR(txn->Commit());
  return sum;
}

}  // namespace kg::ingest
