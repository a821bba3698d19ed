// festmatch — definitions for build_info.hpp.
#pragma once

#include <fmt/format.h>

#include <Eigen/Core>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "festmatch/build_info.hpp"

namespace festmatch {

FESTMATCH_FUNC std::vector<std::pair<std::string, std::string>> built_with() {
  auto dotted = [](long major, long minor, long patch) {
    return std::to_string(major) + '.' + std::to_string(minor) + '.' + std::to_string(patch);
  };
#if defined(__clang__)
  const std::string compiler =
      "Clang " + dotted(__clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  const std::string compiler = "GCC " + dotted(__GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#elif defined(_MSC_FULL_VER)
  const std::string compiler = "MSVC " + std::to_string(_MSC_FULL_VER);
#else
  const std::string compiler = "unknown";
#endif
  return {
      {"fmt", dotted(FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
      {"nlohmann-json", dotted(NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                               NLOHMANN_JSON_VERSION_PATCH)},
      {"Eigen", dotted(EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION)},
      {"Boost", dotted(BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
      {"compiler", compiler},
  };
}

}  // namespace festmatch
