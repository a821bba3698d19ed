// The meeting scheduler: exhaustive optimum on tiny events, random events through the
// independent validator, fairness, pins, fixed tables, online meetings, the organisation rule,
// reasons for unmet requests, determinism.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brute_force.hpp"
#include "festmatch/generate/generate.hpp"
#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/validator/schedule_validator.hpp"

using namespace festmatch;
using namespace festmatch::test;

namespace {

ScheduleOptions opts(Objective o = Objective::fair, std::uint64_t seed = 1) {
  ScheduleOptions so;
  so.objective = o;
  so.seed = seed;
  return so;
}

// Scheduling `x` throws InfeasibleError with exactly this one diagnostic.
void check_infeasible(const Tiny& x, const std::string& diagnostic) {
  try {
    (void)detail::scheduler::solve(x.event, x.score, x.eligible, opts());
    FAIL("expected InfeasibleError");
  } catch (const InfeasibleError& err) {
    REQUIRE(err.diagnostics().size() == 1);
    CHECK(err.diagnostics()[0].to_string() == diagnostic);
  }
}

}  // namespace

namespace {

// Whether two of the event's slots share an instant.
bool has_overlapping_slots(const Event& e) {
  for (std::size_t t = 0; t < e.slots.size(); ++t)
    for (std::size_t u = 0; u < t; ++u)
      if (slots_overlap(e.slots[t], e.slots[u])) return true;
  return false;
}

struct ExhaustiveRun {
  int cases = 0, optimal = 0, overlapping = 0, pins_kept = 0, pins_infeasible = 0;
  std::map<std::uint64_t, double> misses;  // seed → (optimum − objective) / optimum, when > 0
};

// 300 tiny random events (slots one after another, or overlapping), judged by the brute force
// alone: pins it cannot place make the scheduler refuse the event (InfeasibleError), and are then
// dropped; every schedule keeps every rule, is never above the optimum, reports its objective as
// the validator recomputes it, and its bound, as computed, is never below the optimum.
ExhaustiveRun exhaustive_run(bool overlapping) {
  ExhaustiveRun run;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Tiny x = random_tiny(seed, 4, 3, 4, overlapping);
    const Objective obj = seed % 3 == 0 ? Objective::total : Objective::fair;
    const double fw = obj == Objective::total ? 0.0 : x.event.options.fairness_weight;
    INFO("seed " << seed);
    double best = brute_force_optimum(x, fw);
    if (best < 0) {
      CHECK_THROWS_AS(detail::scheduler::solve(x.event, x.score, x.eligible, opts(obj, seed)),
                      InfeasibleError);
      ++run.pins_infeasible;
      x.event.pinned.clear();
      best = brute_force_optimum(x, fw);
    }
    REQUIRE(best >= 0);
    run.pins_kept += int(x.event.pinned.size());
    const Schedule plan = detail::scheduler::solve(x.event, x.score, x.eligible, opts(obj, seed));
    const auto check = check_schedule(x.event, plan, x.score, x.eligible, obj);
    REQUIRE_MESSAGE(check.violations.empty(),
                    (check.violations.empty() ? "" : check.violations[0]));
    CHECK(plan.stats.objective <= best + 1e-9);
    CHECK(plan.stats.upper_bound >= best - 1e-9);
    CHECK(plan.stats.objective == doctest::Approx(check.objective).epsilon(1e-12));
    ++run.cases;
    if (plan.stats.objective >= best - 1e-9) {
      ++run.optimal;
    } else {
      run.misses[seed] = (best - plan.stats.objective) / best;
      MESSAGE("seed " << seed << ": " << plan.stats.objective << " of the optimum " << best);
    }
    if (has_overlapping_slots(x.event)) ++run.overlapping;
  }
  return run;
}

// Every miss is one of the `allowed` seeds, at most as far below the optimum as listed there:
// the scheduler's level today, so that a regression on any event fails.
void check_misses(const ExhaustiveRun& run, const std::map<std::uint64_t, double>& allowed) {
  for (const auto& [seed, miss] : run.misses) {
    INFO("seed " << seed << " is " << 100 * miss << " % below the optimum");
    const auto it = allowed.find(seed);
    REQUIRE(it != allowed.end());
    CHECK(miss <= it->second);
  }
}

}  // namespace

