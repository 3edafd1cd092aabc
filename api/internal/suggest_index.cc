// The in-memory suggestion index (see suggest_index.h).
#include "api/internal/suggest_index.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace kg::session::internal {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

Result<std::unique_ptr<const SuggestIndex>> SuggestIndex::Build(const storage::Transaction& txn) {
  auto index = std::make_unique<SuggestIndex>();
  index->sequence_ = txn.snapshot_sequence();
  Status failed;
  Status scanned = txn.ScanEntities("", [&](EntityId id) {
    Result<std::shared_ptr<const Entity>> e = txn.GetEntityShared(id);
    if (!e.ok()) {
      failed = e.status();
      return false;
    }
    Entry entry;
    entry.id = id;
    entry.labels = (*e)->labels;
    if (const Value* name = (*e)->Find(kNameKey)) {
      if (!name->is_null() && !name->is_string()) {
        failed = Status::NotSupported("entity " + std::to_string(id) + " has a non-string name");
        return false;
      }
      entry.name = *name;
    }
    if (entry.name.is_string()) entry.lower = AsciiLower(entry.name.as_string());
    if (const Value* aliases = (*e)->Find(kAliasesKey); aliases && !aliases->is_null()) {
      bool strings = aliases->is_list();
      for (size_t i = 0; strings && i < aliases->as_list().size(); ++i)
        strings = aliases->as_list()[i].is_string();
      if (!strings) {
        failed = Status::NotSupported("entity " + std::to_string(id) +
                                      " has aliases that are not a list of strings");
        return false;
      }
      for (const Value& a : aliases->as_list())
        entry.aliases.push_back({AsciiLower(a.as_string()), a.as_string()});
    }
    index->entries_.push_back(std::move(entry));
    return true;
  });
  KG_RETURN_IF_ERROR(scanned);
  KG_RETURN_IF_ERROR(failed);
  return std::unique_ptr<const SuggestIndex>(std::move(index));
}

int SuggestIndex::Rank(const Entry& e, std::string_view q) const {
  if (e.lower == q) return 0;
  if (StartsWith(e.lower, q)) return 1;
  for (const Alias& a : e.aliases)
    if (a.lower == q) return 2;
  for (const Alias& a : e.aliases)
    if (StartsWith(a.lower, q)) return 3;
  return 4;
}

Value SuggestIndex::AliasOf(const Entry& e, std::string_view q) const {
  if (Contains(e.lower, q)) return Value();
  for (const Alias& a : e.aliases)
    if (a.lower == q) return Value(a.text);
  for (const Alias& a : e.aliases)
    if (StartsWith(a.lower, q)) return Value(a.text);
  for (const Alias& a : e.aliases)
    if (Contains(a.lower, q)) return Value(a.text);
  return Value();
}

ResultTable SuggestIndex::Find(std::string_view text, size_t limit) const {
  std::string q = AsciiLower(text);
  struct Hit {
    int rank;
    const Entry* entry;
  };
  std::vector<Hit> hits;
  for (const Entry& e : entries_) {
    bool match = Contains(e.lower, q);
    for (size_t i = 0; !match && i < e.aliases.size(); ++i) match = Contains(e.aliases[i].lower, q);
    if (match) hits.push_back({Rank(e, q), &e});
  }
  // ORDER BY rank, name, id of the statement, where `name` is the returned
  // n.name as stored (not lower-cased); a missing name sorts last.
  auto before = [](const Hit& a, const Hit& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    const Value& x = a.entry->name;
    const Value& y = b.entry->name;
    if (x.is_null() != y.is_null()) return y.is_null();
    if (!x.is_null() && x.as_string() != y.as_string()) return x.as_string() < y.as_string();
    return a.entry->id < b.entry->id;
  };
  size_t keep = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(),
                    before);
  ResultTable table;
  table.columns = {"id", "name", "labels", "alias"};
  for (size_t i = 0; i < keep; ++i) {
    const Entry& e = *hits[i].entry;
    ValueList labels(e.labels.begin(), e.labels.end());
    table.rows.push_back(
        {Value(static_cast<int64_t>(e.id)), e.name, Value(std::move(labels)), AliasOf(e, q)});
  }
  return table;
}

std::shared_ptr<const SuggestIndex> SuggestCache::Current(uint64_t sequence) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_ && current_->sequence() == sequence) return current_;
  return nullptr;
}

Result<std::shared_ptr<const SuggestIndex>> SuggestCache::For(const storage::Transaction& txn) {
  const uint64_t sequence = txn.snapshot_sequence();
  auto refused = [&] {
    return Status::NotSupported("the names of snapshot " + std::to_string(sequence) +
                                " are not all strings");
  };
  if (auto have = Current(sequence)) return have;
  std::lock_guard<std::mutex> building(build_mu_);
  if (auto have = Current(sequence)) return have;  // built while this one waited
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (unsupported_at_ == sequence) return refused();
  }
  Result<std::unique_ptr<const SuggestIndex>> built = SuggestIndex::Build(txn);
  std::lock_guard<std::mutex> lock(mu_);
  if (!built.ok()) {
    if (built.status().code() == StatusCode::kNotSupported) unsupported_at_ = sequence;
    return built.status();
  }
  current_ = std::move(built).value();
  ++builds_;
  unsupported_at_.reset();
  return current_;
}

SuggestCache::State SuggestCache::state() const {
  std::lock_guard<std::mutex> lock(mu_);
  State s;
  s.ready = current_ != nullptr;
  s.sequence = current_ ? current_->sequence() : 0;
  s.entries = current_ ? current_->size() : 0;
  s.builds = builds_;
  s.unsupported = unsupported_at_.has_value();
  return s;
}

}  // namespace kg::session::internal
