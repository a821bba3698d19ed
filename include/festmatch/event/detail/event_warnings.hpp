// festmatch — internals: the warnings of event/read_options.hpp, for an event that is valid.
//
// Problem: settings that are valid but cannot work as the organiser expects (a minimum no
// schedule can reach, a participant nobody can meet) pass every rule and surprise later.
// Method: one pass over the participants and the requests; the partner check scores every pair
// (top_k with k = 1: an empty list is a participant nobody can meet).
// Complexity: O(participants · slots + requests) without the partner check;
// O(startups · investors · sectors) with it.
//
//   detail::DiagnosticList warnings;
//   detail::event::warn_event(e, where, request_pointers, warnings, /*check_partners=*/true);
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "festmatch/event/detail/event_convert.hpp"  // Locator, pointer_child
#include "festmatch/event/event.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/detail/diagnostic_list.hpp"

namespace festmatch::detail::event {

// `request_pointers[k]` is where e.requests[k] is in the document.
inline void warn_event(const Event& e, const Locator& where,
                       const std::vector<std::string>& request_pointers, DiagnosticList& out,
                       bool check_partners) {
  auto warn = [&](const std::string& pointer, const std::string& message) {
    Diagnostic d = where.at(pointer);
    d.message = message;
    d.severity = Severity::warning;
    out.add(std::move(d));
  };
  for (const char* list : {"startups", "investors", "slots"}) {
    const std::size_t n = std::string_view(list) == "startups"    ? e.startups.size()
                          : std::string_view(list) == "investors" ? e.investors.size()
                                                                  : e.slots.size();
    if (n == 0) warn(std::string("/") + list, std::string("no ") + list + ": nothing to schedule");
  }

  const std::vector<Index> by_end = slots_by_end(e.slots);
  auto usable_slots = [&](const Availability& a) {
    return most_disjoint_slots(e.slots, by_end, [&](Index t) { return a.allows(t); });
  };
  auto no_slot = [&](const std::string& p, const std::string& who, const Availability& a,
                     const std::optional<int>& max) {
    if (!e.slots.empty() && (!max || *max > 0) && usable_slots(a) == 0) {
      warn(pointer_child(p, a.kind == Availability::Kind::available ? "available" : "unavailable"),
           who + " is available in no slot: it gets no meeting");
      return true;
    }
    return false;
  };
  // A startup's own minimum is checked on its row; the event's default (options.min_meetings)
  // once, naming the startups it cannot work for.
  const int default_min = e.options.min_meetings;
  const int all_slots = usable_slots(Availability{});
  std::vector<std::string> above_max, above_slots;
  for (std::size_t k = 0; k < e.startups.size(); ++k) {
    const Startup& s = e.startups[k];
    if (s.status == Status::cancelled) continue;
    const std::string p = pointer_child("/startups", k);
    const std::string who = "startup " + s.id;
    if (no_slot(p, who, s.availability, s.max_meetings)) continue;
    const int min = e.startup_min_meetings(Index(k));
    if (min <= 0) continue;
    const int slots = usable_slots(s.availability);
    if (!s.min_meetings) {
      if (default_min > all_slots) continue;  // one warning for all, below
      if (s.max_meetings && min > *s.max_meetings) {
        above_max.push_back(s.id);
      } else if (min > slots && min <= all_slots) {
        above_slots.push_back(s.id);
      }
    } else if (s.max_meetings && min > *s.max_meetings) {
      warn(pointer_child(p, "min_meetings"),
           who + "'s min_meetings " + std::to_string(min) + " is above its max_meetings " +
               std::to_string(*s.max_meetings) + ": it stays below its minimum");
    } else if (min > slots) {
      warn(pointer_child(p, "min_meetings"),
           who + "'s min_meetings " + std::to_string(min) + " is above the " +
               std::to_string(slots) + " slots it can attend: it stays below its minimum");
    }
  }
  auto some = [](const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t k = 0; k < ids.size() && k < 5; ++k) out += (k ? ", " : "") + ids[k];
    if (ids.size() > 5) out += " and " + std::to_string(ids.size() - 5) + " more";
    return out;
  };
  const std::string default_text = "options.min_meetings " + std::to_string(default_min);
  if (!e.startups.empty() && !e.slots.empty() && default_min > all_slots) {
    warn("/options/min_meetings", default_text + " is above the " + std::to_string(all_slots) +
                                      " slots of the event: startups without their own "
                                      "min_meetings stay below it");
  }
  if (!above_max.empty()) {
    warn("/options/min_meetings", default_text + " is above the max_meetings of " +
                                      std::to_string(above_max.size()) +
                                      (above_max.size() == 1 ? " startup (" : " startups (") +
                                      some(above_max) + "): they stay below the minimum");
  }
  if (!above_slots.empty()) {
    warn("/options/min_meetings",
         default_text + " is above the slots that " + std::to_string(above_slots.size()) +
             (above_slots.size() == 1 ? " startup" : " startups") + " can attend (" +
             some(above_slots) + "): they stay below the minimum");
  }
  for (std::size_t k = 0; k < e.investors.size(); ++k) {
    const Investor& v = e.investors[k];
    if (v.status == Status::cancelled) continue;
    no_slot(pointer_child("/investors", k), "investor " + v.id, v.availability, v.max_meetings);
  }

  if (e.options.one_per_organisation) {
    // (startup, organisation) → the first must request of the startup with that organisation
    std::map<std::tuple<Index, std::string>, std::size_t> first_must;
    for (std::size_t r = 0; r < e.requests.size() && r < request_pointers.size(); ++r) {
      const Request& q = e.requests[r];
      const Investor& v = e.investors[std::size_t(q.investor)];
      if (q.priority != Priority::must || v.organisation.empty()) continue;
      auto [it, fresh] = first_must.try_emplace({q.startup, v.organisation}, r);
      const Request& other = e.requests[it->second];
      if (fresh || other.investor == q.investor) continue;
      warn(request_pointers[r], "startup " + e.startups[std::size_t(q.startup)].id +
                                    " has must requests with " +
                                    e.investors[std::size_t(other.investor)].id + " (" +
                                    where.ref(request_pointers[it->second]) + ") and " + v.id +
                                    ", both of organisation '" + v.organisation +
                                    "': one_per_organisation lets it meet only one of them");
    }
  }

  if (check_partners && !e.startups.empty() && !e.investors.empty()) {
    const TopK best = top_k(e, 1);  // an empty list: no eligible partner
    auto unmatched = [&](const char* list, const std::string& who, std::size_t k) {
      warn(pointer_child(std::string("/") + list, k),
           who +
               " has no eligible partner (blocked, languages, modes, or no score reaches "
               "min_score): it gets no meeting");
    };
    for (std::size_t k = 0; k < e.startups.size(); ++k)
      if (best.per_startup[k].empty() && e.startups[k].max_meetings.value_or(1) > 0 &&
          e.startups[k].status == Status::active)
        unmatched("startups", "startup " + e.startups[k].id, k);
    for (std::size_t k = 0; k < e.investors.size(); ++k)
      if (best.per_investor[k].empty() && e.investors[k].max_meetings.value_or(1) > 0 &&
          e.investors[k].status == Status::active)
        unmatched("investors", "investor " + e.investors[k].id, k);
  }
}

}  // namespace festmatch::detail::event
