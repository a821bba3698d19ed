// festmatch — scheduler internals: why a request is not in the schedule.
//
// For each request (Event::requests) whose pair is not scheduled, the first reason that holds,
// checked in this order, stated so an organiser can act on it:
//   1. the pair is ineligible (the scoring rule that excludes it, from Scorer::explain);
//   2. the organisation rule (the startup already meets another investor of that organisation);
//   3. no slot where both are available / free of pinned meetings / with a table;
//   4. the investor's (then the startup's) meetings are all taken, naming how many are with
//      better-scoring pairs, pinned, or kept for fairness or to fit the slots;
//   5. they have capacity but no common slot is still free in the final schedule.
// Cost O(R·(T + max_meetings)) for R requests, plus one explain per ineligible request.
//
// shortfalls(): every startup below its minimum and every participant with no meeting, with the
// first reason that holds, checked in this order:
//   1. its max_meetings is 0, or it is available in no slot;
//   2. it has reached its own limit (max_meetings, or every slot it is free in is used);
//   3. no eligible counterpart: how many are excluded by each scoring rule (min_score, no common
//      sector, languages, modes, blocked), from one pass of the scoring kernel when needed;
//   4. it already meets every eligible counterpart, or none of the others is available in a
//      slot when it is;
//   5. every common slot holds a pinned meeting or has no table left for an in-person meeting;
//   6. the organisation rule (a startup already meets every such counterpart's organisation);
//   7. every eligible counterpart it could meet is fully booked, naming how many of them only
//      with better-scoring or pinned pairs;
//   8. no common slot is still free (both unbooked, a table left) in the final schedule;
//   9. otherwise the search left it short although a meeting still fits (named).
// Cost O((S + I)·T + M) plus O(I·T) per startup and O(S·T) per investor that is short, plus one
// scoring pass when some participant has no eligible counterpart.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "festmatch/scheduler/detail/problem.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scoring/detail/scoring_model.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/detail/pair_key.hpp"
#include "festmatch/util/detail/parallel.hpp"

