// festmatch — the definitions of festmatch/scheduler/reschedule.hpp.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/scheduler/detail/make_room.hpp"
#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/scheduler/reschedule.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/util/detail/nearest_name.hpp"
#include "festmatch/util/detail/pair_key.hpp"

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
  // A participant's open slots: those it allows, not history, overlapping none it holds. Per
  // participant O(T + listed slots + the held slots' overlaps), from each slot's overlaps.
  std::vector<char> history_slot(T), open_at(T);
  for (std::size_t t = 0; t < T; ++t) history_slot[t] = is_history_slot(Index(t));
  const std::vector<std::vector<Index>> instant = slot_instants(e.slots);
  auto restrict = [&](Availability& a, const std::vector<Index>& held) {
    const bool listed_open = a.kind == Availability::Kind::available;
    std::fill(open_at.begin(), open_at.end(), char(!listed_open));
    if (a.kind != Availability::Kind::all)
      for (const Index t : a.slots)
        if (t >= 0 && std::size_t(t) < T) open_at[std::size_t(t)] = char(listed_open);
    for (const Index h : held)
      for (const Index u : instant[std::size_t(h)]) open_at[std::size_t(u)] = 0;
    Availability open{Availability::Kind::available, {}};
    std::size_t n = 0;
    for (std::size_t t = 0; t < T; ++t) n += open_at[t] && !history_slot[t];
    open.slots.reserve(n);
    for (std::size_t t = 0; t < T; ++t)
      if (open_at[t] && !history_slot[t]) open.slots.push_back(Index(t));
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
  std::map<std::string, std::vector<Index>> of_org;
  if (e.options.one_per_organisation)
    for (std::size_t i = 0; i < I; ++i)
      if (!e.investors[i].organisation.empty())
        of_org[e.investors[i].organisation].push_back(Index(i));
  for (const Meeting& m : history) {
    w.blocked.push_back({m.startup, m.investor, "they met already"});
    const std::string& org = e.investors[std::size_t(m.investor)].organisation;
    if (const auto it = of_org.find(org); it != of_org.end())
      for (const Index i : it->second)
        if (i != m.investor) w.blocked.push_back({m.startup, i, "it met " + org + " already"});
  }
  return w;
}

// What a meeting left out of the problem keeps in use: its table in person, and an investor's
// fixed table even online (the investors who share it do not meet then).
inline std::optional<HeldTable> held_by(const Event& e, Index investor, Index slot, bool online,
                                        std::optional<Index> table) {
  const std::optional<Index>& fixed = e.investors[std::size_t(investor)].table;
  if (!online && table) return HeldTable{slot, *table, true, fixed == table};
  if (fixed) return HeldTable{slot, *fixed, false, true};
  return std::nullopt;
}

// The re-schedule's own problem: the participants that can still take a meeting (active, with
// capacity left in `frame`, the remaining event with the kept meetings pinned) and those of the
// event's later pins. The kept meetings stay outside it: each one's slot, cap, minimum, pair and
// organisation are taken off its participants that are in, and its table is held. The kept and
// `history` meetings of its participants are in `outside`, for their agendas.
struct OpenProblem {
  Event event;
  std::vector<Index> startup_of, investor_of;  // its index -> the event's
  std::vector<HeldTable> held;
  std::vector<OutsideMeeting> outside;  // history and kept meetings of participants in it
  int inperson_anywhere = 0;  // kept in-person meetings whose tables are not held (hold_kept)
};

