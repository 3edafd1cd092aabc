// Fuzz target: kg::ParseJson, the parser behind every HTTP body and every
// --param / ?params= value. Any input must give a Value or a SyntaxError; a
// parsed value must print as JSON that parses again to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kg::Result<kg::Value> value = kg::ParseJson(text);
  if (!value.ok()) return 0;
  // Printing then parsing is a fixed point after one round (floats print
  // with a decimal point, so INTEGER/FLOAT kinds survive).
  std::string once = kg::ToJson(*value);
  kg::Result<kg::Value> again = kg::ParseJson(once);
  if (!again.ok() || kg::ToJson(*again) != once) std::abort();
  return 0;
}
