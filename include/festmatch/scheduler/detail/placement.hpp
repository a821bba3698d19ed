// festmatch — scheduler internals: putting chosen pairs into slots, and improving the schedule.
//
// Problem: give each chosen pair a slot where both sides are free and available, the slot has a
// table left (in-person), and the investor's fixed table is not held by another meeting. Without
// availability and table limits this is bipartite edge colouring, which Δ colours always solve
// (König 1916); with them it is NP-hard, so:
//   1. greedy, most-constrained pair first (fewest possible slots), least-loaded slot first;
//   2. ejection chains (Glover 1996) for each pair left over: put it in a slot where exactly one
//      meeting is in the way, move that one on the same way, up to a depth; a failed chain is
//      undone, so the schedule never gets worse;
//   3. fill: every other candidate pair, best marginal gain first (startups below their minimum
//      first), is added when both sides have capacity, directly or by a short chain;
//   4. large-neighbourhood search: remove the meetings of a startup, an investor or a slot and
//      re-insert the best candidates of everyone touched, kept when the objective does not drop;
//   5. table swaps: when a slot's tables are all taken, a better unscheduled pair takes the
//      table of its least valuable in-person meeting (and replaces its own side's weakest
//      meeting when at capacity); the freed participants are refilled; kept when it pays.
// Steps 3–5 run on this board, each in a file of its own: detail/fill.hpp,
// detail/neighbourhood.hpp and detail/table_swaps.hpp.
// Overlapping slots (Problem::overlaps): a person is busy at every slot of a meeting's instant,
// and each in-person meeting holds a table while placed (the lowest free at its instant, tables
// that are nobody's fixed table first), since per-slot counts no longer prove that tables can be
// assigned. An investor's fixed table is held by all its placed meetings, online ones too (a
// pinned online meeting holds none); with overlapping slots that also keeps other in-person
// meetings off it at that instant, which is stricter than the rule (a valid schedule, rarely a
// lost meeting).
// All choices use a seeded SplitMix64 and an iteration budget: the result depends only on the
// input and the seed. Slot scans (a free slot, a chain step's blockers) visit only the slots the
// pair's availability and the pins allow, read from the problem's bit masks: O(W + those slots)
// each, W = ⌈T/64⌉; a re-schedule's open problem leaves most slots closed to most pairs.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <numeric>
#include <utility>
#include <vector>

#include "festmatch/scheduler/detail/problem.hpp"

namespace festmatch::detail::scheduler {

struct Placed {
  Index startup = 0, investor = 0;
  Index slot = -1;  // -1: not placed
  // The table it holds while placed, -1 none: the investor's fixed table (`fixed`, kept while
  // unplaced), or with overlapping slots the table chosen when it was placed.
  int hold = -1;
  bool fixed = false;
  bool online = false;
  double weight = 0.0;
  bool active = true;   // false once removed from the schedule
  int slot_entry = -1;  // in person and placed: its index in the slot's list of in-person meetings
};

class SlotBoard {
 public:
  static constexpr int pinned_mark = -2;

  SlotBoard(const Problem& p, std::uint64_t seed) : p_(p), rng_(seed) {
    const auto S = std::size_t(p.S), I = std::size_t(p.I), T = std::size_t(p.T);
    at_s_.assign(S * T, -1);
    at_i_.assign(I * T, -1);
    inperson_ = p.pinned_inperson;
    inperson_at_.assign(T, {});
    hold_.assign(T * std::size_t(std::max(1, p.n_tables)), -1);
    for (const auto& pin : p.pins) {
      at_s_[std::size_t(pin.startup) * T + std::size_t(pin.slot)] = pinned_mark;
      at_i_[std::size_t(pin.investor) * T + std::size_t(pin.slot)] = pinned_mark;
      if (pin.fixed_table >= 0)
        hold_[std::size_t(pin.slot) * std::size_t(p.n_tables) + std::size_t(pin.fixed_table)] =
            pinned_mark;
    }
    for (const HeldTable& h : p.held_tables)
      if (h.in_person)
        hold_[std::size_t(h.slot) * std::size_t(p.n_tables) + std::size_t(h.table)] = pinned_mark;
    deg_s_.assign(S, 0);
    deg_i_.assign(I, 0);
    placed_s_.assign(S, 0);
    if (p.n_orgs > 0) {
      org_used_.assign(S, {});
      for (const auto& pin : p.pins)
        if (p.org_of[std::size_t(pin.investor)] >= 0)
          org_used_[std::size_t(pin.startup)].push_back(p.org_of[std::size_t(pin.investor)]);
    }
  }