TEST_CASE("scheduler: reaches the exhaustive optimum on tiny random events, the bound holds") {
  const ExhaustiveRun run = exhaustive_run(false);
  MESSAGE(run.optimal << " of " << run.cases << " tiny events solved to the optimum; "
                      << run.pins_kept << " pins kept, " << run.pins_infeasible
                      << " events with pins that break a rule");
  CHECK(run.overlapping == 0);
  CHECK(run.optimal >= 299);
  check_misses(run, {{59, 0.045}});
  CHECK(run.pins_kept == 97);
  CHECK(run.pins_infeasible == 117);
}

TEST_CASE(
    "scheduler: overlapping slots: the exhaustive optimum on tiny events, no clash, the bound "
    "holds") {
  const ExhaustiveRun run = exhaustive_run(true);
  MESSAGE(run.optimal << " of " << run.cases << " tiny overlapping events solved to the optimum; "
                      << run.pins_kept << " pins kept, " << run.pins_infeasible
                      << " events with pins that break a rule");
  CHECK(run.overlapping * 2 > run.cases);  // the generator does make overlapping slots
  CHECK(run.optimal >= 299);
  // Seed 23 loses a meeting to the placement's conservative rule for fixed tables at
  // overlapping instants (scheduler/detail/placement.hpp): a placed online meeting of a
  // fixed-table investor keeps in-person meetings off that table.
  check_misses(run, {{23, 0.261}});
  CHECK(run.pins_kept == 75);
  CHECK(run.pins_infeasible == 128);
}

TEST_CASE("scheduler: overlapping slots on larger random events keep every rule (validator)") {
  for (std::uint64_t seed = 1000; seed < 1300; ++seed) {
    const Tiny x = feasible_tiny(seed, 9, 7, 8, true);
    const Schedule plan =
        detail::scheduler::solve(x.event, x.score, x.eligible, opts(Objective::fair, seed));
    const auto check = check_schedule(x.event, plan, x.score, x.eligible);
    INFO("seed " << seed);
    REQUIRE_MESSAGE(check.violations.empty(),
                    (check.violations.empty() ? "" : check.violations[0]));
    CHECK(plan.stats.upper_bound + 1e-9 >= plan.stats.objective);
  }
}

TEST_CASE(
    "scheduler: staggered slots on a generated event never put anyone or any table in two meetings "
    "at once") {
  // Techfest-size, with a 30-minute slot starting every 15 minutes on one day (each overlaps two
  // others) beside the usual ones: the hard rule holds in clock time, not only per slot id.
  auto o = preset_options(Preset::techfest);
  o.startups = 80;
  o.investors = 24;
  o.days = 1;
  Event e = generate_event(o, 11);  // day 1: 30-minute slots from 09:00 on 2023-09-18 (+07:00)
  const std::size_t usual = e.slots.size();
  for (int k = 0; k < 6; ++k)  // 14:15, 14:30, ... 15:30
    e.slots.push_back(
        {.id = "stagger-" + std::to_string(k), .start = nine_plus(5 * 60 + 15 * k), .minutes = 30});
  e.reindex();
  REQUIRE(has_overlapping_slots(e));
  for (const int threads : {1, 2}) {
    auto so = opts(Objective::fair, 3);
    so.threads = threads;
    const Schedule plan = schedule_meetings(e, so);
    const auto check = check_schedule(e, plan);
    REQUIRE_MESSAGE(check.violations.empty(),
                    (check.violations.empty() ? "" : check.violations[0]));
    std::size_t in_staggered = 0;
    for (const auto& m : plan.meetings) in_staggered += std::size_t(m.slot) >= usual;
    CHECK(in_staggered > 0);  // the staggered slots are used, not avoided
  }
}

TEST_CASE("scheduler: random small events keep every hard rule (validator)") {
  for (std::uint64_t seed = 1000; seed < 1300; ++seed) {
    const Tiny x = feasible_tiny(seed, 9, 7, 8);
    const Schedule plan =
        detail::scheduler::solve(x.event, x.score, x.eligible, opts(Objective::fair, seed));
    const auto check = check_schedule(x.event, plan, x.score, x.eligible);
    INFO("seed " << seed);
    REQUIRE_MESSAGE(check.violations.empty(),
                    (check.violations.empty() ? "" : check.violations[0]));
    CHECK(plan.stats.upper_bound + 1e-9 >= plan.stats.objective);
    CHECK(plan.stats.gap >= 0.0);
  }
}

