// Edit distances over case-folded code points (see suggest.h).
#include "core/suggest.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <numeric>
#include <utility>

namespace kg {
namespace {

std::u32string Folded(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : u_foldCase(c, U_FOLD_CASE_DEFAULT)));
  }
  return out;
}

size_t Distance(const std::u32string& a, const std::u32string& b, size_t limit) {
  size_t la = a.size(), lb = b.size();
  if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
  // Three rows: two back for transpositions.
  std::vector<size_t> before(lb + 1), previous(lb + 1), current(lb + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (size_t i = 1; i <= la; ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= lb; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d = std::min(d, before[j - 2] + 1);
      current[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[lb], limit + 1);
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  return Distance(Folded(a), Folded(b), limit);
}

NearMatcher::NearMatcher(std::string_view wanted)
    : wanted_(Folded(wanted)), limit_(std::clamp<size_t>(wanted_.size() / 3, 1, 3)) {}

std::optional<size_t> NearMatcher::Distance(std::string_view candidate) const {
  size_t d = kg::Distance(wanted_, Folded(candidate), limit_);
  if (d > limit_) return std::nullopt;
  return d;
}

std::vector<std::string> Suggest(std::string_view wanted, const std::vector<std::string>& known,
                                 size_t max) {
  NearMatcher matcher(wanted);
  std::vector<std::pair<size_t, size_t>> hits;  // (distance, index in known)
  for (size_t i = 0; i < known.size(); ++i) {
    if (known[i] == wanted) continue;
    if (std::optional<size_t> d = matcher.Distance(known[i])) hits.push_back({*d, i});
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (const auto& [d, i] : hits) {
    if (out.size() == max) break;
    if (std::find(out.begin(), out.end(), known[i]) == out.end()) out.push_back(known[i]);
  }
  return out;
}

std::string DidYouMean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  std::string out = "did you mean ";
  for (size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) out += i + 1 == suggestions.size() ? " or " : ", ";
    out += "'" + suggestions[i] + "'";
  }
  return out + "?";
}

}  // namespace kg
