// Cap'n Proto adapters: Kg and Cursor servers, and the event-loop thread.
// Cap'n Proto throws kj::Exception; it is caught here and becomes a Status.
#include "server/internal/rpc_front.h"

#include <capnp/ez-rpc.h>
#include <kj/async.h>

#include <algorithm>
#include <future>
#include <mutex>

#include "core/json.h"
#include "schema/rpc.capnp.h"
#include "server/internal/worker_pool.h"

namespace kg::server::internal {
namespace {

std::string RowJson(const std::vector<Value>& row) {
  std::string out = "[";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.append(", ");
    AppendJson(row[i], &out);
  }
  out.append("]");
  return out;
}

void FillError(const ApiError& e, rpc::Error::Builder out) {
  out.setCode(e.code);
  out.setMessage(e.message);
  out.setLine(static_cast<uint32_t>(e.line));
  out.setColumn(static_cast<uint32_t>(e.column));
  out.setHttpStatus(static_cast<uint16_t>(e.http_status));
  if (e.suggestions.has_value()) {
    auto list = out.initSuggestions(static_cast<unsigned>(e.suggestions->size()));
    for (size_t i = 0; i < e.suggestions->size(); ++i) list.set(i, (*e.suggestions)[i]);
  }
}

class CursorImpl final : public rpc::Cursor::Server {
 public:
  CursorImpl(std::shared_ptr<const ResultTable> table, uint32_t max_page)
      : table_(std::move(table)), max_page_(max_page == 0 ? UINT32_MAX : max_page) {}

  kj::Promise<void> next(NextContext context) override {
    uint32_t asked = context.getParams().getPageSize();
    size_t n = std::min<size_t>(asked == 0 ? max_page_ : std::min(asked, max_page_),
                                table_->rows.size() - next_);
    auto rows = context.getResults().initRows(static_cast<unsigned>(n));
    for (size_t i = 0; i < n; ++i) rows.set(i, RowJson(table_->rows[next_ + i]));
    next_ += n;
    context.getResults().setDone(next_ == table_->rows.size());
    return kj::READY_NOW;
  }

 private:
  std::shared_ptr<const ResultTable> table_;
  uint32_t max_page_;
  size_t next_ = 0;
};

// What a worker hands back to the loop.
struct Outcome {
  std::optional<ApiError> error;
  std::shared_ptr<const ResultTable> table;
  std::string data;
  std::vector<session::Notification> notifications;
  UpdateCounters counters;
};

// The scope of a query call: asOf, validAt, knownAt ("" for none) and
// minConfidence (negative for none).
Result<session::Scope> ScopeOf(rpc::Kg::QueryParams::Reader p) {
  session::Scope scope;
  KG_ASSIGN_OR_RETURN(scope.as_of, session::ParseDay(std::string(p.getAsOf()), "asOf"));
  KG_ASSIGN_OR_RETURN(scope.valid_at, session::ParseDay(std::string(p.getValidAt()), "validAt"));
  KG_ASSIGN_OR_RETURN(scope.known_at, session::ParseDay(std::string(p.getKnownAt()), "knownAt"));
  if (p.getMinConfidence() >= 0) scope.min_confidence = p.getMinConfidence();
  KG_RETURN_IF_ERROR(scope.Filter().status());
  return scope;
}

std::optional<bool> StrictOf(rpc::Strict strict) {
  if (strict == rpc::Strict::ON) return true;
  if (strict == rpc::Strict::OFF) return false;
  return std::nullopt;
}

void FillCounters(const UpdateCounters& c, rpc::UpdateCounters::Builder out) {
  out.setNodesCreated(c.nodes_created);
  out.setNodesDeleted(c.nodes_deleted);
  out.setRelationshipsCreated(c.relationships_created);
  out.setRelationshipsDeleted(c.relationships_deleted);
  out.setPropertiesSet(c.properties_set);
  out.setLabelsAdded(c.labels_added);
  out.setLabelsRemoved(c.labels_removed);
}

// A diagram reply (render, ego): the error, or the bytes and their media type.
template <typename Results>
void FillDiagram(const Outcome& o, std::string_view format, Results results) {
  if (o.error) return FillError(*o.error, results.initError());
  results.setData(kj::arrayPtr(reinterpret_cast<const kj::byte*>(o.data.data()), o.data.size()));
  results.setMediaType(std::string(DiagramMediaType(format)));
}

class KgImpl final : public rpc::Kg::Server {
 public:
  KgImpl(Service& service, WorkerPool& pool) : service_(service), pool_(pool) {}

