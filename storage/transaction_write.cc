// Transactions, the write side: writes collected in a WriteBatchWithIndex
// (so a write transaction reads its own writes), the index entries and
// counts each write changes, and Commit, which applies them in one synced
// RocksDB write together with the counters, counts and dictionaries.
#include <algorithm>
#include <set>

#include "storage/internal/transaction_impl.h"
#include "storage/store.h"

namespace kg::storage {

namespace {

// Labels in first-seen order without repeats.
std::vector<std::string> DistinctLabels(std::vector<std::string> labels) {
  std::vector<std::string> out;
  for (auto& l : labels)
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(std::move(l));
  return out;
}

bool SameLabelSet(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

// --- Transaction::Impl: index entries, counts and the commit ------------------

void Transaction::Impl::IndexEntity(const Entity& e, int delta) {
  for (const std::string& label : e.labels) {
    uint32_t lid = InternName(s_->labels_, &new_labels_, label);
    if (delta > 0) {
      Put(kCfLabels, LabelKey(lid, e.id), "");
    } else {
      Delete(kCfLabels, LabelKey(lid, e.id));
    }
    label_delta_[label] += delta;
  }
  if (delta > 0) NotePropertyKeys(s_->props_, e.properties, &new_props_);
  for (const std::string& folded : FoldedNames(e)) {
    std::string key = folded;
    key.push_back('\0');
    PutU64(&key, e.id);
    if (delta > 0) {
      Put(kCfNames, key, "");
    } else {
      Delete(kCfNames, key);
    }
  }
  entity_delta_ += delta;
}

void Transaction::Impl::IndexRelation(const Relation& r, int delta) {
  uint32_t tid = InternName(s_->types_, &new_types_, r.type);
  std::string out = EncodeAdjKey({r.start, tid, r.end, r.id});
  std::string in = EncodeAdjKey({r.end, tid, r.start, r.id});
  if (delta > 0) {
    NotePropertyKeys(s_->props_, r.properties, &new_props_);
    Put(kCfRelations, IdKey(r.id), EncodeRelation(r));
    std::string clock = AdjClockOf(r);
    Put(kCfOut, out, clock);
    Put(kCfIn, in, clock);
  } else {
    Delete(kCfRelations, IdKey(r.id));
    Delete(kCfOut, out);
    Delete(kCfIn, in);
  }
  type_delta_[r.type] += delta;
  relation_delta_ += delta;
}

void Transaction::Impl::SetAdjacencyClock(const Relation& r) {
  uint32_t tid = InternName(s_->types_, &new_types_, r.type);
  std::string clock = AdjClockOf(r);
  Put(kCfOut, EncodeAdjKey({r.start, tid, r.end, r.id}), clock);
  Put(kCfIn, EncodeAdjKey({r.end, tid, r.start, r.id}), clock);
}

Status Transaction::Impl::RecheckRelations(const Entity& e) const {
  for (int cf : {kCfOut, kCfIn}) {
    KG_ASSIGN_OR_RETURN(std::vector<AdjKey> adj, Adjacent(cf, e.id));
    for (const AdjKey& k : adj) {
      KG_ASSIGN_OR_RETURN(Relation r, GetRelation(k.relation));
      std::vector<std::string> other = e.labels;
      if (k.other != e.id) {
        KG_ASSIGN_OR_RETURN(Entity o, GetEntity(k.other));
        other = o.labels;
      }
      Status st = cf == kCfOut ? s_->ontology_.CheckRelation(r, e.labels, other)
                               : s_->ontology_.CheckRelation(r, other, e.labels);
      if (!st.ok())
        return st.WithPrefix("node " + std::to_string(e.id) + " cannot take these labels");
    }
  }
  return Status::OK();
}

Status Transaction::Impl::ApplyCount(const std::string& key, int64_t delta) {
  if (delta == 0) return Status::OK();
  KG_ASSIGN_OR_RETURN(auto old, Get(kCfMeta, key));
  uint64_t n = 0;
  if (old) {
    KG_ASSIGN_OR_RETURN(n, ParseU64(*old, key));
  }
  Put(kCfMeta, key, U64Value(static_cast<uint64_t>(static_cast<int64_t>(n) + delta)));
  return Status::OK();
}

Status Transaction::Impl::AddMetaToBatch() {
  for (const auto& [name, d] : label_delta_)
    KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountLabel) + name, d));
  for (const auto& [name, d] : type_delta_)
    KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountType) + name, d));
  KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountEntities), entity_delta_));
  KG_RETURN_IF_ERROR(ApplyCount(std::string(kMetaCountRelations), relation_delta_));
  for (const auto& [name, id] : new_labels_)
    Put(kCfMeta, std::string(kMetaLabelDict) + name, U32Value(id));
  for (const auto& [name, id] : new_types_)
    Put(kCfMeta, std::string(kMetaTypeDict) + name, U32Value(id));
  for (const auto& [name, id] : new_props_)
    Put(kCfMeta, std::string(kMetaPropDict) + name, U32Value(id));
  if (next_entity_ != s_->next_entity_) Put(kCfMeta, kMetaNextEntity, U64Value(next_entity_));
  if (next_relation_ != s_->next_relation_)
    Put(kCfMeta, kMetaNextRelation, U64Value(next_relation_));
  return Status::OK();
}

void Transaction::Impl::PublishDictionaries(bool add) {
  PublishNames(new_labels_, add, &s_->labels_);
  PublishNames(new_types_, add, &s_->types_);
  PublishNames(new_props_, add, &s_->props_);
}

