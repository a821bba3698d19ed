// festmatch — internals of the calendar export: RFC 5545 text escaping, line folding, UIDs and
// file names (export/ics.hpp).
#pragma once

#include <fmt/format.h>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/detail/text.hpp"
#include "festmatch/util/detail/time_text.hpp"
#include "festmatch/version.hpp"

namespace festmatch {

namespace detail::exports {

// RFC 5545 TEXT escaping (section 3.3.11).
inline std::string ics_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\n";
        if (k + 1 < text.size() && text[k + 1] == '\n') ++k;
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

// Appends one content line, folded at 75 octets (a continuation starts with a space, which
// counts), never before a UTF-8 continuation byte; then CRLF.
inline void ics_line(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 1 && utf8_continuation(static_cast<unsigned char>(line[cut]))) --cut;
    if (cut <= 1) cut = limit;  // not UTF-8: split anyway rather than loop
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
}

// A meeting's UID depends on the pair alone (a pair meets at most once), so a meeting that moves
// keeps it: calendar apps update the entry in place.
inline std::string ics_uid(std::string_view event_name, std::string_view startup_id,
                           std::string_view investor_id) {
  std::string key;
  for (const std::string_view part : {event_name, startup_id, investor_id}) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  }
  return hex64(fnv1a64(key)) + hex64(fnv1a64(key, 0x9e3779b97f4a7c15ull)) + "@festmatch";
}

inline std::string ics_encode_id(std::string_view id) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (out.empty()) out = "%";  // an empty id still names a file
  if (out.size() > 150) {
    std::size_t cut = 150;
    while (cut > 0 && out[cut - 1] == '%') --cut;  // never split "%XX"
    if (cut >= 2 && out[cut - 2] == '%') cut -= 2;
    out = out.substr(0, cut) + "~" + hex64(fnv1a64(id));
  }
  return out;
}

}  // namespace detail::exports

}  // namespace festmatch
