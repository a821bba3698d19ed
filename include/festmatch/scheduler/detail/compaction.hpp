// festmatch — scheduler internals: compact agendas (SPEC §4 "Agendas people can live with").
//
// Problem. The meetings are chosen (which pairs meet, and so the objective: the score and the
// fairness term depend only on the pairs); re-time them so that each participant meets on as
// few days as it can, back to back, with few idle slots between its first and last meeting of
// a day (scheduler/agenda.hpp defines both measures), keeping every hard rule: availability,
// nobody twice at one instant (clock time), the tables of each slot, fixed tables, pins (never
// moved). Even without tables and availability this contains interval edge colouring of a
// bipartite multigraph, which is NP-hard, so this is a local search from the placed schedule.
//
// Method. Each participant's cost is
//   day_weight · days + idle − Σ_days n_d² / 4
// where n_d counts its meetings (pins included) on day d: days dominate, the concave last term
// rewards moving a meeting from a thin day to a fuller one (the steps that empty a day), and
// idle is the SPEC measure within each day (slots ranked by start). Each agenda is kept as bits
// per day and rank (masks_). Passes visit the participants, costliest first (ties in a seeded
// random order); the last pass drops the concave term. For each movable meeting of the
// participant at slot a, the slots b on its days within `reach` ranks of its first and last
// meeting there, where it is free and both sides are available, are ranked by the cost change of
// both sides of the meeting (exact when the partner is free at b: a move of one meeting, which is
// then not counted again; each side's count, first and last rank per day give the day's cost with
// one more meeting in O(1)); the best `tries` are tried as a Kempe chain move: the meeting goes a →
// b, the partner's meeting at b (if any) goes b → a, that one's other side's meeting at a goes a →
// b, and so on, alternating sides (the chain's inner participants keep both slots busy, so only its
// ends change their agendas). The summed cost change of everyone touched is computed from the masks
// first; only a move that pays is made on the SlotBoard, whose checks are the scheduler's own
// (availability, instants, table counts and holds, fixed tables; a pin is never in a chain).
// When a slot's tables are full, one more in-person meeting of that slot swaps the other way
// (kept only if the whole move still pays). A move the board refuses is undone by its journal.
// Finally, should the total idle or the total days (as SPEC measures them) be worse than before,
// the whole stage is undone: compaction never makes either measure worse.
// Deterministic: the order comes from a SplitMix64 seeded by the schedule's seed, on one thread.
//
// Meetings outside the problem (a re-schedule's history and kept meetings, OutsideMeeting) are
// in their participants' masks and never move, so new meetings are packed around them.
//
// Complexity. O(N·T) to build the masks; per participant visit O(k · (reach·days + tries))
// mask operations (k its meetings, a few words each), and per move that pays O(L) board
// operations for a chain of L meetings; `passes` passes. Web Summit (12.9k meetings, 72 slots):
// about 65 ms for 6 passes; Slush (31.9k, 54 slots) about 170 ms (1.67 G instructions).
//
//   SlotBoard board(p, seed);  ...  // placement and search
//   compact_agendas(p, board, {.seed = seed});
//   std::vector<Meeting> meetings = meetings_with_tables(p, board);
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <utility>
#include <vector>

#include "festmatch/scheduler/agenda.hpp"
#include "festmatch/scheduler/detail/placement.hpp"
#include "festmatch/scheduler/detail/problem.hpp"
#include "festmatch/util/detail/random.hpp"

