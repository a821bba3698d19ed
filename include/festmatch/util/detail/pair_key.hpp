// festmatch — internals: one 64-bit key for a pair of indices (startup × investor, slot × table,
// …), for hash sets and maps of pairs.
#pragma once

#include <cstdint>

namespace festmatch::detail {

inline std::uint64_t pair_key(std::int64_t a, std::int64_t b) {
  return (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b);
}

}  // namespace festmatch::detail
