// festmatch — internals: the validator's own reading of the rules — availability, a slot's
// tables, a startup's minimum and the scoring model for one pair — written apart from the event
// helpers the scheduler uses and from the scorer (scoring/), so that the validator shares no
// rule with the code it checks.
//
// Problem: the validator must know, for each meeting, whether the pair may meet and what it
// scores, without trusting the scorer's tiles, bitsets and tables.
// Method: the formulas of docs/scoring.md as written, one pair at a time — the sector cosine
// through A = I + R as a double sum, the stage preference by a loop over the stages, the ticket
// ratio, list look-ups for country and language, the weighted mean, the request bonus, and the
// eligibility rule (not blocked; languages shared or `interpreters`; modes compatible; a request
// or sector > 0 and base >= min_score − 1e-9). The scoring tests compare the scorer with it on
// random events.
// Complexity: O(sectors² + requests + blocked pairs) to build; O(sectors² + stages + countries +
// languages² + log requests) per pair.
//
//   detail::validator::PairRules rules(event);
//   const auto t = rules(s, i);   // t.score, t.eligible, t.sector, ...
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "festmatch/event/event.hpp"

namespace festmatch::detail::validator {

// The rules as the validator reads them, apart from Event's helpers that the scheduler uses.
inline bool available(const Availability& a, Index slot) {
  const bool listed = std::find(a.slots.begin(), a.slots.end(), slot) != a.slots.end();
  return a.kind == Availability::Kind::all ||
         (a.kind == Availability::Kind::available ? listed : !listed);
}
inline int tables_in(const Event& e, Index slot) {
  const auto& t = e.slots[std::size_t(slot)].tables;
  return t ? *t : int(e.tables.size());
}
inline int minimum_of(const Event& e, Index startup) {
  const auto& m = e.startups[std::size_t(startup)].min_meetings;
  return std::max(0, m ? *m : e.options.min_meetings);
}

struct PairTerms {
  double sector = 0, stage = 0, ticket = 0, country = 0, language = 0, base = 0, bonus = 0,
         score = 0;
  bool requested = false, blocked = false, modes = false, eligible = false;
};

class PairRules {
 public:
  explicit PairRules(const Event& e) : e_(e), k_(e.sectors.size()), affinity_(k_ * k_, 0.0) {
    for (std::size_t x = 0; x < k_; ++x) affinity_[x * k_ + x] = 1.0;
    for (const auto& r : e.related_sectors) {
      if (r.a == r.b) continue;
      affinity_[std::size_t(r.a) * k_ + std::size_t(r.b)] = r.affinity;
      affinity_[std::size_t(r.b) * k_ + std::size_t(r.a)] = r.affinity;
    }
    for (const auto& q : e.requests) {
      bonus_[{q.startup, q.investor}] += q.priority == Priority::must ? 1.0 : 0.25;
    }
    for (const auto& b : e.blocked) blocked_.insert({b.startup, b.investor});
  }

  PairTerms operator()(Index si, Index ii) const {
    const Startup& s = e_.startups[std::size_t(si)];
    const Investor& v = e_.investors[std::size_t(ii)];
    PairTerms t;

    std::vector<double> a(k_, 0.0), b(k_, 0.0);
    for (const auto& w : s.sectors) a[std::size_t(w.index)] += w.weight;
    for (const auto& w : v.sectors) b[std::size_t(w.index)] += w.weight;
    double product = 0, norm_a = 0, norm_b = 0;
    for (std::size_t x = 0; x < k_; ++x) {
      norm_a += a[x] * a[x];
      norm_b += b[x] * b[x];
      for (std::size_t y = 0; y < k_; ++y) product += a[x] * affinity_[x * k_ + y] * b[y];
    }
    t.sector = norm_a > 0 && norm_b > 0
                   ? std::clamp(product / (std::sqrt(norm_a) * std::sqrt(norm_b)), 0.0, 1.0)
                   : 0.0;

    std::vector<double> preference(e_.stages.size(), 0.0);
    for (const auto& w : v.stages)
      preference[std::size_t(w.index)] = std::max(preference[std::size_t(w.index)], w.weight);
    const double top =
        preference.empty() ? 0.0 : *std::max_element(preference.begin(), preference.end());
    if (top <= 0) {
      t.stage = 1.0;
    } else {
      double best = 0;
      for (std::size_t x = 0; x < preference.size(); ++x)
        best = std::max(best, preference[x] * std::pow(e_.options.stage_decay,
                                                       std::abs(int(x) - int(s.stage))));
      t.stage = best / top;
    }

    if (s.ask && v.ticket) {
      const double inf = std::numeric_limits<double>::infinity();
      t.ticket = std::min({1.0, v.ticket->min > 0 ? *s.ask / v.ticket->min : inf,
                           *s.ask > 0 ? v.ticket->max / *s.ask : inf});
    } else {
      t.ticket = 0.5;
    }

    t.country = v.countries.empty() ||
                        (!s.country.empty() && std::find(v.countries.begin(), v.countries.end(),
                                                         s.country) != v.countries.end())
                    ? 1.0
                    : 0.0;
    bool shared = s.languages.empty() || v.languages.empty();
    for (const auto& l : s.languages)
      shared = shared || std::find(v.languages.begin(), v.languages.end(), l) != v.languages.end();
    t.language = shared ? 1.0 : 0.0;

    const Weights& w = e_.weights;
    t.base = (w.sector * t.sector + w.stage * t.stage + w.ticket * t.ticket +
              w.country * t.country + w.language * t.language) /
             (w.sector + w.stage + w.ticket + w.country + w.language);
    if (auto it = bonus_.find({si, ii}); it != bonus_.end()) {
      t.requested = true;
      t.bonus = it->second;
    }
    t.score = t.base + t.bonus;
    t.blocked = blocked_.count({si, ii}) > 0;
    t.modes = !((s.mode == Mode::online && v.mode == Mode::in_person) ||
                (s.mode == Mode::in_person && v.mode == Mode::online));
    t.eligible = !t.blocked && (shared || e_.options.interpreters) && t.modes &&
                 (t.requested || (t.sector > 0 && t.base >= e_.options.min_score - 1e-9));
    return t;
  }

 private:
  const Event& e_;
  std::size_t k_;
  std::vector<double> affinity_;  // A = I + R, k × k
  std::map<std::pair<Index, Index>, double> bonus_;
  std::set<std::pair<Index, Index>> blocked_;
};

}  // namespace festmatch::detail::validator
