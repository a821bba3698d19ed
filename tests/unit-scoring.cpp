// Scoring (docs/scoring.md): hand-computed cases for every component and rule, explanations, and
// a randomised comparison of the matrix path with a plain per-pair reference written here.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <festmatch/event/detail/find_id.hpp>
#include <festmatch/scoring/detail/scoring_model.hpp>
#include <festmatch/scoring/scoring.hpp>
#include <festmatch/validator/detail/pair_rules.hpp>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace festmatch;

namespace {

// ---- the reference the fast paths must match: the validator's plain, per-pair reading of the
// scoring model (validator/detail/pair_rules.hpp), written apart from the scorer
using Reference = detail::validator::PairTerms;

Reference reference(const Event& e, Index si, Index ii) {
  return detail::validator::PairRules(e)(si, ii);
}

// ---- random small events
Event random_event(std::mt19937_64& rng, int max_startups, int max_investors) {
  auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto real = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto coin = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  const std::vector<std::string> countries = {"VN", "KR", "IL", "NL", "SG"};
  const std::vector<std::string> languages = {"vi", "ko", "he", "en", "nl", "zh"};
  Event e;
  const int k = uni(1, 6);
  for (int x = 0; x < k; ++x) e.sectors.push_back("sector" + std::to_string(x));
  for (int x = 0; x < k; ++x)
    for (int y = x + 1; y < k; ++y)
      if (coin(0.3)) e.related_sectors.push_back({x, y, coin(0.2) ? 0.0 : real(0, 1)});
  const auto stages = Index(e.stages.size());
  auto sectors = [&]() {
    std::vector<Weighted> out;
    for (int x = 0; x < k; ++x)
      if (coin(0.4)) out.push_back({x, coin(0.15) ? 0.0 : real(0, 3)});
    if (out.empty()) out.push_back({uni(0, k - 1), real(0.1, 2)});
    return out;
  };
  auto langs = [&]() {
    std::vector<std::string> out;
    for (const auto& l : languages)
      if (coin(0.25)) out.push_back(l);
    return out;
  };
  auto mode = [&]() { return Mode(uni(0, 2)); };
  const int n = uni(1, max_startups), m = uni(1, max_investors);
  for (int s = 0; s < n; ++s) {
    Startup x{.id = "s" + std::to_string(s), .sectors = sectors(), .stage = uni(0, stages - 1)};
    if (coin(0.7)) x.ask = coin(0.05) ? 0.0 : double(uni(1, 40)) * 50000.0;
    if (coin(0.8)) x.country = countries[std::size_t(uni(0, 4))];
    x.languages = langs();
    x.mode = mode();
    e.startups.push_back(x);
  }
  for (int i = 0; i < m; ++i) {
    Investor x{.id = "i" + std::to_string(i), .sectors = sectors()};
    if (coin(0.7))
      for (Index b = 0; b < stages; ++b)
        if (coin(0.4)) x.stages.push_back({b, coin(0.1) ? 0.0 : real(0, 2)});
    if (coin(0.6)) {
      const double lo = coin(0.2) ? 0.0 : double(uni(1, 20)) * 50000.0;
      x.ticket = Ticket{lo, lo + double(uni(0, 20)) * 50000.0};
    }
    if (coin(0.4))
      for (const auto& c : countries)
        if (coin(0.4)) x.countries.push_back(c);
    x.languages = langs();
    x.mode = mode();
    e.investors.push_back(x);
  }
  const int requests = uni(0, n + m);
  for (int r = 0; r < requests; ++r) {
    Request q{uni(0, n - 1), uni(0, m - 1), coin(0.5) ? Side::startup : Side::investor,
              coin(0.2) ? Priority::must : Priority::want};
    const bool dup = std::any_of(e.requests.begin(), e.requests.end(), [&](const Request& o) {
      return o.startup == q.startup && o.investor == q.investor && o.by == q.by;
    });
    if (!dup) e.requests.push_back(q);
  }
  const int blocked = uni(0, 3);
  for (int b = 0; b < blocked; ++b) e.blocked.push_back({uni(0, n - 1), uni(0, m - 1), "conflict"});
  if (coin(0.5)) e.weights = {real(0, 1), real(0, 1), real(0, 1), real(0, 1), real(0.01, 1)};
  e.options.min_score = real(0.0, 0.8);
  e.options.stage_decay = coin(0.5) ? 0.5 : real(0, 1);
  e.options.interpreters = coin(0.2);
  e.reindex();
  return e;
}

// A two-sector event with one startup and one investor that the cases below adjust.
Event pair_event() {
  Event e;
  e.sectors = {"logistics", "seaports", "agriculture"};
  e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}, .stage = 2});
  e.investors.push_back({.id = "i1", .name = "Mekong Fund", .sectors = {{0, 1.0}}});
  e.reindex();
  return e;
}

