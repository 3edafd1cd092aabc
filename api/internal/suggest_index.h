// The explorer's search box (GET /v1/suggest) without a full scan per
// keystroke: every entity's name and aliases, lower-cased, kept in memory
// for one snapshot of the store and searched by substring. It answers
// exactly what the suggest statement of server/internal/http_explorer.cc
// answers (toLower is ASCII-only there, so it is here), and rebuilds after
// any commit (a new snapshot sequence).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/result_table.h"
#include "storage/store.h"

namespace kg::session::internal {

class SuggestIndex {
 public:
  // Reads every entity of `txn`'s snapshot. NotSupported when some entity's
  // name is neither a string nor absent, or its aliases are not a list of
  // strings: the statement would convert or refuse those, so such a
  // database is left to it.
  static Result<std::unique_ptr<const SuggestIndex>> Build(const storage::Transaction& txn);

  uint64_t sequence() const { return sequence_; }
  size_t size() const { return entries_.size(); }

  // The columns id, name, labels, alias of the best `limit` matches of `q`
  // (non-empty): ranked exact name, name prefix, exact alias, alias
  // prefix, other substrings; then by name as stored (none last) and id. `alias` is
  // null when the name matches, else the first alias that equals, starts
  // with, then contains q.
  ResultTable Find(std::string_view q, size_t limit) const;

 private:
  struct Alias {
    std::string lower;
    std::string text;
  };
  struct Entry {
    EntityId id = 0;
    Value name;  // the name property as stored (string or null)
    std::string lower;
    std::vector<std::string> labels;
    std::vector<Alias> aliases;
  };
  int Rank(const Entry& e, std::string_view q) const;
  Value AliasOf(const Entry& e, std::string_view q) const;

  uint64_t sequence_ = 0;
  std::vector<Entry> entries_;  // in id order
};

// The index of the latest snapshot asked for, shared by concurrent readers.
class SuggestCache {
 public:
  // What the cache holds (for GET /v1/stats and tests).
  struct State {
    bool ready = false;        // an index is built (of snapshot `sequence`)
    uint64_t sequence = 0;     // its snapshot's sequence number
    uint64_t entries = 0;      // entities in it
    uint64_t builds = 0;       // indexes built since the session opened
    bool unsupported = false;  // the latest snapshot tried has names the index cannot hold
  };

  // The index for `txn`'s snapshot: the cached one when its sequence
  // matches, else a new one. One build at a time: a caller arriving while
  // another builds (a request during kg serve's warm-up) waits for it and
  // then takes its index when it is of the same snapshot. NotSupported (see
  // SuggestIndex::Build) is remembered for the snapshot, not retried.
  Result<std::shared_ptr<const SuggestIndex>> For(const storage::Transaction& txn);

  State state() const;

 private:
  std::shared_ptr<const SuggestIndex> Current(uint64_t sequence) const;

  std::mutex build_mu_;    // held through a build
  mutable std::mutex mu_;  // guards the members below (never held through a build)
  std::shared_ptr<const SuggestIndex> current_;
  uint64_t builds_ = 0;
  std::optional<uint64_t> unsupported_at_;  // the sequence whose build was NotSupported
};

}  // namespace kg::session::internal
