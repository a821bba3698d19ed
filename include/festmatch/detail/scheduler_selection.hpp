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
// that flow only goes where it pays. Costs are integers (scores × 10^6). On large events the
// network keeps each startup's best 2·cap_s + 4 and each investor's best 2·cap_i + 4 pairs
// (prune_candidates); the bound (scheduler_bound.hpp) still covers every pair, so pruning can
// only loosen the bound, never make it wrong. The investors' prices at the end feed that bound.
//
//   auto use = detail::sched::prune_candidates(problem, 2);
//   detail::sched::SelectionNetwork net(problem, use);
//   auto sel = net.select();   // sel.chosen: candidate indices, ascending
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <algorithm>
#include <vector>

#include "festmatch/assignment/min_cost_flow.hpp"
#include "festmatch/detail/scheduler_problem.hpp"

namespace festmatch::detail::sched {

struct Selection {
  std::vector<std::size_t> chosen;    // candidate indices, ascending
  std::vector<double> investor_price; // dual price of each investor's capacity (score units)
};

inline constexpr double flow_scale = 1e6;

// The relaxation as a network, built once and re-solved for each table price.
// `inperson_price` (λ ≥ 0) is subtracted from every in-person pair's score: the Lagrangian price
// of the event's total table capacity. A re-solve at another λ starts from the previous flow and
// prices (MinCostFlow's warm start).
class SelectionNetwork {
 public:
  SelectionNetwork(const Problem& p, const std::vector<std::size_t>& use) : p_(p), use_(use) {
    const Index S = p.S, I = p.I;
    flow_ = MinCostFlow(2 + S + I);
    const std::int64_t fw = std::llround(p.fairness_weight * flow_scale);
    std::int64_t supply = 0;
    for (Index s = 0; s < S; ++s) {
      const int b = p.bonus_s[std::size_t(s)], c = p.cap_s[std::size_t(s)];
      if (b > 0) flow_.add_arc(source, snode(s), b, -fw);
      if (c - b > 0) flow_.add_arc(source, snode(s), c - b, 0);
      supply += c;
    }
    std::map<std::pair<Index, int>, int> org_count;
    std::map<std::pair<Index, int>, Index> org_node;
    if (p.n_orgs > 0)
      for (std::size_t k : use) {
        const auto& c = p.candidates[k];
        const int o = p.org_of[std::size_t(c.investor)];
        if (o >= 0) ++org_count[{c.startup, o}];
      }
    pair_arc_.resize(use.size());
    for (std::size_t u = 0; u < use.size(); ++u) {
      const auto& c = p.candidates[use[u]];
      Index from = snode(c.startup);
      const int o = p.org_of[std::size_t(c.investor)];
      if (o >= 0 && org_count[{c.startup, o}] >= 2) {
        auto it = org_node.find({c.startup, o});
        if (it == org_node.end()) {
          const Index node = flow_.add_node();
          flow_.add_arc(snode(c.startup), node, 1, 0);
          it = org_node.emplace(std::pair{c.startup, o}, node).first;
        }
        from = it->second;
      }
      pair_arc_[u] = flow_.add_arc(from, inode(c.investor), 1, -std::llround(c.weight * flow_scale));
    }
    for (Index i = 0; i < I; ++i)
      if (p.cap_i[std::size_t(i)] > 0) flow_.add_arc(inode(i), sink, p.cap_i[std::size_t(i)], 0);
    flow_.add_arc(source, sink, supply, 0);
    flow_.set_supply(source, supply);
    flow_.set_supply(sink, -supply);
  }

  // `tolerance` (score units, ≥ 0): stop at a flow within tolerance · nodes of the relaxation's
  // optimum (MinCostFlow::solve); the prices still give a valid bound. 0 = exact.
  Selection select(double inperson_price = 0.0, double tolerance = 0.0) {
    for (std::size_t u = 0; u < use_.size(); ++u) {
      const auto& c = p_.candidates[use_[u]];
      const double w = c.weight - (c.online ? 0.0 : inperson_price);
      flow_.set_cost(pair_arc_[u], -std::llround(w * flow_scale));
    }
    Selection sel;
    sel.investor_price.assign(std::size_t(p_.I), 0.0);
    if (flow_.solve(tolerance * flow_scale) != SolveStatus::optimal) return sel;  // cannot happen: the bypass carries all
    for (std::size_t u = 0; u < use_.size(); ++u)
      if (flow_.flow(pair_arc_[u]) > 0) sel.chosen.push_back(use_[u]);
    // The dual of investor i's capacity: potential(sink) − potential(i), ≥ 0 (0 unless full).
    for (Index i = 0; i < p_.I; ++i) {
      const double v = double(flow_.potential(sink) - flow_.potential(inode(i))) / flow_scale;
      sel.investor_price[std::size_t(i)] = std::max(0.0, v);
    }
    return sel;
  }

 private:
  static constexpr Index source = 0, sink = 1;
  static Index snode(Index s) { return 2 + s; }
  Index inode(Index i) const { return 2 + p_.S + i; }

  const Problem& p_;
  const std::vector<std::size_t>& use_;
  MinCostFlow flow_;
  std::vector<Index> pair_arc_;
};

// Each startup's best factor·cap_s + 4 and each investor's best factor·cap_i + 4 candidates
// (ties by index), ascending indices.
inline std::vector<std::size_t> prune_candidates(const Problem& p, int factor) {
  std::vector<char> keep(p.candidates.size(), 0);
  auto better = [&](std::size_t a, std::size_t b) {
    const double x = p.candidates[a].weight, y = p.candidates[b].weight;
    return x > y || (x == y && a < b);
  };
  std::vector<std::size_t> idx;
  for (Index s = 0; s < p.S; ++s) {
    idx.clear();
    for (std::size_t k = p.cand_begin[std::size_t(s)]; k < p.cand_begin[std::size_t(s) + 1]; ++k)
      idx.push_back(k);
    const std::size_t K = std::min(idx.size(), std::size_t(factor * p.cap_s[std::size_t(s)] + 4));
    std::nth_element(idx.begin(), idx.begin() + std::ptrdiff_t(K), idx.end(), better);
    for (std::size_t j = 0; j < K; ++j) keep[idx[j]] = 1;
  }
  std::vector<std::vector<std::size_t>> by_investor(std::size_t(p.I));
  for (std::size_t k = 0; k < p.candidates.size(); ++k)
    by_investor[std::size_t(p.candidates[k].investor)].push_back(k);
  for (Index i = 0; i < p.I; ++i) {
    auto& v = by_investor[std::size_t(i)];
    const std::size_t K = std::min(v.size(), std::size_t(factor * p.cap_i[std::size_t(i)] + 4));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(K), v.end(), better);
    for (std::size_t j = 0; j < K; ++j) keep[v[j]] = 1;
  }
  std::vector<std::size_t> use;
  for (std::size_t k = 0; k < keep.size(); ++k)
    if (keep[k]) use.push_back(k);
  return use;
}

}  // namespace festmatch::detail::sched
