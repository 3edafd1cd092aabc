// The Bolt server state machine: requests in, SUCCESS/RECORD/FAILURE/IGNORED out.
#include "server/internal/bolt_session.h"

#include "server/internal/bolt_wire.h"

namespace kg::server::internal::bolt {
namespace {

using Clock = std::chrono::steady_clock;

// A streamed result is sent on once this much of it is buffered.
constexpr size_t kStreamFlushBytes = 256 * 1024;

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Field `i` of a message as a map ({} when absent or null).
const ValueMap& MapField(const Message& m, size_t i) {
  static const ValueMap kEmpty;
  if (i >= m.fields.size() || !m.fields[i].is_map()) return kEmpty;
  return m.fields[i].as_map();
}

// The map at `key` of `map` (empty when absent or not a map).
const ValueMap& SubMap(const ValueMap& map, const char* key) {
  static const ValueMap kEmpty;
  auto it = map.find(key);
  return it == map.end() || !it->second.is_map() ? kEmpty : it->second.as_map();
}

const Value* Find(const ValueMap& map, const char* key) {
  auto it = map.find(key);
  return it == map.end() || it->second.is_null() ? nullptr : &it->second;
}

// PULL's or DISCARD's `n` (rows; -1 all) and `qid` (-1: the last result),
// as the message gives them (absent: -1).
struct PullArgs {
  int64_t n = -1;
  int64_t qid = -1;
};
PullArgs PullArgsOf(const Message& m) {
  const ValueMap& extra = MapField(m, 0);
  const Value* n = Find(extra, "n");
  const Value* qid = Find(extra, "qid");
  return {n != nullptr && n->is_int() ? n->as_int() : -1,
          qid != nullptr && qid->is_int() ? qid->as_int() : -1};
}

std::string Describe(const Message& m) {
  static const std::map<uint8_t, const char*> kNames = {
      {kHello, "HELLO"},  {kGoodbye, "GOODBYE"},     {kReset, "RESET"},       {kRun, "RUN"},
      {kBegin, "BEGIN"},  {kCommit, "COMMIT"},       {kRollback, "ROLLBACK"}, {kDiscard, "DISCARD"},
      {kPull, "PULL"},    {kTelemetry, "TELEMETRY"}, {kRoute, "ROUTE"},       {kLogon, "LOGON"},
      {kLogoff, "LOGOFF"}};
  auto it = kNames.find(m.tag);
  if (it != kNames.end()) return it->second;
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", m.tag);
  return std::string("message ") + hex;
}

}  // namespace

Session::Session(Backend& backend, Version version, std::string connection_id, std::string address)
    : backend_(backend),
      version_(version),
      connection_id_(std::move(connection_id)),
      address_(std::move(address)) {}

Session::~Session() { Close(); }

void Session::Close() {
  EndTransaction();
  streams_.clear();
}

void Session::EndTransaction() {
  if (tx_ != nullptr) backend_.Rollback(*tx_);
  tx_.reset();
  tx_failure_.reset();
}

void Session::ExpireTransaction(Clock::time_point now) {
  if (tx_ == nullptr || !tx_->Expired(now)) return;
  backend_.Rollback(*tx_);
  tx_failure_ = BoltError{"Neo.ClientError.Transaction.TransactionTimedOut",
                          "the transaction held the write lock longer than its time limit and "
                          "was rolled back; the server's limit is --timeout"};
}

bool Session::Handle(std::string_view bytes, std::string* out) {
  Result<Message> m = DecodeMessage(bytes);
  if (!m.ok()) {
    Failure({"Neo.ClientError.Request.InvalidFormat", m.status().message()}, out);
    state_ = State::kDefunct;
    return false;
  }
  bool keep = Dispatch(*m, out);
  if (keep && pending_request_.has_value()) {  // it ended a streamed result
    std::string next = std::move(*pending_request_);
    pending_request_.reset();
    return Handle(next, out);
  }
  if (!keep) state_ = State::kDefunct;
  return keep;
}

// Long by design: Bolt's state machine as one table, a line per state and
// message, so that every transition can be read against the protocol's.
bool Session::Dispatch(const Message& m, std::string* out) {
  if (m.tag == kGoodbye) return false;
  if (state_ == State::kNegotiation) return m.tag == kHello ? OnHello(m, out) : Violation(m, out);
  if (state_ == State::kAuthentication)
    return m.tag == kLogon ? OnLogon(m, out) : Violation(m, out);
  if (m.tag == kReset) {
    OnReset(out);
    return true;
  }
  bool after_reset = reset_closed_result_;
  reset_closed_result_ = false;
  if (state_ == State::kFailed) {
    Ignored(out);
    return true;
  }
  if (tx_failure_.has_value() && m.tag != kRollback) {
    BoltError error = *tx_failure_;
    EndTransaction();
    streams_.clear();
    Fail(error, out);
    return true;
  }
  bool ready = state_ == State::kReady;
  bool in_tx = state_ == State::kTxReady || state_ == State::kTxStreaming;
  bool streaming = state_ == State::kStreaming || state_ == State::kTxStreaming;
  switch (m.tag) {
    case kRun:
      if (!ready && !in_tx) return Violation(m, out);
      OnRun(m, out);
      return true;
    case kPull:
    case kDiscard:
      if (!streaming && after_reset) {
        // A driver that RESETs a connection with a batch in flight sends a
        // DISCARD for the result once the batch's has_more arrives, after
        // the RESET that closed it: the result is gone, which is all the
        // DISCARD asks for.
        Success({}, out);
        return true;
      }
      // Else, as Neo4j does, a failure that does not close the connection.
      if (!streaming) return Violation(m, out, /*fatal=*/false);
      return OnPullOrDiscard(m, m.tag == kPull, out);
    case kBegin:
      if (!ready) return Violation(m, out);
      OnBegin(m, out);
      return true;
    case kCommit:
      if (!in_tx) return Violation(m, out);
      OnCommit(out);
      return true;
    case kRollback:
      if (!in_tx) return Violation(m, out);
      OnRollback(out);
      return true;
    case kRoute:
      if (!ready) return Violation(m, out);
      OnRoute(m, out);
      return true;
    case kTelemetry:
      if (!ready || !version_.AtLeast(5, 4)) return Violation(m, out);
      Success({}, out);
      return true;
    case kLogoff:
      if (!ready || !version_.AtLeast(5, 1)) return Violation(m, out);
      login_ = Login{};
      state_ = State::kAuthentication;
      Success({}, out);
      return true;
    default:
      return Violation(m, out);
  }
}

bool Session::Violation(const Message& m, std::string* out, bool fatal) {
  static const char* kStateNames[] = {"NEGOTIATION", "AUTHENTICATION", "READY",  "STREAMING",
                                      "TX_READY",    "TX_STREAMING",   "FAILED", "DEFUNCT"};
  Failure(
      {"Neo.ClientError.Request.Invalid", Describe(m) + " cannot be handled by a session in the " +
                                              kStateNames[static_cast<int>(state_)] + " state"},
      out);
  if (fatal) return false;
  state_ = State::kFailed;
  return true;
}

void Session::Reject(const BoltError& error, std::string* out) {
  Failure(error, out);
  state_ = State::kDefunct;
}

void Session::Fail(const BoltError& error, std::string* out) {
  Failure(error, out);
  state_ = State::kFailed;
}

bool Session::OnHello(const Message& m, std::string* out) {
  const ValueMap& extra = MapField(m, 0);
  if (!version_.AtLeast(5, 1)) {  // the credentials come with HELLO
    if (auto error = backend_.Authenticate(extra, &login_)) {
      Failure(*error, out);
      return false;
    }
  }
  ValueMap hints;
  if (version_.AtLeast(5, 4)) hints["telemetry.enabled"] = false;
  if (version_.AtLeast(5, 8)) hints["ssr.enabled"] = false;
  ValueMap meta = {{"server", kServerAgent}, {"connection_id", connection_id_}};
  if (version_.AtLeast(4, 3)) meta["hints"] = std::move(hints);
  Success(meta, out);
  state_ = version_.AtLeast(5, 1) ? State::kAuthentication : State::kReady;
  return true;
}

bool Session::OnLogon(const Message& m, std::string* out) {
  if (auto error = backend_.Authenticate(MapField(m, 0), &login_)) {
    Failure(*error, out);
    return false;
  }
  Success({}, out);
  state_ = State::kReady;
  return true;
}

std::optional<BoltError> Session::CheckDatabase(const ValueMap& extra, bool* named) const {
  const Value* db = Find(extra, "db");
  *named = db != nullptr && db->is_string() && !db->as_string().empty();
  if (!*named) return std::nullopt;
  const std::string& name = db->as_string();
  if (name == kDatabaseName || name == "kg") return std::nullopt;
  return BoltError{
      "Neo.ClientError.Database.DatabaseNotFound",
      "database '" + name + "' does not exist; kg serves one database, '" + kDatabaseName + "'"};
}

void Session::OnRun(const Message& m, std::string* out) {
  bool in_tx = tx_ != nullptr;
  if (!m.unsupported.ok()) return Fail(ToBoltError(m.unsupported), out);
  if (m.fields.size() < 2 || !m.fields[0].is_string())
    return Fail({"Neo.ClientError.Request.Invalid", "RUN needs a query string"}, out);
  const ValueMap& params = MapField(m, 1);
  const ValueMap& extra = MapField(m, 2);
  bool named = false;
  if (!in_tx) {
    if (auto error = CheckDatabase(extra, &named)) return Fail(*error, out);
  }
  const Value* mode = Find(extra, "mode");
  bool read_mode = mode != nullptr && mode->is_string() && mode->as_string() == "r";
  StatementScope scope;
  if (!in_tx) {
    if (auto error = ScopeOf(SubMap(extra, "tx_metadata"), &scope)) return Fail(*error, out);
  }
  Stream stream;
  stream.started = Clock::now();
  RunRequest request{m.fields[0].as_string(), params,      read_mode, tx_.get(),
                     std::move(scope),        &interrupt_, nullptr};
  std::optional<BoltError> error;
  if (connection_ != nullptr && !in_tx) {
    error = backend_.Prepare(login_, request, &stream.result);
    if (!error && !stream.result.writes) stream.pending = std::move(request);
  }
  if (!error && !stream.pending) error = backend_.Run(login_, request, &stream.result);
  if (error) {
    if (in_tx) EndTransaction();  // a failed statement fails its transaction
    streams_.clear();
    if (interrupt_.load()) {
      Interrupted(out);
      return;
    }
    return Fail(*error, out);
  }
  ValueList fields;
  for (const auto& c : stream.result.columns) fields.push_back(Value(c));
  ValueMap meta = {{"fields", Value(std::move(fields))},
                   {"t_first", Value(MillisSince(stream.started))}};
  int64_t qid = 0;
  if (in_tx) {
    qid = next_qid_++;
    meta["qid"] = Value(qid);
    state_ = State::kTxStreaming;
  } else {
    state_ = State::kStreaming;
    if (!named && version_.AtLeast(5, 8)) meta["db"] = Value(kDatabaseName);
  }
  last_qid_ = qid;
  streams_[qid] = std::move(stream);
  Success(meta, out);
}

bool Session::OnPullOrDiscard(const Message& m, bool pull, std::string* out) {
  auto [n, qid] = PullArgsOf(m);
  if (tx_ == nullptr || qid == -1) qid = tx_ == nullptr ? 0 : last_qid_;
  auto it = streams_.find(qid);
  if (it == streams_.end() || n == 0 || n < -1) {
    Fail({"Neo.ClientError.Request.Invalid", it == streams_.end()
                                                 ? "no open result with qid " + std::to_string(qid)
                                                 : "n must be -1 or positive"},
         out);
    return true;
  }
  Stream& s = it->second;
  if (s.pending.has_value()) return StreamRows(s, pull, n, out);
  size_t total = s.result.rows.size();
  size_t end = n == -1 ? total : std::min(total, s.next + static_cast<size_t>(n));
  if (pull) {
    for (size_t i = s.next; i < end; ++i) Record(s.result.rows[i], out);
  }
  s.next = end;
  if (end < total) {
    Success({{"has_more", true}}, out);
    return true;
  }
  Stream done = std::move(s);
  streams_.erase(it);
  Finished(done.result, done.started, out);
  return true;
}

void Session::Finished(StatementResult& result, Clock::time_point started, std::string* out) {
  ValueMap meta = {{"t_last", Value(MillisSince(started))},
                   {"type", Value(result.writes ? "rw" : "r")},
                   {"db", Value(kDatabaseName)}};
  if (!result.notifications.empty()) meta["notifications"] = Value(std::move(result.notifications));
  if (!result.stats.empty()) meta["stats"] = Value(std::move(result.stats));
  if (tx_ == nullptr) {
    meta["bookmark"] = Value(backend_.NextBookmark());
    state_ = State::kReady;
  } else {
    state_ = streams_.empty() ? State::kTxReady : State::kTxStreaming;
  }
  Success(meta, out);
}

bool Session::Interrupted(std::string* out) {
  Ignored(out);
  state_ = State::kFailed;
  return true;
}

std::optional<std::string> Session::AwaitRequest(double limit, bool* lost,
                                                 std::optional<BoltError>* idle_error) {
  Clock::time_point waiting = Clock::now();
  while (true) {
    if (std::optional<std::string> next = connection_->NextRequest(0.5)) return next;
    if (connection_->closed()) {
      *lost = true;
      return std::nullopt;
    }
    if (limit > 0 && std::chrono::duration<double>(Clock::now() - waiting).count() > limit) {
      *idle_error = BoltError{"Neo.ClientError.Transaction.TransactionTimedOut",
                              "the result was not pulled for longer than the server's --timeout "
                              "and was closed"};
      return std::nullopt;
    }
  }
}

// The statement runs inside this call: each row it makes is sent at once;
// when a batch is full, the next request is read from the connection here.
// A PULL goes on, a DISCARD skips (all of the rest: the statement stops),
// anything else ends the result and is handled after it.
bool Session::StreamRows(Stream& s, bool pull, int64_t n, std::string* out) {
  RunRequest request = std::move(*s.pending);
  s.pending.reset();
  Clock::time_point started = s.started;
  StatementResult result = std::move(s.result);
  streams_.erase(0);    // an auto-commit result: qid 0; `s` is gone from here on
  int64_t left = n;     // rows still to send or skip in this batch; -1: all
  bool sending = pull;  // PULL: send them; DISCARD: skip them
  bool discard_rest = false;
  bool lost = false;                    // the connection is gone
  std::optional<BoltError> idle_error;  // the client did not come back in time
  const Status stop = Status::Internal("the result was closed");
  double limit = backend_.write_timeout_seconds();
  request.rows = [&](std::vector<Value>& row) -> Status {
    if (sending) Record(row, out);
    if (out->size() >= kStreamFlushBytes && !connection_->Send(out)) {
      lost = true;
      return stop;
    }
    if (left == -1 || --left > 0) return Status::OK();
    Success({{"has_more", true}}, out);
    if (!connection_->Send(out)) {
      lost = true;
      return stop;
    }
    std::optional<std::string> next = AwaitRequest(limit, &lost, &idle_error);
    if (!next) return stop;
    Result<Message> m = DecodeMessage(*next);
    if (m.ok() && (m->tag == kPull || m->tag == kDiscard)) {
      auto [more, qid] = PullArgsOf(*m);
      if ((qid == -1 || qid == 0) && (more == -1 || more > 0)) {
        if (m->tag == kDiscard && more == -1) {
          discard_rest = true;
          return stop;
        }
        left = more;
        sending = m->tag == kPull;
        return Status::OK();
      }
    }
    pending_request_ = std::move(*next);  // handled after this result ends
    return stop;
  };
  std::optional<BoltError> error = backend_.Run(login_, request, &result);
  if (lost) return false;
  if (!error || discard_rest) {
    Finished(result, started, out);
    return true;
  }
  if (idle_error) {
    tx_failure_ = idle_error;  // the client's next request gets it
    return true;
  }
  if (pending_request_.has_value()) return true;  // STREAMING with no result: see Handle
  if (interrupt_.load()) return Interrupted(out);
  Fail(*error, out);
  return true;
}

void Session::OnBegin(const Message& m, std::string* out) {
  const ValueMap& extra = MapField(m, 0);
  bool named = false;
  if (auto error = CheckDatabase(extra, &named)) return Fail(*error, out);
  const Value* mode = Find(extra, "mode");
  bool read_only = mode != nullptr && mode->is_string() && mode->as_string() == "r";
  double timeout = backend_.write_timeout_seconds();
  const Value* tx_timeout = Find(extra, "tx_timeout");  // milliseconds
  if (tx_timeout != nullptr && tx_timeout->is_int() && tx_timeout->as_int() > 0) {
    double asked = static_cast<double>(tx_timeout->as_int()) / 1000.0;
    if (timeout <= 0 || asked < timeout) timeout = asked;
  }
  StatementScope scope;
  if (auto error = ScopeOf(SubMap(extra, "tx_metadata"), &scope)) return Fail(*error, out);
  tx_ = std::make_unique<ExplicitTransaction>(read_only, timeout, std::move(scope));
  next_qid_ = 0;
  last_qid_ = -1;
  ValueMap meta;
  if (!named && version_.AtLeast(5, 8)) meta["db"] = Value(kDatabaseName);
  state_ = State::kTxReady;
  Success(meta, out);
}

void Session::OnCommit(std::string* out) {
  streams_.clear();  // results not pulled are discarded, as DISCARD would
  std::optional<BoltError> error = backend_.Commit(*tx_);
  tx_.reset();
  if (error.has_value()) return Fail(*error, out);
  state_ = State::kReady;
  Success({{"bookmark", Value(backend_.NextBookmark())}}, out);
}

void Session::OnRollback(std::string* out) {
  streams_.clear();
  EndTransaction();
  state_ = State::kReady;
  Success({}, out);
}

// One server plays every role; drivers with neo4j:// then send all work here.
void Session::OnRoute(const Message& m, std::string* out) {
  const ValueMap& routing = MapField(m, 0);
  std::string address = address_;
  if (const Value* a = Find(routing, "address"); a != nullptr && a->is_string())
    address = a->as_string();
  ValueList servers;
  for (const char* role : {"WRITE", "READ", "ROUTE"}) {
    servers.push_back(
        Value(ValueMap{{"addresses", Value(ValueList{Value(address)})}, {"role", Value(role)}}));
  }
  ValueMap rt = {{"ttl", Value(int64_t{300})}, {"servers", Value(std::move(servers))}};
  if (version_.AtLeast(4, 4)) rt["db"] = Value(kDatabaseName);
  Success({{"rt", Value(std::move(rt))}}, out);
}

void Session::OnReset(std::string* out) {
  reset_closed_result_ = state_ == State::kStreaming || state_ == State::kTxStreaming;
  interrupt_.store(false);
  EndTransaction();
  streams_.clear();
  state_ = State::kReady;
  Success({}, out);
}

// --- responses ------------------------------------------------------------

void Session::Success(const ValueMap& meta, std::string* out) const {
  std::string payload;
  PackWriter w(&payload);
  w.StructHeader(1, kSuccess);
  w.Map(meta, version_);
  AppendChunked(payload, out);
}

void Session::Ignored(std::string* out) const {
  std::string payload;
  PackWriter(&payload).StructHeader(0, kIgnored);
  AppendChunked(payload, out);
}

void Session::Record(const std::vector<Value>& row, std::string* out) {
  scratch_.clear();
  PackWriter w(&scratch_);
  w.StructHeader(1, kRecord);
  w.ListHeader(row.size());
  for (const auto& v : row) w.Value(v, version_);
  AppendChunked(scratch_, out);
}

void Session::Failure(const BoltError& error, std::string* out) const {
  ValueMap meta = {{"message", Value(error.message)}};
  if (!version_.AtLeast(5, 7)) {
    meta["code"] = Value(error.code);
  } else {
    auto [gql, description] = GqlStatusFor(error.code);
    meta["neo4j_code"] = Value(error.code);
    meta["gql_status"] = Value(gql);
    meta["description"] = Value(description + ". " + error.message);
    std::string classification =
        error.code.find(".ClientError.") != std::string::npos      ? "CLIENT_ERROR"
        : error.code.find(".TransientError.") != std::string::npos ? "TRANSIENT_ERROR"
                                                                   : "DATABASE_ERROR";
    ValueMap record = {{"OPERATION", Value("")},
                       {"OPERATION_CODE", Value("0")},
                       {"CURRENT_SCHEMA", Value("/")},
                       {"_classification", Value(classification)}};
    if (error.line > 0) {
      record["_position"] = Value(ValueMap{{"line", Value(int64_t{error.line})},
                                           {"column", Value(int64_t{error.column})},
                                           {"offset", Value(int64_t{error.offset})}});
    }
    meta["diagnostic_record"] = Value(std::move(record));
  }
  std::string payload;
  PackWriter w(&payload);
  w.StructHeader(1, kFailure);
  w.Map(meta, version_);
  AppendChunked(payload, out);
}

}  // namespace kg::server::internal::bolt
