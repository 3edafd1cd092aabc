// String functions that count in characters (Unicode code points of the
// UTF-8 text), not bytes (their catalog entries are in string_functions.cc),
// and BadArg, the argument TypeError every function family uses.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/value.h"

namespace kg::query::internal {

class EvalContext;
struct BoundExpr;

// The TypeError for argument `i` (value `v`) of `call`, at that argument:
// "invalid argument of type STRING to left()". Shared by every function.
Status BadArg(EvalContext& ctx, const BoundExpr& call, size_t i, const Value& v);

// Each takes the call (for error positions) and its evaluated arguments, as
// FunctionDef::fn does. A null string argument gives null; a non-string is a
// TypeError; a null or negative length is an ArgumentError.
Result<Value> LeftFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);
Result<Value> RightFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);
// trim/ltrim/rtrim/btrim(s[, chars]): strip whitespace, or any of `chars`.
Result<Value> TrimFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);
Result<Value> LTrimFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);
Result<Value> RTrimFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);
// reverse(s) by characters, reverse(list) by elements.
Result<Value> ReverseFn(EvalContext& ctx, const BoundExpr& call, std::vector<Value>& args);

}  // namespace kg::query::internal
