// Replays every fuzz seed and every input that once made a fuzzer fail (tests/fuzz/corpus/ and
// tests/fuzz/regressions/, one folder per target) through the same target functions the
// fuzzers run: each must end in a value or a festmatch::Error, never a crash, and what reads
// must write and read back the same. The regressions are counted on their own, so that one
// that goes missing fails the test.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/schedule_target.hpp"
#include "fuzz/targets.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

// Replays tests/fuzz/KIND/TARGET (KIND: corpus or regressions); the number of inputs.
static std::size_t replay(const char* kind, const std::string& target,
                          void (*run)(std::string_view)) {
  std::size_t count = 0;
  {
    const fs::path dir = fs::path(festmatch::test::source_dir()) / "tests/fuzz" / kind / target;
    if (!fs::is_directory(dir)) return 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().filename().string().front() == '.') continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      INFO("input: " << entry.path().string());
      CHECK_NOTHROW(run(bytes.str()));
      ++count;
    }
  }
  return count;
}

TEST_CASE("fuzz inputs for the JSON event reader end in an event or an InputError") {
  CHECK(replay("corpus", "event-json", festmatch::fuzz::event_json) == 2);
  CHECK(replay("regressions", "event-json", festmatch::fuzz::event_json) == 0);
}

TEST_CASE("fuzz inputs for the event folder reader end in an event or an InputError") {
  CHECK(replay("corpus", "event-folder", festmatch::fuzz::event_folder) == 1);
  CHECK(replay("regressions", "event-folder", festmatch::fuzz::event_folder) == 0);
}

TEST_CASE("fuzz inputs for the schedule reader end in a schedule or an InputError") {
  CHECK(replay("corpus", "schedule-json", festmatch::fuzz::schedule_json) == 1);
  CHECK(replay("regressions", "schedule-json", festmatch::fuzz::schedule_json) == 2);
}
