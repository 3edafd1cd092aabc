// Scalar functions of the query language: a const table of name -> arity and
// implementation. Names are matched case-insensitively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/value.h"

namespace kg::query::internal {

class EvalContext;
struct Expr;

struct FunctionDef {
  const char* name;  // lower case
  int min_args;
  int max_args;  // -1 = variadic
  // Returns the result or an error message (the caller adds class and position):
  // Status code kInvalidArgument with message "TypeError|ArgumentError: detail: text".
  Result<Value> (*fn)(EvalContext& ctx, const Expr& call, std::vector<Value>& args);
};

// The function of this name, or nullptr.
const FunctionDef* FindFunction(std::string_view name);

}  // namespace kg::query::internal
