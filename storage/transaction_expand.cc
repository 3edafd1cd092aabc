// Transaction::Expand through RocksDB: each adjacency entry goes to the
// callback as the scan reads it, in the order Expand promises (type name,
// then neighbour and relation id), and the scan ends when the callback says
// stop, so that a shortest-path search which met reads no more of the hub
// it was expanding.
//
// Keys are ordered by type id. When the ids follow the names (types
// created in name order) one prefix scan gives the promised order. When
// they do not (an import numbers types as it meets them), a node's first
// kProbe entries are read in key order; a node with no more is emitted from
// them sorted by type name, and a larger one goes on type by type in name
// order, one seek per type, so that a stop early in name order saves the
// rest of the node.
#include <algorithm>

#include "storage/internal/transaction_impl.h"

namespace kg::storage {
namespace {

// Entries read in key order before a node counts as large. A seek costs
// about as much as ten entries read in sequence, so the seeks a large node
// then pays (one per type) are a small part of its scan.
constexpr size_t kProbe = 128;

// The filter and the callback of one family's expansion, entry by entry.
class AdjVisitor {
 public:
  AdjVisitor(const Transaction::Impl& t, int cf, const RelationFilter* filter,
             const std::function<bool(const Edge&)>& fn)
      : t_(t),
        fn_(fn),
        bounds_(filter != nullptr ? std::optional<ClockBounds>(t.Bounds(*filter)) : std::nullopt),
        keep_(filter == nullptr && t.KeepsClocks()),
        out_(cf == kCfOut) {}

  // Decodes an entry into *k: kTaken when it passes the filter, kRejected
  // when not (or its check failed: see `failed`), kNotAnEntry for a key of
  // another shape (*k unset).
  enum Verdict { kNotAnEntry, kRejected, kTaken };
  Verdict Take(std::string_view key, std::string_view value, AdjKey* k) {
    if (!DecodeAdjKey(key, k)) return kNotAnEntry;
    ++scanned;
    if (bounds_) {
      Result<bool> ok = t_.ValueAccepts(k->relation, value, *bounds_);
      if (!ok.ok()) failed = ok.status();
      return ok.ok() && *ok ? kTaken : kRejected;
    }
    if (keep_) t_.memo_.Note(k->relation, value);
    return kTaken;
  }
  // Hands `k` to the callback; false (and `stopped`) when it says stop.
  bool Emit(const AdjKey& k) {
    if (name_.data() == nullptr || k.type != named_) name_ = t_.TypeName(named_ = k.type);
    stopped = !fn_(Edge{k.relation, k.other, name_, out_});
    return !stopped;
  }
  // A ScanEntries callback emitting each entry taken.
  auto Streamer() {
    return [this](std::string_view key, std::string_view value) {
      AdjKey k;
      return Take(key, value, &k) == kTaken ? Emit(k) : failed.ok();
    };
  }
  bool done() const { return stopped || !failed.ok(); }

  size_t scanned = 0;  // entries read, taken or not
  size_t seeks = 0;
  bool stopped = false;
  Status failed;

 private:
  const Transaction::Impl& t_;
  const std::function<bool(const Edge&)>& fn_;
  // A copy: the callback may ask about another filter, which replaces the
  // transaction's prepared one.
  const std::optional<ClockBounds> bounds_;
  const bool keep_;
  const bool out_;
  std::string_view name_;
  uint32_t named_ = 0;
};

// The key right after `key` (the scan resumes there).
std::string Successor(std::string_view key) { return std::string(key) + '\0'; }

}  // namespace

bool Transaction::Impl::TypeIdsInNameOrder() const {
  if (types_in_order_ < 0) {
    // Every type in this snapshot was in the dictionary before the
    // snapshot was taken, so the dictionary's order holds for them.
    std::vector<std::pair<std::string, uint32_t>> entries = s_->types_.Entries();  // by name
    types_in_order_ = 1;
    types_by_name_.clear();
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i > 0 && entries[i].second < entries[i - 1].second) types_in_order_ = 0;
      types_by_name_.push_back(entries[i].second);
    }
  }
  return types_in_order_ == 1;
}

Status Transaction::Impl::ExpandRocks(EntityId node, Direction dir,
                                      const std::vector<std::string>& types,
                                      const RelationFilter* filter,
                                      const std::function<bool(const Edge&)>& fn) const {
  if (batch_) return ExpandCollected(node, dir, types, filter, fn);
  std::vector<std::string> wanted(types);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  for (int cf : {kCfOut, kCfIn}) {
    if (cf == kCfOut && dir == Direction::kIncoming) continue;
    if (cf == kCfIn && dir == Direction::kOutgoing) continue;
    bool stopped = false;
    KG_RETURN_IF_ERROR(ExpandFamily(cf, node, wanted, filter, fn, &stopped));
    if (stopped) break;
  }
  return Status::OK();
}

