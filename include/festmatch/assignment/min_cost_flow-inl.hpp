// festmatch — the definitions of festmatch/assignment/min_cost_flow.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

#include "festmatch/assignment/min_cost_flow.hpp"
#include "festmatch/error.hpp"

namespace festmatch {

FESTMATCH_FUNC SolveStatus MinCostFlow::solve(double tolerance) {
  phases_ = 0;
  status_ = run(tolerance);
  if (status_ != SolveStatus::optimal) {
    built_ = false;  // flow() reports zero until a successful solve
    rcap_.clear();
  }
  return status_;
}

FESTMATCH_FUNC SolveStatus MinCostFlow::run(double tolerance) {
  const auto n = static_cast<std::size_t>(node_count());
  __int128 balance = 0, total_supply = 0;
  for (auto b : supply_) {
    balance += b;
    if (b > 0) total_supply += b;
  }
  if (balance != 0 || total_supply >= (static_cast<__int128>(1) << 61))
    return SolveStatus::bad_input;
  std::int64_t max_cost = 0;
  for (auto c : cost_) {
    if (c == std::numeric_limits<std::int64_t>::min()) return SolveStatus::bad_input;
    max_cost = std::max(max_cost, c < 0 ? -c : c);
  }
  const __int128 scale = static_cast<__int128>(n) + 1;
  if (static_cast<__int128>(max_cost) * scale * scale * 8 >= (static_cast<__int128>(1) << 62)) {
    return SolveStatus::bad_input;
  }
  if (!built_) {
    if (!feasible()) return SolveStatus::infeasible;
    build({}, {}, 1);
  } else if (grown_) {  // new nodes and arcs (zero supply) keep a flow feasible
    std::vector<std::int64_t> flows(pos_.size());
    for (std::size_t a = 0; a < pos_.size(); ++a) flows[a] = cap_[a] - rcap_[pos_[a]];
    build(std::move(flows), std::move(price_), scale_);
  }
  grown_ = false;
  const auto k = static_cast<std::int64_t>(scale);
  const auto stop =
      static_cast<std::int64_t>(std::clamp(tolerance * static_cast<double>(k), 1.0, 9.0e18));
  std::size_t violations = 0;
  std::int64_t eps = scale_costs(k, stop, violations);
  // Warm starts: a few violated arcs (kWarmViolations), or violations everywhere but within
  // kWarmRepair final ε (a small change of many costs), are repaired at the final ε directly
  // (price updates move prices far in one step; on the scheduler's table-price steps this is
  // 2-3x faster than scaling down to it); larger violations that still save a phase (a looser
  // tolerance before, new arcs) continue the scaling from the largest; changes as large as
  // the costs make the old prices worth little: start cold, at the largest scaled cost.
  const bool warm =
      std::all_of(excess_.begin(), excess_.end(), [](std::int64_t x) { return x == 0; });
  const std::int64_t cold_eps = std::max<std::int64_t>(max_cost * k, 1);
  if (warm && (violations <= kWarmViolations || eps <= kWarmRepair * stop)) {
    eps = std::min(eps, stop * kAlpha);
  } else if (warm && eps <= cold_eps / kAlpha) {
    // continue from eps
  } else {
    if (warm) {
      build({}, {}, 1);
      scale_costs(k, stop, violations);
    }
    eps = cold_eps;
  }
  // Stop at ε = stop scaled units: reduced costs >= -stop / (n+1) = -tolerance.
  do {
    eps = std::max<std::int64_t>(stop, eps / kAlpha);
    ++phases_;
    refine(eps);
  } while (eps > stop);
  if (stop > 1) {
    pi_.resize(n);
    for (std::size_t v = 0; v < n; ++v) pi_[v] = floor_div(price_[v], k);
  } else {
    exact_potentials();
  }
  return SolveStatus::optimal;
}

FESTMATCH_FUNC std::int64_t MinCostFlow::scale_costs(std::int64_t k, std::int64_t stop,
                                                     std::size_t& violations) {
  std::int64_t worst_all = 0;
  violations = 0;
  for (std::size_t a = 0; a < tail_.size(); ++a) {
    const std::size_t f = pos_[a], b = rev_[f];
    c_[f] = cost_[a] * k;
    c_[b] = -c_[f];
    const auto u = static_cast<std::size_t>(tail_[a]), v = static_cast<std::size_t>(head_[a]);
    const std::int64_t rc = c_[f] + price_[u] - price_[v];
    const std::int64_t worst = std::max(rcap_[f] > 0 ? -rc : 0, rcap_[b] > 0 ? rc : 0);
    worst_all = std::max(worst_all, worst);
    violations += worst > stop ? 1 : 0;
  }
  return worst_all;
}

FESTMATCH_FUNC bool MinCostFlow::feasible() const {
  std::vector<std::int64_t> left = supply_;
  for (std::size_t a = 0; a < tail_.size(); ++a) {
    auto& from = left[static_cast<std::size_t>(tail_[a])];
    auto& to = left[static_cast<std::size_t>(head_[a])];
    const std::int64_t d = std::min({from, -to, cap_[a]});
    if (d > 0 && tail_[a] != head_[a]) {
      from -= d;
      to += d;
    }
  }
  if (std::all_of(left.begin(), left.end(), [](std::int64_t x) { return x == 0; })) return true;
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using Graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, std::int64_t,
          boost::property<boost::edge_residual_capacity_t, std::int64_t,
                          boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
  const auto n = static_cast<std::size_t>(node_count());
  Graph g(n + 2);
  auto capacity = boost::get(boost::edge_capacity, g);
  auto reverse = boost::get(boost::edge_reverse, g);
  auto link = [&](std::size_t u, std::size_t v, std::int64_t c) {
    const auto e = boost::add_edge(u, v, g).first, r = boost::add_edge(v, u, g).first;
    capacity[e] = c;
    capacity[r] = 0;
    reverse[e] = r;
    reverse[r] = e;
  };
  const std::size_t source = n, sink = n + 1;
  std::int64_t demand = 0;
  for (std::size_t v = 0; v < n; ++v) {
    if (supply_[v] > 0) {
      link(source, v, supply_[v]);
      demand += supply_[v];
    } else if (supply_[v] < 0) {
      link(v, sink, -supply_[v]);
    }
  }
  if (demand == 0) return true;
  for (std::size_t a = 0; a < tail_.size(); ++a) {
    if (cap_[a] > 0 && tail_[a] != head_[a]) {
      link(static_cast<std::size_t>(tail_[a]), static_cast<std::size_t>(head_[a]),
           std::min(cap_[a], demand));
    }
  }
  return boost::push_relabel_max_flow(g, source, sink) == demand;
}

FESTMATCH_FUNC void MinCostFlow::build(std::vector<std::int64_t> flows,
                                       std::vector<std::int64_t> prices, std::int64_t old_scale) {
  const auto n = static_cast<std::size_t>(node_count());
  const std::size_t m = tail_.size();
  first_.assign(n + 1, 0);
  for (std::size_t a = 0; a < m; ++a) {
    ++first_[static_cast<std::size_t>(tail_[a]) + 1];
    ++first_[static_cast<std::size_t>(head_[a]) + 1];
  }
  for (std::size_t v = 0; v < n; ++v) first_[v + 1] += first_[v];
  std::vector<std::size_t> fill(first_.begin(), first_.end() - 1);
  to_.assign(2 * m, 0);
  rcap_.assign(2 * m, 0);
  c_.assign(2 * m, 0);
  rev_.assign(2 * m, 0);
  pair_cap_.assign(2 * m, 0);
  pos_.assign(m, 0);
  for (std::size_t a = 0; a < m; ++a) {
    const std::size_t f = fill[static_cast<std::size_t>(tail_[a])]++;
    const std::size_t b = fill[static_cast<std::size_t>(head_[a])]++;
    to_[f] = head_[a];
    to_[b] = tail_[a];
    const std::int64_t flow = a < flows.size() ? flows[a] : 0;
    rcap_[f] = cap_[a] - flow;
    rcap_[b] = flow;
    rev_[f] = b;
    rev_[b] = f;
    pair_cap_[f] = pair_cap_[b] = cap_[a];
    pos_[a] = f;
  }
  if (flows.empty()) excess_ = supply_;
  excess_.resize(n, 0);
  scale_ = static_cast<std::int64_t>(n) + 1;
  price_.assign(n, 0);
  for (std::size_t v = 0; v < prices.size(); ++v) {
    price_[v] = static_cast<std::int64_t>(static_cast<__int128>(prices[v]) * scale_ / old_scale);
  }
  // A node added since (no flow yet) gets the least price its new in-arcs from older nodes
  // allow, so that they are not violated; otherwise its 0 would violate its arcs by the
  // whole range of prices and force a cold restart.
  std::vector<char> priced(n - std::min(n, prices.size()), 0);
  for (std::size_t a = 0; a < m && !priced.empty(); ++a) {
    const auto u = static_cast<std::size_t>(tail_[a]), v = static_cast<std::size_t>(head_[a]);
    if (u >= prices.size() || v < prices.size()) continue;
    const std::int64_t p = price_[u] + cost_[a] * scale_;
    if (!priced[v - prices.size()] || p < price_[v]) price_[v] = p;
    priced[v - prices.size()] = 1;
  }
  built_ = true;
}

FESTMATCH_FUNC void MinCostFlow::refine(std::int64_t eps) {
  const auto n = static_cast<std::size_t>(node_count());
  for (std::size_t v = 0; v < n; ++v) {
    for (std::size_t e = first_[v]; e < first_[v + 1]; ++e) {
      if (rcap_[e] > 0 && c_[e] + price_[v] - price_[static_cast<std::size_t>(to_[e])] < -eps) {
        const std::int64_t d = rcap_[e];
        rcap_[e] = 0;
        rcap_[rev_[e]] += d;
        excess_[v] -= d;
        excess_[static_cast<std::size_t>(to_[e])] += d;
      }
    }
  }
  cur_.assign(first_.begin(), first_.end() - 1);
  active_.clear();
  queued_.assign(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    if (excess_[v] > 0) {
      active_.push_back(static_cast<Index>(v));
      queued_[v] = 1;
    }
  }
  price_update(eps);
  while (!active_.empty()) {
    const auto v = static_cast<std::size_t>(active_.front());
    active_.pop_front();
    queued_[v] = 0;
    discharge(v, eps);
    if (relabels_ >= n) price_update(eps);
  }
}

FESTMATCH_FUNC void MinCostFlow::price_update(std::int64_t eps) {
  relabels_ = 0;
  const auto n = static_cast<std::size_t>(node_count());
  dist_.assign(n, std::numeric_limits<std::int64_t>::max());
  done_.assign(n, 0);
  // Distances below `kBuckets` go to a bucket each (a push and a pop cost O(1)); the rare
  // larger ones to a binary heap, taken once the buckets are exhausted (Dijkstra's distances
  // only grow, so nothing is taken out of order).
  const auto buckets = std::min<std::size_t>(kBuckets, 4 * n + 4);
  if (bucket_.size() < buckets) bucket_.resize(buckets);
  heap_.clear();
  auto push = [&](std::int64_t d, std::size_t v) {
    if (static_cast<std::size_t>(d) < buckets) {
      bucket_[static_cast<std::size_t>(d)].push_back(static_cast<Index>(v));
    } else {
      heap_.push_back({d, static_cast<Index>(v)});
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    }
  };
  std::size_t waiting = 0;  // nodes with excess not yet settled
  for (std::size_t v = 0; v < n; ++v) {
    if (excess_[v] < 0) {
      dist_[v] = 0;
      push(0, v);
    } else if (excess_[v] > 0) {
      ++waiting;
    }
  }
  const double inv_eps = 1.0 / static_cast<double>(eps);
  std::int64_t level = 0;
  std::size_t at = 0;  // the bucket being emptied
  auto settle = [&](std::int64_t d, std::size_t w) {
    if (done_[w] || d != dist_[w]) return;
    done_[w] = 1;
    level = d;
    if (excess_[w] > 0) --waiting;
    for (std::size_t e = first_[w]; e < first_[w + 1]; ++e) {
      // The arc v -> w is e's partner: its residual is pair_cap_[e] − rcap_[e] and its cost
      // −c_[e], both read here rather than at the partner, which lies elsewhere in memory.
      if (pair_cap_[e] - rcap_[e] <= 0) continue;
      const auto v = static_cast<std::size_t>(to_[e]);
      if (done_[v]) continue;
      const std::int64_t reduced = price_[v] - c_[e] - price_[w];
      const std::int64_t length = reduced < 0 ? 0 : steps(reduced, eps, inv_eps) + 1;
      const std::int64_t nd = d + length;
      if (nd < dist_[v]) {
        dist_[v] = nd;
        push(nd, v);
      }
    }
  };
  for (; at < buckets && waiting > 0; ++at) {
    auto& b = bucket_[at];
    while (!b.empty() && waiting > 0) {  // settling may add to this bucket (arcs of length 0)
      const auto w = static_cast<std::size_t>(b.back());
      b.pop_back();
      settle(static_cast<std::int64_t>(at), w);
    }
  }
  while (!heap_.empty() && waiting > 0) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    const auto [d, wi] = heap_.back();
    heap_.pop_back();
    settle(d, static_cast<std::size_t>(wi));
  }
  for (std::size_t b = 0; b < buckets; ++b) bucket_[b].clear();
  for (std::size_t v = 0; v < n; ++v) {
    price_[v] -= eps * (done_[v] ? dist_[v] : level);
    cur_[v] = first_[v];
  }
}

