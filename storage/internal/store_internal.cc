// Raw column family access for tests (see store_internal.h).
#include "storage/internal/store_internal.h"

#include <rocksdb/table_properties.h>

#include <cstdlib>

#include "storage/internal/store_impl.h"

namespace kg::storage::internal {

Status StoreInternal::Put(Store& store, int cf, std::string_view key, std::string_view value) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  Store::Impl* s = store.impl();
  return FromRocks(s->db()->Put(wo, s->cf(cf), rocksdb::Slice(key.data(), key.size()),
                                rocksdb::Slice(value.data(), value.size())),
                   "raw put");
}

Status StoreInternal::Delete(Store& store, int cf, std::string_view key) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  Store::Impl* s = store.impl();
  return FromRocks(s->db()->Delete(wo, s->cf(cf), rocksdb::Slice(key.data(), key.size())),
                   "raw delete");
}

std::optional<std::string> StoreInternal::Get(const Store& store, int cf, std::string_view key) {
  auto v = store.impl()->Get(cf, key);
  if (!v.ok()) return std::nullopt;
  return *v;
}

std::optional<uint32_t> StoreInternal::TypeId(const Store& store, std::string_view type) {
  return store.impl()->types_.Find(type);
}

Result<std::vector<std::string>> StoreInternal::TableCompressions(const Store& store, int cf) {
  Store::Impl* s = store.impl();
  rocksdb::TablePropertiesCollection tables;
  KG_RETURN_IF_ERROR(
      FromRocks(s->db()->GetPropertiesOfAllTables(s->cf(cf), &tables), "table properties"));
  std::vector<std::string> names;
  for (const auto& [file, props] : tables) names.push_back(props->compression_name);
  return names;
}

Result<std::vector<StoreInternal::TableShape>> StoreInternal::TableShapes(const Store& store,
                                                                          int cf) {
  Store::Impl* s = store.impl();
  rocksdb::TablePropertiesCollection tables;
  KG_RETURN_IF_ERROR(
      FromRocks(s->db()->GetPropertiesOfAllTables(s->cf(cf), &tables), "table properties"));
  std::vector<TableShape> shapes;
  for (const auto& [file, props] : tables) {
    // The options read "window_bits=-14; level=-1; strategy=0; ...".
    const std::string& options = props->compression_options;
    size_t at = options.find("level=");
    int level = at == std::string::npos ? 0 : std::atoi(options.c_str() + at + 6);
    shapes.push_back({props->index_partitions, props->num_data_blocks, props->data_size,
                      props->raw_key_size + props->raw_value_size, level});
  }
  return shapes;
}

Status StoreInternal::Flush(Store& store) {
  Store::Impl* s = store.impl();
  std::vector<rocksdb::ColumnFamilyHandle*> all;
  for (int cf = 0; cf < kCfCount; ++cf) all.push_back(s->cf(cf));
  return FromRocks(s->db()->Flush(rocksdb::FlushOptions(), all), "flush");
}

std::optional<uint32_t> StoreInternal::LabelId(const Store& store, std::string_view label) {
  return store.impl()->labels_.Find(label);
}

}  // namespace kg::storage::internal
