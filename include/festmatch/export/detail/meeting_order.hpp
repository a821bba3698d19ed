// festmatch — internals of the exports: the order meetings are listed in.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <tuple>
#include <vector>

#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch::detail::exports {

// Positions of the schedule's meetings sorted by slot (start time, then slot position), then
// table (in table order, online meetings last), then startup, then investor.
inline std::vector<std::size_t> meetings_in_order(const Event& event, const Schedule& schedule) {
  std::vector<std::int64_t> start(event.slots.size());
  for (std::size_t k = 0; k < event.slots.size(); ++k) start[k] = event.slots[k].start_utc;
  auto key = [&](const Meeting& m) {
    return std::make_tuple(start.at(static_cast<std::size_t>(m.slot)), m.slot,
                           m.table ? *m.table : std::numeric_limits<Index>::max(), m.startup,
                           m.investor);
  };
  std::vector<std::size_t> order(schedule.meetings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return key(schedule.meetings[a]) < key(schedule.meetings[b]);
  });
  return order;
}

}  // namespace festmatch::detail::exports
