// festmatch — export a schedule as iCalendar files (RFC 5545), one per participant (SPEC 5).
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
//   DESCRIPTION  the event and slot, both parties, the table, and the score breakdown from
//                explain(): each component's value, weight and contribution, base and bonus
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
// Complexity: O(meetings + participants) plus one explain() per meeting.
//
//   festmatch::write_ics("calendars", event, schedule);   // calendars/s1.ics, calendars/i1.ics...
//   for (const auto& f : festmatch::export_ics(event, schedule)) std::cout << f.name << '\n';
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "festmatch/detail/export_text.hpp"
#include "festmatch/detail/export_time.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event.hpp"
#include "festmatch/io/atomic_file.hpp"
#include "festmatch/schedule.hpp"
#include "festmatch/scoring.hpp"
#include "festmatch/version.hpp"

namespace festmatch {

struct IcsOptions {
  std::string prodid;            // empty: "-//festmatch//festmatch <version>//EN"
  bool empty_calendars = true;   // write a calendar for participants without meetings
};

struct IcsFile {
  std::string name;         // file name inside the output folder, e.g. "s1.ics"
  Side side = Side::startup;
  Index participant = 0;    // index into Event::startups or Event::investors
  std::string content;      // the calendar, CRLF line ends
};

namespace detail::exports {

// RFC 5545 TEXT escaping (section 3.3.11).
inline std::string ics_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        out += "\\n";
        if (k + 1 < text.size() && text[k + 1] == '\n') ++k;
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

// Appends one content line, folded at 75 octets (a continuation starts with a space, which
// counts), never before a UTF-8 continuation byte; then CRLF.
inline void ics_line(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 1 && utf8_continuation(static_cast<unsigned char>(line[cut]))) --cut;
    if (cut <= 1) cut = limit;  // not UTF-8: split anyway rather than loop
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
}

inline std::string ics_uid(const Event& event, const Meeting& m) {
  std::string key;
  for (const std::string* part : {&event.name, &event.slots.at(static_cast<std::size_t>(m.slot)).id,
                                  &event.startups.at(static_cast<std::size_t>(m.startup)).id,
                                  &event.investors.at(static_cast<std::size_t>(m.investor)).id}) {
    key += std::to_string(part->size());
    key += ':';
    key += *part;
  }
  return hex64(fnv1a64(key)) + hex64(fnv1a64(key, 0x9e3779b97f4a7c15ull)) + "@festmatch";
}

inline std::string ics_encode_id(std::string_view id) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (out.empty()) out = "%";  // an empty id still names a file
  if (out.size() > 150) {
    std::size_t cut = 150;
    while (cut > 0 && out[cut - 1] == '%') --cut;                    // never split "%XX"
    if (cut >= 2 && out[cut - 2] == '%') cut -= 2;
    out = out.substr(0, cut) + "~" + hex64(fnv1a64(id));
  }
  return out;
}

}  // namespace detail::exports

// The file name of a participant's calendar (see the top of this header).
inline std::string ics_file_name(const Event& event, Side side, Index participant) {
  const std::string& id = side == Side::startup
                              ? event.startups.at(static_cast<std::size_t>(participant)).id
                              : event.investors.at(static_cast<std::size_t>(participant)).id;
  const bool shared = side == Side::startup ? event.investor_index.count(id) > 0
                                            : event.startup_index.count(id) > 0;
  const std::string base = detail::exports::ics_encode_id(id);
  if (!shared) return base + ".ics";
  return base + (side == Side::startup ? ".startup.ics" : ".investor.ics");
}

