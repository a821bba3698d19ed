// The scheduler's candidate pairs: the pair bits hold exactly the pairs that may meet, the pruned
// working set is each side's best 2·cap + 4, and the parallel scans (bound, pricing) give the
// same results on 1 and 2 threads. Checked against plain loops over every pair, on generated
// events with pins, blocked pairs, organisations and online participants, and more than 64
// startups (several bit blocks, a partial last one).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
#include <vector>

#include "festmatch/generate/generate.hpp"
#include "festmatch/scheduler/detail/solve.hpp"
#include "festmatch/scheduler/scheduler.hpp"

using namespace festmatch;
using namespace festmatch::detail::scheduler;

namespace {

Event small_event(std::uint64_t seed) {
  auto o = preset_options(Preset::techfest);
  o.startups = 150 + int(seed % 3) * 7;  // 150, 157, 164: a partial last block of 64
  o.investors = 40;
  o.days = 1;
  return generate_event(o, seed);
}

using Pair = std::tuple<Index, Index, double, bool>;

// Every pair that may meet, by the rules written out one by one.
std::vector<Pair> valid_pairs(const Event& e, const CompatibilityMatrix& m, const Problem& p) {
  std::set<std::pair<Index, Index>> excluded;
  for (const auto& b : e.blocked) excluded.insert({b.startup, b.investor});
  for (const auto& pin : e.pinned) {
    excluded.insert({pin.startup, pin.investor});
    const auto& org = e.investors[std::size_t(pin.investor)].organisation;
    if (e.options.one_per_organisation && !org.empty())
      for (Index i = 0; i < p.I; ++i)
        if (e.investors[std::size_t(i)].organisation == org) excluded.insert({pin.startup, i});
  }
  std::vector<Pair> out;
  for (Index s = 0; s < p.S; ++s)
    for (Index i = 0; i < p.I; ++i) {
      const Mode ms = e.startups[std::size_t(s)].mode, mi = e.investors[std::size_t(i)].mode;
      const bool online = meets_online(ms, mi);
      if (m.eligible(s, i) && p.cap_s[std::size_t(s)] > 0 && p.cap_i[std::size_t(i)] > 0 &&
          modes_can_meet(ms, mi) && p.has_common_slot(s, i, online) && !excluded.count({s, i}))
        out.push_back({s, i, m.score(s, i), online});
    }
  return out;
}

std::vector<Pair> as_pairs(const std::vector<Candidate>& v) {
  std::vector<Pair> out;
  for (const auto& c : v) out.push_back({c.startup, c.investor, c.weight, c.online});
  return out;
}

}  // namespace

TEST_CASE("candidate pairs: exactly the pairs that may meet, in startup then investor order") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Event e = small_event(seed);
    const auto m = compatibility_matrix(e, 1);
    const Problem one = build_problem(e, m.score, m.eligible, 1.0, 1);
    const Problem two = build_problem(e, m.score, m.eligible, 1.0, 2);
    INFO("seed " << seed);
    const auto expected = valid_pairs(e, m, one);
    REQUIRE(expected.size() > 1000);
    CHECK_FALSE(one.pruned);
    CHECK(one.pair_count == expected.size());
    CHECK(as_pairs(one.candidates) == expected);
    CHECK(as_pairs(two.candidates) == expected);
    CHECK(one.pair_bits == two.pair_bits);
  }
}

TEST_CASE("candidate pairs: the pruned working set is each side's best 2·cap + 4") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Event e = small_event(seed);
    const auto m = compatibility_matrix(e, 1);
    const Problem full = build_problem(e, m.score, m.eligible, 1.0, 1);
    const Problem pruned = build_problem(e, m.score, m.eligible, 1.0, 2, /*prune_above=*/0);
    INFO("seed " << seed);
    CHECK(pruned.pruned);
    CHECK(pruned.pair_bits == full.pair_bits);
    // Best first; ties by the other side's index.
    std::set<std::pair<Index, Index>> keep;
    auto keep_best = [&](std::vector<std::pair<double, Index>> side, int cap, auto pair_of) {
      std::sort(side.begin(), side.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
      });
      for (std::size_t k = 0; k < side.size() && k < std::size_t(2 * cap + 4); ++k)
        keep.insert(pair_of(side[k].second));
    };
    for (Index s = 0; s < full.S; ++s) {
      std::vector<std::pair<double, Index>> side;
      for (const auto& c : full.candidates)
        if (c.startup == s) side.push_back({c.weight, c.investor});
      keep_best(side, full.cap_s[std::size_t(s)], [&](Index i) { return std::pair{s, i}; });
    }
    for (Index i = 0; i < full.I; ++i) {
      std::vector<std::pair<double, Index>> side;
      for (const auto& c : full.candidates)
        if (c.investor == i) side.push_back({c.weight, c.startup});
      keep_best(side, full.cap_i[std::size_t(i)], [&](Index s) { return std::pair{s, i}; });
    }
    std::vector<Pair> expected;
    for (const auto& c : full.candidates)
      if (keep.count({c.startup, c.investor}))
        expected.push_back({c.startup, c.investor, c.weight, c.online});
    CHECK(expected.size() < full.candidates.size());
    CHECK(as_pairs(pruned.candidates) == expected);
  }
}

TEST_CASE("candidate pairs: the bound and pricing scans do not depend on the thread count") {
  std::size_t priced = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Event e = small_event(seed);
    const auto m = compatibility_matrix(e, 1);
    Problem one = build_problem(e, m.score, m.eligible, 1.0, 1, 0);
    Problem two = build_problem(e, m.score, m.eligible, 1.0, 2, 0);
    detail::SplitMix64 rng(seed);
    std::vector<double> price(std::size_t(one.I));
    for (auto& v : price) v = double(rng.below(1000)) / 2000.0;
    CHECK(lagrangian_bound(one, price, 0.3) == lagrangian_bound(two, price, 0.3));
    // Pricing adds the same pairs in the same order, and the same selection follows.
    SelectionNetwork a(one), b(two);
    (void)a.select(0.2, 1e-3);
    (void)b.select(0.2, 1e-3);
    const std::size_t added = a.add_violators(1e-6);
    CHECK(added == b.add_violators(1e-6));
    priced += added;
    CHECK(as_pairs(one.candidates) == as_pairs(two.candidates));
    // A negative margin takes in most pruned pairs, from every block, the partial last one too:
    // the scan's merge over threads is what is compared.
    const std::size_t many = a.add_violators(-0.5);
    CHECK(many == b.add_violators(-0.5));
    CHECK(many > 100);
    bool last_block = false;
    for (std::size_t k = one.candidates.size() - many; k < one.candidates.size(); ++k)
      last_block = last_block || one.candidates[k].startup >= (one.S - 1) / 64 * 64;
    CHECK(last_block);
    CHECK(as_pairs(one.candidates) == as_pairs(two.candidates));
    CHECK(a.select(0.2).chosen == b.select(0.2).chosen);
  }
  CHECK(priced > 0);  // the pruned networks did miss pairs worth adding
}
