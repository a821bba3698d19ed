// festmatch — re-scheduling a published schedule after the event changed (SPEC §4).
//
// Problem: a festival changes while it runs (an investor cancels, a startup becomes unavailable,
// a late registrant arrives, a slot loses tables). The published schedule must change as little
// as possible: what happened stays, what still works stays where it is, and only the freed
// capacity is scheduled again.
// Method:
//   1. History: meetings in slots that start before `now` (the start of the slot RescheduleOptions
//      ::now names) are kept as they are, whatever changed since. One whose slot runs past `now`
//      keeps its table (and its investor's fixed table) busy until it ends.
//   2. Later meetings that are still feasible keep their slot and table: they become fixed
//      meetings (pins with their table) of the remaining problem. One that is not (a side
//      cancelled or unavailable, the pair blocked or no longer eligible, its table gone, a cap
//      lowered) is dropped with the rule it breaks, found by the scheduler's pin rules
//      (problem_frame, which needs no scores), one pin at a time.
//   3. The remaining problem is the event after `now`: the slots before it closed, every
//      participant's caps and minimum less its history meetings, pairs met in history and the
//      organisation rule on history blocked. Only its open part is solved: the participants
//      with capacity left after history and the kept meetings, and those of the event's later
//      pins. The kept meetings stay outside it — their slots, caps, minimums, pairs and
//      organisations are taken off their participants, and their tables are held — so the
//      work, the score matrix included, grows with the free capacity, not with the event. The
//      scheduler fills it by the usual objective, so freed partners, new participants and unmet
//      requests get the freed capacity; a dropped meeting whose pair is placed again is
//      reported as moved, the others as cancelled.
//   4. The result has revision = previous + 1, each meeting's revision (kept meetings keep
//      theirs), `changes` (moved, cancelled, added, with the reasons), the objective of the whole
//      schedule and an upper bound for the re-scheduling problem (history and kept meetings
//      fixed): the open problem's bound plus what history and the kept meetings contribute (a
//      startup's fairness term splits as min(h + k, min) plus the open problem's own).
// Complexity: one schedule_meetings run on the open problem, plus one pin check per infeasible
// later meeting (each drops at least one), and one pair score per history, kept and requested
// pair.
//
// Removed from the event file: a participant, slot or table the published schedule names but the
// event no longer has is completed first by with_departed (departed.hpp): a departed participant
// is a cancelled placeholder, a removed slot has no tables and nobody available, a removed table
// is open in no later slot. Its history stays exactly; its later meetings are cancelled (moved
// where the pair can still meet, for a removed slot or table) with the reason "investor INV07
// was removed from the event" (the slot's, the table's) when RescheduleOptions::departed names
// it, and a departed participant left without meetings gets no shortfall.
//
// With a move cost X (RescheduleOptions::move_cost), a kept meeting moves where that makes room
// for a meeting gaining more than X per kept meeting moved (detail/make_room.hpp, after step 3);
// the bound is then that of objective − X·moves, plus X for each move made.
//
//   festmatch::Schedule old = festmatch::read_schedule("schedule.json", changed_event);
//   festmatch::Schedule now = festmatch::reschedule(changed_event, old, {.now = "d2-0900"});
//   // with rows deleted from the event: complete it first (departed.hpp)
//   festmatch::Departed gone;
//   const festmatch::Event full = festmatch::with_departed(changed_event, ids, &gone);
#pragma once

#include <optional>
#include <string>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scheduler/scheduler.hpp"

namespace festmatch {

struct RescheduleOptions {
  // The first slot that is not history (its id): meetings in slots that start before it are
  // kept as they are. Empty: nothing is history.
  std::string now;
  ScheduleOptions schedule;  // for the remaining problem (objective, seed, threads, ...)
  // What with_departed completed the event with: their later meetings' reasons say "removed".
  Departed departed;
  // Absent: a kept meeting never moves. A value X ≥ 0: a kept meeting moves where that makes
  // room for a pair that gains more than X per meeting moved (detail/make_room.hpp).
  std::optional<double> move_cost;
};

// Throws InputError when `now` names no slot of the event or `previous` refers outside it, and
// InfeasibleError when one of the event's own pinned meetings cannot hold any more.
FESTMATCH_FUNC Schedule reschedule(const Event& event, const Schedule& previous,
                                   const RescheduleOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/scheduler/reschedule-inl.hpp"
#endif
