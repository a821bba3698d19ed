// The independent schedule validator: every hard rule, broken by hand, is caught with a precise
// message; the objective is recomputed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "festmatch/validator/detail/pair_rules.hpp"
#include "festmatch/validator/schedule_validator.hpp"

using namespace festmatch;
using EligibleMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;

namespace {

// 3 startups, 3 investors, slots t0 (2 tables) and t1 (1 table), every pair eligible but s2–i2.
struct Fixture {
  Event e;
  Eigen::MatrixXd score;
  EligibleMatrix eligible;
  Fixture() {
    e.sectors = {"x"};
    e.tables = {"T1", "T2"};
    e.slots = {{.id = "t0", .start = "2023-09-18T09:00+07:00", .minutes = 20},
               {.id = "t1", .start = "2023-09-18T09:30+07:00", .minutes = 20, .tables = 1}};
    for (int s = 0; s < 3; ++s)
      e.startups.push_back({.id = "s" + std::to_string(s), .sectors = {{0, 1.0}}});
    for (int i = 0; i < 3; ++i)
      e.investors.push_back({.id = "i" + std::to_string(i), .sectors = {{0, 1.0}}});
    e.options.min_meetings = 1;
    e.reindex();
    score = Eigen::MatrixXd::Constant(3, 3, 0.5);
    score(0, 0) = 0.75;
    eligible = EligibleMatrix::Constant(3, 3, 1);
    eligible(2, 2) = 0;
  }
  Meeting meet(Index s, Index i, Index slot, std::optional<Index> table) const {
    return {.startup = s, .investor = i, .slot = slot, .table = table, .score = score(s, i)};
  }
  // The violations of these meetings, with the stats filled in from the validator's own sums.
  std::vector<std::string> check(std::vector<Meeting> meetings) const {
    Schedule plan;
    plan.meetings = std::move(meetings);
    const auto first = check_schedule(e, plan, score, eligible);
    plan.stats.meetings = plan.meetings.size();
    plan.stats.objective = first.objective;
    plan.stats.score_total = first.score_total;
    plan.stats.upper_bound = first.objective;
    plan.stats.startups_below_min = first.startups_below_min;
    return check_schedule(e, plan, score, eligible).violations;
  }
};

}  // namespace

TEST_CASE("validator: a valid schedule passes and its objective is recomputed") {
  Fixture f;
  Schedule plan;
  plan.meetings = {f.meet(0, 0, 0, 0), f.meet(1, 1, 0, 1), f.meet(2, 0, 1, 0)};
  const auto c = check_schedule(f.e, plan, f.score, f.eligible);
  CHECK(c.score_total == doctest::Approx(1.75));
  CHECK(c.objective == doctest::Approx(1.75 + 3.0));  // fairness 1.0 × 3 startups at min 1
  CHECK(c.startups_below_min == 0);
  CHECK(f.check(plan.meetings).empty());
  const auto total = check_schedule(f.e, plan, f.score, f.eligible, Objective::total);
  CHECK(total.objective == doctest::Approx(1.75));
}

TEST_CASE("validator: eligibility, blocked pairs, availability") {
  Fixture f;
  CHECK(f.check({f.meet(2, 2, 0, 0)}) ==
        std::vector<std::string>{"meeting s2 with i2 in slot t0: the pair is not eligible"});
  f.e.blocked.push_back({0, 1, "competitor"});
  CHECK(f.check({f.meet(0, 1, 0, 0)}) ==
        std::vector<std::string>{"meeting s0 with i1 in slot t0: the pair is blocked"});
  f.e.blocked.clear();
  f.e.startups[0].availability = {Availability::Kind::available, {0}};
  f.e.investors[1].availability = {Availability::Kind::unavailable, {1}};
  CHECK(f.check({f.meet(0, 0, 1, 0)}) ==
        std::vector<std::string>{"meeting s0 with i0 in slot t1: startup s0 is not available"});
  CHECK(f.check({f.meet(1, 1, 1, 0)}) ==
        std::vector<std::string>{"meeting s1 with i1 in slot t1: investor i1 is not available"});
  // Both kinds of list on both sides.
  f.e.startups[1].availability = {Availability::Kind::unavailable, {1}};
  f.e.investors[2].availability = {Availability::Kind::available, {0}};
  CHECK(f.check({f.meet(1, 2, 1, 0)}) ==
        std::vector<std::string>{"meeting s1 with i2 in slot t1: startup s1 is not available",
                                 "meeting s1 with i2 in slot t1: investor i2 is not available"});
  CHECK(f.check({f.meet(1, 2, 0, 0)}).empty());
}

