// Pattern predicates and pattern comprehensions: both run the pattern's
// matching sub-plan from the current row; a predicate stops at the first
// match, a comprehension projects every match.
#include "query/internal/eval.h"

namespace kg::query::internal {

Result<Value> EvalPattern(const BoundExpr& e, Row& row, EvalContext& ctx) {
  if (!ctx.pattern_match) return Status::Internal("pattern expression without executor");
  const BoundExpr* where = e.args.empty() ? nullptr : e.args[0].get();
  if (e.kind == ExprKind::kPattern) {
    bool found = false;
    KG_RETURN_IF_ERROR(ctx.pattern_match(e, row, [&](Row& match, bool* more) -> Status {
      if (where != nullptr) {
        KG_ASSIGN_OR_RETURN(bool keep, EvalPredicate(*where, match, ctx));
        if (!keep) return Status::OK();
      }
      found = true;
      *more = false;
      return Status::OK();
    }));
    return Value(found);
  }
  ValueList out;
  uint64_t bytes = 0;
  KG_RETURN_IF_ERROR(ctx.pattern_match(e, row, [&](Row& match, bool*) -> Status {
    KG_RETURN_IF_ERROR(ctx.CheckDeadline());
    if (where != nullptr) {
      KG_ASSIGN_OR_RETURN(bool keep, EvalPredicate(*where, match, ctx));
      if (!keep) return Status::OK();
    }
    KG_ASSIGN_OR_RETURN(Value v, Eval(*e.args[1], match, ctx));
    bytes += ApproxBytes(v);
    KG_RETURN_IF_ERROR(ctx.memory.Fits(bytes));
    out.push_back(std::move(v));
    return Status::OK();
  }));
  return Value(std::move(out));
}

}  // namespace kg::query::internal
