// festmatch — an independent check of a schedule against every hard rule (SPEC section 4).
//
// Written apart from the scheduler (it shares none of its code) so that each can catch the
// other's mistakes: used by the tests and, in debug builds, after every schedule_meetings call.
// Tables: one in-person meeting per table per slot, and investors sharing a fixed table never
// meet in the same slot (in person or online). It lists every violation as one sentence naming
// the participants, slot and table, and
// recomputes score_total, the objective and startups_below_min from the event and its scores.
// Cost O(M log M + S + I + P) for M meetings and P pins, plus computing the scores if not given.
//
//   auto check = festmatch::check_schedule(event, schedule);
//   if (!check.violations.empty()) std::cerr << check.violations.front() << '\n';
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <Eigen/Core>

#include "festmatch/detail/scheduler_objective.hpp"
#include "festmatch/event.hpp"
#include "festmatch/schedule.hpp"
#include "festmatch/scoring.hpp"

namespace festmatch {

struct ScheduleCheck {
  std::vector<std::string> violations;  // empty: the schedule keeps every hard rule
  double objective = 0.0;
  double score_total = 0.0;
  std::size_t startups_below_min = 0;
};

// Checks against given scores (score: startups × investors, eligible: 1 = may meet).
inline ScheduleCheck check_schedule(
    const Event& e, const Schedule& schedule, const Eigen::MatrixXd& score,
    const Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>& eligible,
    Objective objective = Objective::fair) {
  ScheduleCheck out;
  auto bad = [&](std::string m) { out.violations.push_back(std::move(m)); };
  const Index S = Index(e.startups.size()), I = Index(e.investors.size()),
              T = Index(e.slots.size()), NT = Index(e.tables.size());
  auto who = [&](const Meeting& m) {
    return e.startups[std::size_t(m.startup)].id + " with " + e.investors[std::size_t(m.investor)].id +
           " in slot " + e.slots[std::size_t(m.slot)].id;
  };
  auto is_online = [](Mode a, Mode b) { return a == Mode::online || b == Mode::online; };

  std::set<std::pair<Index, Index>> blocked, pinned_pairs;
  for (const auto& b : e.blocked) blocked.insert({b.startup, b.investor});
  for (const auto& p : e.pinned) pinned_pairs.insert({p.startup, p.investor});

  std::map<std::pair<Index, Index>, int> s_slot, i_slot, pair_count;
  std::map<std::pair<Index, Index>, const Meeting*> table_use;      // (slot, table) in person
  std::map<std::pair<Index, Index>, const Meeting*> fixed_table_use;  // (slot, fixed table)
  std::map<std::pair<Index, std::string>, Index> startup_org;      // (startup, organisation)
  std::vector<int> count_s(std::size_t(S), 0), count_i(std::size_t(I), 0);
  std::vector<int> inperson(std::size_t(T), 0);
  std::vector<const Meeting*> valid;
  for (std::size_t k = 0; k < schedule.meetings.size(); ++k) {
    const Meeting& m = schedule.meetings[k];
    if (m.startup < 0 || m.startup >= S || m.investor < 0 || m.investor >= I || m.slot < 0 ||
        m.slot >= T || (m.table && (*m.table < 0 || *m.table >= NT))) {
      bad("meeting " + std::to_string(k) + " refers to an unknown startup, investor, slot or table");
      continue;
    }
    valid.push_back(&m);
    const auto& st = e.startups[std::size_t(m.startup)];
    const auto& inv = e.investors[std::size_t(m.investor)];
    const bool pinned_pair = pinned_pairs.count({m.startup, m.investor}) > 0;
    if (!eligible(m.startup, m.investor) && !pinned_pair)
      bad("meeting " + who(m) + ": the pair is not eligible");
    if (blocked.count({m.startup, m.investor})) bad("meeting " + who(m) + ": the pair is blocked");
    if (!st.availability.allows(m.slot))
      bad("meeting " + who(m) + ": startup " + st.id + " is not available");
    if (!inv.availability.allows(m.slot))
      bad("meeting " + who(m) + ": investor " + inv.id + " is not available");
    const bool online = is_online(st.mode, inv.mode);
    if (st.mode == Mode::online && inv.mode == Mode::in_person)
      bad("meeting " + who(m) + ": the startup meets online only, the investor in person only");
    if (inv.mode == Mode::online && st.mode == Mode::in_person)
      bad("meeting " + who(m) + ": the investor meets online only, the startup in person only");
    if (m.online != online)
      bad("meeting " + who(m) + ": marked " + (m.online ? "online" : "in-person") +
          " but the modes make it " + (online ? "online" : "in-person"));
    if (online) {
      if (m.table) bad("meeting " + who(m) + ": an online meeting has table " + e.tables[std::size_t(*m.table)]);
    } else {
      ++inperson[std::size_t(m.slot)];
      if (!m.table) {
        bad("meeting " + who(m) + ": an in-person meeting has no table");
      } else {
        const Index tb = *m.table;
        if (tb >= e.slot_tables(m.slot))
          bad("meeting " + who(m) + ": table " + e.tables[std::size_t(tb)] +
              " is not among the slot's " + std::to_string(e.slot_tables(m.slot)) + " tables");
        if (inv.table && *inv.table != tb)
          bad("meeting " + who(m) + ": investor " + inv.id + " has fixed table " +
              e.tables[std::size_t(*inv.table)] + " but meets at " + e.tables[std::size_t(tb)]);
        auto [it, fresh] = table_use.emplace(std::pair{m.slot, tb}, &m);
        if (!fresh)
          bad("slot " + e.slots[std::size_t(m.slot)].id + ": table " + e.tables[std::size_t(tb)] +
              " holds two meetings (" + who(*it->second) + "; " + who(m) + ")");
      }
    }
    if (inv.table) {
      auto [it, fresh] = fixed_table_use.emplace(std::pair{m.slot, *inv.table}, &m);
      if (!fresh && it->second->investor != m.investor)
        bad("slot " + e.slots[std::size_t(m.slot)].id + ": investors " +
            e.investors[std::size_t(it->second->investor)].id + " and " + inv.id +
            " share fixed table " + e.tables[std::size_t(*inv.table)] + " and both meet");
    }
    if (++s_slot[{m.startup, m.slot}] == 2)
      bad("startup " + st.id + " has two meetings in slot " + e.slots[std::size_t(m.slot)].id);
    if (++i_slot[{m.investor, m.slot}] == 2)
      bad("investor " + inv.id + " has two meetings in slot " + e.slots[std::size_t(m.slot)].id);
    if (++pair_count[{m.startup, m.investor}] == 2)
      bad("startup " + st.id + " meets investor " + inv.id + " more than once");
    if (e.options.one_per_organisation && !inv.organisation.empty()) {
      auto [it, fresh] = startup_org.emplace(std::pair{m.startup, inv.organisation}, m.investor);
      if (!fresh && it->second != m.investor)
        bad("organisation rule: startup " + st.id + " meets " +
            e.investors[std::size_t(it->second)].id + " and " + inv.id + " of " + inv.organisation);
    }
    ++count_s[std::size_t(m.startup)];
    ++count_i[std::size_t(m.investor)];
    if (std::abs(m.score - score(m.startup, m.investor)) > 1e-9)
      bad("meeting " + who(m) + ": score " + std::to_string(m.score) + " but the pair scores " +
          std::to_string(score(m.startup, m.investor)));
  }
  for (Index t = 0; t < T; ++t)
    if (inperson[std::size_t(t)] > e.slot_tables(t))
      bad("slot " + e.slots[std::size_t(t)].id + " has " + std::to_string(inperson[std::size_t(t)]) +
          " in-person meetings but " + std::to_string(e.slot_tables(t)) + " tables");
  for (Index s = 0; s < S; ++s) {
    const auto& mx = e.startups[std::size_t(s)].max_meetings;
    if (mx && count_s[std::size_t(s)] > *mx)
      bad("startup " + e.startups[std::size_t(s)].id + " has " + std::to_string(count_s[std::size_t(s)]) +
          " meetings, more than its max_meetings " + std::to_string(*mx));
  }
  for (Index i = 0; i < I; ++i) {
    const auto& mx = e.investors[std::size_t(i)].max_meetings;
    if (mx && count_i[std::size_t(i)] > *mx)
      bad("investor " + e.investors[std::size_t(i)].id + " has " + std::to_string(count_i[std::size_t(i)]) +
          " meetings, more than its max_meetings " + std::to_string(*mx));
  }
  for (const auto& p : e.pinned) {
    if (p.startup < 0 || p.startup >= S || p.investor < 0 || p.investor >= I || p.slot < 0 ||
        p.slot >= T)
      continue;
    const Meeting* found = nullptr;
    for (const Meeting* m : valid)
      if (m->startup == p.startup && m->investor == p.investor) found = m;
    const std::string text = "pinned meeting " + e.startups[std::size_t(p.startup)].id + " with " +
                             e.investors[std::size_t(p.investor)].id + " in slot " +
                             e.slots[std::size_t(p.slot)].id;
    if (!found) {
      bad(text + " is missing");
    } else if (found->slot != p.slot) {
      bad(text + " was moved to slot " + e.slots[std::size_t(found->slot)].id);
    } else if (p.table && found->table != p.table) {
      bad(text + " is not at its table " + e.tables[std::size_t(*p.table)]);
    } else if (!found->pinned) {
      bad(text + " is not marked pinned");
    }
  }
  for (const Meeting* m : valid)
    if (m->pinned && !pinned_pairs.count({m->startup, m->investor}))
      bad("meeting " + who(*m) + " is marked pinned but the event does not pin it");

  // Objective.
  const double fw = objective == Objective::total ? 0.0 : e.options.fairness_weight;
  out.score_total = 0.0;
  for (const Meeting* m : valid) out.score_total += score(m->startup, m->investor);
  out.objective = out.score_total;
  for (Index s = 0; s < S; ++s) {
    const int mn = std::max(0, e.startup_min_meetings(s));
    out.objective += fw * std::min(count_s[std::size_t(s)], mn);
    if (count_s[std::size_t(s)] < mn) ++out.startups_below_min;
  }
  const auto& st = schedule.stats;
  const double tol = 1e-6 * std::max(1.0, std::abs(out.objective));
  if (st.meetings != schedule.meetings.size())
    bad("stats.meetings is " + std::to_string(st.meetings) + " but the schedule has " +
        std::to_string(schedule.meetings.size()));
  if (std::abs(st.objective - out.objective) > tol)
    bad("stats.objective is " + std::to_string(st.objective) + " but recomputed " +
        std::to_string(out.objective));
  if (std::abs(st.score_total - out.score_total) > tol)
    bad("stats.score_total is " + std::to_string(st.score_total) + " but recomputed " +
        std::to_string(out.score_total));
  if (st.startups_below_min != out.startups_below_min)
    bad("stats.startups_below_min is " + std::to_string(st.startups_below_min) +
        " but recomputed " + std::to_string(out.startups_below_min));
  if (st.upper_bound + tol < st.objective)
    bad("stats.upper_bound " + std::to_string(st.upper_bound) + " is below the objective " +
        std::to_string(st.objective));
  return out;
}

inline ScheduleCheck check_schedule(const Event& event, const Schedule& schedule,
                                    const CompatibilityMatrix& scores,
                                    Objective objective = Objective::fair) {
  return check_schedule(event, schedule, scores.score, scores.eligible, objective);
}

// Computes the scores itself (compatibility_matrix) and checks.
inline ScheduleCheck check_schedule(const Event& event, const Schedule& schedule,
                                    Objective objective = Objective::fair) {
  return check_schedule(event, schedule, compatibility_matrix(event), objective);
}

}  // namespace festmatch
