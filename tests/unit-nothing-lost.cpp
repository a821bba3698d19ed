// Nothing lost (issue #8): every participant of the input is in a meeting or among the
// shortfalls with a reason; the schedule file keeps the shortfalls (and still reads files
// without them); the validator checks the list is exactly the participants left short.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "festmatch/export/html.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/validator/schedule_validator.hpp"
#include "test_support.hpp"

using namespace festmatch;
using Lines = std::vector<std::string>;

namespace {

// Every startup and investor id, in meetings, unscheduled requests or shortfalls, read from the
// schedule file (ids, not indices) so that the check covers what a reader of the file sees.
void check_everyone_in_file(const Event& e, const std::string& file_text) {
  const auto doc = nlohmann::json::parse(file_text);
  std::set<std::string> startups, investors;
  for (const char* list : {"meetings", "unscheduled"})
    for (const auto& x : doc[list]) {
      startups.insert(x["startup"].get<std::string>());
      investors.insert(x["investor"].get<std::string>());
    }
  for (const auto& f : doc["shortfalls"])
    (f["side"] == "startup" ? startups : investors).insert(f["id"].get<std::string>());
  for (const auto& s : e.startups) CHECK_MESSAGE(startups.count(s.id), s.id);
  for (const auto& i : e.investors) CHECK_MESSAGE(investors.count(i.id), i.id);
}

// One line a shortfall: "s1 1/2: reason" for a startup (meetings/minimum), "i1 0: reason".
Lines described(const Event& e, const Schedule& plan) {
  Lines out;
  for (const auto& f : plan.shortfalls) {
    const auto k = std::size_t(f.participant);
    if (f.side == Side::startup)
      out.push_back(e.startups[k].id + " " + std::to_string(f.meetings) + "/" +
                    std::to_string(f.minimum) + ": " + f.reason);
    else
      out.push_back(e.investors[k].id + " " + std::to_string(f.meetings) + ": " + f.reason);
  }
  return out;
}

Event base_event() {
  Event e;
  e.name = "Shortfalls";
  e.sectors = {"logistics", "seaports", "agriculture"};
  e.tables = {"T1", "T2"};
  for (int t = 0; t < 3; ++t)
    e.slots.push_back({.id = "t" + std::to_string(t),
                       .start = "2023-09-18T" + std::to_string(10 + t) + ":00+07:00",
                       .minutes = 20});
  e.options.min_meetings = 2;
  return e;
}

Startup startup(const std::string& id, Index sector = 0) {
  return {.id = id, .name = id, .sectors = {{sector, 1.0}}, .stage = 2};
}
Investor investor(const std::string& id, Index sector = 0) {
  return {.id = id, .name = id, .sectors = {{sector, 1.0}}};
}

Schedule schedule_checked(Event& e) {
  e.reindex();
  const Schedule plan = schedule_meetings(e);
  CHECK(check_schedule(e, plan).violations.empty());
  CHECK(check_shortfalls(e, plan).empty());
  return plan;
}

}  // namespace

TEST_CASE("nothing lost: 100 random events, everyone met or listed, the file round-trips") {
  std::size_t listed = 0, met = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    CAPTURE(seed);
    const Event e = test::random_small_event(seed);
    const Schedule plan = schedule_meetings(e, {.seed = seed});
    REQUIRE(check_schedule(e, plan).violations.empty());
    REQUIRE(check_shortfalls(e, plan).empty());
    for (const auto& f : plan.shortfalls) CHECK_FALSE(f.reason.empty());
    listed += plan.shortfalls.size();
    met += plan.meetings.size();

    Schedule published = plan;
    published.stats.stage_ms.clear();
    const std::string text = write_schedule_json(e, published);
    check_everyone_in_file(e, text);
    const Schedule back = read_schedule_json(text, "schedule.json", e);
    CHECK(back == published);
    CHECK(write_schedule_json(e, back) == text);
    // The same event and seed give the same file, byte for byte.
    Schedule again = schedule_meetings(e, {.seed = seed});
    again.stats.stage_ms.clear();
    CHECK(write_schedule_json(e, again) == text);
  }
  // The random events exercise both sides: people met and people left short.
  CHECK(listed > 50);
  CHECK(met > 100);
}