  const std::vector<Placed>& meetings() const { return m_; }
  int deg_s(Index s) const { return deg_s_[std::size_t(s)]; }
  int deg_i(Index i) const { return deg_i_[std::size_t(i)]; }

  // Adds an unplaced meeting for a candidate; returns its id. Counts against capacities.
  int add(const Candidate& c) {
    m_.push_back(unplaced(c));
    count_in(m_.back(), +1);
    journal_.push_back({Op::add, int(m_.size()) - 1, -1, -1});
    return int(m_.size()) - 1;
  }
  // Whether a meeting of candidate c may be added: both sides below their caps, the organisation
  // rule allows it and the pair does not meet yet.
  bool may_add(const Candidate& c) const {
    return deg_s(c.startup) < p_.cap_s[std::size_t(c.startup)] &&
           deg_i(c.investor) < p_.cap_i[std::size_t(c.investor)] &&
           org_free(c.startup, c.investor) && !has_pair(c.startup, c.investor);
  }
  // Adds a meeting of candidate c placed at slot t when may_add(c) and the slot takes it (else
  // nothing, or a dropped meeting when only the slot refuses); returns whether it did.
  bool add_at(const Candidate& c, Index t) {
    if (!may_add(c)) return false;
    const int id = add(c);
    if (can_place(id, t)) {
      place(id, t);
      return true;
    }
    drop(id);
    return false;
  }
  // What add(c) then drop() of its id leave, in one step: the id taken by a removed meeting.
  void add_dropped(const Candidate& c) {
    m_.push_back(unplaced(c));
    m_.back().active = false;
    journal_.push_back({Op::add_dropped, int(m_.size()) - 1, -1, -1});
  }
  // Whether best_free_slot would find a slot for a meeting of candidate c (without its rng draws).
  bool has_free_slot(const Candidate& c) const {
    const Placed mt = unplaced(c);
    return find_static_slot(mt, [&](Index t) { return dynamically_ok(mt, t); }) >= 0;
  }
  // Removes a meeting from the schedule for good (frees its slot and capacity).
  void drop(int id) {
    auto& mt = m_[std::size_t(id)];
    if (mt.slot >= 0) unplace(id);
    mt.active = false;
    count_in(mt, -1);
    journal_.push_back({Op::drop, id, -1, -1});
  }

