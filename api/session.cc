// Session: opening, the prepared-plan cache, the token rule, running
// statements (materialised or through a cursor) and parameter parsing.
#include "api/session.h"

#include <cassert>
#include <cctype>
#include <cstdio>
#include <utility>

#include "analytics/procedures.h"
#include "api/internal/session_impl.h"
#include "core/json.h"

namespace kg::session {
namespace {

// Compares without an early exit so the time does not leak the token.
bool TokenEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Status Unauthorized(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithClass("Unauthorized");
}
Status Forbidden(std::string message) {
  return Status::NotSupported(std::move(message)).WithClass("Forbidden");
}

// kg's built-in procedures plus the analytics ones (kg.pagerank, ...);
// `ontology` is asked at call time.
query::ProcedureRegistry MakeRegistry(analytics::OntologyFn ontology) {
  query::ProcedureRegistry registry = query::ProcedureRegistry::WithBuiltins();
  // Fails only when a name is taken, which the fixed kg.* names never are.
  Status registered = analytics::RegisterProcedures(std::move(ontology), &registry);
  assert(registered.ok());
  (void)registered;
  return registry;
}

PreparedInfo InfoOf(const query::PreparedStatement& statement) {
  return PreparedInfo{statement.columns(), statement.writes()};
}

// Notifications become errors under `strict` (the engine already fails a
// strict statement before it commits; this keeps the rule for any
// notification added above it).
Status ApplyStrict(const CallOptions& options, const std::vector<Notification>& notes) {
  if (!options.strict || notes.empty()) return Status::OK();
  const Notification& n = notes.front();
  return query::StrictError(query::Notification{n.code, n.title, n.description, n.position});
}

// A cursor over rows the engine has produced: it hands them out one at a
// time and releases each as it goes.
class TableCursor : public Cursor {
 public:
  explicit TableCursor(QueryResult result) : result_(std::move(result)) {}
  const std::vector<std::string>& columns() const override { return result_.table.columns; }
  const std::vector<Notification>& notifications() const override { return result_.notifications; }
  const UpdateCounters& counters() const override { return result_.counters; }
  bool Next(std::vector<Value>* row) override {
    if (next_ >= result_.table.rows.size()) return false;
    *row = std::move(result_.table.rows[next_]);
    result_.table.rows[next_].clear();
    ++next_;
    return true;
  }
  size_t remaining() const override { return result_.table.rows.size() - next_; }

 private:
  QueryResult result_;
  size_t next_ = 0;
};

}  // namespace

Session::Impl::Impl(std::unique_ptr<storage::Store> store)
    : store_(std::move(store)),
      procedures_(MakeRegistry([opened = store_.get()] { return &opened->ontology(); })) {}

query::QueryOptions Session::Impl::QueryOptionsFor(const CallOptions& options) const {
  // Run, RunIn and Export have refused a bad scope before they get here.
  Result<RelationFilter> filter = options.scope.Filter();
  return QueryOptionsFor(options, filter.ok() ? std::move(filter).value() : RelationFilter());
}

query::QueryOptions Session::Impl::QueryOptionsFor(const CallOptions& options,
                                                   RelationFilter filter) const {
  query::QueryOptions out;
  out.parameters = options.parameters;
  out.timeout_seconds = options.timeout_seconds;
  out.max_rows = options.max_rows == 0 ? UINT64_MAX : options.max_rows;
  out.relations = std::move(filter);
  out.max_memory_bytes = options.max_memory_bytes;
  out.cancel = options.cancel;
  out.interrupt = options.interrupt;
  out.row_consumer = options.row_consumer;
  out.source_name = options.source_name;
  out.procedures = &procedures_;
  out.strict = options.strict;
  return out;
}

Result<query::PreparedStatement> Session::Impl::Prepared(std::string_view text,
                                                         const CallOptions& options) {
  // The cache's key: the source name and the text.
  auto set_key = [&](std::string& key) {
    key.assign(options.source_name);
    key.push_back('\0');
    key.append(text);
  };
  {
    // A cached plan is found without allocating: the key is built in a
    // buffer kept from call to call.
    std::lock_guard<std::mutex> lock(cache_mu_);
    set_key(key_);
    auto it = cache_.find(key_);
    if (it != cache_.end()) return it->second;
  }
  KG_ASSIGN_OR_RETURN(query::PreparedStatement statement,
                      query::PreparedStatement::Prepare(text, QueryOptionsFor(options)));
  std::string key;
  set_key(key);
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (cache_.size() >= kMaxCachedPlans) cache_.clear();
  cache_.emplace(std::move(key), statement);
  return statement;
}

size_t Session::Impl::cached_plans() const {
  std::lock_guard<std::mutex> lock(cache_mu_);
  return cache_.size();
}

Result<ResultTable> Session::Impl::Execute(const query::PreparedStatement& statement,
                                           const query::QueryOptions& options,
                                           double lock_wait_seconds) {
  if (!statement.writes()) return statement.Execute(*store_, options);
  std::unique_lock<std::timed_mutex> lock = LockWriter(lock_wait_seconds);
  if (!lock.owns_lock()) return LockTimeout();
  if (!options.row_consumer) return statement.Execute(*store_, options);
  // The rows of a write go out after the writer lock is released: a
  // consumer that waits for its client must not hold up other writers.
  query::QueryOptions locked = options;
  locked.row_consumer = nullptr;
  Result<ResultTable> table = statement.Execute(*store_, locked);
  lock.unlock();
  if (!table.ok()) return table;
  return query::HandOverRows(std::move(table).value(), options.row_consumer);
}

std::unique_lock<std::timed_mutex> Session::Impl::LockWriter(double wait_seconds) {
  if (wait_seconds <= 0) return std::unique_lock<std::timed_mutex>(writer_);
  return std::unique_lock<std::timed_mutex>(
      writer_, std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                   std::chrono::duration<double>(wait_seconds)));
}

