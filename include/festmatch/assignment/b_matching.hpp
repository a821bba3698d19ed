// festmatch — maximum-weight b-matching on a bipartite graph.
//
// Problem. Rows and columns (startups and investors), weighted pairs (edges), each row i in at
// most row_cap[i] chosen edges, each column j in at most col_cap[j], optionally at most
// total_cap edges in all. Choose a set of edges maximising Σ weight + Σ bonus, where a row's
// optional RowBonus pays `bonus` for each of its first `count` chosen edges (a concave reward
// that spreads edges over rows: fairness). Maximum weight, not maximum cardinality: an edge is
// chosen only if it pays (its weight, plus the bonus it earns, is > 0).
//
// Method. Exact, as a min-cost flow (min_cost_flow.hpp): source → row (a capacity-`count` arc
// at cost -bonus, and one at cost 0 for the rest of row_cap), row → column (capacity 1, cost
// -weight), column → sink (col_cap), plus a source → sink bypass at cost 0, so flow only goes
// through a row when it pays; the source supplies min(total_cap, Σ row_cap). Solved by
// MinCostFlow's cost scaling, which also returns exact integer duals.
// Weights are scaled to int64 for exact, deterministic arithmetic: resolution (default 1e-9)
// times the largest |weight| or |bonus| (coarser on graphs of tens of thousands of lines, where
// the flow's exact range demands it: see detail::weight_scale); differences below it are ties.
// The returned objective is recomputed from the doubles.
//
// Dense input (a rows × cols weight matrix, NaN or ±inf = forbidden) is solved on a sparse
// candidate graph — each row's and each column's best few pairs — and then proven optimal for
// the whole matrix by the duals: every pruned pair whose reduced profit
// w - p(i) - q(j) - λ is positive is added and the problem re-solved, until none is left.
//
// Duals. row_potential p, col_potential q and total_potential λ satisfy, for every edge,
//   w(i,j) - p(i) - q(j) - λ <= 0 if not chosen and >= 0 if chosen   (to the resolution),
// p(i) = 0 unless row i is full (rows with a bonus: p(i) >= -bonus, < 0 only below `count`),
// q(j) >= 0 and 0 unless column j is full, λ >= 0 and 0 unless total_cap binds (when total_cap
// is absent or >= Σ row_cap, λ is always 0). A line of capacity 0 gets the dual that covers its
// pairs (it costs nothing).
//
// Complexity. One min-cost flow on rows + cols + 2 nodes and |edges| + rows + cols + 1 arcs
// (see min_cost_flow.hpp); dense: O(rows · cols) per pricing round on top.
//
// Usage.
//   festmatch::BMatchingProblem p{.rows = 2, .cols = 2,
//       .edges = {{0, 0, 5.0}, {0, 1, 4.0}, {1, 0, 3.0}},
//       .row_cap = {2, 1}, .col_cap = {1, 1}};
//   auto r = festmatch::max_weight_b_matching(p);   // r.chosen = {0, 1}, objective 9
#pragma once

#include <Eigen/Core>
#include <optional>
#include <vector>

#include "festmatch/assignment/linear_assignment.hpp"
#include "festmatch/assignment/status.hpp"
#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/index.hpp"

namespace festmatch {

struct BMatchingEdge {
  Index row = 0, col = 0;
  double weight = 0.0;
  friend bool operator==(const BMatchingEdge&, const BMatchingEdge&) = default;
};

// This row's first `count` chosen edges are each worth `bonus` (>= 0) more.
struct RowBonus {
  int count = 0;
  double bonus = 0.0;
};

struct BMatchingProblem {
  Index rows = 0, cols = 0;
  std::vector<BMatchingEdge> edges;   // each pair at most once
  std::vector<int> row_cap, col_cap;  // >= 0, one per row / column
  std::optional<int> total_cap;       // cap on the number of chosen edges
  std::vector<RowBonus> row_bonus;    // empty, or one per row
};

struct BMatchingOptions {
  std::optional<int> total_cap;     // as in BMatchingProblem
  std::vector<RowBonus> row_bonus;  // as in BMatchingProblem
  // Candidate graph: each row keeps its best row_factor·row_cap + extra pairs, each column its
  // best col_factor·col_cap + extra; pricing adds whatever else the optimum needs.
  double row_factor = 2.0, col_factor = 2.0;
  int extra = 2;
  double resolution = 1e-9;  // weight resolution, relative to the largest |weight| or |bonus|
};

struct BMatchingResult {
  SolveStatus status = SolveStatus::optimal;
  std::vector<std::size_t> chosen;  // indices into edges (dense: row * cols + col), sorted
  double objective = 0.0;           // Σ weight of chosen + Σ bonus earned
  std::vector<double> row_potential, col_potential;  // duals, see above
  double total_potential = 0.0;                      // λ, the dual of total_cap
  // Diagnostics.
  std::size_t candidate_edges = 0;  // edges in the last flow network
  int pricing_rounds = 0;           // dense: re-solves after the first
};

// Sparse problem: exact maximum-weight b-matching on problem.edges.
FESTMATCH_FUNC BMatchingResult max_weight_b_matching(const BMatchingProblem& problem,
                                                     double resolution = 1e-9);

// Dense problem: weights rows × cols (NaN or ±inf = forbidden), solved on a candidate graph and
// proven optimal for the whole matrix by dual pricing. chosen holds row * cols + col.
FESTMATCH_FUNC BMatchingResult max_weight_b_matching(
    const Eigen::Ref<const RowMajorMatrix>& weights, const std::vector<int>& row_cap,
    const std::vector<int>& col_cap, const BMatchingOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/assignment/b_matching-inl.hpp"
#endif