namespace festmatch::detail::scheduler {

inline std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// `meetings` is the final schedule (pinned included). `score(s, i)` and `eligible(s, i)` are
// asked for requested pairs only: the matrices, or a re-schedule's own lookups; `scorer`, when
// given, is the event's, for the ineligible pairs' reasons.
template <class Score, class Eligible>
std::vector<UnmetRequest> unmet_requests(const Problem& p, const Score& score,
                                         const Eligible& eligible,
                                         const std::vector<Meeting>& meetings,
                                         const Scorer* scorer = nullptr) {
  const Event& e = *p.event;
  std::unordered_set<std::uint64_t> scheduled;
  std::vector<std::vector<const Meeting*>> of_s(std::size_t(p.S)), of_i(std::size_t(p.I));
  for (const auto& m : meetings) {
    scheduled.insert(pair_key(m.startup, m.investor));
    of_s[std::size_t(m.startup)].push_back(&m);
    of_i[std::size_t(m.investor)].push_back(&m);
  }
  // The requests not met; an ineligible one is explained by the event's scorer.
  std::vector<const Request*> todo;
  bool any_ineligible = false;
  for (const auto& r : e.requests) {
    if (r.startup < 0 || r.startup >= p.S || r.investor < 0 || r.investor >= p.I) continue;
    if (scheduled.count(pair_key(r.startup, r.investor))) continue;
    todo.push_back(&r);
    any_ineligible =
        any_ineligible || !eligible(r.startup, r.investor) ||
        !modes_can_meet(p.s_mode[std::size_t(r.startup)], p.i_mode[std::size_t(r.investor)]);
  }
  std::optional<Scorer> own_scorer;
  if (any_ineligible && !scorer) scorer = &own_scorer.emplace(e);
  const auto W = std::size_t(p.W);
  // Each request's reason reads shared state only: they are found in parallel.
  std::vector<UnmetRequest> out(todo.size());
  parallel_blocks<char>(Index(todo.size()), p.threads, [&](Index k, char&, int) {
    const Request& r = *todo[std::size_t(k)];
    UnmetRequest& u = out[std::size_t(k)];
    const auto& st = e.startups[std::size_t(r.startup)];
    const auto& inv = e.investors[std::size_t(r.investor)];
    u = {.startup = r.startup, .investor = r.investor, .by = r.by, .priority = r.priority};
    if (!eligible(r.startup, r.investor) || !modes_can_meet(st.mode, inv.mode)) {
      auto x = scorer->explain(r.startup, r.investor);
      u.reason = "the pair is ineligible: " +
                 (x.reason.empty() ? std::string("excluded by the scoring rules") : x.reason);
      return;
    }
    const int o = p.org_of[std::size_t(r.investor)];
    if (o >= 0) {
      const Meeting* same = nullptr;
      for (const auto* m : of_s[std::size_t(r.startup)])
        if (p.org_of[std::size_t(m->investor)] == o) same = m;
      if (same) {
        u.reason = "organisation rule: the startup already meets " +
                   e.investors[std::size_t(same->investor)].id + " of " + inv.organisation;
        return;
      }
    }
    const bool online = meets_online(st.mode, inv.mode);
    bool both_available = false, both_free = false;
    for (std::size_t w = 0; w < W; ++w) {
      const std::size_t ws = std::size_t(r.startup) * W + w, wi = std::size_t(r.investor) * W + w;
      both_available = both_available || (p.available_s[ws] & p.available_i[wi]) != 0;
      both_free = both_free || (p.free_s[ws] & p.free_i[wi]) != 0;
    }
    if (!both_available) {
      u.reason = "no slot where both are available";
      return;
    }
    if (!both_free) {
      u.reason = "no slot where both are free: their common slots hold pinned meetings";
      return;
    }
    if (!p.has_common_slot(r.startup, r.investor, online)) {
      u.reason = "no slot where both are free and a table is left for an in-person meeting" +
                 std::string(inv.table ? " at the investor's fixed table " +
                                             e.tables[std::size_t(*inv.table)]
                                       : std::string());
      return;
    }
    auto full_text = [&](const std::vector<const Meeting*>& ms, const char* who,
                         double pair_score) {
      std::size_t better = 0, pinned = 0, other = 0;
      for (const auto* m : ms) {
        if (m->pinned)
          ++pinned;
        else if (m->score >= pair_score)
          ++better;
        else
          ++other;
      }
      const std::string owner = std::string("the ") + who + "'s ";
      if (other == 0)
        return ms.size() == 1 ? owner + "only meeting is with a better-scoring or pinned pair"
                              : owner + std::to_string(ms.size()) +
                                    " meetings are all with better-scoring or pinned pairs";
      std::string text = owner + plural(ms.size(), "meeting is", "meetings are");
      text += " all taken: " + std::to_string(better) + " with better-scoring pairs, " +
              std::to_string(pinned) + " pinned, " + std::to_string(other) +
              " with lower-scoring pairs kept for fairness or to fit the slots";
      return text;
    };
    const double pair_score = score(r.startup, r.investor);
    const auto& mi = of_i[std::size_t(r.investor)];
    const auto& ms = of_s[std::size_t(r.startup)];
    const int cap_i = int(mi.size()) - p.pinned_i[std::size_t(r.investor)];
    const int cap_s = int(ms.size()) - p.pinned_s[std::size_t(r.startup)];
    if (cap_i >= p.cap_i[std::size_t(r.investor)]) {
      u.reason = full_text(mi, "investor", pair_score);
    } else if (cap_s >= p.cap_s[std::size_t(r.startup)]) {
      u.reason = full_text(ms, "startup", pair_score);
    } else {
      u.reason =
          "could not be placed: in every slot where both are available, one of them "
          "already has a meeting or no table is left";
    }
  });
  return out;
}

// What a participant's own max_meetings says of its shortfall (shortfalls() rules 1 and 2): it is
// 0, or its meetings reach it below the minimum; "" when neither holds.
inline std::string own_cap_reason(const std::optional<int>& max_meetings, int meetings,
                                  int minimum) {
  if (max_meetings && *max_meetings <= 0) return "max_meetings is 0";
  if (max_meetings && meetings >= *max_meetings)
    return "its max_meetings " + std::to_string(*max_meetings) + " is below its minimum " +
           std::to_string(minimum);
  return {};
}

// Why the pairs of one participant are ineligible, by scoring rule (see shortfalls()).
struct IneligibleCounts {
  std::array<std::size_t, 6> n{};  // min_score, no common sector, languages, modes, blocked, other
  std::string text(const char* other_side) const {
    static constexpr const char* rule[] = {"by min_score", "by no common sector",
                                           "by languages", "by modes",
                                           "as blocked",   "by the scores given"};
    std::string out = std::string("no eligible ") + other_side + ":";
    bool first = true;
    for (std::size_t k = 0; k < n.size(); ++k) {
      if (n[k] == 0) continue;
      out += (first ? " " : ", ") + std::to_string(n[k]) + (first ? " excluded " : " ") + rule[k];
      first = false;
    }
    return first ? out + " the event has none" : out;
  }
};

// `meetings` is the final schedule (pinned included); a participant with a meeting `outside` the
// problem (problem.hpp) is not without a meeting. See the top of this header.
inline std::vector<Shortfall> shortfalls(const Problem& p, const Eigen::MatrixXd& score,
                                         const EligibleMatrix& eligible,
                                         const std::vector<Meeting>& meetings,
                                         const std::vector<OutsideMeeting>& outside = {}) {
  const Event& e = *p.event;
  const auto S = std::size_t(p.S), I = std::size_t(p.I), T = std::size_t(p.T);
  std::vector<int> count_s(S, 0), count_i(I, 0), inperson(T, 0);
  const auto W = std::size_t(p.W);
  std::vector<std::uint64_t> busy_s(S * W, 0), busy_i(I * W, 0);  // slot masks
  std::set<std::pair<Index, Index>> table_used;                   // (slot, table)
  std::vector<std::vector<const Meeting*>> of_s(S), of_i(I);
  for (const auto& m : meetings) {
    const auto s = std::size_t(m.startup), i = std::size_t(m.investor), t = std::size_t(m.slot);
    ++count_s[s];
    ++count_i[i];
    if (!m.online) ++inperson[t];
    for (const Index u : p.instant[t]) {  // a meeting takes its people and table at its instant
      set_bit(&busy_s[s * W], std::size_t(u));
      set_bit(&busy_i[i * W], std::size_t(u));
      if (m.table) table_used.insert({u, *m.table});
    }
    of_s[s].push_back(&m);
    of_i[i].push_back(&m);
  }
  for (const HeldTable& h : p.held_tables) {
    if (!h.in_person) continue;
    ++inperson[std::size_t(h.slot)];
    for (const Index u : p.instant[std::size_t(h.slot)]) table_used.insert({u, h.table});
  }
  // The participants that are short, each with its side.
  struct Short {
    Side side;
    Index x;
  };
  std::vector<Short> todo;
  std::vector<char> meets_outside_s(S, 0), meets_outside_i(I, 0);
  for (const OutsideMeeting& m : outside) {
    if (m.startup >= 0) meets_outside_s[std::size_t(m.startup)] = 1;
    if (m.investor >= 0) meets_outside_i[std::size_t(m.investor)] = 1;
  }
  for (std::size_t s = 0; s < S; ++s)
    if ((count_s[s] == 0 && !meets_outside_s[s]) || count_s[s] < p.min_s[s])
      todo.push_back({Side::startup, Index(s)});
  for (std::size_t i = 0; i < I; ++i)
    if (count_i[i] == 0 && !meets_outside_i[i]) todo.push_back({Side::investor, Index(i)});
  if (todo.empty()) return {};

  const std::vector<std::uint64_t>&avail_s = p.available_s, &avail_i = p.available_i;
  std::vector<std::uint64_t> table_left(W, 0);  // slots with a table left
  for (std::size_t t = 0; t < T; ++t)
    if (inperson[t] < e.slot_tables(Index(t))) set_bit(table_left.data(), t);

  auto pair_ok = [&](Index s, Index i) {
    return eligible(s, i) != 0 &&
           modes_can_meet(p.s_mode[std::size_t(s)], p.i_mode[std::size_t(i)]);
  };
  // The rules before eligibility: its own max_meetings, no slot, every free slot taken; empty
  // when none applies.
  auto reason_before_eligibility = [&](Side side, Index x) -> std::string {
    const bool is_s = side == Side::startup;
    const std::size_t ux = std::size_t(x);
    const int meetings = is_s ? count_s[ux] : count_i[ux];
    std::string own =
        own_cap_reason(is_s ? e.startups[ux].max_meetings : e.investors[ux].max_meetings, meetings,
                       is_s ? p.min_s[ux] : 0);
    if (!own.empty()) return own;  // (with max_meetings > 0 and no slot, it has no meeting)
    if (popcount_mask(&(is_s ? p.available_s : p.available_i)[ux * std::size_t(p.W)], p.W) == 0)
      return "available in no slot";
    const int slots_free = popcount_mask(is_s ? p.fs(x) : p.fi(x), p.W);
    const int pinned = is_s ? p.pinned_s[ux] : p.pinned_i[ux];
    if (meetings > 0 && meetings >= slots_free + pinned)
      return "it is free in only " + plural(std::size_t(slots_free + pinned), "slot", "slots") +
             " and meets in all of them";
    return {};
  };
  // Rule 3 needs the scoring kernel: one pass for every participant that reaches it without an
  // eligible pair.
  std::vector<IneligibleCounts> why_s(S), why_i(I);
  {
    std::vector<char> need_s(S, 0), need_i(I, 0);
    bool any = false;
    for (const auto& [side, x] : todo) {
      if (!reason_before_eligibility(side, x).empty()) continue;  // rule 3 is not reached
      bool has = false;
      if (side == Side::startup)
        for (Index i = 0; i < p.I && !has; ++i) has = pair_ok(x, i);
      else
        for (Index s = 0; s < p.S && !has; ++s) has = pair_ok(s, x);
      if (!has) (side == Side::startup ? need_s : need_i)[std::size_t(x)] = any = true;
    }
    if (any) {
      std::set<std::pair<Index, Index>> blocked, requested;
      for (const auto& b : e.blocked) blocked.insert({b.startup, b.investor});
      for (const auto& r : e.requests) requested.insert({r.startup, r.investor});
      const Scorer scorer(e);
      const double floor = scorer.model().min_score_floor;
      scorer.for_each_block([&](const ScoreBlock& t) {
        for (Index r = 0; r < t.rows; ++r) {
          const Index s = t.first_startup + r;
          for (Index c = 0; c < t.cols; ++c) {
            const Index i = t.first_investor + c;
            if (!need_s[std::size_t(s)] && !need_i[std::size_t(i)]) continue;
            std::size_t k = 5;
            if (blocked.count({s, i}))
              k = 4;
            else if (!e.options.interpreters && t.language(r, c) < 0.5)
              k = 2;
            else if (!modes_can_meet(e.startups[std::size_t(s)].mode,
                                     e.investors[std::size_t(i)].mode))
              k = 3;
            else if (requested.count({s, i}))
              k = 5;
            else if (!(t.sector(r, c) > 0.0))
              k = 1;
            else if (!(t.base(r, c) >= floor))
              k = 0;
            if (need_s[std::size_t(s)]) ++why_s[std::size_t(s)].n[k];
            if (need_i[std::size_t(i)]) ++why_i[std::size_t(i)].n[k];
          }
        }
      });
    }
  }

  // Each participant's reason reads shared state only: they are found in parallel.
  std::vector<Shortfall> out(todo.size());
  parallel_blocks<char>(Index(todo.size()), p.threads, [&](Index k, char&, int) {
    const Short& item = todo[std::size_t(k)];
    const Side side = item.side;
    const Index x = item.x;
    const bool is_s = side == Side::startup;
    const std::size_t ux = std::size_t(x);
    const char* other = is_s ? "investor" : "startup";
    const std::string others = std::string(other) + "s";
    Shortfall f{.side = side,
                .participant = x,
                .meetings = is_s ? count_s[ux] : count_i[ux],
                .minimum = is_s ? p.min_s[ux] : 0};
    const auto sid = [&](Index j) { return is_s ? x : j; };
    const auto iid = [&](Index j) { return is_s ? j : x; };
    const Index n_other = is_s ? p.I : p.S;
    const auto count_of = [&](Index j) {
      return is_s ? count_i[std::size_t(j)] : count_s[std::size_t(j)];
    };
    const auto id_of = [&](Index j) {
      return is_s ? e.investors[std::size_t(j)].id : e.startups[std::size_t(j)].id;
    };
    std::vector<Index> eligible_js;
    for (Index j = 0; j < n_other; ++j)
      if (pair_ok(sid(j), iid(j))) eligible_js.push_back(j);

    if (std::string first = reason_before_eligibility(side, x); !first.empty()) {
      f.reason = std::move(first);
    } else if (eligible_js.empty()) {
      f.reason = (is_s ? why_s[ux] : why_i[ux]).text(other);
    } else {
      // Narrow the eligible counterparts rule by rule, starting with those it does not meet.
      std::vector<Index> unmet, together, free_common, org_ok, with_room;
      for (Index j : eligible_js) {
        bool met = false;
        for (const auto* m : of_s[std::size_t(sid(j))]) met = met || m->investor == iid(j);
        if (!met) unmet.push_back(j);
      }
      for (Index j : unmet) {
        bool both = false;
        for (std::size_t w = 0; w < W && !both; ++w)
          both = (avail_s[std::size_t(sid(j)) * W + w] & avail_i[std::size_t(iid(j)) * W + w]) != 0;
        if (both) together.push_back(j);
      }
      for (Index j : together) {
        const bool online = meets_online(e.startups[std::size_t(sid(j))].mode,
                                         e.investors[std::size_t(iid(j))].mode);
        if (p.has_common_slot(sid(j), iid(j), online)) free_common.push_back(j);
      }
      for (Index j : free_common) {
        const int o = p.org_of[std::size_t(iid(j))];
        bool clash = false;
        if (o >= 0)
          for (const auto* m : of_s[std::size_t(sid(j))])
            clash = clash || (m->investor != iid(j) && p.org_of[std::size_t(m->investor)] == o);
        if (!clash) org_ok.push_back(j);
      }
      std::size_t only_better = 0;
      for (Index j : org_ok) {
        const std::size_t uj = std::size_t(j);
        const int cap = is_s ? p.cap_i[uj] + p.pinned_i[uj] : p.cap_s[uj] + p.pinned_s[uj];
        if (count_of(j) < cap) {
          with_room.push_back(j);
          continue;
        }
        const double mine = score(sid(j), iid(j));
        bool better = true;
        for (const auto* m : is_s ? of_i[uj] : of_s[uj])
          better = better && (m->pinned || m->score >= mine);
        if (better) ++only_better;
      }
      const std::string n_elig =
          plural(eligible_js.size(), ("eligible " + std::string(other)).c_str(),
                 ("eligible " + others).c_str());
      if (unmet.empty()) {
        f.reason = "it already meets each of its " + n_elig;
      } else if (together.empty()) {
        f.reason = "none of its " + n_elig + " is available in a slot when it is";
      } else if (free_common.empty()) {
        bool pins_only = true;  // with a table everywhere, would a common slot be free?
        for (Index j : together) pins_only = pins_only && !p.has_common_slot(sid(j), iid(j), true);
        f.reason = "the slots it shares with its " + n_elig +
                   (pins_only ? " hold pinned meetings"
                              : " hold pinned meetings or have no table for an in-person meeting "
                                "(the event has " +
                                    plural(e.tables.size(), "table", "tables") + ")");
      } else if (org_ok.empty()) {
        if (is_s)
          f.reason =
              "organisation rule: it already meets the organisation of each of the " +
              plural(free_common.size(), "other eligible investor", "other eligible investors");
        else
          f.reason = "organisation rule: " +
                     plural(free_common.size(), "eligible startup already meets",
                            "eligible startups already meet") +
                     " another investor of " + e.investors[ux].organisation;
      } else if (with_room.empty()) {
        f.reason = "every " + std::string(other) + " it could meet (" +
                   std::to_string(org_ok.size()) + ") is fully booked, " +
                   std::to_string(only_better) +
                   " of them only with better-scoring or pinned pairs";
      } else {
        // A slot where both are unbooked in the final schedule and, in person, a table is left.
        std::string example;
        std::size_t fits = 0;
        for (Index j : with_room) {
          const auto& st = e.startups[std::size_t(sid(j))];
          const auto& inv = e.investors[std::size_t(iid(j))];
          const bool online = meets_online(st.mode, inv.mode);
          const std::size_t js = std::size_t(sid(j)) * W, ji = std::size_t(iid(j)) * W;
          bool found = false;
          for (std::size_t w = 0; w < W && !found; ++w)
            for (std::uint64_t open = avail_s[js + w] & avail_i[ji + w] & ~busy_s[js + w] &
                                      ~busy_i[ji + w] &
                                      (online ? ~std::uint64_t(0) : table_left[w]);
                 open != 0 && !found; open &= open - 1) {
              const std::size_t ut = w * 64 + std::size_t(__builtin_ctzll(open));
              const Index t = Index(ut);
              if (inv.table && table_used.count({t, *inv.table})) continue;
              if (!online && inv.table && *inv.table >= e.slot_tables(t)) continue;
              if (!online && !inv.table && p.overlaps) {
                int k = 0;
                while (k < e.slot_tables(t) && table_used.count({t, Index(k)})) ++k;
                if (k == e.slot_tables(t)) continue;
              }
              if (fits++ == 0) example = id_of(j) + " in slot " + e.slots[ut].id;
              found = true;
            }
        }
        if (fits == 0)
          f.reason =
              "could not fit a common free slot: with each of the " +
              plural(with_room.size(), (std::string(other) + " it could meet that has").c_str(),
                     (others + " it could meet that have").c_str()) +
              " room, every common slot is booked on one side or has no table left";
        else
          f.reason = "the search left it short: a meeting still fits with " +
                     plural(fits, other, others.c_str()) + " (e.g. " + example + ")";
      }
    }
    out[std::size_t(k)] = std::move(f);
  });
  return out;
}

}  // namespace festmatch::detail::scheduler
