// The Bolt front's adapter to the server's Service: auth, statements,
// transactions and Neo4j status codes.
#include "server/internal/bolt_backend.h"

#include <algorithm>
#include <map>

namespace kg::server::internal::bolt {
namespace {

using Clock = std::chrono::steady_clock;

const Value* Find(const ValueMap& map, const char* key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

std::string StringField(const ValueMap& map, const char* key) {
  const Value* v = Find(map, key);
  return v != nullptr && v->is_string() ? v->as_string() : "";
}

bool SameToken(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;  // no early exit: the time does not leak the token
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

BoltError Unauthorized(std::string message) {
  return {"Neo.ClientError.Security.Unauthorized", std::move(message)};
}

// The 0-based offset of 1-based line:column in `text`.
int OffsetOf(const std::string& text, int line, int column) {
  size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return 0;
    ++pos;
  }
  return static_cast<int>(pos) + column - 1;
}

// A session notification as Neo4j's Bolt server sends it.
Value BoltNotification(const session::Notification& n, const std::string& text) {
  ValueMap out = {
      {"code", Value("Neo.ClientNotification.Statement." + n.code)},
      {"title", Value(n.title)},
      {"description", Value(n.description)},
      {"severity", Value("WARNING")},
      {"category", Value(n.code == "IncomparableTypesWarning" ? "GENERIC" : "UNRECOGNIZED")}};
  if (n.position.known()) {
    out["position"] = Value(ValueMap{
        {"offset", Value(static_cast<int64_t>(OffsetOf(text, n.position.line, n.position.column)))},
        {"line", Value(static_cast<int64_t>(n.position.line))},
        {"column", Value(static_cast<int64_t>(n.position.column))}});
  }
  return Value(std::move(out));
}

}  // namespace

ExplicitTransaction::ExplicitTransaction(bool read_only, double timeout_seconds,
                                         StatementScope scope)
    : read_only_(read_only), timeout_seconds_(timeout_seconds), scope_(std::move(scope)) {}

std::optional<BoltError> ScopeOf(const ValueMap& tx_metadata, StatementScope* out) {
  auto invalid = [](const std::string& message) {
    return BoltError{"Neo.ClientError.Request.Invalid", "tx_metadata: " + message};
  };
  StatementScope scope;
  for (auto [key, day] :
       {std::pair{"validAt", &scope.scope.valid_at}, std::pair{"knownAt", &scope.scope.known_at},
        std::pair{"asOf", &scope.scope.as_of}}) {
    const Value* v = Find(tx_metadata, key);
    if (v == nullptr || v->is_null()) continue;
    if (v->is_date()) {
      *day = v->as_date();
      continue;
    }
    if (!v->is_string()) return invalid(std::string(key) + " must be a date or \"YYYY-MM-DD\"");
    Result<std::optional<Date>> parsed = session::ParseDay(v->as_string(), key);
    if (!parsed.ok()) return invalid(parsed.status().message());
    *day = *parsed;
  }
  if (const Value* v = Find(tx_metadata, "minConfidence"); v != nullptr && !v->is_null()) {
    if (!v->is_number()) return invalid("minConfidence must be a number between 0 and 1");
    scope.scope.min_confidence = v->as_number();
    if (Status s = scope.scope.Filter().status(); !s.ok()) return invalid(s.message());
  }
  if (const Value* v = Find(tx_metadata, "strict"); v != nullptr && !v->is_null()) {
    if (!v->is_bool()) return invalid("strict must be a boolean");
    scope.strict = v->as_bool();
  }
  *out = std::move(scope);
  return std::nullopt;
}

ExplicitTransaction::~ExplicitTransaction() = default;  // the session transaction rolls back

bool ExplicitTransaction::Expired(Clock::time_point now) const {
  if (!holds_writer() || timeout_seconds_ <= 0) return false;
  return std::chrono::duration<double>(now - txn_->write_started()).count() > timeout_seconds_;
}

std::optional<BoltError> Backend::Authenticate(const ValueMap& auth, Login* login) const {
  const ServerOptions& options = service_.options();
  std::string scheme = StringField(auth, "scheme");
  if (scheme.empty()) scheme = "none";
  *login = Login{};
  if (scheme == "none") {
    if (options.auth_reads && !options.token.empty())
      return Unauthorized("this server needs credentials: basic auth with the server's token");
    return std::nullopt;
  }
  if (scheme != "basic" && scheme != "bearer")
    return Unauthorized("unsupported authentication scheme '" + scheme +
                        "'; use basic auth with the server's token as the password");
  std::string credentials = StringField(auth, "credentials");
  if (options.token.empty()) return std::nullopt;  // nothing to check against; writes refused
  if (!SameToken(credentials, options.token))
    return Unauthorized("The client is unauthorized due to authentication failure.");
  login->token = std::move(credentials);
  return std::nullopt;
}

std::optional<BoltError> Backend::Authorize(const Login& login, bool writes, bool read_mode) const {
  if (writes && read_mode)
    return BoltError{"Neo.ClientError.Statement.AccessMode",
                     "Writing in read access mode not allowed."};
  std::optional<ApiError> denied = service_.Authorize(login.token, writes);
  if (!denied.has_value()) return std::nullopt;
  // Credentials were checked at login, so a denial here means a login
  // without the token (scheme none): Neo4j's answer to a user who lacks the
  // privilege is Forbidden.
  if (denied->http_status == 401)
    return BoltError{"Neo.ClientError.Security.Forbidden",
                     writes ? "write statements need basic auth with the server's token"
                            : "this server needs basic auth with the server's token"};
  if (writes && service_.options().read_only)
    return BoltError{"Neo.ClientError.General.ForbiddenOnReadOnlyDatabase", denied->message};
  return BoltError{"Neo.ClientError.Security.Forbidden", denied->message};
}

session::CallOptions Backend::OptionsFor(const Login& login, const RunRequest& request) const {
  const StatementScope& chosen = request.tx != nullptr ? request.tx->scope_ : request.scope;
  session::CallOptions options = service_.CallOptionsFor(login.token, request.params, chosen.scope);
  options.lock_wait_seconds = write_timeout_seconds();
  if (chosen.strict.has_value()) options.strict = *chosen.strict;
  options.interrupt = request.interrupt;
  return options;
}

BoltError Backend::ErrorOf(const Status& status, const std::string& text) const {
  BoltError error = ToBoltError(service_.NameLimit(status));
  if (error.line > 0) error.offset = OffsetOf(text, error.line, error.column);
  return error;
}

ValueMap BoltStats(const UpdateCounters& c) {
  ValueMap stats;
  for (const auto& [name, count] : c.Named()) {
    if (count == 0) continue;
    std::string bolt_name = name;  // Neo4j's Bolt names: nodes-created, ...
    std::replace(bolt_name.begin(), bolt_name.end(), '_', '-');
    stats[bolt_name] = Value(static_cast<int64_t>(count));
  }
  if (!stats.empty()) stats["contains-updates"] = Value(true);
  return stats;
}

std::optional<BoltError> Backend::Prepare(const Login& login, const RunRequest& request,
                                          StatementResult* out) {
  // Prepared once: the session caches the plan that Run then uses.
  Result<session::PreparedInfo> prepared =
      service_.session().Prepare(request.text, OptionsFor(login, request));
  if (!prepared.ok()) return ErrorOf(prepared.status(), request.text);
  bool read_mode = request.read_mode || (request.tx != nullptr && request.tx->read_only());
  if (auto error = Authorize(login, prepared->writes, read_mode)) return error;
  out->columns = prepared->columns;
  out->writes = prepared->writes;
  return std::nullopt;
}

std::optional<BoltError> Backend::Run(const Login& login, const RunRequest& request,
                                      StatementResult* out) {
  if (auto error = Prepare(login, request, out)) return error;
  session::Session& db = service_.session();
  session::CallOptions options = OptionsFor(login, request);
  options.row_consumer = request.rows;
  Result<session::QueryResult> result = Status::Internal("not run");
  if (request.tx != nullptr) {
    ExplicitTransaction& tx = *request.tx;
    if (tx.txn_ == nullptr) tx.txn_ = db.Begin();
    result = db.RunIn(*tx.txn_, request.text, options);
  } else {
    result = db.Run(request.text, options);
  }
  if (!result.ok()) return ErrorOf(result.status(), request.text);
  out->columns = std::move(result->table.columns);
  out->rows = std::move(result->table.rows);
  for (const session::Notification& n : result->notifications)
    out->notifications.push_back(BoltNotification(n, request.text));
  out->stats = BoltStats(result->counters);
  return std::nullopt;
}

std::optional<BoltError> Backend::Commit(ExplicitTransaction& tx) {
  if (tx.txn_ == nullptr) return std::nullopt;  // nothing run
  Status committed = service_.session().Commit(*tx.txn_);
  if (!committed.ok()) return ToBoltError(committed);
  return std::nullopt;
}

void Backend::Rollback(ExplicitTransaction& tx) {
  if (tx.txn_ != nullptr) service_.session().Rollback(*tx.txn_);
}

BoltError ToBoltError(const Status& status) {
  static const std::map<std::string, std::string> kCodes = {
      {"SyntaxError", "Neo.ClientError.Statement.SyntaxError"},
      {"SemanticError", "Neo.ClientError.Statement.SemanticError"},
      {"TypeError", "Neo.ClientError.Statement.TypeError"},
      {"ArgumentError", "Neo.ClientError.Statement.ArgumentError"},
      {"EntityNotFound", "Neo.ClientError.Statement.EntityNotFound"},
      {"ConstraintVerificationFailed", "Neo.ClientError.Schema.ConstraintValidationFailed"},
      {"SchemaViolation", "Neo.ClientError.Schema.ConstraintValidationFailed"},
      {"AlreadyExists", "Neo.ClientError.Schema.ConstraintValidationFailed"},
      {"ProcedureError", "Neo.ClientError.Procedure.ProcedureCallFailed"},
      {"Timeout", "Neo.TransientError.Statement.ExecutionTimeout"},
      {"LimitExceeded", "Neo.ClientError.Statement.LimitExceeded"},
      {"InvalidArgument", "Neo.ClientError.Statement.ArgumentError"},
      {"NotFound", "Neo.ClientError.Statement.EntityNotFound"},
      {"NotSupported", "Neo.ClientError.Statement.NotSupported"},
      {"LockTimeout", "Neo.TransientError.Transaction.LockAcquisitionTimeout"},
  };
  ApiError api = ToApiError(status);
  BoltError error;
  auto it = kCodes.find(api.code);
  error.code = it != kCodes.end() ? it->second : "Neo.DatabaseError.General.UnknownError";
  // A notification made an error by --strict: the client's mistake.
  if (it == kCodes.end() && api.code.ends_with("Warning"))
    error.code = "Neo.ClientError.Statement." + api.code;
  error.message = api.message;
  error.line = api.line;
  error.column = api.column;
  return error;
}

std::pair<std::string, std::string> GqlStatusFor(const std::string& neo4j_code) {
  static const std::map<std::string, std::pair<std::string, std::string>> kGql = {
      {"Neo.ClientError.Statement.SyntaxError",
       {"42001", "error: syntax error or access rule violation - invalid syntax"}},
      {"Neo.ClientError.Statement.SemanticError",
       {"42000", "error: syntax error or access rule violation"}},
      {"Neo.ClientError.Statement.TypeError",
       {"22G03", "error: data exception - invalid value type"}},
      {"Neo.ClientError.Statement.AccessMode",
       {"42N02", "error: syntax error or access rule violation - writing in read access mode"}},
      {"Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
       {"42N18", "error: syntax error or access rule violation - read-only database"}},
      {"Neo.ClientError.Security.Unauthorized",
       {"42NFF", "error: syntax error or access rule violation - permission/access denied"}},
      {"Neo.ClientError.Security.Forbidden",
       {"42NFF", "error: syntax error or access rule violation - permission/access denied"}},
      {"Neo.ClientError.Request.Invalid",
       {"08N06", "error: connection exception - protocol error"}},
      {"Neo.ClientError.Transaction.TransactionTimedOut",
       {"25N05", "error: invalid transaction state - transaction closed"}},
  };
  auto it = kGql.find(neo4j_code);
  if (it != kGql.end()) return it->second;
  if (neo4j_code.find(".ClientError.") != std::string::npos)
    return {"22000", "error: data exception"};
  return {"50N42", "error: general processing exception - unexpected error"};
}

}  // namespace kg::server::internal::bolt
