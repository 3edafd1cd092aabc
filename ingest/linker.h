// Entity linking: finding every mention of a known entity (by its name or any
// alias, ignoring ASCII case) in a text. The names of a snapshot are compiled
// once into a byte trie -- the goto function of an Aho-Corasick automaton;
// failure links are not needed because a mention must start at a word
// boundary (or at any Chinese character), where the walk restarts from the
// root -- and the compiled index is cached per snapshot by NameIndexCache.
// Matches are leftmost-longest and never overlap: "Huawei Technologies"
// wins over "Huawei". A name shared by several entities yields one mention
// listing all of them: ambiguous, reported, never guessed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/result.h"
#include "storage/store.h"

namespace kg::ingest {

struct Mention {
  size_t start = 0;  // byte offsets of the name as written, [start, end)
  size_t end = 0;
  std::vector<EntityId> entities;  // one: linked; several: ambiguous
};

class NameIndex {
 public:
  // Compiles every name and alias of the snapshot `txn` reads. Names longer
  // than 256 bytes are skipped (no real name is that long).
  static Result<std::shared_ptr<const NameIndex>> Build(const storage::Transaction& txn);
  // From explicit (name, entity) pairs (tests and benchmarks).
  static std::shared_ptr<const NameIndex> FromNames(
      std::vector<std::pair<std::string, EntityId>> names);

  // Every mention in `text`, in order.
  std::vector<Mention> FindMentions(std::string_view text) const;

  size_t name_count() const { return entries_.size(); }
  size_t node_count() const { return nodes_.size(); }

 private:
  struct Node {
    uint32_t first_edge = 0;
    uint32_t edge_count = 0;
    int32_t entry = -1;  // index into entries_ when a name ends here
  };
  // The child of `node` on byte `b`, or 0 (the root is never a child).
  uint32_t Child(uint32_t node, unsigned char b) const;
  // The longest name starting at `pos` that ends at a boundary: its end and
  // entry, or entry -1.
  std::pair<size_t, int32_t> LongestAt(std::string_view text, size_t pos) const;

  std::vector<Node> nodes_;
  std::vector<unsigned char> edge_bytes_;
  std::vector<uint32_t> edge_targets_;
  uint32_t root_children_[256] = {};
  std::vector<std::vector<EntityId>> entries_;
};

// The index of the latest snapshot a caller asked for, rebuilt only when the
// snapshot's sequence number changed (i.e. after a commit). Thread-safe.
class NameIndexCache {
 public:
  Result<std::shared_ptr<const NameIndex>> Get(const storage::Transaction& txn);

 private:
  std::mutex mu_;
  uint64_t sequence_ = 0;
  std::shared_ptr<const NameIndex> index_;
};

}  // namespace kg::ingest
