// festmatch — linear sum assignment (the rectangular assignment problem).
//
// Problem. Given a rows × cols cost matrix C, choose k = min(rows, cols) pairs (i, j), no row
// and no column twice, minimising (or maximising) Σ C(i, j). Entries that are NaN or ±inf are
// forbidden. The problem is infeasible when no set of k pairs avoids the forbidden entries.
// This is what scipy.optimize.linear_sum_assignment solves.
//
// Method. Shortest augmenting paths with dual potentials, after Jonker & Volgenant, "A shortest
// augmenting path algorithm for dense and sparse linear assignment problems", Computing 38
// (1987), with the rectangular extension of Bijsterbosch & Volgenant (2010) / Crouse, "On
// implementing 2D rectangular assignment algorithms", IEEE TAES 52 (2016):
//   1. (square only) column reduction, reduction transfer and two rounds of augmenting row
//      reduction give most rows a column and a dual-feasible start;
//      (rectangular) each row takes its cheapest column when still free;
//   2. every free row is then assigned by a Dijkstra search for the shortest augmenting path in
//      reduced costs C(i,j) - u(i) - v(j) >= 0, followed by a dual update.
// The Dijkstra inner loop runs over one contiguous matrix row and branch-free over all columns
// (scanned columns are masked by setting their potential to -inf), so the compiler vectorises
// it. Rows > cols is solved on the transpose.
//
// Complexity. O(k² · max(rows, cols)) time in the worst case, far less on typical input after
// the start; O(rows · cols) extra memory for a contiguous copy of the costs.
//
// Duals. On `optimal`, row_potential u and col_potential v satisfy, for every allowed (i, j):
//   minimise:  C(i,j) - u(i) - v(j) >= 0,  with equality on assigned pairs;
//   maximise:  C(i,j) - u(i) - v(j) <= 0,  with equality on assigned pairs;
// and when rows != cols the potential of every unassigned line of the longer side is 0 and
// every potential on that side is <= 0 (minimise) or >= 0 (maximise). So Σu + Σv equals the
// objective: a certificate of optimality.
//
// Usage.
//   Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> c(3, 3);
//   c << 4, 1, 3,
//        2, 0, 5,
//        3, 2, 2;
//   auto r = festmatch::linear_sum_assignment(c);   // r.row_to_col = {1, 0, 2}, objective 5
//
// Infeasible results have every entry of row_to_col / col_to_row at -1, objective 0 and empty
// potentials.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "festmatch/assignment/status.hpp"
#include "festmatch/event.hpp"  // festmatch::Index

namespace festmatch {

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct LinearAssignmentResult {
  SolveStatus status = SolveStatus::optimal;
  std::vector<Index> row_to_col, col_to_row;  // -1 = unassigned
  double objective = 0.0;                     // Σ cost of the assigned pairs
  std::vector<double> row_potential, col_potential;  // dual solution (u, v), see above
};

namespace detail {

// Dense square/wide LAP (n <= m) on a contiguous row-major n×m matrix where +inf = forbidden
// and every other entry is finite. Fills x (row→col), y (col→row), u, v. Returns false when
// infeasible.
class DenseLap {
 public:
  bool solve(Index n, Index m, const double* c, std::vector<Index>& x, std::vector<Index>& y,
             std::vector<double>& u, std::vector<double>& v) {
    n_ = n;
    m_ = m;
    c_ = c;
    x.assign(static_cast<std::size_t>(n), -1);
    y.assign(static_cast<std::size_t>(m), -1);
    u.assign(static_cast<std::size_t>(n), 0.0);
    v.assign(static_cast<std::size_t>(m), 0.0);
    if (n == 0) return true;
    std::vector<Index> free_rows;
    if (n == m) {
      if (!square_start(x, y, u, v, free_rows)) return false;
    } else {
      if (!wide_start(x, y, u, free_rows)) return false;
    }
    d_.assign(static_cast<std::size_t>(m), kInf);
    dfin_.assign(static_cast<std::size_t>(m), 0.0);
    pred_.assign(static_cast<std::size_t>(m), 0);
    for (Index i : free_rows) {
      if (!augment(i, x, y, u, v)) return false;
    }
    return true;
  }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  [[nodiscard]] const double* row(Index i) const {
    return c_ + static_cast<std::ptrdiff_t>(i) * m_;
  }

  // Rectangular start: v = 0, u(i) = min_j C(i,j); a row takes its cheapest column if free.
  bool wide_start(std::vector<Index>& x, std::vector<Index>& y, std::vector<double>& u,
                  std::vector<Index>& free_rows) {
    for (Index i = 0; i < n_; ++i) {
      const double* ci = row(i);
      const auto best = std::min_element(ci, ci + m_) - ci;
      if (ci[best] == kInf) return false;  // a row with no allowed column
      u[static_cast<std::size_t>(i)] = ci[best];
      if (y[static_cast<std::size_t>(best)] < 0) {
        y[static_cast<std::size_t>(best)] = i;
        x[static_cast<std::size_t>(i)] = static_cast<Index>(best);
      } else {
        free_rows.push_back(i);
      }
    }
    return true;
  }

