// Query error construction: the openCypher error class, the TCK detail code,
// the position (source:line:col) and a caret line under the offending text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kg::query::internal {

// A byte range of the query text; begin == end for a point.
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// The statement text plus the name used in positions ("query").
struct SourceText {
  std::string text;
  std::string name = "query";
};

// openCypher error classes (the TCK's names).
enum class ErrorClass {
  kSyntaxError,
  kSemanticError,
  kTypeError,
  kArgumentError,
  kEntityNotFound,
  kConstraintVerificationFailed,
  kProcedureError,
  kTimeout,
  kLimitExceeded,
  kMemoryLimitExceeded,  // QueryOptions::max_memory_bytes
  kCancelled,            // QueryOptions::cancel was set
};

const char* ErrorClassName(ErrorClass cls);

// "<Class>: <name>:<line>:<col>: [<Detail>: ]<message>\n<line text>\n<caret>".
// `compile_time` picks kSyntaxError as Status code, otherwise kInvalidArgument.
Status MakeError(const SourceText& src, ErrorClass cls, std::string_view detail, Span span,
                 std::string_view message, bool compile_time);

// Errors without a source position (runtime limits etc.).
Status MakeRuntimeError(ErrorClass cls, std::string_view detail, std::string_view message);

}  // namespace kg::query::internal
