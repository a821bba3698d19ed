// festmatch — the definitions of festmatch/validator/schedule_validator.hpp.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/validator/detail/pair_rules.hpp"
#include "festmatch/validator/schedule_validator.hpp"

namespace festmatch {

namespace detail::validator {

struct PairVerdict {
  double score = 0;
  bool eligible = false;
};

// The whole check; pair(s, i) gives the pair's score and whether it may meet.
template <class Pair>
ScheduleCheck check_with(const Event& e, const Schedule& schedule, const Pair& pair,
                         Objective objective) {
  ScheduleCheck out;
  auto bad = [&](std::string m) { out.violations.push_back(std::move(m)); };
  const Index S = Index(e.startups.size()), I = Index(e.investors.size()),
              T = Index(e.slots.size()), NT = Index(e.tables.size());
  auto who = [&](const Meeting& m) {
    return e.startups[std::size_t(m.startup)].id + " with " +
           e.investors[std::size_t(m.investor)].id + " in slot " + e.slots[std::size_t(m.slot)].id;
  };
  auto is_online = [](Mode a, Mode b) { return a == Mode::online || b == Mode::online; };

  std::set<std::pair<Index, Index>> blocked, pinned_pairs;
  for (const auto& b : e.blocked) blocked.insert({b.startup, b.investor});
  for (const auto& p : e.pinned) pinned_pairs.insert({p.startup, p.investor});

  std::map<std::pair<Index, Index>, int> s_slot, i_slot, pair_count;
  std::map<std::pair<Index, Index>, const Meeting*> table_use;        // (slot, table) in person
  std::map<std::pair<Index, Index>, const Meeting*> fixed_table_use;  // (slot, fixed table)
  std::map<std::pair<Index, std::string>, Index> startup_org;         // (startup, organisation)
  std::vector<int> count_s(std::size_t(S), 0), count_i(std::size_t(I), 0);
  std::vector<int> inperson(std::size_t(T), 0);
  // Meetings in slots that start before schedule.now are history (a reschedule keeps them even
  // for participants cancelled since).
  const std::string& now = schedule.now;
  std::int64_t now_utc = 0;
  if (!now.empty()) {
    const ParsedTime t = parse_slot_start(now);
    if (t.ok)
      now_utc = t.utc_seconds;
    else
      bad("now '" + now + "' is not a time: " + t.error);
  }
  std::vector<int> history_s(std::size_t(S), 0), history_i(std::size_t(I), 0);
  std::vector<const Meeting*> valid;
  std::vector<double> valid_score;
  std::set<std::pair<Index, Index>> met;
  for (std::size_t k = 0; k < schedule.meetings.size(); ++k) {
    const Meeting& m = schedule.meetings[k];
    if (m.startup < 0 || m.startup >= S || m.investor < 0 || m.investor >= I || m.slot < 0 ||
        m.slot >= T || (m.table && (*m.table < 0 || *m.table >= NT))) {
      bad("meeting " + std::to_string(k) +
          " refers to an unknown startup, investor, slot or table");
      continue;
    }
    const PairVerdict verdict = pair(m.startup, m.investor);
    valid.push_back(&m);
    valid_score.push_back(verdict.score);
    met.insert({m.startup, m.investor});
    const auto& st = e.startups[std::size_t(m.startup)];
    const auto& inv = e.investors[std::size_t(m.investor)];
    const bool pinned_pair = pinned_pairs.count({m.startup, m.investor}) > 0;
    // History was checked when it was made: the rules of the changed event (eligibility,
    // status, blocks, availability, modes, tables) bind the meetings after `now` only; nobody
    // and no table in two meetings at once, and the caps, bind all.
    const bool history = !now.empty() && e.slots[std::size_t(m.slot)].start_utc < now_utc;
    if (history) {
      ++history_s[std::size_t(m.startup)];
      ++history_i[std::size_t(m.investor)];
    }
    if (!history && !verdict.eligible && !pinned_pair)
      bad("meeting " + who(m) + ": the pair is not eligible");
    if (!history && st.status == Status::cancelled)
      bad("meeting " + who(m) + ": startup " + st.id + " is cancelled");
    if (!history && inv.status == Status::cancelled)
      bad("meeting " + who(m) + ": investor " + inv.id + " is cancelled");
    if (!history && blocked.count({m.startup, m.investor}))
      bad("meeting " + who(m) + ": the pair is blocked");
    if (!history && !available(st.availability, m.slot))
      bad("meeting " + who(m) + ": startup " + st.id + " is not available");
    if (!history && !available(inv.availability, m.slot))
      bad("meeting " + who(m) + ": investor " + inv.id + " is not available");
    const bool online = history ? m.online : is_online(st.mode, inv.mode);
    if (!history && st.mode == Mode::online && inv.mode == Mode::in_person)
      bad("meeting " + who(m) + ": the startup meets online only, the investor in person only");
    if (!history && inv.mode == Mode::online && st.mode == Mode::in_person)
      bad("meeting " + who(m) + ": the investor meets online only, the startup in person only");
    if (m.online != online)
      bad("meeting " + who(m) + ": marked " + (m.online ? "online" : "in-person") +
          " but the modes make it " + (online ? "online" : "in-person"));
    if (online) {
      if (m.table)
        bad("meeting " + who(m) + ": an online meeting has table " +
            e.tables[std::size_t(*m.table)]);
    } else {
      if (!history) ++inperson[std::size_t(m.slot)];
      if (!m.table) {
        bad("meeting " + who(m) + ": an in-person meeting has no table");
      } else {
        const Index tb = *m.table;
        if (!history && tb >= tables_in(e, m.slot))
          bad("meeting " + who(m) + ": table " + e.tables[std::size_t(tb)] +
              " is not among the slot's " + std::to_string(tables_in(e, m.slot)) + " tables");
        if (!history && inv.table && *inv.table != tb)
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
    if (std::abs(m.score - verdict.score) > 1e-9)
      bad("meeting " + who(m) + ": score " + std::to_string(m.score) + " but the pair scores " +
          std::to_string(verdict.score));
  }
  // Clock time: slots that overlap are one instant for a person and for a table. Each person's
  // and each table's meetings (a fixed table is held by any meeting of its investor) are swept
  // in order of start; one that starts before an earlier one in another slot ends is a clash.
  // Clashes within one slot are reported above; a slot without a `start` has no clock time.
  {
    enum Holder { startup, investor, table, fixed_table };
    std::map<std::pair<int, Index>, std::vector<const Meeting*>> of;
    for (const Meeting* m : valid) {
      if (e.slots[std::size_t(m->slot)].start.empty()) continue;  // no clock time
      of[{startup, m->startup}].push_back(m);
      of[{investor, m->investor}].push_back(m);
      if (m->table && !m->online) of[{table, *m->table}].push_back(m);
      if (const auto& fixed = e.investors[std::size_t(m->investor)].table)
        of[{fixed_table, *fixed}].push_back(m);
    }
    auto end_of = [&](const Meeting& m) {  // in UTC seconds, from the slot's start and length
      const Slot& sl = e.slots[std::size_t(m.slot)];
      return sl.start_utc + 60 * std::int64_t(sl.minutes);
    };
    auto when = [&](const Meeting& m) {
      const Slot& sl = e.slots[std::size_t(m.slot)];
      return sl.start + ", " + std::to_string(sl.minutes) + " min";
    };
    for (auto& [key, list] : of) {
      std::sort(list.begin(), list.end(), [&](const Meeting* a, const Meeting* b) {
        return std::pair{e.slots[std::size_t(a->slot)].start_utc, a->slot} <
               std::pair{e.slots[std::size_t(b->slot)].start_utc, b->slot};
      });
      const Meeting* latest = nullptr;  // the meeting seen so far that ends last
      for (const Meeting* m : list) {
        if (latest && latest->slot != m->slot &&
            e.slots[std::size_t(m->slot)].start_utc < end_of(*latest)) {
          const std::string at_once = " at once: " + who(*latest) + " (" + when(*latest) +
                                      ") overlaps " + who(*m) + " (" + when(*m) + ")";
          const std::string& tb = e.tables[std::size_t(key.second)];
          if (key.first == startup)
            bad("startup " + e.startups[std::size_t(key.second)].id + " is in two meetings" +
                at_once);
          else if (key.first == investor)
            bad("investor " + e.investors[std::size_t(key.second)].id + " is in two meetings" +
                at_once);
          else if (key.first == table)
            bad("table " + tb + " is in two meetings" + at_once);
          else if (latest->investor != m->investor)  // the same investor is reported above
            bad("investors " + e.investors[std::size_t(latest->investor)].id + " and " +
                e.investors[std::size_t(m->investor)].id + " share fixed table " + tb +
                " and meet" + at_once);
        }
        if (!latest || end_of(*m) > end_of(*latest)) latest = m;
      }
    }
  }
  for (Index t = 0; t < T; ++t)
    if (inperson[std::size_t(t)] > tables_in(e, t))
      bad("slot " + e.slots[std::size_t(t)].id + " has " +
          std::to_string(inperson[std::size_t(t)]) + " in-person meetings but " +
          std::to_string(tables_in(e, t)) + " tables");
  // A cap lowered below the history already held allows no more meetings after `now`.
  auto over = [](const std::optional<int>& mx, int count, int history) {
    return mx && count > std::max(*mx, history);
  };
  for (Index s = 0; s < S; ++s) {
    const auto& mx = e.startups[std::size_t(s)].max_meetings;
    if (over(mx, count_s[std::size_t(s)], history_s[std::size_t(s)]))
      bad("startup " + e.startups[std::size_t(s)].id + " has " +
          std::to_string(count_s[std::size_t(s)]) + " meetings, more than its max_meetings " +
          std::to_string(*mx));
  }
  for (Index i = 0; i < I; ++i) {
    const auto& mx = e.investors[std::size_t(i)].max_meetings;
    if (over(mx, count_i[std::size_t(i)], history_i[std::size_t(i)]))
      bad("investor " + e.investors[std::size_t(i)].id + " has " +
          std::to_string(count_i[std::size_t(i)]) + " meetings, more than its max_meetings " +
          std::to_string(*mx));
  }
  for (const auto& p : e.pinned) {
    if (p.startup < 0 || p.startup >= S || p.investor < 0 || p.investor >= I || p.slot < 0 ||
        p.slot >= T)
      continue;
    if (e.startups[std::size_t(p.startup)].status == Status::cancelled ||
        e.investors[std::size_t(p.investor)].status == Status::cancelled)
      continue;  // a cancelled participant's pin is not scheduled
    if (!now.empty() && e.slots[std::size_t(p.slot)].start_utc < now_utc) continue;  // history
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
  for (const Meeting* m : valid)  // history keeps its mark (a pin deleted with its participant)
    if (m->pinned && !pinned_pairs.count({m->startup, m->investor}) &&
        !(!now.empty() && e.slots[std::size_t(m->slot)].start_utc < now_utc))
      bad("meeting " + who(*m) + " is marked pinned but the event does not pin it");

  // Unmet requests: every request whose pair does not meet is listed once, with its side and
  // priority and a reason, and nothing else is.
  {
    std::map<std::tuple<Index, Index, Side>, Priority> requested;
    for (const auto& r : e.requests)
      requested.emplace(std::tuple{r.startup, r.investor, r.by}, r.priority);
    std::map<std::tuple<Index, Index, Side>, int> listed;
    for (const auto& u : schedule.unscheduled) {
      if (u.startup < 0 || u.startup >= S || u.investor < 0 || u.investor >= I) {
        bad("an unmet request refers to an unknown startup or investor");
        continue;
      }
      const std::string what = std::string(u.by == Side::startup ? "startup " : "investor ") +
                               (u.by == Side::startup ? e.startups[std::size_t(u.startup)].id
                                                      : e.investors[std::size_t(u.investor)].id) +
                               "'s request for " +
                               (u.by == Side::startup ? e.investors[std::size_t(u.investor)].id
                                                      : e.startups[std::size_t(u.startup)].id);
      if (++listed[{u.startup, u.investor, u.by}] == 2) bad(what + " is listed twice as unmet");
      if (u.reason.empty()) bad(what + " is listed as unmet without a reason");
      const auto request = requested.find({u.startup, u.investor, u.by});
      if (request == requested.end()) {
        bad(what + " is listed as unmet but the event has no such request");
      } else if (request->second != u.priority) {
        bad(what + " is listed as unmet with priority " + to_string(u.priority) + ", but it is " +
            to_string(request->second));
      }
      if (met.count({u.startup, u.investor})) bad(what + " is listed as unmet but the pair meets");
    }
    for (const auto& r : e.requests) {
      if (r.startup < 0 || r.startup >= S || r.investor < 0 || r.investor >= I) continue;
      if (!met.count({r.startup, r.investor}) && !listed.count({r.startup, r.investor, r.by}))
        bad(std::string(r.by == Side::startup ? "startup " : "investor ") +
            (r.by == Side::startup ? e.startups[std::size_t(r.startup)].id
                                   : e.investors[std::size_t(r.investor)].id) +
            "'s request for " +
            (r.by == Side::startup ? e.investors[std::size_t(r.investor)].id
                                   : e.startups[std::size_t(r.startup)].id) +
            " is not met and not listed as unmet");
    }
  }

  // Objective.
  const double fw = objective == Objective::total ? 0.0 : e.options.fairness_weight;
  out.score_total = 0.0;
  for (const double sc : valid_score) out.score_total += sc;
  out.objective = out.score_total;
  for (Index s = 0; s < S; ++s) {
    const int mn = minimum_of(e, s);
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

}  // namespace detail::validator

FESTMATCH_FUNC ScheduleCheck
check_schedule(const Event& e, const Schedule& schedule, const Eigen::MatrixXd& score,
               const Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>& eligible,
               Objective objective) {
  return detail::validator::check_with(
      e, schedule,
      [&](Index s, Index i) {
        return detail::validator::PairVerdict{score(s, i), eligible(s, i) != 0};
      },
      objective);
}

FESTMATCH_FUNC ScheduleCheck check_schedule(const Event& event, const Schedule& schedule,
                                            Objective objective) {
  const detail::validator::PairRules rules(event);
  return detail::validator::check_with(
      event, schedule,
      [&](Index s, Index i) {
        const auto t = rules(s, i);
        return detail::validator::PairVerdict{t.score, t.eligible};
      },
      objective);
}

FESTMATCH_FUNC std::vector<Shortfall> expected_shortfalls(const Event& e,
                                                          const std::vector<Meeting>& meetings) {
  const Index S = Index(e.startups.size()), I = Index(e.investors.size());
  std::vector<int> count_s(std::size_t(S), 0), count_i(std::size_t(I), 0);
  for (const Meeting& m : meetings) {
    if (m.startup >= 0 && m.startup < S) ++count_s[std::size_t(m.startup)];
    if (m.investor >= 0 && m.investor < I) ++count_i[std::size_t(m.investor)];
  }
  std::vector<Shortfall> out;
  for (Index s = 0; s < S; ++s) {
    const int have = count_s[std::size_t(s)], mn = detail::validator::minimum_of(e, s);
    if (have == 0 || have < mn)
      out.push_back({.side = Side::startup, .participant = s, .meetings = have, .minimum = mn});
  }
  for (Index i = 0; i < I; ++i)
    if (count_i[std::size_t(i)] == 0)
      out.push_back({.side = Side::investor, .participant = i, .meetings = 0, .minimum = 0});
  return out;
}

FESTMATCH_FUNC std::vector<std::string> check_shortfalls(const Event& e, const Schedule& schedule) {
  std::vector<std::string> bad;
  const auto want = expected_shortfalls(e, schedule.meetings);
  auto name = [&](Side side, Index k) {
    return side == Side::startup ? "startup " + e.startups[std::size_t(k)].id
                                 : "investor " + e.investors[std::size_t(k)].id;
  };
  auto key = [](const Shortfall& f) {
    return std::pair{f.side == Side::startup ? 0 : 1, f.participant};
  };
  std::map<std::pair<int, Index>, const Shortfall*> listed;
  bool ordered = true;
  for (std::size_t k = 0; k < schedule.shortfalls.size(); ++k) {
    const Shortfall& f = schedule.shortfalls[k];
    const Index n = Index(f.side == Side::startup ? e.startups.size() : e.investors.size());
    if (f.participant < 0 || f.participant >= n) {
      bad.push_back("shortfall " + std::to_string(k) + " refers to an unknown " +
                    (f.side == Side::startup ? "startup" : "investor"));
      continue;
    }
    if (!listed.empty() && !(listed.rbegin()->first < key(f))) ordered = false;
    if (!listed.emplace(key(f), &f).second)
      bad.push_back(name(f.side, f.participant) + " is listed twice among the shortfalls");
  }
  std::map<std::pair<int, Index>, const Shortfall*> expected;
  for (const auto& w : want) expected.emplace(key(w), &w);
  for (const auto& w : want) {
    const auto it = listed.find(key(w));
    const std::string who = name(w.side, w.participant);
    if (it == listed.end()) {
      bad.push_back(who +
                    (w.meetings == 0
                         ? " has no meeting"
                         : " has " + std::to_string(w.meetings) + " meetings, below its minimum " +
                               std::to_string(w.minimum)) +
                    ", but is not among the shortfalls");
      continue;
    }
    const Shortfall& f = *it->second;
    if (f.meetings != w.meetings)
      bad.push_back("shortfall of " + who + ": meetings " + std::to_string(f.meetings) +
                    " but it has " + std::to_string(w.meetings));
    if (f.minimum != w.minimum)
      bad.push_back("shortfall of " + who + ": minimum " + std::to_string(f.minimum) +
                    " but its minimum is " + std::to_string(w.minimum));
    if (f.reason.empty()) bad.push_back("shortfall of " + who + " has no reason");
  }
  for (const auto& [k, f] : listed) {
    if (expected.count(k)) continue;
    int have = 0;
    for (const Meeting& m : schedule.meetings)
      have += (f->side == Side::startup ? m.startup : m.investor) == f->participant;
    std::string text = "shortfall of " + name(f->side, f->participant) +
                       ", but it is not short: it has " + std::to_string(have) + " meetings";
    if (f->side == Side::startup)
      text +=
          " and its minimum is " + std::to_string(detail::validator::minimum_of(e, f->participant));
    bad.push_back(text);
  }
  if (ordered == false)
    bad.push_back("the shortfalls are not in order (startups, then investors, by index)");
  return bad;
}

}  // namespace festmatch