FESTMATCH_FUNC void MinCostFlow::discharge(std::size_t v, std::int64_t eps) {
  const std::size_t begin = first_[v], end = first_[v + 1];
  while (excess_[v] > 0) {
    std::size_t e = cur_[v];
    // A scan from the first arc sees every arc: the relabel's price comes with it (the arcs it
    // saturates drop out, and it ends early only when the excess is gone).
    const bool whole = e == begin;
    std::int64_t best = std::numeric_limits<std::int64_t>::min();
    for (; e < end; ++e) {
      if (rcap_[e] <= 0) continue;
      const auto w = static_cast<std::size_t>(to_[e]);
      const std::int64_t reach = price_[w] - c_[e];  // admissible: c + p(v) − p(w) < 0
      if (price_[v] >= reach) {
        best = std::max(best, reach);
        continue;
      }
      const std::int64_t d = std::min(excess_[v], rcap_[e]);
      rcap_[e] -= d;
      rcap_[rev_[e]] += d;
      excess_[v] -= d;
      excess_[w] += d;
      if (excess_[w] > 0 && !queued_[w]) {
        active_.push_back(static_cast<Index>(w));
        queued_[w] = 1;
      }
      if (excess_[v] == 0) break;
    }
    cur_[v] = e;
    if (excess_[v] == 0) return;
    // Relabel: the largest price that makes some residual arc admissible, minus ε.
    if (!whole) {
      best = std::numeric_limits<std::int64_t>::min();
      for (std::size_t b = begin; b < end; ++b) {
        if (rcap_[b] > 0) best = std::max(best, price_[static_cast<std::size_t>(to_[b])] - c_[b]);
      }
    }
    price_[v] = best - eps;  // a residual arc exists: the problem is feasible
    cur_[v] = begin;
    ++relabels_;
  }
}

FESTMATCH_FUNC void MinCostFlow::exact_potentials() {
  const auto n = static_cast<std::size_t>(node_count());
  const auto k = static_cast<std::int64_t>(n) + 1;
  pi_.resize(n);
  for (std::size_t v = 0; v < n; ++v) pi_[v] = floor_div(price_[v], k);
  active_.clear();
  queued_.assign(n, 1);
  for (std::size_t v = 0; v < n; ++v) active_.push_back(static_cast<Index>(v));
  while (!active_.empty()) {
    const auto v = static_cast<std::size_t>(active_.front());
    active_.pop_front();
    queued_[v] = 0;
    for (std::size_t e = first_[v]; e < first_[v + 1]; ++e) {
      if (rcap_[e] <= 0) continue;
      const auto w = static_cast<std::size_t>(to_[e]);
      const std::int64_t label = pi_[v] + c_[e] / k;
      if (label < pi_[w]) {
        pi_[w] = label;
        if (!queued_[w]) {
          active_.push_back(static_cast<Index>(w));
          queued_[w] = 1;
        }
      }
    }
  }
}

}  // namespace festmatch
