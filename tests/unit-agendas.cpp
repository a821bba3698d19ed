// Compact agendas (scheduler/detail/compaction.hpp) and the agenda measures (scheduler/agenda.hpp):
// compaction keeps every rule (independent validator), the same pairs and so the same objective,
// never makes idle slots or days attended worse than the spread schedule, and is deterministic.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "brute_force.hpp"
#include "festmatch/generate/generate.hpp"
#include "festmatch/scheduler/agenda.hpp"
#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/validator/schedule_validator.hpp"

using namespace festmatch;
using namespace festmatch::test;

namespace {

ScheduleOptions agenda_opts(Agenda agenda, std::uint64_t seed = 1, int threads = 1) {
  ScheduleOptions o;
  o.agenda = agenda;
  o.seed = seed;
  o.threads = threads;
  return o;
}

std::vector<std::pair<Index, Index>> pairs_of(const Schedule& s) {
  std::vector<std::pair<Index, Index>> v;
  for (const Meeting& m : s.meetings) v.emplace_back(m.startup, m.investor);
  std::sort(v.begin(), v.end());
  return v;
}

// Spread against compact on one event: same pairs and objective, no rule broken, agendas no
// worse. Returns false when the pins are infeasible (nothing to compare).
struct Compared {
  int events = 0, better = 0;
};
void compare(const Event& e, const Eigen::MatrixXd& score, const EligibleMatrix& eligible,
             std::uint64_t seed, Compared& c) {
  Schedule spread, compact;
  try {
    spread = detail::scheduler::solve(e, score, eligible, agenda_opts(Agenda::spread, seed));
  } catch (const InfeasibleError&) {
    return;
  }
  compact = detail::scheduler::solve(e, score, eligible, agenda_opts(Agenda::compact, seed));
  ++c.events;
  const ScheduleCheck check = check_schedule(e, compact, score, eligible);
  CHECK(check.violations.empty());
  if (!check.violations.empty()) MESSAGE(check.violations.front());
  CHECK(pairs_of(compact) == pairs_of(spread));
  CHECK(compact.stats.objective == doctest::Approx(spread.stats.objective).epsilon(1e-12));
  CHECK(compact.stats.idle_slots <= spread.stats.idle_slots + 1e-12);
  CHECK(compact.stats.days_attended <= spread.stats.days_attended + 1e-12);
  const AgendaStats a = agenda_stats(e, compact.meetings);
  CHECK(a.idle_slots == compact.stats.idle_slots);
  CHECK(a.days_attended == compact.stats.days_attended);
  if (compact.stats.idle_slots < spread.stats.idle_slots ||
      compact.stats.days_attended < spread.stats.days_attended)
    ++c.better;
}

// random_tiny with its slots spread over two days (every other slot moves to the next day).
Tiny two_day_tiny(std::uint64_t seed, bool overlapping) {
  Tiny x = random_tiny(seed, 4, 3, 4, overlapping);
  for (std::size_t t = 1; t < x.event.slots.size(); t += 2) {
    std::string& start = x.event.slots[t].start;
    start.replace(start.find("2023-09-18"), 10, "2023-09-19");
  }
  x.event.reindex();
  return x;
}

}  // namespace

