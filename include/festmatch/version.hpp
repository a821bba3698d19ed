// festmatch — the library's version, in one place. CMake reads it from here.
#pragma once

// major * 10000 + minor * 100 + patch
#define FESTMATCH_VERSION 200

namespace festmatch {
inline constexpr int version_major = FESTMATCH_VERSION / 10000;
inline constexpr int version_minor = FESTMATCH_VERSION / 100 % 100;
inline constexpr int version_patch = FESTMATCH_VERSION % 100;
}  // namespace festmatch
