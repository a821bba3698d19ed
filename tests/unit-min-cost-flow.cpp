// MinCostFlow: exact against brute force on tiny networks; the potentials are checked to prove
// optimality on every solve.
#include <doctest/doctest.h>

#include <festmatch/assignment/min_cost_flow.hpp>
#include <optional>
#include <random>
#include <vector>

using festmatch::Index;
using festmatch::MinCostFlow;
using festmatch::SolveStatus;

namespace {

struct Arc {
  Index tail, head;
  std::int64_t cap, cost;
};

// The cheapest feasible flow by enumerating every flow vector, or nullopt.
std::optional<std::int64_t> brute_force(Index nodes, const std::vector<Arc>& arcs,
                                        const std::vector<std::int64_t>& supply) {
  std::vector<std::int64_t> f(arcs.size(), 0);
  std::optional<std::int64_t> best;
  while (true) {
    std::vector<std::int64_t> balance(static_cast<std::size_t>(nodes), 0);
    std::int64_t cost = 0;
    for (std::size_t a = 0; a < arcs.size(); ++a) {
      balance[static_cast<std::size_t>(arcs[a].tail)] += f[a];
      balance[static_cast<std::size_t>(arcs[a].head)] -= f[a];
      cost += f[a] * arcs[a].cost;
    }
    if (balance == supply && (!best || cost < *best)) best = cost;
    std::size_t k = 0;
    while (k < arcs.size() && f[k] == arcs[k].cap) f[k++] = 0;
    if (k == arcs.size()) break;
    ++f[k];
  }
  return best;
}

// Flow bounds, conservation, and the reduced-cost optimality conditions.
void check_certificate(const MinCostFlow& g) {
  std::vector<std::int64_t> balance(static_cast<std::size_t>(g.node_count()), 0);
  std::int64_t cost = 0;
  for (Index a = 0; a < g.arc_count(); ++a) {
    const std::int64_t f = g.flow(a);
    REQUIRE(f >= 0);
    REQUIRE(f <= g.capacity(a));
    balance[static_cast<std::size_t>(g.tail(a))] += f;
    balance[static_cast<std::size_t>(g.head(a))] -= f;
    cost += f * g.cost(a);
    const std::int64_t reduced = g.cost(a) + g.potential(g.tail(a)) - g.potential(g.head(a));
    if (f < g.capacity(a)) CHECK(reduced >= 0);
    if (f > 0) CHECK(reduced <= 0);
  }
  for (Index v = 0; v < g.node_count(); ++v) CHECK(balance[static_cast<std::size_t>(v)] == g.supply(v));
  CHECK(cost == g.total_cost());
}

}  // namespace

TEST_CASE("MinCostFlow: the documented example") {
  MinCostFlow g(4);
  const Index a = g.add_arc(0, 1, 2, 1);
  g.add_arc(0, 2, 2, 2);
  g.add_arc(1, 3, 2, 3);
  g.add_arc(2, 3, 2, 1);
  g.set_supply(0, 3);
  g.set_supply(3, -3);
  REQUIRE(g.solve() == SolveStatus::optimal);
  CHECK(g.total_cost() == 10);
  CHECK(g.flow(a) == 1);
  check_certificate(g);
}

TEST_CASE("MinCostFlow: brute force on random tiny networks") {
  std::mt19937_64 rng(5);
  int feasible = 0, infeasible = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const Index nodes = 2 + static_cast<Index>(rng() % 4);
    const std::size_t narcs = 1 + rng() % 7;
    std::vector<Arc> arcs;
    for (std::size_t k = 0; k < narcs; ++k) {
      const auto t = static_cast<Index>(rng() % static_cast<std::uint64_t>(nodes));
      const auto h = static_cast<Index>(rng() % static_cast<std::uint64_t>(nodes));
      arcs.push_back({t, h, static_cast<std::int64_t>(rng() % 3), static_cast<std::int64_t>(rng() % 11) - 4});
    }
    std::vector<std::int64_t> supply(static_cast<std::size_t>(nodes), 0);
    for (int k = 0; k < 2; ++k) {
      const auto s = rng() % static_cast<std::uint64_t>(nodes), d = rng() % static_cast<std::uint64_t>(nodes);
      const auto amount = static_cast<std::int64_t>(rng() % 3);
      supply[s] += amount;
      supply[d] -= amount;
    }
    MinCostFlow g(nodes);
    for (const auto& a : arcs) g.add_arc(a.tail, a.head, a.cap, a.cost);
    for (Index v = 0; v < nodes; ++v) g.set_supply(v, supply[static_cast<std::size_t>(v)]);
    const auto expected = brute_force(nodes, arcs, supply);
    const auto status = g.solve();
    CAPTURE(trial);
    if (!expected) {
      CHECK(status == SolveStatus::infeasible);
      ++infeasible;
      continue;
    }
    ++feasible;
    REQUIRE(status == SolveStatus::optimal);
    CHECK(g.total_cost() == *expected);
    check_certificate(g);
  }
  CHECK(feasible > 100);
  CHECK(infeasible > 20);
}