Status LockTimeout() {
  return Status::IOError(
             "another write transaction held the write lock longer than the wait allowed; try "
             "again")
      .WithClass("LockTimeout");
}

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::~Session() = default;

Result<std::unique_ptr<Session>> Session::Open(const std::string& path,
                                               const OpenOptions& options) {
  storage::OpenOptions open_options;
  open_options.read_only = options.read_only;
  open_options.busy_timeout = options.busy_timeout;
  if (options.topology_cache_bytes)
    open_options.topology_cache_bytes = *options.topology_cache_bytes;
  auto store = storage::Store::Open(path, open_options);
  if (!store.ok() && store.status().code() == StatusCode::kNotFound && options.create_if_missing) {
    KG_ASSIGN_OR_RETURN(schema::Ontology ontology, schema::Ontology::Load(options.ontology));
    KG_RETURN_IF_ERROR(storage::Store::Create(path, ontology));
    store = storage::Store::Open(path, open_options);
  }
  if (!store.ok()) return store.status();
  return std::unique_ptr<Session>(new Session(std::make_unique<Impl>(std::move(store).value())));
}

Status Session::Create(const std::string& path, const schema::Ontology& ontology) {
  return storage::Store::Create(path, ontology);
}

bool Session::read_only() const { return impl_->store().read_only(); }
const schema::Ontology& Session::ontology() const { return impl_->store().ontology(); }
void Session::set_access_policy(AccessPolicy policy) { impl_->policy = std::move(policy); }
size_t Session::cached_plans() const { return impl_->cached_plans(); }

Status Session::Authorize(std::string_view token, bool write) const {
  const AccessPolicy& p = impl_->policy;
  if (!p.enforce) return Status::OK();
  if (!write) {
    // A token presented but wrong is refused even where reads need none: a
    // client with a stale or mistyped token learns it on its first read,
    // not on its first write. (With no token configured there is nothing
    // to compare against, and reads need none.)
    if (!token.empty() && !p.token.empty() && !TokenEquals(token, p.token))
      return Unauthorized("invalid token");
    if (!p.auth_reads) return Status::OK();
    if (p.token.empty()) return Forbidden("reads need a token but the server has none");
    if (token.empty()) return Unauthorized("this server needs 'Authorization: Bearer <token>'");
    if (!TokenEquals(token, p.token)) return Unauthorized("invalid token");
    return Status::OK();
  }
  if (read_only() || p.read_only)
    return Forbidden("the server is read-only: write statements are refused");
  if (p.token.empty())
    return Forbidden("write statements are disabled: the server was started without --token-file");
  if (token.empty()) return Unauthorized("write statements need 'Authorization: Bearer <token>'");
  if (!TokenEquals(token, p.token)) return Unauthorized("invalid token");
  return Status::OK();
}

Result<PreparedInfo> Session::Prepare(std::string_view text, const CallOptions& options) {
  KG_ASSIGN_OR_RETURN(query::PreparedStatement statement, impl_->Prepared(text, options));
  return InfoOf(statement);
}

Result<PreparedInfo> Session::Inspect(std::string_view text, const CallOptions& options) {
  query::ProcedureRegistry procedures = MakeRegistry([] { return nullptr; });
  query::QueryOptions query_options;
  query_options.source_name = options.source_name;
  query_options.procedures = &procedures;
  KG_ASSIGN_OR_RETURN(query::PreparedStatement statement,
                      query::PreparedStatement::Prepare(text, query_options));
  return InfoOf(statement);
}

Result<QueryResult> Session::Run(std::string_view text, const CallOptions& options) {
  KG_ASSIGN_OR_RETURN(RelationFilter filter, options.scope.Filter());
  KG_RETURN_IF_ERROR(Authorize(options.token, /*write=*/false));
  KG_ASSIGN_OR_RETURN(query::PreparedStatement statement, impl_->Prepared(text, options));
  if (statement.writes()) {
    if (options.read_only) return Status::InvalidArgument(options.read_only_reason);
    KG_RETURN_IF_ERROR(Authorize(options.token, /*write=*/true));
  }
  QueryResult result;
  std::vector<query::Notification> notes;
  query::QueryOptions query_options = impl_->QueryOptionsFor(options, std::move(filter));
  query_options.notifications = &notes;
  query_options.counters = &result.counters;
  KG_ASSIGN_OR_RETURN(result.table,
                      impl_->Execute(statement, query_options, options.lock_wait_seconds));
  result.notifications = FromEngine(std::move(notes));
  KG_RETURN_IF_ERROR(ApplyStrict(options, result.notifications));
  return result;
}