TEST_CASE("agenda_stats: idle slots between a day's first and last meeting, days with one") {
  Event e;
  e.tables = {"T1"};
  for (int d = 0; d < 2; ++d)
    for (int k = 0; k < 5; ++k) {
      const std::string day = d == 0 ? "2023-09-18" : "2023-09-19";
      e.slots.push_back({.id = "d" + std::to_string(d) + "-" + std::to_string(k),
                         .start = day + "T0" + std::to_string(k + 1) + ":00+07:00",
                         .minutes = 30});
    }
  e.startups.resize(2);
  e.investors.resize(2);
  e.reindex();
  // Startup 0: slots 0, 3 on day 1 (2 idle) and 6 on day 2; investor 0 the same; startup 1 and
  // investor 1: slots 1 and 2 (no idle, one day). Participants with a meeting: 4.
  const std::vector<Meeting> ms = {{.startup = 0, .investor = 0, .slot = 0},
                                   {.startup = 0, .investor = 0, .slot = 3},
                                   {.startup = 0, .investor = 0, .slot = 6},
                                   {.startup = 1, .investor = 1, .slot = 1},
                                   {.startup = 1, .investor = 1, .slot = 2}};
  const AgendaStats a = agenda_stats(e, ms);
  CHECK(a.participants == 4);
  CHECK(a.idle_slots == doctest::Approx(1.0));     // (2 + 2 + 0 + 0) / 4
  CHECK(a.days_attended == doctest::Approx(1.5));  // (2 + 2 + 1 + 1) / 4
  // A slot overlapping a meeting is not idle: 01:00–01:30 overlaps a 01:15 slot.
  e.slots[1].start = "2023-09-18T01:15+07:00";
  e.reindex();
  CHECK(agenda_of(e, {0, 3}).idle == 1);  // slot 2 (03:00) only
  CHECK(agenda_stats(e, {}).participants == 0);
  // Table changes, per investor with a meeting: investor 0 moves T1 → T2 within day 1 (the move
  // to day 2 is no change); investor 1 stays; an online meeting has no table to change.
  e.tables = {"T1", "T2"};
  e.reindex();
  const std::vector<Meeting> at_tables = {{.startup = 0, .investor = 0, .slot = 0, .table = 0},
                                          {.startup = 0, .investor = 0, .slot = 3, .table = 1},
                                          {.startup = 0, .investor = 0, .slot = 6, .table = 0},
                                          {.startup = 1, .investor = 1, .slot = 1, .table = 1},
                                          {.startup = 1, .investor = 1, .slot = 2, .table = 1},
                                          {.startup = 1, .investor = 1, .slot = 4}};
  CHECK(agenda_stats(e, at_tables).table_changes == doctest::Approx(0.5));  // (1 + 0) / 2
}

TEST_CASE("an investor keeps its table while that table stands free") {
  // Without overlapping slots, tables are assigned slot by slot in time order: a meeting whose
  // investor's previous table is free in its slot (the slot has it, and no meeting is there)
  // must be at it.
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    GeneratorOptions g;
    g.startups = 70;
    g.investors = 24;
    g.days = 2;
    g.slots_per_day = 9;
    g.tables = 10;
    g.fixed_table_rate = 0.2;
    g.pinned = 4;
    const Event e = generate_event(g, seed);
    INFO("seed " << seed);
    const Schedule s = schedule_meetings(e, agenda_opts(Agenda::compact, seed));
    std::vector<const Meeting*> order;
    for (const Meeting& m : s.meetings) order.push_back(&m);
    std::stable_sort(order.begin(), order.end(), [&](const Meeting* a, const Meeting* b) {
      return e.slots[std::size_t(a->slot)].start_utc < e.slots[std::size_t(b->slot)].start_utc;
    });
    std::vector<Index> last(e.investors.size(), -1);
    int kept = 0, checked = 0;
    for (const Meeting* m : order) {
      if (!m->table) continue;
      const Index k = last[std::size_t(m->investor)];
      last[std::size_t(m->investor)] = *m->table;
      if (k < 0 || *m->table == k) {
        kept += k >= 0;
        continue;
      }
      ++checked;
      const bool taken = k >= e.slot_tables(m->slot) ||
                         std::any_of(s.meetings.begin(), s.meetings.end(), [&](const Meeting& o) {
                           return o.slot == m->slot && o.table == k;
                         });
      CHECK(taken);
    }
    CHECK(kept > checked);
    CHECK(check_schedule(e, s).violations.empty());
    CHECK(agenda_stats(e, s.meetings).table_changes <= 1.25);  // 0.75–1.13 per investor
  }
}

TEST_CASE("compaction keeps every rule and the objective on tiny two-day events") {
  Compared c;
  for (const bool overlapping : {false, true})
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
      INFO("seed " << seed << (overlapping ? " overlapping" : ""));
      const Tiny x = two_day_tiny(seed, overlapping);
      compare(x.event, x.score, x.eligible, seed, c);
    }
  CHECK(c.events > 150);  // the others have pins that break a rule
  MESSAGE("tiny events: " << c.events << ", agendas improved on " << c.better);
}

