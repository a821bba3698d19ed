// festmatch — scheduler internals: a proven upper bound on the schedule's objective.
//
// Lagrangian relaxation of the investors' capacities (Fisher, "The Lagrangian relaxation method
// for solving integer programming problems", Management Science 1981). For any prices v_i ≥ 0,
//
//   UB(v, λ) = pinned value + λ·tables + Σ_i cap_i·v_i
//              + Σ_s max_{bundle B of s} [ Σ_{(s,i)∈B} (w_si − v_i − λ·[in person])
//                                          + fairness·min(|B|, bonus_s) ]
//
// where a bundle has at most cap_s pairs, at most one per organisation (when the rule is on), and
// uses any candidate pair (eligible, mode-compatible, a common free slot). Every schedule is such
// a bundle per startup, uses at most cap_i pairs per investor and at most `tables` (Σ over slots
// of tables not taken by pins) in-person pairs, so UB(v, λ) ≥ optimum for EVERY v ≥ 0, λ ≥ 0:
// the bound never depends on how good the selection was, or on the candidate pruning. Each
// startup's maximum is exact: keep the best pair per organisation, sort, take pairs while the
// marginal gain (reduced score, plus the fairness bonus for the first bonus_s) is positive. With
// the min-cost-flow prices v it equals the relaxation's optimum (LP duality, the flow is integral).
// Cost O(E log E) for E candidate pairs at most (a running floor under each startup's cap-th
// best value keeps most of them out of the selection), scanned on `threads` threads and summed
// in a fixed order (the same bound on any number of threads). The scheduler evaluates its final
// bound on one thread of its own, beside the search (solve.hpp); the tests compare 1 and 2
// threads.
// Evaluated in double; a relative 1e-10 is added for rounding.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "festmatch/scheduler/detail/problem.hpp"

