// Clause and pattern rules of the parser (expressions are in parser_expr.cc).
#include "query/internal/parser.h"

#include <strings.h>

#include <cctype>

#include "query/internal/limits.h"

namespace kg::query::internal {

Result<Statement> Parse(const SourceText& source) {
  KG_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(source));
  Parser parser(source, std::move(tokens));
  return parser.ParseStatement();
}

bool Parser::AtKw(std::string_view kw, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == Tok::kIdent && !t.quoted && t.text.size() == kw.size() &&
         strncasecmp(t.text.data(), kw.data(), kw.size()) == 0;
}

bool Parser::AcceptKw(std::string_view kw) {
  if (!AtKw(kw)) return false;
  Advance();
  return true;
}

bool Parser::Accept(Tok k) {
  if (!At(k)) return false;
  Advance();
  return true;
}

Status Parser::ErrorHere(std::string_view message) const {
  const Token& t = Peek();
  std::string msg(message);
  msg += t.kind == Tok::kEnd
             ? " (got end of input)"
             : " (got '" + src_.text.substr(t.span.begin, t.span.end - t.span.begin) + "')";
  return MakeError(src_, ErrorClass::kSyntaxError, "UnexpectedSyntax", t.span, msg, true);
}

Status Parser::ErrorAt(Span span, std::string_view detail, std::string_view message) const {
  return MakeError(src_, ErrorClass::kSyntaxError, detail, span, message, true);
}

Status Parser::Expect(Tok k, std::string_view what) {
  if (Accept(k)) return Status::OK();
  return ErrorHere(std::string("expected ") + std::string(what));
}

Status Parser::ExpectKw(std::string_view kw) {
  if (AcceptKw(kw)) return Status::OK();
  return ErrorHere("expected " + std::string(kw));
}

Result<std::string> Parser::ParseSymbolicName(std::string_view what) {
  if (!At(Tok::kIdent)) return ErrorHere("expected " + std::string(what));
  return Advance().text;
}

Result<Statement> Parser::ParseStatement() {
  Statement st;
  if (AcceptKw("EXPLAIN"))
    st.mode = Statement::Mode::kExplain;
  else if (AcceptKw("PROFILE"))
    st.mode = Statement::Mode::kProfile;
  while (true) {
    KG_ASSIGN_OR_RETURN(SingleQuery q, ParseSingleQuery());
    st.parts.push_back(std::move(q));
    if (!AcceptKw("UNION")) break;
    st.union_all.push_back(AcceptKw("ALL"));
  }
  Accept(Tok::kSemicolon);
  if (!At(Tok::kEnd)) return ErrorHere("unexpected input after the end of the statement");
  return st;
}

Result<SingleQuery> Parser::ParseSingleQuery() {
  SingleQuery q;
  while (!At(Tok::kEnd) && !At(Tok::kSemicolon) && !AtKw("UNION")) {
    Clause c;
    KG_RETURN_IF_ERROR(ParseClause(&c));
    bool is_return = c.kind == ClauseKind::kReturn;
    q.clauses.push_back(std::move(c));
    if (is_return) break;
  }
  if (q.clauses.empty()) return ErrorHere("expected a clause (MATCH, RETURN, CREATE, ...)");
  return q;
}

Status Parser::ParseClause(Clause* c) {
  c->span = Peek().span;
  if (AtKw("OPTIONAL")) {
    Advance();
    KG_RETURN_IF_ERROR(ExpectKw("MATCH"));
    c->optional = true;
    return ParseMatch(c);
  }
  if (AcceptKw("MATCH")) return ParseMatch(c);
  if (AcceptKw("UNWIND")) {
    c->kind = ClauseKind::kUnwind;
    KG_ASSIGN_OR_RETURN(c->expr, ParseExpr());
    KG_RETURN_IF_ERROR(ExpectKw("AS"));
    c->span = Peek().span;
    KG_ASSIGN_OR_RETURN(c->var, ParseSymbolicName("a variable after AS"));
    return Status::OK();
  }
  if (AcceptKw("WITH")) {
    c->kind = ClauseKind::kWith;
    return ParseProjection(&c->projection, true);
  }
  if (AcceptKw("RETURN")) {
    c->kind = ClauseKind::kReturn;
    return ParseProjection(&c->projection, false);
  }
  if (AcceptKw("CREATE")) {
    c->kind = ClauseKind::kCreate;
    KG_ASSIGN_OR_RETURN(c->patterns, ParsePatternList());
    return Status::OK();
  }
  if (AcceptKw("MERGE")) return ParseMerge(c);
  if (AcceptKw("SET")) {
    c->kind = ClauseKind::kSet;
    return ParseUpdateItems(false, &c->set_items);
  }
  if (AcceptKw("REMOVE")) {
    c->kind = ClauseKind::kRemove;
    return ParseUpdateItems(true, &c->set_items);
  }
  if (AtKw("DETACH") || AtKw("DELETE")) {
    c->kind = ClauseKind::kDelete;
    c->detach = AcceptKw("DETACH");
    KG_RETURN_IF_ERROR(ExpectKw("DELETE"));
    do {
      KG_ASSIGN_OR_RETURN(ExprPtr e, ParseExpr());
      c->exprs.push_back(std::move(e));
    } while (Accept(Tok::kComma));
    return Status::OK();
  }
  if (AcceptKw("CALL")) return ParseCall(c);
  return ErrorHere("expected a clause (MATCH, RETURN, WITH, CREATE, ...)");
}

