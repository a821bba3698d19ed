// festmatch tests — helpers shared by the test files: where the `festmatch` tool and the source
// tree are, a temporary folder unique to the process, reading and writing whole files, running
// the tool and capturing what it says, splitting text into lines, random small events for
// property tests, and doctest's printing of a list of lines. Tests include it as
// "test_support.hpp".
//
//   festmatch::test::TempDir dir("cli-score");
//   festmatch::test::write_text(dir.path / "event.json", text);
//   const auto r = festmatch::test::run_cli(dir, "validate '" + dir.file("event.json") + "'");
//   CHECK(r.status == 0);
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "festmatch/event/event.hpp"

namespace doctest {
// A list of lines (diagnostics, output) prints one a line when a check fails.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const auto& l : lines) out += "\n  " + l;
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace festmatch::test {

namespace fs = std::filesystem;

// The `festmatch` tool built with the tests ("" when the build has no tool), and the source tree
// (for examples/ and tests/fuzz/). Defined in test_paths.cpp, the one test file compiled with
// these paths, so no other test object holds an absolute path of the build.
const char* cli_path();
const char* source_dir();

// A fresh folder under the system's temporary folder, removed with everything in it at the end
// of its scope. The name holds the tag, the process id and random bits, so test cases that
// ctest runs in parallel never share one.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag = "test") {
    std::random_device rd;
    path = fs::temp_directory_path() / ("festmatch-" + tag + "-" + std::to_string(::getpid()) +
                                        "-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path / name).string(); }
};

// The whole file as bytes ("" when it cannot be read).
inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Whether `s` is a version: whole numbers joined by dots, `parts` of them ("12.2.0": 3), or
// either of two counts (`or_parts`, e.g. "GCC 12" or "GCC 12.2.0"). (No std::regex: GCC 12's
// -Wmaybe-uninitialized inside it breaks the sanitizer build with -Werror.)
inline bool is_version(std::string_view s, int parts, int or_parts = -1) {
  int count = 0;
  std::size_t digits = 0;
  for (const char c : s) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.' && digits > 0) {
      ++count;
      digits = 0;
    } else {
      return false;
    }
  }
  if (digits == 0) return false;
  return count + 1 == parts || count + 1 == or_parts;
}

// Whether `s` names a compiler and its version: "GCC 12.2.0", "Clang 14", "MSVC 19.3.0".
inline bool is_compiler(std::string_view s) {
  for (const std::string_view name : {"GCC ", "Clang ", "MSVC "})
    if (s.substr(0, name.size()) == name) return is_version(s.substr(name.size()), 1, 3);
  return false;
}

