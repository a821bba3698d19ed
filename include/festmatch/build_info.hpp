// festmatch — what the library was built with: each dependency's version, read from the
// dependency's own macros where the library's definitions are compiled, and the compiler.
//
// With the compiled library (festmatch::festmatch) these are the versions festmatch itself was
// compiled against: fmt, Boost and nlohmann-json are private to it, so a program that links it
// (the festmatch tool among them) cannot read their versions any other way. Header-only
// (FESTMATCH_HEADER_ONLY), they are the versions the including program compiles with.
//
//   for (const auto& [name, version] : festmatch::built_with())
//     std::cout << name << ' ' << version << '\n';   // fmt 9.1.0 ... compiler GCC 12.2.0
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "festmatch/config.hpp"

namespace festmatch {

// {name, version}: fmt, nlohmann-json, Eigen, Boost (as major.minor.patch), then the compiler
// as {"compiler", "GCC 12.2.0"} (or Clang, MSVC; "unknown" for another).
FESTMATCH_FUNC std::vector<std::pair<std::string, std::string>> built_with();

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/build_info-inl.hpp"
#endif
