// festmatch — scheduler internals: the large-neighbourhood search (Shaw, "Using constraint
// programming and local search methods to solve vehicle routing problems", CP 1998).
//
// Each round removes the meetings of a random startup, investor or slot (at most 24 of a slot),
// or a few random meetings, and re-inserts the best candidates of everyone touched (best gain
// first, with a little seeded noise, by Search::try_add with chains of depth 3); the round is
// kept unless the objective drops. Stops after `iterations` rounds, `patience` rounds without a
// gain, the search budget, or when the schedule reaches `bound` (small events only: a pruned
// event's bound is computed beside the search). Cost per round O(pool · T) plus the chains.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "festmatch/scheduler/detail/search.hpp"

namespace festmatch::detail::scheduler {

inline void large_neighbourhood_search(Search& s, double bound, long iterations, long patience) {
  const Problem& p = s.p;
  SlotBoard& board = s.board;
  auto& rng = board.rng();
  std::vector<int> removed;
  std::vector<Index> touched_s, touched_i;
  std::vector<std::pair<double, std::size_t>> pool;
  const double target =
      bound - p.pinned_value;  // small problems only: pruned ones have no bound yet
  long stale = 0;              // rounds since the objective last rose
  for (long it = 0; it < iterations && s.budget > 0 && stale < patience; ++it) {
    if (!p.pruned && board.value() >= target - 1e-7 * std::max(1.0, std::abs(bound))) break;
    const double before = board.value();
    ++stale;
    const std::size_t start = board.mark();
    removed.clear();
    const auto kind = rng.below(4);
    if (kind == 0 && p.S > 0)
      board.meetings_of_startup(Index(rng.below(std::uint32_t(p.S))), removed);
    else if (kind == 1 && p.I > 0)
      board.meetings_of_investor(Index(rng.below(std::uint32_t(p.I))), removed);
    else if (kind == 2 && p.T > 0) {
      const Index t = Index(rng.below(std::uint32_t(p.T)));
      for (Index st = 0; st < p.S; ++st)
        if (const int id = board.meeting_of_startup_at(st, t); id >= 0) removed.push_back(id);
      if (removed.size() > 24) {
        for (std::size_t k = 0; k < 24; ++k)
          std::swap(removed[k], removed[k + rng.below(std::uint32_t(removed.size() - k))]);
        removed.resize(24);
      }
    } else {
      const auto& ms = board.meetings();
      for (int k = 0; k < 3 && !ms.empty(); ++k) {
        const int id = int(rng.below(std::uint32_t(ms.size())));
        if (ms[std::size_t(id)].active && ms[std::size_t(id)].slot >= 0 &&
            std::find(removed.begin(), removed.end(), id) == removed.end())
          removed.push_back(id);
      }
    }
    if (removed.empty()) continue;
    touched_s.clear();
    touched_i.clear();
    for (int id : removed) {
      const auto& m = board.meetings()[std::size_t(id)];
      touched_s.push_back(m.startup);
      touched_i.push_back(m.investor);
      board.drop(id);
    }
    pool.clear();
    for (Index st : touched_s)
      for (std::size_t k : s.of_s[std::size_t(st)]) pool.push_back({0.0, k});
    for (Index i : touched_i)
      for (std::size_t k : s.of_i[std::size_t(i)]) pool.push_back({0.0, k});
    for (auto& [key, k] : pool) key = s.gain(k) * (1.0 + 0.1 * double(rng.below(1000)) / 1000.0);
    std::sort(pool.begin(), pool.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    s.budget -= long(pool.size());
    for (const auto& [key, k] : pool)
      if (s.gain(k) > 0.0) (void)s.try_add(k, 3);
    if (board.value() < before - 1e-12)
      board.rollback(start);
    else if (board.value() > before + 1e-12)
      stale = 0;
    board.commit();
  }
}

}  // namespace festmatch::detail::scheduler