  kj::Promise<void> query(QueryContext context) override {
    auto p = context.getParams();
    std::string text = p.getQuery(), params = p.getParamsJson(), token = p.getToken();
    Result<session::Scope> scope = ScopeOf(p);
    std::optional<bool> strict = StrictOf(p.getStrict());
    return OffLoop([this, text, params, token, scope, strict] {
             return RunQuery(text, params, token, scope, strict);
           })
        .then([this, context](std::shared_ptr<Outcome> o) mutable {
          auto results = context.getResults();
          if (o->error) return FillError(*o->error, results.initError());
          auto notes = results.initNotifications(static_cast<unsigned>(o->notifications.size()));
          for (size_t i = 0; i < o->notifications.size(); ++i) {
            const session::Notification& n = o->notifications[i];
            auto out = notes[static_cast<unsigned>(i)];
            out.setCode(n.code);
            out.setTitle(n.title);
            out.setDescription(n.description);
            out.setSeverity("WARNING");
            out.setSource(n.position.file);
            out.setLine(static_cast<uint32_t>(n.position.line));
            out.setColumn(static_cast<uint32_t>(n.position.column));
          }
          auto columns = results.initColumns(static_cast<unsigned>(o->table->columns.size()));
          for (size_t i = 0; i < o->table->columns.size(); ++i)
            columns.set(i, o->table->columns[i]);
          results.setRowCount(o->table->rows.size());
          FillCounters(o->counters, results.initStats());
          results.setCursor(kj::heap<CursorImpl>(o->table, service_.limits().max_page_rows));
        });
  }

  kj::Promise<void> render(RenderContext context) override {
    auto p = context.getParams();
    std::string text = p.getQuery(), params = p.getParamsJson(), token = p.getToken();
    std::string format = p.getFormat();
    if (format.empty()) format = "svg";
    return OffLoop([this, text, params, token, format] {
             return RunRender(text, params, token, format);
           })
        .then([context, format](std::shared_ptr<Outcome> o) mutable {
          FillDiagram(*o, format, context.getResults());
        });
  }

  kj::Promise<void> entity(EntityContext context) override {
    auto p = context.getParams();
    std::string name = p.getName(), token = p.getToken();
    return OffLoop([this, name, token] { return RunEntity(name, token); })
        .then([context](std::shared_ptr<Outcome> o) mutable {
          auto results = context.getResults();
          if (o->error) return FillError(*o->error, results.initError());
          results.setJson(o->data);
        });
  }

  kj::Promise<void> ego(EgoContext context) override {
    auto p = context.getParams();
    session::EgoRequest ego;
    ego.name = p.getName();
    for (auto type : p.getTypes()) ego.types.emplace_back(type.cStr());
    if (p.getDepth() != 0) ego.depth = static_cast<int>(p.getDepth());
    if (p.getMaxNodes() != 0) ego.max_nodes = p.getMaxNodes();
    std::string format = p.getFormat(), token = p.getToken();
    if (format.empty()) format = "svg";
    return OffLoop([this, ego, format, token] { return RunEgo(ego, format, token); })
        .then([context, format](std::shared_ptr<Outcome> o) mutable {
          FillDiagram(*o, format, context.getResults());
        });
  }

  kj::Promise<void> stats(StatsContext context) override {
    auto results = context.getResults();
    if (auto denied =
            service_.AuthorizeRead(std::string_view(context.getParams().getToken().cStr()))) {
      FillError(*denied, results.initError());
      return kj::READY_NOW;
    }
    auto stats = service_.Stats();
    if (!stats.ok()) {
      FillError(ToApiError(stats.status()), results.initError());
      return kj::READY_NOW;
    }
    auto out = results.initStats();
    out.setEntities(stats->entities);
    out.setRelations(stats->relations);
    out.setOntology(stats->ontology);
    out.setTopologyBudgetBytes(stats->topology_budget_bytes);
    out.setTopologyEstimateBytes(stats->topology_estimate_bytes);
    out.setTopologyHeldBytes(stats->topology_held_bytes);
    FillCounts(stats->entities_by_label, out.initEntitiesByLabel(stats->entities_by_label.size()));
    FillCounts(stats->relations_by_type, out.initRelationsByType(stats->relations_by_type.size()));
    return kj::READY_NOW;
  }

 private:
  static void FillCounts(const std::vector<std::pair<std::string, uint64_t>>& in,
                         capnp::List<rpc::Count>::Builder out) {
    for (size_t i = 0; i < in.size(); ++i) {
      out[i].setName(in[i].first);
      out[i].setCount(in[i].second);
    }
  }

  // Runs `work` on the pool; the promise resolves on this loop.
  template <typename F>
  kj::Promise<std::shared_ptr<Outcome>> OffLoop(F work) {
    using Ptr = std::shared_ptr<Outcome>;
    auto paf = kj::newPromiseAndCrossThreadFulfiller<Ptr>();
    auto fulfiller =
        std::make_shared<kj::Own<kj::CrossThreadPromiseFulfiller<Ptr>>>(kj::mv(paf.fulfiller));
    pool_.Submit(
        [fulfiller, work]() mutable { (*fulfiller)->fulfill(std::make_shared<Outcome>(work())); });
    return kj::mv(paf.promise);
  }