TEST_CASE("scheduler: generated events through the public API and the validator") {
  auto o = preset_options(Preset::techfest);
  o.startups = 40;
  o.investors = 12;
  o.days = 1;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Event e = generate_event(o, seed);
    const Schedule plan = schedule_meetings(e, opts(Objective::fair, seed));
    const auto check = check_schedule(e, plan);
    INFO("seed " << seed);
    REQUIRE_MESSAGE(check.violations.empty(),
                    (check.violations.empty() ? "" : check.violations[0]));
    CHECK(plan.stats.meetings > 0);
    CHECK(plan.stats.gap < 0.05);
    CHECK(plan.stats.objective == doctest::Approx(check.objective));
    CHECK(plan.stats.startups_below_min == check.startups_below_min);
    // Every request not met is listed once per request, with a reason.
    std::size_t unmet = 0;
    for (const auto& r : e.requests) {
      bool met = false;
      for (const auto& m : plan.meetings)
        met = met || (m.startup == r.startup && m.investor == r.investor);
      if (!met) ++unmet;
    }
    CHECK(plan.unscheduled.size() == unmet);
    for (const auto& u : plan.unscheduled) CHECK(!u.reason.empty());
    std::vector<std::string> names;
    for (const auto& [name, ms] : plan.stats.stage_ms) names.push_back(name);
    CHECK(names == std::vector<std::string>{"scores", "candidates", "selection", "bound",
                                            "placement", "search", "compaction", "tables",
                                            "reasons"});
  }
}

namespace {
// n startups, m investors, all eligible with the given score, full availability.
Tiny plain(int S, int I, int T, int tables, double sc = 0.5) {
  Tiny x;
  Event& e = x.event;
  e.sectors = {"x"};
  for (int k = 0; k < tables; ++k) e.tables.push_back("T" + std::to_string(k + 1));
  for (int t = 0; t < T; ++t)
    e.slots.push_back({.id = "t" + std::to_string(t), .start = nine_plus(30 * t), .minutes = 20});
  for (int s = 0; s < S; ++s)
    e.startups.push_back({.id = "s" + std::to_string(s), .sectors = {{0, 1.0}}});
  for (int i = 0; i < I; ++i)
    e.investors.push_back({.id = "i" + std::to_string(i), .sectors = {{0, 1.0}}});
  x.score = Eigen::MatrixXd::Constant(S, I, sc);
  x.eligible = EligibleMatrix::Constant(S, I, 1);
  e.reindex();
  return x;
}
}  // namespace

TEST_CASE("scheduler: fairness gives every startup its minimum when capacity allows") {
  // 6 startups, 2 investors with 3 meetings each, min 1 each. Startup 0 scores higher with
  // both investors: with objective total it takes both, with fair one each.
  Tiny x = plain(6, 2, 6, 2);
  x.event.options.min_meetings = 1;
  for (int i = 0; i < 2; ++i) x.event.investors[std::size_t(i)].max_meetings = 3;
  x.score.row(0).setConstant(1.0);
  const Schedule fair =
      detail::scheduler::solve(x.event, x.score, x.eligible, opts(Objective::fair));
  REQUIRE(check_schedule(x.event, fair, x.score, x.eligible).violations.empty());
  CHECK(fair.stats.meetings == 6);
  CHECK(fair.stats.startups_below_min == 0);
  std::vector<int> count(6, 0);
  for (const auto& m : fair.meetings) ++count[std::size_t(m.startup)];
  for (int c : count) CHECK(c == 1);  // spread: one each, not two for startup 0
  CHECK(fair.stats.objective == doctest::Approx(1.0 + 5 * 0.5 + 6.0));
  CHECK(fair.stats.gap < 1e-8);
  const Schedule total =
      detail::scheduler::solve(x.event, x.score, x.eligible, opts(Objective::total));
  std::vector<int> count_total(6, 0);
  for (const auto& m : total.meetings) ++count_total[std::size_t(m.startup)];
  CHECK(count_total[0] == 2);
}

