// Re-scheduling (scheduler/reschedule.hpp): for each kind of change on generated events, the
// validator passes, history is identical, meetings the change does not touch stay exactly where
// they were, and `changes` lists every meeting that moved, was cancelled or was added, and
// nothing else.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "festmatch/generate/generate.hpp"
#include "festmatch/scheduler/reschedule.hpp"
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
