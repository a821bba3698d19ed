// festmatch — internals shared by the schedule file and the exports: a stable 64-bit hash,
// UTF-8 aware helpers, short numbers. Not part of the public API.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace festmatch::detail {

// "a, b, c", or "(none)" for an empty list (messages that name languages, sectors, ...).
inline std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
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

// Whether byte `c` continues a UTF-8 sequence (10xxxxxx).
inline bool utf8_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

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

}  // namespace festmatch::detail
