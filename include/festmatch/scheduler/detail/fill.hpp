// festmatch — scheduler internals: the fill, after placement.
//
// Every candidate pair not yet scheduled is offered, best score first, in two passes: startups
// below their minimum first (when fairness counts), then everyone. A pair that gains is added
// when both sides have room, in a free slot or by an ejection chain of at most
// min(6, chain_depth) moves. O(E · T) plus the chains for E candidate pairs.
#pragma once

#include <algorithm>
#include <cstddef>

#include "festmatch/scheduler/detail/search.hpp"

namespace festmatch::detail::scheduler {

inline void fill(Search& s, int chain_depth) {
  const std::vector<std::size_t> rest = s.unscheduled();
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t k : rest) {
      if (pass == 0 && s.p.fairness_weight > 0 && !s.below_min(k)) continue;
      if (s.gain(k) > 0.0) (void)s.try_add(k, std::min(6, chain_depth));
    }
  s.board.commit();
}

}  // namespace festmatch::detail::scheduler
