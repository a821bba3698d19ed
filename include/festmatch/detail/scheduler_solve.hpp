// festmatch — scheduler internals: the pipeline as one call (festmatch/scheduler.hpp describes
// the problem and the method; each stage lives in the detail/scheduler_*.hpp it names).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <future>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "festmatch/detail/scheduler_bound.hpp"
#include "festmatch/detail/scheduler_placement.hpp"
#include "festmatch/detail/scheduler_problem.hpp"
#include "festmatch/detail/scheduler_reasons.hpp"
#include "festmatch/detail/scheduler_selection.hpp"
#include "festmatch/event.hpp"
#include "festmatch/schedule.hpp"
#include "festmatch/scheduler.hpp"
#include "festmatch/scoring.hpp"

// Debug builds re-check every schedule with the independent validator, and so does any build
// that defines FESTMATCH_CHECK_SCHEDULES (the sanitizer suite of scripts/test does).
#if !defined(NDEBUG) && !defined(FESTMATCH_CHECK_SCHEDULES)
#define FESTMATCH_CHECK_SCHEDULES 1
#endif
#ifdef FESTMATCH_CHECK_SCHEDULES
#include <stdexcept>
#include "festmatch/schedule_validator.hpp"
#endif

namespace festmatch {

namespace detail::sched {

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

// The whole pipeline on given scores; `score_ms` is the time already spent computing them.
inline Schedule solve(const Event& e, const Eigen::MatrixXd& score, const EligibleMatrix& eligible,
                      const ScheduleOptions& o, double score_ms = -1.0) {
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
  Problem p = build_problem(e, score, eligible, fw, o.threads, o.prune_above);
  lap("candidates", 0.2);

  const RelaxedSelection relaxed =
      select_pairs(p, o.selection_tolerance, o.table_price_rounds, o.pricing_rounds);
  const Selection& sel = relaxed.selection;
  lap("selection", 0.5);
  // The bound: small problems have it from the selection's exact solves. Pruned ones evaluate it
  // at the final prices, on a thread of its own beside the search when there are threads to spare
  // (the search has no bound to stop at then, so the schedule is the same on any thread count);
  // the "bound" stage is the time spent waiting for it.
  double ub = relaxed.bound;
  std::future<double> final_bound;
  if (p.pruned)
    final_bound = std::async(o.threads == 1 ? std::launch::deferred : std::launch::async, [&] {
      return lagrangian_bound(p, sel.investor_price, relaxed.table_price, 1);
    });
  const std::size_t bound_stage = out.stats.stage_ms.size();
  lap("bound", 0.55);

  // Placement: most constrained first.
  SlotBoard board(p, o.seed);
  std::vector<std::pair<int, int>> order;  // (free slots in common, meeting id)
  std::vector<std::uint64_t> mask(std::size_t(p.W));
  // The relaxation may choose two pairs of one organisation for a startup: a pair priced in
  // beside an older direct pair of that organisation gets a node of its own
  // (scheduler_selection.hpp). Only the better of them is placed; the fill may use the rest.
  std::map<std::pair<Index, int>, std::size_t> best_of_org;  // (startup, organisation) -> pair
  for (std::size_t k : sel.chosen) {
    const auto& c = p.candidates[k];
    if (const int o = p.org_of[std::size_t(c.investor)]; o >= 0) {
      auto [it, first] = best_of_org.emplace(std::pair{c.startup, o}, k);
      if (!first && c.weight > p.candidates[it->second].weight) it->second = k;
    }
  }
  for (std::size_t k : sel.chosen) {
    const auto& c = p.candidates[k];
    if (const int o = p.org_of[std::size_t(c.investor)]; o >= 0 && best_of_org[{c.startup, o}] != k)
      continue;
    const int id = board.add(c);
    p.common_slots(c.startup, c.investor, c.online, mask.data());
    order.push_back({popcount_mask(mask.data(), p.W), id});
  }
  std::sort(order.begin(), order.end());
  std::vector<int> left;
  for (auto [slots, id] : order) {
    const Index t = board.best_free_slot(id);
    if (t >= 0) board.place(id, t);
    else left.push_back(id);
  }
  long budget = o.search_budget;
  for (int id : left)
    if (!board.place_with_chain(id, o.chain_depth, budget)) board.drop(id);
  lap("placement", 0.7);

  // Per-participant candidate lists (the selection's candidates), best score first.
  std::vector<std::vector<std::size_t>> of_s(std::size_t(p.S)), of_i(std::size_t(p.I));
  for (std::size_t k = 0; k < p.candidates.size(); ++k) {
    of_s[std::size_t(p.candidates[k].startup)].push_back(k);
    of_i[std::size_t(p.candidates[k].investor)].push_back(k);
  }
  auto by_score = [&](std::size_t a, std::size_t b) {
    const double x = p.candidates[a].weight, y = p.candidates[b].weight;
    return x > y || (x == y && a < b);
  };
  for (auto& v : of_s) std::sort(v.begin(), v.end(), by_score);
  for (auto& v : of_i) std::sort(v.begin(), v.end(), by_score);

  // Adds candidate k if both sides have room, directly or by a short chain.
  auto try_add = [&](std::size_t k, int depth) {
    const auto& c = p.candidates[k];
    if (board.deg_s(c.startup) >= p.cap_s[std::size_t(c.startup)] ||
        board.deg_i(c.investor) >= p.cap_i[std::size_t(c.investor)] ||
        !board.org_free(c.startup, c.investor) || board.has_pair(c.startup, c.investor))
      return false;
    const int id = board.add(c);
    if (const Index t = board.best_free_slot(id); t >= 0) {
      board.place(id, t);
      return true;
    }
    if (depth > 0 && budget > 0 && board.place_with_chain(id, depth, budget)) return true;
    board.drop(id);
    return false;
  };
  auto gain = [&](std::size_t k) {
    const auto& c = p.candidates[k];
    const bool below = board.deg_s(c.startup) + p.pinned_s[std::size_t(c.startup)] <
                       p.min_s[std::size_t(c.startup)];
    return c.weight + (below ? fw : 0.0);
  };

  // Fill: every other candidate, startups below their minimum first, best score first.
  {
    std::vector<std::size_t> rest;
    for (std::size_t k = 0; k < p.candidates.size(); ++k)
      if (!board.has_pair(p.candidates[k].startup, p.candidates[k].investor)) rest.push_back(k);
    std::stable_sort(rest.begin(), rest.end(), by_score);
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t k : rest) {
        const auto& c = p.candidates[k];
        const bool below = board.deg_s(c.startup) + p.pinned_s[std::size_t(c.startup)] <
                           p.min_s[std::size_t(c.startup)];
        if (pass == 0 && fw > 0 && !below) continue;
        if (gain(k) > 0.0) (void)try_add(k, std::min(6, o.chain_depth));
      }
  }
  board.commit();

