// max_weight_b_matching: exact against brute force (caps, total cap, row bonus), against the
// assignment solver, and dense pricing against the full graph; duals checked on every solve.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <festmatch/assignment/b_matching.hpp>
#include <festmatch/assignment/linear_assignment.hpp>
#include <limits>
#include <optional>
#include <random>
#include <vector>

using festmatch::BMatchingEdge;
using festmatch::BMatchingOptions;
using festmatch::BMatchingProblem;
using festmatch::BMatchingResult;
using festmatch::Index;
using festmatch::RowBonus;
using festmatch::RowMajorMatrix;
using festmatch::SolveStatus;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double value_of(const BMatchingProblem& p, const std::vector<std::size_t>& chosen) {
  std::vector<int> deg(static_cast<std::size_t>(p.rows), 0);
  double total = 0.0;
  for (std::size_t k : chosen) {
    total += p.edges[k].weight;
    ++deg[static_cast<std::size_t>(p.edges[k].row)];
  }
  for (std::size_t i = 0; i < p.row_bonus.size(); ++i)
    total += p.row_bonus[i].bonus * std::min(p.row_bonus[i].count, deg[i]);
  return total;
}

bool feasible(const BMatchingProblem& p, const std::vector<std::size_t>& chosen) {
  std::vector<int> rd(static_cast<std::size_t>(p.rows), 0), cd(static_cast<std::size_t>(p.cols), 0);
  for (std::size_t k : chosen) {
    if (++rd[static_cast<std::size_t>(p.edges[k].row)] >
        p.row_cap[static_cast<std::size_t>(p.edges[k].row)])
      return false;
    if (++cd[static_cast<std::size_t>(p.edges[k].col)] >
        p.col_cap[static_cast<std::size_t>(p.edges[k].col)])
      return false;
  }
  return !p.total_cap || static_cast<int>(chosen.size()) <= *p.total_cap;
}

double brute_force(const BMatchingProblem& p) {
  const std::size_t m = p.edges.size();
  double best = 0.0;
  for (std::uint32_t mask = 0; mask < (1u << m); ++mask) {
    std::vector<std::size_t> chosen;
    for (std::size_t k = 0; k < m; ++k)
      if (mask >> k & 1u) chosen.push_back(k);
    if (feasible(p, chosen)) best = std::max(best, value_of(p, chosen));
  }
  return best;
}

