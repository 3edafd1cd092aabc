// The binder: checks a parsed Statement (ast.h, read only) against
// openCypher's scoping and typing rules and returns the bound statement
// (bound.h): variable slots, resolved function and aggregate entries,
// aggregate lists, column names, pattern-predicate indexes, static types.
// Errors are SyntaxError (compile time) naming the TCK detail:
// UndefinedVariable, VariableAlreadyBound, VariableTypeConflict,
// InvalidAggregation, InvalidArgumentType, ...
#pragma once

#include "core/result.h"
#include "query/internal/ast.h"
#include "query/internal/bound.h"
#include "query/internal/errors.h"

namespace kg::query::internal {

// The bound form of `statement`, or the first compile-time error.
// `statement` is not changed; the result does not point into it.
Result<BoundStatement> Bind(const SourceText& src, const Statement& statement);

// True when the catalog has an aggregate of this name (any case).
bool IsAggregateFunction(const std::string& name);

}  // namespace kg::query::internal