  // Large-neighbourhood search (Shaw 1998): remove the meetings of a random startup, investor
  // or slot (or a few random meetings), re-insert the best candidates of everyone touched
  // (best gain first, with a little seeded noise), keep the result unless the objective drops.
  // Stops when the bound is reached or the budget is spent.
  {
    auto& rng = board.rng();
    std::vector<int> removed;
    std::vector<Index> touched_s, touched_i;
    std::vector<std::pair<double, std::size_t>> pool;
    const double target = ub - p.pinned_value;  // small problems only: pruned ones have no bound yet
    long stale = 0;  // rounds since the objective last rose
    for (long it = 0; it < o.lns_iterations && budget > 0 && stale < o.lns_patience; ++it) {
      if (!p.pruned && board.value() >= target - 1e-7 * std::max(1.0, std::abs(ub))) break;
      const double before = board.value();
      ++stale;
      const std::size_t start = board.mark();
      removed.clear();
      const auto kind = rng.below(4);
      if (kind == 0 && p.S > 0) board.meetings_of_startup(Index(rng.below(std::uint32_t(p.S))), removed);
      else if (kind == 1 && p.I > 0) board.meetings_of_investor(Index(rng.below(std::uint32_t(p.I))), removed);
      else if (kind == 2 && p.T > 0) {
        const Index t = Index(rng.below(std::uint32_t(p.T)));
        for (Index s = 0; s < p.S; ++s)
          if (const int id = board.meeting_of_startup_at(s, t); id >= 0) removed.push_back(id);
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
      for (Index s : touched_s)
        for (std::size_t k : of_s[std::size_t(s)]) pool.push_back({0.0, k});
      for (Index i : touched_i)
        for (std::size_t k : of_i[std::size_t(i)]) pool.push_back({0.0, k});
      for (auto& [key, k] : pool) key = gain(k) * (1.0 + 0.1 * double(rng.below(1000)) / 1000.0);
      std::sort(pool.begin(), pool.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
      });
      budget -= long(pool.size());
      for (const auto& [key, k] : pool)
        if (gain(k) > 0.0) (void)try_add(k, 3);
      if (board.value() < before - 1e-12) board.rollback(start);
      else if (board.value() > before + 1e-12) stale = 0;
      board.commit();
    }
  }
  // Table swaps (detail/scheduler_placement.hpp, step 5), best unscheduled pairs first.
  {
    std::vector<std::size_t> pool;
    for (std::size_t k = 0; k < p.candidates.size(); ++k)
      if (!board.has_pair(p.candidates[k].startup, p.candidates[k].investor)) pool.push_back(k);
    std::stable_sort(pool.begin(), pool.end(), by_score);
    const auto& ms = board.meetings();
    auto loss = [&](int id) {  // what removing a placed meeting costs
      const auto s = std::size_t(ms[std::size_t(id)].startup);
      return ms[std::size_t(id)].weight +
             (board.deg_s(Index(s)) + p.pinned_s[s] <= p.min_s[s] ? fw : 0.0);
    };
    std::vector<int> victim(std::size_t(p.T), -1);  // cheapest in-person meeting of each slot
    std::vector<double> victim_loss(std::size_t(p.T), 0.0);
    auto refresh = [&](Index t) {
      int best = -1;
      for (int id : board.inperson_meetings_at(t))
        if (best < 0 || loss(id) < victim_loss[std::size_t(t)]) best = id, victim_loss[std::size_t(t)] = loss(id);
      victim[std::size_t(t)] = best;
    };
    for (Index t = 0; t < p.T; ++t) refresh(t);
    std::vector<int> dropped, theirs;
    auto weakest_of = [&](bool startup, Index who) {  // -1 when `who` has no meeting
      theirs.clear();
      if (startup) board.meetings_of_startup(who, theirs);
      else board.meetings_of_investor(who, theirs);
      if (theirs.empty()) return -1;
      return *std::min_element(theirs.begin(), theirs.end(), [&](int a, int b) {
        return ms[std::size_t(a)].weight < ms[std::size_t(b)].weight;
      });
    };
    for (std::size_t k : pool) {  // each pair tried once
      const auto& c = p.candidates[k];
      if (gain(k) <= 0.0 || !board.org_free(c.startup, c.investor) ||
          board.has_pair(c.startup, c.investor))
        continue;
      // A full side gives up its weakest meeting; a pair that cannot outweigh those is skipped.
      const int of_s_full = board.deg_s(c.startup) >= p.cap_s[std::size_t(c.startup)] ? weakest_of(true, c.startup) : -1;
      const int of_i_full = board.deg_i(c.investor) >= p.cap_i[std::size_t(c.investor)] ? weakest_of(false, c.investor) : -1;
      double displaced = 0.0;
      for (const int d : {of_s_full, of_i_full})
        if (d >= 0) displaced += ms[std::size_t(d)].weight;
      if (gain(k) <= displaced) continue;
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
        for (Index u = 0; u < p.T; ++u) {
          if (!board.tables_full(u) || !board.statically_ok(ms[std::size_t(id)], u) ||
              board.meeting_of_startup_at(c.startup, u) != -1 ||
              board.meeting_of_investor_at(c.investor, u) != -1)
            continue;
          const int v = victim[std::size_t(u)];
          if (v < 0 || !ms[std::size_t(v)].active || ms[std::size_t(v)].slot != u) refresh(u);
          if (victim[std::size_t(u)] >= 0 &&
              (t < 0 || victim_loss[std::size_t(u)] < victim_loss[std::size_t(t)]))
            t = u;
        }
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
          for (std::size_t k2 : of_s[std::size_t(ds)])
            if (gain(k2) > 0.0 && (try_add(k2, 0) || ++tries >= 4)) break;
        tries = 0;
        if (di != c.investor)
          for (std::size_t k2 : of_i[std::size_t(di)])
            if (gain(k2) > 0.0 && (try_add(k2, 0) || ++tries >= 4)) break;
      }
      if (board.value() > before + 1e-9) {
        board.commit();
        refresh(t);
      } else {
        board.rollback(start);
      }
    }
  }
  lap("search", 0.9);

