// festmatch — "did you mean …?": the known name nearest to a misspelt one.
//
// Problem: a reader meets an unknown name (a field, a column, a sector, a stage, a table id) and
// wants to suggest the known name the user most likely meant.
// Method: the optimal-string-alignment distance (Levenshtein distance plus transposition of two
// adjacent characters, Damerau 1964) over ASCII-lower-cased bytes, two rolling rows. A candidate
// counts only when it is close enough: distance <= max(1, min(3, length / 3)) of the longer
// name, and strictly below the unknown name's length (so "x" never suggests "y"). Ties go to the
// candidate met first.
// Complexity: O(|a|·|b|) time and O(|b|) memory per candidate; names longer than 64 bytes are
// never compared (no suggestion), and candidates whose length differs by more than the limit are
// skipped without computing anything, which bounds the work on hostile input.
//
//   auto hint = festmatch::detail::nearest_name("seriesa", event.stages);  // "series-a"
//   auto none = festmatch::detail::nearest_name("zzz", event.stages);      // std::nullopt
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace festmatch::detail {

inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Optimal string alignment distance, case-insensitive for ASCII letters.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
          ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
        d = std::min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

template <class Range>
std::optional<std::string> nearest_name(std::string_view unknown, const Range& known) {
  constexpr std::size_t max_length = 64;
  if (unknown.empty() || unknown.size() > max_length) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& item : known) {
    const std::string_view candidate(item);
    if (candidate.empty() || candidate.size() > max_length || candidate == unknown) continue;
    const std::size_t longer = std::max(candidate.size(), unknown.size());
    const std::size_t shorter = std::min(candidate.size(), unknown.size());
    const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, longer / 3));
    if (longer - shorter > limit) continue;  // the distance is at least the length difference
    const std::size_t d = edit_distance(unknown, candidate);
    if (d > limit || d >= unknown.size()) continue;
    if (!best || d < best_distance) {
      best = std::string(candidate);
      best_distance = d;
    }
  }
  return best;
}

// "; did you mean 'NAME'?" or "" — the tail every unknown-name message ends with.
template <class Range>
std::string did_you_mean(std::string_view unknown, const Range& known) {
  auto best = nearest_name(unknown, known);
  return best ? "; did you mean '" + *best + "'?" : std::string();
}

}  // namespace festmatch::detail