double component(const Explanation& x, const std::string& name) {
  for (const auto& c : x.components)
    if (c.name == name) return c.value;
  FAIL("no component " << name);
  return 0;
}

}  // namespace

TEST_CASE("sector is the cosine of the sector vectors without related sectors") {
  Event e = pair_event();
  e.startups[0].sectors = {{0, 3.0}, {1, 4.0}};
  e.investors[0].sectors = {{0, 1.0}};
  CHECK(component(explain(e, 0, 0), "sector") == doctest::Approx(0.6).epsilon(1e-12));
  e.investors[0].sectors = {{2, 1.0}};
  CHECK(component(explain(e, 0, 0), "sector") == 0.0);
}

TEST_CASE("related sectors add their affinity in both directions") {
  Event e = pair_event();
  e.startups[0].sectors = {{0, 1.0}};
  e.investors[0].sectors = {{1, 1.0}};
  e.related_sectors = {{1, 0, 0.4}};  // listed as (seaports, logistics)
  CHECK(component(explain(e, 0, 0), "sector") == doctest::Approx(0.4).epsilon(1e-12));
  // s = (1,1), v = (1,0): sᵀAv = 1 + 0.4, |s||v| = √2
  e.startups[0].sectors = {{0, 1.0}, {1, 1.0}};
  e.investors[0].sectors = {{0, 1.0}};
  CHECK(component(explain(e, 0, 0), "sector") == doctest::Approx(1.4 / std::sqrt(2.0)));
  // clipped at 1: s = v = (1,1) gives (2 + 2·0.4) / 2 = 1.4
  e.investors[0].sectors = {{0, 1.0}, {1, 1.0}};
  CHECK(component(explain(e, 0, 0), "sector") == 1.0);
}

TEST_CASE("stage decays with the distance to the investor's preferred stages") {
  Event e = pair_event();                              // startup at seed (2)
  CHECK(component(explain(e, 0, 0), "stage") == 1.0);  // no stages listed
  e.investors[0].stages = {{4, 1.0}};                  // series-b, two steps away
  CHECK(component(explain(e, 0, 0), "stage") == doctest::Approx(0.25));
  e.investors[0].stages = {{4, 1.0}, {3, 0.5}};  // max(1·0.25, 0.5·0.5) / 1
  CHECK(component(explain(e, 0, 0), "stage") == doctest::Approx(0.25));
  e.investors[0].stages = {{4, 0.4}, {1, 0.2}};  // max(0.4·0.25, 0.2·0.5) / 0.4
  CHECK(component(explain(e, 0, 0), "stage") == doctest::Approx(0.25));
  e.options.stage_decay = 0.8;
  e.investors[0].stages = {{0, 2.0}};
  CHECK(component(explain(e, 0, 0), "stage") == doctest::Approx(0.64));
  e.investors[0].stages = {{0, 0.0}, {5, 0.0}};  // all-zero preferences mean any stage
  CHECK(component(explain(e, 0, 0), "stage") == 1.0);
}