TEST_CASE("MinCostFlow: negative cycles, parallel arcs and self-loops") {
  MinCostFlow g(3);
  g.add_arc(0, 1, 5, -2);
  g.add_arc(1, 2, 3, -1);
  g.add_arc(2, 0, 4, 1);
  g.add_arc(1, 1, 7, -3);  // a negative self-loop is saturated
  g.add_arc(0, 1, 2, 0);   // parallel
  REQUIRE(g.solve() == SolveStatus::optimal);
  CHECK(g.total_cost() == 3 * (-2 - 1 + 1) - 21);
  check_certificate(g);
}

TEST_CASE("MinCostFlow: bigger random transportation problems carry a certificate") {
  std::mt19937_64 rng(9);
  for (int trial = 0; trial < 5; ++trial) {
    const Index left = 60, right = 40;
    MinCostFlow g(left + right);
    for (Index i = 0; i < left; ++i)
      for (Index j = 0; j < right; ++j)
        if (rng() % 3 == 0) g.add_arc(i, left + j, static_cast<std::int64_t>(rng() % 4), static_cast<std::int64_t>(rng() % 1000) - 300);
    std::int64_t total = 0;
    for (Index i = 0; i < left; ++i) {
      const auto s = static_cast<std::int64_t>(rng() % 3);
      g.set_supply(i, s);
      total += s;
    }
    for (Index j = 0; j < right && total > 0; ++j) {
      const std::int64_t d = j + 1 == right ? total : std::min<std::int64_t>(total, 4);
      g.set_supply(left + j, -d);
      total -= d;
    }
    const auto status = g.solve();
    CHECK(status != SolveStatus::bad_input);
    if (status == SolveStatus::optimal) check_certificate(g);
  }
}

TEST_CASE("MinCostFlow: bad input") {
  MinCostFlow g(2);
  g.add_arc(0, 1, 1, 1);
  g.set_supply(0, 1);
  CHECK(g.solve() == SolveStatus::bad_input);  // supplies do not sum to zero
  g.set_supply(1, -1);
  CHECK(g.solve() == SolveStatus::optimal);
  CHECK(g.total_cost() == 1);
  CHECK_THROWS_WITH_AS(g.add_arc(0, 2, 1, 0), "<input>: error: min-cost flow: head 2 is out of range: there are 2 nodes",
                       festmatch::InputError);
  CHECK_THROWS_WITH_AS(g.add_arc(-1, 1, 1, 0), "<input>: error: min-cost flow: tail -1 is out of range: there are 2 nodes",
                       festmatch::InputError);
  CHECK_THROWS_WITH_AS(g.add_arc(0, 1, -4, 0), "<input>: error: min-cost flow: arc 1 has negative capacity -4",
                       festmatch::InputError);
  CHECK_THROWS_WITH_AS(g.set_supply(5, 1), "<input>: error: min-cost flow: node 5 is out of range: there are 2 nodes",
                       festmatch::InputError);
  MinCostFlow huge(2);
  huge.add_arc(0, 1, 1, std::int64_t{1} << 61);
  huge.set_supply(0, 1);
  huge.set_supply(1, -1);
  CHECK(huge.solve() == SolveStatus::bad_input);  // costs too large for exact arithmetic
  MinCostFlow empty;
  CHECK(empty.solve() == SolveStatus::optimal);
  CHECK(empty.total_cost() == 0);
}
