// top_k: the k best eligible partners of each side, streamed tile by tile, compared with a plain
// sort of the full matrix; the same answer for any number of threads; ties by index.
#include <doctest/doctest.h>

#include <algorithm>
#include <festmatch/scoring/scoring.hpp>
#include <random>
#include <string>
#include <vector>

using namespace festmatch;

namespace {

// A random event of n × m with a handful of sectors, requests, blocks and mixed modes.
Event random_event(std::mt19937_64& rng, int n, int m) {
  auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto coin = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  Event e;
  e.sectors = {"agri", "food", "logistics", "seaports", "tourism", "digital"};
  e.related_sectors = {{0, 1, 0.5}, {2, 3, 0.6}};
  const std::vector<std::string> langs = {"vi", "en", "ko"};
  auto sectors = [&]() {
    std::vector<Weighted> out{{uni(0, 5), double(uni(1, 4))}};
    if (coin(0.5)) out.push_back({uni(0, 5), double(uni(0, 4))});
    return out;
  };
  for (int s = 0; s < n; ++s) {
    Startup x{.id = "s" + std::to_string(s), .sectors = sectors(), .stage = uni(0, 5)};
    if (coin(0.7)) x.ask = double(uni(1, 10)) * 100000.0;
    if (coin(0.5)) x.languages = {langs[std::size_t(uni(0, 2))]};
    x.mode = coin(0.1) ? Mode::online : Mode::in_person;
    e.startups.push_back(x);
  }
  for (int i = 0; i < m; ++i) {
    Investor x{.id = "i" + std::to_string(i), .sectors = sectors()};
    if (coin(0.6)) x.stages = {{uni(0, 5), 1.0}};
    if (coin(0.5)) x.ticket = Ticket{double(uni(1, 5)) * 100000.0, double(uni(5, 10)) * 100000.0};
    if (coin(0.5)) x.languages = {langs[std::size_t(uni(0, 2))]};
    x.mode = coin(0.1) ? Mode::both : Mode::in_person;
    e.investors.push_back(x);
  }
  for (int r = 0; r < n; ++r) {
    e.requests.push_back(
        {uni(0, n - 1), r % m, Side::startup, coin(0.2) ? Priority::must : Priority::want});
  }
  // remove same-side duplicates
  std::sort(e.requests.begin(), e.requests.end(), [](const Request& a, const Request& b) {
    return std::tie(a.startup, a.investor) < std::tie(b.startup, b.investor);
  });
  e.requests.erase(std::unique(e.requests.begin(), e.requests.end(),
                               [](const Request& a, const Request& b) {
                                 return a.startup == b.startup && a.investor == b.investor;
                               }),
                   e.requests.end());
  for (int b = 0; b < 5; ++b) e.blocked.push_back({uni(0, n - 1), uni(0, m - 1), "competitor"});
  e.options.min_score = 0.4;
  e.reindex();
  return e;
}

// The k best of each row and column of the matrix by a plain full sort.
TopK by_full_sort(const CompatibilityMatrix& c, int k) {
  TopK out;
  const auto n = Index(c.score.rows()), m = Index(c.score.cols());
  out.per_startup.resize(std::size_t(n));
  out.per_investor.resize(std::size_t(m));
  for (Index s = 0; s < n; ++s)
    for (Index i = 0; i < m; ++i)
      if (c.eligible(s, i)) {
        out.per_startup[std::size_t(s)].push_back({s, i, c.score(s, i)});
        out.per_investor[std::size_t(i)].push_back({s, i, c.score(s, i)});
      }
  auto trim = [k](std::vector<ScoredPair>& v, auto better) {
    std::sort(v.begin(), v.end(), better);
    if (v.size() > std::size_t(k)) v.resize(std::size_t(k));
  };
  for (auto& v : out.per_startup) trim(v, Scorer::better_for_startup);
  for (auto& v : out.per_investor) trim(v, Scorer::better_for_investor);
  return out;
}

}  // namespace

