// festmatch — how livable a schedule's agendas are (SPEC §4 "Agendas people can live with").
//
// For every participant with at least one meeting, startups and investors alike:
//   - days attended: the days with at least one of its meetings, a day being the local date of
//     the slot's start (Slot::start as written, with its UTC offset);
//   - idle slots: on each of those days, the slots between its first and its last meeting (in
//     start order) in which it has no meeting, summed over the days. A slot that overlaps one of
//     its meetings in clock time is not idle (the participant is in that meeting then).
// agenda_stats averages both over those participants (0 when nobody meets), and counts, for
// each investor with a meeting, its table changes: consecutive in-person meetings of a day (in
// start order) at different tables, averaged over those investors. The scheduler
// compacts agendas by these measures (scheduler/detail/compaction.hpp); the schedule's stats,
// the file, the summary and the HTML page report them.
// Cost O(T² + M log M) without overlapping slots (T slots, M meetings); with them, a slot
// between a participant's meetings is checked against that day's meetings.
//
//   const festmatch::AgendaStats a = festmatch::agenda_stats(event, plan.meetings);
//   std::cout << a.idle_slots << " idle slots, " << a.days_attended << " days\n";
#pragma once

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "festmatch/event/event.hpp"
#include "festmatch/scheduler/schedule.hpp"

namespace festmatch {

struct AgendaStats {
  double idle_slots = 0.0;     // mean idle slots per participant with a meeting
  double days_attended = 0.0;  // mean days with a meeting, same participants
  double table_changes = 0.0;  // mean per investor with a meeting
  std::size_t participants = 0;
};

// The local date of a slot's start, as days since the epoch (a slot without a start: day 0).
[[nodiscard]] inline std::int64_t local_day(const Slot& slot) {
  const std::int64_t local = slot.start_utc + 60 * std::int64_t(slot.utc_offset_minutes);
  return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

// Idle slots and days of one participant's meetings.
struct AgendaOfOne {
  int idle = 0;
  int days = 0;
};

// The event's slots in agenda order (local day, start, index), prepared once for many agendas.
class AgendaClock {
 public:
  explicit AgendaClock(const Event& event) : event_(event) {
    const auto& all = event.slots;
    const std::size_t T = all.size();
    day_.resize(T);
    for (std::size_t t = 0; t < T; ++t) day_[t] = local_day(all[t]);
    order_.resize(T);
    for (std::size_t t = 0; t < T; ++t) order_[t] = Index(t);
    std::sort(order_.begin(), order_.end(), [&](Index a, Index b) {
      return std::tuple(day_[std::size_t(a)], all[std::size_t(a)].start_utc, a) <
             std::tuple(day_[std::size_t(b)], all[std::size_t(b)].start_utc, b);
    });
    rank_.resize(T);
    for (std::size_t r = 0; r < T; ++r) rank_[std::size_t(order_[r])] = int(r);
    for (std::size_t a = 0; a < T && !overlaps_; ++a)
      for (std::size_t b = a + 1; b < T && !overlaps_; ++b)
        overlaps_ = slots_overlap(all[a], all[b]);
  }

  // The agenda of meetings in `slots` (slot indices; repeats count once).
  [[nodiscard]] AgendaOfOne agenda_of(std::vector<Index> slots) const {
    std::sort(slots.begin(), slots.end(), [&](Index a, Index b) { return rank(a) < rank(b); });
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    AgendaOfOne out;
    for (std::size_t first = 0; first < slots.size();) {
      std::size_t last = first;
      const std::int64_t day = day_[std::size_t(slots[first])];
      while (last + 1 < slots.size() && day_[std::size_t(slots[last + 1])] == day) ++last;
      ++out.days;
      const int lo = rank(slots[first]), hi = rank(slots[last]);
      // The slots strictly between, less the meetings' own; with overlapping slots, less those
      // that overlap a meeting too.
      out.idle += hi - lo + 1 - int(last - first + 1);
      if (overlaps_)
        for (int r = lo + 1; r < hi; ++r) {
          const Slot& u = event_.slots[std::size_t(order_[std::size_t(r)])];
          bool own = false, overlapped = false;
          for (std::size_t j = first; j <= last; ++j) {
            own = own || slots[j] == order_[std::size_t(r)];
            overlapped = overlapped || slots_overlap(u, event_.slots[std::size_t(slots[j])]);
          }
          out.idle -= !own && overlapped;
        }
      first = last + 1;
    }
    return out;
  }

  // The slots in agenda order; a slot's position in it and its local day.
  [[nodiscard]] const std::vector<Index>& order() const { return order_; }
  [[nodiscard]] int rank(Index t) const { return rank_[std::size_t(t)]; }
  [[nodiscard]] std::int64_t day(Index t) const { return day_[std::size_t(t)]; }

 private:
  const Event& event_;
  std::vector<std::int64_t> day_;  // per slot, its local day
  std::vector<Index> order_;       // the slots in agenda order
  std::vector<int> rank_;          // per slot, its position in order_
  bool overlaps_ = false;          // some two slots overlap in clock time
};

// One participant's agenda (AgendaClock::agenda_of; build the clock once for many).
[[nodiscard]] inline AgendaOfOne agenda_of(const Event& event, std::vector<Index> slots) {
  return AgendaClock(event).agenda_of(std::move(slots));
}

[[nodiscard]] inline AgendaStats agenda_stats(const Event& event,
                                              const std::vector<Meeting>& meetings) {
  const std::size_t S = event.startups.size(), I = event.investors.size();
  std::vector<std::vector<Index>> of(S + I);
  std::vector<std::vector<const Meeting*>> tables_of(I);  // in-person meetings per investor
  for (const Meeting& m : meetings) {
    if (m.slot < 0 || std::size_t(m.slot) >= event.slots.size()) continue;
    if (std::size_t(m.startup) < S) of[std::size_t(m.startup)].push_back(m.slot);
    if (std::size_t(m.investor) >= I) continue;
    of[S + std::size_t(m.investor)].push_back(m.slot);
    if (m.table) tables_of[std::size_t(m.investor)].push_back(&m);
  }
  const AgendaClock clock(event);
  AgendaStats out;
  double idle = 0, days = 0, changes = 0;
  std::size_t investors = 0;
  for (std::size_t x = 0; x < of.size(); ++x) {
    auto& slots = of[x];
    if (slots.empty()) continue;
    const AgendaOfOne a = clock.agenda_of(std::move(slots));
    idle += a.idle;
    days += a.days;
    ++out.participants;
    if (x < S) continue;
    ++investors;
    auto& held = tables_of[x - S];
    std::sort(held.begin(), held.end(), [&](const Meeting* a, const Meeting* b) {
      return clock.rank(a->slot) < clock.rank(b->slot);
    });
    for (std::size_t k = 1; k < held.size(); ++k)
      changes += clock.day(held[k]->slot) == clock.day(held[k - 1]->slot) &&
                 held[k]->table != held[k - 1]->table;
  }
  if (out.participants > 0) {
    out.idle_slots = idle / double(out.participants);
    out.days_attended = days / double(out.participants);
  }
  if (investors > 0) out.table_changes = changes / double(investors);
  return out;
}

}  // namespace festmatch
