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
//   1. a strong start gives most rows a column and a dual-feasible (u, v): column reduction
//      and reduction transfer (square), or each row taking its cheapest column while it is free
//      (rectangular, v = 0); then two rounds of augmenting row reduction (both shapes);
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
#include <vector>

#include "festmatch/assignment/status.hpp"
#include "festmatch/config.hpp"
#include "festmatch/index.hpp"

namespace festmatch {

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct LinearAssignmentResult {
  SolveStatus status = SolveStatus::optimal;
  std::vector<Index> row_to_col, col_to_row;         // -1 = unassigned
  double objective = 0.0;                            // Σ cost of the assigned pairs
  std::vector<double> row_potential, col_potential;  // dual solution (u, v), see above
};

// Solves the assignment problem on `cost` (any shape; see the top of this file).
FESTMATCH_FUNC LinearAssignmentResult
linear_sum_assignment(const Eigen::Ref<const RowMajorMatrix>& cost, Sense sense = Sense::minimize);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/assignment/linear_assignment-inl.hpp"
#endif
