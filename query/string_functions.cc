// The string functions and their catalog entries: toLower, toUpper, split,
// substring, replace (on bytes: ASCII case mapping), and left, right, the
// trim family and reverse over UTF-8 strings, whose positions and lengths
// count code points, as openCypher's characters.
#include "query/internal/string_functions.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "query/internal/bound.h"
#include "query/internal/catalog.h"
#include "query/internal/eval.h"

namespace kg::query::internal {

Status BadArg(EvalContext& ctx, const BoundExpr& call, size_t i, const Value& v) {
  Span span = i < call.args.size() ? call.args[i]->span : call.span;
  return ctx.TypeError(span, std::string("invalid argument of type ") + ValueTypeName(v.type()) +
                                 " to " + call.name + "()");
}

namespace {

using Args = std::vector<Value>;

bool IsContinuation(unsigned char ch) { return (ch & 0xC0) == 0x80; }

// The code points of `s`, each as its bytes.
std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i + 1;
    while (j < s.size() && IsContinuation(static_cast<unsigned char>(s[j]))) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// The string of left()/right() and its length argument, checked.
Result<bool> StringAndLength(EvalContext& ctx, const BoundExpr& c, Args& a, int64_t* len) {
  if (!a[0].is_null() && !a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  if (a[1].is_null())
    return ctx.Error(ErrorClass::kArgumentError, "InvalidArgumentValue", c.args[1]->span,
                     "the length must not be null");
  if (!a[1].is_int()) return BadArg(ctx, c, 1, a[1]);
  *len = a[1].as_int();
  if (*len < 0)
    return ctx.Error(ErrorClass::kArgumentError, "NegativeIntegerArgument", c.args[1]->span,
                     "the length must not be negative");
  return !a[0].is_null();
}

Result<Value> Take(EvalContext& ctx, const BoundExpr& c, Args& a, bool from_left) {
  int64_t len = 0;
  KG_ASSIGN_OR_RETURN(bool has, StringAndLength(ctx, c, a, &len));
  if (!has) return Value();
  std::vector<std::string_view> cps = CodePoints(a[0].as_string());
  size_t n = std::min(cps.size(), static_cast<size_t>(len));
  std::string out;
  size_t begin = from_left ? 0 : cps.size() - n;
  for (size_t i = begin; i < begin + n; ++i) out += cps[i];
  return Value(std::move(out));
}

bool IsTrimmed(std::string_view cp, const std::vector<std::string_view>* chars) {
  if (chars == nullptr) return cp.size() == 1 && std::isspace(static_cast<unsigned char>(cp[0]));
  return std::find(chars->begin(), chars->end(), cp) != chars->end();
}

Result<Value> TrimImpl(EvalContext& ctx, const BoundExpr& c, Args& a, bool left, bool right) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_null()) return Value();
    if (!a[i].is_string()) return BadArg(ctx, c, i, a[i]);
  }
  std::vector<std::string_view> chars;
  if (a.size() > 1) chars = CodePoints(a[1].as_string());
  const std::vector<std::string_view>* set = a.size() > 1 ? &chars : nullptr;
  std::vector<std::string_view> cps = CodePoints(a[0].as_string());
  size_t b = 0, e = cps.size();
  while (left && b < e && IsTrimmed(cps[b], set)) ++b;
  while (right && e > b && IsTrimmed(cps[e - 1], set)) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) out += cps[i];
  return Value(std::move(out));
}

Result<Value> MapString(EvalContext& ctx, const BoundExpr& c, Args& a, int (*f)(int)) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  std::string s = a[0].as_string();
  for (char& ch : s) ch = static_cast<char>(f(static_cast<unsigned char>(ch)));
  return Value(std::move(s));
}
Result<Value> ToLower(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return MapString(ctx, c, a, ::tolower);
}
Result<Value> ToUpper(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return MapString(ctx, c, a, ::toupper);
}

Result<Value> Split(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  if (!a[1].is_string()) return BadArg(ctx, c, 1, a[1]);
  const std::string& s = a[0].as_string();
  const std::string& d = a[1].as_string();
  ValueList out;
  if (d.empty()) {
    for (char ch : s) out.emplace_back(std::string(1, ch));
    return Value(std::move(out));
  }
  size_t pos = 0;
  while (true) {
    size_t next = s.find(d, pos);
    if (next == std::string::npos) break;
    out.emplace_back(s.substr(pos, next - pos));
    pos = next + d.size();
  }
  out.emplace_back(s.substr(pos));
  return Value(std::move(out));
}

Result<Value> Substring(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  if (!a[1].is_int()) return BadArg(ctx, c, 1, a[1]);
  if (a.size() > 2 && !a[2].is_int()) return BadArg(ctx, c, 2, a[2]);
  const std::string& s = a[0].as_string();
  int64_t start = a[1].as_int();
  int64_t len = a.size() > 2 ? a[2].as_int() : static_cast<int64_t>(s.size());
  if (start < 0 || len < 0)
    return ctx.Error(ErrorClass::kArgumentError, "NegativeIntegerArgument", c.span,
                     "negative argument to substring()");
  if (start >= static_cast<int64_t>(s.size())) return Value(std::string());
  return Value(s.substr(start, len));
}

Result<Value> Replace(EvalContext& ctx, const BoundExpr& c, Args& a) {
  for (size_t i = 0; i < 3; ++i) {
    if (a[i].is_null()) return Value();
    if (!a[i].is_string()) return BadArg(ctx, c, i, a[i]);
  }
  std::string s = a[0].as_string();
  const std::string& from = a[1].as_string();
  const std::string& to = a[2].as_string();
  if (from.empty()) return Value(s);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(from, pos);
    if (next == std::string::npos) break;
    out += s.substr(pos, next - pos) + to;
    pos = next + from.size();
  }
  out += s.substr(pos);
  return Value(std::move(out));
}

}  // namespace

Result<Value> LeftFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return Take(ctx, c, a, true);
}
Result<Value> RightFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return Take(ctx, c, a, false);
}

Result<Value> TrimFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return TrimImpl(ctx, c, a, true, true);
}
Result<Value> LTrimFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return TrimImpl(ctx, c, a, true, false);
}
Result<Value> RTrimFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  return TrimImpl(ctx, c, a, false, true);
}

Result<Value> ReverseFn(EvalContext& ctx, const BoundExpr& c, Args& a) {
  if (a[0].is_null()) return Value();
  if (a[0].is_list()) return Value(ValueList(a[0].as_list().rbegin(), a[0].as_list().rend()));
  if (!a[0].is_string()) return BadArg(ctx, c, 0, a[0]);
  std::vector<std::string_view> cps = CodePoints(a[0].as_string());
  std::string out;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
  return Value(std::move(out));
}

namespace {

const FunctionDef kStringFunctions[] = {
    {"toLower", 1, 1, ToLower, SType::kString},
    {"toUpper", 1, 1, ToUpper, SType::kString},
    {"trim", 1, 2, TrimFn, SType::kString},
    {"btrim", 1, 2, TrimFn},
    {"ltrim", 1, 2, LTrimFn},
    {"rtrim", 1, 2, RTrimFn},
    {"left", 2, 2, LeftFn},
    {"right", 2, 2, RightFn},
    {"split", 2, 2, Split, SType::kList},
    {"substring", 2, 3, Substring},
    {"replace", 3, 3, Replace},
    {"reverse", 1, 1, ReverseFn},
};

}  // namespace

std::span<const FunctionDef> StringFunctions() { return kStringFunctions; }

}  // namespace kg::query::internal
