// Building the in-memory topology from one snapshot, and the policy of when
// to build it.
#include "storage/internal/topology.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <thread>
#include <unordered_map>

#include "storage/internal/adj_clock.h"
#include "storage/internal/codec.h"
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {
namespace {

constexpr uint64_t kMaxId = std::numeric_limits<uint32_t>::max();

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

// The distinct label sets of the entities ReadNames decodes, numbered as
// they first appear (set 0: no label). A graph has a few: entities of one
// kind mostly follow each other, so the last set is tried first.
class LabelSets {
 public:
  // The index of the set of these labels; nullopt past 65,535 sets.
  std::optional<uint16_t> Intern(const std::vector<std::string>& labels) {
    if (labels.empty()) return 0;
    if (labels == last_) return last_set_;
    std::vector<uint32_t> ids;
    for (const std::string& l : labels) {
      auto [it, added] = label_ids_.try_emplace(l, static_cast<uint32_t>(names_.size()));
      if (added) names_.push_back(l);
      ids.push_back(it->second);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto found = sets_.find(ids);
    if (found == sets_.end()) {
      if (ends_.size() - 1 > std::numeric_limits<uint16_t>::max()) return std::nullopt;
      found = sets_.emplace(ids, static_cast<uint16_t>(ends_.size() - 1)).first;
      members_.insert(members_.end(), ids.begin(), ids.end());
      ends_.push_back(static_cast<uint32_t>(members_.size()));
    }
    last_ = labels;
    last_set_ = found->second;
    return last_set_;
  }
  // Hands the sets and names over (Topology's set_ends_ .. label_names_).
  void MoveTo(std::vector<uint32_t>* ends, std::vector<uint32_t>* members,
              std::vector<std::string>* names) {
    *ends = std::move(ends_);
    *members = std::move(members_);
    *names = std::move(names_);
    ends->shrink_to_fit();
    members->shrink_to_fit();
  }

 private:
  std::vector<std::string> last_;  // the labels of the last Intern, and their set
  uint16_t last_set_ = 0;
  std::unordered_map<std::string, uint32_t> label_ids_;
  std::vector<std::string> names_;  // by label id
  std::map<std::vector<uint32_t>, uint16_t> sets_;
  std::vector<uint32_t> ends_{0, 0};  // set 0: empty
  std::vector<uint32_t> members_;
};

}  // namespace

// Ranks of the type ids (by name order) and the names by rank.
struct TypeRanks {
  std::vector<uint32_t> rank_of;  // by type id; UINT32_MAX for holes
  std::vector<std::string_view> names;
  bool follow_ids = true;  // ranks grow with ids: key order is rank order
};

namespace {

TypeRanks RankTypes(const Dictionary& types) {
  TypeRanks t;
  std::vector<std::pair<std::string, uint32_t>> entries = types.Entries();  // by name
  for (size_t r = 0; r < entries.size(); ++r) {
    uint32_t id = entries[r].second;
    if (id >= t.rank_of.size()) t.rank_of.resize(id + 1, UINT32_MAX);
    t.rank_of[id] = static_cast<uint32_t>(r);
    t.names.push_back(types.Name(id));
  }
  uint32_t last = 0;
  for (uint32_t rank : t.rank_of) {
    if (rank == UINT32_MAX) continue;
    if (rank < last) t.follow_ids = false;
    last = rank;
  }
  return t;
}

}  // namespace

// Reads one adjacency family into offsets/entries, and into `dated` (when
// not null) the non-empty values with their relation ids. False when an id
// does not fit or an entry names an unknown node or type (the copy is then
// not built).
Result<bool> Topology::ReadAdjacency(const Store::Impl& s, int cf, const rocksdb::ReadOptions& ro,
                                     const TypeRanks& ranks, uint64_t bound,
                                     std::vector<uint32_t>* offsets, std::vector<Entry>* entries,
                                     DatedValues* dated) {
  offsets->assign(bound + 1, 0);
  uint64_t filled = 0;  // offsets[0..filled] are set
  uint64_t current = 0;
  bool any = false;
  // Rows come in node order; within a row keys are in type-id order, which
  // is name order unless types were added out of alphabetical order.
  auto finish_row = [&] {
    if (ranks.follow_ids || !any) return;
    std::sort(entries->begin() + (*offsets)[current], entries->end(),
              [](const Topology::Entry& x, const Topology::Entry& y) {
                if (x.rank != y.rank) return x.rank < y.rank;
                if (x.other != y.other) return x.other < y.other;
                return x.relation < y.relation;
              });
  };
  auto start_rows_up_to = [&](uint64_t node) {
    while (filled < node) (*offsets)[++filled] = static_cast<uint32_t>(entries->size());
  };
  std::unique_ptr<rocksdb::Iterator> it(s.db()->NewIterator(ro, s.cf(cf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    AdjKey k;
    if (!DecodeAdjKey(View(it->key()), &k)) return false;
    if (k.node >= bound || k.other >= bound || k.relation > kMaxId) return false;
    if (k.type >= ranks.rank_of.size() || ranks.rank_of[k.type] == UINT32_MAX) return false;
    if (!any || k.node != current) {
      finish_row();
      start_rows_up_to(k.node);
      current = k.node;
      any = true;
    }
    if (entries->size() >= kMaxId) return false;
    entries->push_back(
        {static_cast<uint32_t>(k.other), static_cast<uint32_t>(k.relation), ranks.rank_of[k.type]});
    if (dated != nullptr && !it->value().empty()) {
      dated->text.append(it->value().data(), it->value().size());
      dated->ids.push_back(static_cast<uint32_t>(k.relation));
      dated->ends.push_back(dated->text.size());
    }
  }
  KG_RETURN_IF_ERROR(FromRocks(it->status(), "building the topology cache"));
  finish_row();
  start_rows_up_to(bound);
  return true;
}

size_t Topology::EstimateBytes(uint64_t id_bound, uint64_t relations) {
  // Per id: two offsets, a name slot, a label set; in the name index ~16
  // bytes of folded text, a key end, an id end, an id and two hash slots
  // (aliases add to it).
  return static_cast<size_t>(id_bound) * (4 + 4 + sizeof(NameSlot) + 2) +
         static_cast<size_t>(id_bound) * (16 + 4 + 4 + 4 + 8) +
         static_cast<size_t>(relations) * 2 * sizeof(Entry);
}

size_t Topology::bytes() const {
  return names_.capacity() * sizeof(NameSlot) +
         (out_offsets_.capacity() + in_offsets_.capacity()) * 4 +
         (out_.capacity() + in_.capacity()) * sizeof(Entry) + name_text_.capacity() +
         dated_.bytes() + name_index_.bytes() + LabelBytes();
}

size_t Topology::LabelBytes() const {
  size_t n = label_set_.capacity() * 2 + (set_ends_.capacity() + set_labels_.capacity()) * 4 +
             label_names_.capacity() * sizeof(std::string);
  for (const std::string& l : label_names_) n += l.capacity() > 15 ? l.capacity() + 1 : 0;
  return n;
}

Status Topology::ReadNames(const Store::Impl& s, const rocksdb::ReadOptions& ro, uint64_t bound) {
  std::unique_ptr<rocksdb::Iterator> it(s.db()->NewIterator(ro, s.cf(kCfEntities)));
  names_.assign(bound, NameSlot{{}, kAbsent});
  label_set_.assign(bound, 0);
  LabelSets sets;
  bool labelled = true;  // false once there are too many label sets
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key = View(it->key());
    if (key.size() != 8) continue;
    uint64_t id = ReadU64(key.data());
    if (id >= bound)
      return Status::Corruption("entity " + std::to_string(id) + " is beyond the id counter");
    KG_ASSIGN_OR_RETURN(Entity e, DecodeEntity(View(it->value())));
    if (labelled) {
      std::optional<uint16_t> set = sets.Intern(e.labels);
      if (set) label_set_[id] = *set;
      labelled = set.has_value();
    }
    const Value* name = e.Find("name");
    NameSlot& slot = names_[id];
    if (name == nullptr) {
      slot.tag = kNoName;
    } else if (!name->is_string()) {
      slot.tag = kOther;
    } else if (const std::string& text = name->as_string(); text.size() < sizeof slot.text) {
      std::memcpy(slot.text, text.data(), text.size());
      slot.tag = static_cast<uint8_t>(text.size());
    } else if (name_text_.size() + text.size() < kMaxId) {
      const uint32_t at[2] = {static_cast<uint32_t>(name_text_.size()),
                              static_cast<uint32_t>(text.size())};
      std::memcpy(slot.text, at, sizeof at);
      slot.tag = kLong;
      name_text_ += text;
    } else {
      slot.tag = kOther;
    }
  }
  KG_RETURN_IF_ERROR(FromRocks(it->status(), "building the topology cache"));
  if (labelled) {
    sets.MoveTo(&set_ends_, &set_labels_, &label_names_);
  } else {
    std::vector<uint16_t>().swap(label_set_);  // HasLabel: read the record
  }
  return Status::OK();
}

Result<std::shared_ptr<const Topology>> Topology::Build(const Store::Impl& s,
                                                        const rocksdb::ReadOptions& base,
                                                        uint64_t sequence, uint64_t entity_bound,
                                                        uint64_t relation_bound,
                                                        size_t budget_bytes) {
  if (entity_bound >= kMaxId || relation_bound >= kMaxId ||
      EstimateBytes(entity_bound, relation_bound) > budget_bytes)
    return std::shared_ptr<const Topology>();
  rocksdb::ReadOptions ro = base;
  ro.total_order_seek = true;  // whole-family scans across the prefix extractor
  ro.fill_cache = false;       // a one-off scan must not evict the hot blocks
  ro.readahead_size = 2 << 20;
  auto t = std::make_shared<Topology>();
  t->sequence_ = sequence;
  TypeRanks ranks = RankTypes(s.types_);
  t->type_names_ = ranks.names;

  // Four independent scans: the outgoing side and the names on a second
  // thread, the incoming side and the name index on this one.
  Result<bool> out_ok = false;
  Status names;
  std::thread helper([&] {
    // The out family's values hold the clocks (when the database keeps
    // them there): the clock table is built from them, on demand.
    out_ok = ReadAdjacency(s, kCfOut, ro, ranks, entity_bound, &t->out_offsets_, &t->out_,
                           s.adj_clocks_ ? &t->dated_ : nullptr);
    if (out_ok.ok() && *out_ok) names = t->ReadNames(s, ro, entity_bound);
  });
  Result<bool> in_ok =
      ReadAdjacency(s, kCfIn, ro, ranks, entity_bound, &t->in_offsets_, &t->in_, nullptr);
  // The name index: without it (a name it cannot hold) the copy still
  // serves everything else and name look-ups scan the family.
  Result<bool> indexed = false;
  if (in_ok.ok() && *in_ok) indexed = t->name_index_.Read(s, ro);
  helper.join();
  if (!indexed.ok()) return indexed.status();
  for (const Result<bool>* r : {&out_ok, &in_ok}) {
    if (!r->ok()) return r->status();
    if (!**r) return std::shared_ptr<const Topology>();
  }
  KG_RETURN_IF_ERROR(names);
  if (t->bytes() > budget_bytes) return std::shared_ptr<const Topology>();
  t->relation_bound_ = relation_bound;
  t->clocks_in_values_ = s.adj_clocks_;
  t->clock_budget_ = budget_bytes - t->bytes();
  t->built_bytes_ = t->bytes();
  t->dated_bytes_ = t->dated_.bytes();
  return std::shared_ptr<const Topology>(std::move(t));
}

std::span<const Topology::Entry> Topology::OfRank(std::span<const Entry> row, uint32_t rank) {
  auto lo = std::partition_point(row.begin(), row.end(),
                                 [rank](const Entry& e) { return e.rank < rank; });
  auto hi = std::partition_point(lo, row.end(), [rank](const Entry& e) { return e.rank == rank; });
  return {lo, hi};
}

std::optional<uint32_t> Topology::Rank(std::string_view type) const {
  auto it = std::lower_bound(type_names_.begin(), type_names_.end(), type);
  if (it == type_names_.end() || *it != type) return std::nullopt;
  return static_cast<uint32_t>(it - type_names_.begin());
}

std::optional<Value> Topology::Name(uint64_t id) const {
  std::string_view text;
  switch (NameView(id, &text)) {
    case PeekedName::kString:
      return Value(std::string(text));
    case PeekedName::kNull:
      return Value();
    default:
      return std::nullopt;
  }
}

bool Topology::NamesUnique() const {
  std::call_once(names_unique_once_, [this] {
    // The string names by hash; equal hashes side by side, then compared.
    std::vector<std::pair<uint64_t, uint32_t>> hashed;
    hashed.reserve(names_.size());
    auto text = [this](uint32_t id) {
      std::string_view t;
      NameView(id, &t);
      return t;
    };
    for (uint32_t id = 0; id < names_.size(); ++id) {
      std::string_view t;
      if (NameView(id, &t) == PeekedName::kString)
        hashed.emplace_back(std::hash<std::string_view>{}(t), id);
    }
    std::sort(hashed.begin(), hashed.end());
    bool unique = true;
    // Within each run of one hash (almost always a single name), every pair.
    for (size_t run = 0, end = 0; run < hashed.size() && unique; run = end) {
      while (end < hashed.size() && hashed[end].first == hashed[run].first) ++end;
      for (size_t i = run; i < end && unique; ++i)
        for (size_t j = i + 1; j < end && unique; ++j)
          unique = text(hashed[i].second) != text(hashed[j].second);
    }
    names_unique_ = unique;
  });
  return names_unique_;
}

std::optional<bool> Topology::HasLabel(uint64_t id, std::string_view label) const {
  if (id >= label_set_.size() || names_[id].tag == kAbsent) return std::nullopt;
  // The node's own few labels, compared by name (length first): no search
  // among all the labels.
  const uint32_t set = label_set_[id];
  for (uint32_t i = set_ends_[set]; i < set_ends_[set + 1]; ++i)
    if (label_names_[set_labels_[i]] == label) return true;
  return false;
}

const ClockTable* Topology::Clocks(const Store::Impl& store, const rocksdb::ReadOptions& ro) const {
  std::call_once(clocks_once_, [&] {
    // A failed build leaves the table null for good: the reads it would
    // have served go to RocksDB, which reports any real fault itself.
    if (clocks_in_values_) {
      clocks_ = ClocksFromValues();
    } else {
      auto built = ClockTable::Build(store, ro, relation_bound_, clock_budget_);
      if (built.ok()) clocks_ = std::move(*built);
    }
    DatedValues().Swap(&dated_);  // no longer needed
    if (clocks_) FillClockSlots();
    clocks_built_.store(true, std::memory_order_release);
  });
  return clocks_.get();
}

size_t Topology::held_bytes() const {
  // Reads only what no longer changes: the clock build (Clocks) frees dated_
  // and fills the slots before it publishes clocks_built_.
  if (!clocks_built_.load(std::memory_order_acquire)) return built_bytes_;
  size_t n = built_bytes_ - dated_bytes_ + (out_slots_.capacity() + in_slots_.capacity()) * 4 +
             (out_clocks_.capacity() + in_clocks_.capacity()) * sizeof(EntryClock);
  return clocks_ ? n + clocks_->bytes() : n;
}

void Topology::FillClockSlots() const {
  // 4 bytes per entry of each family, from what the budget leaves.
  const size_t need = (out_.size() + in_.size()) * sizeof(uint32_t);
  if (clocks_->bytes() + need > clock_budget_) return;
  auto fill = [this](const std::vector<Entry>& entries, std::vector<uint32_t>* slots) {
    slots->resize(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) (*slots)[i] = clocks_->SlotOf(entries[i].relation);
  };
  std::thread helper([&] { fill(in_, &in_slots_); });
  fill(out_, &out_slots_);
  helper.join();
  // Then 12 bytes per entry for the clocks beside them (EntryClocks), kept
  // only when every entry's relation is in the table.
  const size_t clocks_need = (out_.size() + in_.size()) * sizeof(EntryClock);
  if (clocks_->bytes() + need + clocks_need > clock_budget_) return;
  auto fill_clocks = [this](const std::vector<uint32_t>& slots, std::vector<EntryClock>* clocks) {
    clocks->resize(slots.size());
    for (size_t i = 0; i < slots.size(); ++i) {
      std::optional<EntryClock> c = clocks_->EntryClockAt(slots[i]);
      if (!c) return false;
      (*clocks)[i] = *c;
    }
    return true;
  };
  bool in_ok = false;
  std::thread clocks_helper([&] { in_ok = fill_clocks(in_slots_, &in_clocks_); });
  const bool out_ok = fill_clocks(out_slots_, &out_clocks_);
  clocks_helper.join();
  if (!out_ok || !in_ok || out_clocks_.empty() != in_clocks_.empty()) {
    std::vector<EntryClock>().swap(out_clocks_);
    std::vector<EntryClock>().swap(in_clocks_);
    return;
  }
  // Every relation has one out entry: their extremes are the snapshot's.
  EntryClock hull{INT32_MIN, INT32_MAX, INT32_MIN};
  for (const EntryClock& c : out_clocks_) {
    hull.from = std::max(hull.from, c.from);
    hull.to = std::min(hull.to, c.to);
    hull.said = std::max(hull.said, c.said);
  }
  days_hull_ = hull;
}

std::unique_ptr<const ClockTable> Topology::ClocksFromValues() const {
  // Every relation has an out entry; the dated ones a value there.
  if (relation_bound_ * sizeof(uint32_t) > clock_budget_) return nullptr;
  std::unique_ptr<ClockTable> table = ClockTable::Empty(relation_bound_);
  static const RelationClock kNone;
  for (const Entry& e : out_) {
    if (e.relation >= relation_bound_) return nullptr;
    table->Set(e.relation, kNone);
  }
  size_t begin = 0;
  for (size_t i = 0; i < dated_.ids.size(); ++i) {
    RelationClock clock;
    std::string_view value(dated_.text.data() + begin, dated_.ends[i] - begin);
    begin = dated_.ends[i];
    // An opaque value: that relation's record would have to be read; the
    // whole table is then left to the readers' record reads.
    if (!DecodeAdjClock(value, &clock)) return nullptr;
    table->Set(dated_.ids[i], clock);
    if ((i & 4095) == 4095 && table->bytes() > clock_budget_) return nullptr;
  }
  if (table->bytes() > clock_budget_) return nullptr;
  return table;
}

// --- TopologyCache -----------------------------------------------------------

void TopologyCache::Configure(size_t budget_bytes, uint64_t build_after) {
  budget_ = budget_bytes;
  build_after_ = build_after;
}

void TopologyCache::SetGraphSize(uint64_t entity_bound, uint64_t relation_bound) {
  // A build scans both adjacency families (~1/16 of a point read per entry)
  // and decodes every entity record (~1/2 of one): once that many point reads
  // went to RocksDB, building would have cost no more than they did.
  uint64_t t = build_after_ > 0 ? build_after_
                                : std::max<uint64_t>(4096, relation_bound / 8 + entity_bound / 2);
  threshold_ = t;
  entity_bound_ = entity_bound;
  relation_bound_ = relation_bound;
  std::lock_guard<std::mutex> lock(mu_);
  current_.reset();  // the graph changed: free the old copy once its readers end
}

size_t TopologyCache::clock_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  const ClockTable* clocks = current_ ? current_->built_clocks() : nullptr;
  return clocks != nullptr ? clocks->bytes() : 0;
}

size_t TopologyCache::held_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_ ? current_->held_bytes() : 0;
}

std::shared_ptr<const Topology> TopologyCache::Get(uint64_t sequence) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_ && current_->sequence() == sequence) return current_;
  return nullptr;
}

