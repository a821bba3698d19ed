// Re-scheduling (scheduler/reschedule.hpp): for each kind of change on generated events, the
// validator passes, history is identical, meetings the change does not touch stay exactly where
// they were, and `changes` lists every meeting that moved, was cancelled or was added, and
// nothing else.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "festmatch/generate/generate.hpp"
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/reschedule.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/validator/schedule_validator.hpp"

using namespace festmatch;

namespace {

Event small_event(std::uint64_t seed) {
  auto o = preset_options(Preset::techfest);
  o.startups = 40;
  o.investors = 14;
  o.days = 2;
  return generate_event(o, seed);
}

using Place = std::tuple<Index, std::optional<Index>>;  // slot, table
std::map<std::pair<Index, Index>, Place> places(const Schedule& s) {
  std::map<std::pair<Index, Index>, Place> out;
  for (const auto& m : s.meetings) out[{m.startup, m.investor}] = {m.slot, m.table};
  return out;
}

// The checks every re-schedule must pass. `touched(s, i)`: the change may affect this pair.
void check_reschedule(const Event& changed, const Schedule& before, const Schedule& after,
                      Index now_slot, const std::function<bool(const Meeting&)>& touched) {
  const auto check = check_schedule(changed, after);
  REQUIRE_MESSAGE(check.violations.empty(),
                  (check.violations.empty() ? "" : check.violations.front()));
  CHECK(check_shortfalls(changed, after).empty());
  CHECK(after.revision == before.revision + 1);
  // The bound of the re-scheduling problem is tight: a closed slot's tables do not count.
  CHECK(after.stats.upper_bound + 1e-9 >= after.stats.objective);
  CHECK(after.stats.gap < 0.01);
  CHECK(after.now == changed.slots[std::size_t(now_slot)].start);
  const std::int64_t now = changed.slots[std::size_t(now_slot)].start_utc;
  auto history = [&](const Meeting& m) {
    return changed.slots[std::size_t(m.slot)].start_utc < now;
  };

  const auto old_places = places(before), new_places = places(after);
  std::set<std::pair<std::string, std::string>> changed_pairs;
  for (const auto& c : after.changes) CHECK(changed_pairs.insert({c.startup, c.investor}).second);
  for (const auto& m : before.meetings) {
    const auto it = new_places.find({m.startup, m.investor});
    const bool same = it != new_places.end() && it->second == Place{m.slot, m.table};
    const std::pair ids{changed.startups[std::size_t(m.startup)].id,
                        changed.investors[std::size_t(m.investor)].id};
    INFO("meeting " << ids.first << " with " << ids.second << " in slot "
                    << changed.slots[std::size_t(m.slot)].id);
    std::string what = "unchanged";
    for (const auto& c : after.changes)
      if (c.startup == ids.first && c.investor == ids.second)
        what = std::string(change_kind_names[int(c.kind)]) + " to " + c.to_slot + " " + c.to_table +
               ": " + c.reason;
    INFO("change: " << what);
    if (history(m)) {
      CHECK(same);  // history is identical
    } else if (!touched(m)) {
      CHECK(same);  // untouched meetings stay where they were
    }
    CHECK(same != (changed_pairs.count(ids) > 0));  // a change listed exactly when it changed
  }
  for (const auto& m : after.meetings) {
    if (!old_places.count({m.startup, m.investor})) {
      CHECK(changed_pairs.count({changed.startups[std::size_t(m.startup)].id,
                                 changed.investors[std::size_t(m.investor)].id}));
      CHECK(m.revision == after.revision);
    }
  }
  // The file says the same.
  CHECK(read_schedule_json(write_schedule_json(changed, after), "s.json", changed) == after);
}

}  // namespace

TEST_CASE("reschedule: an investor cancelled at mid-event") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    Event e = small_event(seed);
    const Schedule before = schedule_meetings(e);
    const Index now = Index(e.slots.size() / 2);
    const Index gone = Index(seed % e.investors.size());
    e.investors[std::size_t(gone)].status = Status::cancelled;
    const Schedule after = reschedule(e, before, {.now = e.slots[std::size_t(now)].id});
    const std::int64_t t = e.slots[std::size_t(now)].start_utc;
    std::set<Index> partners;
    for (const auto& m : before.meetings)
      if (m.investor == gone) partners.insert(m.startup);
    check_reschedule(e, before, after, now, [&](const Meeting& m) {
      return m.investor == gone || partners.count(m.startup);
    });
    for (const auto& m : after.meetings)
      if (m.investor == gone) CHECK(e.slots[std::size_t(m.slot)].start_utc < t);  // history only
    for (const auto& c : after.changes)
      if (c.investor == e.investors[std::size_t(gone)].id && c.kind == ChangeKind::cancelled)
        CHECK(c.reason == "investor " + c.investor + " is cancelled");
  }
}

