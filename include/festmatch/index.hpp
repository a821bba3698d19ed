// festmatch — Index: how the library refers to startups, investors, slots, tables and sectors,
// by their 0-based position in the owning vector.
#pragma once

#include <cstdint>

namespace festmatch {

using Index = std::int32_t;

}  // namespace festmatch
