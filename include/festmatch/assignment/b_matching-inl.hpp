// festmatch — the definitions of festmatch/assignment/b_matching.hpp.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>
#include <vector>
#include "festmatch/assignment/b_matching.hpp"
#include "festmatch/assignment/linear_assignment.hpp"  // RowMajorMatrix
#include "festmatch/assignment/min_cost_flow.hpp"
#include "festmatch/assignment/status.hpp"
#include "festmatch/error.hpp"
#include "festmatch/index.hpp"

namespace festmatch {

namespace detail::assignment {

struct BMatchingNetwork {
  // Node layout: 0 source, 1 sink, 2.. rows, then columns.
  static Index row_node(Index i) { return 2 + i; }
  Index col_node(Index j) const { return 2 + rows + j; }
  Index rows = 0, cols = 0;
};

inline void check_caps(Index rows, Index cols, const std::vector<int>& row_cap,
                       const std::vector<int>& col_cap, const std::optional<int>& total_cap,
                       const std::vector<RowBonus>& row_bonus) {
  std::vector<Diagnostic> bad;
  auto add = [&](std::string m) {
    bad.push_back(Diagnostic{.message = "b-matching: " + std::move(m)});
  };
  if (rows < 0 || cols < 0)
    add("negative size " + std::to_string(rows) + " x " + std::to_string(cols));
  if (row_cap.size() != static_cast<std::size_t>(std::max<Index>(rows, 0))) {
    add("row_cap has " + std::to_string(row_cap.size()) + " entries for " + std::to_string(rows) +
        " rows");
  }
  if (col_cap.size() != static_cast<std::size_t>(std::max<Index>(cols, 0))) {
    add("col_cap has " + std::to_string(col_cap.size()) + " entries for " + std::to_string(cols) +
        " columns");
  }
  for (std::size_t i = 0; i < row_cap.size(); ++i) {
    if (row_cap[i] < 0)
      add("row_cap[" + std::to_string(i) + "] is negative (" + std::to_string(row_cap[i]) + ")");
  }
  for (std::size_t j = 0; j < col_cap.size(); ++j) {
    if (col_cap[j] < 0)
      add("col_cap[" + std::to_string(j) + "] is negative (" + std::to_string(col_cap[j]) + ")");
  }
  if (total_cap && *total_cap < 0)
    add("total_cap is negative (" + std::to_string(*total_cap) + ")");
  if (!row_bonus.empty()) {
    if (row_bonus.size() != row_cap.size()) {
      add("row_bonus has " + std::to_string(row_bonus.size()) + " entries for " +
          std::to_string(rows) + " rows");
    }
    for (std::size_t i = 0; i < row_bonus.size(); ++i) {
      if (row_bonus[i].count < 0 || !(row_bonus[i].bonus >= 0.0) ||
          !std::isfinite(row_bonus[i].bonus)) {
        add("row_bonus[" + std::to_string(i) + "] needs count >= 0 and a finite bonus >= 0");
      }
    }
  }
  if (!bad.empty()) throw InputError(std::move(bad));
}

// Builds and solves the flow network on `edges` (scaled weights in `scaled`). On return,
// `flow_arc0` is the arc of edge 0 (edge k is arc flow_arc0 + k).
struct BMatchingSolve {
  MinCostFlow g;
  Index edge_arc0 = 0;
  Index bypass = 0;
  SolveStatus status = SolveStatus::optimal;
  [[nodiscard]] std::int64_t phi(Index node) const { return g.potential(node); }
};

inline void solve_network(BMatchingSolve& out, Index rows, Index cols, const std::vector<Index>& er,
                          const std::vector<Index>& ec, const std::vector<std::int64_t>& scaled,
                          const std::vector<int>& row_cap, const std::vector<int>& col_cap,
                          const std::optional<int>& total_cap,
                          const std::vector<std::int64_t>& bonus_scaled,
                          const std::vector<RowBonus>& row_bonus) {
  const BMatchingNetwork net{rows, cols};
  MinCostFlow& g = out.g;
  g = MinCostFlow(2 + rows + cols);
  g.reserve(static_cast<std::size_t>(2 + rows + cols),
            er.size() + 2 * static_cast<std::size_t>(rows) + cols + 1);
  std::int64_t supply = 0;
  for (int c : row_cap) supply += c;
  if (total_cap) supply = std::min<std::int64_t>(supply, *total_cap);
  out.edge_arc0 = g.arc_count();
  for (std::size_t k = 0; k < er.size(); ++k) {
    g.add_arc(BMatchingNetwork::row_node(er[k]), net.col_node(ec[k]), 1, -scaled[k]);
  }
  for (Index i = 0; i < rows; ++i) {
    const int cap = row_cap[static_cast<std::size_t>(i)];
    int with_bonus = 0;
    if (!row_bonus.empty() && bonus_scaled[static_cast<std::size_t>(i)] > 0) {
      with_bonus = std::min(cap, row_bonus[static_cast<std::size_t>(i)].count);
      if (with_bonus > 0) {
        g.add_arc(0, BMatchingNetwork::row_node(i), with_bonus,
                  -bonus_scaled[static_cast<std::size_t>(i)]);
      }
    }
    if (cap - with_bonus > 0) g.add_arc(0, BMatchingNetwork::row_node(i), cap - with_bonus, 0);
  }
  for (Index j = 0; j < cols; ++j) {
    const int cap = col_cap[static_cast<std::size_t>(j)];
    if (cap > 0) g.add_arc(net.col_node(j), 1, cap, 0);
  }
  out.bypass = g.add_arc(0, 1, supply, 0);
  g.set_supply(0, supply);
  g.set_supply(1, -supply);
  out.status = g.solve();
}

// Duals in weight units from the flow potentials (see the top of the file). `total_binds`:
// total_cap is below Σ row_cap, so it is a constraint of its own.
inline void extract_duals(BMatchingResult& r, const BMatchingSolve& s, Index rows, Index cols,
                          double scale, bool total_binds, const std::vector<int>& row_cap,
                          const std::vector<RowBonus>& row_bonus,
                          const std::vector<std::int64_t>& bonus_scaled) {
  const BMatchingNetwork net{rows, cols};
  const std::int64_t ps = s.phi(0), pt = s.phi(1);
  const std::int64_t lambda = ps - pt;
  // Without a binding total cap, λ > 0 only when every row is full: it belongs to the rows.
  const bool fold = !total_binds || lambda < 0;
  r.row_potential.assign(static_cast<std::size_t>(rows), 0.0);
  r.col_potential.assign(static_cast<std::size_t>(cols), 0.0);
  for (Index i = 0; i < rows; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    std::int64_t p = s.phi(BMatchingNetwork::row_node(i)) - ps + (fold ? lambda : 0);
    const bool bonus_arc =
        !row_bonus.empty() && bonus_scaled[ii] > 0 && row_bonus[ii].count > 0 && row_cap[ii] > 0;
    p = std::max(p, bonus_arc ? -bonus_scaled[ii] : std::int64_t{0});
    r.row_potential[ii] = static_cast<double>(p) / scale;
  }
  for (Index j = 0; j < cols; ++j) {
    const std::int64_t q = std::max<std::int64_t>(0, pt - s.phi(net.col_node(j)));
    r.col_potential[static_cast<std::size_t>(j)] = static_cast<double>(q) / scale;
  }
  r.total_potential = fold ? 0.0 : static_cast<double>(lambda) / scale;
}

// Lines with capacity 0 are not in the network; their duals cost nothing, so they are raised
// until every pair through them has a non-positive reduced profit. for_each_pair(f) calls
// f(row, col, weight) for every allowed pair.
template <class ForEachPair>
void raise_zero_cap_duals(BMatchingResult& r, const std::vector<int>& row_cap,
                          const std::vector<int>& col_cap, ForEachPair&& for_each_pair) {
  const bool rows0 = std::find(row_cap.begin(), row_cap.end(), 0) != row_cap.end();
  const bool cols0 = std::find(col_cap.begin(), col_cap.end(), 0) != col_cap.end();
  if (rows0) {
    for_each_pair([&](std::size_t i, std::size_t j, double w) {
      if (row_cap[i] == 0)
        r.row_potential[i] =
            std::max(r.row_potential[i], w - r.col_potential[j] - r.total_potential);
    });
  }
  if (cols0) {
    for_each_pair([&](std::size_t i, std::size_t j, double w) {
      if (col_cap[j] == 0)
        r.col_potential[j] =
            std::max(r.col_potential[j], w - r.row_potential[i] - r.total_potential);
    });
  }
}

inline bool total_cap_binds(const std::optional<int>& total_cap, const std::vector<int>& row_cap) {
  std::int64_t sum = 0;
  for (int c : row_cap) sum += c;
  return total_cap && *total_cap < sum;
}

// Weight units per int64 cost unit: `resolution` × the largest |weight|, made coarser when the
// flow network (`nodes` nodes) would leave MinCostFlow's exact range ((n+1)² · 8 · |cost| < 2^62).
inline double weight_scale(double max_abs, double resolution, double nodes) {
  if (!(resolution > 0.0) || !(resolution <= 1e-3)) {
    throw InputError("b-matching: resolution must be in (0, 1e-3], got " +
                     std::to_string(resolution));
  }
  if (!(max_abs > 0.0)) return 1.0;
  return std::min(1.0 / (resolution * max_abs), MinCostFlow::exact_cost_range(nodes) / max_abs);
}

inline double earned_bonus(const std::vector<RowBonus>& row_bonus, const std::vector<int>& degree) {
  double total = 0.0;
  for (std::size_t i = 0; i < row_bonus.size(); ++i) {
    total += row_bonus[i].bonus * std::min(row_bonus[i].count, degree[i]);
  }
  return total;
}

}  // namespace detail::assignment

FESTMATCH_FUNC BMatchingResult max_weight_b_matching(const BMatchingProblem& problem,
                                                     double resolution) {
  const Index rows = problem.rows, cols = problem.cols;
  detail::assignment::check_caps(rows, cols, problem.row_cap, problem.col_cap, problem.total_cap,
                                 problem.row_bonus);
  const auto& edges = problem.edges;
  std::vector<Diagnostic> bad;
  double max_abs = 0.0;
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const auto& e = edges[k];
    if (e.row < 0 || e.row >= rows || e.col < 0 || e.col >= cols) {
      bad.push_back({.message = "b-matching: edge " + std::to_string(k) + " (" +
                                std::to_string(e.row) + ", " + std::to_string(e.col) +
                                ") is outside " + std::to_string(rows) + " x " +
                                std::to_string(cols)});
    } else if (!std::isfinite(e.weight)) {
      bad.push_back({.message = "b-matching: edge " + std::to_string(k) +
                                " has a weight that is not finite"});
    } else {
      max_abs = std::max(max_abs, std::abs(e.weight));
    }
  }
  if (!bad.empty()) throw InputError(std::move(bad));
  {
    std::vector<std::size_t> order(edges.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(edges[a].row, edges[a].col, a) < std::tie(edges[b].row, edges[b].col, b);
    });
    for (std::size_t k = 1; k < order.size(); ++k) {
      const auto& a = edges[order[k - 1]];
      const auto& b = edges[order[k]];
      if (a.row == b.row && a.col == b.col) {
        throw InputError("b-matching: edges " + std::to_string(order[k - 1]) + " and " +
                         std::to_string(order[k]) + " are the same pair (" + std::to_string(a.row) +
                         ", " + std::to_string(a.col) + ")");
      }
    }
  }
  for (const auto& b : problem.row_bonus) max_abs = std::max(max_abs, b.bonus);
  const double scale =
      detail::assignment::weight_scale(max_abs, resolution, double(rows) + double(cols) + 2.0);
  std::vector<std::int64_t> bonus_scaled(problem.row_bonus.size());
  for (std::size_t i = 0; i < bonus_scaled.size(); ++i) {
    bonus_scaled[i] = std::llround(problem.row_bonus[i].bonus * scale);
  }
  // Edges that can never pay are left out of the network.
  std::vector<Index> er, ec;
  std::vector<std::int64_t> scaled;
  std::vector<std::size_t> index;
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const std::int64_t w = std::llround(edges[k].weight * scale);
    const std::int64_t best =
        w + (bonus_scaled.empty() ? 0 : bonus_scaled[static_cast<std::size_t>(edges[k].row)]);
    if (best <= 0) continue;
    er.push_back(edges[k].row);
    ec.push_back(edges[k].col);
    scaled.push_back(w);
    index.push_back(k);
  }
  detail::assignment::BMatchingSolve s;
  detail::assignment::solve_network(s, rows, cols, er, ec, scaled, problem.row_cap, problem.col_cap,
                                    problem.total_cap, bonus_scaled, problem.row_bonus);
  BMatchingResult r;
  r.status = s.status;
  r.candidate_edges = er.size();
  if (s.status != SolveStatus::optimal) return r;
  std::vector<int> degree(static_cast<std::size_t>(rows), 0);
  double total = 0.0;
  for (std::size_t k = 0; k < er.size(); ++k) {
    if (s.g.flow(s.edge_arc0 + static_cast<Index>(k)) > 0) {
      r.chosen.push_back(index[k]);
      total += edges[index[k]].weight;
      ++degree[static_cast<std::size_t>(er[k])];
    }
  }
  std::sort(r.chosen.begin(), r.chosen.end());
  r.objective = total + detail::assignment::earned_bonus(problem.row_bonus, degree);
  detail::assignment::extract_duals(
      r, s, rows, cols, scale,
      detail::assignment::total_cap_binds(problem.total_cap, problem.row_cap), problem.row_cap,
      problem.row_bonus, bonus_scaled);
  detail::assignment::raise_zero_cap_duals(r, problem.row_cap, problem.col_cap, [&](auto&& f) {
    for (const auto& e : edges)
      f(static_cast<std::size_t>(e.row), static_cast<std::size_t>(e.col), e.weight);
  });
  return r;
}