TEST_CASE("reschedule: a startup cancelled, a startup unavailable, tables reduced, a newcomer") {
  for (std::uint64_t seed = 11; seed <= 14; ++seed) {
    INFO("seed " << seed);
    const Event original = small_event(seed);
    const Schedule before = schedule_meetings(original);
    const Index now = Index(original.slots.size() / 3);

    Event cancelled = original;
    cancelled.startups[0].status = Status::cancelled;
    check_reschedule(cancelled, before,
                     reschedule(cancelled, before, {.now = original.slots[std::size_t(now)].id}),
                     now, [&](const Meeting& m) { return m.startup == 0; });

    Event away = original;  // startup 1 can come to no later slot
    away.startups[1].availability = {Availability::Kind::available, {}};
    for (Index t = 0; t < now; ++t) away.startups[1].availability.slots.push_back(t);
    const Schedule after_away =
        reschedule(away, before, {.now = original.slots[std::size_t(now)].id});
    check_reschedule(away, before, after_away, now,
                     [&](const Meeting& m) { return m.startup == 1; });
    for (const auto& c : after_away.changes)
      if (c.startup == away.startups[1].id) {
        CHECK(c.kind == ChangeKind::cancelled);
        CHECK(c.reason == "startup " + c.startup + " is not available");
      }

    Event fewer = original;  // the last slot keeps one table
    fewer.slots.back().tables = 1;
    fewer.reindex();
    check_reschedule(fewer, before,
                     reschedule(fewer, before, {.now = original.slots[std::size_t(now)].id}), now,
                     [&](const Meeting& m) { return m.slot == Index(fewer.slots.size() - 1); });

    Event grown = original;  // a late registrant: placed without moving anyone
    Startup late = grown.startups[2];
    late.id = "late";
    late.name = "Late Registrant";
    grown.startups.push_back(late);
    grown.reindex();
    const Schedule after_grown =
        reschedule(grown, before, {.now = original.slots[std::size_t(now)].id});
    check_reschedule(grown, before, after_grown, now, [](const Meeting&) { return false; });
    for (const auto& c : after_grown.changes) CHECK(c.kind == ChangeKind::added);
  }
}

TEST_CASE("reschedule: compact agendas pack the new meetings around history and kept ones") {
  // The same pairs with both agendas; compaction counts the meetings that stay in each agenda,
  // so the whole schedule's idle slots and days are never worse than spread, and better overall.
  double idle_compact = 0, idle_spread = 0;
  for (std::uint64_t seed = 11; seed <= 14; ++seed) {
    INFO("seed " << seed);
    const Event original = small_event(seed);
    const Schedule before = schedule_meetings(original);
    const Index now = Index(original.slots.size() / 3);
    Event changed = original;
    for (const Index i : {1, 5, 9}) changed.investors[std::size_t(i)].status = Status::cancelled;
    RescheduleOptions o{.now = original.slots[std::size_t(now)].id};
    const Schedule compact = reschedule(changed, before, o);
    o.schedule.agenda = Agenda::spread;
    const Schedule spread = reschedule(changed, before, o);
    check_reschedule(changed, before, compact, now, [&](const Meeting& m) {
      return m.investor == 1 || m.investor == 5 || m.investor == 9;
    });
    CHECK(compact.stats.objective == doctest::Approx(spread.stats.objective).epsilon(1e-12));
    CHECK(compact.stats.idle_slots <= spread.stats.idle_slots + 1e-12);
    CHECK(compact.stats.days_attended <= spread.stats.days_attended + 1e-12);
    idle_compact += compact.stats.idle_slots;
    idle_spread += spread.stats.idle_slots;
  }
  CHECK(idle_compact < idle_spread);
}

TEST_CASE("reschedule: nothing changed, nothing moves, and an unknown --now is an input error") {
  const Event e = small_event(3);
  const Schedule before = schedule_meetings(e);
  const Schedule after = reschedule(e, before, {.now = e.slots[4].id});
  CHECK(after.changes.empty());
  CHECK(places(after) == places(before));
  CHECK(after.stats.objective == doctest::Approx(before.stats.objective));
  CHECK(after.stats.upper_bound + 1e-9 >= after.stats.objective);
  CHECK_THROWS_AS(reschedule(e, before, {.now = "d9-9999"}), InputError);
}