Status Parser::ParseMatch(Clause* c) {
  c->kind = ClauseKind::kMatch;
  KG_ASSIGN_OR_RETURN(c->patterns, ParsePatternList());
  if (AcceptKw("WHERE")) {
    in_where_ = true;
    auto e = ParseExpr();
    in_where_ = false;
    if (!e.ok()) return e.status();
    c->where = std::move(e).value();
  }
  return Status::OK();
}

Status Parser::ParseProjection(Projection* p, bool is_with) {
  p->span = Peek().span;
  p->distinct = AcceptKw("DISTINCT");
  if (Accept(Tok::kStar)) {
    p->star = true;
    if (!Accept(Tok::kComma)) goto after_items;
  }
  do {
    ReturnItem item;
    size_t begin = Begin();
    KG_ASSIGN_OR_RETURN(item.expr, ParseExpr());
    if (AcceptKw("AS")) {
      KG_ASSIGN_OR_RETURN(item.alias, ParseSymbolicName("an alias after AS"));
      item.explicit_alias = true;
    } else {
      item.alias = item.expr->kind == ExprKind::kVar
                       ? item.expr->name
                       : src_.text.substr(begin, item.expr->span.end - begin);
    }
    p->items.push_back(std::move(item));
  } while (Accept(Tok::kComma));
after_items:
  if (AtKw("ORDER")) {
    Advance();
    KG_RETURN_IF_ERROR(ExpectKw("BY"));
    do {
      SortItem s;
      KG_ASSIGN_OR_RETURN(s.expr, ParseExpr());
      if (AcceptKw("DESC") || AcceptKw("DESCENDING"))
        s.descending = true;
      else if (AcceptKw("ASC") || AcceptKw("ASCENDING"))
        s.descending = false;
      p->order_by.push_back(std::move(s));
    } while (Accept(Tok::kComma));
  }
  if (AcceptKw("SKIP")) {
    KG_ASSIGN_OR_RETURN(p->skip, ParseExpr());
  }
  if (AcceptKw("LIMIT")) {
    KG_ASSIGN_OR_RETURN(p->limit, ParseExpr());
  }
  if (is_with && AcceptKw("WHERE")) {
    in_where_ = true;
    auto e = ParseExpr();
    in_where_ = false;
    if (!e.ok()) return e.status();
    p->where = std::move(e).value();
  }
  return Status::OK();
}

// SET items (`n.k = e`, `n = map`, `n += map`, `n:L`) or REMOVE items
// (`n.k`, `n:L`): a variable, then labels or property steps.
Status Parser::ParseUpdateItems(bool remove, std::vector<SetItem>* items) {
  do {
    SetItem item;
    size_t begin = Begin();
    KG_ASSIGN_OR_RETURN(std::string var,
                        ParseSymbolicName(remove ? "a variable to REMOVE" : "a variable to SET"));
    ExprPtr target = Make(ExprKind::kVar, begin);
    target->name = var;
    target->span.end = PrevEnd();
    if (At(Tok::kColon)) {
      item.kind = SetItem::Kind::kLabels;
      while (Accept(Tok::kColon)) {
        KG_ASSIGN_OR_RETURN(std::string l, ParseSymbolicName("a label"));
        item.labels.push_back(l);
      }
    } else {
      auto property_step = [&]() -> Status {
        KG_ASSIGN_OR_RETURN(std::string key, ParseSymbolicName("a property key"));
        ExprPtr prop = Make(ExprKind::kProperty, begin);
        prop->name = key;
        prop->args.push_back(std::move(target));
        prop->span.end = PrevEnd();
        target = std::move(prop);
        return Status::OK();
      };
      if (remove) {  // exactly one property step
        KG_RETURN_IF_ERROR(Expect(Tok::kDot, "'.' or ':' in REMOVE"));
        KG_RETURN_IF_ERROR(property_step());
      }
      while (!remove && Accept(Tok::kDot)) KG_RETURN_IF_ERROR(property_step());
      if (remove || target->kind == ExprKind::kProperty) {
        if (!remove) KG_RETURN_IF_ERROR(Expect(Tok::kEq, "'=' in SET"));
        item.kind = SetItem::Kind::kProperty;
      } else if (Accept(Tok::kPlusEq)) {
        item.kind = SetItem::Kind::kMergeMap;
      } else {
        KG_RETURN_IF_ERROR(Expect(Tok::kEq, "'=', '+=' or ':' in SET"));
        item.kind = SetItem::Kind::kReplaceMap;
      }
      if (!remove) {
        KG_ASSIGN_OR_RETURN(item.value, ParseExpr());
      }
    }
    item.target = std::move(target);
    item.span = {begin, PrevEnd()};
    items->push_back(std::move(item));
  } while (Accept(Tok::kComma));
  return Status::OK();
}