// Feasibility, the objective, and the dual certificate of the header's "Duals" paragraph.
void check_certificate(const BMatchingProblem& p, const BMatchingResult& r) {
  REQUIRE(r.status == SolveStatus::optimal);
  REQUIRE(std::is_sorted(r.chosen.begin(), r.chosen.end()));
  REQUIRE(std::adjacent_find(r.chosen.begin(), r.chosen.end()) == r.chosen.end());
  REQUIRE(feasible(p, r.chosen));
  CHECK(r.objective == doctest::Approx(value_of(p, r.chosen)));
  double scale = 0.0;
  for (const auto& e : p.edges) scale = std::max(scale, std::abs(e.weight));
  for (const auto& b : p.row_bonus) scale = std::max(scale, b.bonus);
  const double tol = 1e-8 * std::max(scale, 1e-300) + 1e-300;
  std::vector<char> is_chosen(p.edges.size(), 0);
  std::vector<int> rd(static_cast<std::size_t>(p.rows), 0), cd(static_cast<std::size_t>(p.cols), 0);
  for (std::size_t k : r.chosen) {
    is_chosen[k] = 1;
    ++rd[static_cast<std::size_t>(p.edges[k].row)];
    ++cd[static_cast<std::size_t>(p.edges[k].col)];
  }
  REQUIRE(r.row_potential.size() == static_cast<std::size_t>(p.rows));
  REQUIRE(r.col_potential.size() == static_cast<std::size_t>(p.cols));
  for (std::size_t k = 0; k < p.edges.size(); ++k) {
    const auto& e = p.edges[k];
    const double reduced = e.weight - r.row_potential[static_cast<std::size_t>(e.row)] -
                           r.col_potential[static_cast<std::size_t>(e.col)] - r.total_potential;
    if (is_chosen[k]) {
      CHECK(reduced >= -tol);
    } else {
      CHECK(reduced <= tol);
    }
  }
  for (Index i = 0; i < p.rows; ++i) {
    const double pi = r.row_potential[static_cast<std::size_t>(i)];
    const bool bonus = !p.row_bonus.empty() && p.row_bonus[static_cast<std::size_t>(i)].bonus > 0 &&
                       p.row_bonus[static_cast<std::size_t>(i)].count > 0;
    if (!bonus) {
      CHECK(pi >= 0.0);
      if (pi > tol)
        CHECK(rd[static_cast<std::size_t>(i)] == p.row_cap[static_cast<std::size_t>(i)]);
    }
  }
  for (Index j = 0; j < p.cols; ++j) {
    const double q = r.col_potential[static_cast<std::size_t>(j)];
    CHECK(q >= 0.0);
    if (q > tol) CHECK(cd[static_cast<std::size_t>(j)] == p.col_cap[static_cast<std::size_t>(j)]);
  }
  CHECK(r.total_potential >= 0.0);
  if (r.total_potential > tol) CHECK(p.total_cap.has_value());
  if (r.total_potential > tol) CHECK(static_cast<int>(r.chosen.size()) == *p.total_cap);
  // Strong duality when no bonus: Σ cap·p + Σ cap·q + T·λ + Σ_chosen reduced = objective.
  if (p.row_bonus.empty()) {
    double dual = 0.0;
    for (Index i = 0; i < p.rows; ++i)
      dual += p.row_cap[static_cast<std::size_t>(i)] * r.row_potential[static_cast<std::size_t>(i)];
    for (Index j = 0; j < p.cols; ++j)
      dual += p.col_cap[static_cast<std::size_t>(j)] * r.col_potential[static_cast<std::size_t>(j)];
    if (p.total_cap) dual += *p.total_cap * r.total_potential;
    for (std::size_t k : r.chosen) {
      const auto& e = p.edges[k];
      dual += e.weight - r.row_potential[static_cast<std::size_t>(e.row)] -
              r.col_potential[static_cast<std::size_t>(e.col)] - r.total_potential;
    }
    CHECK(dual == doctest::Approx(r.objective).epsilon(1e-7));
  }
}

BMatchingProblem random_problem(std::mt19937_64& rng, Index rows, Index cols, std::size_t max_edges,
                                bool integer) {
  BMatchingProblem p;
  p.rows = rows;
  p.cols = cols;
  std::vector<std::pair<Index, Index>> pairs;
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) pairs.emplace_back(i, j);
  std::shuffle(pairs.begin(), pairs.end(), rng);
  pairs.resize(std::min(pairs.size(), max_edges));
  std::uniform_real_distribution<double> w(-0.5, 2.0);
  for (auto [i, j] : pairs) p.edges.push_back({i, j, integer ? std::round(4 * w(rng)) : w(rng)});
  for (Index i = 0; i < rows; ++i) p.row_cap.push_back(static_cast<int>(rng() % 3));
  for (Index j = 0; j < cols; ++j) p.col_cap.push_back(static_cast<int>(rng() % 3));
  return p;
}

}  // namespace

TEST_CASE("b-matching: the documented example") {
  const BMatchingProblem p{.rows = 2,
                           .cols = 2,
                           .edges = {{0, 0, 5.0}, {0, 1, 4.0}, {1, 0, 3.0}},
                           .row_cap = {2, 1},
                           .col_cap = {1, 1}};
  const auto r = festmatch::max_weight_b_matching(p);
  CHECK(r.chosen == std::vector<std::size_t>{0, 1});
  CHECK(r.objective == 9.0);
  check_certificate(p, r);
}

