// Fuzz target: the query lexer and parser (query/internal/lexer.h,
// parser.h). Any text must give tokens and a Statement or a SyntaxError;
// every token's span must lie inside the text, since error messages and
// the binder slice the text with it.
//
// Deep nesting ("((((...", "NOT NOT ...") overflows the recursive parser's
// stack today; the depth limit belongs to the parser, so the run scripts cap
// the input length (-max_len) instead of filtering here.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "query/internal/lexer.h"
#include "query/internal/parser.h"

namespace qi = kg::query::internal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  qi::SourceText source{std::string(reinterpret_cast<const char*>(data), size)};
  kg::Result<std::vector<qi::Token>> tokens = qi::Lex(source);
  if (tokens.ok()) {
    if (tokens->empty() || tokens->back().kind != qi::Tok::kEnd) std::abort();
    for (const qi::Token& t : *tokens)
      if (t.span.begin > t.span.end || t.span.end > size) std::abort();
  }
  kg::Result<qi::Statement> statement = qi::Parse(source);
  if (!tokens.ok() && statement.ok()) std::abort();  // parsing lexes first
  return 0;
}
