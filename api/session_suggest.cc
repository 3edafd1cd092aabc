// Session::SuggestEntities: the search box's answers from the in-memory
// index of the current snapshot (api/internal/suggest_index.h); and the
// warm-up kg serve runs in the background so no request builds it.
#include "api/internal/session_impl.h"
#include "api/internal/suggest_index.h"

namespace kg::session {

Result<ResultTable> Session::SuggestEntities(std::string_view q, size_t limit) const {
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  KG_ASSIGN_OR_RETURN(std::shared_ptr<const internal::SuggestIndex> index,
                      impl_->suggest.For(*txn));
  return index->Find(q, limit);
}

Status Session::WarmCaches() const {
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  Result<std::shared_ptr<const internal::SuggestIndex>> index = impl_->suggest.For(*txn);
  if (!index.ok() && index.status().code() != StatusCode::kNotSupported) return index.status();
  // Over the memory budget (or disabled) is no error: reads go to RocksDB.
  return txn->WarmTopology().status();
}

Result<bool> Session::WarmTopology() const { return impl_->store().BeginRead()->WarmTopology(); }

SuggestIndexState Session::SuggestIndexStatus() const {
  internal::SuggestCache::State s = impl_->suggest.state();
  return {s.ready, s.sequence, s.entries, s.builds, s.unsupported};
}

uint64_t Session::SnapshotSequence() const {
  return impl_->store().BeginRead()->snapshot_sequence();
}

}  // namespace kg::session