namespace festmatch::detail::scheduler {

// Total in-person capacity left after the pins: table k holds at most the most disjoint of the
// slots that have it, so the capacity is Σ_k of those, less every pinned in-person meeting
// (without overlapping slots: Σ_t (tables_t − pinned in-person meetings_t)) and every one
// outside the problem in a slot of its own choosing (Problem::inperson_anywhere).
inline double table_capacity(const Problem& p) {
  double cap = 0.0;
  for (int k = 0; k < p.n_tables; ++k)
    cap += most_disjoint_slots(p, [&](Index t) { return k < p.slot_tables[std::size_t(t)]; });
  for (const int pinned : p.pinned_inperson) cap -= pinned;
  return std::max(0.0, cap - p.inperson_anywhere);
}

// How many in-person meetings the working set could hold at most: Σ over startups of
// min(cap, its in-person candidates), or the same over investors, whichever is less.
inline double inperson_demand(const Problem& p) {
  std::vector<int> per_s(std::size_t(p.S), 0), per_i(std::size_t(p.I), 0);
  for (const auto& c : p.candidates)
    if (!c.online) {
      ++per_s[std::size_t(c.startup)];
      ++per_i[std::size_t(c.investor)];
    }
  double by_s = 0.0, by_i = 0.0;
  for (Index s = 0; s < p.S; ++s) by_s += std::min(per_s[std::size_t(s)], p.cap_s[std::size_t(s)]);
  for (Index i = 0; i < p.I; ++i) by_i += std::min(per_i[std::size_t(i)], p.cap_i[std::size_t(i)]);
  return std::min(by_s, by_i);
}

// `inperson_price` λ ≥ 0 prices the event's total table capacity: every in-person pair's
// score is reduced by λ and λ · table_capacity is added (still a valid bound for any λ ≥ 0).
// `threads` < 0: p.threads.
inline double lagrangian_bound(const Problem& p, const std::vector<double>& investor_price,
                               double inperson_price = 0.0, int threads = -1) {
  const double lambda = std::max(0.0, inperson_price);
  // Per worker: the block's kept values, startup by startup, with their organisation (-1: none);
  // each organisation's best value for the startup at hand (org_owner says which startup the
  // entry belongs to); the values being selected; per startup, up to cap values seen so far of
  // distinct organisations (`top`) and, once it holds cap of them, their least (`floor`).
  struct Scratch {
    std::vector<std::vector<std::pair<double, int>>> rows, top;
    std::vector<double> reduced, best_of_org, floor;
    std::vector<Index> org_owner;
    std::vector<int> org_seen;
  };
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<double> best(std::size_t(p.S), 0.0);  // each startup's best bundle
  parallel_blocks<Scratch>(
      p.blocks, threads < 0 ? p.threads : threads, [&](Index b, Scratch& x, int) {
        auto& rows = x.rows;
        auto& reduced = x.reduced;
        auto& best_of_org = x.best_of_org;
        auto& org_owner = x.org_owner;
        auto& org_seen = x.org_seen;
        if (best_of_org.empty()) {
          best_of_org.assign(std::size_t(p.n_orgs), 0.0);
          org_owner.assign(std::size_t(p.n_orgs), -1);
        }
        const Index s0 = p.block_startups(b).first, s1 = p.block_startups(b).second;
        const auto n = std::size_t(s1 - s0);
        rows.resize(n);
        x.top.resize(n);
        x.floor.resize(n);
        for (std::size_t r = 0; r < n; ++r) {
          rows[r].clear();
          x.top[r].clear();
          x.floor[r] = p.cap_s[std::size_t(s0) + r] > 0 ? -inf : inf;
        }
        // The cap values of `top` come from distinct organisations, so the cap-th best value
        // of the startup's bundle (one per organisation) is at least their least: a value below
        // it can never count, and is not kept. What is kept holds the same best cap values
        // (one per organisation), so the bound is the same, bit for bit.
        auto admit = [&](std::size_t r, double v, int o) {
          auto& top = x.top[r];
          const auto cap = std::size_t(p.cap_s[std::size_t(s0) + r]);
          auto it = o < 0 ? top.end() : std::find_if(top.begin(), top.end(), [&](const auto& e) {
            return e.second == o;
          });
          if (it != top.end()) {
            it->first = std::max(it->first, v);
          } else if (top.size() < cap) {
            top.push_back({v, o});
          } else {
            auto least = std::min_element(top.begin(), top.end());
            if (v <= least->first) return;
            *least = {v, o};
          }
          if (top.size() == cap) x.floor[r] = std::min_element(top.begin(), top.end())->first;
        };
        // A value at or below `useless` never adds anything (the sum below stops at the first
        // gain <= 0, and the values are taken best first), so it is not kept. Per startup of
        // the block: that floor, and the table price its pairs pay with an investor who is not
        // online (none when the startup is online).
        double useless[64], startup_lambda[64];
        for (std::size_t r = 0; r < n; ++r) {
          const auto s = std::size_t(s0) + r;
          useless[r] = p.bonus_s[s] > 0 ? -p.fairness_weight : 0.0;
          startup_lambda[r] = p.s_mode[s] == Mode::online ? 0.0 : lambda;
        }
        for (Index i = 0; i < p.I; ++i) {
          std::uint64_t word = p.pair_bits[std::size_t(i) * std::size_t(p.blocks) + std::size_t(b)];
          if (word == 0) continue;
          const double* column = &(*p.score)(s0, i);
          const double price = std::max(0.0, investor_price[std::size_t(i)]);
          const bool online = p.i_mode[std::size_t(i)] == Mode::online;
          const int o = p.org_of[std::size_t(i)];
          for (; word != 0; word &= word - 1) {
            const auto r = std::size_t(std::countr_zero(word));
            // as score − price − (p.online(s, i) ? 0 : λ), operation for operation
            const double v = column[r] - price - (online ? 0.0 : startup_lambda[r]);
            if (v > useless[r] && v >= x.floor[r]) {
              rows[r].push_back({v, o});
              admit(r, v, o);
            }
          }
        }
        for (std::size_t r = 0; r < n; ++r) {
          const Index s = Index(s0 + r);
          const int cap = p.cap_s[std::size_t(s)], bonus = p.bonus_s[std::size_t(s)];
          reduced.clear();
          org_seen.clear();
          for (const auto& [v, o] : rows[r]) {
            if (o < 0) {
              reduced.push_back(v);
            } else if (org_owner[std::size_t(o)] != s) {  // one pair per organisation: its best
              org_owner[std::size_t(o)] = s;
              org_seen.push_back(o);
              best_of_org[std::size_t(o)] = v;
            } else {
              best_of_org[std::size_t(o)] = std::max(best_of_org[std::size_t(o)], v);
            }
          }
          for (int o : org_seen) reduced.push_back(best_of_org[std::size_t(o)]);
          // Only the best cap values can count: select them, then sort those.
          if (reduced.size() > std::size_t(cap)) {
            std::nth_element(reduced.begin(), reduced.begin() + cap, reduced.end(),
                             std::greater<>());
            reduced.resize(std::size_t(cap));
          }
          std::sort(reduced.begin(), reduced.end(), std::greater<>());
          double value = 0.0;
          for (int j = 0; j < cap && std::size_t(j) < reduced.size(); ++j) {
            const double gain = reduced[std::size_t(j)] + (j < bonus ? p.fairness_weight : 0.0);
            if (gain <= 0.0) break;
            value += gain;
          }
          best[std::size_t(s)] = value;
        }
      });
  // Summed in a fixed order, so the bound never depends on the thread count.
  double ub = p.pinned_value + lambda * table_capacity(p);
  for (Index i = 0; i < p.I; ++i)
    ub += double(p.cap_i[std::size_t(i)]) * std::max(0.0, investor_price[std::size_t(i)]);
  for (const double v : best) ub += v;
  return ub + 1e-10 * std::max(1.0, std::abs(ub));
}

}  // namespace festmatch::detail::scheduler
