// festmatch — scheduler internals: cancelled participants (Status::cancelled).
//
// Problem: a cancelled startup or investor gets no meetings, while its requests, blocks and pins
// stay valid input, reported as cancelled and never as errors.
// Method: the solver sees the event with every cancelled participant at max_meetings 0 and
// without its pins (`pin_of` maps the pins it sees back to the event's, so that a conflict names
// the user's pin); afterwards the reasons the schedule gives for the cancelled participants and
// their requests say so.
// Complexity: O(size of the event) for the copy, O(requests + shortfalls) for the reasons.
//
//   if (has_cancelled(e)) { ActiveEvent a = active_event(e); ... name_cancellations(e, plan); }
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch::detail::scheduler {

inline bool is_cancelled(const Event& e, Index startup, Index investor) {
  return e.startups[std::size_t(startup)].status == Status::cancelled ||
         e.investors[std::size_t(investor)].status == Status::cancelled;
}

inline bool has_cancelled(const Event& e) {
  for (const auto& s : e.startups)
    if (s.status == Status::cancelled) return true;
  for (const auto& v : e.investors)
    if (v.status == Status::cancelled) return true;
  return false;
}

struct ActiveEvent {
  Event event;
  std::vector<std::size_t> pin_of;  // event.pinned[k] is the original's pinned[pin_of[k]]
};

inline ActiveEvent active_event(const Event& e) {
  ActiveEvent a{e, {}};
  auto no_meetings = [](auto& participant) {
    if (participant.status != Status::cancelled) return;
    participant.max_meetings = 0;
    participant.status = Status::active;  // as the solver sees it
  };
  for (auto& s : a.event.startups) no_meetings(s);
  for (auto& v : a.event.investors) no_meetings(v);
  a.event.pinned.clear();
  for (std::size_t k = 0; k < e.pinned.size(); ++k) {
    const auto& pin = e.pinned[k];
    if (pin.startup < 0 || std::size_t(pin.startup) >= e.startups.size() || pin.investor < 0 ||
        std::size_t(pin.investor) >= e.investors.size() ||
        !is_cancelled(e, pin.startup, pin.investor)) {
      a.event.pinned.push_back(pin);
      a.pin_of.push_back(k);
    }
  }
  return a;
}

// The error with every "/pinned/K" of the active event renamed to the original's pin.
inline InfeasibleError original_pins(const InfeasibleError& error, const ActiveEvent& a) {
  std::vector<Diagnostic> out = error.diagnostics();
  const std::string prefix = "/pinned/";
  for (auto& d : out) {
    if (d.pointer.rfind(prefix, 0) != 0) continue;
    const std::size_t end = d.pointer.find('/', prefix.size());
    const std::size_t k = std::stoul(d.pointer.substr(prefix.size(), end - prefix.size()));
    if (k < a.pin_of.size())
      d.pointer = prefix + std::to_string(a.pin_of[k]) +
                  (end == std::string::npos ? std::string() : d.pointer.substr(end));
  }
  return InfeasibleError(std::move(out));
}

// The reasons for cancelled participants and their requests name the cancellation.
inline void name_cancellations(const Event& e, Schedule& s) {
  auto who = [&](Side side, Index k) {
    return side == Side::startup ? "startup " + e.startups[std::size_t(k)].id
                                 : "investor " + e.investors[std::size_t(k)].id;
  };
  for (auto& f : s.shortfalls) {
    const Status st = f.side == Side::startup ? e.startups[std::size_t(f.participant)].status
                                              : e.investors[std::size_t(f.participant)].status;
    if (st == Status::cancelled) f.reason = "cancelled";
  }
  for (auto& u : s.unscheduled) {
    if (e.startups[std::size_t(u.startup)].status == Status::cancelled)
      u.reason = who(Side::startup, u.startup) + " is cancelled";
    else if (e.investors[std::size_t(u.investor)].status == Status::cancelled)
      u.reason = who(Side::investor, u.investor) + " is cancelled";
  }
}

}  // namespace festmatch::detail::scheduler
