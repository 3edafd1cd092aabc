// Whether this test binary is built with AddressSanitizer, as in the
// sanitizer run of scripts/test (docs/fuzzing.md, "The sanitizer build").
//
// Instrumented code runs several times slower, and a spawned `kg` process
// starts slower still, so the few stress tests that repeat one operation
// thousands of times repeat it fewer times there. The full counts run in the
// plain build of the same suite; what the sanitizers look for (memory errors,
// leaks, undefined behaviour) shows in the first repetitions as in the last.
#pragma once

namespace kg::testing {

#if defined(__SANITIZE_ADDRESS__)  // g++
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)  // clang
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// `full` in a plain build, `sanitized` under the sanitizers.
constexpr int UnlessSanitized(int full, int sanitized) { return kSanitized ? sanitized : full; }

}  // namespace kg::testing
