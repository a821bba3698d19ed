// festmatch — scheduler internals: which pairs should meet (the slot-free relaxation).
//
// Problem: choose candidate pairs maximising Σ score + fairness_weight·Σ_s min(new_s, bonus_s)
// with each startup ≤ cap_s, each investor ≤ cap_i, one pair at most once and (option) one
// investor per organisation per startup. It is the schedule problem without its per-slot rules,
// so its optimum bounds the schedule's.
//
// Method: a min-cost flow (assignment/min_cost_flow.hpp, cost scaling). Network: source →
// startup (two arcs: `bonus_s` units at cost −fairness_weight, the rest at 0) →
// [startup×organisation node, capacity 1, when the organisation rule applies] → investor
// (capacity 1, cost −score) → sink (capacity cap_i), plus a zero-cost source → sink bypass so
// that flow only goes where it pays. Costs are integers (scores × 10^6, less on networks too
// large for that to stay exact). On large events the network starts from the problem's pruned
// working set (each side's best 2·cap + 4 pairs, detail/problem.hpp) and then prices the
// rest: pairs whose reduced profit is positive at the flow's prices are added and the flow
// re-solved (warm). The bound (detail/bound.hpp) covers every pair, so it is valid at any
// step and tight once no pair is left to add. The investors' prices feed that bound.
// select_pairs (below) is the whole stage: the table price, the pricing, the bound.
//
//   detail::scheduler::SelectionNetwork net(problem);   // every pair of problem.candidates
//   auto sel = net.select();                        // sel.chosen: candidate indices, ascending
//   while (net.add_violators(1e-6) > 0) sel = net.select();   // exact over every pair
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "festmatch/assignment/min_cost_flow.hpp"
#include "festmatch/scheduler/detail/bound.hpp"
#include "festmatch/scheduler/detail/problem.hpp"

namespace festmatch::detail::scheduler {

struct Selection {
  std::vector<std::size_t> chosen;     // candidate indices, ascending
  std::vector<double> investor_price;  // dual price of each investor's capacity (score units)
};

// Score units per integer cost unit at most (scores × 10^6); less on very large networks, where
// MinCostFlow's exact range ((n+1)² · 8 · |cost| < 2^62) demands it.
inline constexpr double max_flow_scale = 1e6;

// The relaxation as a network, built once and re-solved for each table price.
// `inperson_price` (λ ≥ 0) is subtracted from every in-person pair's score: the Lagrangian price
// of the event's total table capacity. A re-solve at another λ, or after add_violators, starts
// from the previous flow and prices (MinCostFlow's warm start).
class SelectionNetwork {
 public:
  // The network holds every pair of p.candidates; add_violators appends to them.
  explicit SelectionNetwork(Problem& p)
      : p_(p), not_in_network_(p.pair_bits), org_nodes_(std::size_t(p.S)), flow_(2 + p.S + p.I) {
    // The scale: nodes counted with room for the organisation nodes pricing may add.
    const double max_weight = std::max(1.0, p.max_abs_weight + p.fairness_weight);
    const double nodes =
        2.0 * (2.0 + double(p.S) + double(p.I) + double(p.candidates.size()) / 8.0);
    scale_ = std::min(max_flow_scale, MinCostFlow::exact_cost_range(nodes) / max_weight);
    const std::int64_t fw = std::llround(p.fairness_weight * scale_);
    std::int64_t supply = 0;
    for (Index s = 0; s < p.S; ++s) {
      const int b = p.bonus_s[std::size_t(s)], c = p.cap_s[std::size_t(s)];
      if (b > 0) flow_.add_arc(source, snode(s), b, -fw);
      if (c - b > 0) flow_.add_arc(source, snode(s), c - b, 0);
      supply += c;
    }
    // Startup × organisation nodes where a startup has several pairs of one organisation.
    std::map<std::pair<Index, int>, int> pairs_of_org;
    for (const auto& c : p.candidates)
      if (const int o = p.org_of[std::size_t(c.investor)]; o >= 0) ++pairs_of_org[{c.startup, o}];
    for (const auto& [key, count] : pairs_of_org)
      if (count >= 2) {
        const Index node = flow_.add_node();
        flow_.add_arc(snode(key.first), node, 1, 0);
        org_nodes_[std::size_t(key.first)].push_back({key.second, node});
      }
    for (std::size_t k = 0; k < p.candidates.size(); ++k) add_pair(k);
    for (Index i = 0; i < p.I; ++i)
      if (p.cap_i[std::size_t(i)] > 0) flow_.add_arc(inode(i), sink, p.cap_i[std::size_t(i)], 0);
    flow_.add_arc(source, sink, supply, 0);
    flow_.set_supply(source, supply);
    flow_.set_supply(sink, -supply);
  }

