// festmatch — the meeting scheduler's public calls (declared in festmatch/scheduler/scheduler.hpp).
#pragma once

#include <chrono>

#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/scheduler/scheduler.hpp"

namespace festmatch {

FESTMATCH_FUNC Schedule schedule_meetings(const Event& event, const CompatibilityMatrix& scores,
                                          const ScheduleOptions& options) {
  return detail::scheduler::solve_checked(event, scores, options);
}

FESTMATCH_FUNC Schedule schedule_meetings(const Event& event, const ScheduleOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const CompatibilityMatrix scores =
      compatibility_matrix(event, options.threads, MatrixParts::scores);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (options.progress) options.progress("scores", 0.1);
  return detail::scheduler::solve_checked(event, scores, options, ms);
}

}  // namespace festmatch
