// festmatch — export a schedule as iCalendar files (RFC 5545), one per participant.
//
// Every startup and every investor gets `<id>.ics`, holding one VEVENT per meeting of theirs:
//   UID          32 hex digits of a hash (FNV-1a 64, twice with different seeds) of the event
//                name, startup id and investor id, then "@festmatch". A pair meets at most once,
//                so this names the meeting: the same UID in both participants' calendars, in
//                every run, and in every revision of the schedule — a meeting that moves keeps
//                its UID and calendar apps update the entry in place (renaming the event or a
//                participant's id changes it)
//   SEQUENCE     the meeting's Meeting::revision - 1: 0 in a first schedule, N - 1 when
//                revision N placed or moved it, so an app that has an older version replaces it
//   DTSTAMP      the start of the event's earliest slot, in UTC — never the wall clock, so a
//                rerun writes the same bytes (apps order versions of one UID by SEQUENCE first)
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
//   STATUS       CONFIRMED; TRANSP OPAQUE
// Cancelled meetings: a revised schedule (festmatch reschedule) lists in Schedule::changes the
// meetings it cancelled. Each one that is not history — its from-slot starts at or after
// Schedule::now (empty: nothing is history) — is a VEVENT in both participants' calendars, after
// their meetings (by slot start, then ids), under the pair's UID with STATUS:CANCELLED,
// TRANSP:TRANSPARENT and SEQUENCE Schedule::revision - 1, so the app marks or drops the entry it
// has. Its times are the from-slot's; SUMMARY is "Cancelled: Meeting with <the other party>";
// DESCRIPTION starts with "Cancelled: <reason>" and goes on as above, naming a participant that
// left the event by its id (never with the score breakdown). A cancellation whose slot the event
// no longer has is left out (there is no time to give the entry), as is one of a pair that meets
// in the schedule. A cancellation stays in the calendars only in the revision that made it: the
// next revision's changes no longer list it. A participant removed from the event gets no
// calendar at all (keep it with status cancelled to send it its cancellations): neither when
// it is not in the event, nor when the event was completed with it (IcsOptions::departed), and
// write_ics removes its calendar of an earlier export as stale. Its partners' calendars keep
// their history meetings with it, naming it by its id.
// The calendar has VERSION:2.0, PRODID, CALSCALE:GREGORIAN, METHOD:PUBLISH and X-WR-CALNAME.
// A participant without meetings (or cancellations) gets a calendar without VEVENTs: RFC 5545's
// grammar asks for at least one component, but every calendar app and library tried reads it as
// an empty calendar, and an organiser can hand every participant a file
// (IcsOptions::empty_calendars = false skips them).
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
// untouched (old or absent); rerunning completes the set. Once every file is written, each other
// `*.ics` file in the folder — a calendar of an earlier export for a participant who was removed,
// renamed, or (with empty_calendars = false) has no meeting now — is removed, so no stale
// calendar is sent; files with other names, and folders, are left alone. So give write_ics a
// folder of its own: any `*.ics` file in it is taken for one of its calendars.
//
// Complexity: O((meetings + changes) log + participants + files in the folder), plus one
// explain() per meeting with details.
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
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

struct IcsOptions {
  std::string prodid;           // empty: "-//festmatch//festmatch <version>//EN"
  bool empty_calendars = true;  // write a calendar for participants without meetings
  bool details = false;         // DESCRIPTION adds the score breakdown and the requests (see above)
  // Participants removed from the event file, completed by with_departed (departed.hpp): no
  // calendar (a calendar of theirs from an earlier export is removed as stale by write_ics).
  Departed departed;
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

// Writes export_ics() into `folder` (created when missing), file by file, each atomically, then
// removes the folder's other `*.ics` files; returns how many files were written. Throws
// OutputError (see the top of this header).
FESTMATCH_FUNC std::size_t write_ics(const std::filesystem::path& folder, const Event& event,
                                     const Schedule& schedule, const IcsOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/export/ics-inl.hpp"
#endif
