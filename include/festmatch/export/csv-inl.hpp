// festmatch — the definitions of festmatch/export/csv.hpp.
#pragma once

#include <charconv>
#include <filesystem>
#include <string>
#include <string_view>
#include "festmatch/event/event.hpp"
#include "festmatch/export/csv.hpp"
#include "festmatch/export/detail/meeting_order.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/csv.hpp"
#include "festmatch/util/detail/time_text.hpp"

namespace festmatch {

namespace detail::exports {

// The shortest decimal text that reads back as the same double.
inline std::string round_trip_number(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace detail::exports

FESTMATCH_FUNC std::string export_csv(const Event& event, const Schedule& schedule,
                                      const CsvOptions& options) {
  const char* eol = options.crlf ? "\r\n" : "\n";
  std::string out = "slot,start,end,table,mode,startup,startup_name,investor,investor_name,score";
  out += eol;
  for (std::size_t k : detail::exports::meetings_in_order(event, schedule)) {
    const Meeting& m = schedule.meetings[k];
    const Slot& slot = event.slots.at(static_cast<std::size_t>(m.slot));
    const Startup& s = event.startups.at(static_cast<std::size_t>(m.startup));
    const Investor& i = event.investors.at(static_cast<std::size_t>(m.investor));
    const Slot& t = slot;
    const std::string table = m.table ? event.tables.at(static_cast<std::size_t>(*m.table)) : "";
    const std::string fields[] = {slot.id,
                                  detail::format_local(t.start_utc, t.utc_offset_minutes),
                                  detail::format_local(t.end_utc(), t.utc_offset_minutes),
                                  table,
                                  m.online ? "online" : "in-person",
                                  s.id,
                                  s.name,
                                  i.id,
                                  i.name,
                                  detail::exports::round_trip_number(m.score)};
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
