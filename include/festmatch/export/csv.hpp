// festmatch — export a schedule's meetings as one CSV table that a spreadsheet opens as it is.
//
// Columns:
//   date,start,end,utc_offset,slot,table,mode,startup,startup_name,investor,investor_name,
//   organisation,score,pinned
//   date          the slot's local date, "2023-09-18"
//   start, end    the slot's local clock time, "09:00" ("09:00:30" when the seconds are not
//                 zero); end = start + the slot's minutes, so a slot that crosses midnight ends
//                 on the next day, with end before start
//   utc_offset    the UTC offset of date, start and end, "+07:00"
//                 (date, start, end and utc_offset are empty for a slot without a `start`: an
//                 Event built in code; the readers require one)
//   slot          the slot id
//   table         the table id; empty for an online meeting (mode "online")
//   mode          "in-person" or "online"
//   startup, startup_name                 the startup's id and name
//   investor, investor_name, organisation the investor's id, name and organisation (may be empty)
//   score         the pair's score rounded to 3 decimals, trailing zeros dropped ("0.946", "1")
//   pinned        "yes" when the event pins this startup and investor in this slot (one of
//                 Event::pinned), else "no"
// One row per meeting, sorted by slot (start time, then the event's slot order), then table
// (the event's table order, online meetings last), then startup, then investor.
//
// Format: RFC 4180 — a UTF-8 byte order mark (so Excel reads the text as UTF-8, not as the
// system code page; CsvOptions{.bom = false} leaves it out), a header row, CRLF line ends (the
// RFC's; every spreadsheet and CSV library accepts them; CsvOptions{.crlf = false} gives LF); a
// field is quoted when it holds a comma, a double quote, CR or LF, and a quote inside is
// doubled. Text is copied byte for byte (UTF-8), so "Hải Phòng" comes out exactly as it went
// in. Dates and times have the ISO 8601 shapes (YYYY-MM-DD, HH:MM) that spreadsheets read as
// dates and times; scores are plain decimals with a "." point. Cells are not altered to defuse
// spreadsheet formulas (a name starting with "=" stays as it is). Python reads it with
// open(path, newline="", encoding="utf-8-sig") and csv.reader.
//
//   festmatch::write_csv("meetings.csv", event, schedule);      // atomic; throws OutputError
//   std::string text = festmatch::export_csv(event, schedule);
#pragma once

#include <filesystem>
#include <string>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

struct CsvOptions {
  bool crlf = true;  // line ends: CRLF (RFC 4180) or LF
  bool bom = true;   // start with the UTF-8 byte order mark EF BB BF
};

FESTMATCH_FUNC std::string export_csv(const Event& event, const Schedule& schedule,
                                      const CsvOptions& options = {});

// Writes export_csv() to `file` atomically; throws OutputError.
FESTMATCH_FUNC void write_csv(const std::filesystem::path& file, const Event& event,
                              const Schedule& schedule, const CsvOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/export/csv-inl.hpp"
#endif
