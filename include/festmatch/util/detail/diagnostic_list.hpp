// festmatch — collecting diagnostics: every problem is reported, up to a limit that keeps a
// hostile input (a 256 MiB file of garbage) from producing millions of lines.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "festmatch/error.hpp"

namespace festmatch::detail {

class DiagnosticList {
 public:
  static constexpr std::size_t limit = 200;    // in all
  static constexpr std::size_t per_file = 50;  // then one line with the count of the rest

  void add(Diagnostic d) {
    File& f = files_[d.file];
    if (++f.count > per_file) {
      f.severity = d.severity;
      return;
    }
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
  // The diagnostics — grouped by file in the order files first appear, by line within a file
  // (diagnostics without a line first, in the order given) — then for each file with more than
  // `per_file` a line with the count left out.
  std::vector<Diagnostic> take() {
    std::map<std::string, std::size_t, std::less<>> rank;
    for (const auto& d : items_) rank.emplace(d.file, rank.size());
    const auto listed = items_.begin() + std::ptrdiff_t(std::min(items_.size(), limit));
    std::stable_sort(items_.begin(), listed, [&](const Diagnostic& a, const Diagnostic& b) {
      return std::tuple(rank.find(a.file)->second, a.line, a.column) <
             std::tuple(rank.find(b.file)->second, b.line, b.column);
    });
    for (const auto& [file, f] : files_) {
      if (f.count <= per_file || full()) continue;
      items_.push_back(Diagnostic{
          .file = file,
          .message = std::to_string(f.count - per_file) + " more " +
                     (f.severity == Severity::warning ? "warnings" : "errors") +
                     " in this file (at most " + std::to_string(per_file) + " are shown)",
          .severity = f.severity});
    }
    files_.clear();
    return std::move(items_);
  }

 private:
  struct File {
    std::size_t count = 0;
    Severity severity = Severity::error;
  };
  std::vector<Diagnostic> items_;
  std::map<std::string, File, std::less<>> files_;
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