  // `tolerance` (score units, ≥ 0): stop at a flow within tolerance · nodes of the relaxation's
  // optimum (MinCostFlow::solve); the prices still give a valid bound. 0 = exact.
  Selection select(double inperson_price = 0.0, double tolerance = 0.0) {
    lambda_ = inperson_price;
    for (std::size_t k = 0; k < pair_arc_.size(); ++k) flow_.set_cost(pair_arc_[k], pair_cost(k));
    Selection sel;
    sel.investor_price.assign(std::size_t(p_.I), 0.0);
    if (const auto status = flow_.solve(tolerance * scale_); status != SolveStatus::optimal)
      throw std::logic_error(
          std::string("scheduler: the selection flow is ") + to_string(status) +
          " (a bug: the bypass arc makes it feasible, the scale keeps it exact)");
    for (std::size_t k = 0; k < pair_arc_.size(); ++k)
      if (flow_.flow(pair_arc_[k]) > 0) sel.chosen.push_back(k);
    // The dual of investor i's capacity: potential(sink) − potential(i), ≥ 0 (0 unless full).
    for (Index i = 0; i < p_.I; ++i) {
      const double v = double(flow_.potential(sink) - flow_.potential(inode(i))) / scale_;
      sel.investor_price[std::size_t(i)] = std::max(0.0, v);
    }
    return sel;
  }

  // Pricing (column generation): adds every candidate pair left out of the network whose
  // reduced profit at the last select()'s prices exceeds `margin` (score units) — the pairs that
  // would raise the relaxation, and that make the bound loose while they are missing — to
  // p.candidates and the network. Returns how many; 0 means the last solve is the relaxation
  // over ALL candidate pairs. Scans the pair bits not yet in the network, 64 startups at a
  // time, in parallel (`p.threads`); the pairs are added in startup, then investor order.
  std::size_t add_violators(double margin) {
    const double limit = -margin * scale_;
    const auto orgs = std::size_t(p_.n_orgs);
    std::vector<std::vector<Index>> found(std::size_t(p_.S));
    // scratch: the organisation node of (startup r of the block, organisation o) at r·orgs + o
    parallel_blocks<std::vector<Index>>(
        p_.blocks, p_.threads, [&](Index b, std::vector<Index>& org_node, int) {
          org_node.resize(64 * orgs, -1);
          const Index s0 = p_.block_startups(b).first, s1 = p_.block_startups(b).second;
          auto node_of = [&](Index s, int o) -> Index& {
            return org_node[std::size_t(s - s0) * orgs + std::size_t(o)];
          };
          // Per startup of the block, the least price its pairs leave from (its own or an
          // organisation node's), plus the margin, less a unit for rounding: a pair pays only
          // if its profit · scale exceeds that − price(investor), so most pairs are passed over
          // on one compare. `low[0]` for online pairs, `low[1]` for the startup's pairs with an
          // investor who is not online (in person unless the startup is online).
          double low[2][64];
          for (Index s = s0; s < s1; ++s) {
            double least = double(flow_.potential(snode(s)));
            for (const auto& [o, node] : org_nodes_[std::size_t(s)]) {
              node_of(s, o) = node;
              if (node >= 0) least = std::min(least, double(flow_.potential(node)));
            }
            low[0][s - s0] = least - limit - 1.0;
            low[1][s - s0] = low[0][s - s0] +
                             (p_.s_mode[std::size_t(s)] == Mode::online ? 0.0 : lambda_ * scale_);
          }
          for (Index i = 0; i < p_.I; ++i) {
            std::uint64_t word =
                not_in_network_[std::size_t(i) * std::size_t(p_.blocks) + std::size_t(b)];
            if (word == 0) continue;
            const double price_i = double(flow_.potential(inode(i)));
            const double* column = &(*p_.score)(0, i);
            const double* bar = low[p_.i_mode[std::size_t(i)] == Mode::online ? 0 : 1];
            const int o = p_.org_of[std::size_t(i)];
            for (; word != 0; word &= word - 1) {
              const auto r = Index(std::countr_zero(word));
              const Index s = s0 + r;
              const double w = column[s];
              if (w * scale_ <= bar[r] - price_i) continue;
              const Index node = o >= 0 ? node_of(s, o) : -1;
              const Index from = node >= 0 ? node : snode(s);
              const double profit = (w - (p_.online(s, i) ? 0.0 : lambda_)) * scale_;
              if (-profit + double(flow_.potential(from)) - price_i < limit)
                found[std::size_t(s)].push_back(i);
            }
          }
          for (Index s = s0; s < s1; ++s)
            for (const auto& [o, node] : org_nodes_[std::size_t(s)]) node_of(s, o) = -1;
        });
    std::size_t added = 0;
    for (Index s = 0; s < p_.S; ++s) {
      for (const Index i : found[std::size_t(s)]) {
        p_.candidates.push_back(p_.candidate(s, i));
        add_pair(p_.candidates.size() - 1);
      }
      added += found[std::size_t(s)].size();
    }
    return added;
  }

