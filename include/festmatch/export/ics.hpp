// festmatch — export a schedule as iCalendar files (RFC 5545), one per participant.
//
// Every startup and every investor gets `<id>.ics`, holding one VEVENT per meeting of theirs:
//   UID          32 hex digits of a hash (FNV-1a 64, twice with different seeds) of the event
//                name, slot id, startup id and investor id, then "@festmatch": the same meeting
//                has the same UID in both participants' calendars and in every run
//   DTSTAMP      the start of the event's earliest slot, in UTC — never the wall clock, so a
//                rerun writes the same bytes (calendar apps only compare it between versions of
//                one UID, and a schedule's meetings do not change while the event does not)
//   DTSTART/END  UTC ("20230918T020000Z"), from the slot's start and minutes
//   SUMMARY      "Meeting with <the other party>" (investors also name their organisation)
//   LOCATION     the table id, or "online"
//   DESCRIPTION  what a participant needs: the event and slot (its local time), both parties
//                (so the other party's name, and the investor's organisation), the table or
//                "Online meeting", and whether the meeting was pinned:
//                  Techfest Hải Phòng 2023, slot d1-0900 (2023-09-18T09:00+07:00 to 09:20)
//                  Startup: Cảng Xanh (s1)
//                  Investor: Mekong Fund (i1), Mekong Capital
//                  Table: T1
//                With IcsOptions::details (the organiser's view) it goes on with the score
//                breakdown from explain() — the score as base + request bonus, each component's
//                value, weight and contribution — and who requested the meeting; participants
//                read these calendars, so by default they show neither.
// The calendar has VERSION:2.0, PRODID, CALSCALE:GREGORIAN, METHOD:PUBLISH and X-WR-CALNAME.
// A participant without meetings gets a calendar without VEVENTs: RFC 5545's grammar asks for
// at least one component, but every calendar app and library tried reads it as an empty
// calendar, and an organiser can hand every participant a file (IcsOptions::empty_calendars =
// false skips them).
//
// Text: CRLF line ends; lines folded at 75 octets, never inside a UTF-8 sequence; TEXT values
// escape backslash, semicolon, comma and newline (\\ \; \, \n); CR LF, CR and LF in a name all
// become \n; other control characters (forbidden in TEXT) become a space. Other bytes are copied.
//
// File names: the participant id with every byte outside [A-Za-z0-9_-] written as %XX (so "."
// and "/" never reach the file system, and different ids never share a name); an id longer than
// 150 octets once encoded is cut to 150 and followed by "~" and 16 hex digits of its hash. When a
// startup and an investor share an id, their files are `<id>.startup.ics` and
// `<id>.investor.ics` (no encoded id holds a "."). On case-insensitive file systems, ids that
// differ only in case collide.
//
// Writing (write_ics): the folder is created when missing; each file is written atomically, one
// after the other, in the order of export_ics() (startups, then investors, in event order). A
// failure midway (exit 4 from the tool) leaves the files written so far complete and the rest
// untouched (old or absent); rerunning completes the set. Files of participants no longer in the
// event are not removed.
//
// Complexity: O(meetings + participants), plus one explain() per meeting with details.
//
//   festmatch::write_ics("calendars", event, schedule);   // calendars/s1.ics, calendars/i1.ics...
//   for (const auto& f : festmatch::export_ics(event, schedule)) std::cout << f.name << '\n';
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

struct IcsOptions {
  std::string prodid;           // empty: "-//festmatch//festmatch <version>//EN"
  bool empty_calendars = true;  // write a calendar for participants without meetings
  bool details = false;         // DESCRIPTION adds the score breakdown and the requests (see above)
};

struct IcsFile {
  std::string name;  // file name inside the output folder, e.g. "s1.ics"
  Side side = Side::startup;
  Index participant = 0;  // index into Event::startups or Event::investors
  std::string content;    // the calendar, CRLF line ends
};

// The file name of a participant's calendar (see the top of this header).
FESTMATCH_FUNC std::string ics_file_name(const Event& event, Side side, Index participant);

// One calendar per participant: startups first, then investors, each in event order.
FESTMATCH_FUNC std::vector<IcsFile> export_ics(const Event& event, const Schedule& schedule,
                                               const IcsOptions& options = {});

// Writes export_ics() into `folder` (created when missing), file by file, each atomically;
// returns how many files were written. Throws OutputError (see the top of this header).
FESTMATCH_FUNC std::size_t write_ics(const std::filesystem::path& folder, const Event& event,
                                     const Schedule& schedule, const IcsOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/export/ics-inl.hpp"
#endif
