// festmatch — collecting diagnostics: every problem is reported, up to a limit that keeps a
// hostile input (a 256 MiB file of garbage) from producing millions of lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "festmatch/error.hpp"

namespace festmatch::detail {

class DiagnosticList {
 public:
  static constexpr std::size_t limit = 200;

  void add(Diagnostic d) {
    if (items_.size() < limit) {
      items_.push_back(std::move(d));
    } else if (items_.size() == limit) {
      items_.push_back(
          Diagnostic{.file = items_.back().file,
                     .message = "too many errors; stopped after " + std::to_string(limit)});
    }
  }
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] bool full() const { return items_.size() > limit; }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic> take() { return std::move(items_); }

 private:
  std::vector<Diagnostic> items_;
};

// Where the first invalid UTF-8 sequence starts (0-based), or npos when the text is valid.
// Rejects overlong forms, surrogates and code points above U+10FFFF (RFC 3629).
inline std::size_t invalid_utf8_at(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      const unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
      if (b < l || b > h) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace festmatch::detail