TEST_CASE("ticket compares the ask with the ticket bounds, 0.5 when either is missing") {
  Event e = pair_event();
  CHECK(component(explain(e, 0, 0), "ticket") == 0.5);  // neither
  e.startups[0].ask = 100.0;
  CHECK(component(explain(e, 0, 0), "ticket") == 0.5);  // no ticket
  e.investors[0].ticket = Ticket{50.0, 80.0};
  CHECK(component(explain(e, 0, 0), "ticket") == doctest::Approx(0.8));  // max/ask
  e.investors[0].ticket = Ticket{400.0, 800.0};
  CHECK(component(explain(e, 0, 0), "ticket") == doctest::Approx(0.25));  // ask/min
  e.investors[0].ticket = Ticket{100.0, 100.0};
  CHECK(component(explain(e, 0, 0), "ticket") == 1.0);
  e.investors[0].ticket = Ticket{0.0, 200.0};  // min 0 never binds
  CHECK(component(explain(e, 0, 0), "ticket") == 1.0);
  e.startups[0].ask.reset();
  CHECK(component(explain(e, 0, 0), "ticket") == 0.5);  // no ask
  e.startups[0].ask = 0.0;
  CHECK(component(explain(e, 0, 0), "ticket") == 1.0);  // 0 within [0, 200]
  e.investors[0].ticket = Ticket{10.0, 200.0};
  CHECK(component(explain(e, 0, 0), "ticket") == 0.0);  // 0/10
}

TEST_CASE("country is 1 for an investor without a list or who lists the startup's country") {
  Event e = pair_event();
  CHECK(component(explain(e, 0, 0), "country") == 1.0);
  e.investors[0].countries = {"KR", "VN"};
  CHECK(component(explain(e, 0, 0), "country") == 0.0);  // startup without a country
  e.startups[0].country = "VN";
  CHECK(component(explain(e, 0, 0), "country") == 1.0);
  e.startups[0].country = "IL";
  CHECK(component(explain(e, 0, 0), "country") == 0.0);
  e.investors[0].countries.clear();
  CHECK(component(explain(e, 0, 0), "country") == 1.0);
}

TEST_CASE("language overlap, missing lists and interpreters") {
  Event e = pair_event();
  CHECK(component(explain(e, 0, 0), "language") == 1.0);
  e.startups[0].languages = {"vi"};
  CHECK(component(explain(e, 0, 0), "language") == 1.0);  // investor lists none
  e.investors[0].languages = {"ko", "he"};
  auto x = explain(e, 0, 0);
  CHECK(component(x, "language") == 0.0);
  CHECK_FALSE(x.eligible);
  CHECK(x.rule == Ineligibility::languages);
  CHECK(x.reason == "languages do not overlap: startup speaks vi, investor speaks ko, he");
  e.options.interpreters = true;
  x = explain(e, 0, 0);
  CHECK(component(x, "language") == 0.0);  // the component still says 0
  CHECK(x.eligible);
  e.options.interpreters = false;
  e.startups[0].languages = {"en", "he"};
  CHECK(component(explain(e, 0, 0), "language") == 1.0);
}

TEST_CASE("many languages (more than one 64-bit word) still compare exactly") {
  Event e = pair_event();
  for (int l = 0; l < 100; ++l) e.investors[0].languages.push_back("l" + std::to_string(l));
  e.startups[0].languages = {"x1", "x2", "l99"};
  CHECK(component(explain(e, 0, 0), "language") == 1.0);
  e.startups[0].languages = {"x1", "x2"};
  CHECK(component(explain(e, 0, 0), "language") == 0.0);
}

TEST_CASE("modes: online needs online or both on the other side") {
  Event e = pair_event();
  auto eligible = [&](Mode s, Mode i) {
    e.startups[0].mode = s;
    e.investors[0].mode = i;
    return explain(e, 0, 0).eligible;
  };
  CHECK(eligible(Mode::in_person, Mode::in_person));
  CHECK(eligible(Mode::in_person, Mode::both));
  CHECK(eligible(Mode::both, Mode::both));
  CHECK(eligible(Mode::online, Mode::online));
  CHECK(eligible(Mode::online, Mode::both));
  CHECK(eligible(Mode::both, Mode::online));
  CHECK_FALSE(eligible(Mode::in_person, Mode::online));
  CHECK_FALSE(eligible(Mode::online, Mode::in_person));
  e.startups[0].mode = Mode::online;
  e.investors[0].mode = Mode::in_person;
  const auto x = explain(e, 0, 0);
  CHECK(x.rule == Ineligibility::modes);
  CHECK(x.reason ==
        "modes do not match: startup is online, investor is in-person (an online meeting needs "
        "the other side online or both)");
}