// One calendar per participant: startups first, then investors, each in event order.
inline std::vector<IcsFile> export_ics(const Event& event, const Schedule& schedule,
                                       const IcsOptions& options = {}) {
  const std::string prodid =
      options.prodid.empty()
          ? fmt::format("-//festmatch//festmatch {}.{}.{}//EN", version_major, version_minor,
                        version_patch)
          : options.prodid;
  std::int64_t first_start = std::numeric_limits<std::int64_t>::max();
  for (const Slot& slot : event.slots) {
    first_start = std::min(first_start, detail::exports::slot_time(slot).start_utc);
  }
  const std::string dtstamp = event.slots.empty() ? "" : detail::exports::format_utc_basic(first_start);

  // Each meeting's VEVENT body but SUMMARY, which depends on whose calendar it is in.
  const std::vector<std::size_t> order = detail::exports::meetings_in_order(event, schedule);
  std::vector<std::vector<std::size_t>> of_startup(event.startups.size()),
      of_investor(event.investors.size());
  for (std::size_t k : order) {
    const Meeting& m = schedule.meetings[k];
    of_startup.at(static_cast<std::size_t>(m.startup)).push_back(k);
    of_investor.at(static_cast<std::size_t>(m.investor)).push_back(k);
  }
  const Scorer scorer(event);
  std::vector<std::string> body(schedule.meetings.size());
  for (std::size_t k : order) {
    const Meeting& m = schedule.meetings[k];
    const Slot& slot = event.slots.at(static_cast<std::size_t>(m.slot));
    const Startup& s = event.startups.at(static_cast<std::size_t>(m.startup));
    const Investor& i = event.investors.at(static_cast<std::size_t>(m.investor));
    const detail::exports::SlotTime t = detail::exports::slot_time(slot);
    const std::string where = m.table ? event.tables.at(static_cast<std::size_t>(*m.table)) : "online";
    const Explanation x = scorer.explain(m.startup, m.investor);

    std::string d = fmt::format("{}, slot {} ({} to {})\n", event.name, slot.id,
                                detail::exports::format_local(t.start_utc, t.offset_minutes),
                                detail::exports::local_hhmm(t.end_utc(), t.offset_minutes));
    d += fmt::format("Startup: {} ({})\n", s.name, s.id);
    d += fmt::format("Investor: {} ({}){}\n", i.name, i.id,
                     i.organisation.empty() ? "" : ", " + i.organisation);
    d += m.table ? fmt::format("Table: {}\n", where) : std::string("Online meeting\n");
    if (m.pinned) d += "Pinned: confirmed before scheduling\n";
    d += fmt::format("Score {} = base {} + request bonus {}\n", detail::exports::short_number(m.score),
                     detail::exports::short_number(x.base), detail::exports::short_number(x.bonus));
    for (const ScoreComponent& c : x.components) {
      d += fmt::format("- {} {} x weight {} = {}\n", c.name, detail::exports::short_number(c.value),
                       detail::exports::short_number(c.weight), detail::exports::short_number(c.contribution));
    }
    for (const Request& r : x.requests) {
      d += fmt::format("Requested by the {} ({})\n", detail::exports::side_name(r.by),
                       detail::exports::priority_name(r.priority));
    }
    while (!d.empty() && d.back() == '\n') d.pop_back();

    std::string& b = body[k];
    detail::exports::ics_line(b, "UID:" + detail::exports::ics_uid(event, m));
    detail::exports::ics_line(b, "DTSTAMP:" + dtstamp);
    detail::exports::ics_line(b, "DTSTART:" + detail::exports::format_utc_basic(t.start_utc));
    detail::exports::ics_line(b, "DTEND:" + detail::exports::format_utc_basic(t.end_utc()));
    detail::exports::ics_line(b, "LOCATION:" + detail::exports::ics_escape_text(where));
    detail::exports::ics_line(b, "DESCRIPTION:" + detail::exports::ics_escape_text(d));
    detail::exports::ics_line(b, "STATUS:CONFIRMED");
    detail::exports::ics_line(b, "TRANSP:OPAQUE");
  }

  std::vector<IcsFile> files;
  auto calendar = [&](Side side, Index who, const std::string& name,
                      const std::vector<std::size_t>& meetings) {
    if (meetings.empty() && !options.empty_calendars) return;
    std::string c;
    detail::exports::ics_line(c, "BEGIN:VCALENDAR");
    detail::exports::ics_line(c, "VERSION:2.0");
    detail::exports::ics_line(c, "PRODID:" + detail::exports::ics_escape_text(prodid));
    detail::exports::ics_line(c, "CALSCALE:GREGORIAN");
    detail::exports::ics_line(c, "METHOD:PUBLISH");
    detail::exports::ics_line(c, "X-WR-CALNAME:" + detail::exports::ics_escape_text(event.name + ": " + name));
    for (std::size_t k : meetings) {
      const Meeting& m = schedule.meetings[k];
      std::string other;
      if (side == Side::startup) {
        const Investor& i = event.investors.at(static_cast<std::size_t>(m.investor));
        other = i.organisation.empty() || i.organisation == i.name
                    ? i.name
                    : i.name + " (" + i.organisation + ")";
      } else {
        other = event.startups.at(static_cast<std::size_t>(m.startup)).name;
      }
      detail::exports::ics_line(c, "BEGIN:VEVENT");
      detail::exports::ics_line(c, "SUMMARY:" + detail::exports::ics_escape_text("Meeting with " + other));
      c += body[k];
      detail::exports::ics_line(c, "END:VEVENT");
    }
    detail::exports::ics_line(c, "END:VCALENDAR");
    files.push_back({ics_file_name(event, side, who), side, who, std::move(c)});
  };
  for (std::size_t s = 0; s < event.startups.size(); ++s) {
    calendar(Side::startup, Index(s), event.startups[s].name, of_startup[s]);
  }
  for (std::size_t i = 0; i < event.investors.size(); ++i) {
    calendar(Side::investor, Index(i), event.investors[i].name, of_investor[i]);
  }
  return files;
}

// Writes export_ics() into `folder` (created when missing), file by file, each atomically;
// returns how many files were written. Throws OutputError (see the top of this header).
inline std::size_t write_ics(const std::filesystem::path& folder, const Event& event,
                             const Schedule& schedule, const IcsOptions& options = {}) {
  std::vector<IcsFile> files = export_ics(event, schedule, options);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec || !std::filesystem::is_directory(folder)) {
    throw OutputError(folder.string() + ": cannot create the folder: " +
                      (ec ? ec.message() : std::string("a file is in the way")));
  }
  for (const IcsFile& f : files) write_file_atomically(folder / f.name, f.content);
  return files.size();
}

}  // namespace festmatch
