// festmatch — scheduler internals: a slot-aware upper bound (the time-indexed relaxation).
//
// Problem. bound.hpp's bound drops every per-slot rule; where slots have few, differing tables
// it is 1.5–2.4 % above the optimum. The LP relaxation of the time-indexed model is far tighter:
// x_sit ∈ [0, 1] for each candidate pair (s, i) and each slot t in its common slots (both free
// after the pins, a table possible for an in-person pair: Problem::common_slots), maximising
//   pinned value + Σ w_si·x_sit + fw·Σ_s y_s
// subject to: each participant in at most one meeting per slot; in-person meetings in slot t at
// most K_t = tables_t − pinned_inperson_t (the slot's tables less those pins and held tables
// take); Σ_t Σ_{i∈g} x_sit ≤ 1 for each startup s and group g (g an organisation when the rule
// is on, else one investor: "a pair meets at most once" and the organisation rule at once);
// n_s = Σ x_s·· ≤ cap_s, n_i ≤ cap_i; y_s ≤ n_s, y_s ≤ bonus_s (the fairness term
// fw·min(n_s, bonus_s), bonus_s the meetings still earning it: Problem::bonus_s).
//
// Method: Lagrangian relaxation (Fisher, "The Lagrangian relaxation method for solving integer
// programming problems", Management Science 1981). Multipliers μ_sg ≥ 0 on the groups, v_i ≥ 0
// on the investors' caps, θ_t ≥ 0 on the slots' tables, and one startup price u_s ≥ −fw for
// both the startup's cap and its fairness link. With the reduced weight
//   c_sit = w_si − u_s − v_i − μ_s,g(i) − θ_t·[in person]
// the dual function is
//   UB(u, v, μ, θ) = pinned value + Σ_s h_s(u_s) + Σ_i cap_i·v_i + Σ_sg μ_sg + Σ_t θ_t·K_t
//                    + Σ_t M_t,   h_s(u) = bonus_s·(fw + min(u, 0)) + cap_s·max(u, 0),
// M_t the maximum weight of a matching of slot t's pairs under c_·t (each participant once).
// Validity for ANY multipliers in range. Take a schedule; its new meetings x (pins excluded)
// are a matching in each slot with at most K_t in person, n_s ≤ cap_s, n_i ≤ cap_i, at most
// one per group. Its objective is pinned value + Σ w·x + fw·Σ_s min(n_s, bonus_s), and
//   fw·min(n, b) ≤ h(u) − u·n   for 0 ≤ n ≤ cap, u ≥ −fw:
//     u ≥ 0:       h − u·n = u·(cap − n) + b·fw ≥ fw·min(n, b);
//     −fw ≤ u < 0: h − u·n = b·fw − |u|·(b − n), which is b·fw ≥ fw·b when n ≥ b, and
//                  ≥ b·fw − fw·(b − n) = fw·n when n < b.
// Adding v_i·(cap_i − n_i) ≥ 0, μ_sg·(1 − n_sg) ≥ 0 and θ_t·(K_t − inperson_t) ≥ 0 to
// Σ w·x gives Σ_t Σ_(s,i) c_sit·x_sit plus the constants, and each slot's sum is at most M_t
// (x restricted to slot t is a matching). So UB ≥ the schedule's objective, for every schedule.
// Overlapping slots: a participant in one meeting per instant, and tables held across an
// instant, are stronger rules than the per-slot ones kept here; relaxing them keeps the bound
// valid. Fixed tables and investors sharing them are relaxed too.
// Since bipartite matching is integral, the best multipliers give the LP relaxation's value.
//
// Multipliers: warm-started from bound.hpp's prices (v from the selection's flow, θ_t = λ),
// with u_s, μ_sg the per-startup duals that make this UB equal that bound (without overlapping
// slots: every reduced weight ≤ 0, all M_t = 0); then projected subgradient steps with the
// Held–Karp rule, step β·(UB − objective)/‖d‖² toward the schedule's objective, β = 0.5 at the
// start and halved after `patience` steps without a better bound (iterations/32 when more, up
// to 4·patience). Subgradient g: cap_i − n_i, 1 − n_sg, K_t − in-person meetings of slot t,
// ∂h_s(u_s) − n_s; the direction d deflects it toward the previous one (Camerini, Fratta and
// Maffioli 1975); components that the projection would hold at their lower bound are left
// out. Slots are solved on `threads` threads and summed in slot order, so the bound never
// depends on the thread count. Evaluated in double; a relative 1e-10 is added for rounding, as
// bound.hpp does.
//
// When it runs (slot_bound_pays): the problem is not pruned (every candidate pair is in the
// working set, so the slot matchings see every pair), the schedule is more than `min_gap`
// (10⁻⁶) below bound.hpp's bound (else nothing is left to prove), and one pass over every
// (pair, slot) fits `max_work` (10⁷ entries). The iterations stop at `max_iterations` (300) or
// max_work / entries, at a bound within `min_gap` of the objective, or when β falls below
// `min_step`. Never on Web Summit or Slush (pruned); not on Techfest (its schedule meets the
// bound). On the tight-tables benchmarks (bench/tight_tables.hpp, n × n, 10 slots of 1 to n
// tables) it is within 0.12 % of GLPK's optimum at n = 30 and 0.002 % at n = 60 (today's bound:
// 1.2 % and 3.1 %), within 0.05 % of the LP value at n = 100 and 150 (today's: 2.0 % and
// 3.6 % above it), for 60–380 ms on one thread. The slots' matchings at the best multipliers
// (best_matchings) seed solve.hpp's Lagrangian heuristic, a second schedule kept when better.
//
// Complexity. Per iteration, per slot: a scan of its P_t (pair, slot) entries and a dense
// assignment on the participants with a positive reduced weight, O(r_t²·c_t) worst case
// (linear_assignment.hpp); so O(iterations · Σ_t (P_t + r_t²·c_t)). Memory O(Σ_t P_t).
//
//   if (slot_bound_pays(problem, old_bound, objective, {}))
//     ub = std::min(old_bound, SlotBound(problem).bound(relaxed.bound_investor_price,
//                                                         relaxed.bound_table_price, objective,
//                                                         {}));
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "festmatch/assignment/linear_assignment.hpp"
#include "festmatch/scheduler/detail/problem.hpp"
#include "festmatch/util/detail/parallel.hpp"

