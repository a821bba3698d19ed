// festmatch command line — see checked_schedule.hpp.
#include "checked_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/util/detail/nearest_name.hpp"
#include "festmatch/validator/schedule_validator.hpp"

namespace festmatch::cli {

namespace {

struct Problem {
  std::string pointer;  // where in the schedule file, when known
  std::string message;
};

// The meetings' ids that `event` does not have, one sentence each; the first names the nearest
// known id (suggestions for all would cost O(ids²) on a schedule of another event).
std::vector<Problem> unknown_ids(const Event& event, const ScheduleIds& ids) {
  std::vector<Problem> problems;
  enum class Kind { startup, investor, slot, table } first_kind = Kind::startup;
  std::string first_id;  // the first unknown id ("" for a table not open in its slot)
  auto add = [&](std::size_t k, const char* field, Kind kind, const std::string& id,
                 std::string message) {
    if (problems.empty()) {
      first_kind = kind;
      first_id = id;
    }
    problems.push_back({"/meetings/" + std::to_string(k) + "/" + field, std::move(message)});
  };
  for (std::size_t k = 0; k < ids.meetings.size(); ++k) {
    const MeetingIds& m = ids.meetings[k];
    const std::string meeting =
        "meeting " + m.startup + " with " + m.investor + " in slot " + m.slot + ": ";
    if (!event.startup_index.count(m.startup))
      add(k, "startup", Kind::startup, m.startup,
          meeting + "startup " + m.startup + " is not in the event");
    if (!event.investor_index.count(m.investor))
      add(k, "investor", Kind::investor, m.investor,
          meeting + "investor " + m.investor + " is not in the event");
    const auto slot = event.slot_index.find(m.slot);
    if (slot == event.slot_index.end())
      add(k, "slot", Kind::slot, m.slot, meeting + "slot " + m.slot + " is not in the event");
    if (m.table.empty()) continue;
    const auto table = event.table_index.find(m.table);
    if (table == event.table_index.end()) {
      add(k, "table", Kind::table, m.table, meeting + "table " + m.table + " is not in the event");
    } else if (slot != event.slot_index.end() && table->second >= event.slot_tables(slot->second)) {
      add(k, "table", Kind::table, "",
          meeting + "table " + m.table + " is not open in the slot (it has " +
              std::to_string(event.slot_tables(slot->second)) + " tables)");
    }
  }
  if (!problems.empty() && !first_id.empty()) {
    std::vector<std::string> known;
    auto ids_of = [&](const auto& items) {
      for (const auto& x : items) known.push_back(x.id);
    };
    if (first_kind == Kind::startup) ids_of(event.startups);
    if (first_kind == Kind::investor) ids_of(event.investors);
    if (first_kind == Kind::slot) ids_of(event.slots);
    if (first_kind == Kind::table) known = event.tables;
    problems.front().message += detail::did_you_mean(first_id, known);
  }
  return problems;
}

[[noreturn]] void refuse(const std::string& event_path, const std::string& schedule_path,
                         const std::vector<Problem>& problems) {
  std::vector<Diagnostic> lines;
  lines.push_back(
      {.file = schedule_path,
       .pointer = problems.front().pointer,
       .message = "does not fit the event " + event_path + ": " + problems.front().message});
  if (problems.size() > 1) {
    lines.push_back({.file = schedule_path,
                     .message = "and " + std::to_string(problems.size() - 1) + " more problem" +
                                (problems.size() == 2 ? "" : "s")});
  }
  lines.push_back({.file = schedule_path,
                   .message = "run festmatch reschedule " + event_path + " --schedule " +
                              schedule_path + " --output NEW to repair it"});
  throw InputError(lines);
}

}  // namespace

Schedule read_checked_schedule(const std::string& event_path, Event& event,
                               const std::string& schedule_path, Departed* departed) {
  const ScheduleIds ids = read_schedule_ids(schedule_path);
  event = with_departed(event, history_meetings(event, ids), departed);
  if (const auto problems = unknown_ids(event, ids); !problems.empty()) {
    refuse(event_path, schedule_path, problems);
  }
  Schedule schedule = read_schedule(schedule_path, event);
  ScheduleCheck check = check_schedule(event, schedule, Objective::fair);
  // A schedule made with --objective total reports Σ score as its objective: check it so.
  const auto matches = [](double reported, double recomputed) {
    return std::abs(reported - recomputed) <= 1e-6 * std::max(1.0, std::abs(recomputed));
  };
  if (!matches(schedule.stats.objective, check.objective) &&
      matches(schedule.stats.objective, check.score_total)) {
    check = check_schedule(event, schedule, Objective::total);
  }
  std::vector<Problem> problems;
  for (auto& v : check.violations) problems.push_back({"", std::move(v)});
  for (auto& v : check_shortfalls(event, schedule)) problems.push_back({"", std::move(v)});
  if (!problems.empty()) refuse(event_path, schedule_path, problems);
  return schedule;
}

}  // namespace festmatch::cli
