// The in-memory name index of a topology copy (name_index.h).
#include "storage/internal/name_index.h"

#include <functional>
#include <limits>

#include "storage/internal/keys.h"
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {
namespace {

constexpr uint64_t kMaxId = std::numeric_limits<uint32_t>::max();

size_t HashOf(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

bool NameIndex::Add(std::string_view folded, uint64_t id) {
  if (id >= kMaxId || text_.size() + folded.size() >= kMaxId) return false;
  if (folded.find('\0') != std::string_view::npos) return false;
  if (key_ends_.empty() || Key(key_ends_.size() - 1) != folded) {
    // Keys are sorted and no folded name holds a NUL, so all the keys of
    // one name are adjacent: a new name starts a new group.
    text_.append(folded);
    key_ends_.push_back(static_cast<uint32_t>(text_.size()));
    id_ends_.push_back(static_cast<uint32_t>(ids_.size()));
  }
  ids_.push_back(static_cast<uint32_t>(id));
  id_ends_.back() = static_cast<uint32_t>(ids_.size());
  return true;
}

void NameIndex::Hash() {
  size_t n = 16;
  while (n < key_ends_.size() * 2) n *= 2;  // at most half full
  slots_.assign(n, 0);
  for (size_t k = 0; k < key_ends_.size(); ++k) {
    size_t i = HashOf(Key(k)) & (n - 1);
    while (slots_[i] != 0) i = (i + 1) & (n - 1);
    slots_[i] = static_cast<uint32_t>(k + 1);
  }
}

Result<bool> NameIndex::Read(const Store::Impl& s, const rocksdb::ReadOptions& ro) {
  std::unique_ptr<rocksdb::Iterator> it(s.db()->NewIterator(ro, s.cf(kCfNames)));
  bool ok = true;
  for (it->SeekToFirst(); ok && it->Valid(); it->Next()) {
    std::string_view folded;
    uint64_t id = 0;
    ok = DecodeNameKey({it->key().data(), it->key().size()}, &folded, &id) && Add(folded, id);
  }
  KG_RETURN_IF_ERROR(FromRocks(it->status(), "building the topology cache's name index"));
  if (!ok) {
    *this = NameIndex();
    return false;
  }
  Hash();
  return true;
}

std::optional<std::span<const uint32_t>> NameIndex::Find(std::string_view folded) const {
  if (folded.find('\0') != std::string_view::npos) return std::nullopt;
  if (slots_.empty()) return std::nullopt;  // not built: Hash makes at least 16 slots
  const size_t mask = slots_.size() - 1;
  for (size_t i = HashOf(folded) & mask; slots_[i] != 0; i = (i + 1) & mask) {
    size_t k = slots_[i] - 1;
    if (Key(k) != folded) continue;
    uint32_t begin = k == 0 ? 0 : id_ends_[k - 1];
    return std::span<const uint32_t>(ids_.data() + begin, id_ends_[k] - begin);
  }
  return std::span<const uint32_t>();
}

}  // namespace kg::storage::internal