TEST_CASE("base is the weighted mean of the components, with contributions") {
  Event e = pair_event();
  e.startups[0].sectors = {{0, 3.0}, {1, 4.0}};  // sector 0.6
  e.investors[0].stages = {{4, 1.0}};            // stage 0.25
  e.startups[0].ask = 100.0;
  e.investors[0].ticket = Ticket{50.0, 80.0};  // ticket 0.8
  e.investors[0].countries = {"VN"};           // country 0 (startup has none)
  const auto x = explain(e, 0, 0);             // language 1
  const double base = 0.45 * 0.6 + 0.25 * 0.25 + 0.15 * 0.8 + 0.10 * 0 + 0.05 * 1;
  CHECK(x.base == doctest::Approx(base).epsilon(1e-12));
  REQUIRE(x.components.size() == 5);
  CHECK(x.components[0].name == "sector");
  CHECK(x.components[0].weight == 0.45);
  CHECK(x.components[0].contribution == doctest::Approx(0.27));
  CHECK(x.components[2].contribution == doctest::Approx(0.12));
  double sum = 0;
  for (const auto& c : x.components) sum += c.contribution;
  CHECK(sum == doctest::Approx(x.base).epsilon(1e-12));
  // weights that do not sum to 1 are normalised
  e.weights = {.sector = 1, .stage = 1, .ticket = 0, .country = 0, .language = 0};
  CHECK(explain(e, 0, 0).base == doctest::Approx((0.6 + 0.25) / 2));
  e.weights = {0, 0, 0, 0, 0};
  CHECK_THROWS_AS((void)explain(e, 0, 0), InputError);
  CHECK_THROWS_WITH_AS((void)compatibility_matrix(e),
                       "<input>:/weights: error: the score weights must have a positive, finite "
                       "sum (got 0.000000)",
                       InputError);
}

TEST_CASE("request bonuses: want 0.25 per side, mutual want 0.5, must 1.0") {
  Event e = pair_event();
  const double base = explain(e, 0, 0).base;
  e.requests = {{0, 0, Side::startup, Priority::want}};
  auto x = explain(e, 0, 0);
  CHECK(x.bonus == 0.25);
  CHECK(x.score == doctest::Approx(base + 0.25));
  CHECK(x.requests.size() == 1);
  e.requests.push_back({0, 0, Side::investor, Priority::want});
  CHECK(explain(e, 0, 0).bonus == 0.5);
  e.requests[1].priority = Priority::must;
  CHECK(explain(e, 0, 0).bonus == 1.25);
  e.requests = {{0, 0, Side::investor, Priority::must}};
  CHECK(explain(e, 0, 0).bonus == 1.0);
  CHECK(compatibility_matrix(e).score(0, 0) == doctest::Approx(base + 1.0));
  e.requests.push_back({0, 0, Side::investor, Priority::want});
  CHECK_THROWS_WITH_AS((void)compatibility_matrix(e),
                       "<input>:/requests/1: error: investor 'i1' requests the pair (s1, i1) twice",
                       InputError);
}