  // Tables: fixed ones first, then the lowest free table of the slot.
  std::vector<Meeting> meetings;
  for (const auto& pin : p.pins)
    meetings.push_back({.startup = pin.startup, .investor = pin.investor, .slot = pin.slot,
                        .table = pin.fixed_table >= 0 ? std::optional<Index>(pin.fixed_table)
                                                      : std::nullopt,
                        .score = pin.score, .online = pin.online, .pinned = true});
  for (const auto& m : board.meetings()) {
    if (!m.active || m.slot < 0) continue;
    meetings.push_back({.startup = m.startup, .investor = m.investor, .slot = m.slot,
                        .table = (!m.online && m.hold >= 0) ? std::optional<Index>(m.hold)
                                                            : std::nullopt,
                        .score = m.weight, .online = m.online, .pinned = false});
  }
  {
    std::vector<std::vector<char>> used(std::size_t(p.T),
                                        std::vector<char>(std::size_t(p.n_tables), 0));
    for (const auto& m : meetings)
      if (m.table) used[std::size_t(m.slot)][std::size_t(*m.table)] = 1;
    std::vector<int> next(std::size_t(p.T), 0);
    std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) {
      return std::tie(a.slot, a.startup, a.investor) < std::tie(b.slot, b.startup, b.investor);
    });
    for (auto& m : meetings) {
      if (m.online || m.table) continue;
      auto& u = used[std::size_t(m.slot)];
      int& k = next[std::size_t(m.slot)];
      while (u[std::size_t(k)]) ++k;
      u[std::size_t(k)] = 1;
      m.table = Index(k);
    }
  }
  std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) {
    const Index ta = a.table ? *a.table : std::numeric_limits<Index>::max();
    const Index tb = b.table ? *b.table : std::numeric_limits<Index>::max();
    return std::tie(a.slot, ta, a.startup, a.investor) < std::tie(b.slot, tb, b.startup, b.investor);
  });
  lap("tables", 0.93);

  out.unscheduled = unmet_requests(p, score, eligible, meetings);
  out.shortfalls = shortfalls(p, score, eligible, meetings);
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
  st.upper_bound = std::max(ub, st.objective);
  st.gap = st.upper_bound > 0 ? (st.upper_bound - st.objective) / st.upper_bound : 0.0;
  out.meetings = std::move(meetings);
  return out;
}

// Solves, and with FESTMATCH_CHECK_SCHEDULES (debug builds) re-checks the result with the
// independent validator.
inline Schedule solve_checked(const Event& event, const CompatibilityMatrix& scores,
                              const ScheduleOptions& options, double score_ms = -1.0) {
  Schedule s = solve(event, scores.score, scores.eligible, options, score_ms);
#ifdef FESTMATCH_CHECK_SCHEDULES
  const auto check = check_schedule(event, s, scores, options.objective);
  if (!check.violations.empty())
    throw std::logic_error("schedule_meetings produced an invalid schedule: " +
                           check.violations.front());
  if (const auto lost = check_shortfalls(event, s); !lost.empty())
    throw std::logic_error("schedule_meetings lost a participant: " + lost.front());
#endif
  return s;
}
}  // namespace detail::sched

}  // namespace festmatch
