// festmatch — a meeting schedule: plain data shared by the scheduler,
// the validator, re-scheduling, the schedule file and the exports.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "festmatch/event/event.hpp"

namespace festmatch {

inline constexpr const char* schedule_format = "festmatch-schedule/1";

// What a schedule maximises. fair: Σ score + fairness_weight · Σ_startups min(meetings,
// min_meetings); total: Σ score alone (the fairness weight set to 0).
enum class Objective { fair, total };

struct Meeting {
  Index startup = 0;
  Index investor = 0;
  Index slot = 0;
  std::optional<Index> table;  // index into Event::tables; absent when online
  double score = 0.0;          // the pair's score (base + request bonus)
  bool online = false;
  bool pinned = false;
  int revision = 1;  // the schedule's revision in which the meeting was placed or last moved
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

// An eligible (or requested) pair that the schedule does not contain, and why.
struct UnmetRequest {
  Index startup = 0;
  Index investor = 0;
  Side by = Side::startup;
  Priority priority = Priority::want;
  std::string reason;  // one sentence a person can act on
  friend bool operator==(const UnmetRequest&, const UnmetRequest&) = default;
};

// A participant the schedule leaves short: a startup with fewer meetings than its minimum, or a
// startup or investor with no meeting at all. Nothing of the input is lost: every participant
// is in a meeting or here.
struct Shortfall {
  Side side = Side::startup;
  Index participant = 0;  // index into Event::startups or Event::investors, by `side`
  int meetings = 0;       // the meetings it has in the schedule (pinned included)
  int minimum = 0;     // a startup's min_meetings (Event::startup_min_meetings); 0 for an investor
  std::string reason;  // one sentence an organiser can act on
  friend bool operator==(const Shortfall&, const Shortfall&) = default;
};

struct ScheduleStats {
  std::size_t meetings = 0;
  double objective = 0.0;    // Σ score + fairness_weight · Σ min(meetings, min_meetings)
  double score_total = 0.0;  // Σ score
  double upper_bound = 0.0;  // a proven bound on the optimum objective
  double gap = 0.0;          // (upper_bound - objective) / upper_bound; 0 when the bound is 0
  std::size_t startups_below_min = 0;
  // SPEC §4, averaged over the participants with a meeting (scheduler/agenda.hpp): idle slots
  // between a participant's first and last meeting of a day, summed over its days; days with a
  // meeting.
  double idle_slots = 0.0;
  double days_attended = 0.0;
  std::vector<std::pair<std::string, double>> stage_ms;  // time of each stage, in order
  friend bool operator==(const ScheduleStats&, const ScheduleStats&) = default;
};

// How a meeting changed from the previous revision (festmatch reschedule, festmatch diff).
// Participants, slots and tables are ids: a participant removed from the event keeps its id.
enum class ChangeKind { moved, cancelled, added };
inline constexpr std::string_view change_kind_names[] = {"moved", "cancelled", "added"};

struct Change {
  ChangeKind kind = ChangeKind::added;
  std::string startup, investor;
  std::string from_slot, from_table;  // moved, cancelled: where it was (table "" when online)
  std::string to_slot, to_table;      // moved, added: where it is now
  std::string reason;                 // cancelled, moved: why, in an organiser's words
  friend bool operator==(const Change&, const Change&) = default;
};

struct Schedule {
  std::vector<Meeting> meetings;  // sorted by slot, then table, then startup
  std::vector<UnmetRequest> unscheduled;
  ScheduleStats stats;
  // Startups below their minimum, then participants with no meeting (startups, then
  // investors), each once, in index order.
  std::vector<Shortfall> shortfalls;
  int revision = 1;  // 1 for a first schedule; each reschedule adds 1
  // The start (ISO 8601, as the slot gives it) of the first slot that was not history when this
  // revision was made: meetings in slots that start before it are history. Empty: none.
  std::string now;
  std::vector<Change> changes;  // from the previous revision: moved, cancelled, added
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

}  // namespace festmatch