TEST_CASE("reschedule: with scarce tables the bound stays tight (a closed slot has no tables)") {
  for (std::uint64_t seed = 21; seed <= 23; ++seed) {
    INFO("seed " << seed);
    Event e = small_event(seed);
    for (auto& slot : e.slots) slot.tables = 3;  // tables bind: the bound prices them
    e.reindex();
    const Schedule before = schedule_meetings(e);
    e.investors[2].status = Status::cancelled;
    const Index now = Index(e.slots.size() / 2);
    const Schedule after = reschedule(e, before, {.now = e.slots[std::size_t(now)].id});
    check_reschedule(e, before, after, now, [&](const Meeting&) { return true; });
  }
}

namespace {

// The event with a row deleted, as an organiser deletes it from the event file: what refers to
// it goes too, the indices after it move down.
Event without(Event e, Side side, Index k) {
  if (side == Side::startup)
    e.startups.erase(e.startups.begin() + k);
  else
    e.investors.erase(e.investors.begin() + k);
  auto fix = [&](auto& v) {
    auto who = [&](auto& x) -> auto& {
      return side == Side::startup ? x.startup : x.investor;
    };
    std::erase_if(v, [&](auto& x) { return who(x) == k; });
    for (auto& x : v)
      if (who(x) > k) --who(x);
  };
  fix(e.requests);
  fix(e.blocked);
  fix(e.pinned);
  e.reindex();
  return e;
}
Event without_last_slot(Event e) {
  const Index last = Index(e.slots.size() - 1);
  e.slots.pop_back();
  auto fix = [&](Availability& a) { std::erase(a.slots, last); };
  for (auto& s : e.startups) fix(s.availability);
  for (auto& i : e.investors) fix(i.availability);
  std::erase_if(e.pinned, [&](const PinnedMeeting& p) { return p.slot == last; });
  e.reindex();
  return e;
}
Event without_last_table(Event e) {
  const Index last = Index(e.tables.size() - 1);
  e.tables.pop_back();
  for (auto& s : e.slots)
    if (s.tables && *s.tables > int(last)) s.tables = int(last);
  for (auto& i : e.investors)
    if (i.table == last) i.table.reset();
  for (auto& p : e.pinned)
    if (p.table == last) p.table.reset();
  e.reindex();
  return e;
}

// The published schedule of `original` re-scheduled on `edited` as festmatch reschedule does it:
// the event completed with what the file names and it lacks, the file read with every table
// open. Checks the result as check_reschedule does, and that an export of it (the event
// completed from its history only) passes the validator. Returns the completed event and the
// previous and new schedules in its indices.
struct Departure {
  Event full;
  Departed gone;
  Schedule before, after;
};
Departure reschedule_departed(const Event& original, const Event& edited, const Schedule& first,
                              Index now, const std::function<bool(const Meeting&)>& touched) {
  Departure d;
  const std::string published = write_schedule_json(original, first);
  ScheduleIds ids = read_schedule_ids(published, "s.json");
  ids.now = original.slots[std::size_t(now)].start;
  d.full = with_departed(edited, ids, &d.gone);
  Event open = d.full;
  for (Slot& s : open.slots) s.tables.reset();
  d.before = read_schedule_json(published, "s.json", open);
  RescheduleOptions options;
  options.now = original.slots[std::size_t(now)].id;
  options.departed = d.gone;
  d.after = reschedule(d.full, d.before, options);
  // check_shortfalls holds against the event an export completes (below), where a departed
  // participant left without meetings is not.
  check_reschedule(d.full, d.before, d.after, now, touched);
  const std::string text = write_schedule_json(d.full, d.after);
  const ScheduleIds written = read_schedule_ids(text, "new.json");
  const Event exported = with_departed(edited, history_meetings(edited, written));
  const Schedule again = read_schedule_json(text, "new.json", exported);
  const auto check = check_schedule(exported, again);
  CHECK(check.violations == std::vector<std::string>{});
  CHECK(check_shortfalls(exported, again) == std::vector<std::string>{});
  CHECK(check.objective == doctest::Approx(d.after.stats.objective));
  return d;
}

// Reasons of the changes that touch `id` (a startup, investor, slot or table id).
void check_reasons(const Schedule& after, const std::string& reason,
                   const std::function<bool(const Change&)>& about) {
  std::size_t n = 0;
  for (const auto& c : after.changes) {
    if (!about(c) || c.kind == ChangeKind::added) continue;
    INFO(c.startup << " with " << c.investor << " from " << c.from_slot);
    CHECK(c.reason == reason);
    ++n;
  }
  CHECK(n > 0);
}

}  // namespace

