// The catalog of the query language's functions: one const entry per scalar
// function and per aggregate, each holding everything the engine knows about
// it (name, arity, argument and return types, determinism, bind-time check,
// evaluator). The binder resolves a call here once and stores the entry in
// the bound call (BoundExpr::function, BoundExpr::aggregate_def, bound.h);
// evaluation calls the stored evaluator with no lookup by name.
//
// Each family of functions keeps its table in its own file and exposes it
// through one of the *Functions() spans below; catalog.cc joins them.
// Adding a function is one entry in its family's table (plus a case under
// tests/query/cases/ and a line in docs/query-language.md, which
// catalog_test checks): see docs/internals.md, "Adding a function".
// Procedures (CALL) live in the ProcedureRegistry of query/procedures.h,
// an object passed in QueryOptions because analytics adds its own.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/value.h"
#include "query/internal/static_type.h"

namespace kg::query::internal {

class EvalContext;
struct BoundExpr;
struct AggState;

// Computes one call from its evaluated arguments (`args` may be moved
// from). Errors carry their class and position (use ctx.Error / BadArg
// with the argument's span).
using ScalarFn = Result<Value> (*)(EvalContext& ctx, const BoundExpr& call,
                                   std::vector<Value>& args);

// A check the binder runs on the call (its arguments bound already) beyond
// argument types: returns the error's TCK detail, the argument it points at
// and the message, or a problem with detail == nullptr when the call is fine.
struct BindProblem {
  const char* detail = nullptr;
  size_t arg = 0;
  const char* message = "";
};
using BindCheckFn = BindProblem (*)(const BoundExpr& call);

// Arguments past this index accept any type.
constexpr size_t kMaxTypedArgs = 3;

struct FunctionDef {
  const char* name;  // as documented ("toLower"); calls match it ignoring case
  int min_args;
  int max_args;  // -1 = variadic
  ScalarFn fn;
  // The static type of the result the binder assumes (kAny = depends on the
  // arguments). It feeds the binder's checks, so giving a function a type
  // turns some of its misuses into compile-time errors.
  SType returns = SType::kAny;
  // Static types accepted by each argument (0 = any); a known type outside
  // the set is a SyntaxError InvalidArgumentType at that argument.
  std::array<TypeSet, kMaxTypedArgs> args{};
  // False when equal arguments may give different results (rand(), the
  // clocks): such calls must not be folded or cached.
  bool deterministic = true;
  BindCheckFn check = nullptr;
};

// An aggregate: per group, `init` readies a state, `update` adds each
// non-null argument value (after DISTINCT filtering), `merge` folds the
// state of another partition of the same group into `into` (not used for
// DISTINCT, whose seen-sets are per partition), `finalize` gives the value.
struct AggregateDef {
  const char* name;  // as documented ("stDev"); matched ignoring case
  int num_args;      // the value, then for percentiles the percentile in [0, 1]
  SType returns;
  // True when repeating an input value cannot change the result (min, max):
  // the planner may then feed the aggregate distinct values only.
  bool ignores_duplicates;
  void (*init)(AggState& state);
  Status (*update)(EvalContext& ctx, const BoundExpr& agg, AggState& state, const Value& v);
  Status (*merge)(EvalContext& ctx, const BoundExpr& agg, AggState& into, AggState& from);
  Value (*finalize)(AggState& state);
};

// The scalar function of this name (any case), or nullptr.
const FunctionDef* FindFunction(std::string_view name);
// The aggregate of this name (any case), or nullptr. count(*) is "count".
const AggregateDef* FindAggregate(std::string_view name);

// The signature as kg.functions() lists it: "labels(NODE) :: LIST",
// "substring(ANY, ANY[, ANY]) :: ANY", "coalesce(ANY, ...) :: ANY".
std::string Signature(const FunctionDef& f);
std::string Signature(const AggregateDef& a);

// Every scalar function, family by family; every aggregate.
std::vector<const FunctionDef*> AllFunctions();
std::span<const AggregateDef> AllAggregates();

// The family tables, each defined in the file that implements the family.
std::span<const FunctionDef> GraphFunctions();     // functions.cc: graph, lists, conversions
std::span<const FunctionDef> NumberFunctions();    // number_functions.cc
std::span<const FunctionDef> StringFunctions();    // string_functions.cc
std::span<const FunctionDef> TemporalFunctions();  // temporal_functions.cc
std::span<const FunctionDef> DurationFunctions();  // duration_functions.cc
std::span<const FunctionDef> KgFunctions();        // kg_functions.cc: the kg.* extensions

}  // namespace kg::query::internal
