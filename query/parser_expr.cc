// Expression rules of the parser, following openCypher precedence:
// OR < XOR < AND < NOT < comparison < string/list/null predicates < + - <
// * / % < ^ < unary + - < postfix (property, index, slice, label test) < atom.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "core/text.h"
#include "query/internal/limits.h"
#include "query/internal/parser.h"

namespace kg::query::internal {
namespace {

ExprPtr Binary(ExprKind kind, ExprPtr a, ExprPtr b) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->span = {a->span.begin, b->span.end};
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}

ExprPtr Clone(const Expr& e) {
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->span = e.span;
  c->value = e.value;
  c->name = e.name;
  c->name2 = e.name2;
  c->keys = e.keys;
  c->distinct = e.distinct;
  c->name_spans = e.name_spans;
  c->op_span = e.op_span;
  for (const auto& a : e.args) c->args.push_back(a ? Clone(*a) : nullptr);
  if (e.else_expr) c->else_expr = Clone(*e.else_expr);
  return c;
}

}  // namespace

ExprPtr Parser::Make(ExprKind kind, size_t begin) const {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->span = {begin, begin};
  return e;
}

Status Parser::TooDeep(size_t at, std::string_view what) const {
  return ErrorAt({at, at}, "ExpressionTooDeep",
                 std::string(what) + " nest deeper than " + std::to_string(kMaxExpressionDepth) +
                     " levels (the limit)");
}

Status Parser::Enter() {
  if (depth_ >= kMaxExpressionDepth) return TooDeep(Begin(), "expressions");
  ++depth_;
  return Status::OK();
}

Status Parser::CountChain(size_t* n) {
  if (++*n >= kMaxExpressionDepth) return TooDeep(Begin(), "expressions");
  return Status::OK();
}

Status Parser::CheckHeight(Expr& root) const {
  // Post-order walk with an explicit stack; subtrees already measured (by an
  // inner ParseExpr) are not walked again, so parsing stays linear.
  std::vector<std::pair<Expr*, size_t>> stack;
  if (root.height == 0) stack.push_back({&root, 0});
  while (!stack.empty()) {
    Expr* e = stack.back().first;
    size_t i = stack.back().second++;
    if (i <= e->args.size()) {
      Expr* c = i < e->args.size() ? e->args[i].get() : e->else_expr.get();
      if (c != nullptr && c->height == 0) stack.push_back({c, 0});
      continue;
    }
    uint32_t h = e->else_expr ? e->else_expr->height : 0;
    for (const auto& a : e->args)
      if (a) h = std::max(h, a->height);
    e->height = h + 1;
    if (e->height > kMaxExpressionDepth) return TooDeep(e->span.begin, "expressions");
    stack.pop_back();
  }
  return Status::OK();
}

Result<ExprPtr> Parser::ParseExpr() {
  KG_RETURN_IF_ERROR(Enter());
  DepthGuard guard{this};
  KG_ASSIGN_OR_RETURN(ExprPtr e, ParseOr());
  KG_RETURN_IF_ERROR(CheckHeight(*e));
  return e;
}

Result<ExprPtr> Parser::ParseOr() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParseXor());
  size_t chain = 0;
  while (AcceptKw("OR")) {
    KG_RETURN_IF_ERROR(CountChain(&chain));
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParseXor());
    left = Binary(ExprKind::kOr, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::ParseXor() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParseAnd());
  size_t chain = 0;
  while (AcceptKw("XOR")) {
    KG_RETURN_IF_ERROR(CountChain(&chain));
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParseAnd());
    left = Binary(ExprKind::kXor, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::ParseAnd() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParseNot());
  size_t chain = 0;
  while (AcceptKw("AND")) {
    KG_RETURN_IF_ERROR(CountChain(&chain));
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParseNot());
    left = Binary(ExprKind::kAnd, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::ParseNot() {
  if (AtKw("NOT")) {
    size_t begin = Begin();
    Advance();
    KG_RETURN_IF_ERROR(Enter());
    DepthGuard guard{this};
    KG_ASSIGN_OR_RETURN(ExprPtr inner, ParseNot());
    ExprPtr e = Make(ExprKind::kNot, begin);
    e->span.end = inner->span.end;
    e->args.push_back(std::move(inner));
    return e;
  }
  return ParseComparison();
}

Result<ExprPtr> Parser::ParseComparison() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParsePredicate());
  ExprPtr chain;  // a < b < c  ==  a < b AND b < c
  size_t n = 0;
  while (true) {
    KG_RETURN_IF_ERROR(CountChain(&n));
    ExprKind kind;
    switch (Peek().kind) {
      case Tok::kEq:
        kind = ExprKind::kEq;
        break;
      case Tok::kNeq:
        kind = ExprKind::kNeq;
        break;
      case Tok::kLt:
        kind = ExprKind::kLt;
        break;
      case Tok::kLe:
        kind = ExprKind::kLe;
        break;
      case Tok::kGt:
        kind = ExprKind::kGt;
        break;
      case Tok::kGe:
        kind = ExprKind::kGe;
        break;
      case Tok::kRegexMatch:
        kind = ExprKind::kRegex;
        break;
      default:
        return chain ? std::move(chain) : std::move(left);
    }
    Span op = Advance().span;
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParsePredicate());
    ExprPtr next_left = Clone(*right);
    ExprPtr cmp = Binary(kind, std::move(left), std::move(right));
    cmp->op_span = op;
    chain = chain ? Binary(ExprKind::kAnd, std::move(chain), std::move(cmp)) : std::move(cmp);
    left = std::move(next_left);
  }
}

