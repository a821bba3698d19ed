// festmatch — the schedule file: `"format": "festmatch-schedule/1"`.
//
// Writing: `write_schedule_json(event, schedule)` returns the file's text. Meetings and
// unscheduled requests come one per line, in the schedule's order; participants, slots and
// tables are written by id. Doubles are written in their shortest round-trip form, so reading
// the file back gives the same doubles, and the same schedule always gives the same bytes.
//
//   {
//     "format": "festmatch-schedule/1",
//     "event": "Techfest Hai Phong 2023",
//     "meetings": [
//       {"slot":"d1-0900","start":"2023-09-18T09:00+07:00","end":"2023-09-18T09:20+07:00",
//        "table":"T1","startup":"s1","investor":"i1","score":0.82,"mode":"in-person","pinned":false}
//     ],
//     "unscheduled": [
//       {"startup":"s2","investor":"i1","by":"startup","priority":"want","reason":"..."}
//     ],
//     "stats": {"meetings": 1, "objective": 1.82, "score_total": 0.82, "upper_bound": 1.9,
//               "gap": 0.042, "startups_below_min": 1, "stage_ms": {"score": 1.5, ...}},
//     "shortfalls": [
//       {"side":"startup","id":"s2","meetings":0,"minimum":3,"reason":"available in no slot"}
//     ]
//   }
//
// `shortfalls` lists, one per line, every startup below its minimum and every startup or
// investor with no meeting (Schedule::shortfalls): `side` is "startup" or "investor", `id` its
// id, `meetings` how many it has, `minimum` its min_meetings (0 for an investor), `reason` why.
// With `meetings` and `unscheduled` it accounts for every participant of the event.
//
// A schedule made by `festmatch reschedule` (Schedule::revision above 1) also has, after
// "event", `"revision": N` and `"now": "START"` (meetings in slots that start before it are
// history), `"revision"` in each meeting (the revision in which it was placed or last moved),
// and at the end `"changes"`: one per line, `{"change": "moved" | "cancelled" | "added",
// "startup", "investor", "from": {"slot", "table"}, "to": {"slot", "table"}, "reason"}` by id
// (`from` for moved and cancelled, `to` for moved and added; a table is null when online). A
// first schedule's file has none of these, byte for byte as before.
//
// `table` is null for an online meeting. `start`/`end` are for people reading the file; the
// reader checks they are strings and otherwise ignores them (the slot is the truth).
//
// Reading: `read_schedule_json(text, file_name, event)` resolves every id against the event and
// throws festmatch::InputError listing every problem found: JSON syntax errors as
// FILE:LINE:COLUMN, value errors as FILE:/json/pointer (unknown ids and unknown field names name
// the nearest known one; missing fields, wrong types, a table that is not in the event or not
// open in the slot, a mode that contradicts the table). `unscheduled`, `stats` and `shortfalls`
// may be omitted (empty), so files written before `shortfalls` existed still read. Rules that span
// meetings (double bookings, capacities) are the validator's job.
//
//   festmatch::Schedule s = festmatch::read_schedule("schedule.json", event);
//   festmatch::write_file_atomically("copy.json", festmatch::write_schedule_json(event, s));
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

FESTMATCH_FUNC std::string write_schedule_json(const Event& event, const Schedule& schedule);

// Throws InputError with every problem found (see the top of this header).
FESTMATCH_FUNC Schedule read_schedule_json(std::string_view text, const std::string& file_name,
                                           const Event& event);

// Reads a schedule file; throws InputError when it cannot be read or is invalid.
FESTMATCH_FUNC Schedule read_schedule(const std::filesystem::path& file, const Event& event);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/scheduler/schedule_json-inl.hpp"
#endif
