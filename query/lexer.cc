// The lexer: query text -> tokens with spans. Handles // and /* */ comments,
// 'single' and "double" quoted strings with backslash escapes (\uXXXX too),
// `backtick` identifiers, decimal/hex/octal integers and floats.
#include "query/internal/lexer.h"

#include <cctype>

namespace kg::query::internal {
namespace {

bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(const SourceText& src) : src_(src), s_(src.text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    while (true) {
      KG_RETURN_IF_ERROR(SkipSpaceAndComments());
      if (pos_ >= s_.size()) break;
      Token t;
      KG_RETURN_IF_ERROR(Next(&t));
      out.push_back(std::move(t));
    }
    Token end;
    end.span = {s_.size(), s_.size()};
    out.push_back(end);
    return out;
  }

 private:
  Status Error(size_t at, std::string_view msg) {
    return MakeError(src_, ErrorClass::kSyntaxError, "UnexpectedSyntax", {at, at + 1}, msg, true);
  }

  Status SkipSpaceAndComments() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '/') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '*') {
        size_t end = s_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) return Error(pos_, "unterminated comment");
        pos_ = end + 2;
      } else {
        break;
      }
    }
    return Status::OK();
  }

  Status Next(Token* t) {
    size_t start = pos_;
    unsigned char c = s_[pos_];
    if (IsIdentStart(c)) {
      while (pos_ < s_.size() && IsIdentChar(s_[pos_])) ++pos_;
      t->kind = Tok::kIdent;
      t->text = std::string(s_.substr(start, pos_ - start));
    } else if (c == '`') {
      KG_RETURN_IF_ERROR(Backticked(t));
    } else if (std::isdigit(c) ||
               (c == '.' && pos_ + 1 < s_.size() && std::isdigit(s_[pos_ + 1]))) {
      KG_RETURN_IF_ERROR(Number(t));
    } else if (c == '\'' || c == '"') {
      KG_RETURN_IF_ERROR(String(t));
    } else if (c == '$') {
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] == '`') {
        KG_RETURN_IF_ERROR(Backticked(t));
      } else {
        size_t b = pos_;
        while (pos_ < s_.size() && IsIdentChar(s_[pos_])) ++pos_;
        if (b == pos_) return Error(start, "expected a parameter name after '$'");
        t->text = std::string(s_.substr(b, pos_ - b));
      }
      t->kind = Tok::kParam;
    } else {
      KG_RETURN_IF_ERROR(Punct(t));
    }
    t->span = {start, pos_};
    return Status::OK();
  }

  Status Backticked(Token* t) {
    size_t start = pos_++;
    std::string text;
    while (true) {
      if (pos_ >= s_.size()) return Error(start, "unterminated `identifier`");
      if (s_[pos_] == '`') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '`') {
          text += '`';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      text += s_[pos_++];
    }
    t->kind = Tok::kIdent;
    t->quoted = true;
    t->text = std::move(text);
    return Status::OK();
  }

  Status Number(Token* t) {
    size_t start = pos_;
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && (s_[pos_ + 1] == 'x' || s_[pos_ + 1] == 'o')) {
      pos_ += 2;
      while (pos_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      t->kind = Tok::kInteger;
    } else {
      bool is_float = false;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      if (pos_ + 1 < s_.size() && s_[pos_] == '.' &&
          std::isdigit(static_cast<unsigned char>(s_[pos_ + 1]))) {
        is_float = true;
        ++pos_;
        while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      }
      if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
        size_t p = pos_ + 1;
        if (p < s_.size() && (s_[p] == '-' || s_[p] == '+')) ++p;
        if (p < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p]))) {
          is_float = true;
          pos_ = p;
          while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
        }
      }
      t->kind = is_float ? Tok::kFloat : Tok::kInteger;
    }
    if (pos_ < s_.size() && IsIdentStart(s_[pos_])) return Error(start, "invalid number literal");
    t->text = std::string(s_.substr(start, pos_ - start));
    return Status::OK();
  }

  Status String(Token* t) {
    size_t start = pos_;
    char quote = s_[pos_++];
    std::string text;
    while (true) {
      if (pos_ >= s_.size()) return Error(start, "unterminated string literal");
      char c = s_[pos_++];
      if (c == quote) break;
      if (c != '\\') {
        text += c;
        continue;
      }
      if (pos_ >= s_.size()) return Error(start, "unterminated string literal");
      char e = s_[pos_++];
      switch (e) {
        case 'n':
          text += '\n';
          break;
        case 't':
          text += '\t';
          break;
        case 'r':
          text += '\r';
          break;
        case 'b':
          text += '\b';
          break;
        case 'f':
          text += '\f';
          break;
        case '\\':
          text += '\\';
          break;
        case '\'':
          text += '\'';
          break;
        case '"':
          text += '"';
          break;
        case 'u':
        case 'U': {
          size_t n = e == 'u' ? 4 : 8;
          if (pos_ + n > s_.size()) return Error(pos_ - 2, "bad unicode escape");
          uint32_t cp = 0;
          for (size_t i = 0; i < n; ++i) {
            char h = s_[pos_ + i];
            if (!std::isxdigit(static_cast<unsigned char>(h)))
              return Error(pos_ - 2, "bad unicode escape");
            cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h))
                                ? h - '0'
                                : (std::tolower(h) - 'a' + 10));
          }
          pos_ += n;
          AppendUtf8(cp, &text);
          break;
        }
        default:
          return Error(pos_ - 2, "invalid escape sequence");
      }
    }
    t->kind = Tok::kString;
    t->text = std::move(text);
    return Status::OK();
  }

  Status Punct(Token* t) {
    auto two = [&](char a, char b) {
      return s_[pos_] == a && pos_ + 1 < s_.size() && s_[pos_ + 1] == b;
    };
    struct P {
      char a, b;
      Tok k;
    };
    static const P kTwo[] = {{'.', '.', Tok::kDotDot}, {'<', '>', Tok::kNeq},
                             {'!', '=', Tok::kNeq},    {'<', '=', Tok::kLe},
                             {'>', '=', Tok::kGe},     {'=', '~', Tok::kRegexMatch},
                             {'+', '=', Tok::kPlusEq}};
    for (const P& p : kTwo) {
      if (two(p.a, p.b)) {
        t->kind = p.k;
        pos_ += 2;
        return Status::OK();
      }
    }
    static const P kOne[] = {
        {'(', 0, Tok::kLParen},   {')', 0, Tok::kRParen},    {'[', 0, Tok::kLBracket},
        {']', 0, Tok::kRBracket}, {'{', 0, Tok::kLBrace},    {'}', 0, Tok::kRBrace},
        {',', 0, Tok::kComma},    {'.', 0, Tok::kDot},       {':', 0, Tok::kColon},
        {'|', 0, Tok::kPipe},     {';', 0, Tok::kSemicolon}, {'+', 0, Tok::kPlus},
        {'-', 0, Tok::kMinus},    {'*', 0, Tok::kStar},      {'/', 0, Tok::kSlash},
        {'%', 0, Tok::kPercent},  {'^', 0, Tok::kCaret},     {'=', 0, Tok::kEq},
        {'<', 0, Tok::kLt},       {'>', 0, Tok::kGt}};
    for (const P& p : kOne) {
      if (s_[pos_] == p.a) {
        t->kind = p.k;
        ++pos_;
        return Status::OK();
      }
    }
    return Error(pos_, std::string("unexpected character '") + s_[pos_] + "'");
  }

  const SourceText& src_;
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<Token>> Lex(const SourceText& source) { return Lexer(source).Run(); }

}  // namespace kg::query::internal