namespace festmatch::detail::scheduler {

struct SlotBoundSettings {
  int max_iterations = 300;
  double initial_step = 0.5;  // β at the start
  int patience = 8;           // steps without a better bound before β halves (more: see bound())
  double min_step = 1e-4;     // stop when β falls below it
  double deflection = 1.5;    // of the previous direction (0: plain subgradient steps)
  double min_gap = 1e-6;      // relative gap to the objective that is good enough
  double max_work = 1e7;      // (pair, slot) entries × iterations at most
  int threads = 1;
};

// The time-indexed relaxation of a problem without pruning (every pair in p.candidates): the
// pairs' groups, each slot's pairs and tables; bound() runs the subgradient method on it.
class SlotBound {
 public:
  explicit SlotBound(const Problem& p) : p_(p) {
    const std::size_t n = p.candidates.size();
    group_.resize(n);
    // Groups per startup: its organisations (rule on) or single investors; the candidates are
    // sorted by startup, so each startup's groups are numbered in one run.
    std::vector<int> org_group(std::size_t(std::max(p.n_orgs, 0)), -1);
    std::vector<std::size_t> run_orgs;
    first_group_.assign(std::size_t(p.S) + 1, 0);
    for (std::size_t k = 0; k < n; ++k) {
      const Candidate& c = p.candidates[k];
      if (k > 0 && p.candidates[k - 1].startup != c.startup) {
        for (const std::size_t o : run_orgs) org_group[o] = -1;
        run_orgs.clear();
      }
      const int o = p.org_of[std::size_t(c.investor)];
      if (o < 0) {
        group_[k] = groups_++;
      } else {
        if (org_group[std::size_t(o)] < 0) {
          org_group[std::size_t(o)] = groups_++;
          run_orgs.push_back(std::size_t(o));
        }
        group_[k] = org_group[std::size_t(o)];
      }
      first_group_[std::size_t(c.startup) + 1] = groups_;
    }
    for (std::size_t s = 0; s < std::size_t(p.S); ++s)  // startups without pairs: no groups
      first_group_[s + 1] = std::max(first_group_[s + 1], first_group_[s]);
    // Each slot's (pair, slot) entries, pairs ascending.
    const auto T = std::size_t(p.T);
    first_.assign(T + 1, 0);
    std::vector<std::uint64_t> mask(std::size_t(p.W));
    auto for_slots = [&](std::size_t k, auto&& f) {
      const Candidate& c = p.candidates[k];
      p.common_slots(c.startup, c.investor, c.online, mask.data());
      for (std::size_t t = 0; t < T; ++t)
        if (test_bit(mask.data(), t)) f(t);
    };
    for (std::size_t k = 0; k < n; ++k) for_slots(k, [&](std::size_t t) { ++first_[t + 1]; });
    for (std::size_t t = 0; t < T; ++t) first_[t + 1] += first_[t];
    entries_.resize(first_[T]);
    std::vector<std::size_t> next(first_.begin(), first_.end() - 1);
    for (std::size_t k = 0; k < n; ++k)
      for_slots(k, [&](std::size_t t) { entries_[next[t]++] = k; });
    tables_.resize(T);
    for (std::size_t t = 0; t < T; ++t)
      tables_[t] = std::max(0, p.slot_tables[t] - p.pinned_inperson[t]);
  }

