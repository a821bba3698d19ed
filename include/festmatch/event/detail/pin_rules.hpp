// festmatch — pinned meetings against the scheduler's hard rules (docs/scheduler.md).
//
// Problem: a pinned meeting is in every schedule unchanged, so a pin that breaks a hard rule
// makes the event infeasible; the organiser must learn which pins (and which other pin or rule)
// conflict.
// Method: one pass over the pins in input order with hash maps keyed by (slot, startup),
// (slot, investor), (slot, table) and pair; each rule reports on the later pin and names the
// earlier one. Rules: blocked pair; the same pair pinned twice; a participant in two pinned
// meetings of one slot; a participant unavailable in the slot; more pins than max_meetings;
// mode-incompatible pair, or a table on an online meeting; no common language (unless the
// `interpreters` option); a pair ineligible by score (no common sector, or base below
// min_score, and no request: scoring.hpp's explain()); a pinned table that differs from the
// investor's fixed table, is not among the slot's first k tables, or already holds a pinned meeting
// in that slot; more in-person pins in a slot than its tables; the organisation rule when set.
// Complexity: O(pins + blocked pairs) expected time and memory.
//
//   detail::DiagnosticList conflicts;
//   detail::event::check_pins(event, detail::event::JsonLocator("event.json"), conflicts);
//   if (!conflicts.empty()) throw InfeasibleError(conflicts.take());
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "festmatch/event/detail/event_convert.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"
#include "festmatch/util/detail/pair_key.hpp"
#include "festmatch/util/detail/text.hpp"

