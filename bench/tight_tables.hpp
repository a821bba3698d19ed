// festmatch-bench — the tight-tables family: generated one-day events of n startups × n
// investors (Techfest's shape otherwise) with 10 slots whose tables differ widely, from
// max(1, n/50) to n in ten even steps (never fewer than the slot's pins), so that per-slot table
// limits bind where the event-wide count does not. Slot t gets step (7·t + seed) mod 10; the
// seed also draws the event. BM_TightTables (bench_scheduler.cpp), the slot-bound-ilp command
// (slot_bound_tools.cpp) and the tests use the same events.
//
//   const festmatch::Event& e = festmatch::bench::tight_tables_event(60);      // seed 60
//   const festmatch::Event& f = festmatch::bench::tight_tables_event(60, 61);  // another one
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

#include "festmatch/generate/generate.hpp"

namespace festmatch::bench {

inline const Event& tight_tables_event(int n, std::uint64_t seed) {
  static std::map<std::pair<int, std::uint64_t>, Event> cache;
  auto it = cache.find({n, seed});
  if (it == cache.end()) {
    auto options = preset_options(Preset::techfest);
    options.startups = n;
    options.investors = n;
    options.days = 1;
    options.slots_per_day = 10;
    options.tables = n;
    options.reduced_tables_rate = 0.0;
    Event e = generate_event(options, seed);
    const int least = std::max(1, n / 50), most = n;
    for (std::size_t t = 0; t < e.slots.size(); ++t) {  // a fixed spread over [least, most]
      int pins = 0;
      for (const auto& pin : e.pinned) pins += pin.slot == Index(t) ? 1 : 0;
      const auto step = int((7 * t + seed) % 10);
      e.slots[t].tables = std::max(pins, least + step * (most - least) / 9);
    }
    e.reindex();
    it = cache.emplace(std::pair{n, seed}, std::move(e)).first;
  }
  return it->second;
}

inline const Event& tight_tables_event(int n) {
  return tight_tables_event(n, std::uint64_t(n));
}

}  // namespace festmatch::bench