  // (pair, slot) entries: the work of one pass; the passes of the last bound().
  std::size_t entries() const { return entries_.size(); }
  int passes() const { return passes_; }

  // The slots' matchings at the best multipliers of the last bound(): (candidate, slot), slot
  // by slot. They break the dualised rules (a pair in several slots, caps), but show which pairs
  // the per-slot rules favour: the Lagrangian heuristic's start (solve.hpp).
  const std::vector<std::pair<std::size_t, Index>>& best_matchings() const {
    return best_matchings_;
  }

  // The best dual value found from the warm start (investor prices of the selection, its table
  // price λ), stepping toward `objective` (a schedule's). Valid for any inputs.
  double bound(const std::vector<double>& investor_price, double table_price, double objective,
               const SlotBoundSettings& settings) {
    warm_start(investor_price, table_price);
    d_.clear();
    double best = std::numeric_limits<double>::infinity();
    double beta = settings.initial_step;
    int since_better = 0;
    const double work = std::max(1.0, double(entries_.size()));
    const int iterations =
        std::min(settings.max_iterations, std::max(1, int(settings.max_work / work)));
    // More patience where more steps are allowed (small events), never less than the setting.
    const int patience = std::clamp(iterations / 32, settings.patience, 4 * settings.patience);
    passes_ = 0;
    for (int it = 0; it < iterations; ++it) {
      const double ub = evaluate(settings.threads);
      ++passes_;
      if (ub < best) {
        best = ub;
        since_better = 0;
        best_matchings_.clear();
        for (std::size_t t = 0; t < chosen_.size(); ++t)
          for (const std::size_t k : chosen_[t]) best_matchings_.push_back({k, Index(t)});
      } else if (++since_better >= patience) {
        beta /= 2.0;
        since_better = 0;
        if (beta < settings.min_step) break;
      }
      if (best - objective <= settings.min_gap * std::abs(best) || it + 1 == iterations) break;
      const double norm = direction(settings.deflection);
      if (norm <= 0.0) break;  // 0 is a subgradient: these multipliers are optimal
      step(beta * (ub - objective) / norm);
    }
    return best + 1e-10 * std::max(1.0, std::abs(best));
  }