  // The journal: every change since the last commit() can be undone by rollback(mark).
  std::size_t mark() const { return journal_.size(); }
  void commit() { journal_.clear(); }
  void rollback(std::size_t to) {
    while (journal_.size() > to) {
      const Entry j = journal_.back();
      journal_.pop_back();
      auto& mt = m_[std::size_t(j.id)];
      switch (j.op) {
        case Op::place:
          unplace_raw(j.id);
          break;
        case Op::unplace:
          place_raw(j.id, j.slot, j.table);
          break;
        case Op::add:
          count_in(mt, -1);
          m_.pop_back();
          break;
        case Op::add_dropped:
          m_.pop_back();
          break;
        case Op::drop:
          mt.active = true;
          count_in(mt, +1);
          break;
      }
    }
  }
  // Σ score of placed meetings + fairness_weight · Σ_s min(placed_s + pinned_s, min_s), minus the
  // pinned part (a constant).
  double value() const { return value_; }
  // Whether s and i meet in a placed meeting: the scan of s's slots stops after its placed ones.
  bool has_pair(Index s, Index i) const {
    const auto T = std::size_t(p_.T);
    int left = placed_s_[std::size_t(s)];
    for (std::size_t t = 0; left > 0 && t < T; ++t)
      if (const int id = at_s_[std::size_t(s) * T + t]; id >= 0) {
        if (m_[std::size_t(id)].investor == i) return true;
        --left;
      }
    return false;
  }
  // Placed meetings of a startup, an investor, a slot.
  void meetings_of_startup(Index s, std::vector<int>& out) const {
    const auto T = std::size_t(p_.T);
    for (std::size_t t = 0; t < T; ++t)
      if (int id = at_s_[std::size_t(s) * T + t]; id >= 0) out.push_back(id);
  }
  void meetings_of_investor(Index i, std::vector<int>& out) const {
    const auto T = std::size_t(p_.T);
    for (std::size_t t = 0; t < T; ++t)
      if (int id = at_i_[std::size_t(i) * T + t]; id >= 0) out.push_back(id);
  }
  bool org_free(Index s, Index i) const {
    if (p_.n_orgs == 0) return true;
    const int o = p_.org_of[std::size_t(i)];
    if (o < 0) return true;
    const auto& v = org_used_[std::size_t(s)];
    return std::find(v.begin(), v.end(), o) == v.end();
  }
  bool org_free_except(Index s, Index i, Index except_investor) const {
    if (p_.n_orgs == 0) return true;
    const int o = p_.org_of[std::size_t(i)];
    if (o < 0 || o == p_.org_of[std::size_t(except_investor)]) return true;
    return org_free(s, i);
  }

  // Word w of the slots where `mt` may go given only availability and the pins (bit t of word
  // t / 64): both sides free, and in person a slot where its investor may hold a table.
  std::uint64_t static_slots(const Placed& mt, std::size_t w) const {
    const auto W = std::size_t(p_.W);
    std::uint64_t bits =
        p_.free_s[std::size_t(mt.startup) * W + w] & p_.free_i[std::size_t(mt.investor) * W + w];
    if (!mt.online) bits &= p_.inperson_i[std::size_t(mt.investor) * W + w];
    return bits;
  }
  bool statically_ok(const Placed& mt, Index t) const {
    return (static_slots(mt, std::size_t(t) / 64) >> (std::size_t(t) % 64)) & 1ull;
  }
  // The first slot t, ascending, where statically_ok(mt, t) and pred(t); -1 if none.
  template <class P>
  Index find_static_slot(const Placed& mt, P&& pred) const {
    for (std::size_t w = 0; w < std::size_t(p_.W); ++w)
      for (std::uint64_t bits = static_slots(mt, w); bits != 0; bits &= bits - 1)
        if (const auto t = Index(w * 64 + std::size_t(std::countr_zero(bits))); pred(t)) return t;
    return -1;
  }
  // Calls f(t) for every slot t where statically_ok(mt, t), ascending.
  template <class F>
  void for_static_slots(const Placed& mt, F&& f) const {
    find_static_slot(mt, [&](Index t) {
      f(t);
      return false;
    });
  }
  bool can_place(int id, Index t) const {
    const auto& mt = m_[std::size_t(id)];
    return statically_ok(mt, t) && dynamically_ok(mt, t);
  }
  // can_place once statically_ok holds: the sides, tables and fixed table free at slot t.
  bool dynamically_ok(const Placed& mt, Index t) const {
    if (!free_at(at_s_, mt.startup, t) || !free_at(at_i_, mt.investor, t)) return false;
    if (!mt.online && inperson_[std::size_t(t)] >= p_.slot_tables[std::size_t(t)]) return false;
    if (mt.fixed) return holder(t, mt.hold) == -1;
    return mt.online || !p_.overlaps || free_table(t) >= 0;
  }
  void place(int id, Index t) {
    place_raw(id, t, -1);
    journal_.push_back({Op::place, id, t, -1});
  }
  void unplace(int id) {
    const auto& mt = m_[std::size_t(id)];
    const Index t = mt.slot;
    const int table = mt.hold;
    unplace_raw(id);
    journal_.push_back({Op::unplace, id, t, table});
  }

