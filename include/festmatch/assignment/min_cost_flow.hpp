// festmatch — minimum-cost flow with integer capacities and int64 costs.
//
// Problem. A directed graph with arcs (tail, head, capacity >= 0, cost), node supplies b(v)
// with Σ b = 0 (b > 0 a source of b units, b < 0 a sink). Find a flow 0 <= f <= capacity that
// meets every supply (out - in = b(v)) at minimum Σ cost·f, or report that none exists.
//
// Method. Cost scaling with push–relabel (Goldberg and Tarjan, "Finding minimum-cost
// circulations by successive approximation", Math. Oper. Res. 15, 1990; Goldberg, "An
// efficient implementation of a scaling minimum-cost flow algorithm", J. Algorithms 22, 1997):
//   1. feasibility first: a maximum flow from the supplies to the demands (Boost.Graph's
//      push_relabel_max_flow) must carry every unit, or the answer is `infeasible` (skipped
//      when single supply → demand arcs carry every unit, e.g. a bypass arc);
//   2. costs are multiplied by n + 1 and prices p kept so that every residual arc has
//      reduced cost c·(n+1) + p(tail) − p(head) >= −ε; each `refine` divides ε by 8, saturates
//      the arcs that break the new bound (reduced cost < −ε, not every negative one: the rest
//      already meet it, and leaving them alone keeps most of the flow; 20–50% faster phases on
//      the scheduler's networks) and discharges the excesses (FIFO push–relabel with
//      current-arc pointers). At ε = 1 the flow is optimal (an ε < 1/(n+1) argument on the
//      original costs);
//   3. exact integer potentials are then recovered from p by label correcting on the residual
//      graph (they start at most one unit off, so this is a short pass).
// Warm start: after a solve, `set_cost` may change costs and add_node / add_arc may grow the
// network; the next solve() keeps the flow and the prices (a new node gets the least price its
// arcs from older nodes allow) and starts ε at the largest violation they leave, so a small
// change costs a few short phases instead of a full solve (the scheduler's table-price search
// and its pricing of pruned pairs rely on it). set_supply starts afresh.
//
// Complexity. O(n²·m·log(nC)) in the worst case (C the largest |cost|); on the bipartite,
// shallow networks of festmatch far below that. Memory O(n + m).
//
// Duals. After `optimal`, potential(v) satisfies, for every arc a = (u, v):
//   cost(a) + potential(u) - potential(v) >= 0  when flow(a) < capacity(a),
//   cost(a) + potential(u) - potential(v) <= 0  when flow(a) > 0.
//
// Limits. Prices stay within about 4·n·(n+1)·C, so max|cost| · (n+1)² · 8 must stay below
// 2^62 (e.g. |cost| < 7·10^9 on 10,000 nodes), and Σ b over the supplies below 2^61; otherwise
// solve() returns bad_input, as it does when the supplies do not sum to zero. A bad node index
// or a negative capacity throws festmatch::InputError.
//
// Usage.
//   festmatch::MinCostFlow g(4);
//   auto a = g.add_arc(0, 1, 2, 1);  g.add_arc(0, 2, 2, 2);
//   g.add_arc(1, 3, 2, 3);           g.add_arc(2, 3, 2, 1);
//   g.set_supply(0, 3);  g.set_supply(3, -3);
//   if (g.solve() == festmatch::SolveStatus::optimal) { g.total_cost(); g.flow(a); }  // 10, 1
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

#include "festmatch/assignment/status.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event.hpp"  // festmatch::Index

namespace festmatch {

class MinCostFlow {
 public:
  MinCostFlow() = default;
  explicit MinCostFlow(Index nodes) {
    if (nodes < 0) throw InputError("min-cost flow: negative node count " + std::to_string(nodes));
    supply_.assign(static_cast<std::size_t>(nodes), 0);
  }

  // --- building -----------------------------------------------------------------------------
  Index add_node() {
    supply_.push_back(0);
    grown_ = true;
    return static_cast<Index>(supply_.size() - 1);
  }
  Index add_arc(Index tail, Index head, std::int64_t capacity, std::int64_t cost) {
    check_node(tail, "tail");
    check_node(head, "head");
    if (capacity < 0) {
      throw InputError("min-cost flow: arc " + std::to_string(arc_count()) +
                       " has negative capacity " + std::to_string(capacity));
    }
    tail_.push_back(tail);
    head_.push_back(head);
    cap_.push_back(capacity);
    cost_.push_back(cost);
    grown_ = true;
    return static_cast<Index>(tail_.size() - 1);
  }
  void set_supply(Index node, std::int64_t supply) {
    check_node(node, "node");
    supply_[static_cast<std::size_t>(node)] = supply;
    built_ = false;
  }
  // Changes an arc's cost; the next solve() starts from the current flow and prices.
  void set_cost(Index arc, std::int64_t cost) {
    if (arc < 0 || arc >= arc_count()) {
      throw InputError("min-cost flow: arc " + std::to_string(arc) + " is out of range: there are " +
                       std::to_string(arc_count()) + " arcs");
    }
    cost_[static_cast<std::size_t>(arc)] = cost;
  }
  void reserve(std::size_t nodes, std::size_t arcs) {
    supply_.reserve(nodes);
    tail_.reserve(arcs);
    head_.reserve(arcs);
    cap_.reserve(arcs);
    cost_.reserve(arcs);
  }

