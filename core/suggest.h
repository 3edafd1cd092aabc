// "Did you mean": the known names closest to one that matched nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

// Edit distance between `a` and `b` counted in Unicode characters, case
// folded (ASCII and the rest by ICU's simple case folding): insertions,
// deletions, substitutions and transpositions of neighbours each cost one
// (optimal string alignment). Stops early and returns `limit` + 1 once the
// distance must exceed `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// Measures candidates against one wanted text (folded once): the distance
// when within the suggestion limit (a third of its length in characters, at
// least 1, at most 3), else nothing.
class NearMatcher {
 public:
  explicit NearMatcher(std::string_view wanted);
  std::optional<size_t> Distance(std::string_view candidate) const;

 private:
  std::u32string wanted_;
  size_t limit_;
};

// Up to `max` of `known` closest to `wanted`, nearest first (ties in the
// order of `known`): those equal to it but for case, then those within an
// edit distance of a third of its length (at least 1, at most 3). Empty when
// nothing is that close; `wanted` itself (exactly) is never suggested.
std::vector<std::string> Suggest(std::string_view wanted, const std::vector<std::string>& known,
                                 size_t max = 3);

// "did you mean 'A', 'B' or 'C'?", or "" for no suggestions.
std::string DidYouMean(const std::vector<std::string>& suggestions);

}  // namespace kg