TEST_CASE("scheduler: pinned meetings stay exactly, fixed tables, online meetings take none") {
  Tiny x = plain(3, 3, 2, 2);
  auto& e = x.event;
  e.investors[0].table = 1;  // fixed table T2
  e.investors[2].mode = Mode::online;
  e.startups[2].mode = Mode::both;
  e.pinned.push_back({.startup = 1, .investor = 0, .slot = 1});
  e.reindex();
  const Schedule plan = detail::scheduler::solve(e, x.score, x.eligible, opts());
  REQUIRE(check_schedule(e, plan, x.score, x.eligible).violations.empty());
  bool pin_found = false;
  for (const auto& m : plan.meetings) {
    if (m.investor == 0) {
      CHECK(m.table == std::optional<Index>(1));
    }
    if (m.startup == 1 && m.investor == 0) {
      pin_found = true;
      CHECK(m.slot == 1);
      CHECK(m.pinned);
    }
    if (m.investor == 2) {
      CHECK(m.online);
      CHECK(!m.table);
      CHECK(m.startup == 2);  // the only startup that can meet online
    }
  }
  CHECK(pin_found);
}

TEST_CASE("scheduler: a pinned meeting that breaks a rule is an InfeasibleError naming it") {
  Tiny x = plain(2, 2, 2, 1);
  x.event.pinned.push_back({.startup = 0, .investor = 0, .slot = 0});
  x.event.pinned.push_back({.startup = 1, .investor = 1, .slot = 0});
  x.event.reindex();
  check_infeasible(
      x,
      "<input>:/pinned/1: error: pinned meeting s1 with i1 in slot t0: slot t0 has too few "
      "tables (1) for its pinned in-person meetings");
}

TEST_CASE("scheduler: organisation rule and the reasons for unmet requests") {
  Tiny x = plain(2, 3, 3, 3);
  auto& e = x.event;
  e.options.one_per_organisation = true;
  e.investors[0].organisation = "Fund";
  e.investors[1].organisation = "Fund";
  e.investors[2].max_meetings = 1;
  x.score(0, 0) = 0.9;
  x.score(0, 1) = 0.8;
  x.score(1, 2) = 0.9;
  x.eligible(1, 0) = 0;
  e.blocked.push_back({1, 0, "competitor"});
  e.requests.push_back({.startup = 0, .investor = 1});                        // org rule
  e.requests.push_back({.startup = 0, .investor = 2, .by = Side::investor});  // capacity
  e.requests.push_back({.startup = 1, .investor = 0});                        // ineligible
  e.reindex();
  const Schedule plan = detail::scheduler::solve(e, x.score, x.eligible, opts(Objective::total));
  REQUIRE(check_schedule(e, plan, x.score, x.eligible, Objective::total).violations.empty());
  REQUIRE(plan.unscheduled.size() == 3);
  CHECK(plan.unscheduled[0].reason == "organisation rule: the startup already meets i0 of Fund");
  CHECK(plan.unscheduled[1].reason ==
        "the investor's only meeting is with a better-scoring or pinned pair");
  CHECK(plan.unscheduled[1].by == Side::investor);
  CHECK(plan.unscheduled[2].reason.rfind("the pair is ineligible: ", 0) == 0);
}

TEST_CASE("scheduler: no slot where both are available is named") {
  Tiny x = plain(1, 1, 2, 1);
  x.event.startups[0].availability = {Availability::Kind::available, {0}};
  x.event.investors[0].availability = {Availability::Kind::available, {1}};
  x.event.requests.push_back({.startup = 0, .investor = 0});
  x.event.reindex();
  const Schedule plan = detail::scheduler::solve(x.event, x.score, x.eligible, opts());
  REQUIRE(plan.unscheduled.size() == 1);
  CHECK(plan.unscheduled[0].reason == "no slot where both are available");
  CHECK(plan.stats.meetings == 0);
}

TEST_CASE("scheduler: tables limit in-person meetings per slot, online ones are free") {
  Tiny x = plain(4, 4, 1, 1);
  x.event.startups[3].mode = Mode::online;
  x.event.investors[3].mode = Mode::both;
  x.event.reindex();
  const Schedule plan =
      detail::scheduler::solve(x.event, x.score, x.eligible, opts(Objective::total));
  REQUIRE(check_schedule(x.event, plan, x.score, x.eligible, Objective::total).violations.empty());
  CHECK(plan.stats.meetings == 2);  // one table + one online meeting
}