 private:
  static constexpr Index source = 0, sink = 1;
  static Index snode(Index s) { return 2 + s; }
  Index inode(Index i) const { return 2 + p_.S + i; }
  std::int64_t pair_cost(std::size_t k) const {
    const auto& c = p_.candidates[k];
    return -std::llround((c.weight - (c.online ? 0.0 : lambda_)) * scale_);
  }
  // The arc of candidate k: from its startup × organisation node when there is one, else from
  // the startup. A pair priced in later whose startup already has a direct pair of the same
  // organisation gets a new node of its own: the old pair stays outside it, a slight loosening
  // of the relaxation (the bound covers every pair by itself, so it stays valid).
  Index add_pair(std::size_t k) {
    const auto& c = p_.candidates[k];
    clear_bit(&not_in_network_[std::size_t(c.investor) * std::size_t(p_.blocks)],
              std::size_t(c.startup));
    Index from = snode(c.startup);
    if (const int o = p_.org_of[std::size_t(c.investor)]; o >= 0) {
      auto& mine = org_nodes_[std::size_t(c.startup)];
      auto it = std::find_if(mine.begin(), mine.end(), [&](const auto& x) { return x.first == o; });
      if (it == mine.end()) {
        mine.push_back({o, -1});  // the first pair of o: a direct arc
      } else {
        if (it->second < 0) {
          it->second = flow_.add_node();
          flow_.add_arc(snode(c.startup), it->second, 1, 0);
        }
        from = it->second;
      }
    }
    pair_arc_.push_back(flow_.add_arc(from, inode(c.investor), 1, pair_cost(k)));
    return pair_arc_.back();
  }

