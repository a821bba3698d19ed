// festmatch — the event file: one JSON document, "format": "festmatch-event/1".
//
//   festmatch::Event e = festmatch::read_event_json(text, "event.json");  // throws
//   std::string out = festmatch::write_event_json(e);                     // deterministic
//
// Reading collects every problem before it throws:
// - JSON syntax errors as `FILE:LINE:COLUMN: error: …` (LINE and COLUMN 1-based, COLUMN in
//   bytes), from nlohmann-json's byte position;
// - value errors as `FILE:/json/pointer: error: …`, naming the field and, for an unknown name,
//   the nearest known one (`unknown table 'T99'; did you mean 'T9'?`);
// - then, only when everything else is valid, pinned meetings that break a rule, thrown as
//   InfeasibleError (exit status 3) instead of InputError (exit status 1).
// Limits (never a crash): 256 MiB of text, nesting depth 64 (checked before nlohmann's parser
// runs), and the counts in detail::event::EventLimits (100,000 startups, 100,000 investors, 10,000
// slots, 100,000 tables, 5,000,000 requests, blocked pairs or pins). Strings must be valid
// UTF-8; names are kept byte for byte.
//
// Shape (every field but "format" optional; event/event.hpp gives the meaning):
//   {"format": "festmatch-event/1", "event": {"name": "…", "timezone": "Asia/Ho_Chi_Minh"},
//    "sectors": ["logistics", …], "related_sectors": [["logistics", "seaports", 0.5]],
//    "stages": ["idea", …], "tables": 30 | ["A1", …],
//    "slots": [{"id": "d1-0900", "start": "2023-09-18T09:00+07:00", "minutes": 20, "tables": 12}],
//    "startups": [{"id", "name", "sectors": {"logistics": 1}, "stage", "ask", "country",
//                  "languages": ["vi"], "max_meetings", "min_meetings", "available" |
//                  "unavailable": [slot ids], "mode": "in-person" | "online" | "both",
//                  "status": "active" | "cancelled"}],
//    "investors": [{"id", "name", "organisation", "sectors": {…}, "stages": {"seed": 1},
//                   "ticket": {"min", "max"}, "countries", "languages", "max_meetings",
//                   "available" | "unavailable", "table", "mode", "status"}],
//    "requests": [{"startup", "investor", "by": "startup" | "investor", "priority": "want" |
//    "must"}], "blocked": [{"startup", "investor", "reason"}], "pinned": [{"startup", "investor",
//    "slot", "table"}], "weights": {"sector": 0.45, …}, "options": {"stage_decay": 0.5, …}}
// A null value counts as absent.
#pragma once

#include <string>
#include <string_view>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/read_options.hpp"

namespace festmatch {

// Reads an event file's text. `file_name` is used in the diagnostics; warnings go where
// `options` says (event/read_options.hpp).
// Throws InputError (every problem found) or InfeasibleError (pinned meetings that break a rule).
FESTMATCH_FUNC Event read_event_json(std::string_view text, const std::string& file_name,
                                     const ReadOptions& options = {});

// Writes the event as "festmatch-event/1": deterministic, pretty (2 spaces), UTF-8 as is,
// optional fields only when present, tables as a count when they are T1..Tn.
// read_event_json(write_event_json(e)) == e for every event that check_event() accepts.
// Throws InputError when an index is out of range or a string is not valid UTF-8.
FESTMATCH_FUNC std::string write_event_json(const Event& event);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/event/event_json-inl.hpp"
#endif
