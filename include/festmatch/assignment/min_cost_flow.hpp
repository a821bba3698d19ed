// festmatch — minimum-cost flow with integer capacities and int64 costs.
//
// Problem. A directed graph with arcs (tail, head, capacity >= 0, cost), node supplies b(v)
// with Σ b = 0 (b > 0 a source of b units, b < 0 a sink). Find a flow 0 <= f <= capacity that
// meets every supply (out - in = b(v)) at minimum Σ cost·f, or report that none exists.
//
// Method. Primal–dual successive shortest paths (Ahuja, Magnanti & Orlin, "Network Flows",
// 1993, sections 9.7 and 9.8) with many augmentations per phase:
//   1. arcs of negative cost start saturated, so every residual arc has a non-negative cost;
//   2. a phase runs Dijkstra (indexed 4-ary heap) from every node with excess, in reduced costs
//      cost + π(tail) - π(head), and raises π by the distances (capped at the largest settled
//      one), which keeps every reduced cost >= 0 and makes every shortest path arc tight;
//   3. it then pushes a blocking flow (Dinic: BFS levels, DFS with current-arc pointers) from
//      the excess nodes to the deficit nodes over tight residual arcs only.
// Every arc keeps a non-negative reduced cost throughout, so once no excess is left the flow
// is optimal and π proves it.
//
// Complexity. O(P · (m + n log n) + Dinic), P the number of phases (at most the number of
// distinct shortest-path lengths, usually far below the total supply). Memory O(n + m).
//
// Duals. After `optimal`, potential(v) satisfies, for every arc a = (u, v):
//   cost(a) + potential(u) - potential(v) >= 0  when flow(a) < capacity(a),
//   cost(a) + potential(u) - potential(v) <= 0  when flow(a) > 0.
//
// Limits. Arcs of negative cost start saturated, so Σ capacity·|cost| over them must fit in
// int64; |cost| · (2·nodes + 2) must stay below 2^62. Otherwise solve() returns bad_input, as it
// does when the supplies do not sum to zero. A bad node index or a negative capacity throws
// festmatch::InputError.
//
// Usage.
//   festmatch::MinCostFlow g(4);
//   auto a = g.add_arc(0, 1, 2, 1);  g.add_arc(0, 2, 2, 2);
//   g.add_arc(1, 3, 2, 3);           g.add_arc(2, 3, 2, 1);
//   g.set_supply(0, 3);  g.set_supply(3, -3);
//   if (g.solve() == festmatch::SolveStatus::optimal) { g.total_cost(); g.flow(a); }  // 10, 1
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

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
    solved_ = false;
    return static_cast<Index>(tail_.size() - 1);
  }
  void set_supply(Index node, std::int64_t supply) {
    check_node(node, "node");
    supply_[static_cast<std::size_t>(node)] = supply;
    solved_ = false;
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

  // --- solving ------------------------------------------------------------------------------
  SolveStatus solve() {
    status_ = run();
    solved_ = true;
    return status_;
  }

  // --- queries (solve() must have returned optimal) ----------------------------------------
  [[nodiscard]] SolveStatus status() const { return status_; }
  [[nodiscard]] std::int64_t flow(Index arc) const {
    const auto a = static_cast<std::size_t>(arc);
    return cap_[a] - rcap_[pos_[2 * a]];
  }
  [[nodiscard]] std::int64_t total_cost() const {
    std::int64_t total = 0;
    for (Index a = 0; a < arc_count(); ++a) total += flow(a) * cost_[static_cast<std::size_t>(a)];
    return total;
  }
  [[nodiscard]] std::int64_t potential(Index node) const { return pi_[static_cast<std::size_t>(node)]; }
  [[nodiscard]] int phases() const { return phases_; }

 private:
  static constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;

  void check_node(Index v, const char* what) const {
    if (v < 0 || v >= node_count()) {
      throw InputError(std::string("min-cost flow: ") + what + " " + std::to_string(v) +
                       " is out of range: there are " + std::to_string(node_count()) + " nodes");
    }
  }

  // Residual graph in CSR order: edge p leaves node `from` and goes to to_[p]; rev_[p] is its
  // partner. pos_[2a] / pos_[2a+1] are the forward / backward residual edges of arc a.
  SolveStatus build() {
    const auto n = static_cast<std::size_t>(node_count());
    const std::size_t m = tail_.size();
    __int128 balance = 0;
    for (auto b : supply_) balance += b;
    if (balance != 0) return SolveStatus::bad_input;
    std::int64_t max_cost = 0;
    for (auto c : cost_) {
      if (c == std::numeric_limits<std::int64_t>::min()) return SolveStatus::bad_input;
      max_cost = std::max(max_cost, c < 0 ? -c : c);
    }
    if (max_cost > 0 && static_cast<__int128>(max_cost) * (2 * static_cast<__int128>(n) + 2) >=
                            (static_cast<__int128>(1) << 62)) {
      return SolveStatus::bad_input;
    }
    start_.assign(n + 1, 0);
    for (std::size_t a = 0; a < m; ++a) {
      ++start_[static_cast<std::size_t>(tail_[a]) + 1];
      ++start_[static_cast<std::size_t>(head_[a]) + 1];
    }
    for (std::size_t v = 0; v < n; ++v) start_[v + 1] += start_[v];
    std::vector<std::size_t> fill(start_.begin(), start_.end() - 1);
    to_.assign(2 * m, 0);
    rcap_.assign(2 * m, 0);
    rcost_.assign(2 * m, 0);
    rev_.assign(2 * m, 0);
    pos_.assign(2 * m, 0);
    excess_.assign(supply_.begin(), supply_.end());
    std::vector<__int128> wide(excess_.begin(), excess_.end());
    for (std::size_t a = 0; a < m; ++a) {
      const auto u = static_cast<std::size_t>(tail_[a]);
      const auto v = static_cast<std::size_t>(head_[a]);
      const std::size_t pf = fill[u]++;
      const std::size_t pb = fill[v]++;
      pos_[2 * a] = pf;
      pos_[2 * a + 1] = pb;
      to_[pf] = static_cast<Index>(v);
      to_[pb] = static_cast<Index>(u);
      rev_[pf] = pb;
      rev_[pb] = pf;
      rcost_[pf] = cost_[a];
      rcost_[pb] = -cost_[a];
      if (cost_[a] < 0) {  // start saturated
        rcap_[pf] = 0;
        rcap_[pb] = cap_[a];
        wide[u] -= cap_[a];
        wide[v] += cap_[a];
      } else {
        rcap_[pf] = cap_[a];
        rcap_[pb] = 0;
      }
    }
    const __int128 lim = std::numeric_limits<std::int64_t>::max() / 2;
    for (std::size_t v = 0; v < n; ++v) {
      if (wide[v] > lim || wide[v] < -lim) return SolveStatus::bad_input;
      excess_[v] = static_cast<std::int64_t>(wide[v]);
    }
    pi_.assign(n, 0);
    return SolveStatus::optimal;
  }

  SolveStatus run() {
    phases_ = 0;
    if (const auto s = build(); s != SolveStatus::optimal) {
      rcap_.assign(2 * tail_.size(), 0);
      pos_.assign(2 * tail_.size(), 0);
      for (std::size_t p = 0; p < pos_.size(); ++p) pos_[p] = p;
      for (std::size_t a = 0; a < cap_.size(); ++a) rcap_[2 * a] = cap_[a];
      return s;
    }
    const auto n = static_cast<std::size_t>(node_count());
    dist_.assign(n, kInf);
    level_.assign(n, -1);
    cur_.assign(n, 0);
    while (true) {
      bool any_excess = false;
      for (std::size_t v = 0; v < n && !any_excess; ++v) any_excess = excess_[v] > 0;
      if (!any_excess) return SolveStatus::optimal;
      ++phases_;
      if (!dijkstra()) return SolveStatus::infeasible;
      blocking_flow();
    }
  }

  // Shortest reduced distances from all excess nodes; raises π. False if no deficit reachable.
  bool dijkstra() {
    const auto n = static_cast<std::size_t>(node_count());
    std::fill(dist_.begin(), dist_.end(), kInf);
    heap_.clear();
    hpos_.assign(n, -1);
    std::int64_t deficits = 0;
    for (std::size_t v = 0; v < n; ++v) {
      if (excess_[v] > 0) {
        dist_[v] = 0;
        heap_push(static_cast<Index>(v));
      } else if (excess_[v] < 0) {
        ++deficits;
      }
    }
    std::int64_t reach = -1;
    bool found = false;
    while (!heap_.empty()) {
      const auto v = static_cast<std::size_t>(heap_pop());
      const std::int64_t d = dist_[v];
      dist_[v] = -1 - d;  // settled marker (negative), distance kept recoverable
      reach = d;
      if (excess_[v] < 0) {
        found = true;
        if (--deficits == 0) break;
      }
      const std::int64_t pv = pi_[v];
      for (std::size_t p = start_[v]; p < start_[v + 1]; ++p) {
        if (rcap_[p] == 0) continue;
        const auto w = static_cast<std::size_t>(to_[p]);
        const std::int64_t nd = d + rcost_[p] + pv - pi_[w];
        if (nd < dist_[w]) {  // settled nodes hold negative values and never pass
          dist_[w] = nd;
          if (hpos_[w] < 0) {
            heap_push(static_cast<Index>(w));
          } else {
            heap_up(static_cast<std::size_t>(hpos_[w]));
          }
        }
      }
    }
    if (!found) return false;
    // π += min(dist, reach): settled nodes by their distance, every other node by `reach`.
    for (std::size_t v = 0; v < n; ++v) {
      if (dist_[v] < 0) {
        pi_[v] += -1 - dist_[v];
      } else {
        pi_[v] += reach;
      }
    }
    return true;
  }

  // An indexed 4-ary min-heap of nodes keyed by dist_.
  void heap_push(Index v) {
    hpos_[static_cast<std::size_t>(v)] = static_cast<Index>(heap_.size());
    heap_.push_back(v);
    heap_up(heap_.size() - 1);
  }
  void heap_up(std::size_t k) {
    const Index v = heap_[k];
    const std::int64_t key = dist_[static_cast<std::size_t>(v)];
    while (k > 0) {
      const std::size_t parent = (k - 1) / 4;
      const Index pv = heap_[parent];
      if (dist_[static_cast<std::size_t>(pv)] <= key) break;
      heap_[k] = pv;
      hpos_[static_cast<std::size_t>(pv)] = static_cast<Index>(k);
      k = parent;
    }
    heap_[k] = v;
    hpos_[static_cast<std::size_t>(v)] = static_cast<Index>(k);
  }
  Index heap_pop() {
    const Index top = heap_[0];
    hpos_[static_cast<std::size_t>(top)] = -1;
    const Index last = heap_.back();
    heap_.pop_back();
    if (heap_.empty()) return top;
    const std::size_t size = heap_.size();
    const std::int64_t key = dist_[static_cast<std::size_t>(last)];
    std::size_t k = 0;
    while (true) {
      const std::size_t first = 4 * k + 1;
      if (first >= size) break;
      std::size_t best = first;
      std::int64_t best_key = dist_[static_cast<std::size_t>(heap_[first])];
      const std::size_t end = std::min(size, first + 4);
      for (std::size_t c = first + 1; c < end; ++c) {
        const std::int64_t ck = dist_[static_cast<std::size_t>(heap_[c])];
        if (ck < best_key) {
          best = c;
          best_key = ck;
        }
      }
      if (best_key >= key) break;
      heap_[k] = heap_[best];
      hpos_[static_cast<std::size_t>(heap_[k])] = static_cast<Index>(k);
      k = best;
    }
    heap_[k] = last;
    hpos_[static_cast<std::size_t>(last)] = static_cast<Index>(k);
    return top;
  }

  // Dinic on tight residual arcs (reduced cost 0) from excess nodes to deficit nodes.
  void blocking_flow() {
    const auto n = static_cast<std::size_t>(node_count());
    while (true) {
      std::fill(level_.begin(), level_.end(), -1);
      queue_.clear();
      for (std::size_t v = 0; v < n; ++v) {
        if (excess_[v] > 0) {
          level_[v] = 0;
          queue_.push_back(static_cast<Index>(v));
        }
      }
      bool reached = false;
      for (std::size_t h = 0; h < queue_.size(); ++h) {
        const auto v = static_cast<std::size_t>(queue_[h]);
        if (excess_[v] < 0) {
          reached = true;
          continue;  // deficit nodes end paths
        }
        for (std::size_t p = start_[v]; p < start_[v + 1]; ++p) {
          const auto w = static_cast<std::size_t>(to_[p]);
          if (rcap_[p] > 0 && level_[w] < 0 && rcost_[p] + pi_[v] - pi_[w] == 0) {
            level_[w] = level_[v] + 1;
            queue_.push_back(static_cast<Index>(w));
          }
        }
      }
      if (!reached) return;
      for (std::size_t v = 0; v < n; ++v) cur_[v] = start_[v];
      bool pushed = false;
      for (std::size_t s = 0; s < n; ++s) {
        while (excess_[s] > 0 && level_[s] == 0) {
          if (!push_path(static_cast<Index>(s))) break;
          pushed = true;
        }
      }
      if (!pushed) return;
    }
  }

  // One augmenting path from s along the level graph; false when s is blocked.
  bool push_path(Index s) {
    path_.clear();
    auto v = static_cast<std::size_t>(s);
    while (true) {
      if (excess_[v] < 0 && !path_.empty()) {
        std::int64_t amount = std::min(excess_[static_cast<std::size_t>(s)], -excess_[v]);
        for (std::size_t p : path_) amount = std::min(amount, rcap_[p]);
        for (std::size_t p : path_) {
          rcap_[p] -= amount;
          rcap_[rev_[p]] += amount;
        }
        excess_[static_cast<std::size_t>(s)] -= amount;
        excess_[v] += amount;
        return true;
      }
      bool advanced = false;
      for (std::size_t& p = cur_[v]; p < start_[v + 1]; ++p) {
        const auto w = static_cast<std::size_t>(to_[p]);
        if (rcap_[p] > 0 && level_[w] == level_[v] + 1 && rcost_[p] + pi_[v] - pi_[w] == 0) {
          path_.push_back(p);
          v = w;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      level_[v] = -1;  // dead end for this round
      if (path_.empty()) return false;
      const std::size_t p = path_.back();
      path_.pop_back();
      v = static_cast<std::size_t>(to_[rev_[p]]);
      ++cur_[v];
    }
  }

  // problem
  std::vector<Index> tail_, head_;
  std::vector<std::int64_t> cap_, cost_, supply_;
  // residual graph and state
  std::vector<std::size_t> start_, rev_, pos_;
  std::vector<Index> to_;
  std::vector<std::int64_t> rcap_, rcost_, excess_, pi_, dist_;
  std::vector<int> level_;
  std::vector<std::size_t> cur_, path_;
  std::vector<Index> queue_, heap_, hpos_;
  SolveStatus status_ = SolveStatus::bad_input;
  bool solved_ = false;
  int phases_ = 0;
};

}  // namespace festmatch