  [[nodiscard]] Index node_count() const { return static_cast<Index>(supply_.size()); }
  [[nodiscard]] Index arc_count() const { return static_cast<Index>(tail_.size()); }
  [[nodiscard]] Index tail(Index arc) const { return tail_[static_cast<std::size_t>(arc)]; }
  [[nodiscard]] Index head(Index arc) const { return head_[static_cast<std::size_t>(arc)]; }
  [[nodiscard]] std::int64_t capacity(Index arc) const { return cap_[static_cast<std::size_t>(arc)]; }
  [[nodiscard]] std::int64_t cost(Index arc) const { return cost_[static_cast<std::size_t>(arc)]; }
  [[nodiscard]] std::int64_t supply(Index node) const { return supply_[static_cast<std::size_t>(node)]; }

  // The largest |cost| solve() accepts on a network of `nodes` nodes (the Limits above, with
  // room to spare), for callers that scale real weights to integer costs.
  [[nodiscard]] static double exact_cost_range(double nodes) {
    return std::ldexp(1.0, 58) / (8.0 * (nodes + 1.0) * (nodes + 1.0));
  }

  // --- solving ------------------------------------------------------------------------------
  // tolerance > 0 stops early, at a flow whose every residual arc has reduced cost >= -tolerance
  // (cost units): its cost is then within tolerance · node_count() of the optimum, and
  // potential() returns the prices that show it rather than exact duals. 0 = exact.
  SolveStatus solve(double tolerance = 0.0) {
    phases_ = 0;
    status_ = run(tolerance);
    if (status_ != SolveStatus::optimal) {
      built_ = false;  // flow() reports zero until a successful solve
      rcap_.clear();
    }
    return status_;
  }

  // --- queries (solve() must have returned optimal) ----------------------------------------
  [[nodiscard]] SolveStatus status() const { return status_; }
  [[nodiscard]] std::int64_t flow(Index arc) const {
    const auto a = static_cast<std::size_t>(arc);
    return rcap_.empty() ? 0 : cap_[a] - rcap_[pos_[a]];
  }
  [[nodiscard]] std::int64_t total_cost() const {
    std::int64_t total = 0;
    for (Index a = 0; a < arc_count(); ++a) total += flow(a) * cost_[static_cast<std::size_t>(a)];
    return total;
  }
  [[nodiscard]] std::int64_t potential(Index node) const { return pi_[static_cast<std::size_t>(node)]; }
  [[nodiscard]] int phases() const { return phases_; }  // ε-scaling phases of the last solve

 private:
  static constexpr std::int64_t kAlpha = 8;  // ε shrinks by this factor per phase
  static constexpr std::size_t kWarmViolations = 256;  // fewer violated arcs: repair directly
  static constexpr std::int64_t kWarmRepair = 64;      // violations within this many final ε: too

  static std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
  }

  void check_node(Index v, const char* what) const {
    if (v < 0 || v >= node_count()) {
      throw InputError(std::string("min-cost flow: ") + what + " " + std::to_string(v) +
                       " is out of range: there are " + std::to_string(node_count()) + " nodes");
    }
  }

  SolveStatus run(double tolerance) {
    const auto n = static_cast<std::size_t>(node_count());
    __int128 balance = 0, total_supply = 0;
    for (auto b : supply_) {
      balance += b;
      if (b > 0) total_supply += b;
    }
    if (balance != 0 || total_supply >= (static_cast<__int128>(1) << 61)) return SolveStatus::bad_input;
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
    const auto stop = static_cast<std::int64_t>(std::clamp(tolerance * static_cast<double>(k), 1.0, 9.0e18));
    std::size_t violations = 0;
    std::int64_t eps = scale_costs(k, stop, violations);
    // Warm starts: a few violated arcs (kWarmViolations), or violations everywhere but within
    // kWarmRepair final ε (a small change of many costs), are repaired at the final ε directly
    // (price updates move prices far in one step; on the scheduler's table-price steps this is
    // 2-3x faster than scaling down to it); larger violations that still save a phase (a looser
    // tolerance before, new arcs) continue the scaling from the largest; changes as large as
    // the costs make the old prices worth little: start cold, at the largest scaled cost.
    const bool warm = std::all_of(excess_.begin(), excess_.end(), [](std::int64_t x) { return x == 0; });
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

  // Sets the scaled costs c·k of the residual graph; returns the largest violation of
  // ε-optimality the current flow and prices leave, and counts the arcs violating it by > stop.
  std::int64_t scale_costs(std::int64_t k, std::int64_t stop, std::size_t& violations) {
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

  // Whether a flow meets every supply: at once when single arcs from supplies to demands carry
  // it all (e.g. a bypass arc); otherwise Boost.Graph's push–relabel maximum flow from a super
  // source (arcs to the supplies) to a super sink (arcs from the demands).
  bool feasible() const {
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
        boost::property<boost::edge_capacity_t, std::int64_t,
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
        link(static_cast<std::size_t>(tail_[a]), static_cast<std::size_t>(head_[a]), std::min(cap_[a], demand));
      }
    }
    return boost::push_relabel_max_flow(g, source, sink) == demand;
  }