TEST_CASE("validator: double booking, one meeting per pair, max_meetings") {
  Fixture f;
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(0, 1, 0, 1)}) ==
        std::vector<std::string>{"startup s0 has two meetings in slot t0"});
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(1, 0, 0, 1)}) ==
        std::vector<std::string>{"investor i0 has two meetings in slot t0"});
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(0, 0, 1, 0)}) ==
        std::vector<std::string>{"startup s0 meets investor i0 more than once"});
  f.e.startups[0].max_meetings = 1;
  f.e.investors[1].max_meetings = 1;
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(0, 1, 1, 0)}) ==
        std::vector<std::string>{"startup s0 has 2 meetings, more than its max_meetings 1"});
  CHECK(f.check({f.meet(1, 1, 0, 0), f.meet(2, 1, 1, 0)}) ==
        std::vector<std::string>{"investor i1 has 2 meetings, more than its max_meetings 1"});
}

TEST_CASE("validator: tables per slot, one meeting per table, fixed tables") {
  Fixture f;
  CHECK(f.check({f.meet(0, 0, 1, 1)}) ==
        std::vector<std::string>{
            "meeting s0 with i0 in slot t1: table T2 is not among the slot's 1 tables"});
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(1, 1, 0, 0)}) ==
        std::vector<std::string>{"slot t0: table T1 holds two meetings (s0 with i0 in slot t0; "
                                 "s1 with i1 in slot t0)"});
  CHECK(f.check({f.meet(0, 0, 1, 0), f.meet(1, 1, 1, 1)}) ==
        std::vector<std::string>{
            "meeting s1 with i1 in slot t1: table T2 is not among the slot's 1 tables",
            "slot t1 has 2 in-person meetings but 1 tables"});
  CHECK(
      f.check({f.meet(0, 0, 0, std::nullopt)}) ==
      std::vector<std::string>{"meeting s0 with i0 in slot t0: an in-person meeting has no table"});
  f.e.investors[0].table = 1;
  CHECK(f.check({f.meet(0, 0, 0, 0)}) ==
        std::vector<std::string>{
            "meeting s0 with i0 in slot t0: investor i0 has fixed table T2 but meets at T1"});
  // Two investors sharing fixed table T2 never meet in the same slot, even online.
  f.e.investors[1].table = 1;
  f.e.investors[1].mode = Mode::both;
  f.e.startups[1].mode = Mode::online;
  Meeting online = f.meet(1, 1, 0, std::nullopt);
  online.online = true;
  CHECK(
      f.check({f.meet(0, 0, 0, 1), online}) ==
      std::vector<std::string>{"slot t0: investors i0 and i1 share fixed table T2 and both meet"});
}

TEST_CASE("validator: overlapping slots are one instant for people, tables and fixed tables") {
  Fixture f;
  f.e.slots.push_back(
      {.id = "t2", .start = "2023-09-18T09:10+07:00", .minutes = 30});  // meets t0 and t1
  f.e.slots.push_back(
      {.id = "t3", .start = "2023-09-18T09:20+07:00", .minutes = 10});  // touches t0, inside t2
  f.e.reindex();
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(1, 1, 3, 0)}).empty());  // back to back at T1
  f.e.slots[2].start.clear();  // no clock time: overlaps nothing
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(0, 1, 2, 1)}).empty());
  f.e.slots[2].start = "2023-09-18T09:10+07:00";
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(0, 1, 2, 1)}) ==
        std::vector<std::string>{"startup s0 is in two meetings at once: s0 with i0 in slot t0 "
                                 "(2023-09-18T09:00+07:00, 20 min) overlaps s0 with i1 in slot t2 "
                                 "(2023-09-18T09:10+07:00, 30 min)"});
  CHECK(f.check({f.meet(0, 1, 2, 1), f.meet(1, 1, 1, 0)}) ==
        std::vector<std::string>{"investor i1 is in two meetings at once: s0 with i1 in slot t2 "
                                 "(2023-09-18T09:10+07:00, 30 min) overlaps s1 with i1 in slot t1 "
                                 "(2023-09-18T09:30+07:00, 20 min)"});
  // The sweep compares with the meeting that ends last: t3 lies inside t2, t1 clashes with t2.
  CHECK(f.check({f.meet(0, 0, 2, 0), f.meet(1, 1, 3, 1), f.meet(2, 1, 1, 0)}) ==
        std::vector<std::string>{"table T1 is in two meetings at once: s0 with i0 in slot t2 "
                                 "(2023-09-18T09:10+07:00, 30 min) overlaps s2 with i1 in slot t1 "
                                 "(2023-09-18T09:30+07:00, 20 min)"});
  // Investors sharing a fixed table never meet at once, even online.
  f.e.investors[0].table = 1;
  f.e.investors[1].table = 1;
  f.e.investors[1].mode = Mode::both;
  f.e.startups[1].mode = Mode::online;
  Meeting online = f.meet(1, 1, 2, std::nullopt);
  online.online = true;
  CHECK(f.check({f.meet(0, 0, 0, 1), online}) ==
        std::vector<std::string>{"investors i0 and i1 share fixed table T2 and meet at once: s0 "
                                 "with i0 in slot t0 (2023-09-18T09:00+07:00, 20 min) overlaps s1 "
                                 "with i1 in slot t2 (2023-09-18T09:10+07:00, 30 min)"});
}

