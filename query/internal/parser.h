// The recursive-descent parser: tokens -> Statement AST. Clause and pattern
// rules live in parser.cc, expression rules in parser_expr.cc. Errors are
// SyntaxError with the position of the unexpected token.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "query/internal/ast.h"
#include "query/internal/lexer.h"

namespace kg::query::internal {

// Parses one statement (optionally ending in ';').
Result<Statement> Parse(const SourceText& source);

class Parser {
 public:
  Parser(const SourceText& src, std::vector<Token> tokens) : src_(src), toks_(std::move(tokens)) {}

  Result<Statement> ParseStatement();

  // --- expressions (parser_expr.cc) ---
  Result<ExprPtr> ParseExpr();

 private:
  friend class ExprParser;
  // Token helpers.
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  bool At(Tok k, size_t ahead = 0) const { return Peek(ahead).kind == k; }
  bool AtKw(std::string_view kw, size_t ahead = 0) const;
  bool AcceptKw(std::string_view kw);
  bool Accept(Tok k);
  const Token& Advance() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  Status Expect(Tok k, std::string_view what);
  Status ExpectKw(std::string_view kw);
  Status ErrorHere(std::string_view message) const;
  Status ErrorAt(Span span, std::string_view detail, std::string_view message) const;
  size_t Begin() const { return Peek().span.begin; }
  size_t PrevEnd() const { return pos_ == 0 ? 0 : toks_[pos_ - 1].span.end; }
  Span PrevSpan() const { return pos_ == 0 ? Span{} : toks_[pos_ - 1].span; }
  Result<std::string> ParseSymbolicName(std::string_view what);

  // Clauses (parser.cc).
  Result<SingleQuery> ParseSingleQuery();
  Status ParseClause(Clause* c);
  Status ParseMatch(Clause* c);
  Status ParseProjection(Projection* p, bool is_with);
  Status ParseUpdateItems(bool remove, std::vector<SetItem>* items);
  Status ParseCall(Clause* c);
  Status ParseMerge(Clause* c);
  Result<std::vector<PatternPart>> ParsePatternList();
  Result<PatternPart> ParsePatternPart();
  Status ParsePatternChain(PatternPart* part);
  Result<NodePattern> ParseNodePattern();
  Result<RelPattern> ParseRelPattern();
  Status ParseRangeLiteral(RelPattern* rel);
  Result<ExprPtr> ParsePropertiesOpt();
  bool LooksLikeRelationship() const;

  // Expressions (parser_expr.cc).
  Result<ExprPtr> ParseOr();
  Result<ExprPtr> ParseXor();
  Result<ExprPtr> ParseAnd();
  Result<ExprPtr> ParseNot();
  Result<ExprPtr> ParseComparison();
  Result<ExprPtr> ParsePredicate();
  Result<ExprPtr> ParseAdditive();
  Result<ExprPtr> ParseMultiplicative();
  Result<ExprPtr> ParsePower();
  Result<ExprPtr> ParseUnary();
  Result<ExprPtr> ParsePostfix();
  Result<ExprPtr> ParseAtom();
  Result<ExprPtr> ParseNumber(bool negate, size_t begin);
  Result<ExprPtr> ParseListOrComprehension();
  Result<ExprPtr> ParseMapLiteral();
  Result<ExprPtr> ParseCase();
  Result<ExprPtr> ParseFunctionOrVariable();
  Result<ExprPtr> ParseQuantifierOrReduce(const std::string& fname, size_t begin);
  Result<ExprPtr> ParseExistsSubquery(size_t begin);
  Result<ExprPtr> TryParsePatternPredicate();
  Result<ExprPtr> TryParsePatternComprehension(size_t begin);
  ExprPtr Make(ExprKind kind, size_t begin) const;

  // Nesting limits (query/internal/limits.h). Enter counts one level of
  // recursion and fails past kMaxExpressionDepth (pair it with a Leave,
  // through DepthGuard); CountChain does the same for one more operator of a
  // left-associative chain; CheckHeight verifies a finished expression tree
  // without recursing (heights are memoised in Expr::height).
  Status Enter();
  void Leave() { --depth_; }
  Status CountChain(size_t* n);
  Status CheckHeight(Expr& root) const;
  Status TooDeep(size_t at, std::string_view what) const;
  struct DepthGuard {
    Parser* p;
    ~DepthGuard() { p->Leave(); }
  };

  const SourceText& src_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  bool in_where_ = false;  // pattern predicates are only allowed inside WHERE
  size_t depth_ = 0;       // current recursion depth (Enter/Leave)
};

}  // namespace kg::query::internal
