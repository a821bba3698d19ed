// festmatch — an in-memory Event's indices, checked before anything reads through them.
//
// An Event built in code refers to sectors, stages, slots, tables and participants by index;
// an index outside its list (or a sector listed twice in one weight list) would make every
// later step read out of bounds. Each is reported at the JSON pointer of the value it stands
// for in the event file, e.g. "/startups/3/stage". O(size of the event).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "festmatch/event/detail/event_convert.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"

namespace festmatch::detail::event {

inline void check_indices(const Event& e, const Locator& where, DiagnosticList& out) {
  auto report = [&](const std::string& ptr, const std::string& message) {
    Diagnostic d = where.at(ptr);
    d.message = message;
    out.add(std::move(d));
  };
  auto in_range = [&](const std::string& ptr, const char* kind, Index index, std::size_t size) {
    if (index >= 0 && std::size_t(index) < size) return true;
    report(ptr, std::string(kind) + " index " + std::to_string(index) + " is out of range (" +
                    std::to_string(size) + " " + kind + "s)");
    return false;
  };
  auto weights = [&](const std::string& ptr, const char* kind, const std::vector<Weighted>& w,
                     std::size_t size) {
    std::vector<bool> seen(size, false);
    for (std::size_t k = 0; k < w.size(); ++k) {
      const std::string p = pointer_child(ptr, k);
      if (!in_range(p, kind, w[k].index, size)) continue;
      if (seen[std::size_t(w[k].index)]) {
        report(p, std::string(kind) + " index " + std::to_string(w[k].index) + " is listed twice");
      }
      seen[std::size_t(w[k].index)] = true;
    }
  };
  auto availability = [&](const std::string& ptr, const Availability& a) {
    const char* key = a.kind == Availability::Kind::unavailable ? "unavailable" : "available";
    for (std::size_t k = 0; k < a.slots.size(); ++k) {
      in_range(pointer_child(pointer_child(ptr, key), k), "slot", a.slots[k], e.slots.size());
    }
  };
  auto optional_table = [&](const std::string& ptr, const std::optional<Index>& t) {
    if (t) in_range(ptr, "table", *t, e.tables.size());
  };
  for (std::size_t k = 0; k < e.related_sectors.size(); ++k) {
    const std::string p = pointer_child("/related_sectors", k);
    in_range(pointer_child(p, 0), "sector", e.related_sectors[k].a, e.sectors.size());
    in_range(pointer_child(p, 1), "sector", e.related_sectors[k].b, e.sectors.size());
  }
  for (std::size_t k = 0; k < e.startups.size(); ++k) {
    const std::string p = pointer_child("/startups", k);
    const Startup& s = e.startups[k];
    weights(pointer_child(p, "sectors"), "sector", s.sectors, e.sectors.size());
    in_range(pointer_child(p, "stage"), "stage", s.stage, e.stages.size());
    availability(p, s.availability);
  }
  for (std::size_t k = 0; k < e.investors.size(); ++k) {
    const std::string p = pointer_child("/investors", k);
    const Investor& v = e.investors[k];
    weights(pointer_child(p, "sectors"), "sector", v.sectors, e.sectors.size());
    weights(pointer_child(p, "stages"), "stage", v.stages, e.stages.size());
    availability(p, v.availability);
    optional_table(pointer_child(p, "table"), v.table);
  }
  auto pair = [&](const std::string& p, Index s, Index i) {
    in_range(pointer_child(p, "startup"), "startup", s, e.startups.size());
    in_range(pointer_child(p, "investor"), "investor", i, e.investors.size());
  };
  for (std::size_t k = 0; k < e.requests.size(); ++k) {
    pair(pointer_child("/requests", k), e.requests[k].startup, e.requests[k].investor);
  }
  for (std::size_t k = 0; k < e.blocked.size(); ++k) {
    pair(pointer_child("/blocked", k), e.blocked[k].startup, e.blocked[k].investor);
  }
  for (std::size_t k = 0; k < e.pinned.size(); ++k) {
    const std::string p = pointer_child("/pinned", k);
    pair(p, e.pinned[k].startup, e.pinned[k].investor);
    in_range(pointer_child(p, "slot"), "slot", e.pinned[k].slot, e.slots.size());
    optional_table(pointer_child(p, "table"), e.pinned[k].table);
  }
}

}  // namespace festmatch::detail::event
