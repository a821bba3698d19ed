// festmatch fuzz targets for the event readers: one function per reader, shared by the libFuzzer
// programs (fuzz-<name>.cpp, built with clang by scripts/test) and by the regression test
// (tests/unit-fuzz-regressions.cpp), which replays every input kept in tests/fuzz/regressions/.
//
// Each target feeds arbitrary bytes to a reader. The contract: the reader returns an Event or
// throws festmatch::Error; anything else (a crash, another exception, a hang) is a bug. What
// reads must write, and read back the same (a std::logic_error otherwise, which the fuzzer
// reports as a crash and the regression test as a failure).
#pragma once

#include <unistd.h>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/event_folder.hpp"
#include "festmatch/event/event_json.hpp"

namespace festmatch::fuzz {

inline void event_json(std::string_view bytes) {
  std::optional<Event> e;
  try {
    e = read_event_json(bytes, "fuzz.json");
  } catch (const Error&) {
    return;
  }
  const std::string written = write_event_json(*e);  // whatever reads must also write
  if (read_event_json(written, "written.json") != *e)
    throw std::logic_error("event file: read, write, read gives another event");
}

// A fresh folder under the temporary folder, removed at the end of its scope.
struct FuzzFolder {
  std::filesystem::path path;
  FuzzFolder() {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("festmatch-fuzz-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  FuzzFolder(const FuzzFolder&) = delete;
  FuzzFolder& operator=(const FuzzFolder&) = delete;
  ~FuzzFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// The input is split into the files of an event folder at lines "@@ NAME" (e.g.
// "@@ startups.csv"); text before the first marker is event.json.
inline void event_folder(std::string_view bytes) {
  const FuzzFolder folder;
  const std::filesystem::path& dir = folder.path;
  std::string name = "event.json";
  std::size_t pos = 0;
  auto flush = [&](std::string_view content) {
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") return;
    std::ofstream(dir / name, std::ios::binary)
        .write(content.data(), static_cast<std::streamsize>(content.size()));
  };
  while (pos <= bytes.size()) {
    std::size_t marker = bytes.find("@@ ", pos);
    while (marker != std::string_view::npos && marker != 0 && bytes[marker - 1] != '\n') {
      marker = bytes.find("@@ ", marker + 1);
    }
    const std::size_t end = marker == std::string_view::npos ? bytes.size() : marker;
    flush(bytes.substr(pos, end - pos));
    if (marker == std::string_view::npos) break;
    const std::size_t eol = bytes.find('\n', marker);
    name = std::string(bytes.substr(
        marker + 3, (eol == std::string_view::npos ? bytes.size() : eol) - marker - 3));
    pos = eol == std::string_view::npos ? bytes.size() + 1 : eol + 1;
  }
  std::optional<Event> e;
  try {
    e = read_event_folder(dir);
  } catch (const Error&) {
    return;
  }
  const FuzzFolder copy;
  try {
    write_event_folder(*e, copy.path);
  } catch (const InputError&) {
    return;  // not every event can be written as CSV (a list item holding ';'): documented
  }
  if (read_event_folder(copy.path) != *e)
    throw std::logic_error("event folder: read, write, read gives another event");
}

}  // namespace festmatch::fuzz
