// festmatch — the definitions of festmatch/export/ics.hpp.
#pragma once

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/export/detail/ics_text.hpp"
#include "festmatch/export/detail/meeting_order.hpp"
#include "festmatch/export/ics.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/detail/iso_time.hpp"
#include "festmatch/util/detail/text.hpp"
#include "festmatch/util/detail/time_text.hpp"
#include "festmatch/version.hpp"

namespace festmatch {

FESTMATCH_FUNC std::string ics_file_name(const Event& event, Side side, Index participant) {
  const std::string& id = side == Side::startup
                              ? event.startups.at(static_cast<std::size_t>(participant)).id
                              : event.investors.at(static_cast<std::size_t>(participant)).id;
  const bool shared = side == Side::startup ? event.investor_index.count(id) > 0
                                            : event.startup_index.count(id) > 0;
  const std::string base = detail::exports::ics_encode_id(id);
  if (!shared) return base + ".ics";
  return base + (side == Side::startup ? ".startup.ics" : ".investor.ics");
}

namespace detail::exports {

// What a calendar entry's DESCRIPTION says of a meeting, from the slot to the table.
inline std::string meeting_description(const Event& event, const Slot& slot,
                                       const std::string& startup, const std::string& investor,
                                       const std::string& table, bool pinned) {
  std::string d = fmt::format("{}, slot {} ({} to {})\n", event.name, slot.id,
                              detail::format_local(slot.start_utc, slot.utc_offset_minutes),
                              detail::local_hhmm(slot.end_utc(), slot.utc_offset_minutes));
  d += "Startup: " + startup + "\n";
  d += "Investor: " + investor + "\n";
  d += table.empty() ? std::string("Online meeting\n") : fmt::format("Table: {}\n", table);
  if (pinned) d += "Pinned: confirmed before scheduling\n";
  return d;
}

inline std::string startup_text(const Startup& s) {
  return fmt::format("{} ({})", s.name, s.id);
}
inline std::string investor_text(const Investor& i) {
  return fmt::format("{} ({}){}", i.name, i.id,
                     i.organisation.empty() ? "" : ", " + i.organisation);
}
// The other party as a startup's SUMMARY names an investor.
inline std::string investor_summary(const Investor& i) {
  return i.organisation.empty() || i.organisation == i.name ? i.name
                                                            : i.name + " (" + i.organisation + ")";
}

}  // namespace detail::exports

FESTMATCH_FUNC std::vector<IcsFile> export_ics(const Event& event, const Schedule& schedule,
                                               const IcsOptions& options) {
  const std::string prodid = options.prodid.empty()
                                 ? fmt::format("-//festmatch//festmatch {}.{}.{}//EN",
                                               version_major, version_minor, version_patch)
                                 : options.prodid;
  std::int64_t first_start = std::numeric_limits<std::int64_t>::max();
  for (const Slot& slot : event.slots) {
    first_start = std::min(first_start, slot.start_utc);
  }
  const std::string dtstamp = event.slots.empty() ? "" : detail::format_utc_basic(first_start);

  // One entry per VEVENT: its properties but SUMMARY, which depends on whose calendar it is in,
  // and the SUMMARY for each side.
  struct Entry {
    std::string body;
    std::string in_startups, in_investors;  // SUMMARY in the startup's, the investor's calendar
  };
  std::vector<Entry> entries;
  std::vector<std::vector<std::size_t>> of_startup(event.startups.size()),
      of_investor(event.investors.size());
  std::set<std::pair<std::string_view, std::string_view>> meeting_pairs;  // (startup, investor)

  std::optional<Scorer> scorer;
  if (options.details) scorer.emplace(event);
  for (std::size_t k : detail::exports::meetings_in_order(event, schedule)) {
    const Meeting& m = schedule.meetings[k];
    const Slot& slot = event.slots.at(static_cast<std::size_t>(m.slot));
    const Startup& s = event.startups.at(static_cast<std::size_t>(m.startup));
    const Investor& i = event.investors.at(static_cast<std::size_t>(m.investor));
    const std::string table =
        m.table ? event.tables.at(static_cast<std::size_t>(*m.table)) : std::string();
    meeting_pairs.emplace(s.id, i.id);

    std::string d =
        detail::exports::meeting_description(event, slot, detail::exports::startup_text(s),
                                             detail::exports::investor_text(i), table, m.pinned);
    if (scorer) {
      const Explanation x = scorer->explain(m.startup, m.investor);
      d += fmt::format("Score {} = base {} + request bonus {}\n", detail::short_number(m.score),
                       detail::short_number(x.base), detail::short_number(x.bonus));
      for (const ScoreComponent& c : x.components) {
        d += fmt::format("- {} {} x weight {} = {}\n", c.name, detail::short_number(c.value),
                         detail::short_number(c.weight), detail::short_number(c.contribution));
      }
      for (const Request& r : x.requests) {
        d += fmt::format("Requested by the {} ({})\n", to_string(r.by), to_string(r.priority));
      }
    }
    while (!d.empty() && d.back() == '\n') d.pop_back();

    Entry e{.in_startups = "Meeting with " + detail::exports::investor_summary(i),
            .in_investors = "Meeting with " + s.name};
    std::string& b = e.body;
    detail::exports::ics_line(b, "UID:" + detail::exports::ics_uid(event.name, s.id, i.id));
    detail::exports::ics_line(b, "DTSTAMP:" + dtstamp);
    detail::exports::ics_line(b, "SEQUENCE:" + std::to_string(std::max(0, m.revision - 1)));
    detail::exports::ics_line(b, "DTSTART:" + detail::format_utc_basic(slot.start_utc));
    detail::exports::ics_line(b, "DTEND:" + detail::format_utc_basic(slot.end_utc()));
    detail::exports::ics_line(
        b, "LOCATION:" + detail::exports::ics_escape_text(table.empty() ? "online" : table));
    detail::exports::ics_line(b, "DESCRIPTION:" + detail::exports::ics_escape_text(d));
    detail::exports::ics_line(b, "STATUS:CONFIRMED");
    detail::exports::ics_line(b, "TRANSP:OPAQUE");
    of_startup.at(static_cast<std::size_t>(m.startup)).push_back(entries.size());
    of_investor.at(static_cast<std::size_t>(m.investor)).push_back(entries.size());
    entries.push_back(std::move(e));
  }

  // Meetings this revision cancelled that are not history: their slot is still in the event
  // and starts at or after Schedule::now (empty or unreadable: nothing is history).
  std::optional<std::int64_t> now;
  if (!schedule.now.empty()) {
    if (const auto t = detail::parse_slot_start(schedule.now); t.ok) now = t.utc_seconds;
  }
  std::vector<std::pair<const Change*, Index>> cancelled;  // the change, its from-slot
  for (const Change& c : schedule.changes) {
    if (c.kind != ChangeKind::cancelled) continue;
    const auto slot = event.slot_index.find(c.from_slot);
    if (slot == event.slot_index.end()) continue;  // the slot is gone: no time to give
    if (now && event.slots.at(static_cast<std::size_t>(slot->second)).start_utc < *now) continue;
    if (!meeting_pairs.emplace(c.startup, c.investor).second) continue;  // it meets, or listed
    cancelled.emplace_back(&c, slot->second);
  }
  std::stable_sort(cancelled.begin(), cancelled.end(), [&](const auto& a, const auto& b) {
    const auto key = [&](const std::pair<const Change*, Index>& x) {
      return std::tie(event.slots.at(static_cast<std::size_t>(x.second)).start_utc, x.second,
                      x.first->startup, x.first->investor);
    };
    return key(a) < key(b);
  });
  const std::string cancelled_sequence = std::to_string(std::max(0, schedule.revision - 1));
  for (const auto& [c, slot_index] : cancelled) {
    const Slot& slot = event.slots.at(static_cast<std::size_t>(slot_index));
    const auto s = event.startup_index.find(c->startup);
    const auto i = event.investor_index.find(c->investor);
    const Startup* st =
        s == event.startup_index.end() ? nullptr : &event.startups.at(std::size_t(s->second));
    const Investor* inv =
        i == event.investor_index.end() ? nullptr : &event.investors.at(std::size_t(i->second));
    std::string d = c->reason.empty() ? "Cancelled\n" : "Cancelled: " + c->reason + "\n";
    d += detail::exports::meeting_description(
        event, slot, st ? detail::exports::startup_text(*st) : c->startup,
        inv ? detail::exports::investor_text(*inv) : c->investor, c->from_table, false);
    while (!d.empty() && d.back() == '\n') d.pop_back();

    Entry e{.in_startups = "Cancelled: Meeting with " +
                           (inv ? detail::exports::investor_summary(*inv) : c->investor),
            .in_investors = "Cancelled: Meeting with " + (st ? st->name : c->startup)};
    std::string& b = e.body;
    detail::exports::ics_line(
        b, "UID:" + detail::exports::ics_uid(event.name, c->startup, c->investor));
    detail::exports::ics_line(b, "DTSTAMP:" + dtstamp);
    detail::exports::ics_line(b, "SEQUENCE:" + cancelled_sequence);
    detail::exports::ics_line(b, "DTSTART:" + detail::format_utc_basic(slot.start_utc));
    detail::exports::ics_line(b, "DTEND:" + detail::format_utc_basic(slot.end_utc()));
    detail::exports::ics_line(
        b, "LOCATION:" +
               detail::exports::ics_escape_text(c->from_table.empty() ? "online" : c->from_table));
    detail::exports::ics_line(b, "DESCRIPTION:" + detail::exports::ics_escape_text(d));
    detail::exports::ics_line(b, "STATUS:CANCELLED");
    detail::exports::ics_line(b, "TRANSP:TRANSPARENT");
    if (st) of_startup.at(static_cast<std::size_t>(s->second)).push_back(entries.size());
    if (inv) of_investor.at(static_cast<std::size_t>(i->second)).push_back(entries.size());
    entries.push_back(std::move(e));
  }

  std::vector<IcsFile> files;
  auto calendar = [&](Side side, Index who, const std::string& name,
                      const std::vector<std::size_t>& listed) {
    if (listed.empty() && !options.empty_calendars) return;
    const auto& gone =
        side == Side::startup ? options.departed.startups : options.departed.investors;
    const std::string& id = side == Side::startup ? event.startups[std::size_t(who)].id
                                                  : event.investors[std::size_t(who)].id;
    if (std::find(gone.begin(), gone.end(), id) != gone.end()) return;  // removed: no calendar
    std::string c;
    detail::exports::ics_line(c, "BEGIN:VCALENDAR");
    detail::exports::ics_line(c, "VERSION:2.0");
    detail::exports::ics_line(c, "PRODID:" + detail::exports::ics_escape_text(prodid));
    detail::exports::ics_line(c, "CALSCALE:GREGORIAN");
    detail::exports::ics_line(c, "METHOD:PUBLISH");
    detail::exports::ics_line(
        c, "X-WR-CALNAME:" + detail::exports::ics_escape_text(event.name + ": " + name));
    for (std::size_t k : listed) {
      const Entry& e = entries[k];
      detail::exports::ics_line(c, "BEGIN:VEVENT");
      detail::exports::ics_line(
          c, "SUMMARY:" + detail::exports::ics_escape_text(side == Side::startup ? e.in_startups
                                                                                 : e.in_investors));
      c += e.body;
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

FESTMATCH_FUNC std::size_t write_ics(const std::filesystem::path& folder, const Event& event,
                                     const Schedule& schedule, const IcsOptions& options) {
  std::vector<IcsFile> files = export_ics(event, schedule, options);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec || !std::filesystem::is_directory(folder)) {
    throw OutputError(folder.string() + ": cannot create the folder: " +
                      (ec ? ec.message() : std::string("a file is in the way")));
  }
  std::unordered_set<std::string> written;
  for (const IcsFile& f : files) {
    write_file_atomically(folder / f.name, f.content);
    written.insert(f.name);
  }
  // Every other *.ics file in the folder is a calendar of an earlier export that this one does
  // not replace (a participant removed, renamed, or now without meetings): remove it, so that no
  // stale calendar is sent. Files with other names and folders are left alone.
  std::vector<std::filesystem::path> stale;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::filesystem::path& p = it->path();
    if (p.extension() != ".ics" || written.count(p.filename().string())) continue;
    const auto type = it->symlink_status(ec).type();
    if (ec) break;
    if (type == std::filesystem::file_type::regular || type == std::filesystem::file_type::symlink)
      stale.push_back(p);
  }
  if (ec) throw OutputError(folder.string() + ": cannot list the folder: " + ec.message());
  std::sort(stale.begin(), stale.end());
  for (const auto& p : stale) {
    if (!std::filesystem::remove(p, ec) && ec)
      throw OutputError(p.string(), "cannot remove this stale calendar: " + ec.message());
  }
  return files.size();
}

}  // namespace festmatch