TEST_CASE("validator: online meetings take no table and need compatible modes") {
  Fixture f;
  f.e.startups[0].mode = Mode::online;
  f.e.investors[1].mode = Mode::both;
  Meeting m = f.meet(0, 1, 0, std::nullopt);
  m.online = true;
  CHECK(f.check({m}).empty());
  m.table = 0;
  CHECK(f.check({m}) ==
        std::vector<std::string>{"meeting s0 with i1 in slot t0: an online meeting has table T1"});
  Meeting wrong = f.meet(0, 0, 0, std::nullopt);
  wrong.online = true;
  CHECK(f.check({wrong}) ==
        std::vector<std::string>{
            "meeting s0 with i0 in slot t0: the startup meets online only, the investor in "
            "person only"});
  Meeting unmarked = f.meet(0, 1, 0, std::nullopt);
  CHECK(f.check({unmarked}) ==
        std::vector<std::string>{
            "meeting s0 with i1 in slot t0: marked in-person but the modes make it online"});
}

TEST_CASE("validator: pinned meetings, the organisation rule, stats") {
  Fixture f;
  f.e.pinned.push_back({.startup = 1, .investor = 2, .slot = 1});
  CHECK(f.check({}) == std::vector<std::string>{"pinned meeting s1 with i2 in slot t1 is missing"});
  Meeting moved = f.meet(1, 2, 0, 0);
  moved.pinned = true;
  CHECK(f.check({moved}) ==
        std::vector<std::string>{"pinned meeting s1 with i2 in slot t1 was moved to slot t0"});
  Meeting kept = f.meet(1, 2, 1, 0);
  kept.pinned = true;
  CHECK(f.check({kept}).empty());
  Meeting fake = f.meet(0, 0, 0, 0);
  fake.pinned = true;
  CHECK(f.check({kept, fake}) ==
        std::vector<std::string>{
            "meeting s0 with i0 in slot t0 is marked pinned but the event does not pin it"});
  f.e.pinned.clear();

  f.e.options.one_per_organisation = true;
  f.e.investors[0].organisation = "Mekong Fund";
  f.e.investors[1].organisation = "Mekong Fund";
  CHECK(f.check({f.meet(0, 0, 0, 0), f.meet(0, 1, 1, 0)}) ==
        std::vector<std::string>{"organisation rule: startup s0 meets i0 and i1 of Mekong Fund"});

  Schedule plan;
  plan.meetings = {f.meet(0, 0, 0, 0)};
  plan.meetings[0].score = 0.5;
  plan.stats = {.meetings = 2,
                .objective = 9.0,
                .score_total = 0.75,
                .upper_bound = 1.0,
                .startups_below_min = 2};
  CHECK(check_schedule(f.e, plan, f.score, f.eligible).violations ==
        std::vector<std::string>{
            "meeting s0 with i0 in slot t0: score 0.500000 but the pair scores 0.750000",
            "stats.meetings is 2 but the schedule has 1",
            "stats.objective is 9.000000 but recomputed 1.750000",
            "stats.upper_bound 1.000000 is below the objective 9.000000"});
}

