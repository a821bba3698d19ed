// festmatch — the definitions of festmatch/export/csv.hpp.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include "festmatch/event/event.hpp"
#include "festmatch/export/csv.hpp"
#include "festmatch/export/detail/meeting_order.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/csv.hpp"
#include "festmatch/util/detail/text.hpp"
#include "festmatch/util/detail/time_text.hpp"

namespace festmatch {

FESTMATCH_FUNC std::string export_csv(const Event& event, const Schedule& schedule,
                                      const CsvOptions& options) {
  const char* eol = options.crlf ? "\r\n" : "\n";
  std::string out = options.bom ? "\xEF\xBB\xBF" : "";
  out +=
      "date,start,end,utc_offset,slot,table,mode,startup,startup_name,investor,investor_name,"
      "organisation,score,pinned";
  out += eol;
  std::set<std::tuple<Index, Index, Index>> pinned;
  for (const PinnedMeeting& p : event.pinned) pinned.emplace(p.startup, p.investor, p.slot);
  for (std::size_t k : detail::exports::meetings_in_order(event, schedule)) {
    const Meeting& m = schedule.meetings[k];
    const Slot& slot = event.slots.at(static_cast<std::size_t>(m.slot));
    const Startup& s = event.startups.at(static_cast<std::size_t>(m.startup));
    const Investor& i = event.investors.at(static_cast<std::size_t>(m.investor));
    const bool timed = !slot.start.empty();
    const int offset = slot.utc_offset_minutes;
    const std::string fields[] = {
        timed ? detail::local_date(slot.start_utc, offset) : "",
        timed ? detail::local_time_of_day(slot.start_utc, offset) : "",
        timed ? detail::local_time_of_day(slot.end_utc(), offset) : "",
        timed ? detail::format_offset(offset) : "",
        slot.id,
        m.table ? event.tables.at(static_cast<std::size_t>(*m.table)) : "",
        m.online ? "online" : "in-person",
        s.id,
        s.name,
        i.id,
        i.name,
        i.organisation,
        detail::short_number(m.score, 3),
        pinned.count({m.startup, m.investor, m.slot}) > 0 ? "yes" : "no"};
    bool first = true;
    for (const std::string& f : fields) {
      if (!first) out += ',';
      out += csv_cell(f);
      first = false;
    }
    out += eol;
  }
  return out;
}

FESTMATCH_FUNC void write_csv(const std::filesystem::path& file, const Event& event,
                              const Schedule& schedule, const CsvOptions& options) {
  write_file_atomically(file, export_csv(event, schedule, options));
}

}  // namespace festmatch
