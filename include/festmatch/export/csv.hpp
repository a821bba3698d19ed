// festmatch — export a schedule's meetings as one CSV table.
//
// Columns: slot,start,end,table,mode,startup,startup_name,investor,investor_name,score
//   start, end  the slot's local time with its UTC offset ("2023-09-18T09:00+07:00"); end =
//               start + the slot's minutes
//   table       the table id; empty for an online meeting (mode "online")
//   score       the pair's score, shortest text that reads back as the same double
// One row per meeting, sorted by slot (start time, then the event's slot order), then table
// (the event's table order, online meetings last), then startup, then investor.
//
// Format: RFC 4180 — a header row; CRLF line ends (the RFC's; every spreadsheet and CSV library
// accepts them; CsvOptions{.crlf = false} gives LF); a field is quoted when it holds a comma, a
// double quote, CR or LF, and a quote inside is doubled. Text is copied byte for byte (UTF-8,
// no byte order mark), so "Hải Phòng" comes out exactly as it went in. Cells are not altered to
// defuse spreadsheet formulas (a name starting with "=" stays as it is).
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
