// Status: the outcome of every operation that can fail on user input or I/O.
// kg does not throw; functions return Status or Result<T> (see result.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace kg {

// The closed set of error classes. Messages carry the place ("query:2:14: ...",
// "nodes.csv:41:3: ...") and the reason; codes let callers pick an exit code or
// HTTP status.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad argument or bad input data
  kSyntaxError,      // a query or file that does not parse
  kNotFound,
  kAlreadyExists,
  kSchemaViolation,  // rejected by the ontology
  kCorruption,       // stored data that fails to decode or breaks an invariant
  kIOError,          // file system or RocksDB failure, lock held by another process
  kNotSupported,
  kInternal,  // a bug in kg
};

// Returns the code's name, e.g. "InvalidArgument".
std::string_view StatusCodeName(StatusCode code);

// Where in a source an error is: line and column count from 1 (0 = unknown);
// `file` names the source ("query", or the file of `kg query -f FILE`).
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;
  bool known() const { return line > 0; }
};

// An OK status is one null pointer: every call that can fail returns one,
// most succeed, and building and destroying a status with its strings inline
// (120 bytes) was a visible part of the bulk import's per-row cost. An error
// owns its details; copies copy them; a moved-from status is OK.
class [[nodiscard]] Status {
 public:
  Status() noexcept = default;  // OK
  // kOk makes an OK status (the message is dropped).
  Status(StatusCode code, std::string message);
  Status(const Status& other) : rep_(other.rep_ ? Copy(*other.rep_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) rep_.reset(other.rep_ ? Copy(*other.rep_) : nullptr);
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status SyntaxError(std::string msg) { return {StatusCode::kSyntaxError, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) {
    return {StatusCode::kAlreadyExists, std::move(msg)};
  }
  static Status SchemaViolation(std::string msg) {
    return {StatusCode::kSchemaViolation, std::move(msg)};
  }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {StatusCode::kIOError, std::move(msg)}; }
  static Status NotSupported(std::string msg) {
    return {StatusCode::kNotSupported, std::move(msg)};
  }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  const std::string& message() const { return rep_ ? rep_->message : Empty().message; }

  // "OK", or "<CodeName>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>" (same code, class
  // and position); OK stays OK.
  Status WithPrefix(std::string_view prefix) const;

  // The error's class as openCypher/Neo4j name it ("SyntaxError",
  // "SemanticError", "TypeError", "ArgumentError", "EntityNotFound",
  // "ProcedureError", "Timeout", "LimitExceeded", "Unauthorized",
  // "Forbidden", ...); empty when the code says all. Fronts report this (and
  // the position) from these fields, never by parsing the message.
  const std::string& error_class() const { return rep_ ? rep_->error_class : Empty().error_class; }
  // The source position the error points at; !known() when none.
  const SourcePosition& position() const { return rep_ ? rep_->position : Empty().position; }
  // Copies with the class / position set (OK stays OK).
  Status WithClass(std::string error_class) const;
  Status WithPosition(SourcePosition position) const;

 private:
  struct Rep {
    StatusCode code = StatusCode::kOk;
    std::string message;
    std::string error_class;
    SourcePosition position;
  };
  // Out of line, so that a status's inline destructor is a null test and
  // the strings' code is not repeated at every call site.
  struct Delete {
    void operator()(Rep* rep) const;
  };
  static Rep* Copy(const Rep& rep);
  static const Rep& Empty();  // what an OK status reports

  std::unique_ptr<Rep, Delete> rep_;
};

}  // namespace kg

#define KG_STATUS_CONCAT_INNER_(a, b) a##b
#define KG_STATUS_CONCAT_(a, b) KG_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (a Status) is not OK.
#define KG_RETURN_IF_ERROR(expr)                     \
  do {                                               \
    ::kg::Status kg_status_tmp_ = (expr);            \
    if (!kg_status_tmp_.ok()) return kg_status_tmp_; \
  } while (0)
