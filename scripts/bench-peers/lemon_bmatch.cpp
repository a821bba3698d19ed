// Peer for festmatch-bench bmatch: maximum-weight b-matching on a dense .npy weight matrix with
// LEMON's NetworkSimplex, on the same flow network festmatch uses (source → row, row → column
// for every allowed pair, column → sink, source → sink bypass), integer costs at the same
// resolution (1e-9 of the largest |weight|). Built by scripts/bench-peers/run, never by CMake.
//
//   lemon_bmatch FILE.npy ROW_CAP COL_CAP   prints
//   {"rows","cols","objective","edges","ms","build_ms"}
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "npy.hpp"  // festmatch-bench's reader (bench/npy.hpp)

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: lemon_bmatch FILE.npy ROW_CAP COL_CAP\n");
    return 2;
  }
  const festmatch::RowMajorMatrix w = festmatch::bench::read_npy(argv[1]);
  const long long row_cap = std::atoll(argv[2]), col_cap = std::atoll(argv[3]);
  const auto rows = w.rows(), cols = w.cols();
  double max_abs = 0.0;
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j)
      if (std::isfinite(w(i, j))) max_abs = std::max(max_abs, std::abs(w(i, j)));
  const double scale = max_abs > 0 ? 1e9 / max_abs : 1.0;

  const auto t0 = std::chrono::steady_clock::now();
  lemon::SmartDigraph g;
  using Arc = lemon::SmartDigraph::Arc;
  g.reserveNode(static_cast<int>(rows + cols + 2));
  g.reserveArc(static_cast<int>(rows * cols + rows + cols + 1));
  const auto s = g.addNode(), t = g.addNode();
  std::vector<lemon::SmartDigraph::Node> rn, cn;
  for (Eigen::Index i = 0; i < rows; ++i) rn.push_back(g.addNode());
  for (Eigen::Index j = 0; j < cols; ++j) cn.push_back(g.addNode());
  lemon::SmartDigraph::ArcMap<long long> cap(g), cost(g);
  std::vector<Arc> pair_arcs;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pair_cells;
  for (Eigen::Index i = 0; i < rows; ++i) {
    const Arc a = g.addArc(s, rn[static_cast<std::size_t>(i)]);
    cap[a] = row_cap;
    cost[a] = 0;
    for (Eigen::Index j = 0; j < cols; ++j) {
      if (!std::isfinite(w(i, j))) continue;
      const long long c = -std::llround(w(i, j) * scale);
      if (c >= 0) continue;  // never pays
      const Arc p = g.addArc(rn[static_cast<std::size_t>(i)], cn[static_cast<std::size_t>(j)]);
      cap[p] = 1;
      cost[p] = c;
      pair_arcs.push_back(p);
      pair_cells.emplace_back(i, j);
    }
  }
  for (Eigen::Index j = 0; j < cols; ++j) {
    const Arc a = g.addArc(cn[static_cast<std::size_t>(j)], t);
    cap[a] = col_cap;
    cost[a] = 0;
  }
  const long long supply = row_cap * rows;
  const Arc bypass = g.addArc(s, t);
  cap[bypass] = supply;
  cost[bypass] = 0;
  lemon::SmartDigraph::NodeMap<long long> sup(g, 0);
  sup[s] = supply;
  sup[t] = -supply;
  lemon::NetworkSimplex<lemon::SmartDigraph, long long, long long> ns(g);
  ns.upperMap(cap).costMap(cost).supplyMap(sup);
  const auto t1 = std::chrono::steady_clock::now();
  const auto result = ns.run();
  const auto t2 = std::chrono::steady_clock::now();
  if (result != decltype(ns)::OPTIMAL) {
    std::fprintf(stderr, "lemon_bmatch: not optimal\n");
    return 3;
  }
  double objective = 0.0;
  long long edges = 0;
  for (std::size_t k = 0; k < pair_arcs.size(); ++k) {
    if (ns.flow(pair_arcs[k]) > 0) {
      objective += w(pair_cells[k].first, pair_cells[k].second);
      ++edges;
    }
  }
  std::printf(
      "{\"rows\":%lld,\"cols\":%lld,\"objective\":%.17g,\"edges\":%lld,\"ms\":%.3f,\"build_ms\":%."
      "3f}\n",
      static_cast<long long>(rows), static_cast<long long>(cols), objective, edges,
      std::chrono::duration<double, std::milli>(t2 - t1).count(),
      std::chrono::duration<double, std::milli>(t1 - t0).count());
  return 0;
}