TEST_CASE("validator: its own eligibility and scores, not the ones it is handed") {
  // s0 and i0 share no language: the scoring model makes them ineligible whatever a scorer says.
  Event e;
  e.sectors = {"x"};
  e.tables = {"T1"};
  e.slots = {{.id = "t0", .start = "2023-09-18T09:00+07:00", .minutes = 20}};
  e.startups = {{.id = "s0", .sectors = {{0, 1.0}}, .languages = {"vi"}}};
  e.investors = {{.id = "i0", .sectors = {{0, 1.0}}, .languages = {"ko"}},
                 {.id = "i1", .sectors = {{0, 1.0}}}};
  e.options.min_meetings = 0;
  e.reindex();
  const detail::validator::PairRules rules(e);
  CHECK_FALSE(rules(0, 0).eligible);
  CHECK(rules(0, 1).eligible);
  // sector 1, stage 1 (no stages listed), ticket 0.5, country 1, language 1: base 0.925
  CHECK(rules(0, 1).score == doctest::Approx(0.45 + 0.25 + 0.15 * 0.5 + 0.10 + 0.05));

  Schedule plan;
  plan.meetings = {{.startup = 0, .investor = 0, .slot = 0, .table = 0, .score = 0.9}};
  plan.stats = {.meetings = 1, .objective = 0.9, .score_total = 0.9, .upper_bound = 0.9};
  const auto handed_score = Eigen::MatrixXd::Constant(1, 2, 0.9);
  const auto handed_eligible = EligibleMatrix::Constant(1, 2, 1);
  CHECK(check_schedule(e, plan, handed_score, handed_eligible).violations.empty());
  const auto own = check_schedule(e, plan).violations;
  REQUIRE(own.size() >= 2);
  CHECK(own[0] == "meeting s0 with i0 in slot t0: the pair is not eligible");
  CHECK(own[1].rfind("meeting s0 with i0 in slot t0: score 0.900000 but the pair scores ", 0) == 0);
}

TEST_CASE("validator: unscheduled lists every unmet request once, with its side and priority") {
  Fixture f;
  f.e.requests = {{0, 0, Side::startup, Priority::must},
                  {1, 1, Side::investor, Priority::want},
                  {1, 1, Side::startup, Priority::want}};
  f.e.reindex();
  const std::vector<Meeting> meetings = {f.meet(0, 0, 0, 0)};
  auto violations = [&](std::vector<UnmetRequest> unmet) {
    Schedule plan;
    plan.meetings = meetings;
    plan.unscheduled = std::move(unmet);
    const auto first = check_schedule(f.e, plan, f.score, f.eligible);
    plan.stats = {.meetings = 1,
                  .objective = first.objective,
                  .score_total = first.score_total,
                  .upper_bound = first.objective,
                  .startups_below_min = first.startups_below_min};
    return check_schedule(f.e, plan, f.score, f.eligible).violations;
  };
  const UnmetRequest by_investor{1, 1, Side::investor, Priority::want, "no common slot"};
  const UnmetRequest by_startup{1, 1, Side::startup, Priority::want, "no common slot"};
  CHECK(violations({by_investor, by_startup}).empty());
  CHECK(violations({by_investor}) ==
        std::vector<std::string>{"startup s1's request for i1 is not met and not listed as unmet"});
  CHECK(violations({by_investor, by_startup, by_startup}) ==
        std::vector<std::string>{"startup s1's request for i1 is listed twice as unmet"});
  UnmetRequest wrong = by_startup;
  wrong.priority = Priority::must;
  wrong.reason.clear();
  CHECK(violations({by_investor, wrong}) ==
        std::vector<std::string>{
            "startup s1's request for i1 is listed as unmet without a reason",
            "startup s1's request for i1 is listed as unmet with priority must, but it is want"});
  CHECK(violations({by_investor, by_startup, {0, 0, Side::startup, Priority::must, "x"}}) ==
        std::vector<std::string>{
            "startup s0's request for i0 is listed as unmet but the pair meets"});
  CHECK(violations({by_investor, by_startup, {2, 1, Side::startup, Priority::want, "x"}}) ==
        std::vector<std::string>{
            "startup s2's request for i1 is listed as unmet but the event has no such request"});
}
