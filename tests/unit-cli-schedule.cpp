// `festmatch schedule` and the tool as a whole: a misspelt command and --version.
#include <doctest/doctest.h>

#include <festmatch/version.hpp>
#include <regex>
#include <string>

#include "test_support.hpp"

using namespace festmatch;
using namespace festmatch::test;

TEST_CASE("a misspelt command: exit 2 and the command meant, a far one lists the commands") {
  TempDir dir("cli-schedule");
  Run r = run_cli(dir, "scheduel examples/techfest-haiphong --output x.json");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "festmatch: error: unknown command 'scheduel'; did you mean 'schedule'?\n");

  r = run_cli(dir, "valdiate event.json");
  CHECK(r.status == 2);
  CHECK(r.err == "festmatch: error: unknown command 'valdiate'; did you mean 'validate'?\n");

  const std::string commands =
      "the commands are validate, score, schedule, explain, export, generate (festmatch --help "
      "explains them)\n";
  r = run_cli(dir, "frobnicate event.json");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "festmatch: error: unknown command 'frobnicate'; " + commands);

  r = run_cli(dir, "");
  CHECK(r.status == 2);
  CHECK(r.err == "festmatch: error: no command given; " + commands);

  // A known command keeps its own errors.
  r = run_cli(dir, "schedule");
  CHECK(r.status == 2);
  CHECK(r.err.find("EVENT is required") != std::string::npos);
}

TEST_CASE("--version: festmatch's version, then each library compiled in with its version") {
  TempDir dir("cli-schedule");
  const Run r = run_cli(dir, "--version");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto got = lines(r.out);
  REQUIRE(got.size() == 7);
  CHECK(got[0] == "festmatch " + std::to_string(version_major) + "." +
                      std::to_string(version_minor) + "." + std::to_string(version_patch));
  const char* names[] = {"fmt", "nlohmann-json", "Eigen", "Boost", "CLI11"};
  for (std::size_t k = 0; k < 5; ++k) {
    INFO("line: ", got[k + 1]);
    CHECK(std::regex_match(got[k + 1], std::regex(std::string(names[k]) + R"( \d+\.\d+\.\d+)")));
  }
  CHECK(std::regex_match(got[6], std::regex(R"(compiler (GCC|Clang|MSVC) \d+(\.\d+\.\d+)?)")));
}