TEST_CASE("reschedule: an investor and a startup deleted from the event file, history kept") {
  for (std::uint64_t seed = 31; seed <= 33; ++seed) {
    INFO("seed " << seed);
    const Event original = small_event(seed);
    const Schedule first = schedule_meetings(original);
    const Index now = Index(original.slots.size() / 2);
    const std::int64_t t = original.slots[std::size_t(now)].start_utc;
    // The first participant with meetings before and after now.
    auto pick = [&](auto side_of) {
      for (Index k = 0;; ++k) {
        bool past = false, later = false;
        for (const auto& m : first.meetings)
          if (side_of(m) == k)
            (original.slots[std::size_t(m.slot)].start_utc < t ? past : later) = true;
        if (past && later) return k;
      }
    };
    const Index inv = pick([](const Meeting& m) { return m.investor; });
    const std::string inv_id = original.investors[std::size_t(inv)].id;
    const Event no_investor = without(original, Side::investor, inv);
    REQUIRE(!no_investor.investor_index.count(inv_id));
    std::set<Index> partners;
    for (const auto& m : first.meetings)
      if (m.investor == inv) partners.insert(m.startup);
    const Index placeholder = Index(no_investor.investors.size());  // appended last
    const auto d = reschedule_departed(original, no_investor, first, now, [&](const Meeting& m) {
      return m.investor == placeholder || partners.count(m.startup);
    });
    CHECK(d.gone == Departed{.investors = {inv_id}});
    REQUIRE(d.full.investors.size() == original.investors.size());
    CHECK(d.full.investors.back().id == inv_id);
    CHECK(d.full.investors.back().status == Status::cancelled);
    std::size_t history = 0;
    for (const auto& m : d.after.meetings)
      if (m.investor == placeholder) {
        CHECK(d.full.slots[std::size_t(m.slot)].start_utc < t);
        ++history;
      }
    CHECK(history > 0);
    check_reasons(d.after, "investor " + inv_id + " was removed from the event",
                  [&](const Change& c) { return c.investor == inv_id; });

    const Index st = pick([](const Meeting& m) { return m.startup; });
    const std::string st_id = original.startups[std::size_t(st)].id;
    const Event no_startup = without(original, Side::startup, st);
    const Index st_placeholder = Index(no_startup.startups.size());
    std::set<Index> investors;
    for (const auto& m : first.meetings)
      if (m.startup == st) investors.insert(m.investor);
    const auto e = reschedule_departed(original, no_startup, first, now, [&](const Meeting& m) {
      return m.startup == st_placeholder || investors.count(m.investor);
    });
    CHECK(e.gone == Departed{.startups = {st_id}});
    check_reasons(e.after, "startup " + st_id + " was removed from the event",
                  [&](const Change& c) { return c.startup == st_id; });
  }
}

TEST_CASE("reschedule: a later slot and a table deleted from the event file") {
  for (std::uint64_t seed = 41; seed <= 43; ++seed) {
    INFO("seed " << seed);
    Event original = small_event(seed);
    original.tables.resize(4);  // few tables, so that the last one is used
    for (auto& i : original.investors)
      if (i.table && *i.table >= 4) i.table.reset();
    for (auto& p : original.pinned)
      if (p.table && *p.table >= 4) p.table.reset();
    for (auto& s : original.slots)
      if (s.tables && *s.tables > 4) s.tables = 4;
    original.reindex();
    const Schedule first = schedule_meetings(original);
    const Index now = Index(original.slots.size() / 2);
    const Index last_slot = Index(original.slots.size() - 1);
    const std::string slot_id = original.slots.back().id;
    const auto d = reschedule_departed(original, without_last_slot(original), first, now,
                                       [&](const Meeting&) { return true; });
    CHECK(d.gone == Departed{.slots = {slot_id}});
    CHECK(d.full.slots.back().start == original.slots.back().start);
    CHECK(d.full.slots.back().minutes == original.slots.back().minutes);
    CHECK(d.full.slot_tables(last_slot) == 0);
    for (const auto& m : d.after.meetings) CHECK(m.slot != last_slot);
    check_reasons(d.after, "slot " + slot_id + " was removed from the event",
                  [&](const Change& c) { return c.from_slot == slot_id; });

    const Index last_table = Index(original.tables.size() - 1);
    const std::string table_id = original.tables.back();
    const auto e = reschedule_departed(original, without_last_table(original), first, now,
                                       [&](const Meeting&) { return true; });
    CHECK(e.gone == Departed{.tables = {table_id}});
    const std::int64_t t = original.slots[std::size_t(now)].start_utc;
    std::size_t kept = 0;
    for (const auto& m : e.after.meetings)
      if (m.table == last_table) {
        CHECK(e.full.slots[std::size_t(m.slot)].start_utc < t);  // history only
        ++kept;
      }
    CHECK(kept > 0);
    check_reasons(e.after, "table " + table_id + " was removed from the event",
                  [&](const Change& c) { return c.from_table == table_id; });
  }
}

