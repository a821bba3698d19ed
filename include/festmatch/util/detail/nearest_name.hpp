// festmatch — "did you mean …?": the known name nearest to a misspelt one.
//
// Problem: a reader meets an unknown name (a field, a column, a sector, a stage, a table id) and
// wants to suggest the known name the user most likely meant.
// Method: the optimal-string-alignment distance (Levenshtein distance plus transposition of two
// adjacent characters, Damerau 1964) over ASCII-lower-cased bytes, two rolling rows. A candidate
// counts only when it is close enough: distance <= max(1, min(3, length / 3)) of the longer
// name, and strictly below the unknown name's length (so "x" never suggests "y"). Ties go to the
// candidate met first. Names that differ only in a number of the same width ("INV07" and
// "INV08", "s3" and "s1", "d1-0930" and "d1-0900") are different numbered things, not typos of
// each other: no suggestion ("s01" still suggests "s001", and "d1-090" suggests "d1-0900": a
// digit left out).
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

// Whether a and b have the same text around their digit runs and numbers of the same width,
// but a different number in one of them: "INV07" and "INV17", "T3" and "T4".
inline bool numbered_siblings(std::string_view a, std::string_view b) {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto next_run = [&](std::string_view& s) {
    std::size_t n = 1;
    while (n < s.size() && is_digit(s[n]) == is_digit(s[0])) ++n;
    std::string_view run = s.substr(0, n);
    s.remove_prefix(n);
    return run;
  };
  bool different_number = false;
  while (!a.empty() && !b.empty()) {
    std::string_view x = next_run(a), y = next_run(b);
    if (is_digit(x[0]) != is_digit(y[0])) return false;
    if (is_digit(x[0])) {
      if (x.size() != y.size()) return false;  // a digit left out or added: maybe a typo
      different_number = different_number || x != y;
    } else if (x.size() != y.size() ||
               !std::equal(x.begin(), x.end(), y.begin(),
                           [](char p, char q) { return ascii_lower(p) == ascii_lower(q); })) {
      return false;
    }
  }
  return a.empty() && b.empty() && different_number;
}

template <class Range>
std::optional<std::string> nearest_name(std::string_view unknown, const Range& known) {
  constexpr std::size_t max_length = 64;
  if (unknown.empty() || unknown.size() > max_length) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& item : known) {
    const std::string_view candidate(item);
    if (candidate.empty() || candidate.size() > max_length || candidate == unknown ||
        numbered_siblings(unknown, candidate)) {
      continue;
    }
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