 private:
  // One evaluation of the dual function at the current multipliers, recording each slot's
  // matching for the subgradient. Slots in parallel, summed in slot order.
  double evaluate(int threads) {
    const Problem& p = p_;
    const auto T = std::size_t(p.T);
    chosen_.resize(T);
    value_.assign(T, 0.0);
    struct Scratch {
      std::vector<int> row_of, col_of;  // participant -> its row / column in the slot, -1 none
      std::vector<Index> rows, cols;
      std::vector<std::size_t> edges;
      RowMajorMatrix weight;
    };
    parallel_blocks<Scratch>(Index(T), threads, [&](Index tt, Scratch& x, int) {
      const auto t = std::size_t(tt);
      if (x.row_of.empty()) {
        x.row_of.assign(std::size_t(p.S), -1);
        x.col_of.assign(std::size_t(p.I), -1);
      }
      x.rows.clear();
      x.cols.clear();
      x.edges.clear();
      chosen_[t].clear();
      for (std::size_t e = first_[t]; e < first_[t + 1]; ++e) {
        const std::size_t k = entries_[e];
        if (reduced(k, t) <= 0.0) continue;
        const Candidate& c = p_.candidates[k];
        if (x.row_of[std::size_t(c.startup)] < 0) {
          x.row_of[std::size_t(c.startup)] = int(x.rows.size());
          x.rows.push_back(c.startup);
        }
        if (x.col_of[std::size_t(c.investor)] < 0) {
          x.col_of[std::size_t(c.investor)] = int(x.cols.size());
          x.cols.push_back(c.investor);
        }
        x.edges.push_back(k);
      }
      if (!x.edges.empty()) {
        // Maximum-weight matching as a maximum assignment: a 0 entry (no pair, or one that does
        // not pay) stands for "unmatched".
        x.weight.setZero(Index(x.rows.size()), Index(x.cols.size()));
        for (const std::size_t k : x.edges) {
          const Candidate& c = p_.candidates[k];
          x.weight(x.row_of[std::size_t(c.startup)], x.col_of[std::size_t(c.investor)]) =
              reduced(k, t);
        }
        const LinearAssignmentResult a = linear_sum_assignment(x.weight, Sense::maximize);
        for (const std::size_t k : x.edges) {
          const Candidate& c = p_.candidates[k];
          if (a.row_to_col[std::size_t(x.row_of[std::size_t(c.startup)])] ==
              x.col_of[std::size_t(c.investor)]) {
            chosen_[t].push_back(k);
            value_[t] += reduced(k, t);
          }
        }
      }
      for (const Index s : x.rows) x.row_of[std::size_t(s)] = -1;
      for (const Index i : x.cols) x.col_of[std::size_t(i)] = -1;
    });
    // The constants and the slots' values, in a fixed order; the meetings counted.
    n_s_.assign(std::size_t(p.S), 0);
    n_i_.assign(std::size_t(p.I), 0);
    n_g_.assign(std::size_t(groups_), 0);
    inperson_.assign(T, 0);
    double ub = p.pinned_value;
    for (Index s = 0; s < p.S; ++s) ub += h(s, pi_[std::size_t(s)]);
    for (Index i = 0; i < p.I; ++i)
      ub += double(p.cap_i[std::size_t(i)]) * pi_[v_at_ + std::size_t(i)];
    for (std::size_t g = 0; g < std::size_t(groups_); ++g) ub += pi_[mu_at_ + g];
    for (std::size_t t = 0; t < T; ++t) {
      ub += pi_[theta_at_ + t] * double(tables_[t]) + value_[t];
      for (const std::size_t k : chosen_[t]) {
        const Candidate& c = p.candidates[k];
        ++n_s_[std::size_t(c.startup)];
        ++n_i_[std::size_t(c.investor)];
        ++n_g_[std::size_t(group_[k])];
        if (!c.online) ++inperson_[t];
      }
    }
    return ub;
  }