TEST_CASE("shortfalls: each reason, exactly") {
  Event e = base_event();
  e.startups = {startup("s1"), startup("s2"), startup("s3"), startup("s4"), startup("s5", 2)};
  e.startups[1].max_meetings = 0;
  e.startups[2].availability = {.kind = Availability::Kind::available, .slots = {}};
  e.startups[3].max_meetings = 1;
  e.startups[3].min_meetings = 3;
  e.investors = {investor("i1"), investor("i2"), investor("i3", 1)};
  e.investors[2].languages = {"ko"};
  for (auto* s : {&e.startups[0], &e.startups[1], &e.startups[2], &e.startups[3], &e.startups[4]})
    s->languages = {"vi"};
  e.investors[0].languages = e.investors[1].languages = {"vi"};
  const Schedule plan = schedule_checked(e);
  CHECK(described(e, plan) ==
        Lines{"s2 0/2: max_meetings is 0", "s3 0/2: available in no slot",
              "s4 1/3: its max_meetings 1 is below its minimum 3",
              "s5 0/2: no eligible investor: 2 excluded by no common sector, 1 by languages",
              "i3 0: no eligible startup: 5 excluded by languages"});
}

TEST_CASE("shortfalls: booked by better-scoring pairs, no common slot, organisation rule") {
  Event e = base_event();
  e.slots.resize(1);
  e.startups = {startup("s1"), startup("s2"), startup("s3", 1), startup("s4", 1)};
  e.startups[1].sectors = {{0, 1.0}, {1, 1.0}};  // a weaker match for i1 than s1
  e.investors = {investor("i1"), investor("i2", 1), investor("i3", 1)};
  e.investors[1].availability = {.kind = Availability::Kind::unavailable, .slots = {0}};
  e.investors[2].availability = e.investors[1].availability;
  e.options.min_meetings = 1;
  const Schedule plan = schedule_checked(e);
  CHECK(described(e, plan) ==
        Lines{"s2 0/1: every investor it could meet (1) is fully booked, 1 of them only with "
              "better-scoring or pinned pairs",
              "s3 0/1: none of its 2 eligible investors is available in a slot when it is",
              "s4 0/1: none of its 2 eligible investors is available in a slot when it is",
              "i2 0: available in no slot", "i3 0: available in no slot"});

  Event o = base_event();
  o.options.one_per_organisation = true;
  o.options.min_meetings = 2;
  o.startups = {startup("s1")};
  o.investors = {investor("i1"), investor("i2")};
  o.investors[0].organisation = o.investors[1].organisation = "Mekong Capital";
  const Schedule org = schedule_checked(o);
  REQUIRE(org.meetings.size() == 1);
  const std::string other = org.meetings[0].investor == 0 ? "i2" : "i1";
  CHECK(described(o, org) ==
        Lines{"s1 1/2: organisation rule: it already meets the organisation of each of the 1 "
              "other eligible investor",
              other + " 0: organisation rule: 1 eligible startup already meets another "
                      "investor of Mekong Capital"});
}

TEST_CASE("shortfalls: the file keeps them, old files read, bad entries are named") {
  Event e = base_event();
  e.startups = {startup("s1"), startup("s2", 2)};
  e.investors = {investor("i1")};
  const Schedule plan = schedule_checked(e);
  REQUIRE(plan.shortfalls.size() == 2);
  const std::string text = write_schedule_json(e, plan);
  CHECK(text.find("  \"shortfalls\": [\n"
                  "    {\"side\":\"startup\",\"id\":\"s1\",\"meetings\":1,\"minimum\":2,") !=
        std::string::npos);
  CHECK(
      text.ends_with("\"reason\":\"no eligible investor: 1 excluded by no common sector\"}\n"
                     "  ]\n}\n"));
  // A file written before shortfalls existed: no key, an empty list.
  const auto cut = text.find(",\n  \"shortfalls\"");
  REQUIRE(cut != std::string::npos);
  const Schedule old = read_schedule_json(text.substr(0, cut) + "\n}\n", "old.json", e);
  CHECK(old.shortfalls.empty());
  CHECK(old.meetings == plan.meetings);
  CHECK(check_shortfalls(e, old) ==
        Lines{"startup s1 has 1 meetings, below its minimum 2, but is not among the shortfalls",
              "startup s2 has no meeting, but is not among the shortfalls"});

  auto errors_of = [&](const std::string& shortfalls) {
    try {
      (void)read_schedule_json(text.substr(0, cut) + ",\n  \"shortfalls\": " + shortfalls + "\n}\n",
                               "s.json", e);
    } catch (const InputError& err) {
      Lines out;
      for (const auto& d : err.diagnostics()) out.push_back(d.to_string());
      return out;
    }
    return Lines{"(no error)"};
  };
  CHECK(errors_of("{}") == Lines{"s.json:/shortfalls: error: expected an array, got an object"});
  CHECK(errors_of(R"([{"side":"startup","id":"s3","meetings":-1,"minimum":1.5,"reason":"x"}])") ==
        Lines{"s.json:/shortfalls/0/id: error: unknown startup 's3'",
              "s.json:/shortfalls/0/meetings: error: expected a count (an integer from 0 to "
              "2147483647), got -1",
              "s.json:/shortfalls/0/minimum: error: expected a count (an integer from 0 to "
              "2147483647), got 1.5"});
  CHECK(errors_of(R"([{"side":"fund","id":"i1","meetings":0,"minimum":0,"reasn":""}, 7])") ==
        Lines{"s.json:/shortfalls/0/reasn: error: unknown field 'reasn'; did you mean 'reason'?",
              "s.json:/shortfalls/0/side: error: unknown side 'fund' (\"startup\" or \"investor\")",
              "s.json:/shortfalls/0: error: missing field 'reason'",
              "s.json:/shortfalls/1: error: a shortfall is a JSON object, not a number"});
  CHECK(errors_of(
            R"([{"side":"investor","id":"i1","meetings":99999999999,"minimum":0,"reason":""}])") ==
        Lines{"s.json:/shortfalls/0/meetings: error: expected a count (an integer from 0 to "
              "2147483647), got 99999999999"});
}

