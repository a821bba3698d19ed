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
  for (Index v = 0; v < g.node_count(); ++v)
    CHECK(balance[static_cast<std::size_t>(v)] == g.supply(v));
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
      arcs.push_back(
          {t, h, static_cast<std::int64_t>(rng() % 3), static_cast<std::int64_t>(rng() % 11) - 4});
    }
    std::vector<std::int64_t> supply(static_cast<std::size_t>(nodes), 0);
    for (int k = 0; k < 2; ++k) {
      const auto s = rng() % static_cast<std::uint64_t>(nodes),
                 d = rng() % static_cast<std::uint64_t>(nodes);
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
        if (rng() % 3 == 0)
          g.add_arc(i, left + j, static_cast<std::int64_t>(rng() % 4),
                    static_cast<std::int64_t>(rng() % 1000) - 300);
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

namespace {
// A random transportation network with a zero-cost bypass, so every instance is feasible.
MinCostFlow random_bipartite(std::mt19937_64& rng, Index left, Index right) {
  MinCostFlow g(left + right + 2);
  const Index source = left + right, sink = source + 1;
  std::int64_t supply = 0;
  for (Index i = 0; i < left; ++i) {
    const auto c = static_cast<std::int64_t>(1 + rng() % 4);
    g.add_arc(source, i, c, 0);
    supply += c;
  }
  for (Index i = 0; i < left; ++i)
    for (Index j = 0; j < right; ++j)
      if (rng() % 2 == 0) g.add_arc(i, left + j, 1, -static_cast<std::int64_t>(rng() % 100000));
  for (Index j = 0; j < right; ++j)
    g.add_arc(left + j, sink, static_cast<std::int64_t>(1 + rng() % 6), 0);
  g.add_arc(source, sink, supply, 0);
  g.set_supply(source, supply);
  g.set_supply(sink, -supply);
  return g;
}

// The same network built afresh (so its solve is cold).
MinCostFlow rebuilt(const MinCostFlow& g) {
  MinCostFlow fresh(g.node_count());
  for (Index a = 0; a < g.arc_count(); ++a)
    fresh.add_arc(g.tail(a), g.head(a), g.capacity(a), g.cost(a));
  for (Index v = 0; v < g.node_count(); ++v) fresh.set_supply(v, g.supply(v));
  return fresh;
}
}  // namespace

TEST_CASE("MinCostFlow: a warm re-solve after set_cost equals a cold solve") {
  std::mt19937_64 rng(21);
  for (int trial = 0; trial < 20; ++trial) {
    MinCostFlow warm = random_bipartite(rng, 30, 20);
    REQUIRE(warm.solve() == SolveStatus::optimal);
    check_certificate(warm);
    for (Index a = 0; a < warm.arc_count(); ++a) {
      if (warm.cost(a) < 0 && rng() % 3 == 0) {
        const std::int64_t c = warm.cost(a) + static_cast<std::int64_t>(rng() % 40001) - 20000;
        warm.set_cost(a, c);
      }
    }
    MinCostFlow fresh = rebuilt(warm);
    REQUIRE(warm.solve() == SolveStatus::optimal);
    REQUIRE(fresh.solve() == SolveStatus::optimal);
    CAPTURE(trial);
    CHECK(warm.total_cost() == fresh.total_cost());
    check_certificate(warm);
  }
  MinCostFlow g(2);
  CHECK_THROWS_WITH_AS(g.set_cost(0, 1),
                       "<input>: error: min-cost flow: arc 0 is out of range: there are 0 arcs",
                       festmatch::InputError);
}

TEST_CASE("MinCostFlow: arcs and nodes added after a solve keep the warm start exact") {
  std::mt19937_64 rng(27);
  for (int trial = 0; trial < 20; ++trial) {
    MinCostFlow g = random_bipartite(rng, 25, 15);
    REQUIRE(g.solve() == SolveStatus::optimal);
    // A few (or many) new arcs, some through a new node, as a pricing round adds them.
    const int extra = trial % 2 == 0 ? 3 : 400;
    const Index hub = g.add_node();
    for (int k = 0; k < extra; ++k) {
      const auto i = static_cast<Index>(rng() % 25), j = static_cast<Index>(25 + rng() % 15);
      const std::int64_t cost = -static_cast<std::int64_t>(rng() % 200000);
      if (k % 3 == 0) {
        g.add_arc(i, hub, 1, 0);
        g.add_arc(hub, j, 1, cost);
      } else {
        g.add_arc(i, j, 1, cost);
      }
    }
    MinCostFlow fresh = rebuilt(g);
    REQUIRE(g.solve() == SolveStatus::optimal);
    REQUIRE(fresh.solve() == SolveStatus::optimal);
    CAPTURE(trial);
    CHECK(g.total_cost() == fresh.total_cost());
    check_certificate(g);
  }
}

TEST_CASE("MinCostFlow: a tolerance stops within tolerance · nodes of the optimum") {
  std::mt19937_64 rng(33);
  for (int trial = 0; trial < 20; ++trial) {
    MinCostFlow exact = random_bipartite(rng, 40, 25);
    MinCostFlow rough = exact;
    REQUIRE(exact.solve() == SolveStatus::optimal);
    const double tolerance = 50.0;
    REQUIRE(rough.solve(tolerance) == SolveStatus::optimal);
    CAPTURE(trial);
    CHECK(rough.total_cost() >= exact.total_cost());
    CHECK(double(rough.total_cost()) <=
          double(exact.total_cost()) + tolerance * rough.node_count());
    CHECK(rough.phases() < exact.phases());
    // The returned prices show it: no residual arc below -(tolerance + 1).
    for (Index a = 0; a < rough.arc_count(); ++a) {
      const std::int64_t reduced =
          rough.cost(a) + rough.potential(rough.tail(a)) - rough.potential(rough.head(a));
      if (rough.flow(a) < rough.capacity(a)) CHECK(reduced >= -(tolerance + 1));
      if (rough.flow(a) > 0) CHECK(reduced <= tolerance + 1);
    }
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
  CHECK_THROWS_WITH_AS(g.add_arc(0, 2, 1, 0),
                       "<input>: error: min-cost flow: head 2 is out of range: there are 2 nodes",
                       festmatch::InputError);
  CHECK_THROWS_WITH_AS(g.add_arc(-1, 1, 1, 0),
                       "<input>: error: min-cost flow: tail -1 is out of range: there are 2 nodes",
                       festmatch::InputError);
  CHECK_THROWS_WITH_AS(g.add_arc(0, 1, -4, 0),
                       "<input>: error: min-cost flow: arc 1 has negative capacity -4",
                       festmatch::InputError);
  CHECK_THROWS_WITH_AS(g.set_supply(5, 1),
                       "<input>: error: min-cost flow: node 5 is out of range: there are 2 nodes",
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
