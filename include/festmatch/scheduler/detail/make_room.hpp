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
// placed leaves the schedule as it was. The pairs stop when a budget of slots examined is spent
// (the result is the same on every machine). Every rule the validator checks holds throughout
// (availability, modes, tables and fixed tables, clock time, caps, the organisation rule).
// Complexity: O(P·T·(T + M_t)·d) for P pairs, T slots, M_t meetings per slot and d meetings per
// participant: each pair tries each common slot, its table givers and each mover's slots.
//
//   std::vector<Meeting> all = ...;         // history, kept and new meetings of the event
//   std::vector<Mobility> mobility = ...;   // per meeting: fixed, kept or free
//   auto made = make_room(event, remaining, all, mobility, pairs, fairness, 0.5);
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
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

// make_room's default budget: slots examined for a meeting (RoomBoard::work) before it stops
// taking pairs. Under a second on the Slush preset; the tiny events of the tests need a few
// thousand.
inline constexpr std::size_t kRoomBudget = 10'000'000;
// The in-person meetings of a full slot make_room tries, in turn, as the one that gives its table.
inline constexpr std::size_t kGivers = 8;

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
    instant_ = slot_instants(e.slots);
    for (auto& at : instant_) std::sort(at.begin(), at.end());  // givers in slot order
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
    W_ = (e.tables.size() + 63) / 64 + 1;  // a spare word: past the last table is free
    used_.assign(T_ * W_, 0);
    inperson_.assign(T_, 0);
    for (std::size_t k = 0; k < meetings_.size(); ++k) add(k);
    for (std::size_t i = 0; i < I; ++i)
      if (const auto& f = e.investors[i].table) sharing_[*f].push_back(Index(i));
  }

  const Meeting& meeting(std::size_t k) const { return meetings_[k]; }
  const std::vector<std::size_t>& of_startup(Index s) const { return of_s_[std::size_t(s)]; }
  const std::vector<std::size_t>& of_investor(Index i) const { return of_i_[std::size_t(i)]; }

  // The meetings that keep s and i from meeting in slot t, tables apart, into `out`: theirs,
  // and those of the investors who share i's fixed table, in a slot overlapping t.
  void holders(Index s, Index i, Index t, std::vector<std::size_t>& out) const {
    ++work;
    out.clear();
    any_holder(s, i, t, [&](std::size_t k) {
      out.push_back(k);
      return false;
    });
  }
  // The in-person meetings in a slot overlapping t, into `out`.
  void inperson_at(Index t, std::vector<std::size_t>& out) const {
    out.clear();
    for (const Index u : instant_[std::size_t(t)])
      for (const std::size_t k : at_slot_[std::size_t(u)])
        if (!meetings_[k].online) out.push_back(k);
    work += out.size();
  }

  // Whether no meeting keeps s and i from meeting in slot t, tables apart (holders is empty).
  bool free_at(Index s, Index i, Index t) const {
    return !any_holder(s, i, t, [](std::size_t) { return true; });
  }

  bool available(Index s, Index i, Index t) const {
    return available_s_[std::size_t(s) * T_ + std::size_t(t)] &&
           available_i_[std::size_t(i) * T_ + std::size_t(t)];
  }

  // Where meeting `m` (its pair and mode) can sit in slot t on the board as it is: both sides
  // available and free, and an in-person meeting's table (the investor's fixed one, else the
  // lowest free one) free. O(d + tables / 64) for d meetings of the sides.
  Seat seat(const Meeting& m, Index t) const {
    ++work;
    if (!available(m.startup, m.investor, t) || !free_at(m.startup, m.investor, t)) return {};
    if (m.online) return {.fits = true};
    const int tables = e_.slot_tables(t);
    if (inperson_[std::size_t(t)] >= tables) return {};
    auto used = [&](std::size_t w) {  // word w of the tables in use at slot t's instant
      std::uint64_t bits = 0;
      for (const Index u : instant_[std::size_t(t)]) bits |= used_[std::size_t(u) * W_ + w];
      return bits;
    };
    if (const auto& fixed = e_.investors[std::size_t(m.investor)].table) {
      const auto f = std::size_t(*fixed);
      if (*fixed >= tables || (used(f / 64) >> (f % 64) & 1)) return {};
      return {.fits = true, .table = *fixed};
    }
    for (std::size_t w = 0; w < W_; ++w)
      if (const std::uint64_t open = ~used(w); open != 0) {
        const auto k = Index(w * 64 + std::size_t(std::countr_zero(open)));
        return k < tables ? Seat{.fits = true, .table = k} : Seat{};
      }
    return {};
  }

  void add(std::size_t k) {
    const Meeting& m = meetings_[k];
    of_s_[std::size_t(m.startup)].push_back(k);
    of_i_[std::size_t(m.investor)].push_back(k);
    at_slot_[std::size_t(m.slot)].push_back(k);
    if (!m.online && m.table) {
      ++inperson_[std::size_t(m.slot)];
      used_[std::size_t(m.slot) * W_ + std::size_t(*m.table) / 64] |= 1ull << (*m.table % 64);
    }
  }
  void remove(std::size_t k) {
    const Meeting& m = meetings_[k];
    std::erase(of_s_[std::size_t(m.startup)], k);
    std::erase(of_i_[std::size_t(m.investor)], k);
    std::erase(at_slot_[std::size_t(m.slot)], k);
    if (!m.online && m.table) {
      --inperson_[std::size_t(m.slot)];
      used_[std::size_t(m.slot) * W_ + std::size_t(*m.table) / 64] &= ~(1ull << (*m.table % 64));
    }
  }

  // Slots examined for a meeting so far (holders and seat calls): make_room's budget counts them.
  mutable std::size_t work = 0;

 private:
  // Calls stop(k) for each meeting k that holds s, i or an investor sharing i's fixed table in
  // a slot overlapping t, until it returns true; whether it did.
  template <class Stop>
  bool any_holder(Index s, Index i, Index t, Stop&& stop) const {
    auto in = [&](const std::vector<std::size_t>& list) {
      return std::any_of(list.begin(), list.end(),
                         [&](std::size_t k) { return overlaps(meetings_[k].slot, t) && stop(k); });
    };
    if (in(of_s_[std::size_t(s)]) || in(of_i_[std::size_t(i)])) return true;
    if (const auto& fixed = e_.investors[std::size_t(i)].table)
      for (const Index j : sharing_.at(*fixed))
        if (j != i && in(of_i_[std::size_t(j)])) return true;
    return false;
  }
  bool overlaps(Index a, Index b) const {
    const auto& o = instant_[std::size_t(a)];
    return std::find(o.begin(), o.end(), b) != o.end();
  }

  const Event& e_;
  std::vector<Meeting>& meetings_;
  std::size_t T_;
  std::vector<std::vector<Index>> instant_;      // per slot: its instant, ascending
  std::vector<char> available_s_, available_i_;  // S·T, I·T
  std::vector<std::vector<std::size_t>> of_s_, of_i_, at_slot_;
  std::size_t W_;                                // words of a slot's table bits
  std::vector<std::uint64_t> used_;              // T·W: tables of in-person meetings per slot
  std::vector<int> inperson_;                    // per slot
  std::map<Index, std::vector<Index>> sharing_;  // fixed table -> its investors
};

