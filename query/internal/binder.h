// The binder: checks a parsed Statement against openCypher's scoping and
// typing rules and annotates it in place (variable slots, aggregates, column
// names, pattern-predicate indexes). Errors are SyntaxError (compile time)
// naming the TCK detail: UndefinedVariable, VariableAlreadyBound,
// VariableTypeConflict, InvalidAggregation, InvalidArgumentType, ...
#pragma once

#include "core/status.h"
#include "query/internal/ast.h"
#include "query/internal/errors.h"

namespace kg::query::internal {

Status Bind(const SourceText& src, Statement* statement);

// True when the catalog has an aggregate of this name (any case).
bool IsAggregateFunction(const std::string& name);

}  // namespace kg::query::internal
