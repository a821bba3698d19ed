// The slot-aware bound (scheduler/detail/slot_bound.hpp) and the schedules it leads to (the
// Lagrangian heuristic and the dive, scheduler/detail/dive.hpp): on tiny random events (pins,
// fixed tables, online pairs, the organisation rule, fairness, overlapping slots) the bound is
// never below the exhaustive optimum and never above bound.hpp's without overlapping slots, the
// schedule keeps every rule and reaches the optimum on most, and both are the same on 1 and 2
// threads; on the benchmarks' tight-tables events the bound and the schedule are both within
// 0.5 % of the optimum.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "../bench/tight_tables.hpp"
#include "brute_force.hpp"
#include "festmatch/generate/generate.hpp"
#include "festmatch/scheduler/detail/slot_bound.hpp"
#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/validator/schedule_validator.hpp"

using namespace festmatch;
using namespace festmatch::test;
using namespace festmatch::detail::scheduler;

namespace {

struct Bounds {
  double objective = 0.0;      // the scheduler's
  std::size_t violations = 0;  // the validator's, on the schedule
  double today = 0.0;          // bound.hpp's, as the scheduler takes it
  double slot = 0.0;           // slot_bound.hpp's, always computed
  double reported = 0.0;       // the schedule's upper_bound
};

Bounds bounds_of(const Event& e, const Eigen::MatrixXd& score, const EligibleMatrix& eligible,
                 Objective objective, int threads) {
  ScheduleOptions o;
  o.objective = objective;
  o.threads = threads;
  const Schedule plan = solve(e, score, eligible, o);
  const double fw = objective == Objective::total ? 0.0 : e.options.fairness_weight;
  Problem p = build_problem(e, score, eligible, fw, threads, o.prune_above);
  const RelaxedSelection r =
      select_pairs(p, o.selection_tolerance, o.table_price_rounds, o.pricing_rounds);
  SlotBound slots(p);
  SlotBoundSettings settings;
  settings.threads = threads;
  return {.objective = plan.stats.objective,
          .violations = check_schedule(e, plan, score, eligible, objective).violations.size(),
          .today = r.bound,
          .slot = slots.bound(r.bound_investor_price, r.bound_table_price, plan.stats.objective,
                              settings),
          .reported = plan.stats.upper_bound};
}

// Tiny events with per-slot table limits: random_tiny's, each slot given 0 to 2 tables.
Tiny tiny_with_slot_tables(std::uint64_t seed, bool overlapping) {
  Tiny x = random_tiny(seed, 4, 3, 4, overlapping);
  detail::SplitMix64 rng(seed * 7919 + 13);
  const int NT = int(x.event.tables.size());
  for (auto& slot : x.event.slots) slot.tables = int(rng.below(std::uint32_t(NT + 1)));
  x.event.reindex();
  return x;
}

}  // namespace

TEST_CASE("slot bound: never below the exhaustive optimum, never above today's bound") {
  int cases = 0, tighter = 0, overlapping = 0, optimal = 0;
  for (const bool overlap : {false, true})
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
      Tiny x = tiny_with_slot_tables(seed, overlap);
      const Objective obj = seed % 3 == 0 ? Objective::total : Objective::fair;
      const double fw = obj == Objective::total ? 0.0 : x.event.options.fairness_weight;
      INFO("seed " << seed << ", overlapping slots " << overlap);
      double best = brute_force_optimum(x, fw);
      if (best < 0) {  // pins that break a rule: dropped
        x.event.pinned.clear();
        best = brute_force_optimum(x, fw);
      }
      REQUIRE(best >= 0);
      const Bounds one = bounds_of(x.event, x.score, x.eligible, obj, 1);
      const Bounds two = bounds_of(x.event, x.score, x.eligible, obj, 2);
      CHECK(one.slot >= best - 1e-9);
      CHECK(one.reported >= best - 1e-9);
      CHECK(one.reported <= one.today);
      if (!overlap) CHECK(one.slot <= one.today + 1e-9);
      CHECK(one.slot == two.slot);
      CHECK(one.reported == two.reported);
      CHECK(one.violations == 0);
      CHECK(one.objective <= best + 1e-9);
      CHECK(one.objective == two.objective);
      ++cases;
      if (one.objective >= best - 1e-9) ++optimal;
      if (one.slot < one.today - 1e-9) ++tighter;
      if (overlap) ++overlapping;
    }
  MESSAGE(cases << " tiny events (" << overlapping << " with overlapping slots): the slot bound "
                << "is tighter than today's on " << tighter << ", the schedule optimal on "
                << optimal);
  CHECK(tighter > 0);
  CHECK(optimal >= cases * 95 / 100);
}

// The tight-tables family of the benchmarks (bench/tight_tables.hpp: n × n, 10 slots of 1 to n
// tables), on the benchmark's events (seed n) and a few others. Exact optima by CBC
// (scripts/slot-bound-reference). Today's bound is 1.2–4 % above them; the reported one and the
// schedule are within 0.5 % (the target) of the optimum, or of the reported bound where
// the optimum is not known here (n = 150).
TEST_CASE("slot bound and dive: within 0.5 % of the optimum on the tight-tables family") {
  struct Case {
    int n;
    std::uint64_t seed;
    double optimum;  // 0: not known
  };
  for (const Case c : {Case{30, 30, 201.9218}, Case{30, 31, 221.3443}, Case{30, 32, 218.3351},
                       Case{45, 46, 326.3594}, Case{60, 60, 453.2997}, Case{60, 61, 458.0962},
                       Case{100, 100, 790.5978}, Case{150, 150, 0.0}}) {
    INFO("n = " << c.n << ", seed " << c.seed);
    const Event& e = bench::tight_tables_event(c.n, c.seed);
    const CompatibilityMatrix scores = compatibility_matrix(e, 1);
    const Bounds b = bounds_of(e, scores.score, scores.eligible, Objective::fair, 2);
    MESSAGE("n = " << c.n << ", seed " << c.seed << ": objective " << b.objective
                   << ", today's bound " << b.today << ", slot-aware " << b.reported);
    CHECK(b.violations == 0);
    CHECK(b.reported <= b.today);
    CHECK((b.reported - b.objective) / b.reported <= 0.005);
    if (c.optimum > 0) {
      CHECK(b.reported >= c.optimum - 1e-4);
      CHECK(b.objective <= c.optimum + 1e-4);
      CHECK((b.reported - c.optimum) / c.optimum <= 0.005);
      CHECK((c.optimum - b.objective) / c.optimum <= 0.005);
      CHECK((b.today - c.optimum) / c.optimum >= 0.01);
    }
  }
}