namespace festmatch::detail::event {

// Checks event.pinned (indices assumed valid) and reports each conflict at "/pinned/K".
inline void check_pins(const Event& e, const Locator& where, DiagnosticList& out) {
  auto ref = [&](std::size_t k) { return where.ref(pointer_child("/pinned", k)); };
  std::unordered_map<std::uint64_t, std::size_t> blocked;
  for (std::size_t b = 0; b < e.blocked.size(); ++b) {
    blocked.emplace(pair_key(e.blocked[b].startup, e.blocked[b].investor), b);
  }
  std::unordered_map<std::uint64_t, std::size_t> pair_pin, startup_slot, investor_slot, table_slot;
  std::vector<std::vector<std::size_t>> startup_pins(e.startups.size()),
      investor_pins(e.investors.size());
  std::vector<std::vector<std::size_t>> slot_in_person(e.slots.size());
  std::unordered_map<std::string, std::size_t> startup_organisation;
  std::optional<Scorer> scorer;
  if (!e.pinned.empty()) scorer.emplace(e);

  for (std::size_t k = 0; k < e.pinned.size(); ++k) {
    const PinnedMeeting& pin = e.pinned[k];
    const Startup& s = e.startups[std::size_t(pin.startup)];
    const Investor& v = e.investors[std::size_t(pin.investor)];
    const Slot& slot = e.slots[std::size_t(pin.slot)];
    // A pin of a cancelled participant stays valid input; it is not scheduled, so not checked.
    if (s.status == Status::cancelled || v.status == Status::cancelled) continue;
    const std::string meeting =
        "pinned meeting " + s.id + " x " + v.id + " in slot " + slot.id + " ";
    auto report = [&](const std::string& what) {
      Diagnostic d = where.at(pointer_child("/pinned", k));
      d.message = meeting + what;
      out.add(std::move(d));
    };

    if (auto it = blocked.find(pair_key(pin.startup, pin.investor)); it != blocked.end()) {
      const auto& b = e.blocked[it->second];
      report("is with a blocked pair (" + (b.reason.empty() ? "" : "'" + b.reason + "', ") +
             where.ref(pointer_child("/blocked", it->second)) + ")");
    }
    if (auto [it, fresh] = pair_pin.emplace(pair_key(pin.startup, pin.investor), k); !fresh) {
      report("pins the pair a second time (also in slot " +
             e.slots[std::size_t(e.pinned[it->second].slot)].id + ", " + ref(it->second) +
             "); a pair meets at most once");
    }
    if (auto [it, fresh] = startup_slot.emplace(pair_key(pin.slot, pin.startup), k); !fresh) {
      report("double-books startup " + s.id + " (also pinned with " +
             e.investors[std::size_t(e.pinned[it->second].investor)].id + ", " + ref(it->second) +
             ")");
    }
    if (auto [it, fresh] = investor_slot.emplace(pair_key(pin.slot, pin.investor), k); !fresh) {
      report("double-books investor " + v.id + " (also pinned with " +
             e.startups[std::size_t(e.pinned[it->second].startup)].id + ", " + ref(it->second) +
             ")");
    }
    if (!s.availability.allows(pin.slot)) {
      report("but startup " + s.id + " is not available in that slot");
    }
    if (!v.availability.allows(pin.slot)) {
      report("but investor " + v.id + " is not available in that slot");
    }
    auto over_cap = [&](const std::string& who, const std::optional<int>& cap,
                        std::vector<std::size_t>& pins) {
      pins.push_back(k);
      if (cap && pins.size() == std::size_t(*cap) + 1) {
        std::string earlier;
        for (std::size_t j = 0; j + 1 < pins.size() && j < 3; ++j) {
          earlier += (j ? ", " : "") + ref(pins[j]);
        }
        if (pins.size() > 4) earlier += ", ...";
        report("exceeds " + who + "'s max_meetings of " + std::to_string(*cap) +
               (earlier.empty() ? std::string() : " (also pinned: " + earlier + ")"));
      }
    };
    over_cap("startup " + s.id, s.max_meetings, startup_pins[std::size_t(pin.startup)]);
    over_cap("investor " + v.id, v.max_meetings, investor_pins[std::size_t(pin.investor)]);

    const bool online = s.mode == Mode::online || v.mode == Mode::online;
    if (online) {
      if (s.mode == Mode::in_person || v.mode == Mode::in_person) {
        report("is mode-incompatible: startup " + s.id + " is " + to_string(s.mode) +
               ", investor " + v.id + " is " + to_string(v.mode));
      } else if (pin.table) {
        report("is online but pinned to table " + e.tables[std::size_t(*pin.table)]);
      }
    }
    if (!e.options.interpreters && !s.languages.empty() && !v.languages.empty()) {
      bool shared = false;
      for (const auto& a : s.languages) {
        for (const auto& b : v.languages) shared = shared || a == b;
      }
      if (!shared) {
        report("has no common language (startup " + s.id + ": " + join_names(s.languages) +
               "; investor " + v.id + ": " + join_names(v.languages) + ")");
      }
    }
    if (const Explanation x = scorer->explain(pin.startup, pin.investor);
        x.rule == Ineligibility::no_common_sector || x.rule == Ineligibility::below_min_score) {
      report("is with an ineligible pair: " + x.reason);
    }
    if (e.options.one_per_organisation && !v.organisation.empty()) {
      auto [it, fresh] =
          startup_organisation.emplace(std::to_string(pin.startup) + '\n' + v.organisation, k);
      const Index other = e.pinned[it->second].investor;
      if (!fresh && other != pin.investor) {
        report("breaks one_per_organisation: startup " + s.id + " is also pinned with " +
               e.investors[std::size_t(other)].id + " of '" + v.organisation + "' (" +
               ref(it->second) + ")");
      }
    }
    if (online) continue;

    std::optional<Index> table = pin.table;
    if (pin.table && v.table && *pin.table != *v.table) {
      report("is pinned to table " + e.tables[std::size_t(*pin.table)] + " but investor " + v.id +
             "'s fixed table is " + e.tables[std::size_t(*v.table)]);
    }
    if (!table) table = v.table;
    auto& in_slot = slot_in_person[std::size_t(pin.slot)];
    in_slot.push_back(k);
    const int capacity = e.slot_tables(pin.slot);
    if (in_slot.size() == std::size_t(capacity) + 1) {
      report("exceeds the " + std::to_string(capacity) + " tables of slot " + slot.id +
             " (in-person pins in that slot: " + std::to_string(in_slot.size()) + ")");
    }
    if (table) {
      const std::string& name = e.tables[std::size_t(*table)];
      if (*table >= capacity) {
        report("uses table " + name + ", but slot " + slot.id + " has only its first " +
               std::to_string(capacity) + " tables");
      }
      // Two pins of one investor on its fixed table are already reported as a double booking.
      if (auto [it, fresh] = table_slot.emplace(pair_key(pin.slot, *table), k);
          !fresh && e.pinned[it->second].investor != pin.investor) {
        report("puts a second meeting on table " + name + " (also " + ref(it->second) + ")");
      }
    }
  }
}

}  // namespace festmatch::detail::event
