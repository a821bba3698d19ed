// festmatch — internals: reading an input file whole, with the size limit and a diagnostic
// naming the file (shared by the event file, event folder and schedule readers).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "festmatch/error.hpp"
#include "festmatch/event/detail/event_convert.hpp"  // EventLimits
#include "festmatch/util/detail/diagnostic_list.hpp"

namespace festmatch::detail::event {

// The file's bytes; on failure `ok` is false and `problems` has one diagnostic naming the file.
inline std::string read_whole_file(const std::filesystem::path& path, DiagnosticList& problems,
                                   bool& ok) {
  ok = false;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    problems.add(Diagnostic{.file = path.string(), .message = "cannot read: " + ec.message()});
    return {};
  }
  if (size > EventLimits::file_bytes) {
    problems.add(Diagnostic{.file = path.string(),
                            .message = "file too large: " + std::to_string(size) +
                                       " bytes (at most " +
                                       std::to_string(EventLimits::file_bytes) + ")"});
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && size > 0) {
    problems.add(Diagnostic{.file = path.string(), .message = "cannot read the file"});
    return {};
  }
  ok = true;
  return std::move(text).str();
}

}  // namespace festmatch::detail::event