inline void write_text(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// What a run of the tool did. `status` is its exit status, or -1 when it did not exit normally.
struct Run {
  int status = -1;
  bool timed_out = false;  // only with a time limit: it was stopped by `timeout`
  int signal = 0;          // the signal that killed it, 0 if none
  std::string out, err;
};

// Runs cli_path() with `args` (already quoted for the shell), stdout and stderr captured in
// files of `dir`. With timeout_seconds > 0 the tool runs under coreutils `timeout`, which stops
// it (status 124, then SIGKILL 5 s later) and reports a signal that killed it as 128 + signal.
inline Run run_cli(const TempDir& dir, const std::string& args, int timeout_seconds = 0) {
  const fs::path out = dir.path / "stdout.txt", err = dir.path / "stderr.txt";
  std::string command;
  if (timeout_seconds > 0) command = "timeout -k 5 " + std::to_string(timeout_seconds) + " ";
  command += std::string("'") + cli_path() + "' " + args + " >'" + out.string() + "' 2>'" +
             err.string() + "'";
  const int raw = std::system(command.c_str());
  Run r;
  if (WIFEXITED(raw)) {
    r.status = WEXITSTATUS(raw);
    if (timeout_seconds > 0 && (r.status == 124 || r.status == 128 + 9))
      r.timed_out = true;
    else if (r.status > 128)
      r.signal = r.status - 128;  // as the shell or `timeout` report it
  } else if (WIFSIGNALED(raw)) {
    r.signal = WTERMSIG(raw);
  }
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// Seeded test data: std::mt19937_64, whose output the standard fixes on every platform (no
// distributions, which vary), and independent of the library's own generator.
struct Rng {
  std::mt19937_64 bits;
  explicit Rng(std::uint64_t seed) : bits(seed) {}
  std::uint64_t next() { return bits(); }
  int below(int n) { return n <= 0 ? 0 : int(bits() % std::uint64_t(n)); }  // [0, n)
  bool percent(int p) { return below(100) < p; }
};

// A random small event scored by the real model: 1–8 startups, 1–6 investors, 1–5 slots, 0–3
// tables, with partial availability (sometimes none), the three modes, caps (0 included),
// minimums, organisations and the organisation rule, languages, a min_score anywhere from 0 to
// out of reach, requests and blocked pairs. Pins are left out (they can make it infeasible).
inline Event random_small_event(std::uint64_t seed) {
  Rng rng(seed);
  Event e;
  e.name = "random " + std::to_string(seed);
  e.sectors = {"logistics", "seaports", "agriculture"};
  if (rng.percent(50)) e.related_sectors.push_back({0, 1, 0.5});
  const int S = 1 + rng.below(8), I = 1 + rng.below(6), T = 1 + rng.below(5);
  const int tables = rng.below(4);
  for (int k = 0; k < tables; ++k) e.tables.push_back("T" + std::to_string(k + 1));
  for (int t = 0; t < T; ++t) {
    Slot slot{.id = "t" + std::to_string(t),
              .start = "2023-09-18T" + std::to_string(10 + t) + ":00+07:00",
              .minutes = 20};
    if (tables > 0 && rng.percent(20)) slot.tables = rng.below(tables + 1);
    e.slots.push_back(slot);
  }
  auto availability = [&] {
    Availability a;
    const int r = rng.below(100);
    if (r < 25) {
      a.kind = Availability::Kind::available;  // possibly no slot at all
      for (int t = 0; t < T; ++t)
        if (rng.percent(50)) a.slots.push_back(Index(t));
    } else if (r < 40) {
      a.kind = Availability::Kind::unavailable;
      for (int t = 0; t < T; ++t)
        if (rng.percent(40)) a.slots.push_back(Index(t));
    }
    return a;
  };
  auto mode = [&] {
    const int r = rng.below(100);
    return r < 70 ? Mode::in_person : r < 85 ? Mode::online : Mode::both;
  };
  auto sectors = [&] {
    std::vector<Weighted> w;
    for (Index k = 0; k < 3; ++k)
      if (rng.percent(45)) w.push_back({k, rng.percent(70) ? 1.0 : 0.5});
    if (w.empty()) w.push_back({Index(rng.below(3)), 1.0});
    return w;
  };
  const char* languages[] = {"vi", "en", "ko"};
  for (int s = 0; s < S; ++s) {
    Startup st{.id = "s" + std::to_string(s + 1),
               .name = "Startup " + std::to_string(s + 1),
               .sectors = sectors(),
               .stage = Index(rng.below(6))};
    if (rng.percent(30)) st.languages = {languages[rng.below(3)]};
    if (rng.percent(25)) st.max_meetings = rng.below(4);
    if (rng.percent(30)) st.min_meetings = rng.below(4);
    st.availability = availability();
    st.mode = mode();
    e.startups.push_back(st);
  }
  const char* orgs[] = {"", "", "Mekong Capital", "Red River"};
  for (int i = 0; i < I; ++i) {
    Investor inv{.id = "i" + std::to_string(i + 1),
                 .name = "Investor " + std::to_string(i + 1),
                 .organisation = orgs[rng.below(4)],
                 .sectors = sectors()};
    if (rng.percent(30)) inv.stages = {{Index(rng.below(6)), 1.0}};
    if (rng.percent(30)) inv.languages = {languages[rng.below(3)]};
    if (rng.percent(25)) inv.max_meetings = rng.below(4);
    inv.availability = availability();
    inv.mode = mode();
    if (tables > 0 && inv.mode != Mode::online && rng.percent(20))
      inv.table = Index(rng.below(tables));
    e.investors.push_back(inv);
  }
  const double min_scores[] = {0.0, 0.2, 0.3, 0.5, 0.7, 1.01};
  e.options.min_score = min_scores[rng.below(6)];
  e.options.min_meetings = rng.below(4);
  e.options.one_per_organisation = rng.percent(50);
  e.options.interpreters = rng.percent(30);
  if (rng.percent(30))
    e.blocked.push_back({Index(rng.below(S)), Index(rng.below(I)), "competitor"});
  const int requests = rng.below(4);
  for (int k = 0; k < requests; ++k) {
    const Request r{.startup = Index(rng.below(S)),
                    .investor = Index(rng.below(I)),
                    .by = rng.percent(50) ? Side::startup : Side::investor,
                    .priority = rng.percent(30) ? Priority::must : Priority::want};
    bool clash = false;  // a side requests a pair once, and never a blocked pair
    for (const auto& q : e.requests)
      clash = clash || (q.startup == r.startup && q.investor == r.investor && q.by == r.by);
    for (const auto& b : e.blocked)
      clash = clash || (b.startup == r.startup && b.investor == r.investor);
    if (!clash) e.requests.push_back(r);
  }
  e.reindex();
  return e;
}

}  // namespace festmatch::test