TEST_CASE("compaction keeps every rule and the objective on generated events with pins") {
  Compared c;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    GeneratorOptions g;
    g.startups = 60;
    g.investors = 20;
    g.days = 3;
    g.slots_per_day = 8;
    g.tables = 6;
    g.fixed_table_rate = 0.3;
    g.pinned = 5;
    g.partial_availability_rate = 0.4;
    Event e = generate_event(g, seed);
    if (seed % 2 == 0) {  // overlapping slots: every other slot starts 10 minutes earlier
      for (std::size_t t = 1; t < e.slots.size(); t += 2) {
        std::string& start = e.slots[t].start;
        const int minute = std::stoi(start.substr(14, 2));
        const int hour = std::stoi(start.substr(11, 2));
        const int m = hour * 60 + minute - 10;
        char text[16];
        std::snprintf(text, sizeof text, "%02d:%02d", m / 60, m % 60);
        start.replace(11, 5, text);
      }
      e.reindex();
    }
    e.pinned.clear();  // the generator's pins may not fit the moved slots; pins come below
    const CompatibilityMatrix scores = compatibility_matrix(e, 1);
    // Pin the spread schedule's first few meetings: compaction must leave them where they are.
    Schedule first =
        detail::scheduler::solve(e, scores.score, scores.eligible, agenda_opts(Agenda::spread));
    for (std::size_t k = 0; k < first.meetings.size() && k < 40; k += 8) {
      const Meeting& m = first.meetings[k];
      PinnedMeeting pin{.startup = m.startup, .investor = m.investor, .slot = m.slot};
      e.pinned.push_back(pin);
    }
    INFO("seed " << seed);
    compare(e, scores.score, scores.eligible, seed, c);
    const Schedule compact = detail::scheduler::solve(e, scores.score, scores.eligible,
                                                      agenda_opts(Agenda::compact, seed));
    for (const PinnedMeeting& pin : e.pinned) {
      const bool kept = std::any_of(compact.meetings.begin(), compact.meetings.end(), [&](auto& m) {
        return m.startup == pin.startup && m.investor == pin.investor && m.slot == pin.slot &&
               m.pinned;
      });
      CHECK(kept);
    }
  }
  CHECK(c.events == 4);
  CHECK(c.better == 4);
}

TEST_CASE("compaction is deterministic: same seed same schedule, on 1 or 2 threads") {
  GeneratorOptions g;
  g.startups = 80;
  g.investors = 25;
  g.days = 3;
  g.slots_per_day = 8;
  g.tables = 8;
  const Event e = generate_event(g, 11);
  Schedule a = schedule_meetings(e, agenda_opts(Agenda::compact, 5, 1));
  Schedule b = schedule_meetings(e, agenda_opts(Agenda::compact, 5, 2));
  Schedule c = schedule_meetings(e, agenda_opts(Agenda::compact, 5, 1));
  CHECK(a.meetings == b.meetings);
  CHECK(a.meetings == c.meetings);
  CHECK(write_schedule_json(e, a).size() > 0);
  a.stats.stage_ms.clear();
  b.stats.stage_ms.clear();
  CHECK(write_schedule_json(e, a) == write_schedule_json(e, b));
  const Schedule spread = schedule_meetings(e, agenda_opts(Agenda::spread, 5, 1));
  CHECK(a.stats.idle_slots < spread.stats.idle_slots);
  CHECK(a.stats.days_attended < spread.stats.days_attended);
  CHECK(a.stats.objective == doctest::Approx(spread.stats.objective).epsilon(1e-12));
}

TEST_CASE("idle_slots and days_attended round-trip through the schedule file") {
  GeneratorOptions g;
  g.startups = 30;
  g.investors = 10;
  g.days = 2;
  g.slots_per_day = 6;
  g.tables = 5;
  const Event e = generate_event(g, 3);
  Schedule s = schedule_meetings(e, agenda_opts(Agenda::spread, 1, 1));
  s.stats.stage_ms.clear();
  const std::string text = write_schedule_json(e, s);
  CHECK(text.find("\"idle_slots\": ") != std::string::npos);
  CHECK(text.find("\"days_attended\": ") != std::string::npos);
  const Schedule back = read_schedule_json(text, "s.json", e);
  CHECK(back.stats.idle_slots == doctest::Approx(s.stats.idle_slots).epsilon(1e-12));
  CHECK(back.stats.days_attended == doctest::Approx(s.stats.days_attended).epsilon(1e-12));
  CHECK(write_schedule_json(e, back) == text);
  // A file written before the measures existed: they are measured from its meetings.
  std::string old = text;
  const auto from = old.find("    \"idle_slots\"");
  const auto to = old.find("    \"stage_ms\"");
  old.erase(from, to - from);
  const Schedule measured = read_schedule_json(old, "s.json", e);
  CHECK(measured.stats.idle_slots == doctest::Approx(s.stats.idle_slots).epsilon(1e-12));
  CHECK(measured.stats.days_attended == doctest::Approx(s.stats.days_attended).epsilon(1e-12));
}
