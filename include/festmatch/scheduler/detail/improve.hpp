// festmatch — scheduler internals: the improving stages in their order, as every schedule the
// scheduler builds (the first, the Lagrangian heuristic's, a dive's) runs them: the fill
// (fill.hpp), the large-neighbourhood search up to `bound` (neighbourhood.hpp) and the table
// swaps (table_swaps.hpp), on one search state and its budget (search.hpp).
#pragma once

#include "festmatch/scheduler/detail/fill.hpp"
#include "festmatch/scheduler/detail/neighbourhood.hpp"
#include "festmatch/scheduler/detail/search.hpp"
#include "festmatch/scheduler/detail/table_swaps.hpp"
#include "festmatch/scheduler/scheduler.hpp"

namespace festmatch::detail::scheduler {

inline void improve(Search& search, const ScheduleOptions& o, double bound) {
  fill(search, o.chain_depth);
  large_neighbourhood_search(search, bound, o.lns_iterations, o.lns_patience);
  table_swaps(search);
}

}  // namespace festmatch::detail::scheduler