namespace festmatch::detail::scheduler {

struct CompactionOptions {
  std::uint64_t seed = 1;
  int passes = 6;         // passes over the participants at most (stops early without a gain)
  int tries = 8;          // target slots tried per meeting, best first
  int chain_length = 16;  // longest Kempe chain, in meetings
};

// The set bits of x; inline on any target (a portable build calls a library routine for
// __builtin_popcountll, and compaction counts bits in its innermost loop).
constexpr int bit_count(std::uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ull;
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return int((x * 0x0101010101010101ull) >> 56);
}

class Compaction {
 public:
  Compaction(const Problem& p, SlotBoard& board, const CompactionOptions& o,
             const std::vector<OutsideMeeting>& outside)
      : p_(p), board_(board), o_(o), rng_(o.seed ^ 0x6A09E667F3BCC909ull), outside_(outside) {
    const std::size_t T = std::size_t(p.T);
    const AgendaClock clock(*p.event);  // the slots by day, then start
    slot_at_ = clock.order();
    day_of_.assign(T, 0);
    rank_of_.assign(T, 0);
    int day = -1, rank = 0;
    for (std::size_t k = 0; k < T; ++k) {
      const Index t = slot_at_[k];
      if (k == 0 || clock.day(t) != clock.day(slot_at_[k - 1])) {
        ++day;
        rank = 0;
        day_word0_.push_back(day == 0 ? 0 : day_word0_.back() + day_words_.back());
        day_words_.push_back(0);
        day_base_.push_back(int(k));
        day_len_.push_back(0);
      }
      day_of_[std::size_t(t)] = day;
      rank_of_[std::size_t(t)] = rank++;
      ++day_len_.back();
      day_words_.back() = rank / 64 + (rank % 64 != 0);
      max_len_ = std::max(max_len_, rank);
    }
    n_days_ = day + 1;
    words_ = n_days_ > 0 ? day_word0_.back() + day_words_.back() : 0;
    day_weight_ = 2 * std::max(1, max_len_);
    in_chain_.assign(board.meetings().size(), 0);
  }

  void run() {
    const int N = p_.S + p_.I;
    if (n_days_ == 0 || N == 0) return;
    masks_.assign(std::size_t(N) * std::size_t(words_), 0);
    for (int w = 0; w < N; ++w)
      for (Index t = 0; t < p_.T; ++t)
        if (at(w, t) != -1) set_busy(w, t, true);
    for (const OutsideMeeting& m : outside_) {  // in the agendas, never moved
      if (m.startup >= 0) set_busy(int(m.startup), m.slot, true);
      if (m.investor >= 0) set_busy(p_.S + int(m.investor), m.slot, true);
    }
    const std::size_t start = board_.mark();
    const auto before = totals();
    std::vector<int> order(static_cast<std::size_t>(N));
    std::vector<long> cost(static_cast<std::size_t>(N));
    for (int pass = 0; pass < o_.passes; ++pass) {
      concentration_ = pass + 1 < o_.passes ? 16 : 0;
      for (int w = 0; w < N; ++w) cost[std::size_t(w)] = cost_of(w);
      std::iota(order.begin(), order.end(), 0);
      for (std::size_t k = order.size(); k > 1; --k)
        std::swap(order[k - 1], order[rng_.below(std::uint32_t(k))]);
      std::stable_sort(order.begin(), order.end(),
                       [&](int a, int b) { return cost[std::size_t(a)] > cost[std::size_t(b)]; });
      long gains = 0;
      for (const int w : order) gains += improve(w);
      if (gains == 0) {
        if (concentration_ == 0) break;
        pass = std::max(pass, o_.passes - 2);  // on to the last pass, without concentration
      }
    }
    const auto after = totals();
    if (after.first > before.first || after.second > before.second) {
      board_.rollback(start);
    }
  }