TEST_CASE("b-matching: brute force with caps, total cap and row bonus") {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 300; ++trial) {
    const Index rows = 1 + static_cast<Index>(rng() % 4), cols = 1 + static_cast<Index>(rng() % 4);
    auto p = random_problem(rng, rows, cols, 11, trial % 2 == 0);
    if (trial % 3 == 1) p.total_cap = static_cast<int>(rng() % 4);
    if (trial % 4 >= 2) {
      for (Index i = 0; i < rows; ++i)
        p.row_bonus.push_back({static_cast<int>(rng() % 3), (rng() % 4) * 0.5});
    }
    CAPTURE(trial);
    const auto r = festmatch::max_weight_b_matching(p);
    check_certificate(p, r);
    CHECK(r.objective == doctest::Approx(brute_force(p)));
  }
}

TEST_CASE("b-matching: an edge is chosen only if it pays") {
  const BMatchingProblem p{.rows = 2,
                           .cols = 2,
                           .edges = {{0, 0, -1.0}, {0, 1, 0.0}, {1, 1, 2.0}},
                           .row_cap = {2, 2},
                           .col_cap = {2, 2}};
  auto r = festmatch::max_weight_b_matching(p);
  CHECK(r.chosen == std::vector<std::size_t>{2});
  CHECK(r.objective == 2.0);
  check_certificate(p, r);
  // A bonus of 1.5 on row 0's first edge makes its 0 edge pay, but not the -1 edge as well.
  auto q = p;
  q.row_bonus = {{1, 1.5}, {0, 0.0}};
  r = festmatch::max_weight_b_matching(q);
  CHECK(r.objective == 3.5);
  CHECK(r.chosen == std::vector<std::size_t>{1, 2});
  check_certificate(q, r);
}

TEST_CASE("b-matching: caps of 1 and large weights give the assignment optimum") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (auto [rows, cols] : {std::pair{30, 30}, std::pair{20, 35}, std::pair{35, 20}}) {
    RowMajorMatrix w(rows, cols);
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j < cols; ++j) w(i, j) = 100.0 + unit(rng);
    const auto lap = festmatch::linear_sum_assignment(w, festmatch::Sense::maximize);
    const auto dense =
        festmatch::max_weight_b_matching(w, std::vector<int>(static_cast<std::size_t>(rows), 1),
                                         std::vector<int>(static_cast<std::size_t>(cols), 1));
    REQUIRE(dense.status == SolveStatus::optimal);
    CHECK(dense.chosen.size() == static_cast<std::size_t>(std::min(rows, cols)));
    CHECK(dense.objective == doctest::Approx(lap.objective).epsilon(1e-9));
  }
}

TEST_CASE("b-matching: dense pricing reaches the optimum of the full graph") {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> unit(-0.2, 1.0);
  for (int trial = 0; trial < 12; ++trial) {
    const Index rows = 40 + static_cast<Index>(rng() % 30),
                cols = 20 + static_cast<Index>(rng() % 30);
    RowMajorMatrix w(rows, cols);
    BMatchingProblem full{.rows = rows, .cols = cols};
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j < cols; ++j) {
        w(i, j) = rng() % 10 == 0 ? kNaN : trial % 2 ? unit(rng) : std::round(10 * unit(rng));
        if (!std::isnan(w(i, j))) full.edges.push_back({i, j, w(i, j)});
      }
    for (Index i = 0; i < rows; ++i) full.row_cap.push_back(static_cast<int>(rng() % 5));
    for (Index j = 0; j < cols; ++j) full.col_cap.push_back(static_cast<int>(rng() % 9));
    BMatchingOptions options;
    options.row_factor = 0.5;  // a small candidate graph, so pricing has work to do
    options.col_factor = 0.5;
    options.extra = 0;
    if (trial % 3 == 1) {
      options.total_cap = static_cast<int>(rng() % 60);
      full.total_cap = options.total_cap;
    }
    if (trial % 3 == 2) {
      for (Index i = 0; i < rows; ++i)
        options.row_bonus.push_back({static_cast<int>(rng() % 3), 0.3});
      full.row_bonus = options.row_bonus;
    }
    const auto exact = festmatch::max_weight_b_matching(full);
    check_certificate(full, exact);
    const auto dense = festmatch::max_weight_b_matching(w, full.row_cap, full.col_cap, options);
    CAPTURE(trial);
    CHECK(dense.objective == doctest::Approx(exact.objective).epsilon(1e-9));
    CHECK(dense.candidate_edges < full.edges.size());
    // The dense result, mapped onto the full edge list, carries the same certificate.
    BMatchingResult mapped = dense;
    mapped.chosen.clear();
    for (std::size_t k = 0; k < full.edges.size(); ++k) {
      const std::size_t cell =
          static_cast<std::size_t>(full.edges[k].row) * static_cast<std::size_t>(cols) +
          static_cast<std::size_t>(full.edges[k].col);
      if (std::binary_search(dense.chosen.begin(), dense.chosen.end(), cell))
        mapped.chosen.push_back(k);
    }
    CHECK(mapped.chosen.size() == dense.chosen.size());
    check_certificate(full, mapped);
  }
}

