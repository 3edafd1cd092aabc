// The Bolt server state machine: requests in, SUCCESS/RECORD/FAILURE/IGNORED out.
#include "server/internal/bolt_session.h"

#include "server/internal/bolt_wire.h"

namespace kg::server::internal::bolt {
namespace {

using Clock = std::chrono::steady_clock;

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
  if (!keep) state_ = State::kDefunct;
  return keep;
}

bool Session::Dispatch(const Message& m, std::string* out) {
  if (m.tag == kGoodbye) return false;
  if (state_ == State::kNegotiation) return m.tag == kHello ? OnHello(m, out) : Violation(m, out);
  if (state_ == State::kAuthentication)
    return m.tag == kLogon ? OnLogon(m, out) : Violation(m, out);
  if (m.tag == kReset) {
    OnReset(out);
    return true;
  }
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
      if (!streaming) return Violation(m, out);
      OnPullOrDiscard(m, m.tag == kPull, out);
      return true;
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

bool Session::Violation(const Message& m, std::string* out) {
  static const char* kStateNames[] = {"NEGOTIATION", "AUTHENTICATION", "READY",  "STREAMING",
                                      "TX_READY",    "TX_STREAMING",   "FAILED", "DEFUNCT"};
  Failure(
      {"Neo.ClientError.Request.Invalid", Describe(m) + " cannot be handled by a session in the " +
                                              kStateNames[static_cast<int>(state_)] + " state"},
      out);
  return false;
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
  if (auto error = backend_.Run(login_, m.fields[0].as_string(), params, read_mode, tx_.get(),
                                scope, &stream.result)) {
    if (in_tx) EndTransaction();  // a failed statement fails its transaction
    streams_.clear();
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

void Session::OnPullOrDiscard(const Message& m, bool pull, std::string* out) {
  const ValueMap& extra = MapField(m, 0);
  const Value* n_value = Find(extra, "n");
  const Value* qid_value = Find(extra, "qid");
  int64_t n = n_value != nullptr && n_value->is_int() ? n_value->as_int() : -1;
  int64_t qid = qid_value != nullptr && qid_value->is_int() ? qid_value->as_int() : -1;
  if (tx_ == nullptr || qid == -1) qid = tx_ == nullptr ? 0 : last_qid_;
  auto it = streams_.find(qid);
  if (it == streams_.end() || n == 0 || n < -1)
    return Fail({"Neo.ClientError.Request.Invalid",
                 it == streams_.end() ? "no open result with qid " + std::to_string(qid)
                                      : "n must be -1 or positive"},
                out);
  Stream& s = it->second;
  size_t total = s.result.rows.size();
  size_t end = n == -1 ? total : std::min(total, s.next + static_cast<size_t>(n));
  if (pull) {
    for (size_t i = s.next; i < end; ++i) Record(s.result.rows[i], out);
  }
  s.next = end;
  if (end < total) return Success({{"has_more", true}}, out);
  ValueMap meta = {{"t_last", Value(MillisSince(s.started))},
                   {"type", Value(s.result.writes ? "rw" : "r")},
                   {"db", Value(kDatabaseName)}};
  if (!s.result.notifications.empty())
    meta["notifications"] = Value(std::move(s.result.notifications));
  streams_.erase(it);
  if (tx_ == nullptr) {
    meta["bookmark"] = Value(backend_.NextBookmark());
    state_ = State::kReady;
  } else {
    state_ = streams_.empty() ? State::kTxReady : State::kTxStreaming;
  }
  Success(meta, out);
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