TEST_CASE("min_score boundary: base equal to min_score is eligible, just below is not") {
  Event e = pair_event();
  // sector 1, stage 1, ticket 0.5, country 1, language 1: base = 1 - 0.15·0.5 = 0.925
  const double base = explain(e, 0, 0).base;
  CHECK(base == doctest::Approx(0.925));
  e.options.min_score = base;
  CHECK(explain(e, 0, 0).eligible);
  e.options.min_score = base + 5e-10;  // within the documented tolerance of 1e-9
  CHECK(explain(e, 0, 0).eligible);
  e.options.min_score = base + 1e-6;
  auto x = explain(e, 0, 0);
  CHECK_FALSE(x.eligible);
  CHECK(x.rule == Ineligibility::below_min_score);
  CHECK(x.reason == "base 0.925000 is below min_score 0.925001");
  CHECK(compatibility_matrix(e).eligible(0, 0) == 0);
  e.options.min_score = 0.95;
  CHECK(explain(e, 0, 0).reason == "base 0.92 is below min_score 0.95");
  e.options.min_score = base + 1e-7;  // more decimals until the two numbers differ
  CHECK(explain(e, 0, 0).reason == "base 0.9250000 is below min_score 0.9250001");
  // a request makes the pair eligible whatever its score
  e.requests = {{0, 0, Side::startup, Priority::want}};
  x = explain(e, 0, 0);
  CHECK(x.eligible);
  CHECK(x.rule == Ineligibility::none);
  CHECK(x.reason.empty());
}

TEST_CASE("sector 0 is ineligible even when the base clears min_score") {
  Event e = pair_event();
  e.investors[0].sectors = {{1, 1.0}, {2, 1.0}};
  e.options.min_score = 0.1;  // base = 0.55 without the sector
  auto x = explain(e, 0, 0);
  CHECK(x.base == doctest::Approx(0.475));
  CHECK_FALSE(x.eligible);
  CHECK(x.rule == Ineligibility::no_common_sector);
  CHECK(x.reason ==
        "no common sector: startup is in logistics; investor looks for seaports, "
        "agriculture");
  e.requests = {{0, 0, Side::investor, Priority::want}};
  CHECK(explain(e, 0, 0).eligible);
  // a related sector makes the sector component positive
  e.requests.clear();
  e.related_sectors = {{0, 1, 0.5}};
  CHECK(explain(e, 0, 0).eligible);
}

TEST_CASE("blocked pairs are never eligible, even when requested") {
  Event e = pair_event();
  e.blocked = {{0, 0, "competitor"}};
  e.requests = {{0, 0, Side::startup, Priority::must}};
  auto x = explain(e, 0, 0);
  CHECK_FALSE(x.eligible);
  CHECK(x.rule == Ineligibility::blocked);
  CHECK(x.reason == "blocked: competitor");
  CHECK(x.bonus == 1.0);  // the score still shows the request
  CHECK(compatibility_matrix(e).eligible(0, 0) == 0);
  e.blocked[0].reason.clear();
  CHECK(explain(e, 0, 0).reason == "blocked");
}

TEST_CASE("explain finds each pair's own requests among many on the same startup") {
  Event e = pair_event();
  e.startups.push_back({.id = "s2", .sectors = {{0, 1.0}}, .stage = 2});
  for (int k = 2; k <= 4; ++k) {
    e.investors.push_back({.id = "i" + std::to_string(k), .sectors = {{0, 1.0}}});
  }
  // s1 with i1: a startup want then an investor must (event order kept); with i2: an investor
  // must only; with i3: a startup must and an investor want; with i4: nothing. s2 requests i1
  // and i4 so that other startups' requests sit between them.
  e.requests = {{0, 0, Side::startup, Priority::want},  {1, 0, Side::startup, Priority::must},
                {0, 1, Side::investor, Priority::must}, {0, 2, Side::startup, Priority::must},
                {1, 3, Side::investor, Priority::want}, {0, 0, Side::investor, Priority::must},
                {0, 2, Side::investor, Priority::want}};
  e.blocked = {{1, 3, "first reason"}, {0, 1, "competitor"}, {1, 3, "second reason"}};
  e.reindex();
  const Scorer scorer(e);
  const double base = 0.925;  // sector 1, stage 1, ticket 0.5, country 1, language 1
  struct Pinned {
    Index s, i;
    double bonus;
    std::vector<Request> requests;
    bool eligible;
    std::string reason;
  };
  const std::vector<Pinned> pins = {
      {0, 0, 1.25, {e.requests[0], e.requests[5]}, true, ""},
      {0, 1, 1.0, {e.requests[2]}, false, "blocked: competitor"},
      {0, 2, 1.25, {e.requests[3], e.requests[6]}, true, ""},
      {0, 3, 0.0, {}, true, ""},
      {1, 0, 1.0, {e.requests[1]}, true, ""},
      {1, 1, 0.0, {}, true, ""},
      {1, 3, 0.25, {e.requests[4]}, false, "blocked: first reason"},
  };
  const auto matrix = scorer.matrix(1);
  for (const auto& p : pins) {
    INFO("pair " << p.s << "," << p.i);
    const auto x = scorer.explain(p.s, p.i);
    CHECK(x.base == doctest::Approx(base));
    CHECK(x.bonus == p.bonus);
    CHECK(x.score == doctest::Approx(base + p.bonus));
    CHECK(x.score == matrix.score(p.s, p.i));
    CHECK(x.requests == p.requests);
    CHECK(x.eligible == p.eligible);
    CHECK(x.reason == p.reason);
    CHECK(x.blocked_reason == (p.eligible ? "" : p.reason.substr(9)));
  }
  // a side repeating itself is found whichever of the pair's requests it repeats
  e.requests.push_back({0, 0, Side::investor, Priority::want});
  CHECK_THROWS_WITH_AS((void)Scorer(e),
                       "<input>:/requests/7: error: investor 'i1' requests the pair (s1, i1) twice",
                       InputError);
  e.requests.back().by = Side::startup;
  CHECK_THROWS_WITH_AS((void)Scorer(e),
                       "<input>:/requests/7: error: startup 's1' requests the pair (s1, i1) twice",
                       InputError);
}

