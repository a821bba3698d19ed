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
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "festmatch/detail/scheduler_problem.hpp"
#include "festmatch/schedule.hpp"
#include "festmatch/scoring.hpp"

namespace festmatch::detail::sched {

inline std::uint64_t pair_key(Index s, Index i) {
  return (std::uint64_t(std::uint32_t(s)) << 32) | std::uint32_t(i);
}

inline std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// `meetings` is the final schedule (pinned included).
inline std::vector<UnmetRequest> unmet_requests(const Problem& p, const Eigen::MatrixXd& score,
                                                const EligibleMatrix& eligible,
                                                const std::vector<Meeting>& meetings) {
  const Event& e = *p.event;
  std::vector<UnmetRequest> out;
  std::unordered_set<std::uint64_t> scheduled;
  std::vector<std::vector<const Meeting*>> of_s(std::size_t(p.S)), of_i(std::size_t(p.I));
  for (const auto& m : meetings) {
    scheduled.insert(pair_key(m.startup, m.investor));
    of_s[std::size_t(m.startup)].push_back(&m);
    of_i[std::size_t(m.investor)].push_back(&m);
  }
  std::optional<Scorer> scorer;
  const auto W = std::size_t(p.W);
  for (const auto& r : e.requests) {
    if (r.startup < 0 || r.startup >= p.S || r.investor < 0 || r.investor >= p.I) continue;
    if (scheduled.count(pair_key(r.startup, r.investor))) continue;
    const auto& st = e.startups[std::size_t(r.startup)];
    const auto& inv = e.investors[std::size_t(r.investor)];
    UnmetRequest u{.startup = r.startup, .investor = r.investor, .by = r.by,
                   .priority = r.priority};
    if (!eligible(r.startup, r.investor) || !pair_modes_ok(st.mode, inv.mode)) {
      if (!scorer) scorer.emplace(e);
      auto x = scorer->explain(r.startup, r.investor);
      u.reason = "the pair is ineligible: " +
                 (x.reason.empty() ? std::string("excluded by the scoring rules") : x.reason);
      out.push_back(std::move(u));
      continue;
    }
    const int o = p.org_of[std::size_t(r.investor)];
    if (o >= 0) {
      const Meeting* same = nullptr;
      for (const auto* m : of_s[std::size_t(r.startup)])
        if (p.org_of[std::size_t(m->investor)] == o) same = m;
      if (same) {
        u.reason = "organisation rule: the startup already meets " +
                   e.investors[std::size_t(same->investor)].id + " of " + inv.organisation;
        out.push_back(std::move(u));
        continue;
      }
    }
    const bool online = meeting_online(st.mode, inv.mode);
    bool both_available = false, both_free = false;
    for (Index t = 0; t < p.T; ++t) {
      if (!st.availability.allows(t) || !inv.availability.allows(t)) continue;
      both_available = true;
      const std::size_t wd = std::size_t(t) / 64, b = std::size_t(t) % 64;
      if ((p.free_s[std::size_t(r.startup) * W + wd] >> b & 1u) &&
          (p.free_i[std::size_t(r.investor) * W + wd] >> b & 1u))
        both_free = true;
    }
    if (!both_available) {
      u.reason = "no slot where both are available";
      out.push_back(std::move(u));
      continue;
    }
    if (!both_free) {
      u.reason = "no slot where both are free: their common slots hold pinned meetings";
      out.push_back(std::move(u));
      continue;
    }
    if (!p.has_common_slot(r.startup, r.investor, online)) {
      u.reason = "no slot where both are free and a table is left for an in-person meeting" +
                 std::string(inv.table ? " at the investor's fixed table " +
                                             e.tables[std::size_t(*inv.table)]
                                       : std::string());
      out.push_back(std::move(u));
      continue;
    }
    auto full_text = [&](const std::vector<const Meeting*>& ms, const char* who,
                         double pair_score) {
      std::size_t better = 0, pinned = 0, other = 0;
      for (const auto* m : ms) {
        if (m->pinned) ++pinned;
        else if (m->score >= pair_score) ++better;
        else ++other;
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
      u.reason = "could not be placed: in every slot where both are available, one of them "
                 "already has a meeting or no table is left";
    }
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace festmatch::detail::sched
