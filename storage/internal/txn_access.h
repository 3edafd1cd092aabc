// Raw access to a transaction's view of the meta family, for the source
// records (storage/sources.cc), which live there under their own key prefixes
// rather than in a column family of their own (see docs/storage.md, "Sources").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/store.h"

namespace kg::storage::internal {

class TxnAccess {
 public:
  // The value of a meta key as the transaction sees it (its own writes
  // included); nullopt when absent.
  static Result<std::optional<std::string>> GetMeta(const Transaction& t, std::string_view key);
  // Calls fn(key) for every meta key starting with `prefix`, in key order.
  static Status ScanMeta(const Transaction& t, std::string_view prefix,
                         const std::function<bool(std::string_view)>& fn);
  // NotSupported on a read transaction.
  static Status PutMeta(Transaction& t, std::string_view key, std::string_view value);
  static Status DeleteMeta(Transaction& t, std::string_view key);

  // The sources' publication days kept for a read transaction's snapshot
  // (KeepPublished); null when none are kept, and always for a write
  // transaction, which must see its own writes.
  using PublishedDays = decltype(RelationFilter::source_published);
  static PublishedDays KeptPublished(const Transaction& t);
  // Keeps `days`, read at `t`'s snapshot, for the read transactions of that
  // snapshot (replacing another snapshot's); a write transaction's are not kept.
  static void KeepPublished(const Transaction& t, PublishedDays days);
};

}  // namespace kg::storage::internal
