// Decimal rounding for round(x, precision, mode): Java's RoundingMode names,
// applied to the shortest decimal text of a double.
#pragma once

#include <optional>
#include <string_view>

namespace kg::query::internal {

enum class RoundingMode { kUp, kDown, kCeiling, kFloor, kHalfUp, kHalfDown, kHalfEven };

// The mode of this name (UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN,
// HALF_EVEN, any case), or nullopt.
std::optional<RoundingMode> ParseRoundingMode(std::string_view name);

// `x` (finite) rounded to `precision` digits after the decimal point
// (negative: before it), as BigDecimal.valueOf(x).setScale(precision, mode).
double RoundDecimal(double x, int precision, RoundingMode mode);

}  // namespace kg::query::internal
