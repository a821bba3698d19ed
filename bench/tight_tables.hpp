// festmatch-bench — the tight-tables family: generated one-day events of n startups × n
// investors (Techfest's shape otherwise) with 10 slots whose tables differ widely, from
// max(1, n/50) to n (never fewer than the slot's pins), so that per-slot table limits bind where
// the event-wide count does not. BM_TightTables (bench_scheduler.cpp) and the slot-bound-ilp
// command (slot_bound_tools.cpp) use the same events.
//
//   const festmatch::Event& e = festmatch::bench::tight_tables_event(60);   // seed 60
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>

#include "festmatch/generate/generate.hpp"

namespace festmatch::bench {

inline const Event& tight_tables_event(int n) {
  static std::map<int, Event> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    auto options = preset_options(Preset::techfest);
    options.startups = n;
    options.investors = n;
    options.days = 1;
    options.slots_per_day = 10;
    options.tables = n;
    options.reduced_tables_rate = 0.0;
    Event e = generate_event(options, std::uint64_t(n));
    const int least = std::max(1, n / 50), most = n;
    for (std::size_t t = 0; t < e.slots.size(); ++t) {  // a fixed spread over [least, most]
      int pins = 0;
      for (const auto& pin : e.pinned) pins += pin.slot == Index(t) ? 1 : 0;
      e.slots[t].tables = std::max(pins, least + int((t * 7) % 10) * (most - least) / 9);
    }
    e.reindex();
    it = cache.emplace(n, std::move(e)).first;
  }
  return it->second;
}

}  // namespace festmatch::bench
