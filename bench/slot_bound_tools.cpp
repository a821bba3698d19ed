// festmatch-bench slot-bound-ilp: a tight-tables event (tight_tables.hpp) as the exact integer
// program of its schedule, in CPLEX LP format, for an outside solver's reference optimum
// (scripts/slot-bound-reference runs GLPK's glpsol on it); and one JSON line with the
// scheduler's objective and both bounds. The model (events without overlapping slots, as this
// family's are): x_sit binary per candidate pair and common slot (scheduler/detail/problem.hpp
// after the pins), each participant at most once per slot, the slot's tables left by the pins,
// at most one meeting per pair and organisation (rule on), caps, investors who share a fixed
// table never at once, and y_s ≤ min(n_s, bonus_s) for the fairness term. The pinned meetings'
// value is a constant left out of the program and given in the JSON line.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "festmatch/scheduler/detail/solve.hpp"
#include "tight_tables.hpp"
#include "tool.hpp"

namespace festmatch::bench {
namespace {

namespace sched = detail::scheduler;

// Writes the program of `p` (its event has no overlapping slots) to `out`.
void write_ilp(const sched::Problem& p, std::ostream& out) {
  const Event& e = *p.event;
  const auto T = std::size_t(p.T);
  std::vector<std::vector<std::string>> of_s_t(std::size_t(p.S) * T), of_i_t(std::size_t(p.I) * T),
      inperson(T), of_s(std::size_t(p.S)), of_i(std::size_t(p.I));
  std::map<std::pair<Index, Index>, std::vector<std::string>> of_group, of_table_t;
  std::vector<std::string> binaries;
  std::vector<std::uint64_t> mask(std::size_t(p.W));
  out << "Maximize\n obj:";
  for (std::size_t k = 0; k < p.candidates.size(); ++k) {
    const auto& c = p.candidates[k];
    p.common_slots(c.startup, c.investor, c.online, mask.data());
    for (std::size_t t = 0; t < T; ++t) {
      if (!sched::test_bit(mask.data(), t)) continue;
      const std::string x = fmt::format("x{}_{}", k, t);
      out << fmt::format(" + {:.12f} {}", c.weight, x);
      binaries.push_back(x);
      of_s_t[std::size_t(c.startup) * T + t].push_back(x);
      of_i_t[std::size_t(c.investor) * T + t].push_back(x);
      if (!c.online) inperson[t].push_back(x);
      of_s[std::size_t(c.startup)].push_back(x);
      of_i[std::size_t(c.investor)].push_back(x);
      const int o = p.org_of[std::size_t(c.investor)];
      of_group[{c.startup, o >= 0 ? Index(o) : -1 - c.investor}].push_back(x);
      if (const auto& table = e.investors[std::size_t(c.investor)].table)
        of_table_t[{*table, Index(t)}].push_back(x);
    }
  }
  const bool fair = p.fairness_weight > 0;
  for (Index s = 0; s < p.S; ++s)
    if (fair && p.bonus_s[std::size_t(s)] > 0)
      out << fmt::format(" + {:.12f} y{}", p.fairness_weight, s);
  out << "\nSubject To\n";
  int row = 0;
  auto at_most = [&](const std::vector<std::string>& xs, long rhs) {
    if (long(xs.size()) <= rhs) return;  // cannot bind
    out << " r" << row++ << ":";
    for (const auto& x : xs) out << " + " << x;
    out << " <= " << rhs << '\n';
  };
  for (const auto& xs : of_s_t) at_most(xs, 1);
  for (const auto& xs : of_i_t) at_most(xs, 1);
  for (std::size_t t = 0; t < T; ++t)
    at_most(inperson[t], std::max(0, p.slot_tables[t] - p.pinned_inperson[t]));
  for (const auto& [group, xs] : of_group) at_most(xs, 1);
  for (const auto& [table_slot, xs] : of_table_t) at_most(xs, 1);
  for (Index s = 0; s < p.S; ++s) at_most(of_s[std::size_t(s)], p.cap_s[std::size_t(s)]);
  for (Index i = 0; i < p.I; ++i) at_most(of_i[std::size_t(i)], p.cap_i[std::size_t(i)]);
  for (Index s = 0; s < p.S; ++s)
    if (fair && p.bonus_s[std::size_t(s)] > 0) {
      out << " r" << row++ << ": y" << s;
      for (const auto& x : of_s[std::size_t(s)]) out << " - " << x;
      out << " <= 0\n";
    }
  out << "Bounds\n";
  for (Index s = 0; s < p.S; ++s)
    if (fair && p.bonus_s[std::size_t(s)] > 0)
      out << " 0 <= y" << s << " <= " << p.bonus_s[std::size_t(s)] << '\n';
  out << "Binary\n";
  for (const auto& x : binaries) out << ' ' << x << '\n';
  out << "End\n";
}

int slot_bound_ilp(int argc, char** argv) {
  int n = 60;
  long long seed = -1;  // -1: n
  std::string output;
  for (int k = 1; k + 1 < argc; k += 2) {
    const std::string a = argv[k];
    if (a == "--n") {
      n = std::stoi(argv[k + 1]);
    } else if (a == "--seed") {
      seed = std::stoll(argv[k + 1]);
    } else if (a == "--output") {
      output = argv[k + 1];
    } else {
      std::cerr << "usage: festmatch-bench slot-bound-ilp --n N [--seed S] --output FILE.lp\n";
      return 2;
    }
  }
  if (output.empty() || seed < -1) {
    std::cerr << "usage: festmatch-bench slot-bound-ilp --n N [--seed S] --output FILE.lp\n";
    return 2;
  }
  const Event& e = tight_tables_event(n, seed < 0 ? std::uint64_t(n) : std::uint64_t(seed));
  const CompatibilityMatrix scores = compatibility_matrix(e, 1);
  const ScheduleOptions options;
  const Schedule plan = sched::solve(e, scores.score, scores.eligible, options);
  sched::Problem p = sched::build_problem(e, scores.score, scores.eligible,
                                          e.options.fairness_weight, 1, options.prune_above);
  if (p.pruned || p.overlaps) {
    std::cerr << "slot-bound-ilp: the event is pruned or has overlapping slots\n";
    return 1;
  }
  const double today = sched::select_pairs(p, options.selection_tolerance,
                                           options.table_price_rounds, options.pricing_rounds)
                           .bound;
  std::ofstream file(output);
  write_ilp(p, file);
  std::cout << fmt::format(
      "{{\"n\":{},\"seed\":{},\"pinned_value\":{:.9f},\"objective\":{:.9f},\"bound_today\":{:.9f},"
      "\"bound_slots\":{:.9f}}}\n",
      n, seed < 0 ? n : seed, p.pinned_value, plan.stats.objective, today, plan.stats.upper_bound);
  return file ? 0 : 1;
}

const bool registered =
    register_tool({.name = "slot-bound-ilp",
                   .help = "--n N [--seed S] --output FILE.lp: a tight-tables event's exact "
                           "integer program (CPLEX LP "
                           "format) and one JSON line with the scheduler's objective and bounds",
                   .run = slot_bound_ilp});

}  // namespace
}  // namespace festmatch::bench