TEST_CASE("check_shortfalls: missing, extra, twice, wrong counts, no reason, out of order") {
  Event e = base_event();
  e.startups = {startup("s1"), startup("s2"), startup("s3")};
  e.investors = {investor("i1"), investor("i2")};
  e.reindex();
  Schedule plan;
  plan.meetings = {{.startup = 0, .investor = 0, .slot = 0, .table = 0},
                   {.startup = 0, .investor = 1, .slot = 1, .table = 0},
                   {.startup = 1, .investor = 0, .slot = 1, .table = 1}};
  const auto want = expected_shortfalls(e, plan.meetings);
  REQUIRE(want.size() == 2);
  CHECK(want[0] == Shortfall{.side = Side::startup, .participant = 1, .meetings = 1, .minimum = 2});
  CHECK(want[1] == Shortfall{.side = Side::startup, .participant = 2, .meetings = 0, .minimum = 2});
  plan.shortfalls = want;
  plan.shortfalls[0].reason = plan.shortfalls[1].reason = "why";
  CHECK(check_shortfalls(e, plan).empty());

  plan.shortfalls = {
      {.side = Side::startup, .participant = 2, .meetings = 1, .minimum = 3},
      {.side = Side::startup, .participant = 0, .meetings = 2, .minimum = 2, .reason = "x"},
      {.side = Side::investor, .participant = 1, .reason = "x"},
      {.side = Side::investor, .participant = 1, .reason = "x"},
      {.side = Side::investor, .participant = 7, .reason = "x"}};
  CHECK(
      check_shortfalls(e, plan) ==
      Lines{"investor i2 is listed twice among the shortfalls",
            "shortfall 4 refers to an unknown investor",
            "startup s2 has 1 meetings, below its minimum 2, but is not among the shortfalls",
            "shortfall of startup s3: meetings 1 but it has 0",
            "shortfall of startup s3: minimum 3 but its minimum is 2",
            "shortfall of startup s3 has no reason",
            "shortfall of startup s1, but it is not short: it has 2 meetings and its minimum is 2",
            "shortfall of investor i2, but it is not short: it has 1 meetings",
            "the shortfalls are not in order (startups, then investors, by index)"});
}

TEST_CASE("shortfalls: the HTML page lists them, and says nothing of them when there are none") {
  Event e = base_event();
  e.startups = {startup("s1"), startup("s2", 2)};
  e.investors = {investor("i1")};
  const Schedule plan = schedule_checked(e);
  const std::string page = export_html(e, plan, {.heatmap = false});
  CHECK(page.find("<a href=\"#short\">Left short</a>") != std::string::npos);
  CHECK(page.find("<tr><td><a href=#s1>s2</a></td><td>0</td><td>2</td><td>no eligible investor: "
                  "1 excluded by no common sector</td></tr>") != std::string::npos);
  Schedule none = plan;
  none.shortfalls.clear();
  const std::string quiet = export_html(e, none, {.heatmap = false});
  CHECK(quiet.find("Left short") == std::string::npos);
  CHECK(quiet.find("id=\"short\"") == std::string::npos);
}
