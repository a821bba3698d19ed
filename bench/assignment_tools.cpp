// festmatch-bench lap / bmatch: solve a dense matrix read from a .npy file and print one JSON
// line {"rows","cols","objective","edges","ms","status"}; ms is the solve time alone (reading
// the file and building nothing else is excluded).
//
//   festmatch-bench lap --npy cost.npy [--maximize]
//       linear_sum_assignment on the matrix (NaN = forbidden); edges = pairs assigned.
//   festmatch-bench bmatch --npy w.npy --row-cap A --col-cap B [--maximize] [--total-cap T]
//       max_weight_b_matching on the dense matrix with every row capped at A and every column
//       at B. With --maximize the matrix holds weights (an edge pays if its weight is > 0);
//       without it the matrix holds costs and the solver maximises the weight -cost, i.e. it
//       chooses the b-matching of least total cost, using only edges of negative cost.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <festmatch/assignment/b_matching.hpp>
#include <festmatch/assignment/linear_assignment.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "npy.hpp"
#include "tool.hpp"

namespace {

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

int run_lap(int argc, char** argv) {
  CLI::App app{"Solve the linear assignment problem on a .npy matrix", "festmatch-bench lap"};
  std::string path;
  bool maximize = false;
  app.add_option("--npy", path, "float64 matrix (C or Fortran order; NaN = forbidden)")->required();
  app.add_flag("--maximize", maximize, "maximise instead of minimise");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  const festmatch::RowMajorMatrix cost = festmatch::bench::read_npy(path);
  const auto start = std::chrono::steady_clock::now();
  const auto r = festmatch::linear_sum_assignment(
      cost, maximize ? festmatch::Sense::maximize : festmatch::Sense::minimize);
  const double ms = elapsed_ms(start);
  std::size_t edges = 0;
  for (auto j : r.row_to_col) edges += j >= 0 ? 1 : 0;
  std::cout
      << fmt::format(
             R"({{"rows":{},"cols":{},"objective":{:.17g},"edges":{},"ms":{:.3f},"status":"{}"}})",
             cost.rows(), cost.cols(), r.objective, edges, ms, festmatch::to_string(r.status))
      << std::endl;
  return r.status == festmatch::SolveStatus::optimal ? 0 : 3;
}

int run_bmatch(int argc, char** argv) {
  CLI::App app{"Solve max-weight b-matching on a dense .npy matrix", "festmatch-bench bmatch"};
  std::string path;
  bool maximize = false;
  int row_cap = 1, col_cap = 1;
  std::optional<int> total_cap;
  app.add_option("--npy", path, "float64 matrix (C or Fortran order; NaN = forbidden)")->required();
  app.add_option("--row-cap", row_cap, "edges per row")->required()->check(CLI::NonNegativeNumber);
  app.add_option("--col-cap", col_cap, "edges per column")
      ->required()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--total-cap", total_cap, "edges in all")->check(CLI::NonNegativeNumber);
  app.add_flag("--maximize", maximize, "the matrix holds weights (default: costs, weight = -cost)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  festmatch::RowMajorMatrix w = festmatch::bench::read_npy(path);
  if (!maximize) w = -w;
  festmatch::BMatchingOptions options;
  options.total_cap = total_cap;
  const auto start = std::chrono::steady_clock::now();
  const auto r = festmatch::max_weight_b_matching(
      w, std::vector<int>(static_cast<std::size_t>(w.rows()), row_cap),
      std::vector<int>(static_cast<std::size_t>(w.cols()), col_cap), options);
  const double ms = elapsed_ms(start);
  const double objective = (maximize ? r.objective : -r.objective) + 0.0;  // no "-0"
  std::cout
      << fmt::format(
             R"({{"rows":{},"cols":{},"objective":{:.17g},"edges":{},"ms":{:.3f},"status":"{}",)"
             R"("candidate_edges":{},"pricing_rounds":{}}})",
             w.rows(), w.cols(), objective, r.chosen.size(), ms, festmatch::to_string(r.status),
             r.candidate_edges, r.pricing_rounds)
      << std::endl;
  return r.status == festmatch::SolveStatus::optimal ? 0 : 3;
}

const bool registered_lap = festmatch::bench::register_tool(
    {.name = "lap",
     .help = "linear assignment on a .npy matrix: lap --npy FILE [--maximize]",
     .run = run_lap});
const bool registered_bmatch = festmatch::bench::register_tool(
    {.name = "bmatch",
     .help = "b-matching on a .npy matrix: bmatch --npy FILE --row-cap A --col-cap B [--maximize]",
     .run = run_bmatch});

}  // namespace