TEST_CASE("find_id: the position of an id, or an input error naming the nearest id") {
  Event e = pair_event();
  e.startups.push_back({.id = "s2", .sectors = {{0, 1.0}}, .stage = 0});
  e.investors.push_back({.id = "mekong-ventures", .sectors = {{0, 1.0}}});
  CHECK(detail::event::find_id(e.startups, "s2", "startup", "ev.json") == 1);
  CHECK(detail::event::find_id(e.investors, "mekong-ventures", "investor", "ev.json") == 1);
  CHECK_THROWS_WITH_AS((void)detail::event::find_id(e.startups, "S2", "startup", "ev.json"),
                       "ev.json: error: unknown startup 'S2'; did you mean 's2'?", InputError);
  CHECK_THROWS_WITH_AS(
      (void)detail::event::find_id(e.investors, "mekong-venture", "investor", "ev.json"),
      "ev.json: error: unknown investor 'mekong-venture'; did you mean "
      "'mekong-ventures'?",
      InputError);
  CHECK_THROWS_WITH_AS((void)detail::event::find_id(e.investors, "zzz", "investor", "ev.json"),
                       "ev.json: error: unknown investor 'zzz'", InputError);
  CHECK_THROWS_WITH_AS(
      (void)detail::event::find_id(std::vector<Startup>{}, "s1", "startup", "ev.json"),
      "ev.json: error: unknown startup 's1'", InputError);
}

TEST_CASE("out-of-range indices are input errors") {
  Event e = pair_event();
  CHECK_THROWS_AS((void)explain(e, 1, 0), InputError);
  CHECK_THROWS_AS((void)explain(e, 0, -1), InputError);
  e.startups[0].stage = 9;
  CHECK_THROWS_WITH_AS((void)compatibility_matrix(e),
                       "<input>:/startups/0/stage: error: index 9 is out of range", InputError);
}

TEST_CASE("an empty event gives empty matrices") {
  Event e;
  e.sectors = {"a"};
  const auto m = compatibility_matrix(e);
  CHECK(m.score.rows() == 0);
  CHECK(m.score.cols() == 0);
  CHECK(top_k(e, 5).per_startup.empty());
}

