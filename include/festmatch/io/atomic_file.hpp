// festmatch — atomic output files.
//
// Every output is written to a temporary file beside its target and renamed over it only when
// complete, so a failed run never leaves a half-written file and never touches an existing one.
//
//   festmatch::write_file_atomically("schedule.json", json_text);   // throws OutputError
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "festmatch/error.hpp"

namespace festmatch {

inline void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    throw OutputError(target.string() + ": cannot write: folder '" + dir.string() +
                      "' does not exist");
  }
  // A name no other writer in the same folder will pick.
  std::random_device rd;
  const fs::path temp = dir / ("." + target.filename().string() + ".tmp-" +
                               std::to_string(rd()) + std::to_string(rd()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw OutputError(target.string() + ": cannot write: " + std::strerror(errno));
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temp, ec);
      throw OutputError(target.string() + ": cannot write: " + std::strerror(errno));
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw OutputError(target.string() + ": cannot write: " + ec.message());
  }
}

}  // namespace festmatch