Result<std::shared_ptr<const Topology>> TopologyCache::NoteMisses(uint64_t n,
                                                                  const Store::Impl& store,
                                                                  const rocksdb::ReadOptions& ro,
                                                                  uint64_t sequence) {
  if (budget_ == 0) return std::shared_ptr<const Topology>();
  if (misses_.fetch_add(n, std::memory_order_relaxed) + n < threshold_)
    return std::shared_ptr<const Topology>();
  if (declined_at_ == sequence) return std::shared_ptr<const Topology>();
  std::unique_lock<std::mutex> building(build_mu_, std::try_to_lock);
  if (!building.owns_lock()) return std::shared_ptr<const Topology>();  // another reader builds
  return BuildLocked(store, ro, sequence);
}

Result<std::shared_ptr<const Topology>> TopologyCache::Warm(const Store::Impl& store,
                                                            const rocksdb::ReadOptions& ro,
                                                            uint64_t sequence) {
  if (budget_ == 0 || declined_at_ == sequence) return std::shared_ptr<const Topology>();
  std::lock_guard<std::mutex> building(build_mu_);
  return BuildLocked(store, ro, sequence);
}

Result<std::shared_ptr<const Topology>> TopologyCache::BuildLocked(const Store::Impl& store,
                                                                   const rocksdb::ReadOptions& ro,
                                                                   uint64_t sequence) {
  if (auto have = Get(sequence)) return have;
  if (declined_at_ == sequence) return std::shared_ptr<const Topology>();
  misses_ = 0;
  KG_ASSIGN_OR_RETURN(
      auto built, Topology::Build(store, ro, sequence, entity_bound_, relation_bound_, budget_));
  if (!built) {
    declined_at_ = sequence;
    return built;
  }
  std::lock_guard<std::mutex> lock(mu_);
  current_ = built;
  generation_.fetch_add(1, std::memory_order_release);
  return built;
}

}  // namespace kg::storage::internal