 private:
  // A candidate's meeting as added: not placed, holding its investor's fixed table if any.
  Placed unplaced(const Candidate& c) const {
    const auto& inv = p_.event->investors[std::size_t(c.investor)];
    return {c.startup, c.investor, -1,  inv.table ? int(*inv.table) : -1, inv.table.has_value(),
            c.online,  c.weight,   true};
  }
  void count_in(const Placed& mt, int d) {
    deg_s_[std::size_t(mt.startup)] += d;
    deg_i_[std::size_t(mt.investor)] += d;
    if (p_.n_orgs > 0 && p_.org_of[std::size_t(mt.investor)] >= 0) {
      auto& v = org_used_[std::size_t(mt.startup)];
      const int o = p_.org_of[std::size_t(mt.investor)];
      if (d > 0)
        v.push_back(o);
      else
        v.erase(std::find(v.begin(), v.end(), o));
    }
  }
  double fairness_step(Index s) const {  // fairness gained by the next placed meeting of s
    return placed_s_[std::size_t(s)] + p_.pinned_s[std::size_t(s)] < p_.min_s[std::size_t(s)]
               ? p_.fairness_weight
               : 0.0;
  }
  // `table`: the table to hold with overlapping slots (-1: the lowest free one).
  void place_raw(int id, Index t, int table) {
    auto& mt = m_[std::size_t(id)];
    if (p_.overlaps && !mt.online && !mt.fixed) mt.hold = table >= 0 ? table : free_table(t);
    value_ += mt.weight + fairness_step(mt.startup);
    ++placed_s_[std::size_t(mt.startup)];
    const auto T = std::size_t(p_.T);
    mt.slot = t;
    at_s_[std::size_t(mt.startup) * T + std::size_t(t)] = id;
    at_i_[std::size_t(mt.investor) * T + std::size_t(t)] = id;
    if (!mt.online) {
      ++inperson_[std::size_t(t)];
      auto& v = inperson_at_[std::size_t(t)];
      mt.slot_entry = int(v.size());
      v.push_back(id);
    }
    if (mt.hold >= 0) hold_at(t, mt.hold) = id;
  }
  void unplace_raw(int id) {
    auto& mt = m_[std::size_t(id)];
    --placed_s_[std::size_t(mt.startup)];
    value_ -= mt.weight + fairness_step(mt.startup);
    const auto T = std::size_t(p_.T);
    const Index t = mt.slot;
    at_s_[std::size_t(mt.startup) * T + std::size_t(t)] = -1;
    at_i_[std::size_t(mt.investor) * T + std::size_t(t)] = -1;
    if (!mt.online) {
      --inperson_[std::size_t(t)];
      auto& v = inperson_at_[std::size_t(t)];  // the last entry takes its place
      v[std::size_t(mt.slot_entry)] = v.back();
      m_[std::size_t(v.back())].slot_entry = mt.slot_entry;
      v.pop_back();
      mt.slot_entry = -1;
    }
    if (mt.hold >= 0) hold_at(t, mt.hold) = -1;
    if (!mt.fixed) mt.hold = -1;
    mt.slot = -1;
  }

 public:
  // A free slot for the meeting, least loaded first (ties at random); -1 if none.
  // Only the statically possible slots are looked at (for_static_slots), ascending.
  Index best_free_slot(int id) {
    Index best = -1;
    double best_key = 0;
    const Placed& mt = m_[std::size_t(id)];
    for_static_slots(mt, [&](Index t) {
      if (!dynamically_ok(mt, t)) return;
      const int kt = p_.slot_tables[std::size_t(t)];
      const double load = kt > 0 ? double(inperson_[std::size_t(t)]) / kt : 0.0;
      const double key = load + double(rng_.below(1024)) * 1e-6;
      if (best < 0 || key < best_key) {
        best = t;
        best_key = key;
      }
    });
    return best;
  }

