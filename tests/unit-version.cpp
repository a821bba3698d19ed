#include <doctest/doctest.h>

#include <festmatch/version.hpp>

TEST_CASE("FESTMATCH_VERSION encodes major, minor and patch") {
  CHECK(FESTMATCH_VERSION == festmatch::version_major * 10000 + festmatch::version_minor * 100 +
                                 festmatch::version_patch);
  CHECK(festmatch::version_minor < 100);
  CHECK(festmatch::version_patch < 100);
}