 private:
  // Participant w: startup w < S, else investor w − S.
  int at(int w, Index t) const {
    return w < p_.S ? board_.meeting_of_startup_at(Index(w), t)
                    : board_.meeting_of_investor_at(Index(w - p_.S), t);
  }
  // w's agenda as bits per day and rank (masks_, kept in step with the board).
  void read_mask(int w, std::vector<std::uint64_t>& mask) const {
    const auto* m = &masks_[std::size_t(w) * std::size_t(words_)];
    mask.resize(std::size_t(words_));
    std::copy_n(m, words_, mask.begin());
  }
  void set_busy(int w, Index t, bool on) {
    const int d = day_of_[std::size_t(t)], r = rank_of_[std::size_t(t)];
    auto& word = masks_[std::size_t(w) * std::size_t(words_) +
                        std::size_t(day_word0_[std::size_t(d)] + r / 64)];
    const std::uint64_t bit = 1ull << (r % 64);
    word = on ? (word | bit) : (word & ~bit);
  }
  void set_bit(std::vector<std::uint64_t>& mask, Index t, bool on) const {
    const int d = day_of_[std::size_t(t)], r = rank_of_[std::size_t(t)];
    auto& word = mask[std::size_t(day_word0_[std::size_t(d)] + r / 64)];
    const std::uint64_t bit = 1ull << (r % 64);
    word = on ? (word | bit) : (word & ~bit);
  }
  // One day of an agenda: its meetings, first and last rank (-1 without meetings).
  struct DayStats {
    int n = 0, lo = -1, hi = -1;
    int idle() const { return n == 0 ? 0 : hi - lo + 1 - n; }
  };
  DayStats day_stats(const std::uint64_t* mask, int d) const {
    const int w0 = day_word0_[std::size_t(d)], nw = day_words_[std::size_t(d)];
    DayStats s;
    for (int k = 0; k < nw; ++k) {
      const std::uint64_t x = mask[w0 + k];
      if (x == 0) continue;
      if (s.lo < 0) s.lo = 64 * k + std::countr_zero(x);
      s.hi = 64 * k + 63 - std::countl_zero(x);
      s.n += bit_count(x);
    }
    return s;
  }
  DayStats day_stats(const std::vector<std::uint64_t>& mask, int d) const {
    return day_stats(mask.data(), d);
  }
  long cost_of_day(const DayStats& s) const {
    if (s.n == 0) return 0;
    return long(day_weight_) * 64 + 64L * s.idle() - long(concentration_) * s.n * s.n;
  }
  // The day's cost with one more meeting, at rank r (free before).
  long cost_with(const DayStats& s, int r) const {
    return cost_of_day(s.n == 0 ? DayStats{1, r, r}
                                : DayStats{s.n + 1, std::min(s.lo, r), std::max(s.hi, r)});
  }
  long day_cost(const std::vector<std::uint64_t>& mask, int d) const {
    return cost_of_day(day_stats(mask, d));
  }
  long mask_cost(const std::vector<std::uint64_t>& mask) const {
    long c = 0;
    for (int d = 0; d < n_days_; ++d) c += day_cost(mask, d);
    return c;
  }
  long cost_of(int w) {
    read_mask(w, scratch_);
    return mask_cost(scratch_);
  }
  // Whether participant w meets at rank r of day d.
  bool busy_at_rank(int w, int d, int r) const {
    return (masks_[std::size_t(w) * std::size_t(words_) +
                   std::size_t(day_word0_[std::size_t(d)] + r / 64)] >>
            (r % 64)) &
           1ull;
  }

