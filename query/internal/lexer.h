// Tokens of kg's openCypher-based query language and the lexer that produces
// them. Every token remembers its byte offset, line and column so that later
// phases can point at the offending text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "query/internal/errors.h"

namespace kg::query::internal {

enum class Tok {
  kEnd,
  kIdent,    // identifier or keyword (keywords are matched case-insensitively by the parser)
  kInteger,  // text holds the digits (with 0x / 0o prefixes kept)
  kFloat,
  kString,  // text holds the unescaped contents
  kParam,   // $name: text holds the name
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kComma,
  kDot,
  kDotDot,
  kColon,
  kPipe,
  kSemicolon,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kCaret,
  kEq,
  kNeq,
  kLt,
  kLe,
  kGt,
  kGe,
  kRegexMatch,
  kPlusEq,
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;     // identifier/literal contents (unescaped)
  bool quoted = false;  // identifier written in `backticks`
  Span span;
};

// Splits `text` into tokens (ending with kEnd). Unterminated strings or
// comments and stray characters are SyntaxError with their position.
Result<std::vector<Token>> Lex(const SourceText& source);

}  // namespace kg::query::internal
