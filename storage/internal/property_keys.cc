// The property-key dictionary: loading, building for databases written
// before it existed, and noting the keys of a write.
#include "storage/internal/property_keys.h"

#include <set>
#include <string>

#include "storage/internal/codec.h"

namespace kg::storage::internal {
namespace {

// Every key of every entity and relation record (one full scan).
Result<std::set<std::string>> ScanKeys(const Store::Impl& impl) {
  std::set<std::string> keys;
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  for (int cf : {kCfEntities, kCfRelations}) {
    std::unique_ptr<rocksdb::Iterator> it(impl.db()->NewIterator(ro, impl.cf(cf)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view bytes(it->value().data(), it->value().size());
      if (cf == kCfEntities) {
        KG_ASSIGN_OR_RETURN(Entity e, DecodeEntity(bytes));
        for (const auto& [key, value] : e.properties) keys.insert(key);
      } else {
        KG_ASSIGN_OR_RETURN(Relation r, DecodeRelation(bytes));
        for (const auto& [key, value] : r.properties) keys.insert(key);
      }
    }
    KG_RETURN_IF_ERROR(FromRocks(it->status(), "scanning property keys"));
  }
  return keys;
}

// Adds the scanned keys the dictionary lacks to it (and to `batch`).
Status AddScanned(Store::Impl* impl, rocksdb::WriteBatch* batch) {
  KG_ASSIGN_OR_RETURN(std::set<std::string> keys, ScanKeys(*impl));
  for (const std::string& key : keys) {
    if (impl->props_.Find(key)) continue;
    uint32_t id = impl->props_.next_id();
    impl->props_.Add(key, id);
    if (batch != nullptr)
      batch->Put(impl->cf(kCfMeta), std::string(kMetaPropDict) + key, U32Value(id));
  }
  return Status::OK();
}

}  // namespace

Status LoadPropertyKeys(Store::Impl* impl) {
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> it(impl->db()->NewIterator(ro, impl->cf(kCfMeta)));
  for (it->Seek(rocksdb::Slice(kMetaPropDict.data(), kMetaPropDict.size())); it->Valid();
       it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!key.starts_with(kMetaPropDict)) break;
    if (it->value().size() != 4)
      return Status::Corruption("meta '" + std::string(key) + "' is bad");
    impl->props_.Add(key.substr(kMetaPropDict.size()), ReadU32(it->value().data()));
  }
  KG_RETURN_IF_ERROR(FromRocks(it->status(), "reading the property keys"));
  KG_ASSIGN_OR_RETURN(auto marker, impl->Get(kCfMeta, kMetaPropDictComplete));
  if (marker.has_value()) {
    impl->props_complete_ = true;
    return Status::OK();
  }
  if (impl->read_only_) return Status::OK();  // built on first use
  rocksdb::WriteBatch batch;
  KG_RETURN_IF_ERROR(AddScanned(impl, &batch));
  batch.Put(impl->cf(kCfMeta), std::string(kMetaPropDictComplete), "");
  rocksdb::WriteOptions wo;
  wo.sync = true;
  KG_RETURN_IF_ERROR(FromRocks(impl->db()->Write(wo, &batch), "storing the property keys"));
  impl->props_complete_ = true;
  return Status::OK();
}

Status EnsurePropertyKeys(Store::Impl* impl) {
  if (impl->props_complete_) return Status::OK();
  std::lock_guard<std::mutex> lock(impl->props_mu_);
  if (impl->props_complete_) return Status::OK();
  KG_RETURN_IF_ERROR(AddScanned(impl, nullptr));
  impl->props_complete_ = true;
  return Status::OK();
}

void NotePropertyKeys(const Dictionary& dict, const PropertyMap& properties,
                      PendingNames* pending) {
  for (const auto& [key, value] : properties)
    if (!FindName(dict, *pending, key)) InternName(dict, pending, key);
}

}  // namespace kg::storage::internal