  // Tries to improve participant w's agenda; returns the number of moves kept.
  long improve(int w) {
    long kept = 0;
    std::vector<std::uint64_t>& mask = mask_;
    std::vector<std::pair<long, Index>>& targets = targets_;
    long now = 0;
    auto measure = [&] {
      read_mask(w, mask);
      now = 0;
      day_now_.resize(std::size_t(n_days_));
      now_stats_.resize(std::size_t(n_days_));
      for (int d = 0; d < n_days_; ++d) {
        now_stats_[std::size_t(d)] = day_stats(mask, d);
        now += day_now_[std::size_t(d)] = cost_of_day(now_stats_[std::size_t(d)]);
      }
    };
    measure();
    // One day without idle slots is the best agenda there is.
    int days = 0, idle = 0;
    for (int d = 0; d < n_days_; ++d) {
      const DayStats st = day_stats(mask, d);
      days += st.n > 0;
      idle += st.idle();
    }
    if (days <= 1 && idle == 0) return 0;
    day_stats_.resize(std::size_t(n_days_));
    partner_stats_.resize(std::size_t(n_days_));
    for (Index a = 0; a < p_.T; ++a) {
      const int id = at(w, a);
      if (id < 0) continue;
      const Placed& mt = board_.meetings()[std::size_t(id)];
      targets.clear();
      // Only the days of a and b change: the cost of w with a → b is `base` less b's day
      // before, plus b's day after. The partner's cost changes the same way when it is free at
      // b (a move of one meeting); otherwise the chain goes on through the partner, whose
      // agenda keeps both slots, and only the chain's far end is left to check. Each day's
      // meetings, first and last rank (without a) give its cost with one more meeting directly.
      const int da = day_of_[std::size_t(a)];
      const long day_a = day_now_[std::size_t(da)];
      set_bit(mask, a, false);
      const int partner = w < p_.S ? p_.S + int(mt.investor) : int(mt.startup);
      read_mask(partner, partner_mask_);
      const long partner_day_a = day_cost(partner_mask_, da);
      set_bit(partner_mask_, a, false);
      for (int d = 0; d < n_days_; ++d) {
        day_stats_[std::size_t(d)] = d == da ? day_stats(mask, d) : now_stats_[std::size_t(d)];
        partner_stats_[std::size_t(d)] = day_stats(partner_mask_, d);
      }
      const long base = now - day_a + cost_of_day(day_stats_[std::size_t(da)]);
      const long partner_base = cost_of_day(partner_stats_[std::size_t(da)]) - partner_day_a;
      // Targets: on the days w already meets (a day of its own never lowers the cost), within
      // reach of its first and last meeting there (farther slots only add idle); ranked by the
      // change of w and its partner together.
      for (int db = 0; db < n_days_; ++db) {
        const DayStats& ws = day_stats_[std::size_t(db)];
        if (ws.n == 0) continue;
        const DayStats& ps = partner_stats_[std::size_t(db)];
        const long before_b = cost_of_day(ws);
        const long partner_before_b = cost_of_day(ps);
        const int first = std::max(0, ws.lo - reach),
                  last = std::min(day_len_[std::size_t(db)] - 1, ws.hi + reach);
        for (int r = first; r <= last; ++r) {
          const Index b = slot_at_[std::size_t(day_base_[std::size_t(db)] + r)];
          if (b == a || busy_at_rank(w, db, r) || !board_.statically_ok(mt, b)) continue;
          long change = base - before_b + cost_with(ws, r) - now;
          if (!busy_at_rank(partner, db, r))
            change += partner_base - partner_before_b + cost_with(ps, r);
          if (change < 0) targets.push_back({change, b});
        }
      }
      set_bit(mask, a, true);
      if (targets.empty()) continue;
      std::sort(targets.begin(), targets.end());
      const int n = std::min<int>(o_.tries, int(targets.size()));
      bool moved = false;
      for (int k = 0; k < n && !moved; ++k) moved = try_chain(w, id, a, targets[std::size_t(k)]);
      if (!moved) continue;
      ++kept;
      measure();
    }
    return kept;
  }

  // Moves meeting `id` (of participant w) from slot a to the target's slot b by a Kempe chain;
  // kept when the summed cost of everyone it touches falls. The target's change is exact for a
  // chain of one meeting.
  bool try_chain(int w, int id, Index a, std::pair<long, Index> target) {
    const Index b = target.second;
    chain_.clear();
    chain_.push_back({id, b});
    // The open side: the partner of w in `id`, which arrives at b.
    const Placed& first = board_.meetings()[std::size_t(id)];
    int open = w < p_.S ? p_.S + int(first.investor) : int(first.startup);
    Index from = a, to = b;
    in_chain_[std::size_t(id)] = 1;
    bool ok = true;
    while (true) {
      const int z = at(open, to);
      if (z == -1) break;
      if (z < 0 || in_chain_[std::size_t(z)]) {
        ok = z >= 0;  // a pin is in the way; a meeting of the chain closes a cycle
        break;
      }
      if (int(chain_.size()) >= o_.chain_length) {
        ok = false;
        break;
      }
      const Placed& mz = board_.meetings()[std::size_t(z)];
      if (!board_.statically_ok(mz, from)) {  // a side unavailable there
        ok = false;
        break;
      }
      chain_.push_back({z, from});
      in_chain_[std::size_t(z)] = 1;
      open = open < p_.S ? p_.S + int(mz.investor) : int(mz.startup);
      std::swap(from, to);
    }
    bool kept = false;
    if (ok)
      kept = apply_chain(a, b, chain_.size() == 1 ? std::optional(target.first) : std::nullopt);
    for (const auto& [m, t] : chain_) in_chain_[std::size_t(m)] = 0;
    return kept;
  }