  // Jonker–Volgenant start for square matrices.
  bool square_start(std::vector<Index>& x, std::vector<Index>& y, std::vector<double>& u,
                    std::vector<double>& v, std::vector<Index>& free_rows) {
    const auto n = static_cast<std::size_t>(n_);
    // Column reduction, row by row so the matrix is read contiguously.
    std::vector<Index> argmin(n, 0);
    std::fill(v.begin(), v.end(), kInf);
    for (Index i = 0; i < n_; ++i) {
      const double* ci = row(i);
      for (std::size_t j = 0; j < n; ++j) {
        const bool better = ci[j] < v[j];
        v[j] = better ? ci[j] : v[j];
        argmin[j] = better ? i : argmin[j];
      }
    }
    for (std::size_t j = 0; j < n; ++j) {
      if (v[j] == kInf) return false;  // a column with no allowed row
    }
    std::vector<int> matches(n, 0);
    for (std::size_t jj = n; jj-- > 0;) {
      const auto i = static_cast<std::size_t>(argmin[jj]);
      if (matches[i]++ == 0) {
        x[i] = static_cast<Index>(jj);
        y[jj] = static_cast<Index>(i);
      }
    }
    // Reduction transfer: a row matched once hands its slack to its column.
    for (std::size_t i = 0; i < n; ++i) {
      if (matches[i] == 0) {
        free_rows.push_back(static_cast<Index>(i));
      } else if (matches[i] == 1) {
        const auto j1 = static_cast<std::size_t>(x[i]);
        const double* ci = row(static_cast<Index>(i));
        double mu = kInf;
        for (std::size_t j = 0; j < n; ++j) {
          if (j != j1) mu = std::min(mu, ci[j] - v[j]);
        }
        if (mu < kInf) v[j1] -= mu;
      }
    }
    // Two rounds of augmenting row reduction.
    std::size_t budget = 16 * n + 64;  // guards against slow float ping-pong
    for (int round = 0; round < 2 && !free_rows.empty(); ++round) {
      std::size_t k = 0;
      const std::size_t previous = free_rows.size();
      std::size_t kept = 0;
      while (k < previous) {
        const auto i = static_cast<std::size_t>(free_rows[k++]);
        const double* ci = row(static_cast<Index>(i));
        double u1 = kInf, u2 = kInf;
        std::size_t j1 = 0, j2 = n;
        for (std::size_t j = 0; j < n; ++j) {
          const double h = ci[j] - v[j];
          if (h < u2) {
            if (h < u1) {
              u2 = u1;
              j2 = j1;
              u1 = h;
              j1 = j;
            } else {
              u2 = h;
              j2 = j;
            }
          }
        }
        if (u1 == kInf) return false;  // a row with no allowed column
        Index i0 = y[j1];
        const bool lowers = u1 < u2 && u2 < kInf && budget > 0;
        if (budget > 0) --budget;
        if (lowers) {
          v[j1] -= u2 - u1;
        } else if (i0 >= 0 && j2 < n && u2 == u1) {
          j1 = j2;
          i0 = y[j1];
        }
        x[i] = static_cast<Index>(j1);
        y[j1] = static_cast<Index>(i);
        if (i0 >= 0) {
          x[static_cast<std::size_t>(i0)] = -1;
          if (lowers) {
            free_rows[--k] = i0;
          } else {
            free_rows[kept++] = i0;
          }
        }
      }
      free_rows.resize(kept);
    }
    // u(i) = row minimum of the reduced costs; assigned rows are tight at their column.
    for (std::size_t i = 0; i < n; ++i) {
      if (x[i] >= 0) {
        u[i] = row(static_cast<Index>(i))[x[i]] - v[static_cast<std::size_t>(x[i])];
      } else {
        const double* ci = row(static_cast<Index>(i));
        double mn = kInf;
        for (std::size_t j = 0; j < n; ++j) mn = std::min(mn, ci[j] - v[j]);
        u[i] = mn;
      }
    }
    return true;
  }