  Outcome RunQuery(const std::string& text, const std::string& params_json,
                   const std::string& token, const Result<session::Scope>& scope,
                   std::optional<bool> strict) {
    Outcome o;
    auto params = ParseParams(params_json);
    if (!params.ok() || !scope.ok()) {
      o.error =
          ApiError{400, "BadRequest", (params.ok() ? scope.status() : params.status()).message()};
      return o;
    }
    std::optional<ApiError> denied;
    auto result = service_.Query(token, text, *params, &denied, *scope, strict);
    if (denied) {
      o.error = denied;
    } else if (!result.ok()) {
      o.error = ToApiError(result.status());
    } else {
      o.table = std::make_shared<const ResultTable>(std::move(result->table));
      o.notifications = std::move(result->notifications);
      o.counters = result->counters;
    }
    return o;
  }

  Outcome RunRender(const std::string& text, const std::string& params_json,
                    const std::string& token, const std::string& format) {
    Outcome o;
    if (auto denied = service_.AuthorizeRead(token)) {
      o.error = denied;
      return o;
    }
    auto params = ParseParams(params_json);
    if (!params.ok()) {
      o.error = ApiError{400, "BadRequest", params.status().message()};
      return o;
    }
    auto data = service_.Render(token, text, *params, format);
    if (!data.ok()) {
      o.error = ToApiError(data.status());
    } else {
      o.data = std::move(data).value();
    }
    return o;
  }

  Outcome RunEntity(const std::string& name, const std::string& token) {
    Outcome o;
    if (auto denied = service_.AuthorizeRead(token)) {
      o.error = denied;
      return o;
    }
    auto json = service_.EntityJson(name);
    if (!json.ok()) {
      o.error = service_.NameError(json.status(), {name});
    } else {
      o.data = std::move(json).value();
    }
    return o;
  }

  Outcome RunEgo(const session::EgoRequest& ego, const std::string& format,
                 const std::string& token) {
    Outcome o;
    session::DrawRequest draw;
    auto parsed = viz::ParseFormat(format);
    if (!parsed.ok()) {
      o.error = ApiError{400, "BadRequest", parsed.status().message()};
      return o;
    }
    draw.render.format = *parsed;
    auto data = service_.Ego(token, ego, draw);
    if (!data.ok()) {
      o.error = service_.NameError(data.status(), {ego.name});
    } else {
      o.data = std::move(data).value();
    }
    return o;
  }

  Service& service_;
  WorkerPool& pool_;
};

}  // namespace

// The state shared between the loop thread and Stop().
class RpcFront::Loop {
 public:
  explicit Loop(int workers) : pool(workers) {}

  WorkerPool pool;
  std::mutex mu;
  const kj::Executor* executor = nullptr;  // set while the loop runs
  kj::Own<kj::PromiseFulfiller<void>> stop;
};

RpcFront::RpcFront(Service& service, int workers) : service_(service), workers_(workers) {}

RpcFront::~RpcFront() {
  // Only reached after a failed Stop() when the owner exits anyway.
  if (!Stop()) thread_.detach();
}

Status RpcFront::Start(const std::string& address) {
  loop_ = std::make_unique<Loop>(workers_);
  std::promise<Status> started;
  std::future<Status> started_future = started.get_future();
  thread_ = std::thread([this, address, &started] {
    bool reported = false;
    KJ_IF_MAYBE (e, kj::runCatchingExceptions([&] {
                   capnp::EzRpcServer server(kj::heap<KgImpl>(service_, loop_->pool), address);
                   auto& wait_scope = server.getWaitScope();
                   port_ = static_cast<int>(server.getPort().wait(wait_scope));
                   auto paf = kj::newPromiseAndFulfiller<void>();
                   {
                     std::lock_guard<std::mutex> lock(loop_->mu);
                     loop_->executor = &kj::getCurrentThreadExecutor();
                     loop_->stop = kj::mv(paf.fulfiller);
                   }
                   reported = true;
                   started.set_value(Status::OK());
                   paf.promise.wait(wait_scope);
                   std::lock_guard<std::mutex> lock(loop_->mu);
                   loop_->executor = nullptr;
                 })) {
      if (!reported)
        started.set_value(Status::IOError("cannot listen for RPC on " + address + ": " +
                                          e->getDescription().cStr()));
    }
  });
  Status status = started_future.get();
  if (!status.ok()) {
    thread_.join();
    port_ = 0;
  }
  return status;
}

bool RpcFront::Stop(std::chrono::milliseconds grace) {
  if (!thread_.joinable()) return true;
  if (!loop_->pool.WaitIdle(grace)) {
    // Grace over: cancel the running queries and give them a moment to end.
    service_.CancelQueries();
    if (!loop_->pool.WaitIdle(std::chrono::seconds(1))) return false;
  }
  const kj::Executor* executor = nullptr;
  {
    std::lock_guard<std::mutex> lock(loop_->mu);
    executor = loop_->executor;
  }
  // The loop only ends after this fulfil, so the executor is still alive.
  if (executor != nullptr) executor->executeSync([this] { loop_->stop->fulfill(); });
  thread_.join();
  loop_->pool.Shutdown();
  return true;
}

}  // namespace kg::server::internal
