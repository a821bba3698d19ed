// festmatch — a published schedule read against an event that lost participants, slots or
// tables since (SPEC §4 "Re-scheduling": history is never changed, never dropped).
//
// Problem: an organiser deletes an investor's row from investors.csv (or a slot, or a table)
// after the schedule went out. The published schedule still names it: in meetings that already
// happened (history, which must stay exactly) and in later ones (which must be cancelled or
// moved, with a reason). Resolving the file's ids against the edited event fails on that id.
// Method: the event is completed in memory with a placeholder for each id of the schedule that
// it lacks, appended after the event's own (so every index of the event stays what it was):
//   startup, investor  a record with that id, its id as name (the schedule file names no one),
//                      status cancelled, available in no slot, no sectors, no minimum: it gets
//                      no meeting after `now`, its history stays, it is no startup "below its
//                      minimum"
//   slot               its id, start and length from the meeting's "start" and "end" in the file
//                      (a file without them: no start, 0 minutes), no tables, nobody available
//                      in it (participants available in every slot become unavailable in it)
//   table              appended to Event::tables. A slot's tables are the first k ids, so slots
//                      that used all tables get their count (the event's own) written out: the
//                      placeholder is open in no slot, except that a history meeting at it (or
//                      at any table, in a removed slot) opens its slot up to that table — a
//                      closed slot of the past, where nothing new is placed
// History is what starts before ScheduleIds::now (a meeting's slot start: the event's when it
// has the slot, else the file's "start"); empty: nothing is history.
// Departed lists the placeholders' ids; reschedule (RescheduleOptions::departed) gives their
// later meetings the reason "investor INV07 was removed from the event" (or the slot's, the
// table's), lists no shortfall for one left without meetings, and write_ics
// (IcsOptions::departed) writes no calendar for them.
// Complexity: O(meetings + participants + slots) (plus the availability lists a removed slot is
// added to).
//
//   festmatch::ScheduleIds ids = festmatch::read_schedule_ids("schedule.json");
//   ids.now = "2023-09-19T09:00+07:00";  // reschedule's --now: later meetings are not history
//   festmatch::Departed gone;
//   const festmatch::Event full = festmatch::with_departed(edited_event, ids, &gone);
//   // gone.investors == {"INV07"}; full.investors.back().status == Status::cancelled
//
// An export of the new schedule completes the event from its history only
// (history_meetings): an unknown id in a later meeting is still an error.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "festmatch/config.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"

namespace festmatch {

// The ids a schedule names that its event does not have, each in the order the schedule first
// names it.
struct Departed {
  std::vector<std::string> startups, investors, slots, tables;
  [[nodiscard]] bool empty() const {
    return startups.empty() && investors.empty() && slots.empty() && tables.empty();
  }
  friend bool operator==(const Departed&, const Departed&) = default;
};

// `event` with a placeholder for each startup, investor, slot and table `published` names and
// the event lacks (see the top of this header); `departed` (when given) gets their ids.
FESTMATCH_FUNC Event with_departed(const Event& event, const ScheduleIds& published,
                                   Departed* departed = nullptr);

// `ids` with only its history meetings: those whose slot starts before ids.now (the event's
// start for a slot it has, else the meeting's "start" in the file). None when ids.now is empty.
FESTMATCH_FUNC ScheduleIds history_meetings(const Event& event, const ScheduleIds& ids);

// A published schedule ready to re-schedule against an edited event: the event completed with
// what the schedule names and it lacks (with_departed, history being what starts before the slot
// `now` names), the schedule read against it with every table open in every slot (whether a
// later meeting still has its table is reschedule's to say, not a reason to refuse the file),
// and what was completed. `json` is the schedule file's text, `file_name` names it in errors.
struct Published {
  Event event;
  Schedule schedule;
  Departed departed;
};
FESTMATCH_FUNC Published read_published(std::string_view json, const std::string& file_name,
                                        const Event& event, const std::string& now);
FESTMATCH_FUNC Published read_published(const std::filesystem::path& file, const Event& event,
                                        const std::string& now);

// The reason a change of `c`'s pair gets because of a departure: "startup S9 was removed from
// the event", the same for its investor, then for its from-slot and from-table; "" when none
// applies.
FESTMATCH_FUNC std::string departed_reason(const Departed& departed, const Change& c);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/scheduler/departed-inl.hpp"
#endif
