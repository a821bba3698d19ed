#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <festmatch/io/atomic_file.hpp>

namespace fs = std::filesystem;

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_CASE("write_file_atomically writes the whole content and leaves no temporary file") {
  const fs::path dir = fs::temp_directory_path() / ("festmatch-atomic-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  festmatch::write_file_atomically(dir / "out.txt", "first");
  festmatch::write_file_atomically(dir / "out.txt", "Hải Phòng\r\n");
  CHECK(slurp(dir / "out.txt") == "Hải Phòng\r\n");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}

TEST_CASE("a write into a missing folder throws OutputError and creates nothing") {
  const fs::path target = fs::temp_directory_path() / "festmatch-no-such-dir" / "out.txt";
  CHECK_THROWS_WITH_AS(festmatch::write_file_atomically(target, "x"),
                       (target.string() + ": error: cannot write: folder '" +
                        target.parent_path().string() + "' does not exist")
                           .c_str(),
                       festmatch::OutputError);
  CHECK_FALSE(fs::exists(target.parent_path()));
}

TEST_CASE("an AtomicOutput that is never committed leaves the existing target untouched") {
  const fs::path dir = fs::temp_directory_path() / ("festmatch-atomic-abort-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  festmatch::write_file_atomically(dir / "out.txt", "published");
  {
    festmatch::AtomicOutput out(dir / "out.txt");
    out.stream() << "half a fi";
  }  // e.g. an exception unwound past it
  CHECK(slurp(dir / "out.txt") == "published");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}