TEST_CASE("scheduler: same seed, same schedule, threads 1 and 2 agree") {
  auto o = preset_options(Preset::techfest);
  o.startups = 120;
  o.investors = 30;
  o.days = 2;
  const Event e = generate_event(o, 3);
  // prune_above 0 takes the pruned path, where the candidate scans, the pricing and the final
  // bound run on every thread given; the default stays below it (one thread).
  for (const std::size_t prune_above : {std::size_t{0}, ScheduleOptions{}.prune_above}) {
    INFO("prune_above " << prune_above);
    auto a = opts(Objective::fair, 5);
    a.prune_above = prune_above;
    auto b = a;
    b.threads = 2;
    Schedule x = schedule_meetings(e, a), y = schedule_meetings(e, b), z = schedule_meetings(e, a);
    for (Schedule* s : {&x, &y, &z}) s->stats.stage_ms.clear();
    CHECK(write_schedule_json(e, x) == write_schedule_json(e, y));
    CHECK(x == y);
    CHECK(x == z);
    CHECK(check_schedule(e, x).violations.empty());
  }
}

TEST_CASE("scheduler: an exception from the progress callback stops the solve at that stage") {
  // Pruned (prune_above 100) on 2 threads, so the bound runs on a thread of its own beside the
  // search: stopping at any stage must still join it (the sanitizer suite checks for leaks).
  auto o = preset_options(Preset::techfest);
  o.startups = 120;
  o.investors = 30;
  const Event e = generate_event(o, 3);
  auto base = opts(Objective::fair, 5);
  base.threads = 2;
  base.prune_above = 100;
  std::vector<std::string> stages;
  auto record = base;
  record.progress = [&](std::string_view stage, double) { stages.emplace_back(stage); };
  Schedule reference = schedule_meetings(e, record);
  reference.stats.stage_ms.clear();
  REQUIRE(stages == std::vector<std::string>{"scores", "candidates", "selection", "bound",
                                             "placement", "search", "compaction", "tables",
                                             "reasons"});
  struct Stop {
    std::string at;
  };
  for (const std::string& at : stages) {
    CAPTURE(at);
    std::vector<std::string> seen;
    auto stop = base;
    stop.progress = [&](std::string_view stage, double) {
      seen.emplace_back(stage);
      if (stage == at) throw Stop{at};
    };
    try {
      (void)schedule_meetings(e, stop);
      FAIL("the solve went on after the callback threw");
    } catch (const Stop& s) {
      CHECK(s.at == at);
    }
    CHECK(seen.back() == at);                     // nothing ran after the stage that threw
    Schedule again = schedule_meetings(e, base);  // and the next solve is unaffected
    again.stats.stage_ms.clear();
    CHECK(again == reference);
  }
}

TEST_CASE("scheduler: shortfalls list exactly the participants left short (random scores, pins)") {
  std::size_t listed = 0;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    const Tiny x = feasible_tiny(seed, 5, 4, 4);
    const Schedule plan =
        detail::scheduler::solve(x.event, x.score, x.eligible, opts(Objective::fair, seed));
    CHECK(check_shortfalls(x.event, plan).empty());
    for (const auto& f : plan.shortfalls) CHECK_FALSE(f.reason.empty());
    listed += plan.shortfalls.size();
  }
  CHECK(listed > 0);
}

TEST_CASE("scheduler: pricing the pruned pairs back in gives the unpruned relaxation's bound") {
  // Force the large-event path (pruning, coarse bisection, tolerance) on events small enough
  // to solve unpruned and exactly, and compare: the bound may only be looser by the tolerance.
  auto o = preset_options(Preset::techfest);
  o.startups = 120;
  o.investors = 30;
  o.days = 1;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Event e = generate_event(o, seed);
    ScheduleOptions exact = opts(Objective::fair, seed);
    ScheduleOptions pruned = exact;
    pruned.prune_above = 0;
    const Schedule a = schedule_meetings(e, exact);
    const Schedule b = schedule_meetings(e, pruned);
    INFO("seed " << seed);
    REQUIRE(check_schedule(e, b).violations.empty());
    const double slack =
        2 * pruned.selection_tolerance * double(e.startups.size() + e.investors.size() + 2);
    CHECK(b.stats.upper_bound <= a.stats.upper_bound + slack + 1e-9);
    CHECK(b.stats.upper_bound >= b.stats.objective);
    CHECK(b.stats.objective >= a.stats.objective * 0.99);
  }
}