Result<ExprPtr> Parser::ParsePredicate() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParseAdditive());
  size_t n = 0;
  while (true) {
    KG_RETURN_IF_ERROR(CountChain(&n));
    if (AtKw("IS")) {
      Advance();
      bool negated = AcceptKw("NOT");
      KG_RETURN_IF_ERROR(ExpectKw("NULL"));
      ExprPtr e = Make(negated ? ExprKind::kIsNotNull : ExprKind::kIsNull, left->span.begin);
      e->span.end = PrevEnd();
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    ExprKind kind;
    if (AtKw("IN")) {
      Advance();
      kind = ExprKind::kIn;
    } else if (AtKw("STARTS") && AtKw("WITH", 1)) {
      Advance();
      Advance();
      kind = ExprKind::kStartsWith;
    } else if (AtKw("ENDS") && AtKw("WITH", 1)) {
      Advance();
      Advance();
      kind = ExprKind::kEndsWith;
    } else if (AtKw("CONTAINS")) {
      Advance();
      kind = ExprKind::kContains;
    } else {
      return left;
    }
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParseAdditive());
    left = Binary(kind, std::move(left), std::move(right));
  }
}

Result<ExprPtr> Parser::ParseAdditive() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParseMultiplicative());
  size_t chain = 0;
  while (At(Tok::kPlus) || At(Tok::kMinus)) {
    KG_RETURN_IF_ERROR(CountChain(&chain));
    ExprKind kind = Advance().kind == Tok::kPlus ? ExprKind::kAdd : ExprKind::kSub;
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParseMultiplicative());
    left = Binary(kind, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::ParseMultiplicative() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParsePower());
  size_t chain = 0;
  while (At(Tok::kStar) || At(Tok::kSlash) || At(Tok::kPercent)) {
    KG_RETURN_IF_ERROR(CountChain(&chain));
    Tok t = Advance().kind;
    ExprKind kind = t == Tok::kStar    ? ExprKind::kMul
                    : t == Tok::kSlash ? ExprKind::kDiv
                                       : ExprKind::kMod;
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParsePower());
    left = Binary(kind, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::ParsePower() {
  KG_ASSIGN_OR_RETURN(ExprPtr left, ParseUnary());
  size_t chain = 0;
  while (Accept(Tok::kCaret)) {
    KG_RETURN_IF_ERROR(CountChain(&chain));
    KG_ASSIGN_OR_RETURN(ExprPtr right, ParseUnary());
    left = Binary(ExprKind::kPow, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::ParseUnary() {
  size_t begin = Begin();
  if (At(Tok::kMinus) && (At(Tok::kInteger, 1) || At(Tok::kFloat, 1))) {
    Advance();
    return ParseNumber(true, begin);
  }
  if (At(Tok::kMinus) || At(Tok::kPlus)) {
    bool neg = Advance().kind == Tok::kMinus;
    KG_RETURN_IF_ERROR(Enter());
    DepthGuard guard{this};
    KG_ASSIGN_OR_RETURN(ExprPtr inner, ParseUnary());
    ExprPtr e = Make(neg ? ExprKind::kNeg : ExprKind::kPos, begin);
    e->span.end = inner->span.end;
    e->args.push_back(std::move(inner));
    return e;
  }
  return ParsePostfix();
}

Result<ExprPtr> Parser::ParseNumber(bool negate, size_t begin) {
  const Token& t = Advance();
  ExprPtr e = Make(ExprKind::kLiteral, begin);
  e->span.end = t.span.end;
  if (t.kind == Tok::kFloat) {
    errno = 0;
    double d = std::strtod(t.text.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(d))
      return ErrorAt(t.span, "FloatingPointOverflow", "floating point number is too large");
    e->value = negate ? 0.0 - d : d;
    return e;
  }
  int base = 10;
  std::string digits = t.text;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'o')) {
    base = digits[1] == 'x' ? 16 : 8;
    digits = digits.substr(2);
  }
  errno = 0;
  unsigned long long u = std::strtoull(digits.c_str(), nullptr, base);
  constexpr unsigned long long kMaxPos = 9223372036854775807ULL;
  if (errno == ERANGE || u > kMaxPos + (negate ? 1 : 0))
    return ErrorAt({begin, t.span.end}, "IntegerOverflow", "integer literal is too large");
  if (negate) {
    e->value = u == kMaxPos + 1 ? INT64_MIN : -static_cast<int64_t>(u);
  } else {
    e->value = static_cast<int64_t>(u);
  }
  return e;
}

Result<ExprPtr> Parser::ParsePostfix() {
  KG_ASSIGN_OR_RETURN(ExprPtr e, ParseAtom());
  size_t n = 0;
  while (true) {
    KG_RETURN_IF_ERROR(CountChain(&n));
    size_t begin = e->span.begin;
    if (Accept(Tok::kDot)) {
      KG_ASSIGN_OR_RETURN(std::string key, ParseSymbolicName("a property key after '.'"));
      ExprPtr p = Make(ExprKind::kProperty, begin);
      p->name = key;
      p->name_spans.push_back(PrevSpan());
      p->span.end = PrevEnd();
      p->args.push_back(std::move(e));
      e = std::move(p);
    } else if (Accept(Tok::kLBracket)) {
      ExprPtr from, to;
      bool slice = false;
      if (!At(Tok::kDotDot)) {
        KG_ASSIGN_OR_RETURN(from, ParseExpr());
      }
      if (Accept(Tok::kDotDot)) {
        slice = true;
        if (!At(Tok::kRBracket)) {
          KG_ASSIGN_OR_RETURN(to, ParseExpr());
        }
      }
      KG_RETURN_IF_ERROR(Expect(Tok::kRBracket, "']'"));
      if (!slice && !from) return ErrorHere("expected an index");
      ExprPtr p = Make(slice ? ExprKind::kSlice : ExprKind::kIndex, begin);
      p->span.end = PrevEnd();
      p->args.push_back(std::move(e));
      p->args.push_back(std::move(from));
      if (slice) p->args.push_back(std::move(to));
      e = std::move(p);
    } else if (At(Tok::kColon) && At(Tok::kIdent, 1)) {
      ExprPtr p = Make(ExprKind::kLabels, begin);
      while (Accept(Tok::kColon)) {
        KG_ASSIGN_OR_RETURN(std::string l, ParseSymbolicName("a label"));
        p->keys.push_back(l);
        p->name_spans.push_back(PrevSpan());
      }
      p->span.end = PrevEnd();
      p->args.push_back(std::move(e));
      e = std::move(p);
    } else {
      return e;
    }
  }
}

Result<ExprPtr> Parser::ParseAtom() {
  size_t begin = Begin();
  const Token& t = Peek();
  switch (t.kind) {
    case Tok::kInteger:
    case Tok::kFloat:
      return ParseNumber(false, begin);
    case Tok::kString: {
      ExprPtr e = Make(ExprKind::kLiteral, begin);
      e->value = Advance().text;
      e->span.end = PrevEnd();
      return e;
    }
    case Tok::kParam: {
      ExprPtr e = Make(ExprKind::kParam, begin);
      e->name = Advance().text;
      e->span.end = PrevEnd();
      return e;
    }
    case Tok::kLBracket:
      return ParseListOrComprehension();
    case Tok::kLBrace:
      return ParseMapLiteral();
    case Tok::kLParen: {
      KG_ASSIGN_OR_RETURN(ExprPtr pattern, TryParsePatternPredicate());
      if (pattern) return pattern;
      Advance();
      KG_ASSIGN_OR_RETURN(ExprPtr inner, ParseExpr());
      KG_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
      inner->span = {begin, PrevEnd()};
      return inner;
    }
    case Tok::kIdent:
      break;
    default:
      return ErrorHere("expected an expression");
  }
  if (!t.quoted) {
    if (AtKw("true") || AtKw("false")) {
      ExprPtr e = Make(ExprKind::kLiteral, begin);
      e->value = AtKw("true");
      Advance();
      e->span.end = PrevEnd();
      return e;
    }
    if (AtKw("null")) {
      ExprPtr e = Make(ExprKind::kLiteral, begin);
      Advance();
      e->span.end = PrevEnd();
      return e;
    }
    if (AtKw("CASE")) return ParseCase();
    if (AtKw("EXISTS") && At(Tok::kLBrace, 1)) return ParseExistsSubquery(begin);
  }
  return ParseFunctionOrVariable();
}

Result<ExprPtr> Parser::ParseMapLiteral() {
  size_t begin = Begin();
  KG_RETURN_IF_ERROR(Expect(Tok::kLBrace, "'{'"));
  ExprPtr e = Make(ExprKind::kMap, begin);
  if (!At(Tok::kRBrace)) {
    do {
      KG_ASSIGN_OR_RETURN(std::string key, ParseSymbolicName("a property key in the map"));
      e->name_spans.push_back(PrevSpan());
      KG_RETURN_IF_ERROR(Expect(Tok::kColon, "':' after the map key"));
      KG_ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
      e->keys.push_back(key);
      e->args.push_back(std::move(value));
    } while (Accept(Tok::kComma));
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kRBrace, "'}' or ',' in map"));
  e->span.end = PrevEnd();
  return e;
}

Result<ExprPtr> Parser::ParseCase() {
  size_t begin = Begin();
  Advance();  // CASE
  ExprPtr e = Make(ExprKind::kCase, begin);
  ExprPtr subject;
  if (!AtKw("WHEN")) {
    KG_ASSIGN_OR_RETURN(subject, ParseExpr());
  }
  e->args.push_back(std::move(subject));
  while (AcceptKw("WHEN")) {
    KG_ASSIGN_OR_RETURN(ExprPtr when, ParseExpr());
    KG_RETURN_IF_ERROR(ExpectKw("THEN"));
    KG_ASSIGN_OR_RETURN(ExprPtr then, ParseExpr());
    e->args.push_back(std::move(when));
    e->args.push_back(std::move(then));
  }
  if (e->args.size() == 1) return ErrorHere("expected WHEN in CASE");
  if (AcceptKw("ELSE")) {
    KG_ASSIGN_OR_RETURN(e->else_expr, ParseExpr());
  }
  KG_RETURN_IF_ERROR(ExpectKw("END"));
  e->span.end = PrevEnd();
  return e;
}

Result<ExprPtr> Parser::ParseFunctionOrVariable() {
  size_t begin = Begin();
  std::string name = Advance().text;
  // Dotted function names (kg.validAt): only when the chain ends in '('.
  size_t look = 0;
  while (At(Tok::kDot, look) && At(Tok::kIdent, look + 1)) look += 2;
  if (look > 0 && At(Tok::kLParen, look)) {
    while (At(Tok::kDot)) {
      Advance();
      name += "." + Advance().text;
    }
  }
  if (!At(Tok::kLParen)) {
    ExprPtr e = Make(ExprKind::kVar, begin);
    e->name = name;
    e->span.end = PrevEnd();
    return e;
  }
  std::string lower = AsciiLower(name);
  if ((lower == "all" || lower == "any" || lower == "none" || lower == "single" ||
       lower == "reduce") &&
      At(Tok::kIdent, 1))
    return ParseQuantifierOrReduce(lower, begin);
  Advance();  // (
  if (lower == "count" && At(Tok::kStar) && At(Tok::kRParen, 1)) {
    Advance();
    Advance();
    ExprPtr e = Make(ExprKind::kCountStar, begin);
    e->span.end = PrevEnd();
    return e;
  }
  ExprPtr e = Make(ExprKind::kCall, begin);
  e->name = name;
  e->distinct = AcceptKw("DISTINCT");
  // exists(pattern) is the pattern predicate, wherever it stands.
  bool saved_where = in_where_;
  if (lower == "exists") in_where_ = true;
  if (!At(Tok::kRParen)) {
    do {
      auto arg = ParseExpr();
      if (!arg.ok()) in_where_ = saved_where;
      KG_RETURN_IF_ERROR(arg.status());
      e->args.push_back(std::move(arg).value());
    } while (Accept(Tok::kComma));
  }
  in_where_ = saved_where;
  KG_RETURN_IF_ERROR(Expect(Tok::kRParen, "')' to end the function call"));
  e->span.end = PrevEnd();
  if (lower == "exists" && e->args.size() == 1 && e->args[0]->kind == ExprKind::kPattern) {
    ExprPtr pattern = std::move(e->args[0]);
    pattern->span = e->span;
    return pattern;
  }
  return e;
}

}  // namespace kg::query::internal