  // The change in the summed cost of the participants of moves_ when they are made (masks_ is
  // the agenda before them). Every move of a chain is between slots a and b, so only the days of
  // a and b change.
  long delta_of_moves(Index a, Index b) {
    touched_.clear();
    for (const auto& mv : moves_) {
      const Placed& mt = board_.meetings()[std::size_t(mv.id)];
      touched_.push_back({int(mt.startup), mv.from, mv.to});
      touched_.push_back({p_.S + int(mt.investor), mv.from, mv.to});
    }
    const int da = day_of_[std::size_t(a)], db = day_of_[std::size_t(b)];
    auto cost = [&] { return day_cost(scratch_, da) + (db != da ? day_cost(scratch_, db) : 0); };
    long delta = 0;
    for (std::size_t k = 0; k < touched_.size(); ++k) {
      const int w = touched_[k].id;
      auto its = [&](std::size_t j) { return touched_[j].id == w; };
      bool counted = false;  // with its first entry (chains are short: a linear scan)
      for (std::size_t j = 0; j < k && !counted; ++j) counted = its(j);
      if (counted) continue;
      read_mask(w, scratch_);
      delta -= cost();
      for (std::size_t j = k; j < touched_.size(); ++j)
        if (its(j)) set_bit(scratch_, touched_[j].from, false);
      for (std::size_t j = k; j < touched_.size(); ++j)
        if (its(j)) set_bit(scratch_, touched_[j].to, true);
      delta += cost();
    }
    return delta;
  }

