// linear_sum_assignment: exact against brute force on every small shape, with a dual
// certificate checked on every solve.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <festmatch/assignment/linear_assignment.hpp>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <vector>

using festmatch::Index;
using festmatch::LinearAssignmentResult;
using festmatch::RowMajorMatrix;
using festmatch::Sense;
using festmatch::SolveStatus;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

bool allowed(double c) {
  return std::isfinite(c);
}

// Brute force: the best objective over all assignments of min(rows, cols) pairs, or nullopt.
std::optional<double> brute_force(const RowMajorMatrix& c, Sense sense) {
  const Index rows = static_cast<Index>(c.rows()), cols = static_cast<Index>(c.cols());
  const bool t = rows > cols;
  const Index n = t ? cols : rows, m = t ? rows : cols;
  auto at = [&](Index i, Index j) { return t ? c(j, i) : c(i, j); };
  // Enumerate injective maps of the n short-side lines into the m long-side lines.
  std::vector<Index> perm(static_cast<std::size_t>(m));
  std::iota(perm.begin(), perm.end(), 0);
  std::optional<double> best;
  do {
    double total = 0.0;
    bool ok = true;
    for (Index i = 0; i < n && ok; ++i) {
      const double w = at(i, perm[static_cast<std::size_t>(i)]);
      ok = allowed(w);
      total += w;
    }
    if (ok && (!best || (sense == Sense::minimize ? total < *best : total > *best))) best = total;
    // Skip permutations that differ only beyond position n.
    std::reverse(perm.begin() + n, perm.end());
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

// Checks a result is a valid assignment of the right size and that its duals prove optimality.
void check_certificate(const RowMajorMatrix& c, Sense sense, const LinearAssignmentResult& r) {
  REQUIRE(r.status == SolveStatus::optimal);
  const Index rows = static_cast<Index>(c.rows()), cols = static_cast<Index>(c.cols());
  REQUIRE(r.row_to_col.size() == static_cast<std::size_t>(rows));
  REQUIRE(r.col_to_row.size() == static_cast<std::size_t>(cols));
  REQUIRE(r.row_potential.size() == static_cast<std::size_t>(rows));
  REQUIRE(r.col_potential.size() == static_cast<std::size_t>(cols));
  double scale = 1.0;
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j)
      if (allowed(c(i, j))) scale = std::max(scale, std::abs(c(i, j)));
  const double tol = 1e-9 * scale * (rows + cols + 1);
  Index pairs = 0;
  double objective = 0.0;
  for (Index i = 0; i < rows; ++i) {
    const Index j = r.row_to_col[static_cast<std::size_t>(i)];
    if (j < 0) continue;
    ++pairs;
    REQUIRE(j < cols);
    CHECK(r.col_to_row[static_cast<std::size_t>(j)] == i);
    REQUIRE(allowed(c(i, j)));
    objective += c(i, j);
  }
  CHECK(pairs == std::min(rows, cols));
  CHECK(r.objective == doctest::Approx(objective).epsilon(1e-12));
  const double sign = sense == Sense::minimize ? 1.0 : -1.0;
  double dual = 0.0;
  for (Index i = 0; i < rows; ++i) {
    dual += r.row_potential[static_cast<std::size_t>(i)];
    for (Index j = 0; j < cols; ++j) {
      if (!allowed(c(i, j))) continue;
      const double reduced = sign * (c(i, j) - r.row_potential[static_cast<std::size_t>(i)] -
                                     r.col_potential[static_cast<std::size_t>(j)]);
      CHECK(reduced >= -tol);  // dual feasibility
      if (r.row_to_col[static_cast<std::size_t>(i)] == j)
        CHECK(std::abs(reduced) <= tol);  // slackness
    }
  }
  for (double p : r.col_potential) dual += p;
  // Lines of the longer side: sign-constrained, and 0 when unassigned.
  if (rows != cols) {
    const auto& longer = rows > cols ? r.row_potential : r.col_potential;
    const auto& owner = rows > cols ? r.row_to_col : r.col_to_row;
    for (std::size_t k = 0; k < longer.size(); ++k) {
      CHECK(sign * longer[k] <= tol);
      if (owner[k] < 0) CHECK(longer[k] == 0.0);
    }
  }
  CHECK(std::abs(dual - objective) <= tol);  // strong duality
}

RowMajorMatrix random_matrix(std::mt19937_64& rng, Index rows, Index cols, int levels,
                             double forbidden) {
  std::uniform_int_distribution<int> value(0, levels - 1);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  RowMajorMatrix c(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) {
      const double roll = coin(rng);
      c(i, j) = roll < forbidden / 2 ? kNaN
                : roll < forbidden   ? kInf
                                     : static_cast<double>(value(rng));
    }
  return c;
}

}  // namespace

TEST_CASE("linear_sum_assignment: the documented example") {
  RowMajorMatrix c(3, 3);
  c << 4, 1, 3, 2, 0, 5, 3, 2, 2;
  const auto r = festmatch::linear_sum_assignment(c);
  CHECK(r.status == SolveStatus::optimal);
  CHECK(r.row_to_col == std::vector<Index>{1, 0, 2});
  CHECK(r.col_to_row == std::vector<Index>{1, 0, 2});
  CHECK(r.objective == 5.0);
  check_certificate(c, Sense::minimize, r);
}