Status Transaction::Impl::ExpandFamily(int cf, EntityId node,
                                       const std::vector<std::string>& wanted,
                                       const RelationFilter* filter,
                                       const std::function<bool(const Edge&)>& fn,
                                       bool* stopped) const {
  if (wanted.empty() && !TypeIdsInNameOrder())
    return ExpandFamilyByName(cf, node, filter, fn, stopped);
  AdjVisitor v(*this, cf, filter, fn);
  Status st;
  if (wanted.empty()) {
    ++v.seeks;
    st = ScanEntries(cf, AdjPrefix(node), v.Streamer());
  } else {
    for (const std::string& type : wanted) {  // in name order
      std::optional<uint32_t> tid = TypeId(type);
      if (!tid) continue;
      ++v.seeks;
      st = ScanEntries(cf, AdjPrefix(node, *tid), v.Streamer());
      if (!st.ok() || v.done()) break;
    }
  }
  // A seek costs about as much as a point read, each entry after it ~1/16.
  Miss(std::max<size_t>(v.seeks, 1) + v.scanned / 16);
  *stopped = v.stopped;
  KG_RETURN_IF_ERROR(v.failed);
  return st;
}

Status Transaction::Impl::ExpandFamilyByName(int cf, EntityId node, const RelationFilter* filter,
                                             const std::function<bool(const Edge&)>& fn,
                                             bool* stopped) const {
  AdjVisitor v(*this, cf, filter, fn);
  // The first kProbe entries in key order (type-id order).
  std::vector<AdjKey> head;  // those taken
  std::string last;          // the key of the last one read
  AdjKey last_key;
  bool more = false;
  const std::string prefix = AdjPrefix(node);
  Status st = ScanEntries(cf, prefix, [&](std::string_view key, std::string_view value) {
    if (v.scanned == kProbe) {
      more = true;
      return false;
    }
    AdjKey k;
    AdjVisitor::Verdict verdict = v.Take(key, value, &k);
    if (verdict == AdjVisitor::kNotAnEntry) return true;
    last.assign(key);
    last_key = k;
    if (verdict == AdjVisitor::kTaken) head.push_back(k);
    return v.failed.ok();
  });
  v.seeks = 1;
  if (st.ok() && v.failed.ok()) {
    // head is in type-id order; each type's entries are a contiguous run.
    auto of_type = [&head](uint32_t t) {
      return std::equal_range(head.begin(), head.end(), AdjKey{0, t, 0, 0},
                              [](const AdjKey& a, const AdjKey& b) { return a.type < b.type; });
    };
    for (uint32_t t : types_by_name_) {
      auto [lo, hi] = of_type(t);
      for (auto it = lo; it != hi && v.Emit(*it); ++it) {
      }
      if (v.done()) break;
      if (!more || t < last_key.type) continue;
      // The rest of a large node: the read type from after its last key
      // read, each later one from its start.
      ++v.seeks;
      const std::string from = t == last_key.type ? Successor(last) : std::string();
      st = ScanEntries(cf, AdjPrefix(node, t), v.Streamer(), from);
      if (!st.ok() || v.done()) break;
    }
  }
  Miss(v.seeks + v.scanned / 16);
  *stopped = v.stopped;
  KG_RETURN_IF_ERROR(v.failed);
  return st;
}

Status Transaction::Impl::ExpandCollected(EntityId node, Direction dir,
                                          const std::vector<std::string>& types,
                                          const RelationFilter* filter,
                                          const std::function<bool(const Edge&)>& fn) const {
  for (int cf : {kCfOut, kCfIn}) {
    if (cf == kCfOut && dir == Direction::kIncoming) continue;
    if (cf == kCfIn && dir == Direction::kOutgoing) continue;
    AdjScan scan{filter, 0};
    KG_ASSIGN_OR_RETURN(std::vector<AdjKey> adj, Neighbours(cf, node, types, &scan));
    // A seek costs about as much as a point read, each entry after it ~1/16.
    Miss(1 + scan.scanned / 16);
    std::string_view name;
    uint32_t named = 0;
    for (size_t i = 0; i < adj.size(); ++i) {
      const AdjKey& k = adj[i];
      if (i == 0 || k.type != named) name = TypeName(named = k.type);
      if (!fn(Edge{k.relation, k.other, name, cf == kCfOut})) return Status::OK();
    }
  }
  return Status::OK();
}

}  // namespace kg::storage