// Places `pairs` (pairs that may still meet, with their scores) where they gain more than the
// kept meetings they move cost, moving meetings of `meetings` (history, kept and new meetings of
// `e`; `remaining` is the event after history: its availability) as `mobility` allows. Added
// meetings are appended to `meetings`, moved ones changed in place (slot and table).
inline std::vector<MadeRoom> make_room(const Event& e, const Event& remaining,
                                       std::vector<Meeting>& meetings,
                                       std::vector<Mobility> mobility, std::vector<RoomPair> pairs,
                                       double fairness_weight, double move_cost,
                                       std::size_t budget = kRoomBudget) {
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
        if (const Seat seat = board.seat(was, t);
            seat.fits && (t != was.slot || seat.table != was.table)) {
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

  struct Option {  // a common slot and the meetings (at most two) that hold its sides there
    Index t = 0;
    int n = 0, kept = 0;
    std::array<std::size_t, 2> movers{};
  };
  std::vector<std::size_t> held;  // scratch: the holders of a slot
  std::vector<Option> options;
  std::vector<std::size_t> givers;
  for (const RoomPair& q : pairs) {
    if (board.work >= budget) break;
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
    // Per common slot, the meetings that hold either side there, when they may all move.
    options.clear();
    for (Index t = 0; t < T; ++t) {
      if (!board.available(s, i, t)) continue;
      board.holders(s, i, t, held);
      Option o{.t = t, .n = int(held.size())};
      if (o.n > 2) continue;
      bool may_move = true;
      for (int k = 0; k < o.n; ++k) {
        o.movers[std::size_t(k)] = held[std::size_t(k)];
        o.kept += mobility[held[std::size_t(k)]] == Mobility::kept;
        may_move = may_move && mobility[held[std::size_t(k)]] != Mobility::fixed;
      }
      if (may_move && o.kept <= most) options.push_back(o);
    }
    // Tries `fresh` at o.t with o's movers and `giver` off the board; on success they move.
    auto attempt = [&](const Option& o, std::optional<std::size_t> giver) {
      if (giver) board.remove(*giver);
      fresh.slot = o.t;
      if (const Seat seat = board.seat(fresh, o.t); seat.fits) {
        fresh.table = seat.table;
        meetings.push_back(fresh);
        mobility.push_back(Mobility::free);
        const std::size_t k = meetings.size() - 1;
        board.add(k);
        std::vector<std::size_t> moving(o.movers.begin(), o.movers.begin() + o.n);
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
          return true;
        }
        board.remove(k);
        meetings.pop_back();
        mobility.pop_back();
      }
      if (giver) board.add(*giver);
      return false;
    };
    bool placed = false;
    for (int level = 0; level <= most && !placed; ++level)  // kept meetings moved
      for (const Option& o : options) {
        if (o.kept > level) continue;
        for (int k = 0; k < o.n; ++k) board.remove(o.movers[std::size_t(k)]);
        if (o.kept == level) placed = attempt(o, std::nullopt);
        // Where the sides are free but no table is, an in-person meeting of the slot that may
        // move gives its table: the first kGivers of them are tried in turn.
        fresh.slot = o.t;
        if (!placed && !fresh.online && o.n < 2 && board.free_at(s, i, o.t) &&
            !board.seat(fresh, o.t).fits) {
          board.inperson_at(o.t, givers);
          std::erase_if(givers, [&](std::size_t g) {
            return mobility[g] == Mobility::fixed ||
                   o.kept + (mobility[g] == Mobility::kept) != level;
          });
          if (givers.size() > kGivers) givers.resize(kGivers);
          for (const std::size_t g : givers)
            if ((placed = attempt(o, g))) break;
        }
        if (placed) break;
        for (int k = 0; k < o.n; ++k) board.add(o.movers[std::size_t(k)]);
      }
  }
  return made;
}

}  // namespace festmatch::detail::scheduler
