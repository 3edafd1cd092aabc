// The small enums the syntax tree (ast.h) and the bound query (bound.h)
// share: the kinds of expressions, clauses and paths and the direction of a
// relationship. They live here so that the bound form, and everything after
// the binder that reads it, does not depend on the syntax tree.
#pragma once

namespace kg::query::internal {

enum class ExprKind {
  kLiteral,   // value
  kParam,     // name
  kVar,       // name (slot after binding)
  kProperty,  // args[0].name
  kList,      // args
  kMap,       // keys[i] -> args[i]
  kNot,
  kNeg,
  kPos,
  kAnd,
  kOr,
  kXor,
  kEq,
  kNeq,
  kLt,
  kLe,
  kGt,
  kGe,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
  kIsNull,
  kIsNotNull,
  kIn,
  kStartsWith,
  kEndsWith,
  kContains,
  kRegex,
  kIndex,  // args[0][args[1]]
  kSlice,  // args[0][args[1]..args[2]] (null children = open ends)
  kCall,   // name(args), distinct
  kCountStar,
  kCase,         // args[0] = subject or null; then pairs when/then; else_expr
  kListComp,     // [name IN args[0] WHERE args[1] | args[2]] (null children allowed)
  kQuantifier,   // name2 = all/any/none/single; name IN args[0] WHERE args[1]
  kReduce,       // reduce(name = args[0], name2 IN args[1] | args[2])
  kLabels,       // args[0]:labels...
  kPattern,      // pattern predicate / EXISTS { pattern [WHERE args[0]] }
  kPatternComp,  // [pattern WHERE args[0] | args[1]] (args[0] may be null)
};

enum class RelDir { kRight, kLeft, kBoth };

enum class PathKind { kNormal, kShortest, kAllShortest };

enum class ClauseKind {
  kMatch,
  kUnwind,
  kWith,
  kReturn,
  kCreate,
  kMerge,
  kSet,
  kRemove,
  kDelete,
  kCall
};

// EXPLAIN and PROFILE prefixes.
enum class StatementMode { kRun, kExplain, kProfile };

enum class SetKind { kProperty, kReplaceMap, kMergeMap, kLabels };

}  // namespace kg::query::internal
