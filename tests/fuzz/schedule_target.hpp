// festmatch fuzz target for the schedule reader (see targets.hpp for the contract).
#pragma once

#include <stdexcept>
#include <string_view>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule_json.hpp"

namespace festmatch::fuzz {

// A small fixed event the schedule reader resolves ids against.
inline const Event& schedule_fuzz_event() {
  static const Event event = [] {
    Event e;
    e.name = "fuzz";
    e.sectors = {"logistics", "seaports"};
    e.tables = {"T1", "T2"};
    e.slots = {{.id = "a", .start = "2023-09-18T09:00+07:00", .minutes = 20},
               {.id = "b", .start = "2023-09-18T09:20+07:00", .minutes = 20}};
    e.startups = {{.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}},
                  {.id = "s2", .name = "KiKai Factory", .sectors = {{1, 1.0}}}};
    e.investors = {{.id = "i1", .name = "Mekong Fund", .sectors = {{0, 1.0}}},
                   {.id = "i2", .name = "Han River", .sectors = {{1, 1.0}}}};
    e.reindex();
    return e;
  }();
  return event;
}

inline void schedule_json(std::string_view bytes) {
  Schedule s;
  try {
    s = read_schedule_json(bytes, "fuzz-schedule.json", schedule_fuzz_event());
  } catch (const Error&) {
    return;
  }
  const std::string written = write_schedule_json(schedule_fuzz_event(), s);
  if (read_schedule_json(written, "written.json", schedule_fuzz_event()) != s)
    throw std::logic_error("schedule file: read, write, read gives another schedule");
}

}  // namespace festmatch::fuzz
