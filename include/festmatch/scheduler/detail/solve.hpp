// festmatch — scheduler internals: the pipeline as one call (festmatch/scheduler/scheduler.hpp
// describes the problem and the method; each stage lives in the scheduler/detail/*.hpp it names).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <future>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/agenda.hpp"
#include "festmatch/scheduler/detail/bound.hpp"
#include "festmatch/scheduler/detail/cancellations.hpp"
#include "festmatch/scheduler/detail/compaction.hpp"
#include "festmatch/scheduler/detail/dive.hpp"
#include "festmatch/scheduler/detail/improve.hpp"
#include "festmatch/scheduler/detail/placement.hpp"
#include "festmatch/scheduler/detail/problem.hpp"
#include "festmatch/scheduler/detail/reasons.hpp"
#include "festmatch/scheduler/detail/search.hpp"
#include "festmatch/scheduler/detail/selection.hpp"
#include "festmatch/scheduler/detail/slot_bound.hpp"
#include "festmatch/scheduler/detail/tables.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/scoring/scoring.hpp"

// Debug builds re-check every schedule with the independent validator, and so does any build
// that defines FESTMATCH_CHECK_SCHEDULES (the sanitizer suite of scripts/test does).
#if !defined(NDEBUG) && !defined(FESTMATCH_CHECK_SCHEDULES)
#define FESTMATCH_CHECK_SCHEDULES 1
#endif
#ifdef FESTMATCH_CHECK_SCHEDULES
#include <stdexcept>
#include "festmatch/validator/schedule_validator.hpp"
#endif