Status Transaction::Impl::Commit() {
  if (ended_) return Status::InvalidArgument("the transaction has already ended");
  ended_ = true;
  if (!writable() || batch_->GetWriteBatch()->Count() == 0) {
    if (lock_.owns_lock()) lock_.unlock();
    return Status::OK();
  }
  KG_RETURN_IF_ERROR(AddMetaToBatch());
  PublishDictionaries(true);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  // After a failed write (a full disk) RocksDB refuses writes until its
  // error is cleared: its SstFileManager polls (every 5 s) for room to
  // flush a memtable and resumes by itself; for other errors a commit that
  // finds the error still set asks RocksDB to resume.
  if (s_->write_failed_) s_->db()->Resume().PermitUncheckedError();
  Status st = FromRocks(s_->db()->Write(wo, batch_->GetWriteBatch()), "commit");
  s_->write_failed_ = !st.ok();
  if (!st.ok()) {
    PublishDictionaries(false);
    lock_.unlock();
    return st;
  }
  s_->next_entity_ = next_entity_;
  s_->next_relation_ = next_relation_;
  s_->topology_.SetGraphSize(next_entity_, next_relation_);
  s_->entity_cache_.Reset(s_->db()->GetLatestSequenceNumber());
  lock_.unlock();
  return Status::OK();
}

// --- Transaction: writes ----------------------------------------------------

Result<EntityId> Transaction::CreateEntity(std::vector<std::string> labels,
                                           PropertyMap properties) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  Entity e{impl_->next_entity_, DistinctLabels(std::move(labels)), std::move(properties)};
  for (const std::string& l : e.labels)
    if (l.empty()) return Status::SchemaViolation("a label must not be empty");
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckEntity(e));
  ++impl_->next_entity_;
  impl_->Put(kCfEntities, IdKey(e.id), EncodeEntity(e));
  impl_->IndexEntity(e, +1);
  return e.id;
}

Status Transaction::UpdateEntity(const Entity& entity) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  std::string import_id;  // kept: it is not the caller's to change
  KG_ASSIGN_OR_RETURN(Entity old, impl_->GetEntity(entity.id, &import_id));
  Entity e{entity.id, DistinctLabels(entity.labels), entity.properties};
  for (const std::string& l : e.labels)
    if (l.empty()) return Status::SchemaViolation("a label must not be empty");
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckEntity(e));
  if (!SameLabelSet(old.labels, e.labels)) KG_RETURN_IF_ERROR(impl_->RecheckRelations(e));
  impl_->IndexEntity(old, -1);
  impl_->Put(kCfEntities, IdKey(e.id), EncodeEntity(e, import_id));
  impl_->IndexEntity(e, +1);
  return Status::OK();
}

Result<std::string> Transaction::ImportId(EntityId id) const {
  KG_ASSIGN_OR_RETURN(auto bytes, impl_->Get(kCfEntities, IdKey(id)));
  if (!bytes) return Status::NotFound("node " + std::to_string(id) + " does not exist");
  return DecodeImportId(*bytes);
}

Status Transaction::DeleteEntity(EntityId id, bool detach) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  KG_ASSIGN_OR_RETURN(Entity e, impl_->GetEntity(id));
  std::set<RelationId> rels;
  for (int cf : {kCfOut, kCfIn}) {
    KG_ASSIGN_OR_RETURN(std::vector<AdjKey> adj, impl_->Adjacent(cf, id));
    for (const AdjKey& k : adj) rels.insert(k.relation);
  }
  if (!rels.empty() && !detach)
    return Status::InvalidArgument("cannot delete node " + std::to_string(id) +
                                   " because it still has relationships; use DETACH DELETE");
  for (RelationId r : rels) KG_RETURN_IF_ERROR(DeleteRelation(r));
  impl_->IndexEntity(e, -1);
  impl_->Delete(kCfEntities, IdKey(id));
  return Status::OK();
}

Result<RelationId> Transaction::CreateRelation(std::string type, EntityId start, EntityId end,
                                               PropertyMap properties) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  if (type.empty()) return Status::SchemaViolation("a relationship type must not be empty");
  auto from = impl_->GetEntity(start);
  if (!from.ok()) return from.status().WithPrefix("start of " + type);
  auto to = impl_->GetEntity(end);
  if (!to.ok()) return to.status().WithPrefix("end of " + type);
  Relation r{impl_->next_relation_, std::move(type), start, end, std::move(properties)};
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckRelation(r, from->labels, to->labels));
  ++impl_->next_relation_;
  impl_->IndexRelation(r, +1);
  return r.id;
}

Status Transaction::UpdateRelation(const Relation& relation) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  KG_ASSIGN_OR_RETURN(Relation old, impl_->GetRelation(relation.id));
  if (old.type != relation.type || old.start != relation.start || old.end != relation.end)
    return Status::InvalidArgument("the type and endpoints of relationship " +
                                   std::to_string(relation.id) + " cannot change");
  KG_ASSIGN_OR_RETURN(Entity from, impl_->GetEntity(old.start));
  KG_ASSIGN_OR_RETURN(Entity to, impl_->GetEntity(old.end));
  KG_RETURN_IF_ERROR(impl_->s_->ontology_.CheckRelation(relation, from.labels, to.labels));
  NotePropertyKeys(impl_->s_->props_, relation.properties, &impl_->new_props_);
  impl_->Put(kCfRelations, IdKey(relation.id), EncodeRelation(relation));
  if (RelationClock::Of(old) != RelationClock::Of(relation)) impl_->SetAdjacencyClock(relation);
  return Status::OK();
}

Status Transaction::DeleteRelation(RelationId id) {
  KG_RETURN_IF_ERROR(impl_->RequireWritable());
  KG_ASSIGN_OR_RETURN(Relation r, impl_->GetRelation(id));
  impl_->IndexRelation(r, -1);
  return Status::OK();
}

Status Transaction::Commit() { return impl_->Commit(); }

}  // namespace kg::storage