  double reduced(std::size_t k, std::size_t t) const {
    const Candidate& c = p_.candidates[k];
    return c.weight - pi_[std::size_t(c.startup)] - pi_[v_at_ + std::size_t(c.investor)] -
           pi_[mu_at_ + std::size_t(group_[k])] - (c.online ? 0.0 : pi_[theta_at_ + t]);
  }

  // h_s(u) = bonus_s·(fw + min(u, 0)) + cap_s·max(u, 0), for u ≥ −fw.
  double h(Index s, double u) const {
    const double bonus = p_.bonus_s[std::size_t(s)], cap = p_.cap_s[std::size_t(s)];
    return bonus * (p_.fairness_weight + std::min(u, 0.0)) + cap * std::max(u, 0.0);
  }

  // bound.hpp's prices, and for each startup the u_s and μ_sg that minimise
  //   h_s(u) + Σ_g max(0, r_g − u),  r_g = max over the group's pairs of w − v_i − λ·[in person],
  // which is that startup's best bundle there (LP duality of its cap and fairness).
  void warm_start(const std::vector<double>& investor_price, double table_price) {
    const Problem& p = p_;
    const double lambda = std::max(0.0, table_price);
    v_at_ = std::size_t(p.S);
    mu_at_ = v_at_ + std::size_t(p.I);
    theta_at_ = mu_at_ + std::size_t(groups_);
    pi_.assign(theta_at_ + std::size_t(p.T), 0.0);
    lowest_.assign(pi_.size(), 0.0);
    std::fill(lowest_.begin(), lowest_.begin() + std::ptrdiff_t(v_at_), -p.fairness_weight);
    for (Index i = 0; i < p.I; ++i)
      if (std::size_t(i) < investor_price.size())
        pi_[v_at_ + std::size_t(i)] = std::max(0.0, investor_price[std::size_t(i)]);
    std::fill(pi_.begin() + std::ptrdiff_t(theta_at_), pi_.end(), lambda);
    std::vector<double> best(std::size_t(groups_), -std::numeric_limits<double>::infinity());
    for (std::size_t k = 0; k < p.candidates.size(); ++k) {
      const Candidate& c = p.candidates[k];
      const double r = c.weight - pi_[v_at_ + std::size_t(c.investor)] - (c.online ? 0.0 : lambda);
      best[std::size_t(group_[k])] = std::max(best[std::size_t(group_[k])], r);
    }
    std::vector<double> values;
    auto finish = [&](Index s, int g0, int g1) {
      values.assign(best.begin() + g0, best.begin() + g1);
      std::sort(values.begin(), values.end(), std::greater<>());
      auto total = [&](double u) {
        double f = h(s, u);
        for (const double r : values) f += std::max(0.0, r - u);
        return f;
      };
      // The minimum of a convex piecewise-linear function: where its slope turns ≥ 0, at the
      // (cap+1)-th largest value when that is > 0, else at the (bonus+1)-th clipped to [−fw, 0].
      auto nth = [&](int j) {
        return std::size_t(j) < values.size() ? values[std::size_t(j)] : -1e300;
      };
      const double fw = p.fairness_weight;
      const double above = std::max(0.0, nth(p.cap_s[std::size_t(s)]));
      const double below = std::clamp(nth(p.bonus_s[std::size_t(s)]), -fw, 0.0);
      const double u = total(above) <= total(below) ? above : below;
      pi_[std::size_t(s)] = u;
      for (int g = g0; g < g1; ++g)
        pi_[mu_at_ + std::size_t(g)] = std::max(0.0, best[std::size_t(g)] - u);
    };
    for (Index s = 0; s < p.S; ++s)  // startups without pairs too: u_s = −fw, h_s = 0
      finish(s, first_group_[std::size_t(s)], first_group_[std::size_t(s) + 1]);
  }

