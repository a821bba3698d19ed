// festmatch — the meeting scheduler (docs/scheduler.md).
//
// Problem. Choose meetings (startup, investor, slot, table) maximising
//   Σ score + fairness_weight · Σ_startups min(meetings, min_meetings)
// under every hard rule: eligible pairs only (pinned pairs always); nobody in two meetings at
// once (slots that overlap in clock time are one instant); both sides available;
// one meeting per pair; max_meetings; in-person meetings per slot ≤ the slot's tables, one per
// table at any instant, fixed tables honoured (an investor's fixed table is held by any of its
// meetings, so investors sharing a table never meet at once); online meetings
// (either side online, the other online or both) take no table; blocked pairs never; pinned
// meetings unchanged; the organisation rule when set. Objective::total sets the fairness weight
// to 0.
//
// Method.
//   1. Candidates: eligible, mode-compatible pairs with a common free slot, as bits; pins fixed
//      first (scheduler/detail/problem.hpp; broken pins throw InfeasibleError). Above
//      prune_above pairs the selection starts from each side's best 2·cap + 4.
//   2. Selection: the relaxation without the per-slot rules — caps min(max_meetings, free slots),
//      fairness as a first-units bonus, the organisation rule as startup × organisation nodes —
//      solved by min-cost flow (scheduler/detail/selection.hpp, select_pairs); when it needs
//      more in-person tables than the event has, the tables are priced by bisection, each round
//      a warm re-solve; pruned pairs that would pay are priced back in.
//   3. Bound: the Lagrangian of the investors' capacities at the flow's prices
//      (scheduler/detail/bound.hpp); valid for any prices, equal to the relaxation's optimum.
//      Where per-slot tables may bind, after the search, the lesser of it and the slot-aware
//      bound: the time-indexed relaxation's Lagrangian by subgradient steps
//      (scheduler/detail/slot_bound.hpp); its slot matchings then seed a second schedule
//      (placed, filled and searched as in step 5), kept when better (a Lagrangian heuristic),
//      and while the schedule is more than 0.1 % below that bound, dives fix the pairs the
//      matchings agree on and solve the rest (scheduler/detail/dive.hpp), kept when better.
//   4. Placement: the chosen pairs, most constrained first, then ejection chains
//      (scheduler/detail/placement.hpp).
//   5. Search, on one iteration budget and a seeded PRNG: the fill with further pairs
//      (detail/fill.hpp), a large-neighbourhood search (detail/neighbourhood.hpp) and
//      table swaps (detail/table_swaps.hpp), all on the state of detail/search.hpp.
//   6. Compaction (Agenda::compact, the default): the chosen meetings re-timed so that each
//      participant meets on few days, back to back, by Kempe-chain moves through the same board
//      (detail/compaction.hpp); the pairs, and so the objective, are unchanged.
//   7. Tables per slot, fixed ones first (detail/tables.hpp); reasons for every unmet request
//      and every participant left short (detail/reasons.hpp); stats and stage times.
// scheduler/detail/solve.hpp runs the stages in this order.
// The result depends only on the event, the objective and the seed — never on threads or time.
//
// Complexity. Candidates O(S·I·T/64); selection one cost-scaling min-cost flow per table-price
// round over the (pruned) candidate arcs, plus one scan of every pair per pricing round; bound
// O(E log E); placement O(F·T) plus the chain budget for F chosen pairs.
//
//   festmatch::Event event = festmatch::read_event("techfest.json");
//   festmatch::Schedule plan = festmatch::schedule_meetings(event, {.seed = 7});
//   std::cout << plan.stats.meetings << " meetings, gap " << plan.stats.gap << '\n';
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scoring/scoring.hpp"

namespace festmatch {

// How meetings are timed once chosen: compact re-times them so that each participant meets on
// few days, back to back (scheduler/detail/compaction.hpp); spread keeps the placement's slots.
// Both give the same meetings (pairs) and so the same objective.
enum class Agenda { compact, spread };

struct ScheduleOptions {
  Objective objective = Objective::fair;
  Agenda agenda = Agenda::compact;
  std::uint64_t seed = 1;
  int threads = 1;  // 0 = hardware concurrency; the result never depends on it
  // Called on the calling thread after each stage ("scores" when schedule_meetings computes them,
  // "candidates", "selection", "bound", "placement", "search", "compaction", "tables", "reasons")
  // with the fraction done; may be empty. It is also the way to stop a solve: an exception it
  // throws stops the solve at that stage boundary and propagates out of schedule_meetings
  // unchanged, with every thread the solve started joined and nothing leaked. (On Slush the longest
  // stage takes under a second on 2 threads.)
  std::function<void(std::string_view stage, double fraction)> progress;
  long search_budget = 500000;  // chain steps and re-inserted candidates, in total
  long lns_iterations = 3000;   // large-neighbourhood search rounds at most
  long lns_patience = 400;      // ... and stop after this many rounds without a gain
  int table_price_rounds = 6;   // bisection rounds on the table price when tables bind
  int chain_depth = 24;         // longest ejection chain
  // Above this many candidate pairs the selection keeps each side's best 2·cap + 4 pairs, and
  // solves the relaxation to within selection_tolerance (score units) per participant.
  std::size_t prune_above = 20000;
  double selection_tolerance = 1e-4;
  int pricing_rounds = 1;     // rounds adding the pruned pairs that would pay, at most
  int compaction_passes = 6;  // Agenda::compact: passes over the participants at most
};

// Schedules the event on its own scores (computed here, on options.threads threads).
FESTMATCH_FUNC Schedule schedule_meetings(const Event& event, const ScheduleOptions& options = {});

// Schedules on scores computed beforehand (e.g. shared with other calls).
FESTMATCH_FUNC Schedule schedule_meetings(const Event& event, const CompatibilityMatrix& scores,
                                          const ScheduleOptions& options);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/scheduler/scheduler-inl.hpp"
#endif