  Problem& p_;
  std::vector<std::uint64_t>
      not_in_network_;  // candidate pairs left out, laid out like p.pair_bits
  // Per startup: (organisation, its node; -1 while the startup has one direct pair of it).
  std::vector<std::vector<std::pair<int, Index>>> org_nodes_;
  MinCostFlow flow_;
  std::vector<Index> pair_arc_;
  double lambda_ = 0.0;
  double scale_ = max_flow_scale;
};

// The selection stage: the relaxation's pairs and a table price λ at which they fit the tables.
// When the working set's in-person pairs could exceed the tables, λ is found by bisection
// (`price_rounds` warm re-solves between λ = 0, which prices nothing, and the largest weight +
// fairness, at which no in-person pair pays) and the least λ known to fit is kept; λ = 0 itself
// is solved first only when it may fit, else only if every step fits (a cold solve of the
// largest flow saved when the tables bind). Small problems are solved exactly, and every solve's
// prices give a bound: the least is `bound`. On pruned problems the bisection runs at
// 300 × tolerance (its choices were the same as at 100 × on Slush, 15% faster); the pairs left out
// are priced in at that tolerance (`pricing_rounds`), the solve at the tolerance continues from
// there, and the pairs its finer prices show are priced in again, so that the relaxation is over
// every pair. No solve is exact then and `bound` stays ∞: the caller evaluates
// lagrangian_bound at the final prices (selection.investor_price, table_price), and maybe at one
// step up in λ (pruned_bound, below).
struct RelaxedSelection {
  Selection selection;
  double table_price = 0.0;
  double bound = std::numeric_limits<double>::infinity();
  // The prices at which `bound` was reached (the slot-aware bound starts from them).
  std::vector<double> bound_investor_price;
  double bound_table_price = 0.0;
  // Pruned problems whose final selection holds more in-person pairs than the tables by more
  // than `bound_step_excess`: the pairs priced in after the bisection pushed the demand up, and
  // the relaxation's optimal λ lies above table_price. The bound is then also evaluated at the
  // prices of a re-solve at this λ (half a bisection step up); negative: no step.
  double bound_step_price = -1.0;
  double tolerance = 0.0;  // the final solve's
};
inline constexpr double bound_step_excess = 0.02;

inline RelaxedSelection select_pairs(SelectionNetwork& network, Problem& p, double tolerance,
                                     int price_rounds, int pricing_rounds) {
  RelaxedSelection r;
  if (!p.pruned) tolerance = 0.0;  // small events: exact
  const double coarse = 300.0 * tolerance;
  const double capacity = table_capacity(p);
  auto inperson = [&](const Selection& x) {
    double n = 0;
    for (std::size_t k : x.chosen) n += p.candidates[k].online ? 0 : 1;
    return n;
  };
  auto solve_at = [&](double lambda, double t) {
    Selection x = network.select(lambda, t);
    if (t == 0.0)
      if (const double b = lagrangian_bound(p, x.investor_price, lambda); b < r.bound) {
        r.bound = b;
        r.bound_investor_price = x.investor_price;
        r.bound_table_price = lambda;
      }
    return x;
  };
  auto price_in = [&](double t) {  // pricing rounds at tolerance t; r.selection stays current
    for (int round = 0;
         p.pruned && round < pricing_rounds && network.add_violators(2 * t + 1e-6) > 0; ++round)
      r.selection = solve_at(r.table_price, t);
  };
  // λ = 0 is solved first only when the working set's in-person pairs could fit the tables;
  // otherwise (tables bind, the usual case on large events) it is solved only if every
  // bisection step fits, which saves a cold solve of the largest flow.
  const bool may_fit = inperson_demand(p) <= capacity;
  bool at_table_price = false;  // the network's last solve was at r.table_price
  if (may_fit) {
    r.selection = solve_at(0.0, coarse);
    at_table_price = inperson(r.selection) <= capacity;
  }
  if (!at_table_price) {
    double lo = 0.0, hi = p.max_abs_weight + p.fairness_weight;
    for (int round = 0; round < price_rounds; ++round) {
      const double mid = 0.5 * (lo + hi);
      Selection x = solve_at(mid, coarse);
      at_table_price = inperson(x) <= capacity;
      if (at_table_price) r.selection = std::move(x);
      (at_table_price ? hi : lo) = mid;
    }
    r.table_price = hi;
    if (!may_fit && lo == 0.0) {  // every step fitted: maybe λ = 0 does too
      Selection x = solve_at(0.0, coarse);
      at_table_price = inperson(x) <= capacity;
      if (at_table_price) {
        r.selection = std::move(x);
        r.table_price = 0.0;
      }
    }
    if (!at_table_price) r.selection = solve_at(r.table_price, coarse);
  }
  // The pairs left out are priced in at the coarse tolerance (warm, cheap), then the solve at
  // the tolerance continues from that flow, and a last round catches what its finer prices find.
  price_in(coarse);
  if (tolerance != coarse) r.selection = solve_at(r.table_price, tolerance);
  price_in(tolerance);
  r.tolerance = tolerance;
  if (p.pruned && inperson(r.selection) > (1.0 + bound_step_excess) * capacity)
    r.bound_step_price =
        r.table_price + std::ldexp(p.max_abs_weight + p.fairness_weight, -(price_rounds + 1));
  return r;
}

// The selection stage on a network of its own.
inline RelaxedSelection select_pairs(Problem& p, double tolerance, int price_rounds,
                                     int pricing_rounds) {
  SelectionNetwork network(p);
  return select_pairs(network, p, tolerance, price_rounds, pricing_rounds);
}

// A pruned problem's bound (its RelaxedSelection::bound is ∞): lagrangian_bound at the final
// prices and, when r.bound_step_price says so, at those of `network` (the one select_pairs solved,
// re-solved warm here) at that λ; the least. Reads p only, so it may run beside the search.
// Deterministic, and the same on any number of `threads` (lagrangian_bound's).
inline double pruned_bound(const Problem& p, SelectionNetwork& network, const RelaxedSelection& r,
                           int threads) {
  double ub = lagrangian_bound(p, r.selection.investor_price, r.table_price, threads);
  if (r.bound_step_price >= 0.0) {
    const Selection x = network.select(r.bound_step_price, r.tolerance);
    ub = std::min(ub, lagrangian_bound(p, x.investor_price, r.bound_step_price, threads));
  }
  return ub;
}

}  // namespace festmatch::detail::scheduler
