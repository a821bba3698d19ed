// festmatch — the definitions of festmatch/event/read_event.hpp.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include "festmatch/error.hpp"
#include "festmatch/event/detail/read_file.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/event_folder.hpp"
#include "festmatch/event/event_json.hpp"
#include "festmatch/event/read_event.hpp"

namespace festmatch {

FESTMATCH_FUNC Event read_event(const std::filesystem::path& file_or_folder,
                                const ReadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(file_or_folder, ec);
  if (ec || !fs::exists(status)) {
    throw InputError(
        {Diagnostic{.file = file_or_folder.string(), .message = "no such file or folder"}});
  }
  if (fs::is_directory(status)) return read_event_folder(file_or_folder, options);
  if (!fs::is_regular_file(status)) {
    throw InputError(
        {Diagnostic{.file = file_or_folder.string(), .message = "not an event file or folder"}});
  }
  detail::DiagnosticList problems;
  bool ok = false;
  const std::string text = detail::event::read_whole_file(file_or_folder, problems, ok);
  if (!ok) throw InputError(problems.take());
  return read_event_json(text, file_or_folder.string(), options);
}

}  // namespace festmatch
