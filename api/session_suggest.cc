// Session::SuggestEntities: the search box's answers from the in-memory
// index of the current snapshot (api/internal/suggest_index.h).
#include "api/internal/session_impl.h"
#include "api/internal/suggest_index.h"

namespace kg::session {

Result<ResultTable> Session::SuggestEntities(std::string_view q, size_t limit) const {
  std::unique_ptr<storage::Transaction> txn = impl_->store().BeginRead();
  KG_ASSIGN_OR_RETURN(std::shared_ptr<const internal::SuggestIndex> index,
                      impl_->suggest.For(*txn));
  return index->Find(q, limit);
}

}  // namespace kg::session
