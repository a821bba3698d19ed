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

#include "festmatch/assignment/status.hpp"
#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/index.hpp"

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
      throw InputError("min-cost flow: arc " + std::to_string(arc) +
                       " is out of range: there are " + std::to_string(arc_count()) + " arcs");
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
  [[nodiscard]] std::int64_t capacity(Index arc) const {
    return cap_[static_cast<std::size_t>(arc)];
  }
  [[nodiscard]] std::int64_t cost(Index arc) const { return cost_[static_cast<std::size_t>(arc)]; }
  [[nodiscard]] std::int64_t supply(Index node) const {
    return supply_[static_cast<std::size_t>(node)];
  }

  // The largest |cost| solve() accepts on a network of `nodes` nodes (the Limits above, with
  // room to spare), for callers that scale real weights to integer costs.
  [[nodiscard]] static double exact_cost_range(double nodes) {
    return std::ldexp(1.0, 58) / (8.0 * (nodes + 1.0) * (nodes + 1.0));
  }

  // --- solving ------------------------------------------------------------------------------
  // tolerance > 0 stops early, at a flow whose every residual arc has reduced cost >= -tolerance
  // (cost units): its cost is then within tolerance · node_count() of the optimum, and
  // potential() returns the prices that show it rather than exact duals. 0 = exact.
  FESTMATCH_FUNC SolveStatus solve(double tolerance = 0.0);

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
  [[nodiscard]] std::int64_t potential(Index node) const {
    return pi_[static_cast<std::size_t>(node)];
  }
  [[nodiscard]] int phases() const { return phases_; }  // ε-scaling phases of the last solve

 private:
  static constexpr std::int64_t kAlpha = 8;            // ε shrinks by this factor per phase
  static constexpr std::size_t kWarmViolations = 256;  // fewer violated arcs: repair directly
  static constexpr std::int64_t kWarmRepair = 64;      // violations within this many final ε: too
  static constexpr std::size_t kBuckets = 4096;        // price_update's bucket queue

  static std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
  }

  void check_node(Index v, const char* what) const {
    if (v < 0 || v >= node_count()) {
      throw InputError(std::string("min-cost flow: ") + what + " " + std::to_string(v) +
                       " is out of range: there are " + std::to_string(node_count()) + " nodes");
    }
  }

  FESTMATCH_FUNC SolveStatus run(double tolerance);

  // Sets the scaled costs c·k of the residual graph; returns the largest violation of
  // ε-optimality the current flow and prices leave, and counts the arcs violating it by > stop.
  FESTMATCH_FUNC std::int64_t scale_costs(std::int64_t k, std::int64_t stop,
                                          std::size_t& violations);

  // Whether a flow meets every supply: at once when single arcs from supplies to demands carry
  // it all (e.g. a bypass arc); otherwise Boost.Graph's push–relabel maximum flow from a super
  // source (arcs to the supplies) to a super sink (arcs from the demands).
  FESTMATCH_FUNC bool feasible() const;

  // Residual graph in CSR order: edge e leaves its node and goes to to_[e]; rev_[e] is its
  // partner; pos_[a] is the forward edge of arc a. The flow starts at `flows` (zero on arcs
  // beyond it), prices at `prices` (made with scale `old_scale`; zero beyond).
  FESTMATCH_FUNC void build(std::vector<std::int64_t> flows, std::vector<std::int64_t> prices,
                            std::int64_t old_scale);

  // One ε-phase: saturate every residual arc of reduced cost below −ε, then push–relabel until
  // no node has excess. Feasibility was proven, so every node with excess has a residual path
  // to a deficit and the loop ends.
  FESTMATCH_FUNC void refine(std::int64_t eps);

  // Goldberg's price update (a global relabelling): d(v) = the least number of ε-steps from v
  // to a node with a deficit, over residual arcs of length ⌊c_p/ε⌋ + 1 (0 when admissible),
  // by Dijkstra backwards from the deficits; then p(v) −= ε·d(v). Stops once every node with
  // excess is settled; the rest get the last settled distance. Keeps ε-optimality and points
  // every excess down a shortest admissible route, which saves most relabels. The distances are
  // small integers: a bucket per distance (Dial's queue) up to kBuckets, a heap beyond; the
  // order within a distance changes no price.
  FESTMATCH_FUNC void price_update(std::int64_t eps);

  // ⌊x / eps⌋ for x >= 0: a floating-point estimate, corrected exactly (an integer division
  // costs tens of cycles, and a price update does one per arc it relaxes).
  static std::int64_t steps(std::int64_t x, std::int64_t eps, double inv_eps) {
    auto q = static_cast<std::int64_t>(static_cast<double>(x) * inv_eps);
    while (q > 0 && q * eps > x) --q;
    while ((q + 1) * eps <= x) ++q;
    return q;
  }

  FESTMATCH_FUNC void discharge(std::size_t v, std::int64_t eps);

  // Exact potentials in cost units: start from the scaled prices divided by n+1 (each residual
  // arc then has reduced cost >= -1) and lower labels along residual arcs until none is
  // negative. The flow is optimal, so the residual graph has no negative cycle and this ends.
  FESTMATCH_FUNC void exact_potentials();

  // problem
  std::vector<Index> tail_, head_;
  std::vector<std::int64_t> cap_, cost_, supply_;
  // residual graph and state (kept between solves for warm starts)
  std::vector<std::size_t> first_, rev_, pos_, cur_;
  std::vector<Index> to_;
  std::vector<std::int64_t> rcap_, pair_cap_, c_, excess_, price_,
      pi_;  // pair_cap_: rcap_ of e and its partner
  std::deque<Index> active_;
  std::vector<char> queued_, done_;
  std::vector<std::int64_t> dist_;
  std::vector<std::vector<Index>> bucket_;            // price_update: nodes by tentative distance
  std::vector<std::pair<std::int64_t, Index>> heap_;  // ... and beyond the buckets
  std::size_t relabels_ = 0;
  SolveStatus status_ = SolveStatus::bad_input;
  bool built_ = false;      // the residual graph holds a flow (after a successful solve)
  bool grown_ = false;      // nodes or arcs added since
  std::int64_t scale_ = 1;  // n + 1 when the residual graph was built
  int phases_ = 0;
};

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/assignment/min_cost_flow-inl.hpp"
#endif