TEST_CASE("randomised: the matrix and explain match the per-pair reference") {
  std::mt19937_64 rng(20231018);
  int pairs = 0;
  for (int round = 0; round < 300; ++round) {
    // mostly small events; every tenth one crosses the 64 × 512 tile boundaries
    const bool big = round % 10 == 0;
    const Event e = random_event(rng, big ? 140 : 12, big ? 600 : 12);
    const int threads = 1 + round % 2;
    const auto matrix = compatibility_matrix(e, threads);
    const Scorer scorer(e);
    const auto n = Index(e.startups.size()), m = Index(e.investors.size());
    REQUIRE(matrix.score.rows() == n);
    REQUIRE(matrix.score.cols() == m);
    for (Index s = 0; s < n; ++s) {
      for (Index i = 0; i < m; ++i) {
        const auto r = reference(e, s, i);
        INFO("round " << round << " pair " << s << "," << i);
        REQUIRE(std::abs(matrix.score(s, i) - r.score) < 1e-9);
        REQUIRE(std::abs(matrix.base(s, i) - r.base) < 1e-9);
        REQUIRE(bool(matrix.eligible(s, i)) == r.eligible);
        ++pairs;
        if (!big || (s * 7 + i) % 97 == 0) {
          const auto x = scorer.explain(s, i);
          REQUIRE(std::abs(x.components[0].value - r.sector) < 1e-12);
          REQUIRE(std::abs(x.components[1].value - r.stage) < 1e-12);
          REQUIRE(std::abs(x.components[2].value - r.ticket) < 1e-12);
          REQUIRE(x.components[3].value == r.country);
          REQUIRE(x.components[4].value == r.language);
          REQUIRE(std::abs(x.score - matrix.score(s, i)) < 1e-12);
          REQUIRE(x.eligible == r.eligible);
          REQUIRE((x.rule == Ineligibility::none) == x.eligible);
          REQUIRE(x.reason.empty() == x.eligible);
        }
      }
    }
  }
  CHECK(pairs > 100000);
}

TEST_CASE("the matrix is the same bit for bit on one and two threads, whatever the shape") {
  // even and odd startup counts (the copy streams pairs of rows only when the column stride is
  // even), investor counts off the 8-column copy width and the 512-column tile width
  std::mt19937_64 rng(515);
  const std::pair<int, int> shapes[] = {{2, 9}, {64, 512}, {130, 515}, {131, 1030}, {1, 1}};
  for (const auto& [n, m] : shapes) {
    INFO(n << " x " << m);
    Event e = random_event(rng, 1, 1);
    auto more = random_event(rng, n, m);  // at most n × m: pad with copies to the exact shape
    e.startups.clear();
    e.investors.clear();
    e.requests.clear();
    e.blocked.clear();
    for (int s = 0; s < n; ++s) {
      e.startups.push_back(more.startups[std::size_t(s) % more.startups.size()]);
      e.startups.back().id = "s" + std::to_string(s);
    }
    for (int i = 0; i < m; ++i) {
      e.investors.push_back(more.investors[std::size_t(i) % more.investors.size()]);
      e.investors.back().id = "i" + std::to_string(i);
    }
    e.sectors = more.sectors;
    e.related_sectors = more.related_sectors;
    e.options = more.options;
    e.weights = more.weights;
    e.requests = {{n - 1, m - 1, Side::investor, Priority::must}};
    e.reindex();
    const Scorer scorer(e);
    const auto one = scorer.matrix(1), two = scorer.matrix(2);
    REQUIRE(one.score.rows() == n);
    REQUIRE(one.score.cols() == m);
    CHECK((one.score.array() == two.score.array()).all());
    CHECK((one.base.array() == two.base.array()).all());
    CHECK((one.eligible.array() == two.eligible.array()).all());
    for (Index s = 0; s < n; s += 1 + n / 7) {
      for (Index i = 0; i < m; i += 1 + m / 11) {
        const auto r = reference(e, s, i);
        REQUIRE(std::abs(one.score(s, i) - r.score) < 1e-9);
        REQUIRE(bool(one.eligible(s, i)) == r.eligible);
      }
    }
    CHECK(one.score(n - 1, m - 1) == doctest::Approx(one.base(n - 1, m - 1) + 1.0));
  }
}

