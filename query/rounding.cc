// Rounds in decimal rather than binary, so that round(2.675, 2) is 2.68 as a
// user reading "2.675" expects (and as Neo4j answers), not 2.67.
#include "query/internal/rounding.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <string>

namespace kg::query::internal {
namespace {

struct ModeName {
  const char* name;
  RoundingMode mode;
};
constexpr ModeName kModes[] = {
    {"UP", RoundingMode::kUp},
    {"DOWN", RoundingMode::kDown},
    {"CEILING", RoundingMode::kCeiling},
    {"FLOOR", RoundingMode::kFloor},
    {"HALF_UP", RoundingMode::kHalfUp},
    {"HALF_DOWN", RoundingMode::kHalfDown},
    {"HALF_EVEN", RoundingMode::kHalfEven},
};

// -1, 0 or 1 as the dropped digits are below, at or above one half.
int CompareToHalf(const std::string& rest) {
  if (rest.empty() || rest[0] < '5') return -1;
  if (rest[0] > '5') return 1;
  return rest.find_first_not_of('0', 1) == std::string::npos ? 0 : 1;
}

bool RoundsAway(RoundingMode mode, bool negative, const std::string& kept,
                const std::string& rest) {
  bool nonzero = rest.find_first_not_of('0') != std::string::npos;
  if (!nonzero) return false;
  int half = CompareToHalf(rest);
  switch (mode) {
    case RoundingMode::kUp:
      return true;
    case RoundingMode::kDown:
      return false;
    case RoundingMode::kCeiling:
      return !negative;
    case RoundingMode::kFloor:
      return negative;
    case RoundingMode::kHalfUp:
      return half >= 0;
    case RoundingMode::kHalfDown:
      return half > 0;
    case RoundingMode::kHalfEven:
      return half > 0 || (half == 0 && !kept.empty() && (kept.back() - '0') % 2 == 1);
  }
  return false;
}

// Adds one unit in the last place of a digit string; returns true when it
// carried into a new leading digit.
bool Increment(std::string* digits) {
  for (size_t i = digits->size(); i-- > 0;) {
    if ((*digits)[i] != '9') {
      ++(*digits)[i];
      return false;
    }
    (*digits)[i] = '0';
  }
  digits->insert(digits->begin(), '1');
  return true;
}

}  // namespace

std::optional<RoundingMode> ParseRoundingMode(std::string_view name) {
  std::string upper(name);
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  for (const ModeName& m : kModes)
    if (upper == m.name) return m.mode;
  return std::nullopt;
}

double RoundDecimal(double x, int precision, RoundingMode mode) {
  if (x == 0) return 0.0;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), x, std::chars_format::scientific);
  if (ec != std::errc()) return x;
  std::string text(buf, end);  // "-d.ddde+XX"
  bool negative = text[0] == '-';
  size_t e = text.find('e');
  std::string digits;
  for (size_t i = negative ? 1 : 0; i < e; ++i)
    if (text[i] != '.') digits += text[i];
  // value = 0.<digits> * 10^point
  int point = std::atoi(text.c_str() + e + 1) + 1;
  int keep = point + precision;
  if (keep >= static_cast<int>(digits.size())) return x;  // already exact
  if (keep < 0) {
    digits.insert(0, static_cast<size_t>(-keep), '0');
    point += -keep;
    keep = 0;
  }
  std::string kept = digits.substr(0, static_cast<size_t>(keep));
  std::string rest = digits.substr(static_cast<size_t>(keep));
  if (RoundsAway(mode, negative, kept, rest) && Increment(&kept)) ++point;
  if (kept.find_first_not_of('0') == std::string::npos) return 0.0;
  std::string out = (negative ? "-0." : "0.") + kept + "e" + std::to_string(point);
  return std::strtod(out.c_str(), nullptr);
}

}  // namespace kg::query::internal