TEST_CASE("linear_sum_assignment: brute force on every shape up to 7 x 7, both senses") {
  std::mt19937_64 rng(20231918);
  for (Index rows = 1; rows <= 7; ++rows) {
    for (Index cols = 1; cols <= 7; ++cols) {
      for (int trial = 0; trial < 6; ++trial) {
        const int levels = trial % 2 == 0 ? 3 : 1000;  // many ties, or few
        const double forbidden = trial < 2 ? 0.0 : trial < 4 ? 0.2 : 0.5;
        const RowMajorMatrix c = random_matrix(rng, rows, cols, levels, forbidden);
        for (Sense sense : {Sense::minimize, Sense::maximize}) {
          CAPTURE(rows);
          CAPTURE(cols);
          CAPTURE(trial);
          const auto expected = brute_force(c, sense);
          const auto r = festmatch::linear_sum_assignment(c, sense);
          if (!expected) {
            CHECK(r.status == SolveStatus::infeasible);
            CHECK(std::all_of(r.row_to_col.begin(), r.row_to_col.end(),
                              [](Index j) { return j == -1; }));
            CHECK(r.row_to_col.size() == static_cast<std::size_t>(rows));
            continue;
          }
          check_certificate(c, sense, r);
          CHECK(r.objective == doctest::Approx(*expected));
        }
      }
    }
  }
}

TEST_CASE("linear_sum_assignment: an all-forbidden row or column") {
  RowMajorMatrix c(3, 4);
  c << 1, 2, 3, 4, kNaN, kNaN, -kInf, kInf, 5, 6, 7, 8;
  auto r = festmatch::linear_sum_assignment(c);
  CHECK(r.status == SolveStatus::infeasible);
  // A forbidden column is fine while the rows are the short side...
  RowMajorMatrix d(2, 3);
  d << 1, kNaN, 3, 4, kNaN, 6;
  r = festmatch::linear_sum_assignment(d);
  CHECK(r.status == SolveStatus::optimal);
  CHECK(r.objective == 7.0);
  check_certificate(d, Sense::minimize, r);
  // ...but not when every column must be used.
  RowMajorMatrix e(3, 2);
  e << 1, kNaN, 3, kNaN, 2, kNaN;
  CHECK(festmatch::linear_sum_assignment(e).status == SolveStatus::infeasible);
  // Two rows that can only use the same column.
  RowMajorMatrix f(3, 3);
  f << 1, kNaN, kNaN, 2, kNaN, kNaN, 1, 1, 1;
  CHECK(festmatch::linear_sum_assignment(f).status == SolveStatus::infeasible);
}

TEST_CASE("linear_sum_assignment: empty shapes") {
  for (auto [rows, cols] : {std::pair{0, 0}, std::pair{0, 5}, std::pair{5, 0}}) {
    const RowMajorMatrix c(rows, cols);
    const auto r = festmatch::linear_sum_assignment(c);
    CHECK(r.status == SolveStatus::optimal);
    CHECK(r.objective == 0.0);
    CHECK(r.row_to_col == std::vector<Index>(static_cast<std::size_t>(rows), -1));
    CHECK(r.col_to_row == std::vector<Index>(static_cast<std::size_t>(cols), -1));
  }
}

TEST_CASE("linear_sum_assignment: all equal, huge and tiny magnitudes") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (double magnitude : {1.0, 1e12, 1e-12}) {
    for (auto [rows, cols] : {std::pair{40, 40}, std::pair{30, 45}, std::pair{45, 30}}) {
      RowMajorMatrix c(rows, cols);
      for (Index i = 0; i < rows; ++i)
        for (Index j = 0; j < cols; ++j) c(i, j) = magnitude * unit(rng);
      for (Sense sense : {Sense::minimize, Sense::maximize}) {
        const auto r = festmatch::linear_sum_assignment(c, sense);
        check_certificate(c, sense, r);
      }
      c.setConstant(magnitude);
      const auto r = festmatch::linear_sum_assignment(c);
      check_certificate(c, Sense::minimize, r);
      CHECK(r.objective == doctest::Approx(magnitude * std::min(rows, cols)));
    }
  }
}

TEST_CASE("linear_sum_assignment: larger random matrices carry a valid certificate") {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> small(0, 9);
  for (auto [rows, cols] :
       {std::pair{150, 150}, std::pair{120, 300}, std::pair{300, 120}, std::pair{257, 257}}) {
    RowMajorMatrix c(rows, cols), k(rows, cols);
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j < cols; ++j) {
        c(i, j) = unit(rng);
        k(i, j) = unit(rng) < 0.3 ? kNaN : small(rng);
      }
    for (Sense sense : {Sense::minimize, Sense::maximize}) {
      check_certificate(c, sense, festmatch::linear_sum_assignment(c, sense));
      check_certificate(k, sense, festmatch::linear_sum_assignment(k, sense));
    }
  }
}

TEST_CASE("linear_sum_assignment: accepts a block of a larger matrix (outer stride)") {
  RowMajorMatrix big(4, 6);
  big << 9, 9, 9, 9, 9, 9,  //
      9, 4, 1, 3, 9, 9,     //
      9, 2, 0, 5, 9, 9,     //
      9, 3, 2, 2, 9, 9;
  const auto r = festmatch::linear_sum_assignment(big.block(1, 1, 3, 3));
  CHECK(r.row_to_col == std::vector<Index>{1, 0, 2});
  CHECK(r.objective == 5.0);
}
