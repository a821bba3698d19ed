#include <doctest/doctest.h>

#include <filesystem>
#include <iterator>

#include <festmatch/util/atomic_file.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using festmatch::test::slurp;
using festmatch::test::TempDir;

TEST_CASE("write_file_atomically writes the whole content and leaves no temporary file") {
  const TempDir dir("atomic-file");
  festmatch::write_file_atomically(dir.path / "out.txt", "first");
  festmatch::write_file_atomically(dir.path / "out.txt", "Hải Phòng\r\n");
  CHECK(slurp(dir.path / "out.txt") == "Hải Phòng\r\n");
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("a write into a missing folder throws OutputError and creates nothing") {
  const TempDir dir("atomic-missing");
  const fs::path target = dir.path / "no-such-dir" / "out.txt";
  CHECK_THROWS_WITH_AS(festmatch::write_file_atomically(target, "x"),
                       (target.string() + ": error: cannot write: folder '" +
                        target.parent_path().string() + "' does not exist")
                           .c_str(),
                       festmatch::OutputError);
  CHECK_FALSE(fs::exists(target.parent_path()));
}

TEST_CASE("an AtomicOutput that is never committed leaves the existing target untouched") {
  const TempDir dir("atomic-abort");
  festmatch::write_file_atomically(dir.path / "out.txt", "published");
  {
    festmatch::AtomicOutput out(dir.path / "out.txt");
    out.stream() << "half a fi";
  }  // e.g. an exception unwound past it
  CHECK(slurp(dir.path / "out.txt") == "published");
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}