// `hold_kept` false: the kept meetings keep their caps, minimums, pairs and organisations but
// neither their slots nor their tables, as where they may move (reschedule's bound with a move
// cost): a relaxation of the problem with the kept meetings anywhere. A participant's new and
// kept meetings still take distinct slots, so its cap is also its available slots less its
// kept meetings. Every active participant is in it: a slot a kept meeting fills may free up.
inline OpenProblem open_problem(const Event& w, const Problem& frame,
                                const std::vector<bool>& user_pin,
                                const std::vector<Meeting>& history, bool hold_kept = true) {
  const auto S = w.startups.size(), I = w.investors.size();
  std::vector<Index> local_s(S, -1), local_i(I, -1);
  std::vector<char> in_s(S, 0), in_i(I, 0);
  for (std::size_t s = 0; s < S; ++s)
    in_s[s] = w.startups[s].status == Status::active && (frame.cap_s[s] > 0 || !hold_kept);
  for (std::size_t i = 0; i < I; ++i)
    in_i[i] = w.investors[i].status == Status::active && (frame.cap_i[i] > 0 || !hold_kept);
  for (std::size_t k = 0; k < w.pinned.size(); ++k)
    if (user_pin[k])
      in_s[std::size_t(w.pinned[k].startup)] = in_i[std::size_t(w.pinned[k].investor)] = 1;

  OpenProblem o;
  o.held = frame.held_tables;
  Event& r = o.event;
  r.name = w.name;
  r.timezone = w.timezone;
  r.sectors = w.sectors;
  r.related_sectors = w.related_sectors;
  r.stages = w.stages;
  r.tables = w.tables;
  r.slots = w.slots;
  r.weights = w.weights;
  r.options = w.options;
  for (std::size_t s = 0; s < S; ++s)
    if (in_s[s]) {
      local_s[s] = Index(r.startups.size());
      o.startup_of.push_back(Index(s));
      r.startups.push_back(w.startups[s]);
      r.startups.back().min_meetings = w.startup_min_meetings(Index(s));
    }
  for (std::size_t i = 0; i < I; ++i)
    if (in_i[i]) {
      local_i[i] = Index(r.investors.size());
      o.investor_of.push_back(Index(i));
      r.investors.push_back(w.investors[i]);
    }
  std::map<std::string, std::vector<Index>> of_org;  // organisation -> its investors in
  if (w.options.one_per_organisation)
    for (std::size_t i = 0; i < I; ++i)
      if (in_i[i] && !w.investors[i].organisation.empty())
        of_org[w.investors[i].organisation].push_back(local_i[i]);
  auto take_slot = [&](Availability& a, Index slot) {
    std::erase_if(a.slots, [&](Index u) {
      return u == slot || slots_overlap(w.slots[std::size_t(u)], w.slots[std::size_t(slot)]);
    });
  };
  for (std::size_t k = 0; k < w.pinned.size(); ++k) {
    const PinnedMeeting& pin = w.pinned[k];
    const Index ls = local_s[std::size_t(pin.startup)], li = local_i[std::size_t(pin.investor)];
    if (user_pin[k]) {
      PinnedMeeting local = pin;
      local.startup = ls;
      local.investor = li;
      if (frame.pins[k].fixed_table >= 0) local.table = Index(frame.pins[k].fixed_table);
      r.pinned.push_back(local);
      continue;
    }
    if (auto h = held_by(w, pin.investor, pin.slot, frame.pins[k].online, pin.table)) {
      if (hold_kept)
        o.held.push_back(*h);
      else if (h->in_person)
        ++o.inperson_anywhere;
    }
    if (ls >= 0 || li >= 0) o.outside.push_back({ls, li, pin.slot});
    if (ls >= 0) {
      Startup& st = r.startups[std::size_t(ls)];
      if (hold_kept) take_slot(st.availability, pin.slot);
      if (st.max_meetings) st.max_meetings = std::max(0, *st.max_meetings - 1);
      st.min_meetings = std::max(0, *st.min_meetings - 1);
      const std::string& org = w.investors[std::size_t(pin.investor)].organisation;
      if (const auto it = of_org.find(org); it != of_org.end())
        for (const Index j : it->second)
          r.blocked.push_back({ls, j, "it meets " + org + " already"});
    }
    if (li >= 0) {
      Investor& v = r.investors[std::size_t(li)];
      if (hold_kept) take_slot(v.availability, pin.slot);
      if (v.max_meetings) v.max_meetings = std::max(0, *v.max_meetings - 1);
    }
    if (ls >= 0 && li >= 0) r.blocked.push_back({ls, li, "they meet already"});
  }
  if (!hold_kept) {  // `outside` holds the kept meetings so far
    std::vector<int> kept_s(r.startups.size(), 0), kept_i(r.investors.size(), 0);
    auto at_most = [&](std::optional<int>& cap, const Availability& a, int kept) {
      int slots = 0;
      for (std::size_t t = 0; t < w.slots.size(); ++t) slots += a.allows(Index(t));
      cap = std::max(0, std::min(cap.value_or(slots), slots - kept));
    };
    for (const OutsideMeeting& m : o.outside) {
      if (m.startup >= 0) ++kept_s[std::size_t(m.startup)];
      if (m.investor >= 0) ++kept_i[std::size_t(m.investor)];
    }
    for (std::size_t s = 0; s < r.startups.size(); ++s)
      if (kept_s[s] > 0) at_most(r.startups[s].max_meetings, r.startups[s].availability, kept_s[s]);
    for (std::size_t i = 0; i < r.investors.size(); ++i)
      if (kept_i[i] > 0)
        at_most(r.investors[i].max_meetings, r.investors[i].availability, kept_i[i]);
  }
  for (const Meeting& m : history) {
    const Index ls = local_s[std::size_t(m.startup)], li = local_i[std::size_t(m.investor)];
    if (ls >= 0 || li >= 0) o.outside.push_back({ls, li, m.slot});
  }
  for (const Request& q : w.requests)
    if (in_s[std::size_t(q.startup)] && in_i[std::size_t(q.investor)])
      r.requests.push_back(
          {local_s[std::size_t(q.startup)], local_i[std::size_t(q.investor)], q.by, q.priority});
  for (const BlockedPair& b : w.blocked)
    if (in_s[std::size_t(b.startup)] && in_i[std::size_t(b.investor)])
      r.blocked.push_back(
          {local_s[std::size_t(b.startup)], local_i[std::size_t(b.investor)], b.reason});
  r.reindex();
  return o;
}

