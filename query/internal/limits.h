// The engine's fixed limits on nesting. Every recursion over query input
// (parser, binder, evaluator, matcher, values built by a query) is bounded by
// one of these, so no statement can exhaust the stack: it gets a clear error
// instead (as SQLite's SQLITE_MAX_EXPR_DEPTH). docs/query-language.md
// ("Limits") states them.
#pragma once

#include <cstddef>

namespace kg::query::internal {

// Deepest expression tree (a AND b AND c ... counts one level per operator;
// parentheses, brackets, NOT, unary minus, function calls one level each) and
// deepest parser recursion. SyntaxError ExpressionTooDeep beyond it.
inline constexpr size_t kMaxExpressionDepth = 1000;

// Relationships in one pattern part, and hops of one variable-length match
// (each is one level of the matcher's recursion).
inline constexpr size_t kMaxPatternLength = 1000;

// Deepest list/map value a query may build (reduce() can nest without bound
// in a few bytes of text; every later walk over the value recurses per level).
inline constexpr size_t kMaxValueDepth = 1000;

}  // namespace kg::query::internal