TEST_CASE("copy_tile_transposed equals Eigen's block assignment, streamed or not") {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> real(-1, 1);
  // tile shapes × destination heights (even and odd strides) × offsets (even and odd rows)
  const std::pair<int, int> tiles[] = {{64, 512}, {63, 17}, {2, 8}, {64, 9}, {1, 1}, {6, 24}};
  for (const auto& [rows, cols] : tiles) {
    for (const int extra_rows : {0, 1, 2, 5}) {
      for (const int r0 : {0, 1, 2}) {
        INFO(rows << " x " << cols << " +" << extra_rows << " at row " << r0);
        detail::scoring::RowArrayXXd tile(rows, cols);
        for (Index k = 0; k < tile.size(); ++k) tile.data()[k] = real(rng);
        detail::scoring::RowArrayXXu8 bytes = (tile > 0.0).cast<std::uint8_t>();
        const Index height = r0 + rows + extra_rows, width = cols + 3;
        Eigen::MatrixXd expected = Eigen::MatrixXd::Constant(height, width, 7.0);
        expected.block(r0, 2, rows, cols) = tile.matrix();
        for (const bool stream : {false, true}) {
          Eigen::MatrixXd got = Eigen::MatrixXd::Constant(height, width, 7.0);
          detail::scoring::copy_tile_transposed(tile, got, r0, 2, stream);
          CHECK((got.array() == expected.array()).all());
        }
        Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> b8 =
            Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>::Constant(height, width, 9);
        auto e8 = b8;
        e8.block(r0, 2, rows, cols) = bytes.matrix();
        detail::scoring::copy_tile_transposed(bytes, b8, r0, 2, true);
        CHECK((b8.array() == e8.array()).all());
      }
    }
  }
}

TEST_CASE("streamed blocks carry the same values as the matrix") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20; ++round) {
    const Event e = random_event(rng, 90, 700);
    const Scorer scorer(e);
    const auto matrix = scorer.matrix(2);
    Index next = 0;
    scorer.for_each_block(
        [&](const ScoreBlock& b) {
          REQUIRE(b.first_startup == next);
          REQUIRE(b.cols == Index(e.investors.size()));
          for (Index r = 0; r < b.rows; ++r) {
            for (Index c = 0; c < b.cols; ++c) {
              const Index s = b.first_startup + r;
              REQUIRE(std::abs(b.score(r, c) - matrix.score(s, c)) < 1e-12);
              REQUIRE(b.eligible(r, c) == matrix.eligible(s, c));
              const auto ref = reference(e, s, c);
              REQUIRE(std::abs(b.sector(r, c) - ref.sector) < 1e-12);
              REQUIRE(std::abs(b.stage(r, c) - ref.stage) < 1e-12);
              REQUIRE(std::abs(b.ticket(r, c) - ref.ticket) < 1e-12);
              REQUIRE(b.country(r, c) == ref.country);
              REQUIRE(b.language(r, c) == ref.language);
              REQUIRE(b.bonus(r, c) == ref.bonus);
            }
          }
          next += b.rows;
        },
        round % 2 == 0 ? 16 : 5);
    CHECK(next == Index(e.startups.size()));
  }
}

TEST_CASE("the bitset fallback for many language sets gives the same languages as the table") {
  std::mt19937_64 rng(99);
  for (int round = 0; round < 30; ++round) {
    const Event e = random_event(rng, 40, 40);
    const detail::scoring::ScoringModel table(e);
    const detail::scoring::ScoringModel bitsets(e, 0);  // no table: read the bitsets pair by pair
    REQUIRE(bitsets.language_table.rows() == 0);
    detail::scoring::ScoringTile a, b;
    const auto n = Index(e.startups.size()), m = Index(e.investors.size());
    table.compute(a, 0, n, 0, m);
    bitsets.compute(b, 0, n, 0, m);
    CHECK((a.language == b.language).all());
    CHECK((a.eligible == b.eligible).all());
    CHECK((a.score == b.score).all());
    bitsets.compute(b, 0, n, 0, m, false);
    CHECK((a.eligible == b.eligible).all());
    CHECK((a.score == b.score).all());
  }
}