  // Residual graph in CSR order: edge e leaves its node and goes to to_[e]; rev_[e] is its
  // partner; pos_[a] is the forward edge of arc a. The flow starts at `flows` (zero on arcs
  // beyond it), prices at `prices` (made with scale `old_scale`; zero beyond).
  void build(std::vector<std::int64_t> flows, std::vector<std::int64_t> prices, std::int64_t old_scale) {
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

  // One ε-phase: saturate every residual arc of reduced cost below −ε, then push–relabel until
  // no node has excess. Feasibility was proven, so every node with excess has a residual path
  // to a deficit and the loop ends.
  void refine(std::int64_t eps) {
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

  // Goldberg's price update (a global relabelling): d(v) = the least number of ε-steps from v
  // to a node with a deficit, over residual arcs of length ⌊c_p/ε⌋ + 1 (0 when admissible),
  // by Dijkstra backwards from the deficits; then p(v) −= ε·d(v). Stops once every node with
  // excess is settled; the rest get the last settled distance. Keeps ε-optimality and points
  // every excess down a shortest admissible route, which saves most relabels.
  void price_update(std::int64_t eps) {
    relabels_ = 0;
    const auto n = static_cast<std::size_t>(node_count());
    dist_.assign(n, std::numeric_limits<std::int64_t>::max());
    done_.assign(n, 0);
    heap_.clear();
    std::size_t waiting = 0;  // nodes with excess not yet settled
    for (std::size_t v = 0; v < n; ++v) {
      if (excess_[v] < 0) {
        dist_[v] = 0;
        heap_.push_back({0, static_cast<Index>(v)});
      } else if (excess_[v] > 0) {
        ++waiting;
      }
    }
    std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
    const double inv_eps = 1.0 / static_cast<double>(eps);
    std::int64_t level = 0;
    while (!heap_.empty() && waiting > 0) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      const auto [d, wi] = heap_.back();
      heap_.pop_back();
      const auto w = static_cast<std::size_t>(wi);
      if (done_[w] || d != dist_[w]) continue;
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
          heap_.push_back({nd, static_cast<Index>(v)});
          std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
        }
      }
    }
    for (std::size_t v = 0; v < n; ++v) {
      price_[v] -= eps * (done_[v] ? dist_[v] : level);
      cur_[v] = first_[v];
    }
  }

  // ⌊x / eps⌋ for x >= 0: a floating-point estimate, corrected exactly (an integer division
  // costs tens of cycles, and a price update does one per arc it relaxes).
  static std::int64_t steps(std::int64_t x, std::int64_t eps, double inv_eps) {
    auto q = static_cast<std::int64_t>(static_cast<double>(x) * inv_eps);
    while (q > 0 && q * eps > x) --q;
    while ((q + 1) * eps <= x) ++q;
    return q;
  }

  void discharge(std::size_t v, std::int64_t eps) {
    const std::size_t end = first_[v + 1];
    while (excess_[v] > 0) {
      std::size_t e = cur_[v];
      for (; e < end; ++e) {
        if (rcap_[e] <= 0) continue;
        const auto w = static_cast<std::size_t>(to_[e]);
        if (c_[e] + price_[v] - price_[w] >= 0) continue;
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
      std::int64_t best = std::numeric_limits<std::int64_t>::min();
      for (std::size_t b = first_[v]; b < end; ++b) {
        if (rcap_[b] > 0) best = std::max(best, price_[static_cast<std::size_t>(to_[b])] - c_[b]);
      }
      price_[v] = best - eps;  // a residual arc exists: the problem is feasible
      cur_[v] = first_[v];
      ++relabels_;
    }
  }

  // Exact potentials in cost units: start from the scaled prices divided by n+1 (each residual
  // arc then has reduced cost >= -1) and lower labels along residual arcs until none is
  // negative. The flow is optimal, so the residual graph has no negative cycle and this ends.
  void exact_potentials() {
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

  // problem
  std::vector<Index> tail_, head_;
  std::vector<std::int64_t> cap_, cost_, supply_;
  // residual graph and state (kept between solves for warm starts)
  std::vector<std::size_t> first_, rev_, pos_, cur_;
  std::vector<Index> to_;
  std::vector<std::int64_t> rcap_, pair_cap_, c_, excess_, price_, pi_;  // pair_cap_: rcap_ of e and its partner
  std::deque<Index> active_;
  std::vector<char> queued_, done_;
  std::vector<std::int64_t> dist_;
  std::vector<std::pair<std::int64_t, Index>> heap_;
  std::size_t relabels_ = 0;
  SolveStatus status_ = SolveStatus::bad_input;
  bool built_ = false;  // the residual graph holds a flow (after a successful solve)
  bool grown_ = false;  // nodes or arcs added since
  std::int64_t scale_ = 1;  // n + 1 when the residual graph was built
  int phases_ = 0;
};

}  // namespace festmatch
