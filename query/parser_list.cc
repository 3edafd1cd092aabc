// List-shaped and pattern expressions of the parser: list literals, list
// and pattern comprehensions, quantifiers, reduce, pattern predicates and
// EXISTS { ... }.
#include <utility>
#include <vector>

#include "query/internal/parser.h"

namespace kg::query::internal {

Result<ExprPtr> Parser::TryParsePatternPredicate() {
  size_t saved = pos_;
  auto part = ParsePatternPart();
  if (part.ok() && !part->rels.empty()) {
    if (!in_where_)
      return ErrorAt(part->span, "UnexpectedSyntax",
                     "a pattern expression is only allowed as a predicate (use EXISTS { ... } or "
                     "COUNT in WHERE)");
    ExprPtr e = Make(ExprKind::kPattern, part->span.begin);
    e->span.end = part->span.end;
    e->pattern = std::make_unique<PatternPart>(std::move(part).value());
    return e;
  }
  pos_ = saved;
  return ExprPtr();
}

Result<ExprPtr> Parser::ParseExistsSubquery(size_t begin) {
  Advance();  // EXISTS
  Advance();  // {
  AcceptKw("MATCH");
  KG_ASSIGN_OR_RETURN(PatternPart part, ParsePatternPart());
  ExprPtr e = Make(ExprKind::kPattern, begin);
  e->name = "EXISTS";  // may introduce variables, unlike a bare pattern predicate
  if (AcceptKw("WHERE")) {
    bool saved = in_where_;
    in_where_ = true;
    auto w = ParseExpr();
    in_where_ = saved;
    if (!w.ok()) return w.status();
    e->args.push_back(std::move(w).value());
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kRBrace, "'}' to end EXISTS"));
  e->span.end = PrevEnd();
  e->pattern = std::make_unique<PatternPart>(std::move(part));
  return e;
}

Result<ExprPtr> Parser::ParseListOrComprehension() {
  size_t begin = Begin();
  Advance();  // [
  if (At(Tok::kIdent) && AtKw("IN", 1)) {
    ExprPtr e = Make(ExprKind::kListComp, begin);
    e->name = Advance().text;
    Advance();
    KG_ASSIGN_OR_RETURN(ExprPtr list, ParseExpr());
    e->args.push_back(std::move(list));
    e->args.emplace_back();
    e->args.emplace_back();
    if (AcceptKw("WHERE")) {
      KG_ASSIGN_OR_RETURN(e->args[1], ParseExpr());
    }
    if (Accept(Tok::kPipe)) {
      KG_ASSIGN_OR_RETURN(e->args[2], ParseExpr());
    }
    KG_RETURN_IF_ERROR(Expect(Tok::kRBracket, "']' to end the list comprehension"));
    e->span.end = PrevEnd();
    return e;
  }
  KG_ASSIGN_OR_RETURN(ExprPtr comp, TryParsePatternComprehension(begin));
  if (comp) return comp;
  ExprPtr e = Make(ExprKind::kList, begin);
  if (!At(Tok::kRBracket)) {
    do {
      KG_ASSIGN_OR_RETURN(ExprPtr item, ParseExpr());
      e->args.push_back(std::move(item));
    } while (Accept(Tok::kComma));
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kRBracket, "']' or ',' in list"));
  e->span.end = PrevEnd();
  return e;
}

// [[p =] pattern [WHERE predicate] | expression], after the '['; null (and
// nothing consumed) when what follows is not a pattern with a relationship.
Result<ExprPtr> Parser::TryParsePatternComprehension(size_t begin) {
  size_t saved = pos_;
  bool starts = At(Tok::kLParen) || (At(Tok::kIdent) && At(Tok::kEq, 1) && At(Tok::kLParen, 2));
  if (!starts) return ExprPtr();
  auto part = ParsePatternPart();
  if (!part.ok() || part->rels.empty() || !(AtKw("WHERE") || At(Tok::kPipe))) {
    pos_ = saved;
    return ExprPtr();
  }
  ExprPtr e = Make(ExprKind::kPatternComp, begin);
  e->pattern = std::make_unique<PatternPart>(std::move(part).value());
  e->args.emplace_back();
  if (AcceptKw("WHERE")) {
    bool saved_where = in_where_;
    in_where_ = true;
    auto w = ParseExpr();
    in_where_ = saved_where;
    if (!w.ok()) return w.status();
    e->args[0] = std::move(w).value();
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kPipe, "'|' in the pattern comprehension"));
  KG_ASSIGN_OR_RETURN(ExprPtr body, ParseExpr());
  e->args.push_back(std::move(body));
  KG_RETURN_IF_ERROR(Expect(Tok::kRBracket, "']' to end the pattern comprehension"));
  e->span.end = PrevEnd();
  return e;
}

Result<ExprPtr> Parser::ParseQuantifierOrReduce(const std::string& fname, size_t begin) {
  Advance();  // (
  if (fname == "reduce") {
    ExprPtr e = Make(ExprKind::kReduce, begin);
    e->name = Advance().text;
    KG_RETURN_IF_ERROR(Expect(Tok::kEq, "'=' in reduce"));
    KG_ASSIGN_OR_RETURN(ExprPtr init, ParseExpr());
    KG_RETURN_IF_ERROR(Expect(Tok::kComma, "',' in reduce"));
    KG_ASSIGN_OR_RETURN(e->name2, ParseSymbolicName("a variable"));
    KG_RETURN_IF_ERROR(ExpectKw("IN"));
    KG_ASSIGN_OR_RETURN(ExprPtr list, ParseExpr());
    KG_RETURN_IF_ERROR(Expect(Tok::kPipe, "'|' in reduce"));
    KG_ASSIGN_OR_RETURN(ExprPtr body, ParseExpr());
    KG_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
    e->args.push_back(std::move(init));
    e->args.push_back(std::move(list));
    e->args.push_back(std::move(body));
    e->span.end = PrevEnd();
    return e;
  }
  ExprPtr e = Make(ExprKind::kQuantifier, begin);
  e->name2 = fname;
  e->name = Advance().text;
  KG_RETURN_IF_ERROR(ExpectKw("IN"));
  KG_ASSIGN_OR_RETURN(ExprPtr list, ParseExpr());
  e->args.push_back(std::move(list));
  e->args.emplace_back();
  if (AcceptKw("WHERE")) {
    KG_ASSIGN_OR_RETURN(e->args[1], ParseExpr());
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
  e->span.end = PrevEnd();
  return e;
}

}  // namespace kg::query::internal
