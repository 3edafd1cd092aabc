// The name trie: built from sorted folded names in one pass, laid out as
// compressed rows (a node's children are a contiguous, byte-sorted run of
// edges), with a dense table for the root's children since every walk starts
// there.
#include "ingest/linker.h"

#include <algorithm>

#include "core/text.h"
#include "ingest/internal/chars.h"

namespace kg::ingest {
namespace {

constexpr size_t kMaxNameBytes = 256;

// [0-9A-Za-z] without a call into the C library's locale tables: this test
// runs on every byte of the text.
inline bool AsciiAlnum(unsigned char c) {
  return static_cast<unsigned char>((c | 0x20) - 'a') < 26 ||
         static_cast<unsigned char>(c - '0') < 10;
}

// Scraped tickers glued to a name: "NVIDIANVDA--", "AMDAMD--". True when
// text[pos..] is 1-5 capitals followed by "--".
bool TickerNoiseAt(std::string_view text, size_t pos) {
  size_t n = 0;
  while (pos + n < text.size() && n <= 5 && text[pos + n] >= 'A' && text[pos + n] <= 'Z') ++n;
  return n >= 1 && n <= 5 && text.compare(pos + n, 2, "--") == 0;
}

}  // namespace

std::shared_ptr<const NameIndex> NameIndex::FromNames(
    std::vector<std::pair<std::string, EntityId>> names) {
  for (auto& [n, id] : names) n = AsciiLower(n);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  auto index = std::make_shared<NameIndex>();
  NameIndex& x = *index;
  x.nodes_.push_back({});
  // Build breadth-first: each work item is a node with the range of sorted
  // names below it and its depth; children are found by grouping the byte at
  // that depth, so every node's edges are contiguous and sorted.
  struct Item {
    uint32_t node;
    size_t lo, hi, depth;
  };
  std::vector<Item> queue{{0, 0, names.size(), 0}};
  for (size_t q = 0; q < queue.size(); ++q) {
    Item it = queue[q];
    size_t i = it.lo;
    // Names ending exactly here (shortest first in sort order).
    if (i < it.hi && names[i].first.size() == it.depth) {
      std::vector<EntityId> ids;
      while (i < it.hi && names[i].first.size() == it.depth) ids.push_back(names[i++].second);
      x.nodes_[it.node].entry = static_cast<int32_t>(x.entries_.size());
      x.entries_.push_back(std::move(ids));
    }
    x.nodes_[it.node].first_edge = static_cast<uint32_t>(x.edge_bytes_.size());
    while (i < it.hi) {
      unsigned char b = static_cast<unsigned char>(names[i].first[it.depth]);
      size_t j = i;
      while (j < it.hi && static_cast<unsigned char>(names[j].first[it.depth]) == b) ++j;
      uint32_t child = static_cast<uint32_t>(x.nodes_.size());
      x.nodes_.push_back({});
      x.edge_bytes_.push_back(b);
      x.edge_targets_.push_back(child);
      ++x.nodes_[it.node].edge_count;
      if (it.node == 0) x.root_children_[b] = child;
      queue.push_back({child, i, j, it.depth + 1});
      i = j;
    }
  }
  return index;
}

Result<std::shared_ptr<const NameIndex>> NameIndex::Build(const storage::Transaction& txn) {
  std::vector<std::pair<std::string, EntityId>> names;
  Status inner = Status::OK();
  KG_RETURN_IF_ERROR(txn.ScanEntities("", [&](EntityId id) {
    auto e = txn.GetEntityShared(id);
    if (!e.ok()) {
      inner = e.status();
      return false;
    }
    auto add = [&](std::string_view n) {
      if (!n.empty() && n.size() <= kMaxNameBytes) names.emplace_back(std::string(n), id);
    };
    add((*e)->name());
    for (const std::string& a : (*e)->aliases()) add(a);
    return true;
  }));
  KG_RETURN_IF_ERROR(inner);
  return FromNames(std::move(names));
}

uint32_t NameIndex::Child(uint32_t node, unsigned char b) const {
  if (node == 0) return root_children_[b];
  const Node& n = nodes_[node];
  const unsigned char* first = edge_bytes_.data() + n.first_edge;
  const unsigned char* last = first + n.edge_count;
  if (n.edge_count <= 8) {
    for (const unsigned char* p = first; p < last; ++p)
      if (*p == b) return edge_targets_[n.first_edge + (p - first)];
    return 0;
  }
  const unsigned char* p = std::lower_bound(first, last, b);
  return p != last && *p == b ? edge_targets_[n.first_edge + (p - first)] : 0;
}

std::pair<size_t, int32_t> NameIndex::LongestAt(std::string_view text, size_t pos) const {
  std::pair<size_t, int32_t> best{pos, -1};
  uint32_t node = 0;
  for (size_t i = pos; i < text.size() && i - pos < kMaxNameBytes; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    node = Child(node, c);
    if (node == 0) break;
    if (nodes_[node].entry < 0) continue;
    size_t end = i + 1;
    // A name must end at a boundary: not followed by a letter or digit,
    // unless its last character is Chinese or a ticker is glued to it.
    bool ok = end == text.size();
    if (!ok) {
      auto [next, n] = internal::DecodeAt(text, end);
      auto [last, m] = internal::DecodeAt(text, internal::PrevStart(text, end));
      (void)n;
      (void)m;
      ok = !internal::IsWordChar(next) || internal::IsCjk(last) || internal::IsCjk(next) ||
           TickerNoiseAt(text, end);
    }
    if (ok) best = {end, nodes_[node].entry};
  }
  return best;
}

std::vector<Mention> NameIndex::FindMentions(std::string_view text) const {
  std::vector<Mention> out;
  bool prev_word = false;  // whether the previous character is a letter or digit
  bool prev_cjk = false;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0x80) std::tie(cp, len) = internal::DecodeAt(text, i);
    bool cjk = c >= 0x80 && internal::IsCjk(cp);
    bool word = c < 0x80 ? AsciiAlnum(c) : internal::IsWordChar(cp);
    // Candidates start at a word start, at any Chinese character, and right
    // after a Chinese character.
    if ((word && (!prev_word || prev_cjk)) || cjk) {
      if (root_children_[c < 'A' || c > 'Z' ? c : c - 'A' + 'a'] != 0) {
        auto [end, entry] = LongestAt(text, i);
        if (entry >= 0) {
          out.push_back({i, end, entries_[static_cast<size_t>(entry)]});
          auto [last, n] = internal::DecodeAt(text, internal::PrevStart(text, end));
          (void)n;
          prev_word = internal::IsWordChar(last);
          prev_cjk = internal::IsCjk(last);
          i = end;
          continue;
        }
      }
    }
    prev_word = word;
    prev_cjk = cjk;
    i += len;
  }
  return out;
}

Result<std::shared_ptr<const NameIndex>> NameIndexCache::Get(const storage::Transaction& txn) {
  std::lock_guard<std::mutex> lock(mu_);
  if (index_ && sequence_ == txn.snapshot_sequence() && !txn.writable()) return index_;
  KG_ASSIGN_OR_RETURN(auto index, NameIndex::Build(txn));
  if (!txn.writable()) {
    index_ = index;
    sequence_ = txn.snapshot_sequence();
  }
  return index;
}

}  // namespace kg::ingest
