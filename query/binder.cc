// Binding: scopes, slots, aggregates and the compile-time errors of openCypher.
// Clause-level rules live in the Binder class (internal/binder_impl.h), expression
// rules in binder_expr.cc.
#include "query/internal/binder.h"

#include "query/internal/binder_impl.h"

namespace kg::query::internal {

using binding::Binder;
using binding::Lower;

bool IsAggregateFunction(const std::string& name) {
  std::string l = Lower(name);
  return l == "count" || l == "sum" || l == "avg" || l == "min" || l == "max" || l == "collect" ||
         l == "stdev" || l == "stdevp" || l == "percentiledisc" || l == "percentilecont";
}

Status Bind(const SourceText& src, Statement* statement) { return Binder(src, statement).Run(); }

}  // namespace kg::query::internal
