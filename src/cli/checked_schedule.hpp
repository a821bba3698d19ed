// festmatch command line — reading a schedule file that must fit its event (export, explain).
//
// A schedule is refused (InputError, exit status 1) when it breaks the event's rules — made for
// another event, or stale after the event changed (a participant unavailable, cancelled or
// removed, a table or slot gone, a cap lowered, a request added, a weight changed) — in at most
// three lines of the schedule file (the first with the JSON pointer of an unknown id):
//   FILE[:/meetings/K/FIELD]: error: does not fit the event EVENT: <the first problem>
//   FILE: error: and N more problems                              (when there are others)
//   FILE: error: run festmatch reschedule EVENT --schedule FILE --output NEW to repair it
// The problems are the meetings' ids that the event does not have (a startup, investor, slot or
// table, or a table not open in the slot), the first with the nearest known id; when there are
// none, what the validator finds (check_schedule, then check_shortfalls): every hard rule, each
// meeting's score, the unscheduled requests, the shortfalls and the stats. The stats are checked
// against the objective the file was made with: a schedule made with `--objective total` reports
// Σ score as stats.objective, and is checked so; any other stats.objective is a problem. A file
// that is not a readable schedule (JSON syntax, a field of the wrong type) is reported as
// every reader reports it, without the hint.
#pragma once

#include <string>

#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch::cli {

// `event` is completed first (departed.hpp, with_departed) with the startups, investors, slots
// and tables that only the schedule's history names (meetings before its "now"): a schedule
// `festmatch reschedule` wrote after rows were deleted from the event file still exports.
// `departed` (when given) gets their ids. An unknown id in a later meeting is refused as above.
festmatch::Schedule read_checked_schedule(const std::string& event_path, festmatch::Event& event,
                                          const std::string& schedule_path,
                                          festmatch::Departed* departed = nullptr);

}  // namespace festmatch::cli