TEST_CASE(
    "scheduler: the pruned path keeps the organisation rule when pricing adds a second pair of an "
    "organisation") {
  // Pricing may add a pair beside a startup's older direct pair of the same organisation; the
  // relaxation then may choose both, and only one may be placed (a bug found on Web Summit).
  auto o = preset_options(Preset::websummit);
  o.startups = 400;
  o.investors = 240;
  o.days = 1;
  std::size_t with_orgs = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Event e = generate_event(o, seed);
    REQUIRE(e.options.one_per_organisation);
    ScheduleOptions pruned = opts(Objective::fair, seed);
    pruned.prune_above = 0;
    pruned.threads = 2;
    const Schedule plan = schedule_meetings(e, pruned);
    INFO("seed " << seed);
    CHECK(check_schedule(e, plan).violations.empty());
    for (const auto& m : plan.meetings)
      with_orgs += e.investors[std::size_t(m.investor)].organisation.empty() ? 0 : 1;
  }
  CHECK(with_orgs > 0);
}

TEST_CASE("scheduler: the three presets at full size keep every rule, with a gap under 1%") {
  // The large-event path (pruning, pricing, the bound beside the search) only runs on events
  // this size; the validator checks what it produces.
  for (const Preset preset : {Preset::techfest, Preset::websummit, Preset::slush}) {
    const Event e = generate_event(preset, 1);
    ScheduleOptions o = opts(Objective::fair, 1);
    o.threads = 2;
    const Schedule plan = schedule_meetings(e, o);
    const auto check = check_schedule(e, plan);
    INFO("preset " << int(preset));
    REQUIRE_MESSAGE(check.violations.empty(),
                    (check.violations.empty() ? "" : check.violations[0]));
    CHECK(check_shortfalls(e, plan).empty());
    CHECK(plan.stats.objective == doctest::Approx(check.objective));
    CHECK(plan.stats.upper_bound >= plan.stats.objective);
    CHECK(plan.stats.gap < 0.01);
  }
}

TEST_CASE(
    "scheduler: pins in overlapping slots: a double booking is an InfeasibleError, tables are "
    "shared in time") {
  Tiny x = plain(2, 2, 2, 2);
  x.event.slots[1].start = nine_plus(10);  // t0 09:00-09:20 and t1 09:10-09:30 overlap
  x.event.pinned.push_back({.startup = 0, .investor = 0, .slot = 0});
  x.event.pinned.push_back({.startup = 0, .investor = 1, .slot = 1});
  x.event.reindex();
  check_infeasible(
      x,
      "<input>:/pinned/1: error: pinned meeting s0 with i1 in slot t1: startup s0 is "
      "double-booked (also pinned meeting s0 with i0 in slot t0, which overlaps in time)");
  // Different people: both pins hold, on different tables, and nothing else fits at that instant.
  x.event.pinned[1].startup = 1;
  x.event.reindex();
  const Schedule plan = detail::scheduler::solve(x.event, x.score, x.eligible, opts());
  REQUIRE(check_schedule(x.event, plan, x.score, x.eligible).violations.empty());
  REQUIRE(plan.meetings.size() == 2);
  CHECK(plan.meetings[0].table != plan.meetings[1].table);
  CHECK(plan.stats.upper_bound == doctest::Approx(plan.stats.objective));
  // One table for both instants: the second pin has none left.
  x.event.tables.pop_back();
  x.event.reindex();
  check_infeasible(
      x,
      "<input>:/pinned/1: error: pinned meeting s1 with i1 in slot t1: slot t1 has too few "
      "tables for its pinned in-person meetings and those of the slots overlapping it");
}

TEST_CASE("scheduler: slots without a start (an Event built in code) overlap nothing") {
  Tiny x = plain(1, 3, 3, 1);
  x.event.slots[0].start.clear();          // no clock time
  x.event.slots[1].start = nine_plus(30);  // t1 09:30-09:50 and t2 09:40-10:00 overlap
  x.event.slots[2].start = nine_plus(40);
  x.event.reindex();
  const Schedule plan =
      detail::scheduler::solve(x.event, x.score, x.eligible, opts(Objective::total));
  REQUIRE(check_schedule(x.event, plan, x.score, x.eligible, Objective::total).violations.empty());
  CHECK(plan.stats.meetings == 2);  // t0, and one of the overlapping t1 and t2
  CHECK(plan.stats.upper_bound == doctest::Approx(plan.stats.objective));
}