  bool apply_chain(Index a, Index b, std::optional<long> known_delta) {
    moves_.clear();
    Index from = a, to = b;
    for (const auto& [m, t] : chain_) {
      moves_.push_back({m, from, to});
      std::swap(from, to);
    }
    // The agendas first (cheap, from the board's rows); the board's rules only for a gain.
    if ((known_delta ? *known_delta : delta_of_moves(a, b)) >= 0) return false;
    const std::size_t mark = board_.mark();
    for (const auto& mv : moves_) board_.unplace(mv.id);
    const std::size_t n_chain = moves_.size();
    for (std::size_t k = 0; k < n_chain; ++k) {
      const auto [m, f, t] = moves_[k];
      if (board_.can_place(m, t)) {
        board_.place(m, t);
        continue;
      }
      const Placed& mt = board_.meetings()[std::size_t(m)];
      if (moves_.size() > n_chain || mt.online || !board_.tables_full(t)) {
        board_.rollback(mark);
        return false;
      }
      // The slot's tables are full: one of its in-person meetings goes the other way.
      const auto& there = board_.inperson_meetings_at(t);
      const std::size_t n = there.size();
      const std::size_t s0 = n > 0 ? rng_.below(std::uint32_t(n)) : 0;
      for (std::size_t j = 0; j < std::min<std::size_t>(n, 6) && moves_.size() == n_chain; ++j) {
        const int x = there[(s0 + j) % n];
        if (in_chain_[std::size_t(x)]) continue;
        const Placed& mx = board_.meetings()[std::size_t(x)];
        if (!board_.statically_ok(mx, f) || board_.meeting_of_startup_at(mx.startup, f) != -1 ||
            board_.meeting_of_investor_at(mx.investor, f) != -1)
          continue;  // a side unavailable or busy there
        const std::size_t inner = board_.mark();
        board_.unplace(x);
        if (board_.can_place(m, t) && board_.can_place(x, f)) {
          board_.place(m, t);
          board_.place(x, f);
          moves_.push_back({x, t, f});
        } else {
          board_.rollback(inner);
        }
      }
      if (moves_.size() == n_chain) {
        board_.rollback(mark);
        return false;
      }
    }
    // The meeting swapped for a table changes its participants' agendas too.
    if (moves_.size() > n_chain && delta_of_moves(a, b) >= 0) {
      board_.rollback(mark);
      return false;
    }
    for (const bool on : {false, true})
      for (const auto& mv : moves_) {
        const Placed& mt = board_.meetings()[std::size_t(mv.id)];
        set_busy(int(mt.startup), on ? mv.to : mv.from, on);
        set_busy(p_.S + int(mt.investor), on ? mv.to : mv.from, on);
      }
    return true;
  }
  std::pair<long, long> totals() {
    if (p_.overlaps) {
      std::vector<Meeting> all;
      for (const auto& pin : p_.pins)
        all.push_back({.startup = pin.startup, .investor = pin.investor, .slot = pin.slot});
      for (const OutsideMeeting& m : outside_)  // agenda_stats skips a side of -1
        all.push_back({.startup = m.startup, .investor = m.investor, .slot = m.slot});
      for (const auto& m : board_.meetings())
        if (m.active && m.slot >= 0)
          all.push_back({.startup = m.startup, .investor = m.investor, .slot = m.slot});
      const AgendaStats a = agenda_stats(*p_.event, all);
      const auto n = double(a.participants);
      return {std::lround(a.idle_slots * n), std::lround(a.days_attended * n)};
    }
    long idle = 0, days = 0;
    for (int w = 0; w < p_.S + p_.I; ++w) {
      read_mask(w, scratch_);
      for (int d = 0; d < n_days_; ++d) {
        const DayStats st = day_stats(scratch_, d);
        idle += st.idle();
        days += st.n > 0;
      }
    }
    return {idle, days};
  }

  const Problem& p_;
  SlotBoard& board_;
  CompactionOptions o_;
  SplitMix64 rng_;
  const std::vector<OutsideMeeting>& outside_;
  std::vector<int> day_of_, rank_of_, day_word0_, day_words_;
  std::vector<int> day_base_, day_len_;  // per day: its first entry in slot_at_, its slots
  std::vector<Index> slot_at_;           // the slots by day, then rank
  static constexpr int reach = 1;        // target ranks at most this far outside w's span
  int n_days_ = 0, words_ = 0, max_len_ = 0, day_weight_ = 1;
  int concentration_ = 16;  // 64 / 4: a quarter idle slot per n²
  std::vector<std::uint64_t> scratch_, mask_, partner_mask_;
  std::vector<std::pair<long, Index>> targets_;
  std::vector<long> day_now_;
  std::vector<DayStats> now_stats_, day_stats_,
      partner_stats_;                 // per day: w now, w and partner without a
  std::vector<std::uint64_t> masks_;  // per participant: words_ words, bit = day's rank busy
  std::vector<std::pair<int, Index>> chain_;
  std::vector<char> in_chain_;
  struct Move {
    int id;  // a meeting (moves_), or a participant (touched_)
    Index from, to;
  };
  std::vector<Move> moves_;
  std::vector<Move> touched_;  // the participants of moves_, each with one of its moves
};

// Re-times the placed meetings of `board` into compact agendas (see above). The pairs, and so
// the objective, are unchanged.
inline void compact_agendas(const Problem& p, SlotBoard& board, const CompactionOptions& o,
                            const std::vector<OutsideMeeting>& outside = {}) {
  Compaction(p, board, o, outside).run();
}

}  // namespace festmatch::detail::scheduler
