// Assignment core benchmarks: linear_sum_assignment on uniform [0,1) matrices, dense
// b-matching on the 3000 x 1500 caps 8/16 case, and Boost.Graph's
// successive_shortest_path_nonnegative_weights as an in-tree peer on the same small LAP (it is
// slow, so 200² only). scripts/bench-peers/run measures scipy and LEMON on the same matrices.
#include <benchmark/benchmark.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
// (after the line above: find_flow_cost.hpp does not include the named-parameter header it uses)
#include <boost/graph/find_flow_cost.hpp>
#include <cmath>
#include <festmatch/assignment/b_matching.hpp>
#include <festmatch/assignment/linear_assignment.hpp>
#include <festmatch/assignment/min_cost_flow.hpp>
#include <random>
#include <vector>

namespace {

festmatch::RowMajorMatrix uniform(festmatch::Index rows, festmatch::Index cols,
                                  std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  festmatch::RowMajorMatrix m(rows, cols);
  for (festmatch::Index i = 0; i < rows; ++i)
    for (festmatch::Index j = 0; j < cols; ++j) m(i, j) = unit(rng);
  return m;
}

void BM_LinearSumAssignment(benchmark::State& state) {
  const auto n = static_cast<festmatch::Index>(state.range(0));
  const auto w = uniform(n, n, 1);
  festmatch::LinearAssignmentResult r;
  for (auto _ : state) {
    r = festmatch::linear_sum_assignment(w, festmatch::Sense::maximize);
    if (r.status != festmatch::SolveStatus::optimal) state.SkipWithError("not optimal");
    benchmark::DoNotOptimize(r.objective);
  }
  state.counters["objective"] = r.objective;
}
BENCHMARK(BM_LinearSumAssignment)
    ->Arg(200)
    ->Arg(500)
    ->Arg(1000)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond);

void BM_LinearSumAssignmentWide(benchmark::State& state) {
  const auto w = uniform(1000, 4000, 2);
  for (auto _ : state) {
    const auto r = festmatch::linear_sum_assignment(w, festmatch::Sense::maximize);
    benchmark::DoNotOptimize(r.objective);
  }
}
BENCHMARK(BM_LinearSumAssignmentWide)->Unit(benchmark::kMillisecond);

void BM_BMatchingDense(benchmark::State& state) {
  const auto w = uniform(3000, 1500, 3);
  const std::vector<int> row_cap(3000, 8), col_cap(1500, 16);
  festmatch::BMatchingResult r;
  for (auto _ : state) {
    r = festmatch::max_weight_b_matching(w, row_cap, col_cap);
    if (r.status != festmatch::SolveStatus::optimal) state.SkipWithError("not optimal");
    benchmark::DoNotOptimize(r.objective);
  }
  state.counters["objective"] = r.objective;
  state.counters["edges"] = static_cast<double>(r.chosen.size());
  state.counters["candidates"] = static_cast<double>(r.candidate_edges);
  state.counters["pricing_rounds"] = r.pricing_rounds;
}
BENCHMARK(BM_BMatchingDense)->Unit(benchmark::kMillisecond);

// The same LAP as a min-cost flow (festmatch's own MinCostFlow), integer costs 1e6·(1 - w).
void BM_MinCostFlowLap(benchmark::State& state) {
  const auto n = static_cast<festmatch::Index>(state.range(0));
  const auto w = uniform(n, n, 1);
  std::int64_t cost = 0;
  for (auto _ : state) {
    festmatch::MinCostFlow g(2 * n + 2);
    for (festmatch::Index i = 0; i < n; ++i) {
      g.add_arc(2 * n, i, 1, 0);
      g.add_arc(n + i, 2 * n + 1, 1, 0);
      for (festmatch::Index j = 0; j < n; ++j)
        g.add_arc(i, n + j, 1, std::llround((1.0 - w(i, j)) * 1e6));
    }
    g.set_supply(2 * n, n);
    g.set_supply(2 * n + 1, -n);
    if (g.solve() != festmatch::SolveStatus::optimal) state.SkipWithError("not optimal");
    cost = g.total_cost();
    benchmark::DoNotOptimize(cost);
  }
  state.counters["objective"] = static_cast<double>(n) - static_cast<double>(cost) * 1e-6;
}
BENCHMARK(BM_MinCostFlowLap)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond);

// Peer: Boost.Graph successive_shortest_path_nonnegative_weights on the same network.
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using BoostGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, long>>>>>;

void BM_BoostSuccessiveShortestPathLap(benchmark::State& state) {
  const auto n = static_cast<festmatch::Index>(state.range(0));
  const auto w = uniform(n, n, 1);
  long cost = 0;
  for (auto _ : state) {
    BoostGraph g(static_cast<std::size_t>(2 * n + 2));
    auto capacity = boost::get(boost::edge_capacity, g);
    auto weight = boost::get(boost::edge_weight, g);
    auto reverse = boost::get(boost::edge_reverse, g);
    auto arc = [&](int u, int v, long cap, long c) {
      const auto e =
          boost::add_edge(static_cast<std::size_t>(u), static_cast<std::size_t>(v), g).first;
      const auto r =
          boost::add_edge(static_cast<std::size_t>(v), static_cast<std::size_t>(u), g).first;
      capacity[e] = cap;
      capacity[r] = 0;
      weight[e] = c;
      weight[r] = -c;
      reverse[e] = r;
      reverse[r] = e;
    };
    const int s = 2 * n, t = 2 * n + 1;
    for (int i = 0; i < n; ++i) {
      arc(s, i, 1, 0);
      arc(n + i, t, 1, 0);
      for (int j = 0; j < n; ++j) arc(i, n + j, 1, std::lround((1.0 - w(i, j)) * 1e6));
    }
    boost::successive_shortest_path_nonnegative_weights(g, static_cast<std::size_t>(s),
                                                        static_cast<std::size_t>(t));
    cost = boost::find_flow_cost(g);
    benchmark::DoNotOptimize(cost);
  }
  state.counters["objective"] = static_cast<double>(n) - static_cast<double>(cost) * 1e-6;
}
BENCHMARK(BM_BoostSuccessiveShortestPathLap)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
