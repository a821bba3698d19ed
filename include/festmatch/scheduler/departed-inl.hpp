// festmatch — the definitions of festmatch/scheduler/departed.hpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "festmatch/event/detail/read_file.hpp"
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/util/detail/iso_time.hpp"

namespace festmatch {

namespace detail::scheduler {

// The UTC start of a meeting of the file: its slot's in the event, else the file's "start".
inline std::optional<std::int64_t> meeting_start(const Event& e, const MeetingIds& m) {
  if (const auto t = e.slot_index.find(m.slot); t != e.slot_index.end()) {
    const Slot& slot = e.slots[std::size_t(t->second)];
    if (slot.start.empty()) return std::nullopt;
    return slot.start_utc;
  }
  const ParsedTime p = parse_slot_start(m.start);
  if (!p.ok) return std::nullopt;
  return p.utc_seconds;
}

// Whether a meeting of `ids` is history: it starts before ids.now.
inline auto history_test(const Event& e, const ScheduleIds& ids) {
  std::optional<std::int64_t> now;
  if (const ParsedTime p = parse_slot_start(ids.now); !ids.now.empty() && p.ok) now = p.utc_seconds;
  return [&e, now](const MeetingIds& m) {
    const auto start = meeting_start(e, m);
    return now && start && *start < *now;
  };
}

}  // namespace detail::scheduler

FESTMATCH_FUNC Event with_departed(const Event& event, const ScheduleIds& published,
                                   Departed* departed) {
  using detail::parse_slot_start;
  using detail::ParsedTime;
  Departed gone;
  Event out = event;
  const std::size_t own_slots = event.slots.size();
  const int own_tables = int(event.tables.size());
  std::unordered_set<std::string> seen;
  auto first = [&](const char* kind, const std::string& id) {
    return seen.insert(std::string(kind) + '\n' + id).second;
  };
  for (const MeetingIds& m : published.meetings) {
    if (!event.startup_index.count(m.startup) && first("s", m.startup)) {
      gone.startups.push_back(m.startup);
      out.startups.push_back({.id = m.startup,
                              .name = m.startup,
                              .min_meetings = 0,
                              .availability = {Availability::Kind::available, {}},
                              .status = Status::cancelled});
    }
    if (!event.investor_index.count(m.investor) && first("i", m.investor)) {
      gone.investors.push_back(m.investor);
      out.investors.push_back({.id = m.investor,
                               .name = m.investor,
                               .availability = {Availability::Kind::available, {}},
                               .status = Status::cancelled});
    }
    if (!event.slot_index.count(m.slot) && first("t", m.slot)) {
      gone.slots.push_back(m.slot);
      Slot slot{.id = m.slot, .tables = 0};
      const ParsedTime start = parse_slot_start(m.start), end = parse_slot_start(m.end);
      if (start.ok) {
        slot.start = m.start;
        if (end.ok && end.utc_seconds > start.utc_seconds)
          slot.minutes = int((end.utc_seconds - start.utc_seconds) / 60);
      }
      out.slots.push_back(std::move(slot));
    }
    if (!m.table.empty() && !event.table_index.count(m.table) && first("b", m.table)) {
      gone.tables.push_back(m.table);
      out.tables.push_back(m.table);
    }
  }
  // A slot's tables are its first k: a slot that used all tables keeps the event's own count.
  if (!gone.tables.empty())
    for (std::size_t t = 0; t < own_slots; ++t)
      if (!out.slots[t].tables) out.slots[t].tables = own_tables;
  // Nobody is available in a removed slot.
  if (!gone.slots.empty()) {
    auto close = [&](Availability& a) {
      if (a.kind == Availability::Kind::available) return;
      a.kind = Availability::Kind::unavailable;
      for (std::size_t t = own_slots; t < out.slots.size(); ++t) a.slots.push_back(Index(t));
    };
    for (Startup& s : out.startups) close(s.availability);
    for (Investor& i : out.investors) close(i.availability);
  }
  out.reindex();
  // A history meeting at a removed table, or in a removed slot, opens its slot up to its table.
  const auto history = detail::scheduler::history_test(out, published);
  for (const MeetingIds& m : published.meetings) {
    if (m.table.empty() || !history(m)) continue;
    const Index slot = out.slot_index.at(m.slot), table = out.table_index.at(m.table);
    if (std::size_t(slot) < own_slots && table < own_tables) continue;  // not ours to change
    if (table >= out.slot_tables(slot)) out.slots[std::size_t(slot)].tables = int(table) + 1;
  }
  if (departed) *departed = std::move(gone);
  return out;
}

FESTMATCH_FUNC ScheduleIds history_meetings(const Event& event, const ScheduleIds& ids) {
  ScheduleIds out;
  out.now = ids.now;
  const auto history = detail::scheduler::history_test(event, ids);
  for (const MeetingIds& m : ids.meetings)
    if (history(m)) out.meetings.push_back(m);
  return out;
}

FESTMATCH_FUNC std::string departed_reason(const Departed& departed, const Change& c) {
  auto in = [](const std::vector<std::string>& ids, const std::string& id) {
    return !id.empty() && std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  const std::string removed = " was removed from the event";
  if (in(departed.startups, c.startup)) return "startup " + c.startup + removed;
  if (in(departed.investors, c.investor)) return "investor " + c.investor + removed;
  if (in(departed.slots, c.from_slot)) return "slot " + c.from_slot + removed;
  if (in(departed.tables, c.from_table)) return "table " + c.from_table + removed;
  return {};
}

FESTMATCH_FUNC Published read_published(std::string_view json, const std::string& file_name,
                                        const Event& event, const std::string& now) {
  ScheduleIds ids = read_schedule_ids(json, file_name);
  ids.now.clear();  // history is what starts before `now` (reschedule checks the id)
  if (const auto t = event.slot_index.find(now); t != event.slot_index.end())
    ids.now = event.slots[std::size_t(t->second)].start;
  Published out;
  out.event = with_departed(event, ids, &out.departed);
  Event open = out.event;
  for (Slot& slot : open.slots) slot.tables.reset();
  out.schedule = read_schedule_json(json, file_name, open);
  return out;
}

FESTMATCH_FUNC Published read_published(const std::filesystem::path& file, const Event& event,
                                        const std::string& now) {
  detail::DiagnosticList problems;
  bool ok = false;
  const std::string text = detail::event::read_whole_file(file, problems, ok);
  if (!ok) throw InputError(problems.take());
  return read_published(text, file.string(), event, now);
}

}  // namespace festmatch