FESTMATCH_FUNC BMatchingResult max_weight_b_matching(
    const Eigen::Ref<const RowMajorMatrix>& weights, const std::vector<int>& row_cap,
    const std::vector<int>& col_cap, const BMatchingOptions& options) {
  const auto rows = static_cast<Index>(weights.rows());
  const auto cols = static_cast<Index>(weights.cols());
  detail::assignment::check_caps(rows, cols, row_cap, col_cap, options.total_cap,
                                 options.row_bonus);
  const auto R = static_cast<std::size_t>(rows), C = static_cast<std::size_t>(cols);
  auto w_at = [&](std::size_t i, std::size_t j) {
    return weights.data()[static_cast<std::ptrdiff_t>(i) * weights.outerStride() +
                          static_cast<std::ptrdiff_t>(j)];
  };
  double max_abs = 0.0;
  for (std::size_t i = 0; i < R; ++i) {
    for (std::size_t j = 0; j < C; ++j) {
      const double w = w_at(i, j);
      if (std::isfinite(w)) max_abs = std::max(max_abs, std::abs(w));
    }
  }
  for (const auto& b : options.row_bonus) max_abs = std::max(max_abs, b.bonus);
  const double scale =
      detail::assignment::weight_scale(max_abs, options.resolution, double(R) + double(C) + 2.0);
  std::vector<std::int64_t> bonus_scaled(options.row_bonus.size());
  for (std::size_t i = 0; i < bonus_scaled.size(); ++i) {
    bonus_scaled[i] = std::llround(options.row_bonus[i].bonus * scale);
  }
  auto row_bonus_of = [&](std::size_t i) -> std::int64_t {
    return bonus_scaled.empty() ? 0 : bonus_scaled[i];
  };
  // A pair can pay only if it is allowed and weight + row bonus > 0 after scaling.
  auto scaled_at = [&](std::size_t i, std::size_t j, std::int64_t& out) {
    const double w = w_at(i, j);
    if (!std::isfinite(w)) return false;
    out = std::llround(w * scale);
    return out + row_bonus_of(i) > 0;
  };

  // Candidate graph: the best pairs of each row and of each column, in one row-major sweep.
  // Each line keeps its top k in a small array sorted ascending (ties: the earlier index wins);
  // most entries are rejected by one comparison with the line's current k-th best.
  std::vector<std::uint8_t> in_graph(R * C, 0);
  {
    using Entry = std::pair<double, Index>;
    auto insert = [](Entry* top, std::size_t& size, std::size_t k, Entry e) {
      std::size_t at;
      if (size < k) {  // grow: move the new entry down from the end
        at = size++;
        while (at > 0 && top[at - 1].first >= e.first) {
          top[at] = top[at - 1];
          --at;
        }
      } else {  // full: drop top[0] (the smallest), move the new entry up
        at = 0;
        while (at + 1 < size && top[at + 1].first < e.first) {
          top[at] = top[at + 1];
          ++at;
        }
      }
      top[at] = e;
    };
    auto quota = [](double factor, int cap, int extra) {
      return cap <= 0 ? std::size_t{0}
                      : static_cast<std::size_t>(factor * cap) +
                            static_cast<std::size_t>(std::max(0, extra));
    };
    std::vector<std::size_t> col_k(C), col_start(C + 1, 0), col_size(C, 0);
    for (std::size_t j = 0; j < C; ++j) {
      col_k[j] = quota(options.col_factor, col_cap[j], options.extra);
      col_start[j + 1] = col_start[j] + col_k[j];
    }
    std::vector<Entry> col_top(col_start[C]);
    std::vector<double> col_thr(C, -std::numeric_limits<double>::infinity());
    std::vector<Entry> row_top;
    for (std::size_t i = 0; i < R; ++i) {
      const std::size_t k = quota(options.row_factor, row_cap[i], options.extra);
      if (k == 0) continue;
      row_top.assign(k, Entry{});
      std::size_t row_size = 0;
      double row_thr = -std::numeric_limits<double>::infinity();
      const double* wi = weights.data() + static_cast<std::ptrdiff_t>(i) * weights.outerStride();
      for (std::size_t j = 0; j < C; ++j) {
        const double w = wi[j];
        if (!(w > row_thr) && !(w > col_thr[j])) continue;  // also skips NaN
        std::int64_t sw;
        if (!scaled_at(i, j, sw)) continue;
        if (w > row_thr) {
          insert(row_top.data(), row_size, k, Entry{w, static_cast<Index>(j)});
          if (row_size == k) row_thr = row_top[0].first;
        }
        if (w > col_thr[j] && col_k[j] > 0) {
          insert(col_top.data() + col_start[j], col_size[j], col_k[j],
                 Entry{w, static_cast<Index>(i)});
          if (col_size[j] == col_k[j]) col_thr[j] = col_top[col_start[j]].first;
        }
      }
      for (std::size_t t = 0; t < row_size; ++t) {
        if (col_cap[static_cast<std::size_t>(row_top[t].second)] > 0)
          in_graph[i * C + static_cast<std::size_t>(row_top[t].second)] = 1;
      }
    }
    for (std::size_t j = 0; j < C; ++j) {
      for (std::size_t t = 0; t < col_size[j]; ++t)
        in_graph[static_cast<std::size_t>(col_top[col_start[j] + t].second) * C + j] = 1;
    }
  }
  std::vector<Index> er, ec;
  std::vector<std::int64_t> scaled;
  for (std::size_t i = 0; i < R; ++i) {
    for (std::size_t j = 0; j < C; ++j) {
      if (!in_graph[i * C + j]) continue;
      std::int64_t s = 0;
      scaled_at(i, j, s);
      er.push_back(static_cast<Index>(i));
      ec.push_back(static_cast<Index>(j));
      scaled.push_back(s);
    }
  }

  BMatchingResult r;
  detail::assignment::BMatchingSolve s;
  const detail::assignment::BMatchingNetwork net{rows, cols};
  std::vector<std::pair<std::int64_t, Index>> violators;
  for (int round = 0;; ++round) {
    detail::assignment::solve_network(s, rows, cols, er, ec, scaled, row_cap, col_cap,
                                      options.total_cap, bonus_scaled, options.row_bonus);
    r.status = s.status;
    if (s.status != SolveStatus::optimal) return r;
    r.pricing_rounds = round;
    // Pricing: a pruned pair with -w + π(row) - π(col) < 0 would improve the flow.
    std::vector<std::int64_t> pcol(C);
    for (std::size_t j = 0; j < C; ++j) pcol[j] = s.phi(net.col_node(static_cast<Index>(j)));
    bool added = false;
    for (std::size_t i = 0; i < R; ++i) {
      if (row_cap[i] == 0) continue;
      const std::int64_t pr =
          s.phi(detail::assignment::BMatchingNetwork::row_node(static_cast<Index>(i)));
      violators.clear();
      for (std::size_t j = 0; j < C; ++j) {
        if (in_graph[i * C + j] || col_cap[j] == 0) continue;
        const double w = w_at(i, j);
        // Cheap filter in doubles, exact test in integers.
        if (!(w * scale > static_cast<double>(pr - pcol[j]) - 2.0)) continue;
        std::int64_t sw;
        if (!scaled_at(i, j, sw)) continue;
        if (sw > pr - pcol[j])
          violators.emplace_back(-(sw - (pr - pcol[j])), static_cast<Index>(j));
      }
      if (violators.empty()) continue;
      const std::size_t keep =
          std::min(violators.size(), static_cast<std::size_t>(std::max(4, row_cap[i])));
      std::nth_element(violators.begin(), violators.begin() + static_cast<std::ptrdiff_t>(keep - 1),
                       violators.end());
      for (std::size_t t = 0; t < keep; ++t) {
        const auto j = static_cast<std::size_t>(violators[t].second);
        in_graph[i * C + j] = 1;
        std::int64_t sw = 0;
        scaled_at(i, j, sw);
        er.push_back(static_cast<Index>(i));
        ec.push_back(static_cast<Index>(j));
        scaled.push_back(sw);
        added = true;
      }
    }
    if (!added) break;
  }
  r.candidate_edges = er.size();
  std::vector<int> degree(R, 0);
  double total = 0.0;
  for (std::size_t k = 0; k < er.size(); ++k) {
    if (s.g.flow(s.edge_arc0 + static_cast<Index>(k)) > 0) {
      const auto i = static_cast<std::size_t>(er[k]), j = static_cast<std::size_t>(ec[k]);
      r.chosen.push_back(i * C + j);
      total += w_at(i, j);
      ++degree[i];
    }
  }
  std::sort(r.chosen.begin(), r.chosen.end());
  r.objective = total + detail::assignment::earned_bonus(options.row_bonus, degree);
  detail::assignment::extract_duals(r, s, rows, cols, scale,
                                    detail::assignment::total_cap_binds(options.total_cap, row_cap),
                                    row_cap, options.row_bonus, bonus_scaled);
  detail::assignment::raise_zero_cap_duals(r, row_cap, col_cap, [&](auto&& f) {
    for (std::size_t i = 0; i < R; ++i)
      for (std::size_t j = 0; j < C; ++j)
        if (std::isfinite(w_at(i, j))) f(i, j, w_at(i, j));
  });
  return r;
}

}  // namespace festmatch
