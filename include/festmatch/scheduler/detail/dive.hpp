// festmatch — scheduler internals: diving on the slot-aware relaxation, a third schedule where
// per-slot table limits bind.
//
// Problem. Where slots' tables differ and bind, the first schedule and the Lagrangian heuristic
// (solve.hpp) stay 0.6–1.7 % below the optimum (tight-tables benchmarks, bench/tight_tables.hpp:
// n = 30 … 150 against CBC's exact optimum): their pairs are mostly right, their slots are not, and
// no local move of the search reaches the optimum's arrangement. The slot-aware relaxation
// (slot_bound.hpp) is within 0.2 % of that optimum there, and its slots' matchings at the best
// multipliers nearly form a schedule: most pairs sit in exactly one slot.
//
// Method: diving (fix and re-solve on the Lagrangian relaxation; Fisher, Management Science
// 1981, §5). Each round builds the problem with the meetings fixed so far as pinned meetings of
// the event, computes its slot-aware bound, and fixes `share` (solve.hpp: 30, 20, then 10 %) of the
// pairs that the matchings put in exactly one slot, best score first, each only where a board of
// that problem accepts it at that slot (so every fixed meeting keeps every hard rule). The dive
// stops when a round fixes fewer than `min_fixed` meetings, after `max_rounds` or `max_work` (pair,
// slot) entries evaluated by the rounds' bounds, or as soon as a round's bound (which covers every
// schedule holding the fixed meetings) is no better than `beat`: the dive can no longer win.
// The bounds step toward `beat` (slot_bound.hpp), so it should be a schedule's objective. The
// rest of the event is then scheduled as the first schedule is (selection, placement, fill,
// search, table swaps) with the fixed meetings pinned. The result is every meeting the dive
// added, by slot, for solve.hpp to load into the original problem's board, improve and keep
// when better. Deterministic: one thread, the run's seed.
//
// Measured: docs/scheduler.md, "Slot-aware bound" (the tight-tables family against CBC's
// optimum).
//
// Complexity: rounds × (building the problem, O(S·I·W), plus a slot-aware bound), at most
// `max_work` entries in all: 0.2–3 s on one thread for the tight-tables family, n = 30 … 150.
// Runs only where solve.hpp runs the slot-aware bound and its schedules are more than `enough`
// (0.1 %) below it.
//
//   double work = 0;  // shared by the dives of one schedule
//   const auto meetings = dive(event, score, eligible, held, fw, options, best, {}, work);
#pragma once

#include <algorithm>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/detail/improve.hpp"
#include "festmatch/scheduler/detail/placement.hpp"
#include "festmatch/scheduler/detail/problem.hpp"
#include "festmatch/scheduler/detail/search.hpp"
#include "festmatch/scheduler/detail/selection.hpp"
#include "festmatch/scheduler/detail/slot_bound.hpp"
#include "festmatch/scheduler/scheduler.hpp"

namespace festmatch::detail::scheduler {

struct DiveSettings {
  double share = 0.2;     // of a round's pairs in exactly one slot, fixed
  int min_fixed = 3;      // a round fixing fewer ends the dive
  int max_rounds = 40;    // rounds at most
  double max_work = 3e8;  // (pair, slot) entries evaluated by the rounds' bounds, in total
  double enough = 1e-3;   // solve.hpp dives while the schedule is further below the bound
};

// The meetings a dive adds to `e` (its own pins excluded), or none when it cannot beat `beat`.
// `work`: the entries evaluated so far, by this dive and earlier ones that share max_work.
inline std::vector<PinnedMeeting> dive(const Event& e, const Eigen::MatrixXd& score,
                                       const EligibleMatrix& eligible,
                                       const std::vector<HeldTable>& held, double fairness_weight,
                                       const ScheduleOptions& o, double beat,
                                       const DiveSettings& settings, double& work) {
  Event fixed = e;
  auto problem = [&] {
    return build_problem(fixed, score, eligible, fairness_weight, 1, o.prune_above, held);
  };
  auto select = [&](Problem& p) {
    return select_pairs(p, o.selection_tolerance, o.table_price_rounds, o.pricing_rounds);
  };
  const double tie = 1e-9 * std::max(1.0, std::abs(beat));
  try {
    for (int round = 0; round < settings.max_rounds && work < settings.max_work; ++round) {
      Problem p = problem();
      if (p.pruned) return {};
      const RelaxedSelection relaxed = select(p);
      SlotBound slots(p);
      const double ub = slots.bound(relaxed.bound_investor_price, relaxed.bound_table_price, beat,
                                    {.threads = 1});
      work += double(slots.entries()) * slots.passes();
      if (ub <= beat + tie) return {};
      std::vector<int> times(p.candidates.size(), 0);
      for (const auto& [k, t] : slots.best_matchings()) ++times[k];
      std::vector<std::pair<std::size_t, Index>> once;
      for (const auto& entry : slots.best_matchings())
        if (times[entry.first] == 1) once.push_back(entry);
      std::stable_sort(once.begin(), once.end(), [&](const auto& a, const auto& b) {
        return p.candidates[a.first].weight > p.candidates[b.first].weight;
      });
      const auto want = std::size_t(settings.share * double(once.size()));
      SlotBoard board(p, o.seed);
      int added = 0;
      for (const auto& [k, t] : once) {
        if (std::size_t(added) >= want) break;
        const Candidate& c = p.candidates[k];
        if (!board.add_at(c, t)) continue;
        fixed.pinned.push_back({c.startup, c.investor, t, std::nullopt});
        ++added;
      }
      if (added < settings.min_fixed) break;
    }
    // The rest, as the first schedule is made.
    Problem p = problem();
    const RelaxedSelection relaxed = select(p);
    SlotBoard board(p, o.seed);
    Search search(p, board, o.search_budget);
    place_chosen(p, relaxed.selection.chosen, board, o.chain_depth, search.budget);
    improve(search, o, relaxed.bound);
    std::vector<PinnedMeeting> out(fixed.pinned.begin() + std::ptrdiff_t(e.pinned.size()),
                                   fixed.pinned.end());
    for (const Placed& m : board.meetings())
      if (m.active && m.slot >= 0) out.push_back({m.startup, m.investor, m.slot, std::nullopt});
    return out;
  } catch (const InfeasibleError&) {  // a fixed meeting the board accepted but the rules do not
    return {};
  }
}

}  // namespace festmatch::detail::scheduler