std::vector<Notification> FromEngine(std::vector<query::Notification> notes) {
  std::vector<Notification> out;
  out.reserve(notes.size());
  for (query::Notification& n : notes)
    out.push_back(Notification{std::move(n.code), std::move(n.title), std::move(n.description),
                               std::move(n.position)});
  return out;
}

Result<std::unique_ptr<Cursor>> Session::Stream(std::string_view text, const CallOptions& options) {
  KG_ASSIGN_OR_RETURN(QueryResult result, Run(text, options));
  return std::unique_ptr<Cursor>(new TableCursor(std::move(result)));
}

std::string NotificationLine(const Notification& n) {
  std::string line = n.code;
  if (n.position.known())
    line += " at " + n.position.file + ":" + std::to_string(n.position.line) + ":" +
            std::to_string(n.position.column);
  return line + ": " + n.description;
}

std::string NotificationsJson(const std::vector<Notification>& notifications) {
  std::string out = "[";
  for (const Notification& n : notifications) {
    if (out.size() > 1) out += ",";
    out += "{\"code\":";
    AppendJsonString(n.code, &out);
    out += ",\"severity\":\"WARNING\",\"title\":";
    AppendJsonString(n.title, &out);
    out += ",\"description\":";
    AppendJsonString(n.description, &out);
    if (n.position.known()) {
      out += ",\"position\":{\"source\":";
      AppendJsonString(n.position.file, &out);
      out += ",\"line\":" + std::to_string(n.position.line) +
             ",\"column\":" + std::to_string(n.position.column) + "}";
    }
    out += "}";
  }
  return out + "]";
}

std::string QueryResultJson(const QueryResult& result) {
  std::string json = ResultTableToJson(result.table);
  if (!result.notifications.empty()) {
    json.pop_back();
    json += ",\"notifications\":" + NotificationsJson(result.notifications) + "}";
  }
  if (result.counters.contains_updates()) {
    json.pop_back();
    json += ",\"stats\":" + UpdateCountersJson(result.counters) + "}";
  }
  return json;
}

std::string Session::ResultJson(const ResultTable& table) { return ResultTableToJson(table); }

Result<RelationFilter> Scope::Filter() const {
  if (min_confidence && !(*min_confidence >= 0 && *min_confidence <= 1)) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", *min_confidence);
    return Status::InvalidArgument(std::string("min_confidence: ") + text +
                                   " is not a confidence between 0 and 1");
  }
  RelationFilter filter;
  filter.valid_at = valid_day();
  filter.known_at = known_day();
  filter.min_confidence = min_confidence;
  return filter;
}

Result<ValueMap> ParseParamsJson(std::string_view json) {
  if (json.empty()) return ValueMap{};
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return Status::InvalidArgument("params: " + parsed.status().message());
  if (!parsed->is_map()) return Status::InvalidArgument("params must be a JSON object");
  return parsed->as_map();
}

Result<ValueMap> ParseParamSpecs(const std::vector<std::string>& specs) {
  ValueMap params;
  for (const std::string& spec : specs) {
    size_t eq = spec.find('=');
    std::string name = spec.substr(0, eq);
    bool valid = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
    for (char c : name) valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (eq == std::string::npos || !valid)
      return Status::InvalidArgument("--param '" + spec + "': expected name=JSON, e.g. ids=[1,2]");
    Result<Value> value = ParseJson(spec.substr(eq + 1));
    if (!value.ok()) {
      return Status::InvalidArgument("--param " + name + ": value is not JSON (" +
                                     value.status().message() + "); write strings quoted, e.g. " +
                                     name + "='\"NVIDIA\"'");
    }
    params[name] = std::move(value).value();
  }
  return params;
}

std::vector<std::string> SplitNames(std::string_view text) {
  std::vector<std::string> names;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    size_t begin = item.find_first_not_of(' ');
    if (begin == std::string_view::npos) continue;
    names.emplace_back(item.substr(begin, item.find_last_not_of(' ') - begin + 1));
  }
  return names;
}

Result<std::optional<Date>> ParseDay(std::string_view text, std::string_view what) {
  if (text.empty()) return std::optional<Date>();
  // A scope date may be a week, a month or a year as well as a day: valid
  // at it means held on some day of it, known at it known by its last day.
  Result<Date> day = Date::ParseWithPrecision(text);
  if (!day.ok()) return day.status().WithPrefix(what);
  return std::optional<Date>(*day);
}

}  // namespace kg::session
