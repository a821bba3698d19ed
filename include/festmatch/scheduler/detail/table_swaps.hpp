// festmatch — scheduler internals: table swaps, the last improving stage.
//
// When a slot's tables are all taken, a better unscheduled pair (best first, each tried once)
// takes the table of the slot's least valuable in-person meeting, and replaces its own side's
// weakest meeting when that side is at capacity; a pair that cannot outweigh the meetings it
// would displace is not tried. Whoever lost a meeting may take another of its candidates. The
// move is kept only when the objective rises. Cost O(T) per pair tried plus the refills.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "festmatch/scheduler/detail/search.hpp"

namespace festmatch::detail::scheduler {

inline void table_swaps(Search& s) {
  const Problem& p = s.p;
  SlotBoard& board = s.board;
  const std::vector<std::size_t> pool = s.unscheduled();
  const auto& ms = board.meetings();
  auto loss = [&](int id) {  // what removing a placed meeting costs
    const auto st = std::size_t(ms[std::size_t(id)].startup);
    return ms[std::size_t(id)].weight +
           (board.deg_s(Index(st)) + p.pinned_s[st] <= p.min_s[st] ? p.fairness_weight : 0.0);
  };
  std::vector<int> victim(std::size_t(p.T), -1);  // cheapest in-person meeting of each slot
  std::vector<double> victim_loss(std::size_t(p.T), 0.0);
  auto refresh = [&](Index t) {
    int best = -1;
    for (int id : board.inperson_meetings_at(t))
      if (best < 0 || loss(id) < victim_loss[std::size_t(t)])
        best = id, victim_loss[std::size_t(t)] = loss(id);
    victim[std::size_t(t)] = best;
  };
  for (Index t = 0; t < p.T; ++t) refresh(t);
  std::vector<int> dropped, theirs;
  auto weakest_of = [&](bool startup, Index who) {  // -1 when `who` has no meeting
    theirs.clear();
    if (startup)
      board.meetings_of_startup(who, theirs);
    else
      board.meetings_of_investor(who, theirs);
    if (theirs.empty()) return -1;
    return *std::min_element(theirs.begin(), theirs.end(), [&](int a, int b) {
      return ms[std::size_t(a)].weight < ms[std::size_t(b)].weight;
    });
  };
  for (std::size_t k : pool) {  // each pair tried once
    const auto& c = p.candidates[k];
    if (s.gain(k) <= 0.0 || !board.org_free(c.startup, c.investor) ||
        board.has_pair(c.startup, c.investor))
      continue;
    // A full side gives up its weakest meeting; a pair that cannot outweigh those is skipped.
    const int of_s_full = board.deg_s(c.startup) >= p.cap_s[std::size_t(c.startup)]
                              ? weakest_of(true, c.startup)
                              : -1;
    const int of_i_full = board.deg_i(c.investor) >= p.cap_i[std::size_t(c.investor)]
                              ? weakest_of(false, c.investor)
                              : -1;
    double displaced = 0.0;
    for (const int d : {of_s_full, of_i_full})
      if (d >= 0) displaced += ms[std::size_t(d)].weight;
    if (s.gain(k) <= displaced) continue;
    const double before = board.value();
    const std::size_t start = board.mark();
    dropped.clear();
    for (const int d : {of_s_full, of_i_full})
      if (d >= 0) {
        dropped.push_back(d);
        board.drop(d);
      }
    const int id = board.add(c);
    Index t = board.best_free_slot(id);
    if (t < 0 && !c.online) {  // every common slot's tables taken: evict the cheapest meeting
      board.for_static_slots(ms[std::size_t(id)], [&](Index u) {
        if (!board.tables_full(u) || board.meeting_of_startup_at(c.startup, u) != -1 ||
            board.meeting_of_investor_at(c.investor, u) != -1)
          return;
        const int v = victim[std::size_t(u)];
        if (v < 0 || !ms[std::size_t(v)].active || ms[std::size_t(v)].slot != u) refresh(u);
        if (victim[std::size_t(u)] >= 0 &&
            (t < 0 || victim_loss[std::size_t(u)] < victim_loss[std::size_t(t)]))
          t = u;
      });
      if (t >= 0) {
        dropped.push_back(victim[std::size_t(t)]);
        board.drop(victim[std::size_t(t)]);
        if (!board.can_place(id, t)) t = -1;  // e.g. a fixed table still held
      }
    }
    if (t < 0) {
      board.rollback(start);
      continue;
    }
    board.place(id, t);
    // Whoever lost a meeting may take another of its candidates.
    for (int d : dropped) {
      const Index ds = ms[std::size_t(d)].startup, di = ms[std::size_t(d)].investor;
      int tries = 0;
      if (ds != c.startup)
        for (std::size_t k2 : s.of_s[std::size_t(ds)])
          if (s.gain(k2) > 0.0 && (s.try_add(k2, 0) || ++tries >= 4)) break;
      tries = 0;
      if (di != c.investor)
        for (std::size_t k2 : s.of_i[std::size_t(di)])
          if (s.gain(k2) > 0.0 && (s.try_add(k2, 0) || ++tries >= 4)) break;
    }
    if (board.value() > before + 1e-9) {
      board.commit();
      refresh(t);
    } else {
      board.rollback(start);
    }
  }
}

}  // namespace festmatch::detail::scheduler
