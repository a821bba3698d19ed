// festmatch tests — tiny random events and their exhaustive optimum, shared by the exhaustive
// tests of the scheduler (unit-scheduler.cpp) and of re-scheduling
// (unit-reschedule-exhaustive.cpp): random_tiny makes an event of a few startups, investors and
// slots with its own random scores, and brute_force_optimum enumerates every valid schedule of it,
// judging the rules (pins included) itself, apart from the scheduler. Tests include it as
// "brute_force.hpp".
//
//   const festmatch::test::Tiny x = festmatch::test::random_tiny(seed);
//   const double best = festmatch::test::brute_force_optimum(x, x.event.options.fairness_weight);
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/validator/detail/pair_rules.hpp"

namespace festmatch::test {

using EligibleMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;

struct Tiny {
  Event event;
  Eigen::MatrixXd score;
  EligibleMatrix eligible;
};

// "2023-09-18T09:00+07:00" plus `minutes`.
inline std::string nine_plus(int minutes) {
  const int m = 9 * 60 + minutes;
  char text[32];
  std::snprintf(text, sizeof text, "2023-09-18T%02d:%02d+07:00", m / 60, m % 60);
  return text;
}

// The modes rule as these tests read it, written here rather than taken from the scheduler.
inline bool modes_ok(Mode startup, Mode investor) {
  return !((startup == Mode::online && investor == Mode::in_person) ||
           (startup == Mode::in_person && investor == Mode::online));
}
// Availability, a slot's tables and a startup's minimum as the validator reads them, apart from
// the scheduler (validator/detail/pair_rules.hpp).
using detail::validator::available;
using detail::validator::minimum_of;
using detail::validator::tables_in;

// A random tiny event with its own random scores (independent of the scoring model), with 0–2
// random pins that may break a rule. Its slots follow each other (20 minutes every 30), or with
// `overlapping` start every 0–50 minutes and last 10–40, so that many share an instant.
inline Tiny random_tiny(std::uint64_t seed, int max_s = 4, int max_i = 3, int max_t = 4,
                        bool overlapping = false) {
  detail::SplitMix64 rng(seed);
  auto coin = [&](int percent) { return int(rng.below(100)) < percent; };
  Tiny x;
  Event& e = x.event;
  const int S = 2 + int(rng.below(std::uint32_t(max_s - 1)));
  const int I = 2 + int(rng.below(std::uint32_t(max_i - 1)));
  int T = 2 + int(rng.below(std::uint32_t(max_t - 1)));
  if (S * I > 9) T = std::min(T, 3);
  const int NT = 1 + int(rng.below(2));
  for (int k = 0; k < NT; ++k) e.tables.push_back("T" + std::to_string(k + 1));
  for (int t = 0; t < T; ++t) {
    Slot sl{.id = "t" + std::to_string(t), .start = nine_plus(30 * t), .minutes = 20};
    if (coin(25)) sl.tables = int(rng.below(std::uint32_t(NT + 1)));
    if (overlapping) {
      sl.start = nine_plus(10 * int(rng.below(6)));
      sl.minutes = 10 * (1 + int(rng.below(4)));
    }
    e.slots.push_back(sl);
  }
  auto availability = [&] {
    Availability a;
    if (coin(40)) {
      a.kind = Availability::Kind::available;
      for (int t = 0; t < T; ++t)
        if (coin(65)) a.slots.push_back(t);
    }
    return a;
  };
  auto mode = [&] {
    const int r = int(rng.below(100));
    return r < 70 ? Mode::in_person : r < 85 ? Mode::online : Mode::both;
  };
  e.sectors = {"x"};
  for (int s = 0; s < S; ++s) {
    Startup st{
        .id = "s" + std::to_string(s), .name = "S" + std::to_string(s), .sectors = {{0, 1.0}}};
    if (coin(40)) st.max_meetings = 1 + int(rng.below(3));
    if (coin(20)) st.min_meetings = int(rng.below(3));
    st.availability = availability();
    st.mode = mode();
    e.startups.push_back(st);
  }
  const char* orgs[] = {"", "A", "B"};
  for (int i = 0; i < I; ++i) {
    Investor inv{
        .id = "i" + std::to_string(i), .name = "I" + std::to_string(i), .sectors = {{0, 1.0}}};
    inv.organisation = orgs[rng.below(3)];
    if (coin(40)) inv.max_meetings = 1 + int(rng.below(3));
    inv.availability = availability();
    inv.mode = mode();
    if (inv.mode != Mode::online && coin(25)) inv.table = Index(rng.below(std::uint32_t(NT)));
    e.investors.push_back(inv);
  }
  e.options.one_per_organisation = coin(50);
  e.options.min_meetings = int(rng.below(3));
  const double fws[] = {0.0, 0.5, 1.0};
  e.options.fairness_weight = fws[rng.below(3)];
  x.score.resize(S, I);
  x.eligible.resize(S, I);
  for (int s = 0; s < S; ++s)
    for (int i = 0; i < I; ++i) {
      x.score(s, i) = double(rng.below(1500)) / 1000.0;
      const bool modes =
          modes_ok(e.startups[std::size_t(s)].mode, e.investors[std::size_t(i)].mode);
      x.eligible(s, i) = modes && coin(70) ? 1 : 0;
    }
  if (coin(20)) {
    const Index s = Index(rng.below(std::uint32_t(S))), i = Index(rng.below(std::uint32_t(I)));
    e.blocked.push_back({s, i, "competitor"});
    x.eligible(s, i) = 0;
  }
  const int pins = int(rng.below(3));
  for (int k = 0; k < pins; ++k)
    e.pinned.push_back({Index(rng.below(std::uint32_t(S))), Index(rng.below(std::uint32_t(I))),
                        Index(rng.below(std::uint32_t(T)))});
  e.reindex();
  return x;
}

// random_tiny without its pins when the scheduler finds they break a rule (for events too large
// for the brute force, which judges pins itself).
inline Tiny feasible_tiny(std::uint64_t seed, int max_s, int max_i, int max_t,
                          bool overlapping = false) {
  Tiny x = random_tiny(seed, max_s, max_i, max_t, overlapping);
  try {
    (void)detail::scheduler::build_problem(x.event, x.score, x.eligible, 1.0, 1);
  } catch (const InfeasibleError&) {
    x.event.pinned.clear();
  }
  return x;
}

// The best objective of every valid schedule, or -1 when the pins break a rule (none holds them
// all), by depth-first search: pins first (their slot fixed), then each other
// eligible pair (no meeting, or a slot and, in person, a table). Clock time is computed here: two
// slots clash when they are one slot or their [start, start + minutes) intervals meet, and
// nobody and no table (a fixed table is held by any meeting of its investor) is in two clashing
// meetings. Meetings other than pins go only to slots that start at `open_from` or later (the
// slots before it closed, as for re-scheduling); pins go to their slot whenever it starts. The
// meetings `movable` meet in any such slot, less `move_cost` when not at their own slot and table
// (a re-schedule's kept meetings with a move cost).
inline double brute_force_optimum(const Tiny& x, double fw,
                                  std::int64_t open_from = std::numeric_limits<std::int64_t>::min(),
                                  const std::vector<PinnedMeeting>& movable = {},
                                  double move_cost = 0.0) {
  const Event& e = x.event;
  const int S = int(e.startups.size()), I = int(e.investors.size()), T = int(e.slots.size());
  const int NT = int(e.tables.size());
  std::vector<std::vector<char>> clash(std::size_t(T), std::vector<char>(std::size_t(T), 0));
  for (int t = 0; t < T; ++t)
    for (int u = 0; u < T; ++u) {
      const auto &a = e.slots[std::size_t(t)], &b = e.slots[std::size_t(u)];
      clash[std::size_t(t)][std::size_t(u)] =
          t == u || (a.start_utc < b.start_utc + 60 * b.minutes &&
                     b.start_utc < a.start_utc + 60 * a.minutes);
    }
  // table_at: in-person meetings at a table; fixed_at: meetings (any mode) of the investors
  // whose fixed table it is.
  std::vector<int> busy_s(std::size_t(S * T), 0), busy_i(std::size_t(I * T), 0),
      table_at(std::size_t(T * std::max(NT, 1)), 0), fixed_at(table_at.size(), 0),
      cnt_s(std::size_t(S), 0), cnt_i(std::size_t(I), 0);
  std::vector<std::vector<std::string>> orgs(static_cast<std::size_t>(S));
  std::vector<std::vector<char>> pinned_pair(std::size_t(S), std::vector<char>(std::size_t(I), 0));
  auto online_of = [&](int s, int i) {
    const Mode a = e.startups[std::size_t(s)].mode, b = e.investors[std::size_t(i)].mode;
    return a == Mode::online || b == Mode::online;
  };
  auto free_at = [&](const std::vector<int>& busy, int who, int t) {
    for (int u = 0; u < T; ++u)
      if (clash[std::size_t(t)][std::size_t(u)] && busy[std::size_t(who * T + u)]) return false;
    return true;
  };
  auto table_free = [&](const std::vector<int>& at, int k, int t) {
    for (int u = 0; u < T; ++u)
      if (clash[std::size_t(t)][std::size_t(u)] && at[std::size_t(u * NT + k)]) return false;
    return true;
  };
  auto take = [&](int s, int i, int t, int table, int d) {
    busy_s[std::size_t(s * T + t)] += d;
    busy_i[std::size_t(i * T + t)] += d;
    if (table >= 0) table_at[std::size_t(t * NT + table)] += d;
    if (const auto& fixed = e.investors[std::size_t(i)].table)
      fixed_at[std::size_t(t * NT + *fixed)] += d;
    cnt_s[std::size_t(s)] += d;
    cnt_i[std::size_t(i)] += d;
    const auto& o = e.investors[std::size_t(i)].organisation;
    if (e.options.one_per_organisation && !o.empty()) {
      if (d > 0)
        orgs[std::size_t(s)].push_back(o);
      else
        orgs[std::size_t(s)].erase(
            std::find(orgs[std::size_t(s)].begin(), orgs[std::size_t(s)].end(), o));
    }
  };
  struct Item {
    int s, i, slot;  // slot -1: any
    std::optional<Index> table;
    const PinnedMeeting* home = nullptr;  // a movable meeting's own slot and table
  };
  std::vector<Item> items;
  for (const auto& p : e.pinned) {
    for (const auto& b : e.blocked)
      if (b.startup == p.startup && b.investor == p.investor) return -1.0;          // a blocked pin
    if (pinned_pair[std::size_t(p.startup)][std::size_t(p.investor)]) return -1.0;  // pinned twice
    if (!modes_ok(e.startups[std::size_t(p.startup)].mode,
                  e.investors[std::size_t(p.investor)].mode))
      return -1.0;
    items.push_back({p.startup, p.investor, p.slot, p.table});
    pinned_pair[std::size_t(p.startup)][std::size_t(p.investor)] = 1;
  }
  for (const auto& m : movable) {
    if (pinned_pair[std::size_t(m.startup)][std::size_t(m.investor)]) return -1.0;
    items.push_back({m.startup, m.investor, -1, {}, &m});
    pinned_pair[std::size_t(m.startup)][std::size_t(m.investor)] = 1;
  }
  const std::size_t pins = items.size();
  for (int s = 0; s < S; ++s)
    for (int i = 0; i < I; ++i)
      if (x.eligible(s, i) && !pinned_pair[std::size_t(s)][std::size_t(i)])
        items.push_back({s, i, -1, {}});
  auto value = [&] {
    double v = 0.0;
    for (int s = 0; s < S; ++s) v += fw * std::min(cnt_s[std::size_t(s)], minimum_of(e, Index(s)));
    return v;
  };
  double best = -1.0;
  std::function<void(std::size_t, double)> dfs = [&](std::size_t k, double acc) {
    if (k == items.size()) {
      best = std::max(best, acc + value());
      return;
    }
    if (k >= pins) dfs(k + 1, acc);
    const auto [s, i, slot, pin_table, home] = items[k];
    const auto& st = e.startups[std::size_t(s)];
    const auto& inv = e.investors[std::size_t(i)];
    if (st.max_meetings && cnt_s[std::size_t(s)] >= *st.max_meetings) return;
    if (inv.max_meetings && cnt_i[std::size_t(i)] >= *inv.max_meetings) return;
    if (e.options.one_per_organisation && !inv.organisation.empty() &&
        std::find(orgs[std::size_t(s)].begin(), orgs[std::size_t(s)].end(), inv.organisation) !=
            orgs[std::size_t(s)].end())
      return;
    const bool online = online_of(s, i);
    for (int t = 0; t < T; ++t) {
      if (slot >= 0 && t != slot) continue;
      if (slot < 0 && e.slots[std::size_t(t)].start_utc < open_from) continue;
      if (!available(st.availability, t) || !available(inv.availability, t)) continue;
      if (!free_at(busy_s, s, t) || !free_at(busy_i, i, t)) continue;
      if (inv.table && !table_free(fixed_at, int(*inv.table), t)) continue;
      for (int table = online ? -1 : 0; table < (online ? 0 : tables_in(e, t)); ++table) {
        if (table >= 0 && ((inv.table && table != int(*inv.table)) ||
                           (pin_table && table != *pin_table) || !table_free(table_at, table, t)))
          continue;
        const bool moved =
            home && (t != home->slot || (table >= 0 ? std::optional<Index>(table)
                                                    : std::optional<Index>()) != home->table);
        take(s, i, t, table, 1);
        dfs(k + 1, acc + x.score(s, i) - (moved ? move_cost : 0.0));
        take(s, i, t, table, -1);
      }
    }
  };
  dfs(0, 0.0);
  return best;
}

}  // namespace festmatch::test