namespace festmatch {

namespace detail::scheduler {

// The Lagrangian heuristic: a schedule on `board` (empty) seeded by the slot-aware bound's
// matchings at its best multipliers (slot_bound.hpp): pairs best first, each placed in the slot
// its matching gave it while the rules allow; then the fill, the large-neighbourhood search and
// the table swaps, as for the first schedule.
inline void lagrangian_schedule(const Problem& p, const SlotBound& slots, const ScheduleOptions& o,
                                double ub, SlotBoard& board) {
  Search search(p, board, o.search_budget);
  auto entries = slots.best_matchings();
  std::stable_sort(entries.begin(), entries.end(),
                   [&](const auto& a, const auto& b) { return search.better(a.first, b.first); });
  for (const auto& [k, t] : entries) (void)board.add_at(p.candidates[k], t);
  improve(search, o, ub);
}

// A dive's meetings (dive.hpp) loaded on `board` (empty) at their slots, then the fill, the
// large-neighbourhood search and the table swaps, as for the first schedule.
inline void dived_schedule(const Problem& p, const std::vector<PinnedMeeting>& meetings,
                           const ScheduleOptions& o, double ub, SlotBoard& board) {
  Search search(p, board, o.search_budget);
  for (const PinnedMeeting& m : meetings) {
    const auto& pairs = search.of_s[std::size_t(m.startup)];
    const auto k = std::find_if(pairs.begin(), pairs.end(), [&](std::size_t j) {
      return p.candidates[j].investor == m.investor;
    });
    if (k != pairs.end()) (void)board.add_at(p.candidates[*k], m.slot);
  }
  improve(search, o, ub);
}

// The whole pipeline on given scores (festmatch/scheduler/scheduler.hpp describes it); `score_ms`
// is the time already spent computing them; `held` are tables taken by meetings outside the
// event and `outside` those meetings in its participants' agendas (problem.hpp: HeldTable,
// OutsideMeeting).
inline Schedule solve(const Event& e, const Eigen::MatrixXd& score, const EligibleMatrix& eligible,
                      const ScheduleOptions& o, double score_ms = -1.0,
                      const std::vector<HeldTable>& held = {},
                      const std::vector<OutsideMeeting>& outside = {}) {
  if (has_cancelled(e)) {  // cancellations.hpp: the solver sees them at max_meetings 0
    const ActiveEvent active = active_event(e);
    Schedule plan;
    try {
      plan = solve(active.event, score, eligible, o, score_ms, held, outside);
    } catch (const InfeasibleError& x) {
      throw original_pins(x, active);
    }
    name_cancellations(e, plan);
    return plan;
  }
  using clock = std::chrono::steady_clock;
  Schedule out;
  auto stage_start = clock::now();
  auto lap = [&](const char* name, double fraction) {
    const auto now = clock::now();
    out.stats.stage_ms.push_back(
        {name, std::chrono::duration<double, std::milli>(now - stage_start).count()});
    stage_start = now;
    if (o.progress) o.progress(name, fraction);
  };
  if (score_ms >= 0) out.stats.stage_ms.push_back({"scores", score_ms});
  const double fw = o.objective == Objective::total ? 0.0 : e.options.fairness_weight;
  Problem p = build_problem(e, score, eligible, fw, o.threads, o.prune_above, held);
  lap("candidates", 0.2);

  SelectionNetwork network(p);
  const RelaxedSelection relaxed =
      select_pairs(network, p, o.selection_tolerance, o.table_price_rounds, o.pricing_rounds);
  lap("selection", 0.5);
  // The bound: small problems have it from the selection's exact solves. Pruned ones evaluate it
  // at the final prices (and maybe one step up in λ: pruned_bound), on a thread of its own beside
  // the search when there are threads to spare (the search has no bound to stop at then, so the
  // schedule is the same on any thread count); the "bound" stage is the time spent waiting for it.
  double ub = relaxed.bound;
  std::future<double> final_bound;
  if (p.pruned)
    final_bound = std::async(o.threads == 1 ? std::launch::deferred : std::launch::async,
                             [&] { return pruned_bound(p, network, relaxed, 1); });
  const std::size_t bound_stage = out.stats.stage_ms.size();
  lap("bound", 0.55);

  SlotBoard board(p, o.seed);
  Search search(p, board, o.search_budget);
  place_chosen(p, relaxed.selection.chosen, board, o.chain_depth, search.budget);
  lap("placement", 0.7);
  improve(search, o, ub);
  lap("search", 0.9);
  // Where per-slot rules may hold the optimum below that bound: the slot-aware one
  // (slot_bound.hpp; its rule says where it runs), stepping toward the search's objective; the
  // Lagrangian heuristic from its matchings (lagrangian_schedule); and, while the best of them
  // is more than 0.1 % below the bound, dives fixing 30, 20 then 10 % per round, within one work
  // limit (dive.hpp, dived_schedule). The best schedule is kept (the first on ties). Their times
  // count to the "bound" and "search" stages. It runs only on unpruned events, which scan on one
  // thread (p.threads, problem.hpp): starting threads for each of its steps costs more than the
  // slots' matchings there.
  std::optional<SlotBoard> lagrangian_board;
  std::deque<SlotBoard> dived_boards;  // a deque: chosen_board may point into it
  SlotBoard* chosen_board = &board;
  if (const SlotBoundSettings slot_settings{.threads = p.threads};
      slot_bound_pays(p, ub, p.pinned_value + board.value(), slot_settings)) {
    SlotBound slots(p);
    ub = std::min(ub, slots.bound(relaxed.bound_investor_price, relaxed.bound_table_price,
                                  p.pinned_value + board.value(), slot_settings));
    const auto bound_end = clock::now();
    out.stats.stage_ms[bound_stage].second +=
        std::chrono::duration<double, std::milli>(bound_end - stage_start).count();
    auto keep_if_better = [&](SlotBoard& other) {
      const double v = chosen_board->value();
      if (other.value() > v + 1e-9 * std::max(1.0, std::abs(v))) chosen_board = &other;
    };
    lagrangian_schedule(p, slots, o, ub, lagrangian_board.emplace(p, o.seed));
    keep_if_better(*lagrangian_board);
    DiveSettings dive_settings;
    double dive_work = 0.0;
    for (const double share : {0.3, 0.2, 0.1}) {  // while the gap is wide and work is left
      const double best = p.pinned_value + chosen_board->value();
      if (ub - best <= dive_settings.enough * std::abs(ub) || dive_work >= dive_settings.max_work)
        break;
      dive_settings.share = share;
      const std::vector<PinnedMeeting> dived =
          dive(e, score, eligible, held, fw, o, best, dive_settings, dive_work);
      if (dived.empty()) continue;
      SlotBoard& next = dived_boards.emplace_back(p, o.seed);
      dived_schedule(p, dived, o, ub, next);
      keep_if_better(next);
    }
    stage_start = clock::now();
    out.stats.stage_ms.back().second +=  // the "search" stage's
        std::chrono::duration<double, std::milli>(stage_start - bound_end).count();
  }
  if (o.agenda == Agenda::compact) {
    compact_agendas(p, *chosen_board, {.seed = o.seed, .passes = o.compaction_passes}, outside);
    lap("compaction", 0.92);
  }

  std::vector<Meeting> meetings = meetings_with_tables(p, *chosen_board);
  lap("tables", 0.93);

  out.unscheduled = unmet_requests(p, score, eligible, meetings);
  out.shortfalls = shortfalls(p, score, eligible, meetings, outside);
  lap("reasons", 1.0);

  if (p.pruned) {
    const auto wait_start = clock::now();
    ub = std::min(ub, final_bound.get());
    out.stats.stage_ms[bound_stage].second +=
        std::chrono::duration<double, std::milli>(clock::now() - wait_start).count();
  }
  auto& st = out.stats;
  st.meetings = meetings.size();
  st.objective = objective_of(p, meetings, st.score_total, st.startups_below_min);
  // The bound as computed: a valid relaxation is never below the objective beyond rounding
  // (bound.hpp adds a relative 1e-10 for it); the validator flags one that is (checked builds
  // throw, below), so a broken bound can never pass as a gap of 0.
  const AgendaStats agenda = agenda_stats(e, meetings);
  st.idle_slots = agenda.idle_slots;
  st.days_attended = agenda.days_attended;
  st.upper_bound = ub;
  st.gap = ub > 0 ? (ub - st.objective) / ub : 0.0;
  out.meetings = std::move(meetings);
  return out;
}

// The relaxation's bound alone (bound.hpp), at the selection's prices: what `solve` reports for
// the same problem before the slot-aware bound tightens it, with `inperson_anywhere` tables
// taken in slots left open (Problem::inperson_anywhere). Cost: the candidates and the
// selection, without the search.
inline double relaxation_bound(const Event& e, const Eigen::MatrixXd& score,
                               const EligibleMatrix& eligible, const ScheduleOptions& o,
                               const std::vector<HeldTable>& held, int inperson_anywhere) {
  const double fw = o.objective == Objective::total ? 0.0 : e.options.fairness_weight;
  Problem p = build_problem(e, score, eligible, fw, o.threads, o.prune_above, held);
  p.inperson_anywhere = inperson_anywhere;
  SelectionNetwork network(p);
  const RelaxedSelection relaxed =
      select_pairs(network, p, o.selection_tolerance, o.table_price_rounds, o.pricing_rounds);
  double ub = relaxed.bound;
  if (p.pruned) ub = std::min(ub, pruned_bound(p, network, relaxed, p.threads));
  return ub;
}

// Solves, and with FESTMATCH_CHECK_SCHEDULES (debug builds) re-checks the result with the
// independent validator.
inline Schedule solve_checked(const Event& event, const CompatibilityMatrix& scores,
                              const ScheduleOptions& options, double score_ms = -1.0) {
  Schedule s = solve(event, scores.score, scores.eligible, options, score_ms);
#ifdef FESTMATCH_CHECK_SCHEDULES
  const auto check = check_schedule(event, s, options.objective);  // its own scores
  if (!check.violations.empty())
    throw std::logic_error("schedule_meetings produced an invalid schedule: " +
                           check.violations.front());
  if (const auto lost = check_shortfalls(event, s); !lost.empty())
    throw std::logic_error("schedule_meetings lost a participant: " + lost.front());
#endif
  return s;
}
}  // namespace detail::scheduler

}  // namespace festmatch