  // The one movable meeting in the way of `id` in slot t, -1 when the slot is free, -2 when
  // more than one (or a pinned one) is in the way.
  int single_blocker(int id, Index t) {
    const auto& mt = m_[std::size_t(id)];
    if (!statically_ok(mt, t)) return -2;
    const auto T = std::size_t(p_.T);
    int blocker = -1;
    auto add = [&](int b) {
      if (b == -1 || b == blocker) return true;
      if (b == pinned_mark || blocker != -1) return false;
      blocker = b;
      return true;
    };
    for (const Index u : p_.instant[std::size_t(t)]) {
      if (!add(at_s_[std::size_t(mt.startup) * T + std::size_t(u)])) return -2;
      if (!add(at_i_[std::size_t(mt.investor) * T + std::size_t(u)])) return -2;
      if (mt.fixed && !add(hold_at(u, mt.hold))) return -2;
    }
    if (p_.overlaps && !mt.online && !mt.fixed && free_table(t) < 0) {
      // Every table is held at this instant: the blocker must free one, else a table's only
      // holder is the blocker.
      if (blocker >= 0) return free_table(t, blocker) >= 0 ? blocker : -2;
      std::vector<int> sole;
      for (int k = 0; k < p_.slot_tables[std::size_t(t)]; ++k) {
        int only = -1;
        for (const Index u : p_.instant[std::size_t(t)])
          if (const int h = hold_at(u, k); h != -1) only = (only == -1) ? h : -2;
        if (only >= 0) sole.push_back(only);
      }
      if (sole.empty()) return -2;
      return sole[rng_.below(std::uint32_t(sole.size()))];
    }
    if (!mt.online && inperson_[std::size_t(t)] >= p_.slot_tables[std::size_t(t)]) {
      // Full of in-person meetings: the blocker (if in-person) frees a table, else pick one.
      if (blocker >= 0 && !m_[std::size_t(blocker)].online) return blocker;
      if (blocker >= 0) return -2;
      const auto& options = inperson_at_[std::size_t(t)];
      if (options.empty()) return -2;
      return options[rng_.below(std::uint32_t(options.size()))];
    }
    return blocker;
  }

  // Places `id` directly or by an ejection chain of at most `depth` moves; undoes everything
  // and returns false when the chain ends with a meeting that has nowhere to go. `no_free_slot`:
  // the caller's best_free_slot(id) just found none (a second look would draw nothing either).
  bool place_with_chain(int id, int depth, long& budget, bool no_free_slot = false) {
    if (Index t = no_free_slot ? -1 : best_free_slot(id); t >= 0) {
      place(id, t);
      return true;
    }
    const std::size_t start = mark();
    int current = id;
    int last = -1;
    auto& options = chain_options_;
    for (int step = 0; step < depth && budget > 0; ++step, --budget) {
      options.clear();
      for_static_slots(m_[std::size_t(current)], [&](Index t) {  // elsewhere single_blocker is -2
        const int b = single_blocker(current, t);
        if (b >= 0 && b != last && b != id) options.push_back({t, b});
      });
      if (options.empty()) break;
      const auto [t, b] = options[rng_.below(std::uint32_t(options.size()))];
      unplace(b);
      if (!can_place(current, t)) break;
      place(current, t);
      last = current;
      current = b;
      if (Index u = best_free_slot(current); u >= 0) {
        place(current, u);
        return true;
      }
    }
    rollback(start);
    return false;
  }

  // Movable in-person meetings of slot t, and whether its tables are all taken.
  const std::vector<int>& inperson_meetings_at(Index t) const {
    return inperson_at_[std::size_t(t)];
  }
  bool tables_full(Index t) const {
    return inperson_[std::size_t(t)] >= p_.slot_tables[std::size_t(t)] ||
           (p_.overlaps && free_table(t) < 0);
  }
  int meeting_of_investor_at(Index i, Index t) const {
    return at_i_[std::size_t(i) * std::size_t(p_.T) + std::size_t(t)];
  }
  int meeting_of_startup_at(Index s, Index t) const {
    return at_s_[std::size_t(s) * std::size_t(p_.T) + std::size_t(t)];
  }

