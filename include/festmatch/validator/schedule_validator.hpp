// festmatch — an independent check of a schedule against every hard rule (docs/scheduler.md).
//
// Written apart from the scheduler and the scorer (it shares no rule code with them: its own
// reading of eligibility and scores, availability, table counts, minimums and clock time) so
// that each can catch the other's mistakes: used by the tests and, in checked builds
// (FESTMATCH_CHECK_SCHEDULES), after every schedule_meetings call. It checks eligibility, blocks,
// availability, modes, tables (one in-person meeting per table per slot, the slot's table count,
// fixed tables, investors sharing a fixed table never meeting at once), nobody in two meetings
// at once (overlapping slots included), max_meetings, each pair once, the organisation rule,
// pins, `unscheduled` (every request whose pair does not meet, once, with its side, priority and
// a reason, and nothing else), and the stats: it recomputes score_total, the objective and
// startups_below_min, and the upper bound must not be below the objective. It lists every
// violation as one sentence naming the participants, slot and table.
// Cost O((M + R) log(M + R) + S + I + P) for M meetings, R requests and P pins, plus
// O(sectors²) per meeting for its own scores.
//
// check_shortfalls() checks that Schedule::shortfalls is exactly the participants the meetings
// leave short (every startup below its minimum or with no meeting, then every investor with no
// meeting, in index order, each once, with the right counts and a reason), so that nothing of
// the input is lost. O(M + S + I).
//
//   auto check = festmatch::check_schedule(event, schedule);
//   if (!check.violations.empty()) std::cerr << check.violations.front() << '\n';
//   for (const auto& v : festmatch::check_shortfalls(event, schedule)) std::cerr << v << '\n';
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "festmatch/config.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

struct ScheduleCheck {
  std::vector<std::string> violations;  // empty: the schedule keeps every hard rule
  double objective = 0.0;
  double score_total = 0.0;
  std::size_t startups_below_min = 0;
};

// Checks with the validator's own reading of the scoring model (eligibility and score of each
// meeting's pair: validator/detail/pair_rules.hpp), never the scorer's.
FESTMATCH_FUNC ScheduleCheck check_schedule(const Event& event, const Schedule& schedule,
                                            Objective objective = Objective::fair);

// Checks against given scores instead (score: startups × investors, eligible: 1 = may meet), for
// a solver run on scores of its own (the scheduler's tests feed it random ones).
FESTMATCH_FUNC ScheduleCheck
check_schedule(const Event& e, const Schedule& schedule, const Eigen::MatrixXd& score,
               const Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>& eligible,
               Objective objective = Objective::fair);

// The participants the meetings leave short, as Schedule::shortfalls lists them but without
// reasons: startups below their minimum or with no meeting, then investors with no meeting.
FESTMATCH_FUNC std::vector<Shortfall> expected_shortfalls(const Event& e,
                                                          const std::vector<Meeting>& meetings);

// Every way schedule.shortfalls differs from expected_shortfalls(), one sentence each; empty
// when it lists exactly those participants, in that order, each with a reason.
FESTMATCH_FUNC std::vector<std::string> check_shortfalls(const Event& e, const Schedule& schedule);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/validator/schedule_validator-inl.hpp"
#endif
