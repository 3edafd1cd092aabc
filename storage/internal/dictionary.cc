// The in-memory name dictionaries (labels, relation types, property keys)
// and the names a write adds before it lands (store_impl.h).
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {

std::optional<uint32_t> Dictionary::Find(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = ids_.find(name);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::string_view Dictionary::Name(uint32_t id) const {
  std::shared_lock lock(mu_);
  if (id >= names_.size() || names_[id] == nullptr) return {};
  return *names_[id];
}

uint32_t Dictionary::next_id() const {
  std::shared_lock lock(mu_);
  return static_cast<uint32_t>(names_.size());
}

void Dictionary::Add(std::string_view name, uint32_t id) {
  std::unique_lock lock(mu_);
  if (names_.size() <= id) names_.resize(id + 1);
  names_[id] = std::make_unique<std::string>(name);
  ids_.emplace(std::string(name), id);
}

void Dictionary::Remove(std::string_view name) {
  std::unique_lock lock(mu_);
  auto it = ids_.find(name);
  if (it != ids_.end()) ids_.erase(it);
}

std::vector<std::pair<std::string, uint32_t>> Dictionary::Entries() const {
  std::shared_lock lock(mu_);
  return {ids_.begin(), ids_.end()};
}

std::optional<uint32_t> FindName(const Dictionary& dict, const PendingNames& pending,
                                 std::string_view name) {
  if (auto id = dict.Find(name)) return id;
  auto it = pending.find(name);
  if (it == pending.end()) return std::nullopt;
  return it->second;
}

uint32_t InternName(const Dictionary& dict, PendingNames* pending, std::string_view name) {
  if (auto id = FindName(dict, *pending, name)) return *id;
  uint32_t id = dict.next_id() + static_cast<uint32_t>(pending->size());
  pending->emplace(std::string(name), id);
  return id;
}

void PublishNames(const PendingNames& pending, bool add, Dictionary* dict) {
  for (const auto& [name, id] : pending) {
    if (add) {
      dict->Add(name, id);
    } else {
      dict->Remove(name);
    }
  }
}

}  // namespace kg::storage::internal
