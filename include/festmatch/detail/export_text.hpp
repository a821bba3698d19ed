// festmatch — internals shared by the schedule file and the exports: the nearest known name for
// error messages, a stable 64-bit hash, UTF-8 aware helpers. Not part of the public API.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "festmatch/event.hpp"

namespace festmatch::detail::exports {

// Levenshtein distance over bytes, with an early exit once every entry of a row exceeds `cap`.
inline std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > cap) return cap + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diag = row[0];
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[i]);
    }
    if (best > cap) return cap + 1;
  }
  return row[a.size()];
}

// The candidate closest to `name` (ties: the first in the given order); empty when none.
template <class Range, class IdOf>
std::string nearest_name(std::string_view name, const Range& candidates, IdOf id_of) {
  std::string best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (const auto& c : candidates) {
    const std::string& id = id_of(c);
    const std::size_t d = edit_distance(name, id, best_d == static_cast<std::size_t>(-1)
                                                      ? static_cast<std::size_t>(-2)
                                                      : best_d);
    if (d < best_d) {
      best_d = d;
      best = id;
    }
  }
  return best;
}

// " (nearest: 'x')" or "" when there is no candidate.
template <class Range, class IdOf>
std::string nearest_hint(std::string_view name, const Range& candidates, IdOf id_of) {
  std::string n = nearest_name(name, candidates, id_of);
  return n.empty() ? std::string() : " (nearest: '" + n + "')";
}

// FNV-1a, 64 bits: stable across platforms and runs (UIDs, file name suffixes).
inline std::uint64_t fnv1a64(std::string_view text, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

inline std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

inline const char* side_name(Side s) { return s == Side::startup ? "startup" : "investor"; }
inline const char* priority_name(Priority p) { return p == Priority::must ? "must" : "want"; }

// Whether byte `c` continues a UTF-8 sequence (10xxxxxx).
inline bool utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// A number as text with at most `decimals` decimals, trailing zeros removed ("0.5", "1", "0.125").
inline std::string short_number(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace festmatch::detail::exports