TEST_CASE("top_k equals a full sort of the matrix, for one and two threads") {
  std::mt19937_64 rng(4242);
  for (int round = 0; round < 40; ++round) {
    const bool big = round % 8 == 0;  // crosses the 64 × 512 tiles
    const int n = big ? 150 : 1 + int(rng() % 30), m = big ? 700 : 1 + int(rng() % 30);
    const Event e = random_event(rng, n, m);
    const int k = 1 + int(rng() % 12);
    const Scorer scorer(e);
    const auto expected = by_full_sort(scorer.matrix(1), k);
    const auto one = scorer.top_k(k, 1);
    const auto two = scorer.top_k(k, 2);
    INFO("round " << round << " n=" << n << " m=" << m << " k=" << k);
    CHECK(one.per_startup == expected.per_startup);
    CHECK(one.per_investor == expected.per_investor);
    CHECK(two.per_startup == one.per_startup);
    CHECK(two.per_investor == one.per_investor);
  }
}

TEST_CASE("top_k with many candidates per row trims and keeps the best") {
  // every pair eligible: 80 startups × 900 investors, k = 3 forces many trims of the row buffers
  Event e;
  e.sectors = {"a", "b"};
  for (int s = 0; s < 80; ++s)
    e.startups.push_back({.id = "s" + std::to_string(s), .sectors = {{0, 1.0 + s % 7}, {1, 1.0}}});
  for (int i = 0; i < 900; ++i)
    e.investors.push_back(
        {.id = "i" + std::to_string(i), .sectors = {{0, 1.0}, {1, 1.0 + i % 13}}});
  e.options.min_score = 0.0;
  e.reindex();
  const Scorer scorer(e);
  const auto expected = by_full_sort(scorer.matrix(), 3);
  const auto got = scorer.top_k(3, 2);
  CHECK(got.per_startup == expected.per_startup);
  CHECK(got.per_investor == expected.per_investor);
  CHECK(got.per_startup[0].size() == 3);
  CHECK(got.per_investor[899].size() == 3);
}

TEST_CASE("ties are broken by the smaller index") {
  Event e;
  e.sectors = {"a"};
  for (int s = 0; s < 4; ++s)
    e.startups.push_back({.id = "s" + std::to_string(s), .sectors = {{0, 1.0}}});
  for (int i = 0; i < 5; ++i)
    e.investors.push_back({.id = "i" + std::to_string(i), .sectors = {{0, 1.0}}});
  e.requests = {{2, 3, Side::startup, Priority::want}};
  e.blocked = {{2, 0, "decline"}};
  e.reindex();
  const auto t = top_k(e, 3);
  const double base = compatibility_matrix(e).base(0, 0);
  CHECK(t.per_startup[0] == std::vector<ScoredPair>{{0, 0, base}, {0, 1, base}, {0, 2, base}});
  CHECK(t.per_startup[2] ==
        std::vector<ScoredPair>{{2, 3, base + 0.25}, {2, 1, base}, {2, 2, base}});
  CHECK(t.per_investor[0] == std::vector<ScoredPair>{{0, 0, base}, {1, 0, base}, {3, 0, base}});
  CHECK(t.per_investor[3] ==
        std::vector<ScoredPair>{{2, 3, base + 0.25}, {0, 3, base}, {1, 3, base}});
}

TEST_CASE("k larger than the eligible partners, k = 0, and a negative k") {
  Event e;
  e.sectors = {"a", "b"};
  e.startups.push_back({.id = "s0", .sectors = {{0, 1.0}}});
  e.startups.push_back({.id = "s1", .sectors = {{1, 1.0}}});
  e.investors.push_back({.id = "i0", .sectors = {{0, 1.0}}});
  e.reindex();
  const auto t = top_k(e, 10);
  CHECK(t.per_startup[0].size() == 1);
  CHECK(t.per_startup[1].empty());  // no common sector
  CHECK(t.per_investor[0].size() == 1);
  const auto none = top_k(e, 0);
  CHECK(none.per_startup.size() == 2);
  CHECK(none.per_startup[0].empty());
  CHECK_THROWS_WITH_AS((void)top_k(e, -1), "<input>: error: top_k: k must be >= 0 (got -1)",
                       InputError);
}
