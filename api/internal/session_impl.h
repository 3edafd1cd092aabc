// The state behind a Session: the store, the procedure registry for CALL,
// the prepared-plan cache, the access policy and the writer lock. Shared by
// the api/session*.cc files only.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "api/internal/suggest_index.h"
#include "api/session.h"
#include "ingest/linker.h"
#include "query/procedures.h"
#include "query/query.h"
#include "storage/store.h"

namespace kg::session {

// What a Transaction holds: the writer lock and the write transaction, both
// taken by its first write.
struct Transaction::State {
  std::unique_lock<std::timed_mutex> writer;
  std::unique_ptr<storage::Transaction> txn;
  std::chrono::steady_clock::time_point write_started;
};

// The error of a write that waited for the writer lock in vain.
Status LockTimeout();
// The entity called `name`: an exact (case-sensitive) canonical name match
// wins; otherwise the single case-insensitive name/alias match. NotFound
// (without suggestions) when none; InvalidArgument listing them when
// several match.
Result<EntityId> FindEntity(const storage::Transaction& txn, const std::string& name);
// The engine's notifications as the session hands them out.
std::vector<Notification> FromEngine(std::vector<query::Notification> notes);

}  // namespace kg::session

namespace kg::session {

class Session::Impl {
 public:
  explicit Impl(std::unique_ptr<storage::Store> store);

  storage::Store& store() { return *store_; }
  const storage::Store& store() const { return *store_; }
  const query::ProcedureRegistry& procedures() const { return procedures_; }

  // The engine's options for one call; the second form with the call's
  // scope already turned into `filter` (Scope::Filter).
  query::QueryOptions QueryOptionsFor(const CallOptions& options) const;
  query::QueryOptions QueryOptionsFor(const CallOptions& options, RelationFilter filter) const;
  // The cached plan of (source name, text), preparing it on a miss.
  Result<query::PreparedStatement> Prepared(std::string_view text, const CallOptions& options);
  size_t cached_plans() const;
  // Runs a prepared statement; writes hold the writer lock, waiting at most
  // `lock_wait_seconds` for it (0: no limit; then class LockTimeout).
  Result<ResultTable> Execute(const query::PreparedStatement& statement,
                              const query::QueryOptions& options, double lock_wait_seconds);
  // The writer lock, waited for at most `wait_seconds` (0: no limit); the
  // lock does not own the mutex when the wait ran out.
  std::unique_lock<std::timed_mutex> LockWriter(double wait_seconds);

  std::timed_mutex& writer() { return writer_; }

  AccessPolicy policy;
  // The name index of the latest snapshot an ingest asked for, rebuilt only
  // after a commit (linking must not recompile every name per article).
  ingest::NameIndexCache names;
  // The names of the latest snapshot the search box asked about.
  internal::SuggestCache suggest;

 private:
  // At most this many plans are kept; a full cache is emptied (cheap, and
  // a workload of repeated statements refills it at once).
  static constexpr size_t kMaxCachedPlans = 512;

  std::unique_ptr<storage::Store> store_;
  query::ProcedureRegistry procedures_;
  mutable std::mutex cache_mu_;
  std::unordered_map<std::string, query::PreparedStatement> cache_;
  std::string key_;          // the look-up's key, its buffer reused (under cache_mu_)
  std::timed_mutex writer_;  // one write statement (or write transaction) at a time
};

// Draws `graph` with the session's symmetric types and the requested node
// scores (size_by); writes request.output when given (session_draw.cc).
Result<Drawing> DrawGraph(Session::Impl& impl, const Session& session, Subgraph graph,
                          const DrawRequest& request);

}  // namespace kg::session