TEST_CASE("reschedule: --move-cost moves a kept meeting only where that gains more") {
  // A late registrant who can come to one slot only, where the investor it asks for already
  // meets a kept partner: moving that kept meeting to another slot both of its sides have free
  // makes room. It happens with a move cost below the gain, and never by default or above it.
  int moves_seen = 0, cases = 0;
  for (std::uint64_t seed = 11; seed <= 14; ++seed) {
    INFO("seed " << seed);
    const Event original = small_event(seed);
    const Schedule before = schedule_meetings(original);
    const Index now = Index(original.slots.size() / 3);
    const std::string now_id = original.slots[std::size_t(now)].id;
    for (const Meeting& kept : before.meetings) {
      if (kept.slot < now + 2 || kept.startup % 3 != 0) continue;  // a later meeting, a few
      Event grown = original;
      Startup late = grown.startups[std::size_t(kept.startup)];  // eligible with the investor
      late.id = "late";
      late.availability = {Availability::Kind::available, {kept.slot}};
      late.max_meetings = 1;
      grown.startups.push_back(late);
      for (Index i = 0; i < Index(grown.investors.size()); ++i)  // the investor or nobody
        if (i != kept.investor)
          grown.blocked.push_back({Index(grown.startups.size() - 1), i, "another sector"});
      if (auto& cap = grown.investors[std::size_t(kept.investor)].max_meetings) ++*cap;  // room
      grown.requests.push_back(
          {Index(grown.startups.size() - 1), kept.investor, Side::startup, Priority::must});
      grown.reindex();
      ++cases;
      const Schedule fixed = reschedule(grown, before, {.now = now_id});
      const Schedule moving = reschedule(grown, before, {.now = now_id, .move_cost = 0.0});
      const Schedule dear = reschedule(grown, before, {.now = now_id, .move_cost = 1e6});
      check_reschedule(grown, before, fixed, now, [](const Meeting&) { return false; });
      // A move is a change of the kept meeting, so every pair may be touched.
      check_reschedule(grown, before, moving, now, [](const Meeting&) { return true; });
      check_reschedule(grown, before, dear, now, [](const Meeting&) { return false; });
      CHECK(places(dear) == places(fixed));
      CHECK(dear.stats.upper_bound + 1e-9 >= dear.stats.objective);
      // What a move pays for: every one gains more than it costs, and the kept pairs all meet.
      int moved = 0;
      for (const auto& c : moving.changes)
        if (c.kind == ChangeKind::moved) {
          ++moved;
          CHECK(c.reason.rfind("moved to make room for ", 0) == 0);
        } else {
          CHECK(c.kind == ChangeKind::added);
        }
      CHECK(moving.stats.objective >= fixed.stats.objective - 1e-9);
      if (moved > 0) CHECK(moving.stats.objective > fixed.stats.objective + 1e-9);
      for (const Meeting& m : fixed.meetings)
        CHECK(std::any_of(moving.meetings.begin(), moving.meetings.end(), [&](const Meeting& x) {
          return x.startup == m.startup && x.investor == m.investor;
        }));
      const bool late_meets_fixed = std::any_of(
          fixed.meetings.begin(), fixed.meetings.end(),
          [&](const Meeting& m) { return grown.startups[std::size_t(m.startup)].id == "late"; });
      if (moved > 0) {
        ++moves_seen;
        CHECK_FALSE(late_meets_fixed);
        const std::string why =
            "moved to make room for late with " + grown.investors[std::size_t(kept.investor)].id;
        CHECK(std::any_of(moving.changes.begin(), moving.changes.end(),
                          [&](const Change& c) { return c.reason == why; }));
      }
      if (moved > 0) break;  // one move per event
    }
  }
  MESSAGE(moves_seen << " of " << cases << " late registrants met by moving a kept meeting");
  CHECK(moves_seen >= 3);  // the case is not vacuous
}

TEST_CASE("reschedule: a negative or NaN move cost is an input error") {
  const Event e = small_event(3);
  const Schedule before = schedule_meetings(e);
  CHECK_THROWS_AS(reschedule(e, before, {.now = e.slots[4].id, .move_cost = -1.0}), InputError);
  CHECK_THROWS_AS(
      reschedule(e, before,
                 {.now = e.slots[4].id, .move_cost = std::numeric_limits<double>::quiet_NaN()}),
      InputError);
}
