// festmatch — scheduler internals: the final meetings with their tables.
//
// Pinned meetings keep their table (explicit, or the investor's fixed table); held tables
// (Problem::held_tables) stay taken; placed meetings keep the table they hold (fixed tables, and
// every in-person table when slots overlap). Every other in-person meeting, slot by slot in time
// order, keeps its investor's table of the investor's previous meeting when that table is free
// in its slot (an investor without a fixed table stays at one table as long as it can), else
// gets the lowest free table, in (startup, investor) order. The meetings come out sorted by
// slot, table (online last), startup, investor. O(M log M + T · tables).
#pragma once

#include <algorithm>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

#include "festmatch/scheduler/detail/placement.hpp"
#include "festmatch/scheduler/detail/problem.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch::detail::scheduler {

// The pinned meetings, each at its table when it has one.
inline std::vector<Meeting> pinned_meetings(const Problem& p) {
  std::vector<Meeting> meetings;
  for (const auto& pin : p.pins)
    meetings.push_back(
        {.startup = pin.startup,
         .investor = pin.investor,
         .slot = pin.slot,
         .table = pin.fixed_table >= 0 ? std::optional<Index>(pin.fixed_table) : std::nullopt,
         .score = pin.score,
         .online = pin.online,
         .pinned = true});
  return meetings;
}

inline std::vector<Meeting> meetings_with_tables(const Problem& p, const SlotBoard& board) {
  std::vector<Meeting> meetings = pinned_meetings(p);
  for (const auto& m : board.meetings()) {
    if (!m.active || m.slot < 0) continue;
    meetings.push_back(
        {.startup = m.startup,
         .investor = m.investor,
         .slot = m.slot,
         .table = (!m.online && m.hold >= 0) ? std::optional<Index>(m.hold) : std::nullopt,
         .score = m.weight,
         .online = m.online,
         .pinned = false});
  }
  {
    std::vector<std::vector<char>> used(std::size_t(p.T),
                                        std::vector<char>(std::size_t(p.n_tables), 0));
    for (const auto& m : meetings)
      if (m.table) used[std::size_t(m.slot)][std::size_t(*m.table)] = 1;
    for (const HeldTable& h : p.held_tables)
      if (h.in_person) used[std::size_t(h.slot)][std::size_t(h.table)] = 1;
    // Slots in time order (without overlapping slots every in-person meeting is still without a
    // table here); within a slot, investors first take the table of their previous meeting.
    std::vector<Index> position(std::size_t(p.T));
    for (std::size_t k = 0; k < p.by_end.size(); ++k) position[std::size_t(p.by_end[k])] = Index(k);
    std::sort(meetings.begin(), meetings.end(), [&](const Meeting& a, const Meeting& b) {
      return std::tuple(position[std::size_t(a.slot)], a.startup, a.investor) <
             std::tuple(position[std::size_t(b.slot)], b.startup, b.investor);
    });
    std::vector<Index> last_table(std::size_t(p.I), -1);
    for (std::size_t first = 0; first < meetings.size();) {
      std::size_t end = first;
      while (end < meetings.size() && meetings[end].slot == meetings[first].slot) ++end;
      auto& u = used[std::size_t(meetings[first].slot)];
      auto take = [&](Meeting& m, Index table) {
        u[std::size_t(table)] = 1;
        m.table = table;
      };
      for (std::size_t k = first; k < end; ++k) {  // the investor's previous table, if free
        Meeting& m = meetings[k];
        const Index own = last_table[std::size_t(m.investor)];
        if (!m.online && !m.table && own >= 0 && own < p.slot_tables[std::size_t(m.slot)] &&
            !u[std::size_t(own)])
          take(m, own);
      }
      int next_free = 0;
      for (std::size_t k = first; k < end; ++k) {  // else the lowest free
        Meeting& m = meetings[k];
        if (m.online || m.table) continue;
        while (u[std::size_t(next_free)]) ++next_free;
        take(m, Index(next_free));
      }
      for (std::size_t k = first; k < end; ++k)
        if (meetings[k].table) last_table[std::size_t(meetings[k].investor)] = *meetings[k].table;
      first = end;
    }
  }
  std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) {
    const Index ta = a.table ? *a.table : std::numeric_limits<Index>::max();
    const Index tb = b.table ? *b.table : std::numeric_limits<Index>::max();
    return std::tie(a.slot, ta, a.startup, a.investor) <
           std::tie(b.slot, tb, b.startup, b.investor);
  });
  return meetings;
}

// The objective of `meetings`, its score part and how many startups stay below their minimum.
inline double objective_of(const Problem& p, const std::vector<Meeting>& meetings,
                           double& score_total, std::size_t& below_min) {
  std::vector<int> count(std::size_t(p.S), 0);
  score_total = 0.0;
  for (const auto& m : meetings) {
    score_total += m.score;
    ++count[std::size_t(m.startup)];
  }
  double obj = score_total;
  below_min = 0;
  for (Index s = 0; s < p.S; ++s) {
    const int c = count[std::size_t(s)], mn = p.min_s[std::size_t(s)];
    obj += p.fairness_weight * std::min(c, mn);
    if (c < mn) ++below_min;
  }
  return obj;
}

}  // namespace festmatch::detail::scheduler