  // The direction of the next step from the last evaluate(): the subgradient g (cap_i − n_i,
  // 1 − n_sg, K_t − in-person meetings, ∂h_s(u_s) − n_s), deflected toward the previous
  // direction d when they point apart (Camerini, Fratta and Maffioli 1975: d = g + γ·d with
  // γ = deflection·max(0, −g·d)/‖d‖², which damps the zigzag); components that the projection
  // would stop at their lower bound are left out. Returns ‖d‖².
  double direction(double deflection) {
    const Problem& p = p_;
    g_.resize(pi_.size());
    for (Index s = 0; s < p.S; ++s) {
      const auto j = std::size_t(s);
      const double n = n_s_[j], bonus = p.bonus_s[j], cap = p.cap_s[j], u = pi_[j];
      // ∂h at u: bonus below 0, cap above; at the kink the element nearest n.
      const double dh = u < 0.0 ? bonus : u > 0.0 ? cap : std::clamp(n, bonus, cap);
      g_[j] = dh - n;
    }
    for (Index i = 0; i < p.I; ++i)
      g_[v_at_ + std::size_t(i)] = double(p.cap_i[std::size_t(i)]) - n_i_[std::size_t(i)];
    for (std::size_t g = 0; g < std::size_t(groups_); ++g) g_[mu_at_ + g] = 1.0 - n_g_[g];
    for (std::size_t t = 0; t < tables_.size(); ++t)
      g_[theta_at_ + t] = double(tables_[t]) - inperson_[t];
    auto held = [&](std::size_t j, double x) { return pi_[j] <= lowest_[j] && x > 0.0; };
    double dot = 0.0, before = 0.0;
    for (std::size_t j = 0; j < g_.size(); ++j) {
      if (held(j, g_[j])) g_[j] = 0.0;
      if (!d_.empty()) {
        dot += g_[j] * d_[j];
        before += d_[j] * d_[j];
      }
    }
    const double gamma = dot < 0.0 && before > 0.0 ? -deflection * dot / before : 0.0;
    d_.resize(g_.size(), 0.0);
    double norm = 0.0;
    for (std::size_t j = 0; j < g_.size(); ++j) {
      d_[j] = g_[j] + gamma * d_[j];
      if (held(j, d_[j])) d_[j] = 0.0;
      norm += d_[j] * d_[j];
    }
    return norm;
  }

  // Multipliers −= size·d, projected onto their ranges.
  void step(double size) {
    for (std::size_t j = 0; j < pi_.size(); ++j)
      pi_[j] = std::max(lowest_[j], pi_[j] - size * d_[j]);
  }

  const Problem& p_;
  std::vector<int> group_;  // per candidate: its (startup, group) multiplier
  int groups_ = 0;
  std::vector<int> first_group_;  // startup s's groups: [first_group_[s], first_group_[s + 1])
  std::vector<std::size_t> first_, entries_;  // slot t's pairs: entries_[first_[t], first_[t+1])
  std::vector<int> tables_;                   // K_t
  // The multipliers u (S), v (I), μ (groups), θ (T) one after another, from v_at_, mu_at_,
  // theta_at_; their lower bounds; the last subgradient and step direction.
  std::vector<double> pi_, lowest_, g_, d_;
  std::size_t v_at_ = 0, mu_at_ = 0, theta_at_ = 0;
  std::vector<std::vector<std::size_t>> chosen_;  // per slot: the matching's pairs
  std::vector<std::pair<std::size_t, Index>> best_matchings_;
  std::vector<double> value_;  // per slot: M_t
  int passes_ = 0;
  std::vector<double> n_s_, n_i_, n_g_, inperson_;
};

// Whether the slot-aware bound is worth computing (the rule in the opening comment), before
// building it: one pass over every (pair, slot) is at most pair_count · T entries.
inline bool slot_bound_pays(const Problem& p, double bound, double objective,
                            const SlotBoundSettings& settings) {
  return !p.pruned && p.pair_count > 0 && bound - objective > settings.min_gap * std::abs(bound) &&
         double(p.pair_count) * double(p.T) <= settings.max_work;
}

}  // namespace festmatch::detail::scheduler
