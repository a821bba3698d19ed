// FESTMATCH_VERSION and festmatch::built_with().
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <festmatch/build_info.hpp>
#include <festmatch/version.hpp>
#include <string>

#include "test_support.hpp"

TEST_CASE("FESTMATCH_VERSION encodes major, minor and patch") {
  CHECK(FESTMATCH_VERSION == festmatch::version_major * 10000 + festmatch::version_minor * 100 +
                                 festmatch::version_patch);
  CHECK(festmatch::version_minor < 100);
  CHECK(festmatch::version_patch < 100);
}

TEST_CASE("built_with names each dependency with its version, then the compiler") {
  const auto parts = festmatch::built_with();
  REQUIRE(parts.size() == 5);
  const char* names[] = {"fmt", "nlohmann-json", "Eigen", "Boost", "compiler"};
  for (std::size_t k = 0; k < parts.size(); ++k) CHECK(parts[k].first == names[k]);
  for (std::size_t k = 0; k < 4; ++k) {
    INFO(parts[k].first, " ", parts[k].second);
    CHECK(festmatch::test::is_version(parts[k].second, 3));
  }
  // Eigen is a public dependency: this file sees the same headers as the library.
  CHECK(parts[2].second == std::to_string(EIGEN_WORLD_VERSION) + "." +
                               std::to_string(EIGEN_MAJOR_VERSION) + "." +
                               std::to_string(EIGEN_MINOR_VERSION));
  CHECK(festmatch::test::is_compiler(parts[4].second));
}
