// festmatch — reading an event from whatever the user points at: an event file (JSON) or an
// event folder (event.json + CSV files).
//
//   festmatch::Event e = festmatch::read_event(argv[1]);   // throws InputError / InfeasibleError
//
// A missing path, something that is neither a file nor a folder, an unreadable file or one
// larger than 256 MiB is an InputError naming the path.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include "festmatch/error.hpp"
#include "festmatch/event.hpp"
#include "festmatch/io/event_folder.hpp"
#include "festmatch/io/event_json.hpp"

namespace festmatch {

inline Event read_event(const std::filesystem::path& file_or_folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(file_or_folder, ec);
  if (ec || !fs::exists(status)) {
    throw InputError({Diagnostic{.file = file_or_folder.string(),
                                 .message = "no such file or folder"}});
  }
  if (fs::is_directory(status)) return read_event_folder(file_or_folder);
  if (!fs::is_regular_file(status)) {
    throw InputError({Diagnostic{.file = file_or_folder.string(),
                                 .message = "not an event file or folder"}});
  }
  detail::DiagnosticList problems;
  bool ok = false;
  const std::string text = detail::read_whole_file(file_or_folder, problems, ok);
  if (!ok) throw InputError(problems.take());
  return read_event_json(text, file_or_folder.string());
}

}  // namespace festmatch