// Why a participant outside the open problem (no capacity left after history and the kept
// meetings) is short: the first of shortfalls()' own first rules that holds.
inline std::string full_reason(const std::optional<int>& max_meetings, int meetings, int minimum,
                               const std::string& now) {
  if (std::string own = own_cap_reason(max_meetings, meetings, minimum); !own.empty()) return own;
  return "no slot it is available in is free from " + (now.empty() ? "the start" : now) + " on";
}

}  // namespace detail::scheduler

FESTMATCH_FUNC Schedule reschedule(const Event& e, const Schedule& previous,
                                   const RescheduleOptions& options) {
  using namespace detail::scheduler;
  using detail::pair_key;
  const auto S = Index(e.startups.size()), I = Index(e.investors.size()), T = Index(e.slots.size()),
             NT = Index(e.tables.size());
  for (const Meeting& m : previous.meetings)
    if (m.startup < 0 || m.startup >= S || m.investor < 0 || m.investor >= I || m.slot < 0 ||
        m.slot >= T || (m.table && (*m.table < 0 || *m.table >= NT)))
      throw InputError(
          "reschedule: the previous schedule refers to a participant, slot or table "
          "the event does not have");

  if (options.move_cost && !(*options.move_cost >= 0.0))
    throw InputError({Diagnostic{.message = "--move-cost: must be a number >= 0, got " +
                                            std::to_string(*options.move_cost)}});

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

  // 2. The remaining problem; later meetings become its pins where they still hold. The event's
  // own pins of cancelled participants are left out, as the scheduler leaves them out.
  Event w = remaining_event(e, history, is_history_slot);
  w.pinned.clear();
  std::vector<bool> user_pin;             // per w.pinned: the event's own pin (never dropped)
  std::vector<std::size_t> event_pin_of;  // per w.pinned that is one: its index in e.pinned
  std::set<std::pair<Index, Index>> user_pinned_pairs;
  std::unordered_map<std::uint64_t, const Meeting*> before;  // pair_key → its meeting
  before.reserve(previous.meetings.size());
  for (const Meeting& m : previous.meetings) before[pair_key(m.startup, m.investor)] = &m;
  for (std::size_t k = 0; k < e.pinned.size(); ++k) {
    PinnedMeeting pin = e.pinned[k];
    if (is_history_slot(pin.slot) || is_cancelled(e, pin.startup, pin.investor)) continue;
    // A pin without a table keeps the table it had, where that table is still there.
    if (auto b = before.find(pair_key(pin.startup, pin.investor));
        !pin.table && b != before.end() && b->second->slot == pin.slot && b->second->table &&
        *b->second->table < e.slot_tables(pin.slot))
      pin.table = b->second->table;
    w.pinned.push_back(pin);
    user_pin.push_back(true);
    event_pin_of.push_back(k);
    user_pinned_pairs.insert({pin.startup, pin.investor});
  }
  // The pairs of the published schedule and of the requests are scored one at a time: the
  // matrix is only computed for the open problem.
  const Scorer scorer(w);
  std::vector<std::pair<Index, Index>> scored;
  for (const Meeting& m : previous.meetings) scored.push_back({m.startup, m.investor});
  for (const Request& r : e.requests)
    if (r.startup >= 0 && r.startup < S && r.investor >= 0 && r.investor < I)
      scored.push_back({r.startup, r.investor});
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  const std::vector<PairScore> pair_scores = scorer.pair_scores(scored, options.schedule.threads);
  auto pair_of = [&](Index s, Index i) -> const PairScore& {
    return pair_scores[std::size_t(std::lower_bound(scored.begin(), scored.end(), std::pair{s, i}) -
                                   scored.begin())];
  };
  std::map<std::pair<Index, Index>, std::string> dropped;  // pair → why it could not stay
  std::unordered_set<std::uint64_t> kept;                  // pair_key of each meeting that stays
  kept.reserve(later.size());
  for (const Meeting& m : later) {
    const std::pair pair{m.startup, m.investor};
    const Startup& st = e.startups[std::size_t(m.startup)];
    const Investor& inv = e.investors[std::size_t(m.investor)];
    if (user_pinned_pairs.count(pair)) continue;  // the event pins it
    if (st.status == Status::cancelled) {
      dropped[pair] = "startup " + st.id + " is cancelled";
    } else if (inv.status == Status::cancelled) {
      dropped[pair] = "investor " + inv.id + " is cancelled";
    } else if (!pair_of(m.startup, m.investor).eligible) {
      const std::string why = scorer.explain(m.startup, m.investor).reason;
      dropped[pair] = "the pair can no longer meet" + (why.empty() ? "" : ": " + why);
    } else {
      kept.insert(pair_key(m.startup, m.investor));
      w.pinned.push_back({m.startup, m.investor, m.slot, m.table});
      user_pin.push_back(false);
    }
  }

  // 3. The pins' rules (problem_frame, no scores needed): a kept meeting they refuse is dropped
  // with the rule, and the check runs again.
  const double fw =
      options.schedule.objective == Objective::total ? 0.0 : e.options.fairness_weight;
  // A history meeting whose slot runs past `now` keeps its table busy at that time.
  std::vector<HeldTable> history_tables;
  for (const Meeting& m : history)
    for (Index t = 0; t < T; ++t)
      if (!is_history_slot(t) &&
          slots_overlap(e.slots[std::size_t(m.slot)], e.slots[std::size_t(t)])) {
        if (auto h = held_by(e, m.investor, m.slot, m.online, m.table))
          history_tables.push_back(*h);
        break;
      }
  Problem frame;
  while (true) {
    try {
      frame = problem_frame(w, fw, history_tables);
      frame.threads = options.schedule.threads;  // for the reasons' scans
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
        kept.erase(pair_key(w.pinned[*it].startup, w.pinned[*it].investor));
        w.pinned.erase(w.pinned.begin() + std::ptrdiff_t(*it));
        user_pin.erase(user_pin.begin() + std::ptrdiff_t(*it));
      }
    }
  }

  // History and the kept meetings: the part of the schedule that stays as it is.
  std::set<std::pair<Index, Index>> moved;  // kept meetings moved to make room (step 5)
  auto outside = [&](const Meeting& m) {    // not in the open problem
    return is_history_slot(m.slot) || kept.count(pair_key(m.startup, m.investor)) > 0;
  };
  auto fixed = [&](const Meeting& m) {
    return outside(m) && !moved.count({m.startup, m.investor});
  };

  // 4. Fill the open problem by the usual objective.
  const OpenProblem open = open_problem(w, frame, user_pin, history);
  const CompatibilityMatrix open_scores =
      compatibility_matrix(open.event, options.schedule.threads, MatrixParts::scores);
  const Schedule rest = solve(open.event, open_scores.score, open_scores.eligible, options.schedule,
                              -1.0, open.held, open.outside);

  // 5. The new revision: history, kept meetings as they were, the rest new or moved.
  Schedule out;
  out.revision = previous.revision + 1;
  out.now = now_text;
  for (Meeting m : previous.meetings)
    if (fixed(m)) {
      m.score = pair_of(m.startup, m.investor).score;
      out.meetings.push_back(m);
    }
  for (Meeting m : rest.meetings) {  // its scores are the event's: the open problem's pairs'

    m.startup = open.startup_of[std::size_t(m.startup)];
    m.investor = open.investor_of[std::size_t(m.investor)];
    if (auto b = before.find(pair_key(m.startup, m.investor));
        b != before.end() && b->second->slot == m.slot && b->second->table == m.table)
      m.revision = b->second->revision;  // an event pin that was already there
    else
      m.revision = out.revision;
    out.meetings.push_back(m);
  }
  // With a move cost X: kept meetings move where that makes room for a pair that gains more
  // (make_room.hpp); a moved meeting is a change like any other. The problem is then to
  // maximise objective − X·moves: its bound is the greater of the bound with the kept meetings
  // fixed (no move) and the one with them anywhere less X (a move at least), and the schedule's
  // moves add X each to it, so that it bounds the objective of every schedule that moves no more
  // kept meetings than this one.
  std::optional<double> movable_bound;
  double moves_ms = -1.0;  // the time of all this, a stage of its own
  if (options.move_cost) {
    const auto moves_start = std::chrono::steady_clock::now();
    // The problem with the kept meetings anywhere: its participants (every active one) and
    // scores give the pairs that may still meet, and its relaxation the bound.
    const OpenProblem anywhere = open_problem(w, frame, user_pin, history, false);
    const CompatibilityMatrix anywhere_scores =
        compatibility_matrix(anywhere.event, options.schedule.threads, MatrixParts::scores);
    movable_bound =
        relaxation_bound(anywhere.event, anywhere_scores.score, anywhere_scores.eligible,
                         options.schedule, anywhere.held, anywhere.inperson_anywhere);

    std::vector<Mobility> mobility;
    for (const Meeting& m : out.meetings)
      mobility.push_back(is_history_slot(m.slot) || m.pinned           ? Mobility::fixed
                         : kept.count(pair_key(m.startup, m.investor)) ? Mobility::kept
                                                                       : Mobility::free);
    std::unordered_set<std::uint64_t> blocked;
    for (const BlockedPair& b : anywhere.event.blocked)
      blocked.insert(pair_key(b.startup, b.investor));
    // Pairs that may still meet, between participants with a meeting to spare.
    std::vector<int> count_s(std::size_t(S), 0), count_i(std::size_t(I), 0);
    for (const Meeting& m : out.meetings) {
      ++count_s[std::size_t(m.startup)];
      ++count_i[std::size_t(m.investor)];
    }
    auto spare = [](const std::optional<int>& cap, int count) { return !cap || count < *cap; };
    std::vector<RoomPair> pairs;
    for (Index ls = 0; ls < Index(anywhere.startup_of.size()); ++ls) {
      const Index s = anywhere.startup_of[std::size_t(ls)];
      if (!spare(e.startups[std::size_t(s)].max_meetings, count_s[std::size_t(s)])) continue;
      for (Index li = 0; li < Index(anywhere.investor_of.size()); ++li) {
        const Index i = anywhere.investor_of[std::size_t(li)];
        if (spare(e.investors[std::size_t(i)].max_meetings, count_i[std::size_t(i)]) &&
            anywhere_scores.eligible(ls, li) && !blocked.count(pair_key(ls, li)) &&
            modes_can_meet(e.startups[std::size_t(s)].mode, e.investors[std::size_t(i)].mode))
          pairs.push_back({s, i, anywhere_scores.score(ls, li)});
      }
    }
    for (const MadeRoom& r :
         make_room(e, w, out.meetings, mobility, pairs, fw, *options.move_cost)) {
      out.meetings[r.meeting].revision = out.revision;
      const Meeting& placed = out.meetings[r.meeting];
      const std::string why = "moved to make room for " +
                              e.startups[std::size_t(placed.startup)].id + " with " +
                              e.investors[std::size_t(placed.investor)].id;
      for (const std::size_t k : r.moved) {
        out.meetings[k].revision = out.revision;
        moved.insert({out.meetings[k].startup, out.meetings[k].investor});
        dropped[{out.meetings[k].startup, out.meetings[k].investor}] = why;
      }
    }
    moves_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - moves_start)
            .count();
  }

  std::sort(out.meetings.begin(), out.meetings.end(), [](const Meeting& a, const Meeting& b) {
    return std::tuple(a.slot, a.table.value_or(std::numeric_limits<Index>::max()), a.startup,
                      a.investor) < std::tuple(b.slot,
                                               b.table.value_or(std::numeric_limits<Index>::max()),
                                               b.startup, b.investor);
  });

  std::unordered_set<std::uint64_t> after;  // pair_key of each meeting
  after.reserve(out.meetings.size());
  for (const Meeting& m : out.meetings) after.insert(pair_key(m.startup, m.investor));
  // The changes are the difference of the two revisions (schedule_diff.hpp), with the reasons;
  // history and the kept meetings, the same in both, are left out of it.
  Schedule old_part, new_part;
  std::copy_if(previous.meetings.begin(), previous.meetings.end(),
               std::back_inserter(old_part.meetings), [&](const Meeting& m) { return !fixed(m); });
  std::copy_if(out.meetings.begin(), out.meetings.end(), std::back_inserter(new_part.meetings),
               [&](const Meeting& m) { return !fixed(m); });
  out.changes = diff_schedules(schedule_ids(e, old_part), schedule_ids(e, new_part));
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

  // Stats of the whole schedule. The bound is the open problem's plus what history and the kept
  // meetings contribute: a startup's fairness term splits as min(h + k, min) + the open
  // problem's own, whose minimum is what h + k leave.
  std::vector<int> count_s(std::size_t(S), 0), fixed_s(std::size_t(S), 0);
  double fixed_value = 0.0;
  for (const Meeting& m : out.meetings)
    if (outside(m)) {
      ++fixed_s[std::size_t(m.startup)];
      fixed_value += m.score;
    }
  auto& st = out.stats;
  st = rest.stats;
  if (moves_ms >= 0) st.stage_ms.push_back({"moves", moves_ms});
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
    fixed_value += fw * std::min(fixed_s[std::size_t(s)], mn);
    if (count_s[std::size_t(s)] < mn) ++st.startups_below_min;
  }
  st.upper_bound = rest.stats.upper_bound + fixed_value;
  if (movable_bound) {  // the bound of objective − X·moves, plus what this schedule's moves cost
    const double x = *options.move_cost;
    st.upper_bound =
        std::max(st.upper_bound, *movable_bound + fixed_value - x) + x * double(moved.size());
  }
  st.gap = st.upper_bound > 0 ? (st.upper_bound - st.objective) / st.upper_bound : 0.0;
  const AgendaStats agendas = agenda_stats(e, out.meetings);  // the whole schedule's agendas
  st.idle_slots = agendas.idle_slots;
  st.days_attended = agendas.days_attended;

  // Unmet requests: the remaining problem's reasons (its pins are the kept meetings), for the
  // pairs that do not meet in history either.
  std::vector<Meeting> upcoming;
  for (const Meeting& m : out.meetings)
    if (!is_history_slot(m.slot)) upcoming.push_back(m);
  const auto request_score = [&](Index s, Index i) { return pair_of(s, i).score; };
  const auto request_eligible = [&](Index s, Index i) { return pair_of(s, i).eligible; };
  // Those reasons describe the slots from `now` on, and say so (an ineligible pair's do not).
  const std::string from_now = options.now.empty() ? "" : "from " + options.now + " on: ";
  for (UnmetRequest& u :
       unmet_requests(frame, request_score, request_eligible, upcoming, &scorer)) {
    if (after.count(pair_key(u.startup, u.investor))) continue;
    if (u.reason.rfind("the pair is ineligible", 0) != 0) u.reason = from_now + u.reason;
    out.unscheduled.push_back(std::move(u));
  }
  // Shortfalls: the open problem's reasons (of the slots from `now` on), the whole schedule's
  // counts.
  std::map<std::pair<Side, Index>, std::string> reason_of;
  for (const Shortfall& f : rest.shortfalls)
    reason_of[{f.side, f.side == Side::startup ? open.startup_of[std::size_t(f.participant)]
                                               : open.investor_of[std::size_t(f.participant)]}] =
        from_now + f.reason;
  std::vector<int> count_i(std::size_t(I), 0);
  for (const Meeting& m : out.meetings) ++count_i[std::size_t(m.investor)];
  auto left = [&](const std::vector<std::string>& ids, const std::string& id) {  // departed
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (Index s = 0; s < S; ++s) {
    const int have = count_s[std::size_t(s)], mn = std::max(0, e.startup_min_meetings(s));
    if (have == 0 && left(options.departed.startups, e.startups[std::size_t(s)].id)) continue;
    if (have == 0 || have < mn) {
      std::string& why = reason_of[{Side::startup, s}];
      if (why.empty() && frame.cap_s[std::size_t(s)] == 0)
        why = full_reason(e.startups[std::size_t(s)].max_meetings, have, mn, options.now);
      out.shortfalls.push_back({Side::startup, s, have, mn, why});
    }
  }
  for (Index i = 0; i < I; ++i)
    if (count_i[std::size_t(i)] == 0 &&
        !left(options.departed.investors, e.investors[std::size_t(i)].id)) {
      std::string& why = reason_of[{Side::investor, i}];
      if (why.empty() && frame.cap_i[std::size_t(i)] == 0)
        why = full_reason(e.investors[std::size_t(i)].max_meetings, 0, 0, options.now);
      out.shortfalls.push_back({Side::investor, i, 0, 0, why});
    }
  for (Shortfall& f : out.shortfalls)
    if (f.reason.empty()) f.reason = "no more meetings could be placed after " + options.now;
  name_cancellations(e, out);
#ifdef FESTMATCH_CHECK_SCHEDULES
  if (const auto check = check_schedule(e, out, options.schedule.objective);
      !check.violations.empty())
    throw std::logic_error("reschedule produced an invalid schedule: " + check.violations.front());
#endif
  return out;
}

}  // namespace festmatch
