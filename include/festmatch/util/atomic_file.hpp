// festmatch — atomic output files.
//
// Every output is written to a temporary file beside its target and renamed over it only when
// complete, so a failed run never leaves a half-written file and never touches an existing one.
//
//   festmatch::write_file_atomically("schedule.json", json_text);   // throws OutputError
//
//   festmatch::AtomicOutput out("scores.csv");   // streaming, for outputs too big for a string
//   out.stream() << header;  ...
//   out.commit();                                 // without commit(), the target is untouched
#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "festmatch/error.hpp"

namespace festmatch {

class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path target) : target_(std::move(target)) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) {
      fail("folder '" + dir.string() + "' does not exist");
    }
    if (fs::is_directory(target_, ec)) fail("it is a folder");
    std::random_device rd;  // a name no other writer in the same folder will pick
    temp_ = dir / ("." + target_.filename().string() + ".tmp-" + std::to_string(rd()) +
                   std::to_string(rd()));
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_) fail(std::strerror(errno));
  }
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput() {
    if (!committed_) {
      out_.close();
      std::error_code ec;
      std::filesystem::remove(temp_, ec);
    }
  }

  std::ostream& stream() { return out_; }

  // Flushes and renames the temporary file over the target; throws OutputError on failure.
  void commit() {
    out_.flush();
    const bool ok = static_cast<bool>(out_);
    out_.close();
    if (!ok || out_.fail()) fail(std::strerror(errno));
    std::error_code ec;
    std::filesystem::rename(temp_, target_, ec);
    if (ec) fail(ec.message());
    committed_ = true;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw OutputError(target_.string(), "cannot write: " + why);
  }

  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::ofstream out_;
  bool committed_ = false;
};

inline void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
  AtomicOutput out(target);
  out.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  out.commit();
}

}  // namespace festmatch
