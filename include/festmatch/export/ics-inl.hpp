// festmatch — the definitions of festmatch/export/ics.hpp.
#pragma once

#include <fmt/format.h>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/export/detail/ics_text.hpp"
#include "festmatch/export/detail/meeting_order.hpp"
#include "festmatch/export/ics.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/atomic_file.hpp"
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

  // Each meeting's VEVENT body but SUMMARY, which depends on whose calendar it is in.
  const std::vector<std::size_t> order = detail::exports::meetings_in_order(event, schedule);
  std::vector<std::vector<std::size_t>> of_startup(event.startups.size()),
      of_investor(event.investors.size());
  for (std::size_t k : order) {
    const Meeting& m = schedule.meetings[k];
    of_startup.at(static_cast<std::size_t>(m.startup)).push_back(k);
    of_investor.at(static_cast<std::size_t>(m.investor)).push_back(k);
  }
  std::optional<Scorer> scorer;
  if (options.details) scorer.emplace(event);
  std::vector<std::string> body(schedule.meetings.size());
  for (std::size_t k : order) {
    const Meeting& m = schedule.meetings[k];
    const Slot& slot = event.slots.at(static_cast<std::size_t>(m.slot));
    const Startup& s = event.startups.at(static_cast<std::size_t>(m.startup));
    const Investor& i = event.investors.at(static_cast<std::size_t>(m.investor));
    const Slot& t = slot;
    const std::string where =
        m.table ? event.tables.at(static_cast<std::size_t>(*m.table)) : "online";

    std::string d = fmt::format("{}, slot {} ({} to {})\n", event.name, slot.id,
                                detail::format_local(t.start_utc, t.utc_offset_minutes),
                                detail::local_hhmm(t.end_utc(), t.utc_offset_minutes));
    d += fmt::format("Startup: {} ({})\n", s.name, s.id);
    d += fmt::format("Investor: {} ({}){}\n", i.name, i.id,
                     i.organisation.empty() ? "" : ", " + i.organisation);
    d += m.table ? fmt::format("Table: {}\n", where) : std::string("Online meeting\n");
    if (m.pinned) d += "Pinned: confirmed before scheduling\n";
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

    std::string& b = body[k];
    detail::exports::ics_line(b, "UID:" + detail::exports::ics_uid(event, m));
    detail::exports::ics_line(b, "DTSTAMP:" + dtstamp);
    detail::exports::ics_line(b, "DTSTART:" + detail::format_utc_basic(t.start_utc));
    detail::exports::ics_line(b, "DTEND:" + detail::format_utc_basic(t.end_utc()));
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
    detail::exports::ics_line(
        c, "X-WR-CALNAME:" + detail::exports::ics_escape_text(event.name + ": " + name));
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
      detail::exports::ics_line(
          c, "SUMMARY:" + detail::exports::ics_escape_text("Meeting with " + other));
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

FESTMATCH_FUNC std::size_t write_ics(const std::filesystem::path& folder, const Event& event,
                                     const Schedule& schedule, const IcsOptions& options) {
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
