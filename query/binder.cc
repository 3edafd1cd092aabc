// Binding: scopes, slots, aggregates and the compile-time errors of openCypher.
// Clause-level rules live in the Binder class (internal/binder_impl.h), expression
// rules in binder_expr.cc.
#include "query/internal/binder.h"

#include "query/internal/binder_impl.h"
#include "query/internal/catalog.h"

namespace kg::query::internal {

using binding::Binder;

bool IsAggregateFunction(const std::string& name) { return FindAggregate(name) != nullptr; }

Status Bind(const SourceText& src, Statement* statement) { return Binder(src, statement).Run(); }

}  // namespace kg::query::internal
