// festmatch — what changed between two schedules, per participant: `festmatch diff OLD NEW`,
// the list an organiser sends as notifications.
//
// Both schedules are compared by ids only, so no event is needed and schedules of an event that
// changed in between (participants, slots or tables added or removed) still compare. A pair
// meets at most once, so the pair (startup, investor) identifies a meeting:
//   moved      the pair meets in both, in another slot or at another table (from -> to)
//   cancelled  the pair meets in the old schedule only (from); the reason is the new schedule's
//              own, from its `changes` (festmatch reschedule writes them), when it has one for
//              the pair, else empty
//   added      the pair meets in the new schedule only (to)
// A moved meeting takes its reason from the new schedule's `changes` the same way. A meeting
// whose slot and table stay the same is not a change (its score, mode or pin may differ).
//
// Reading (read_schedule_ids): a schedule file (`"format": "festmatch-schedule/1"`, see
// schedule_json.hpp) is read for what the diff needs: each meeting's `slot`, `table` (an id, or
// null when online), `startup` and `investor`, and the `startup`, `investor`, `change` and
// `reason` of each of its `changes`; also the file's `now` and each meeting's `start` and `end`
// when given (for a slot the event no longer has: departed.hpp); other fields are not looked at.
// Problems throw InputError, reported like every reader's: JSON syntax as FILE:LINE:COLUMN, values
// as FILE:/json/pointer (a missing or mistyped field, another format, a pair that meets twice), at
// most 50 a file.
//
// Output, one participant at a time — startups, then investors, each by id (byte order) — and
// only those whose agenda changed; within a participant its moved, then cancelled, then added
// meetings, each by the other party's id:
//   diff_text:  startup s1 (2 changes)
//                 moved      with investor i1: slot d1-0900, table T1 -> slot d1-0920, table T2
//                 cancelled  with investor i2: slot d1-0940, online (investor i2 is cancelled)
//               (an empty string when nothing changed)
//   diff_json:  an array of {"side", "participant", "changes": [...]}, each change as a schedule
//               file writes its `changes`: {"change", "startup", "investor", "from": {"slot",
//               "table"}, "to": {"slot", "table"}, "reason"} (`from` for moved and cancelled,
//               `to` for moved and added, `reason` when there is one, a table null when online);
//               one participant's opening line, then one change a line ("[]" when nothing
//               changed)
//   diff_csv:   the header participant_side,participant,change,other,from_slot,from_table,
//               to_slot,to_table,reason, then one row per participant and change (RFC 4180, LF,
//               UTF-8 without a byte order mark; `from_*` empty for added, `to_*` for
//               cancelled, a table empty when online)
// Complexity: O((M + M') log(M + M')) for M and M' meetings.
//
//   const auto changes = festmatch::diff_schedules(festmatch::read_schedule_ids("v1.json"),
//                                                  festmatch::read_schedule_ids("v2.json"));
//   std::cout << festmatch::diff_text(festmatch::changes_by_participant(changes));
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

// A meeting as a schedule file names it.
struct MeetingIds {
  std::string startup, investor, slot;
  std::string table;       // "" when online
  std::string start, end;  // the file's "start" and "end" ("" when absent); the slot is the truth
  friend bool operator==(const MeetingIds&, const MeetingIds&) = default;
};

// What a diff reads of a schedule.
struct ScheduleIds {
  std::string now;                   // a revised schedule's "now" ("" when none)
  std::vector<MeetingIds> meetings;  // in the schedule's order
  std::vector<Change> changes;       // a revised schedule's changes from its previous revision
  friend bool operator==(const ScheduleIds&, const ScheduleIds&) = default;
};

// One participant's changed agenda.
struct ParticipantChanges {
  Side side = Side::startup;
  std::string participant;      // its id
  std::vector<Change> changes;  // moved, cancelled, added; each by the other party's id
  friend bool operator==(const ParticipantChanges&, const ParticipantChanges&) = default;
};

// Throws InputError with every problem found (see the top of this header).
FESTMATCH_FUNC ScheduleIds read_schedule_ids(std::string_view text, const std::string& file_name);
FESTMATCH_FUNC ScheduleIds read_schedule_ids(const std::filesystem::path& file);

// The ids of a schedule in memory (its indices must be in the event's range).
FESTMATCH_FUNC ScheduleIds schedule_ids(const Event& event, const Schedule& schedule);

// Every meeting moved, cancelled or added from `before` to `after`, by startup id, then
// investor id. Throws InputError when a pair meets twice in one schedule.
FESTMATCH_FUNC std::vector<Change> diff_schedules(const ScheduleIds& before,
                                                  const ScheduleIds& after);

// Each change under both of its participants, in the order described at the top.
FESTMATCH_FUNC std::vector<ParticipantChanges> changes_by_participant(
    const std::vector<Change>& changes);

FESTMATCH_FUNC std::string diff_text(const std::vector<ParticipantChanges>& diff);
FESTMATCH_FUNC std::string diff_json(const std::vector<ParticipantChanges>& diff);
FESTMATCH_FUNC std::string diff_csv(const std::vector<ParticipantChanges>& diff);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/scheduler/schedule_diff-inl.hpp"
#endif