  SplitMix64& rng() { return rng_; }

 private:
  // Whether `who` (a row of at_s_ or at_i_) has no meeting at slot t's instant.
  bool free_at(const std::vector<int>& at, Index who, Index t) const {
    const auto row = std::size_t(who) * std::size_t(p_.T);
    if (!p_.overlaps) return at[row + std::size_t(t)] == -1;
    for (const Index u : p_.instant[std::size_t(t)])
      if (at[row + std::size_t(u)] != -1) return false;
    return true;
  }
  // Who holds `table` at slot t's instant (a meeting id or pinned_mark), `ignoring` aside; -1
  // nobody.
  int holder(Index t, int table, int ignoring = -1) const {
    for (const Index u : p_.instant[std::size_t(t)])
      if (const int h = hold_at(u, table); h != -1 && h != ignoring) return h;
    return -1;
  }
  // With overlapping slots: the table a meeting placed in slot t takes (choose_table) among
  // those nobody holds at its instant, `ignoring` aside; -1 none.
  int free_table(Index t, int ignoring = -1) const {
    return choose_table(p_, t, [&](int k) { return holder(t, k, ignoring) == -1; });
  }
  int& hold_at(Index t, int table) {
    return hold_[std::size_t(t) * std::size_t(p_.n_tables) + std::size_t(table)];
  }
  int hold_at(Index t, int table) const {
    return hold_[std::size_t(t) * std::size_t(p_.n_tables) + std::size_t(table)];
  }

  const Problem& p_;
  SplitMix64 rng_;
  std::vector<int> at_s_, at_i_, inperson_, hold_;
  std::vector<int> deg_s_, deg_i_;
  std::vector<std::vector<int>> org_used_;
  std::vector<std::vector<int>> inperson_at_;  // movable in-person meetings per slot
  enum class Op { place, unplace, add, drop, add_dropped };
  struct Entry {
    Op op;
    int id;
    Index slot;
    int table;  // Op::unplace: the table it held
  };
  std::vector<Entry> journal_;
  std::vector<std::pair<Index, int>> chain_options_;  // place_with_chain's (slot, blocker) list
  std::vector<int> placed_s_;
  double value_ = 0.0;
  std::vector<Placed> m_;
};

// Steps 1–2: places the selection's chosen pairs, most constrained first (fewest common free
// slots), each in its least loaded free slot, then each pair left over by an ejection chain of
// at most `chain_depth` moves (dropped when none works). Chains draw on `budget`.
inline void place_chosen(const Problem& p, const std::vector<std::size_t>& chosen, SlotBoard& board,
                         int chain_depth, long& budget) {
  std::vector<std::pair<int, int>> order;  // (free slots in common, meeting id)
  std::vector<std::uint64_t> mask(std::size_t(p.W));
  // The relaxation may choose two pairs of one organisation for a startup: a pair priced in
  // beside an older direct pair of that organisation gets a node of its own
  // (detail/selection.hpp). Only the better of them is placed; the fill may use the rest.
  std::map<std::pair<Index, int>, std::size_t> best_of_org;  // (startup, organisation) -> pair
  for (std::size_t k : chosen) {
    const auto& c = p.candidates[k];
    if (const int o = p.org_of[std::size_t(c.investor)]; o >= 0) {
      auto [it, first] = best_of_org.emplace(std::pair{c.startup, o}, k);
      if (!first && c.weight > p.candidates[it->second].weight) it->second = k;
    }
  }
  for (std::size_t k : chosen) {
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
    if (t >= 0)
      board.place(id, t);
    else
      left.push_back(id);
  }
  for (int id : left)
    if (!board.place_with_chain(id, chain_depth, budget)) board.drop(id);
}

}  // namespace festmatch::detail::scheduler
