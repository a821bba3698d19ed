// festmatch — scheduler internals: moving kept meetings to make room (reschedule --move-cost).
//
// Problem: a re-schedule keeps every later meeting that still holds in its slot and at its table
// (SPEC §4) and fills the freed capacity around them. A pair that could still meet may then find
// no slot only because a kept meeting holds one side's slot (or a fixed table it shares), or the
// slot's last table. Moving that kept meeting makes room; SPEC §4 allows it when the move gains
// more than the move cost X.
// Method: greedy, pairs by score best first. A pair's gain g is its score, plus the fairness
// weight while its startup is below its minimum; it may move m kept meetings where g > m·X
// (m ≤ 2), and the meetings this re-schedule placed at no cost. It goes to a slot where both sides
// are available and each side is free or held by a meeting that may move (at most two in all),
// fewest kept moves first, then in the event's slot order; where a table is missing, one
// in-person meeting of that slot that may move gives its table. Each meeting moved goes to
// another table of its own slot where it can, else to the first slot where its two sides are
// available and free and a table is; a kept meeting moves at most once. A pair that cannot be
// placed leaves the schedule as it was. Every rule the validator checks holds throughout
// (availability, modes, tables and fixed tables, clock time, caps, the organisation rule).
// Complexity: O(P·T·(T + M_t)·d) for P pairs, T slots, M_t meetings per slot and d meetings per
// participant: each pair tries each common slot, its table givers and each mover's slots.
//
//   std::vector<Meeting> all = ...;         // history, kept and new meetings of the event
//   std::vector<Mobility> mobility = ...;   // per meeting: fixed, kept or free
//   auto made = make_room(event, remaining, all, mobility, pairs, fairness, 0.5);
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch::detail::scheduler {

// A pair that may still meet (eligible, not blocked), with its score.
struct RoomPair {
  Index startup = 0, investor = 0;
  double score = 0.0;
};

// Where a meeting can sit in a slot: `fits`, and its table (none when online).
struct Seat {
  bool fits = false;
  std::optional<Index> table;
};

// What may move: history and pins never; a kept meeting once, at the move cost; a new meeting
// (placed by this re-schedule) freely.
enum class Mobility : char { fixed, kept, free };

// One pair placed: the index of its new meeting in `meetings` and of the kept meetings moved for
// it (new meetings it moved are new either way).
struct MadeRoom {
  std::size_t meeting = 0;
  std::vector<std::size_t> moved;
};

class RoomBoard {
 public:
  // `remaining` says who is available when (the event after history); `e` has everything else.
  RoomBoard(const Event& e, const Event& remaining, std::vector<Meeting>& meetings)
      : e_(e), meetings_(meetings), T_(e.slots.size()) {
    const auto S = e.startups.size(), I = e.investors.size();
    overlapping_.resize(T_);
    for (std::size_t t = 0; t < T_; ++t)
      for (std::size_t u = 0; u < T_; ++u)
        if (t == u || slots_overlap(e.slots[t], e.slots[u])) overlapping_[t].push_back(Index(u));
    available_s_.assign(S * T_, 0);
    available_i_.assign(I * T_, 0);
    for (std::size_t t = 0; t < T_; ++t) {
      for (std::size_t s = 0; s < S; ++s)
        available_s_[s * T_ + t] = remaining.startups[s].availability.allows(Index(t));
      for (std::size_t i = 0; i < I; ++i)
        available_i_[i * T_ + t] = remaining.investors[i].availability.allows(Index(t));
    }
    of_s_.resize(S);
    of_i_.resize(I);
    at_slot_.resize(T_);
    for (std::size_t k = 0; k < meetings_.size(); ++k) add(k);
    for (std::size_t i = 0; i < I; ++i)
      if (const auto& f = e.investors[i].table) sharing_[*f].push_back(Index(i));
  }

  const Meeting& meeting(std::size_t k) const { return meetings_[k]; }
  const std::vector<std::size_t>& of_startup(Index s) const { return of_s_[std::size_t(s)]; }
  const std::vector<std::size_t>& of_investor(Index i) const { return of_i_[std::size_t(i)]; }

  // The meetings of a participant's list in a slot overlapping t.
  std::vector<std::size_t> holding(const std::vector<std::size_t>& list, Index t) const {
    std::vector<std::size_t> out;
    for (const std::size_t k : list)
      if (overlaps(meetings_[k].slot, t)) out.push_back(k);
    return out;
  }
  // The meetings that keep s and i from meeting in slot t, tables apart: theirs, and those of
  // the investors who share i's fixed table, in a slot overlapping t.
  std::vector<std::size_t> holders(Index s, Index i, Index t) const {
    std::vector<std::size_t> out = holding(of_s_[std::size_t(s)], t);
    for (const std::size_t k : holding(of_i_[std::size_t(i)], t)) out.push_back(k);
    if (const auto& fixed = e_.investors[std::size_t(i)].table)
      for (const Index j : sharing_.at(*fixed))
        if (j != i)
          for (const std::size_t k : holding(of_i_[std::size_t(j)], t)) out.push_back(k);
    return out;
  }
  // The in-person meetings in a slot overlapping t.
  std::vector<std::size_t> inperson_near(Index t) const {
    std::vector<std::size_t> out;
    for (const Index u : overlapping_[std::size_t(t)])
      for (const std::size_t k : at_slot_[std::size_t(u)])
        if (!meetings_[k].online) out.push_back(k);
    return out;
  }

  bool available(Index s, Index i, Index t) const {
    return available_s_[std::size_t(s) * T_ + std::size_t(t)] &&
           available_i_[std::size_t(i) * T_ + std::size_t(t)];
  }

  // Where meeting `m` (its pair and mode) can sit in slot t on the board as it is: both sides
  // available and free, and an in-person meeting's table (the investor's fixed one, else the
  // lowest free one) free.
  Seat seat(const Meeting& m, Index t) const {
    if (!available(m.startup, m.investor, t) || !holders(m.startup, m.investor, t).empty())
      return {};
    if (m.online) return {.fits = true};
    const auto& fixed = e_.investors[std::size_t(m.investor)].table;
    const int tables = e_.slot_tables(t);
    int inperson = 0;
    std::vector<char> used(std::size_t(std::max(tables, 0)), 0);
    for (const std::size_t k : inperson_near(t)) {
      if (meetings_[k].slot == t) ++inperson;
      if (const auto& tb = meetings_[k].table; tb && *tb < tables) used[std::size_t(*tb)] = 1;
    }
    if (inperson >= tables) return {};
    if (fixed) {
      if (*fixed >= tables || used[std::size_t(*fixed)]) return {};
      return {.fits = true, .table = *fixed};
    }
    for (int k = 0; k < tables; ++k)
      if (!used[std::size_t(k)]) return {.fits = true, .table = Index(k)};
    return {};
  }

  void add(std::size_t k) {
    const Meeting& m = meetings_[k];
    of_s_[std::size_t(m.startup)].push_back(k);
    of_i_[std::size_t(m.investor)].push_back(k);
    at_slot_[std::size_t(m.slot)].push_back(k);
  }
  void remove(std::size_t k) {
    const Meeting& m = meetings_[k];
    std::erase(of_s_[std::size_t(m.startup)], k);
    std::erase(of_i_[std::size_t(m.investor)], k);
    std::erase(at_slot_[std::size_t(m.slot)], k);
  }

 private:
  bool overlaps(Index a, Index b) const {
    const auto& o = overlapping_[std::size_t(a)];
    return std::find(o.begin(), o.end(), b) != o.end();
  }

  const Event& e_;
  std::vector<Meeting>& meetings_;
  std::size_t T_;
  std::vector<std::vector<Index>> overlapping_;  // per slot: itself and the slots it overlaps
  std::vector<char> available_s_, available_i_;  // S·T, I·T
  std::vector<std::vector<std::size_t>> of_s_, of_i_, at_slot_;
  std::map<Index, std::vector<Index>> sharing_;  // fixed table -> its investors
};

// Places `pairs` (pairs that may still meet, with their scores) where they gain more than the
// kept meetings they move cost, moving meetings of `meetings` (history, kept and new meetings of
// `e`; `remaining` is the event after history: its availability) as `mobility` allows. Added
// meetings are appended to `meetings`, moved ones changed in place (slot and table).
inline std::vector<MadeRoom> make_room(const Event& e, const Event& remaining,
                                       std::vector<Meeting>& meetings,
                                       std::vector<Mobility> mobility, std::vector<RoomPair> pairs,
                                       double fairness_weight, double move_cost) {
  const auto S = e.startups.size(), I = e.investors.size();
  const Index T = Index(e.slots.size());
  std::vector<int> count_s(S, 0), count_i(I, 0);
  for (const Meeting& m : meetings) {
    ++count_s[std::size_t(m.startup)];
    ++count_i[std::size_t(m.investor)];
  }
  auto room_s = [&](Index s) {
    const auto& cap = e.startups[std::size_t(s)].max_meetings;
    return !cap || count_s[std::size_t(s)] < *cap;
  };
  auto room_i = [&](Index i) {
    const auto& cap = e.investors[std::size_t(i)].max_meetings;
    return !cap || count_i[std::size_t(i)] < *cap;
  };
  std::erase_if(pairs, [&](const RoomPair& q) { return q.score <= 0.0; });
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const RoomPair& a, const RoomPair& b) { return a.score > b.score; });

  RoomBoard board(e, remaining, meetings);
  std::vector<MadeRoom> made;
  // Moves `movers` (off the board, the new meeting on it) each to its first seat: another table
  // of its own slot, else the first slot with one. On failure the movers are off the board and
  // as they were.
  auto relocate = [&](const std::vector<std::size_t>& movers) {
    std::vector<std::pair<std::size_t, Meeting>> before;
    for (const std::size_t k : movers) {
      const Meeting was = meetings[k];
      bool placed = false;
      for (Index n = -1; n < T && !placed; ++n) {  // its own slot first: a table change only
        const Index t = n < 0 ? was.slot : n;
        if (n == was.slot) continue;
        if (const Seat seat = board.seat(was, t); seat.fits) {
          meetings[k].slot = t;
          meetings[k].table = seat.table;
          board.add(k);
          before.push_back({k, was});
          placed = true;
        }
      }
      if (!placed) {
        for (auto& [j, old] : before) {
          board.remove(j);
          meetings[j] = old;
        }
        return false;
      }
    }
    return true;
  };

  for (const RoomPair& q : pairs) {
    const Index s = q.startup, i = q.investor;
    if (!room_s(s) || !room_i(i)) continue;
    bool blocked = false;  // met already, or its organisation met already
    const std::string& org = e.investors[std::size_t(i)].organisation;
    for (const std::size_t k : board.of_startup(s)) {
      const Index j = board.meeting(k).investor;
      blocked = blocked || j == i ||
                (e.options.one_per_organisation && !org.empty() &&
                 e.investors[std::size_t(j)].organisation == org);
    }
    if (blocked) continue;
    const int mn = e.startup_min_meetings(s);
    const double gain = q.score + (count_s[std::size_t(s)] < mn ? fairness_weight : 0.0);
    const Startup& st = e.startups[std::size_t(s)];
    const Investor& inv = e.investors[std::size_t(i)];
    Meeting fresh{.startup = s,
                  .investor = i,
                  .slot = 0,
                  .table = std::nullopt,
                  .score = q.score,
                  .online = meets_online(st.mode, inv.mode)};

    const int most = gain > 2 * move_cost ? 2 : gain > move_cost ? 1 : 0;  // kept moves it pays
    auto kept_in = [&](const std::vector<std::size_t>& v) {
      return int(std::count_if(v.begin(), v.end(),
                               [&](std::size_t k) { return mobility[k] == Mobility::kept; }));
    };
    // Per common slot, the meetings that hold either side there, when they may all move.
    std::vector<std::pair<Index, std::vector<std::size_t>>> options;
    for (Index t = 0; t < T; ++t) {
      if (!board.available(s, i, t)) continue;
      std::vector<std::size_t> movers = board.holders(s, i, t);
      if (movers.size() <= 2 && kept_in(movers) <= most &&
          std::none_of(movers.begin(), movers.end(),
                       [&](std::size_t k) { return mobility[k] == Mobility::fixed; }))
        options.push_back({t, std::move(movers)});
    }
    bool placed = false;
    for (int level = 0; level <= most && !placed; ++level)  // kept meetings moved
      for (const auto& [t, movers] : options) {
        if (placed) break;
        const int kept_movers = kept_in(movers);
        if (kept_movers > level) continue;
        // Where the sides are free but no table is, one in-person meeting of the slot that may
        // move gives its table: the candidates are tried in turn.
        for (const std::size_t k : movers) board.remove(k);
        std::vector<std::optional<std::size_t>> givers;
        if (kept_movers == level) givers.push_back(std::nullopt);
        if (!fresh.online && movers.size() < 2)
          for (const std::size_t k : board.inperson_near(t))
            if (mobility[k] != Mobility::fixed &&
                kept_movers + (mobility[k] == Mobility::kept) == level)
              givers.push_back(k);
        for (const auto& giver : givers) {
          if (giver) board.remove(*giver);
          fresh.slot = t;
          if (const Seat seat = board.seat(fresh, t); seat.fits) {
            fresh.table = seat.table;
            meetings.push_back(fresh);
            mobility.push_back(Mobility::free);
            const std::size_t k = meetings.size() - 1;
            board.add(k);
            std::vector<std::size_t> moving = movers;
            if (giver) moving.push_back(*giver);
            if (relocate(moving)) {
              MadeRoom room{.meeting = k};
              for (const std::size_t j : moving)
                if (mobility[j] == Mobility::kept) {
                  mobility[j] = Mobility::fixed;  // a kept meeting moves once
                  room.moved.push_back(j);
                }
              ++count_s[std::size_t(s)];
              ++count_i[std::size_t(i)];
              made.push_back(std::move(room));
              placed = true;
              break;
            }
            board.remove(k);
            meetings.pop_back();
            mobility.pop_back();
          }
          if (giver) board.add(*giver);
        }
        if (!placed)
          for (const std::size_t k : movers) board.add(k);
      }
  }
  return made;
}

}  // namespace festmatch::detail::scheduler
