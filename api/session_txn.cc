// Session: explicit transactions (Bolt's BEGIN .. COMMIT), which span
// several statements and hold the writer lock from their first write on.
#include "api/internal/session_impl.h"

namespace kg::session {

Transaction::Transaction(std::unique_ptr<State> state) : state_(std::move(state)) {}

Transaction::~Transaction() {
  state_->txn.reset();  // the store transaction goes before the lock it needs
}

bool Transaction::holds_writer() const { return state_->txn != nullptr; }

std::chrono::steady_clock::time_point Transaction::write_started() const {
  return state_->write_started;
}

std::unique_ptr<Transaction> Session::Begin() {
  return std::unique_ptr<Transaction>(new Transaction(std::make_unique<Transaction::State>()));
}

Result<QueryResult> Session::RunIn(Transaction& txn, std::string_view text,
                                   const CallOptions& options) {
  Transaction::State& state = *txn.state_;
  KG_ASSIGN_OR_RETURN(PreparedInfo info, Prepare(text, options));
  // Reads before the transaction's first write see a fresh snapshot each,
  // exactly as statements on their own.
  if (!info.writes && state.txn == nullptr) return Run(text, options);
  if (info.writes) {
    if (options.read_only) return Status::InvalidArgument(options.read_only_reason);
    KG_RETURN_IF_ERROR(Authorize(options.token, /*write=*/true));
  } else {
    KG_RETURN_IF_ERROR(Authorize(options.token, /*write=*/false));
  }
  if (state.txn == nullptr) {
    std::unique_lock<std::timed_mutex> lock = impl_->LockWriter(options.lock_wait_seconds);
    if (!lock.owns_lock()) return LockTimeout();
    KG_ASSIGN_OR_RETURN(state.txn, impl_->store().BeginWrite());
    state.writer = std::move(lock);
    state.write_started = std::chrono::steady_clock::now();
  }
  KG_ASSIGN_OR_RETURN(query::PreparedStatement statement, impl_->Prepared(text, options));
  KG_RETURN_IF_ERROR(options.scope.Filter().status());
  QueryResult result;
  std::vector<query::Notification> notes;
  query::QueryOptions query_options = impl_->QueryOptionsFor(options);
  query_options.notifications = &notes;
  query_options.counters = &result.counters;
  KG_ASSIGN_OR_RETURN(result.table, statement.ExecuteIn(*state.txn, query_options));
  result.notifications = FromEngine(std::move(notes));
  return result;
}

Status Session::Commit(Transaction& txn) {
  Transaction::State& state = *txn.state_;
  if (state.txn == nullptr) return Status::OK();  // nothing written
  Status committed = state.txn->Commit();
  Rollback(txn);  // releases the transaction and the lock
  return committed;
}

void Session::Rollback(Transaction& txn) {
  Transaction::State& state = *txn.state_;
  state.txn.reset();
  if (state.writer.owns_lock()) state.writer.unlock();
}

}  // namespace kg::session
