// festmatch — the event folder: what organisers export from a spreadsheet.
//
//   FOLDER/event.json      settings, taxonomy, tables, weights, options (no participant lists)
//   FOLDER/startups.csv    id,name,sectors,stage,ask,country,languages,max_meetings,
//                          min_meetings,available,unavailable,mode,status
//   FOLDER/investors.csv   id,name,organisation,sectors,stages,ticket_min,ticket_max,countries,
//                          languages,max_meetings,available,unavailable,table,mode,status
//   FOLDER/slots.csv       id,start,minutes,tables
//   FOLDER/requests.csv    startup,investor,by,priority        (optional file)
//   FOLDER/blocked.csv     startup,investor,reason             (optional file)
//   FOLDER/pinned.csv      startup,investor,slot,table         (optional file)
//
//   festmatch::Event e = festmatch::read_event_folder("examples/techfest-haiphong");
//   festmatch::write_event_folder(e, "/tmp/copy");   // atomic writes; reads back equal
//
// CSV (see util/csv.hpp): RFC 4180, UTF-8 (a BOM is skipped; a file in another encoding is one
// error saying how to export UTF-8), CRLF or LF, `,` `;` or tab as the separator (the one the
// header row uses), blank rows and spaces around unquoted cells ignored, a header row naming the
// columns in any order; an optional file may be empty (0 bytes); only the columns marked required
// above must be present (startups: id, sectors, stage; investors: id, sectors; slots: id, start,
// minutes; requests: startup, investor, by; blocked: startup, investor; pinned: startup, investor,
// slot). An empty cell is an absent value. List cells are separated by `;`, weights are
// `name:weight` (a name alone weighs 1; the name is what precedes the last `:`), e.g.
// `logistics:1;seaports:0.5`; spaces around list items are ignored. A ticket needs both ticket_min
// and ticket_max. Sector and stage names, and the values of by, priority and mode, match in any
// case ("Seed", "Want").
//
// Errors come root cause first: a file that cannot be read or parsed stops the reading before
// the values are checked; an unknown name is one line with the count of places that use it (a
// removed participant, not one line per request); a list with no rows that other files refer to
// is one line at that list. At most 50 lines a file, then a count.
//
// Diagnostics in a CSV file are `FILE:LINE:COLUMN: error: …` with LINE the line the record
// starts on and COLUMN the 1-based field number, and they name the column:
//   startups.csv:7:4: error: unknown stage 'seriesa' in column 'stage'; did you mean 'series-a'?
// A folder's event.json that also lists startups, investors, slots, requests, blocked pairs or
// pins is an error (one source of truth per list: the CSV files). Syntax errors in any file
// (JSON or CSV) are reported for all files and stop the reading before the values are checked.
#pragma once

#include <filesystem>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/read_options.hpp"

namespace festmatch {

// Reads an event folder (layout above); warnings go where `options` says
// (event/read_options.hpp). Throws InputError (every problem found) or InfeasibleError (pinned
// meetings that break a rule).
FESTMATCH_FUNC Event read_event_folder(const std::filesystem::path& folder,
                                       const ReadOptions& options = {});

// Writes the event as an event folder (layout above), every file atomically; creates the
// folder when missing. Reading it back gives an equal Event. Throws InputError when the event
// cannot be expressed in CSV (a list item with `;` or surrounding spaces, an empty `available`
// list) or an index is out of range, OutputError when a file cannot be written.
FESTMATCH_FUNC void write_event_folder(const Event& event, const std::filesystem::path& folder);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/event/event_folder-inl.hpp"
#endif