  // Dijkstra from free row i0 to the nearest free column, then dual update and augmentation.
  bool augment(Index i0, std::vector<Index>& x, std::vector<Index>& y, std::vector<double>& u,
               std::vector<double>& v) {
    const auto m = static_cast<std::size_t>(m_);
    double* d = d_.data();
    std::int64_t* pred = pred_.data();
    double* vv = v.data();
    scanned_rows_.clear();
    scanned_cols_.clear();
    double min_val = 0.0;
    Index i = i0;
    Index sink = -1;
    while (true) {
      scanned_rows_.push_back(i);
      const double* ci = row(i);
      const double base = min_val - u[static_cast<std::size_t>(i)];
      const std::int64_t ii = i;
      double best = kInf;
      // Scanned columns carry v = -inf, so r = +inf never improves them.
      for (std::size_t j = 0; j < m; ++j) {
        const double r = base + ci[j] - vv[j];
        const bool better = r < d[j];
        d[j] = better ? r : d[j];
        pred[j] = better ? ii : pred[j];
        best = std::min(best, d[j]);
      }
      if (best == kInf) {
        restore(v);
        return false;  // no free column reachable
      }
      // First column at the minimum, preferring a free one (decisive on integer costs).
      std::size_t pick = m;
      for (std::size_t j = 0; j < m; ++j) {
        if (d[j] == best) {
          if (pick == m) pick = j;
          if (y[j] < 0) {
            pick = j;
            break;
          }
        }
      }
      min_val = best;
      scanned_cols_.push_back({static_cast<Index>(pick), vv[pick]});
      dfin_[pick] = best;
      vv[pick] = -kInf;
      d[pick] = kInf;
      if (y[pick] < 0) {
        sink = static_cast<Index>(pick);
        break;
      }
      i = y[pick];
    }
    // Dual update.
    u[static_cast<std::size_t>(i0)] += min_val;
    for (std::size_t k = 1; k < scanned_rows_.size(); ++k) {
      const auto r = static_cast<std::size_t>(scanned_rows_[k]);
      u[r] += min_val - dfin_[static_cast<std::size_t>(x[r])];
    }
    for (const auto& [j, saved] : scanned_cols_) {
      vv[j] = saved - (min_val - dfin_[static_cast<std::size_t>(j)]);
    }
    std::fill(d_.begin(), d_.end(), kInf);
    // Augment along the predecessor chain.
    Index j = sink;
    while (true) {
      const auto r = static_cast<Index>(pred[j]);
      y[static_cast<std::size_t>(j)] = r;
      std::swap(x[static_cast<std::size_t>(r)], j);
      if (r == i0) break;
    }
    return true;
  }

  void restore(std::vector<double>& v) {
    for (const auto& [j, saved] : scanned_cols_) v[static_cast<std::size_t>(j)] = saved;
  }

  struct ScannedCol {
    Index col;
    double saved_v;
  };

  Index n_ = 0, m_ = 0;
  const double* c_ = nullptr;
  std::vector<double> d_, dfin_;
  std::vector<std::int64_t> pred_;
  std::vector<Index> scanned_rows_;
  std::vector<ScannedCol> scanned_cols_;
};

}  // namespace detail

// Solves the assignment problem on `cost` (any shape; see the top of this file).
inline LinearAssignmentResult linear_sum_assignment(const Eigen::Ref<const RowMajorMatrix>& cost,
                                                    Sense sense = Sense::minimize) {
  const auto rows = static_cast<Index>(cost.rows());
  const auto cols = static_cast<Index>(cost.cols());
  const bool transpose = rows > cols;
  const Index n = transpose ? cols : rows;
  const Index m = transpose ? rows : cols;
  const double sign = sense == Sense::maximize ? -1.0 : 1.0;
  constexpr double inf = std::numeric_limits<double>::infinity();

  // A contiguous, sign-adjusted copy with forbidden entries at +inf.
  std::vector<double> c(static_cast<std::size_t>(n) * static_cast<std::size_t>(m));
  if (!transpose) {
    for (Index i = 0; i < n; ++i) {
      const double* src = cost.data() + static_cast<std::ptrdiff_t>(i) * cost.outerStride();
      double* dst = c.data() + static_cast<std::ptrdiff_t>(i) * m;
      for (Index j = 0; j < m; ++j) {
        const double w = sign * src[j];
        dst[j] = std::isfinite(w) ? w : inf;
      }
    }
  } else {
    for (Index r = 0; r < rows; ++r) {
      for (Index k = 0; k < cols; ++k) {
        const double w = sign * cost(r, k);
        c[static_cast<std::size_t>(k) * static_cast<std::size_t>(m) + static_cast<std::size_t>(r)] =
            std::isfinite(w) ? w : inf;
      }
    }
  }

  LinearAssignmentResult result;
  std::vector<Index> x, y;
  std::vector<double> u, v;
  detail::DenseLap lap;
  if (!lap.solve(n, m, c.data(), x, y, u, v)) {
    result.status = SolveStatus::infeasible;
    result.row_to_col.assign(static_cast<std::size_t>(rows), -1);
    result.col_to_row.assign(static_cast<std::size_t>(cols), -1);
    return result;
  }
  if (transpose) {
    result.row_to_col = std::move(y);
    result.col_to_row = std::move(x);
    result.row_potential = std::move(v);
    result.col_potential = std::move(u);
  } else {
    result.row_to_col = std::move(x);
    result.col_to_row = std::move(y);
    result.row_potential = std::move(u);
    result.col_potential = std::move(v);
  }
  if (sense == Sense::maximize) {
    for (double& p : result.row_potential) p = -p;
    for (double& p : result.col_potential) p = -p;
  }
  double total = 0.0;
  for (Index i = 0; i < rows; ++i) {
    const Index j = result.row_to_col[static_cast<std::size_t>(i)];
    if (j >= 0) total += cost(i, j);
  }
  result.objective = total;
  return result;
}

}  // namespace festmatch