TEST_CASE("b-matching: degenerate inputs") {
  // Empty sides.
  for (auto [rows, cols] : {std::pair{0, 0}, std::pair{0, 4}, std::pair{4, 0}}) {
    const RowMajorMatrix w(rows, cols);
    const auto r =
        festmatch::max_weight_b_matching(w, std::vector<int>(static_cast<std::size_t>(rows), 2),
                                         std::vector<int>(static_cast<std::size_t>(cols), 2));
    CHECK(r.status == SolveStatus::optimal);
    CHECK(r.chosen.empty());
    CHECK(r.objective == 0.0);
  }
  // All equal, negative, huge and tiny magnitudes.
  for (double magnitude : {1.0, -1.0, 1e12, 1e-12}) {
    RowMajorMatrix w = RowMajorMatrix::Constant(6, 5, magnitude);
    const auto r =
        festmatch::max_weight_b_matching(w, std::vector<int>(6, 2), std::vector<int>(5, 2));
    CHECK(r.status == SolveStatus::optimal);
    CHECK(r.chosen.size() == (magnitude > 0 ? 10u : 0u));
    CHECK(r.objective == doctest::Approx(magnitude > 0 ? 10 * magnitude : 0.0));
  }
  // Zero caps.
  RowMajorMatrix w = RowMajorMatrix::Constant(3, 3, 1.0);
  CHECK(festmatch::max_weight_b_matching(w, {0, 0, 0}, {3, 3, 3}).chosen.empty());
  BMatchingOptions none;
  none.total_cap = 0;
  CHECK(festmatch::max_weight_b_matching(w, {3, 3, 3}, {3, 3, 3}, none).chosen.empty());
}

TEST_CASE("b-matching: bad input names the culprit") {
  BMatchingProblem p{.rows = 2,
                     .cols = 2,
                     .edges = {{0, 0, 1.0}, {0, 0, 2.0}},
                     .row_cap = {1, 1},
                     .col_cap = {1, 1}};
  CHECK_THROWS_WITH_AS(festmatch::max_weight_b_matching(p),
                       "<input>: error: b-matching: edges 0 and 1 are the same pair (0, 0)",
                       festmatch::InputError);
  p.edges = {{0, 2, 1.0}, {1, 1, std::numeric_limits<double>::infinity()}};
  CHECK_THROWS_WITH_AS(festmatch::max_weight_b_matching(p),
                       "<input>: error: b-matching: edge 0 (0, 2) is outside 2 x 2\n"
                       "<input>: error: b-matching: edge 1 has a weight that is not finite",
                       festmatch::InputError);
  p.edges.clear();
  p.row_cap = {1, -1};
  p.col_cap = {1};
  CHECK_THROWS_WITH_AS(festmatch::max_weight_b_matching(p),
                       "<input>: error: b-matching: col_cap has 1 entries for 2 columns\n"
                       "<input>: error: b-matching: row_cap[1] is negative (-1)",
                       festmatch::InputError);
  p.row_cap = {1, 1};
  p.col_cap = {1, 1};
  p.row_bonus = {{1, -0.5}, {0, 0.0}};
  CHECK_THROWS_WITH_AS(
      festmatch::max_weight_b_matching(p),
      "<input>: error: b-matching: row_bonus[0] needs count >= 0 and a finite bonus >= 0",
      festmatch::InputError);
}