Status Parser::ParseMerge(Clause* c) {
  c->kind = ClauseKind::kMerge;
  KG_ASSIGN_OR_RETURN(PatternPart part, ParsePatternPart());
  c->patterns.push_back(std::move(part));
  while (AtKw("ON")) {
    Advance();
    bool on_create = AcceptKw("CREATE");
    if (!on_create) KG_RETURN_IF_ERROR(ExpectKw("MATCH"));
    KG_RETURN_IF_ERROR(ExpectKw("SET"));
    KG_RETURN_IF_ERROR(ParseUpdateItems(false, on_create ? &c->on_create : &c->set_items));
  }
  return Status::OK();
}

Status Parser::ParseCall(Clause* c) {
  c->kind = ClauseKind::kCall;
  KG_ASSIGN_OR_RETURN(c->proc_name, ParseSymbolicName("a procedure name"));
  while (Accept(Tok::kDot)) {
    KG_ASSIGN_OR_RETURN(std::string part, ParseSymbolicName("a procedure name"));
    c->proc_name += "." + part;
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' after the procedure name"));
  if (!At(Tok::kRParen)) {
    do {
      KG_ASSIGN_OR_RETURN(ExprPtr e, ParseExpr());
      c->exprs.push_back(std::move(e));
    } while (Accept(Tok::kComma));
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
  if (AcceptKw("YIELD")) {
    if (Accept(Tok::kStar)) {
      c->yield_star = true;
    } else {
      do {
        KG_ASSIGN_OR_RETURN(std::string col, ParseSymbolicName("a column to YIELD"));
        std::string alias = col;
        if (AcceptKw("AS")) {
          KG_ASSIGN_OR_RETURN(alias, ParseSymbolicName("an alias"));
        }
        c->yields.emplace_back(col, alias);
      } while (Accept(Tok::kComma));
    }
    if (AcceptKw("WHERE")) {
      KG_ASSIGN_OR_RETURN(c->where, ParseExpr());
    }
  } else {
    c->yield_star = true;
  }
  return Status::OK();
}

Result<std::vector<PatternPart>> Parser::ParsePatternList() {
  std::vector<PatternPart> parts;
  do {
    KG_ASSIGN_OR_RETURN(PatternPart p, ParsePatternPart());
    parts.push_back(std::move(p));
  } while (Accept(Tok::kComma));
  return parts;
}

Result<PatternPart> Parser::ParsePatternPart() {
  PatternPart part;
  size_t begin = Begin();
  if (At(Tok::kIdent) && At(Tok::kEq, 1)) {
    part.path_var = Advance().text;
    Advance();
  }
  bool shortest = AtKw("shortestPath") && At(Tok::kLParen, 1);
  bool all_shortest = AtKw("allShortestPaths") && At(Tok::kLParen, 1);
  if (shortest || all_shortest) {
    Advance();
    Advance();
    part.kind = shortest ? PathKind::kShortest : PathKind::kAllShortest;
    KG_RETURN_IF_ERROR(ParsePatternChain(&part));
    KG_RETURN_IF_ERROR(Expect(Tok::kRParen, "')' after the shortest path pattern"));
  } else {
    KG_RETURN_IF_ERROR(ParsePatternChain(&part));
  }
  part.span = {begin, PrevEnd()};
  return part;
}

Status Parser::ParsePatternChain(PatternPart* part) {
  if (At(Tok::kLParen) && At(Tok::kLParen, 1)) {  // parenthesised pattern
    KG_RETURN_IF_ERROR(Enter());
    DepthGuard guard{this};
    Advance();
    KG_RETURN_IF_ERROR(ParsePatternChain(part));
    return Expect(Tok::kRParen, "')'");
  }
  KG_ASSIGN_OR_RETURN(NodePattern first, ParseNodePattern());
  part->nodes.push_back(std::move(first));
  while (LooksLikeRelationship()) {
    if (part->rels.size() >= kMaxPatternLength)
      return ErrorAt({Begin(), Begin()}, "PatternTooLong",
                     "a pattern has more than " + std::to_string(kMaxPatternLength) +
                         " relationships (the limit)");
    KG_ASSIGN_OR_RETURN(RelPattern rel, ParseRelPattern());
    part->rels.push_back(std::move(rel));
    KG_ASSIGN_OR_RETURN(NodePattern node, ParseNodePattern());
    part->nodes.push_back(std::move(node));
  }
  return Status::OK();
}

bool Parser::LooksLikeRelationship() const {
  if (At(Tok::kMinus)) return At(Tok::kLBracket, 1) || At(Tok::kMinus, 1) || At(Tok::kGt, 1);
  if (At(Tok::kLt)) return At(Tok::kMinus, 1);
  return false;
}

Result<NodePattern> Parser::ParseNodePattern() {
  NodePattern n;
  size_t begin = Begin();
  KG_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' to start a node pattern"));
  if (At(Tok::kIdent)) n.var = Advance().text;
  while (Accept(Tok::kColon)) {
    KG_ASSIGN_OR_RETURN(std::string l, ParseSymbolicName("a label after ':'"));
    n.labels.push_back(l);
    n.label_spans.push_back(PrevSpan());
  }
  KG_ASSIGN_OR_RETURN(n.props, ParsePropertiesOpt());
  KG_RETURN_IF_ERROR(Expect(Tok::kRParen, "')' to end the node pattern"));
  n.span = {begin, PrevEnd()};
  return n;
}

Result<ExprPtr> Parser::ParsePropertiesOpt() {
  if (At(Tok::kLBrace)) return ParseMapLiteral();
  if (At(Tok::kParam)) {
    ExprPtr e = Make(ExprKind::kParam, Begin());
    e->name = Advance().text;
    e->span.end = PrevEnd();
    return e;
  }
  return ExprPtr();
}

Result<RelPattern> Parser::ParseRelPattern() {
  RelPattern r;
  size_t begin = Begin();
  bool left = Accept(Tok::kLt);
  KG_RETURN_IF_ERROR(Expect(Tok::kMinus, "'-'"));
  if (Accept(Tok::kLBracket)) {
    if (At(Tok::kIdent)) r.var = Advance().text;
    if (Accept(Tok::kColon)) {
      do {
        Accept(Tok::kColon);
        KG_ASSIGN_OR_RETURN(std::string t, ParseSymbolicName("a relationship type"));
        r.types.push_back(t);
        r.type_spans.push_back(PrevSpan());
      } while (Accept(Tok::kPipe));
    }
    if (Accept(Tok::kStar)) {
      r.var_length = true;
      KG_RETURN_IF_ERROR(ParseRangeLiteral(&r));
    }
    KG_ASSIGN_OR_RETURN(r.props, ParsePropertiesOpt());
    KG_RETURN_IF_ERROR(Expect(Tok::kRBracket, "']' to end the relationship pattern"));
  }
  KG_RETURN_IF_ERROR(Expect(Tok::kMinus, "'-'"));
  bool right = Accept(Tok::kGt);
  r.dir = left && !right ? RelDir::kLeft : (right && !left ? RelDir::kRight : RelDir::kBoth);
  r.span = {begin, PrevEnd()};
  return r;
}

Status Parser::ParseRangeLiteral(RelPattern* rel) {
  auto parse_int = [&](int64_t* out) -> Status {
    const Token& t = Advance();
    errno = 0;
    *out = std::strtoll(t.text.c_str(), nullptr, 10);
    if (errno != 0) return ErrorAt(t.span, "IntegerOverflow", "hop count too large");
    return Status::OK();
  };
  if (At(Tok::kInteger)) {
    KG_RETURN_IF_ERROR(parse_int(&rel->min_hops));
    if (!Accept(Tok::kDotDot)) {
      rel->max_hops = rel->min_hops;
      return Status::OK();
    }
    if (At(Tok::kInteger)) KG_RETURN_IF_ERROR(parse_int(&rel->max_hops));
    return Status::OK();
  }
  if (Accept(Tok::kDotDot)) {
    if (At(Tok::kInteger)) KG_RETURN_IF_ERROR(parse_int(&rel->max_hops));
  }
  return Status::OK();
}

}  // namespace kg::query::internal
