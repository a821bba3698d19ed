// festmatch — the definitions of festmatch/scheduler/reschedule.hpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/scheduler/reschedule.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/util/detail/nearest_name.hpp"

namespace festmatch {

namespace detail::scheduler {

// The event after `now`: closed slots (nobody available, no tables), caps and minimums less
// history, history's pairs and organisations blocked. `history` are the meetings kept as they are.
inline Event remaining_event(const Event& e, const std::vector<Meeting>& history,
                             const std::function<bool(Index)>& is_history_slot) {
  Event w = e;
  const auto S = e.startups.size(), I = e.investors.size(), T = e.slots.size();
  // A closed slot has no tables either, so that the bound's table capacity counts none of it.
  for (std::size_t t = 0; t < T; ++t)
    if (is_history_slot(Index(t))) w.slots[t].tables = 0;
  std::vector<std::vector<Index>> held_s(S), held_i(I);
  for (const Meeting& m : history) {
    held_s[std::size_t(m.startup)].push_back(m.slot);
    held_i[std::size_t(m.investor)].push_back(m.slot);
  }
  auto restrict = [&](Availability& a, const std::vector<Index>& held) {
    Availability open{Availability::Kind::available, {}};
    for (std::size_t t = 0; t < T; ++t) {
      bool closed = !a.allows(Index(t)) || is_history_slot(Index(t));
      for (const Index h : held)
        closed = closed || slots_overlap(e.slots[t], e.slots[std::size_t(h)]);
      if (!closed) open.slots.push_back(Index(t));
    }
    a = std::move(open);
  };
  for (std::size_t s = 0; s < S; ++s) {
    Startup& st = w.startups[s];
    restrict(st.availability, held_s[s]);
    const int h = int(held_s[s].size());
    if (h == 0) continue;
    if (st.max_meetings) st.max_meetings = std::max(0, *st.max_meetings - h);
    st.min_meetings = std::max(0, e.startup_min_meetings(Index(s)) - h);
  }
  for (std::size_t i = 0; i < I; ++i) {
    Investor& v = w.investors[i];
    restrict(v.availability, held_i[i]);
    if (v.max_meetings) v.max_meetings = std::max(0, *v.max_meetings - int(held_i[i].size()));
  }
  for (const Meeting& m : history) {
    w.blocked.push_back({m.startup, m.investor, "they met already"});
    const std::string& org = e.investors[std::size_t(m.investor)].organisation;
    if (!e.options.one_per_organisation || org.empty()) continue;
    for (std::size_t i = 0; i < I; ++i)
      if (Index(i) != m.investor && e.investors[i].organisation == org)
        w.blocked.push_back({m.startup, Index(i), "it met " + org + " already"});
  }
  return w;
}

}  // namespace detail::scheduler

FESTMATCH_FUNC Schedule reschedule(const Event& e, const Schedule& previous,
                                   const RescheduleOptions& options) {
  using namespace detail::scheduler;
  const auto S = Index(e.startups.size()), I = Index(e.investors.size()), T = Index(e.slots.size()),
             NT = Index(e.tables.size());
  for (const Meeting& m : previous.meetings)
    if (m.startup < 0 || m.startup >= S || m.investor < 0 || m.investor >= I || m.slot < 0 ||
        m.slot >= T || (m.table && (*m.table < 0 || *m.table >= NT)))
      throw InputError(
          "reschedule: the previous schedule refers to a participant, slot or table "
          "the event does not have");

  // 1. History.
  std::int64_t now_utc = std::numeric_limits<std::int64_t>::min();
  std::string now_text;
  if (!options.now.empty()) {
    const auto it = e.slot_index.find(options.now);
    if (it == e.slot_index.end()) {
      std::vector<std::string> ids;
      for (const auto& sl : e.slots) ids.push_back(sl.id);
      throw InputError({Diagnostic{.message = "--now: unknown slot '" + options.now + "'" +
                                              detail::did_you_mean(options.now, ids)}});
    }
    now_utc = e.slots[std::size_t(it->second)].start_utc;
    now_text = e.slots[std::size_t(it->second)].start;
  }
  auto is_history_slot = [&](Index t) {
    return !options.now.empty() && e.slots[std::size_t(t)].start_utc < now_utc;
  };
  std::vector<Meeting> history, later;
  for (const Meeting& m : previous.meetings)
    (is_history_slot(m.slot) ? history : later).push_back(m);

  // 2. The remaining problem; later meetings become its fixed meetings where they still hold.
  Event w = remaining_event(e, history, is_history_slot);
  w.pinned.clear();
  std::vector<bool> user_pin;             // per w.pinned: the event's own pin (never dropped)
  std::vector<std::size_t> event_pin_of;  // per w.pinned that is one: its index in e.pinned
  std::set<std::pair<Index, Index>> user_pinned_pairs;
  std::map<std::pair<Index, Index>, const Meeting*> before;
  for (const Meeting& m : previous.meetings) before[{m.startup, m.investor}] = &m;
  for (std::size_t k = 0; k < e.pinned.size(); ++k) {
    PinnedMeeting pin = e.pinned[k];
    if (is_history_slot(pin.slot)) continue;
    // A pin without a table keeps the table it had, where that table is still there.
    if (auto b = before.find({pin.startup, pin.investor});
        !pin.table && b != before.end() && b->second->slot == pin.slot && b->second->table &&
        *b->second->table < e.slot_tables(pin.slot))
      pin.table = b->second->table;
    w.pinned.push_back(pin);
    user_pin.push_back(true);
    event_pin_of.push_back(k);
    user_pinned_pairs.insert({pin.startup, pin.investor});
  }
  const CompatibilityMatrix scores =
      compatibility_matrix(w, options.schedule.threads, MatrixParts::scores);
  std::map<std::pair<Index, Index>, std::string> dropped;  // pair → why it could not stay
  std::map<std::pair<Index, Index>, const Meeting*> kept;  // pair → its previous meeting
  for (const Meeting& m : later) {
    const std::pair pair{m.startup, m.investor};
    const Startup& st = e.startups[std::size_t(m.startup)];
    const Investor& inv = e.investors[std::size_t(m.investor)];
    const bool cancelled = st.status == Status::cancelled || inv.status == Status::cancelled;
    if (user_pinned_pairs.count(pair) && !cancelled) continue;  // the event pins it
    if (st.status == Status::cancelled) {
      dropped[pair] = "startup " + st.id + " is cancelled";
    } else if (inv.status == Status::cancelled) {
      dropped[pair] = "investor " + inv.id + " is cancelled";
    } else if (!scores.eligible(m.startup, m.investor)) {
      const auto why = explain(w, m.startup, m.investor).reason;
      dropped[pair] = "the pair can no longer meet" + (why.empty() ? "" : ": " + why);
    } else {
      kept[pair] = &m;
      w.pinned.push_back({m.startup, m.investor, m.slot, m.table});
      user_pin.push_back(false);
    }
  }
  w.reindex();

  // 3. Fill; a kept meeting the pin rules refuse is dropped with the rule, and the rest re-run.
  const double fw =
      options.schedule.objective == Objective::total ? 0.0 : e.options.fairness_weight;
  Schedule rest;
  while (true) {
    try {
      rest = solve(w, scores.score, scores.eligible, options.schedule);
      break;
    } catch (const InfeasibleError& x) {
      std::set<std::size_t> drop;
      for (const auto& d : x.diagnostics()) {
        const std::string prefix = "/pinned/";
        std::optional<std::size_t> k;
        if (d.pointer.rfind(prefix, 0) == 0) {
          k = std::stoul(d.pointer.substr(prefix.size()));
        } else {  // a cap below the kept meetings: drop that participant's latest kept one
          for (std::size_t j = w.pinned.size(); j-- > 0;) {
            const auto& pin = w.pinned[j];
            const bool startup =
                d.pointer.rfind("/startups/" + std::to_string(pin.startup) + "/", 0) == 0;
            const bool investor =
                d.pointer.rfind("/investors/" + std::to_string(pin.investor) + "/", 0) == 0;
            if (!user_pin[j] && (startup || investor)) {
              k = j;
              break;
            }
          }
        }
        if (!k || *k >= w.pinned.size() || user_pin[*k]) {  // the event's own pins conflict
          std::vector<Diagnostic> named = x.diagnostics();
          for (auto& n : named)
            if (n.pointer.rfind(prefix, 0) == 0) {
              const std::size_t j = std::stoul(n.pointer.substr(prefix.size()));
              if (j < event_pin_of.size() && user_pin[j])
                n.pointer = prefix + std::to_string(event_pin_of[j]);
            }
          throw InfeasibleError(std::move(named));
        }
        if (drop.insert(*k).second) {
          const std::string& message = d.message;
          const auto colon = message.find(": ");
          dropped[{w.pinned[*k].startup, w.pinned[*k].investor}] =
              colon == std::string::npos ? message : message.substr(colon + 2);
        }
      }
      for (auto it = drop.rbegin(); it != drop.rend(); ++it) {
        kept.erase({w.pinned[*it].startup, w.pinned[*it].investor});
        w.pinned.erase(w.pinned.begin() + std::ptrdiff_t(*it));
        user_pin.erase(user_pin.begin() + std::ptrdiff_t(*it));
      }
    }
  }

  // 4. The new revision: history, kept meetings as they were, the rest new or moved.
  Schedule out;
  out.revision = previous.revision + 1;
  out.now = now_text;
  out.meetings = history;
  for (Meeting m : rest.meetings) {
    const std::pair pair{m.startup, m.investor};
    if (auto it = kept.find(pair); it != kept.end()) {
      m.pinned = it->second->pinned;
      m.revision = it->second->revision;
    } else if (auto b = before.find(pair);
               b != before.end() && b->second->slot == m.slot && b->second->table == m.table) {
      m.revision = b->second->revision;  // an event pin that was already there
    } else {
      m.revision = out.revision;
    }
    out.meetings.push_back(m);
  }
  for (Meeting& m : out.meetings) m.score = scores.score(m.startup, m.investor);
  std::sort(out.meetings.begin(), out.meetings.end(), [](const Meeting& a, const Meeting& b) {
    return std::tuple(a.slot, a.table.value_or(std::numeric_limits<Index>::max()), a.startup,
                      a.investor) < std::tuple(b.slot,
                                               b.table.value_or(std::numeric_limits<Index>::max()),
                                               b.startup, b.investor);
  });

  std::map<std::pair<Index, Index>, const Meeting*> after;
  for (const Meeting& m : out.meetings) after[{m.startup, m.investor}] = &m;
  // The changes are the difference of the two revisions (schedule_diff.hpp), with the reasons.
  out.changes = diff_schedules(schedule_ids(e, previous), schedule_ids(e, out));
  for (Change& c : out.changes) {
    if (c.kind == ChangeKind::added) continue;
    const std::pair pair{e.startup_index.at(c.startup), e.investor_index.at(c.investor)};
    if (auto gone = departed_reason(options.departed, c); !gone.empty()) {
      c.reason = std::move(gone);
    } else if (const auto why = dropped.find(pair); why != dropped.end()) {
      c.reason = why->second;
    } else if (c.kind == ChangeKind::cancelled) {
      c.reason = "freed for a better schedule";
    }
  }

  // Stats of the whole schedule; the bound is the remaining problem's plus history's share.
  std::vector<int> count_s(std::size_t(S), 0), held_s(std::size_t(S), 0);
  double history_value = 0.0;
  for (const Meeting& m : history) {
    ++held_s[std::size_t(m.startup)];
    history_value += scores.score(m.startup, m.investor);
  }
  auto& st = out.stats;
  st = rest.stats;
  st.meetings = out.meetings.size();
  st.score_total = 0.0;
  for (const Meeting& m : out.meetings) {
    st.score_total += m.score;
    ++count_s[std::size_t(m.startup)];
  }
  st.objective = st.score_total;
  st.startups_below_min = 0;
  for (Index s = 0; s < S; ++s) {
    const int mn = std::max(0, e.startup_min_meetings(s));
    st.objective += fw * std::min(count_s[std::size_t(s)], mn);
    history_value += fw * std::min(held_s[std::size_t(s)], mn);
    if (count_s[std::size_t(s)] < mn) ++st.startups_below_min;
  }
  st.upper_bound = rest.stats.upper_bound + history_value;
  st.gap = st.upper_bound > 0 ? (st.upper_bound - st.objective) / st.upper_bound : 0.0;

  // Unmet requests and shortfalls: the remaining problem's reasons, the whole schedule's counts.
  for (const UnmetRequest& u : rest.unscheduled)
    if (!after.count({u.startup, u.investor})) out.unscheduled.push_back(u);
  std::map<std::pair<Side, Index>, std::string> reason_of;
  for (const Shortfall& f : rest.shortfalls) reason_of[{f.side, f.participant}] = f.reason;
  std::vector<int> count_i(std::size_t(I), 0);
  for (const Meeting& m : out.meetings) ++count_i[std::size_t(m.investor)];
  auto left = [&](const std::vector<std::string>& ids, const std::string& id) {  // departed
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (Index s = 0; s < S; ++s) {
    const int have = count_s[std::size_t(s)], mn = std::max(0, e.startup_min_meetings(s));
    if (have == 0 && left(options.departed.startups, e.startups[std::size_t(s)].id)) continue;
    if (have == 0 || have < mn)
      out.shortfalls.push_back({Side::startup, s, have, mn, reason_of[{Side::startup, s}]});
  }
  for (Index i = 0; i < I; ++i)
    if (count_i[std::size_t(i)] == 0 &&
        !left(options.departed.investors, e.investors[std::size_t(i)].id))
      out.shortfalls.push_back({Side::investor, i, 0, 0, reason_of[{Side::investor, i}]});
  for (Shortfall& f : out.shortfalls)
    if (f.reason.empty()) f.reason = "no more meetings could be placed after " + options.now;
  return out;
}

}  // namespace festmatch
