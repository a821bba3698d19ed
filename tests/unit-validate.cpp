// Validation rules of the event reader and check_event(): one test per rule, exact messages.
#include <doctest/doctest.h>

#include <festmatch/event/detail/event_convert.hpp>
#include <festmatch/event/event_json.hpp>
#include <festmatch/event/validate.hpp>

#include <functional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace {

using Json = nlohmann::ordered_json;
using Lines = std::vector<std::string>;

Json base() {
  return Json::parse(R"({
    "format": "festmatch-event/1",
    "event": {"name": "Test", "timezone": "Asia/Ho_Chi_Minh"},
    "sectors": ["logistics", "seaports", "agriculture"],
    "related_sectors": [["logistics", "seaports", 0.5]],
    "tables": 9,
    "slots": [{"id": "d1-0900", "start": "2023-09-18T09:00+07:00", "minutes": 20},
              {"id": "d1-0920", "start": "2023-09-18T09:20+07:00", "minutes": 20},
              {"id": "d1-0940", "start": "2023-09-18T09:40+07:00", "minutes": 20, "tables": 2}],
    "startups": [
      {"id": "s1", "name": "Cảng Xanh", "sectors": {"logistics": 1}, "stage": "seed", "languages": ["vi", "en"]},
      {"id": "s2", "name": "Nông Sản", "sectors": {"agriculture": 1, "logistics": 0.5}, "stage": "series-a", "unavailable": ["d1-0920"]},
      {"id": "s3", "name": "Online Co", "sectors": {"seaports": 1}, "stage": "idea", "mode": "online"},
      {"id": "s4", "name": "Farm Only", "sectors": {"agriculture": 1}, "stage": "seed"}],
    "investors": [
      {"id": "i1", "name": "Mekong Fund", "sectors": {"seaports": 1}, "table": "T3", "max_meetings": 2},
      {"id": "i2", "name": "Red River", "organisation": "Mekong Capital", "sectors": {"logistics": 1}, "languages": ["en"]},
      {"id": "i3", "name": "Delta", "organisation": "Mekong Capital", "sectors": {"logistics": 1}, "languages": ["ko"]},
      {"id": "i4", "name": "Remote", "sectors": {"logistics": 1}, "mode": "online"}],
    "requests": [{"startup": "s1", "investor": "i1", "by": "startup", "priority": "want"}],
    "blocked": [{"startup": "s2", "investor": "i1", "reason": "competitor"}],
    "pinned": []
  })");
}

struct Outcome {
  int status = 0;  // 0 valid, 1 input error, 3 infeasible
  Lines lines;
};

Outcome read(const std::function<void(Json&)>& edit) {
  Json doc = base();
  edit(doc);
  try {
    festmatch::read_event_json(doc.dump(), "event.json");
    return {};
  } catch (const festmatch::Error& e) {
    Outcome o{static_cast<int>(e.status()), {}};
    for (const auto& d : e.diagnostics()) o.lines.push_back(d.to_string());
    return o;
  }
}

Lines input_error(const std::function<void(Json&)>& edit) {
  Outcome o = read(edit);
  CHECK(o.status == 1);
  return o.lines;
}
Lines infeasible(const std::function<void(Json&)>& edit) {
  Outcome o = read(edit);
  CHECK(o.status == 3);
  return o.lines;
}
Json pin(const char* s, const char* i, const char* slot) {
  return Json{{"startup", s}, {"investor", i}, {"slot", slot}};
}

}  // namespace

TEST_CASE("the base event is valid") {
  CHECK(read([](Json&) {}).status == 0);
}

TEST_CASE("duplicate ids are reported with the first occurrence") {
  CHECK(input_error([](Json& d) { d["startups"][2]["id"] = "s1"; }) ==
        Lines{"event.json:/startups/2/id: error: duplicate startup id 's1' (also /startups/0)"});
  CHECK(input_error([](Json& d) { d["investors"][1]["id"] = "i1"; }) ==
        Lines{"event.json:/investors/1/id: error: duplicate investor id 'i1' (also /investors/0)"});
  CHECK(input_error([](Json& d) { d["slots"][1]["id"] = "d1-0900"; }) ==
        Lines{"event.json:/slots/1/id: error: duplicate slot id 'd1-0900' (also /slots/0)",
              "event.json:/startups/1/unavailable/0: error: unknown slot 'd1-0920'"});
  CHECK(input_error([](Json& d) { d["sectors"].push_back("seaports"); }) ==
        Lines{"event.json:/sectors/3: error: duplicate sector 'seaports' (also /sectors/1)"});
  CHECK(input_error([](Json& d) {
          d["tables"] = {"A", "B", "A"};
          d["investors"][0].erase("table");
        }) == Lines{"event.json:/tables/2: error: duplicate table 'A' (also /tables/0)"});
}

TEST_CASE("unknown references name the nearest known one, never a numbered sibling") {
  CHECK(input_error([](Json& d) { d["investors"][0]["table"] = "T99"; }) ==
        Lines{"event.json:/investors/0/table: error: unknown table 'T99'; did you mean 'T9'?"});
  CHECK(input_error([](Json& d) { d["investors"][0]["table"] = "t03"; }) ==
        Lines{"event.json:/investors/0/table: error: unknown table 't03'; did you mean 'T3'?"});
  CHECK(input_error([](Json& d) { d["startups"][0]["stage"] = "seriesa"; }) ==
        Lines{"event.json:/startups/0/stage: error: unknown stage 'seriesa'; did you mean "
              "'series-a'?"});
  CHECK(read([](Json& d) { d["startups"][0]["stage"] = "Seed"; }).status == 0);  // any case
  CHECK(input_error([](Json& d) {
          d["startups"][0]["sectors"] = {{"logistic", 1}};
        }) == Lines{"event.json:/startups/0/sectors/logistic: error: unknown sector 'logistic'; "
                    "did you mean 'logistics'?"});
  CHECK(input_error([](Json& d) { d["startups"][1]["unavailable"] = {"d1-920"}; }) ==
        Lines{"event.json:/startups/1/unavailable/0: error: unknown slot 'd1-920'; did you mean "
              "'d1-0920'?"});
  CHECK(input_error([](Json& d) { d["requests"][0]["investor"] = "zz-fund"; }) ==
        Lines{"event.json:/requests/0/investor: error: unknown investor 'zz-fund'"});
  CHECK(input_error([](Json& d) { d["blocked"][0]["startup"] = "s9"; }) ==
        Lines{"event.json:/blocked/0/startup: error: unknown startup 's9'"});
  CHECK(input_error([](Json& d) {
          d["requests"][0]["investor"] = "i7";
          d["blocked"][0]["investor"] = "i7";
          d["requests"].push_back({{"startup", "s2"}, {"investor", "i7"}, {"by", "investor"}});
        }) == Lines{"event.json:/requests/0/investor: error: unknown investor 'i7' (named in 3 "
                    "places; also /requests/1/investor, /blocked/0/investor)"});
  CHECK(input_error([](Json& d) { d["related_sectors"][0][1] = "seaport"; }) ==
        Lines{"event.json:/related_sectors/0/1: error: unknown sector 'seaport'; did you mean "
              "'seaports'?"});
}

TEST_CASE("unknown fields are errors with the nearest known field") {
  CHECK(input_error([](Json& d) { d["startups"][0]["max_meeting"] = 3; }) ==
        Lines{"event.json:/startups/0/max_meeting: error: unknown field 'max_meeting'; did you "
              "mean 'max_meetings'?"});
  CHECK(input_error([](Json& d) { d["option"] = Json::object(); }) ==
        Lines{"event.json:/option: error: unknown field 'option'; did you mean 'options'?"});
  CHECK(input_error([](Json& d) {
          d["options"] = {{"min_scor", 0.2}};
        }) == Lines{"event.json:/options/min_scor: error: unknown field 'min_scor'; did you mean "
                    "'min_score'?"});
  CHECK(input_error([](Json& d) { d["colour"] = "red"; }) ==
        Lines{"event.json:/colour: error: unknown field 'colour'"});
}

TEST_CASE("wrong types name the field and show the value") {
  CHECK(input_error([](Json& d) { d["startups"][0]["ask"] = "lots"; }) ==
        Lines{"event.json:/startups/0/ask: error: 'ask' must be a number, got \"lots\""});
  CHECK(input_error([](Json& d) { d["startups"][0]["id"] = 7; }) ==
        Lines{"event.json:/startups/0/id: error: 'id' must be a string, got 7",
              "event.json:/requests/0/startup: error: unknown startup 's1'"});
  CHECK(input_error([](Json& d) { d["startups"][0]["max_meetings"] = 2.5; }) ==
        Lines{"event.json:/startups/0/max_meetings: error: 'max_meetings' must be a whole number, "
              "got 2.5"});
  CHECK(input_error([](Json& d) {
          d["options"] = {{"interpreters", "yes"}};
        }) == Lines{"event.json:/options/interpreters: error: 'interpreters' must be true or "
                    "false, got \"yes\""});
  CHECK(input_error([](Json& d) {
          d["startups"][2] = Json::array({"id", "s3"});
        }) ==
        Lines{"event.json:/startups/2: error: 'startup' must be an object, got [\"id\",\"s3\"]"});
  CHECK(input_error([](Json& d) { d["slots"] = "all"; }) ==
        Lines{"event.json:/slots: error: 'slots' must be a list, got \"all\""});
  CHECK(input_error([](Json& d) { d["startups"][0]["sectors"] = {"logistics"}; }) ==
        Lines{"event.json:/startups/0/sectors: error: 'sectors' must be an object of sector: "
              "weight, got [\"logistics\"]"});
}

TEST_CASE("missing required fields") {
  CHECK(input_error([](Json& d) { d["startups"][0].erase("stage"); }) ==
        Lines{"event.json:/startups/0: error: missing required field 'stage'"});
  CHECK(input_error([](Json& d) { d["slots"][0].erase("minutes"); }) ==
        Lines{"event.json:/slots/0: error: missing required field 'minutes'"});
  CHECK(input_error([](Json& d) { d["requests"][0].erase("by"); }) ==
        Lines{"event.json:/requests/0: error: missing required field 'by'"});
}

TEST_CASE("numbers out of range") {
  CHECK(input_error([](Json& d) { d["startups"][0]["ask"] = 0; }) ==
        Lines{"event.json:/startups/0/ask: error: 'ask' must be greater than 0, got 0"});
  CHECK(input_error([](Json& d) { d["startups"][0]["max_meetings"] = -1; }) ==
        Lines{"event.json:/startups/0/max_meetings: error: 'max_meetings' must be between 0 and "
              "100000, got -1"});
  CHECK(input_error([](Json& d) { d["startups"][0]["min_meetings"] = -2; }) ==
        Lines{"event.json:/startups/0/min_meetings: error: 'min_meetings' must be between 0 and "
              "100000, got -2"});
  CHECK(input_error([](Json& d) { d["slots"][0]["minutes"] = 0; }) ==
        Lines{"event.json:/slots/0/minutes: error: 'minutes' must be between 1 and 1440, got 0"});
  CHECK(input_error([](Json& d) { d["slots"][0]["tables"] = -1; }) ==
        Lines{"event.json:/slots/0/tables: error: 'tables' must be between 0 and 100000, got -1"});
  CHECK(input_error([](Json& d) { d["slots"][0]["tables"] = 10; }) ==
        Lines{"event.json:/slots/0/tables: error: slot uses 10 tables but the event has only 9"});
  CHECK(input_error([](Json& d) { d["tables"] = -3; }) ==
        Lines{"event.json:/tables: error: 'tables' must be between 0 and 100000, got -3"});
  CHECK(input_error([](Json& d) { d["related_sectors"][0][2] = 1.5; }) ==
        Lines{"event.json:/related_sectors/0/2: error: affinity must be between 0 and 1, got 1.5"});
  CHECK(input_error([](Json& d) { d["startups"][0]["sectors"]["logistics"] = -1; }) ==
        Lines{"event.json:/startups/0/sectors/logistics: error: weight of sector 'logistics' must "
              "be at least 0, got -1"});
  CHECK(input_error([](Json& d) {
          d["weights"] = {{"ticket", -0.1}};
        }) == Lines{"event.json:/weights/ticket: error: 'ticket' must be at least 0, got -0.1"});
  CHECK(
      input_error([](Json& d) {
        d["options"] = {{"stage_decay", 1.5},
                        {"min_score", -0.5},
                        {"fairness_weight", -1},
                        {"min_meetings", -1}};
      }) ==
      Lines{
          "event.json:/options/stage_decay: error: 'stage_decay' must be between 0 and 1, got 1.5",
          "event.json:/options/min_score: error: 'min_score' must be between 0 and 1, got -0.5",
          "event.json:/options/fairness_weight: error: 'fairness_weight' must be between 0 and "
          "1000, got -1",
          "event.json:/options/min_meetings: error: 'min_meetings' must be between 0 and 100000, "
          "got -1"});
}

TEST_CASE("huge and non-finite numbers") {
  CHECK(input_error([](Json& d) {
          d["options"] = {{"fairness_weight", 1e300}};
        }) == Lines{"event.json:/options/fairness_weight: error: 'fairness_weight' must be between "
                    "0 and 1000, got 1e+300"});
  CHECK(input_error([](Json& d) { d["startups"][0]["max_meetings"] = 99999999999999999ull; }) ==
        Lines{"event.json:/startups/0/max_meetings: error: 'max_meetings' must be between 0 and "
              "100000, got 99999999999999999"});
  CHECK(input_error([](Json& d) { d["startups"][0]["max_meetings"] = 1e300; }) ==
        Lines{"event.json:/startups/0/max_meetings: error: 'max_meetings' must be between 0 and "
              "100000, got 1e+300"});
  Json doc = base();
  std::string text = doc.dump();
  text.replace(text.find("\"tables\":9"), 10, "\"tables\":1e400");
  try {
    festmatch::read_event_json(text, "event.json");
    FAIL("expected an error");
  } catch (const festmatch::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message == "number 1e400 is out of range");
    CHECK(e.diagnostics()[0].line == 1);
    CHECK(e.diagnostics()[0].column == int(text.find("1e400")) + 1);
  }
}

TEST_CASE("all-zero weights") {
  CHECK(input_error([](Json& d) {
          d["startups"][0]["sectors"] = {{"logistics", 0}, {"seaports", 0}};
        }) == Lines{"event.json:/startups/0/sectors: error: sector weights are all zero: at least "
                    "one must be above 0"});
  CHECK(input_error([](Json& d) { d["investors"][0]["sectors"] = Json::object(); }) ==
        Lines{"event.json:/investors/0/sectors: error: no sectors given: at least one needs a "
              "weight above 0"});
  CHECK(input_error([](Json& d) {
          d["investors"][0]["stages"] = {{"seed", 0}};
        }) == Lines{"event.json:/investors/0/stages: error: stage weights are all zero: at least "
                    "one must be above 0"});
  CHECK(input_error([](Json& d) {
          d["weights"] = {
              {"sector", 0}, {"stage", 0}, {"ticket", 0}, {"country", 0}, {"language", 0}};
        }) ==
        Lines{"event.json:/weights: error: weights are all zero: at least one must be above 0"});
}

TEST_CASE("ticket min above max") {
  CHECK(
      input_error([](Json& d) {
        d["investors"][0]["ticket"] = {{"min", 2000000}, {"max", 100000}};
      }) ==
      Lines{
          "event.json:/investors/0/ticket: error: ticket min 2000000 is above ticket max 100000"});
  CHECK(input_error([](Json& d) {
          d["investors"][0]["ticket"] = {{"min", 1}};
        }) == Lines{"event.json:/investors/0/ticket: error: missing required field 'max'"});
}

TEST_CASE("both available and unavailable") {
  CHECK(input_error([](Json& d) { d["startups"][1]["available"] = {"d1-0900"}; }) ==
        Lines{"event.json:/startups/1/unavailable: error: both 'available' and 'unavailable' are "
              "given; use one of them"});
}

TEST_CASE("slot starts must be times with a UTC offset") {
  CHECK(input_error([](Json& d) { d["slots"][0]["start"] = "2023-09-18T09:00"; }) ==
        Lines{"event.json:/slots/0/start: error: invalid slot start '2023-09-18T09:00': no UTC "
              "offset (add Z or +HH:MM, e.g. 2023-09-18T09:00+07:00)"});
  CHECK(input_error([](Json& d) { d["slots"][0]["start"] = "9am"; }) ==
        Lines{"event.json:/slots/0/start: error: invalid slot start '9am': expected "
              "YYYY-MM-DDTHH:MM with a UTC offset, e.g. 2023-09-18T09:00+07:00"});
  CHECK(input_error([](Json& d) { d["slots"][0]["start"] = "2023-02-29T09:00Z"; }) ==
        Lines{"event.json:/slots/0/start: error: invalid slot start '2023-02-29T09:00Z': date or "
              "time out of range"});
  const auto e = festmatch::read_event_json(base().dump(), "event.json");
  CHECK(e.slots[0].start_utc == 1695002400);  // 2023-09-18T02:00Z
  CHECK(e.slots[0].utc_offset_minutes == 420);
  auto t = festmatch::detail::parse_slot_start("2024-02-29T23:59:30.5-03:30");
  CHECK(t.ok);
  CHECK(t.utc_seconds == 1709263770);
  CHECK(t.offset_minutes == -210);
  CHECK(festmatch::detail::parse_slot_start("2023-09-18 09:00Z").ok);
}

TEST_CASE("format version") {
  CHECK(
      input_error([](Json& d) { d.erase("format"); }) ==
      Lines{
          "event.json: error: missing field 'format': expected \"format\": \"festmatch-event/1\""});
  CHECK(input_error([](Json& d) { d["format"] = "festmatch-event/2"; }) ==
        Lines{"event.json:/format: error: unsupported format \"festmatch-event/2\" (this version "
              "reads \"festmatch-event/1\")"});
}

TEST_CASE("unknown mode, by and priority") {
  CHECK(input_error([](Json& d) { d["startups"][0]["mode"] = "onlin"; }) ==
        Lines{"event.json:/startups/0/mode: error: unknown mode 'onlin'; did you mean 'online'?"});
  CHECK(input_error([](Json& d) { d["startups"][0]["mode"] = "hybrid"; }) ==
        Lines{"event.json:/startups/0/mode: error: unknown mode 'hybrid' (expected in-person, "
              "online or both)"});
  CHECK(
      input_error([](Json& d) { d["requests"][0]["by"] = "fund"; }) ==
      Lines{"event.json:/requests/0/by: error: unknown by 'fund' (expected startup or investor)"});
  CHECK(input_error([](Json& d) { d["requests"][0]["priority"] = "maybe"; }) ==
        Lines{"event.json:/requests/0/priority: error: unknown priority 'maybe' (expected want or "
              "must)"});
}

TEST_CASE("a fixed table must be among the tables, online investors have none") {
  CHECK(input_error([](Json& d) { d["investors"][0]["table"] = "A1"; }) ==
        Lines{"event.json:/investors/0/table: error: unknown table 'A1'; did you mean 'T1'?"});
  CHECK(
      input_error([](Json& d) { d["investors"][0]["mode"] = "online"; }) ==
      Lines{"event.json:/investors/0/table: error: an online investor cannot have a fixed table"});
}

TEST_CASE("the same side requesting the same pair twice: one request, a warning") {
  auto warnings = [](const std::function<void(Json&)>& edit) {
    Json doc = base();
    edit(doc);
    std::vector<festmatch::Diagnostic> w;
    const auto e = festmatch::read_event_json(doc.dump(), "event.json", {.warnings = &w});
    Lines lines;
    for (const auto& d : w) lines.push_back(d.to_string());
    return std::pair(e, lines);
  };
  auto [e, lines] = warnings([](Json& d) {
    d["requests"].push_back(
        {{"startup", "s1"}, {"investor", "i1"}, {"by", "startup"}, {"priority", "must"}});
  });
  REQUIRE(e.requests.size() == 1);
  CHECK(e.requests[0].priority == festmatch::Priority::must);
  CHECK(lines.front() ==
        "event.json:/requests/1: warning: repeated request: startup s1 requests "
        "investor i1 again (also /requests/0); read as one must request");
  std::tie(e, lines) = warnings([](Json& d) {
    d["requests"].push_back({{"startup", "s2"}, {"investor", "i2"}, {"by", "investor"}});
    d["requests"].push_back({{"startup", "s2"}, {"investor", "i2"}, {"by", "investor"}});
  });
  CHECK(e.requests.size() == 2);
  CHECK(lines.front() ==
        "event.json:/requests/2: warning: repeated request: investor i2 requests "
        "startup s2 again (also /requests/1); read as one want request");
  // A mutual request (one per side) is fine.
  CHECK(read([](Json& d) {
          d["requests"].push_back({{"startup", "s1"}, {"investor", "i1"}, {"by", "investor"}});
        }).status == 0);
}

TEST_CASE("every problem is reported, not just the first") {
  const Lines lines = input_error([](Json& d) {
    d["startups"][0]["stage"] = "seriesa";
    d["investors"][0]["table"] = "T99";
    d["slots"][2]["minutes"] = -5;
  });
  CHECK(
      lines ==
      Lines{
          "event.json:/slots/2/minutes: error: 'minutes' must be between 1 and 1440, got -5",
          "event.json:/startups/0/stage: error: unknown stage 'seriesa'; did you mean 'series-a'?",
          "event.json:/investors/0/table: error: unknown table 'T99'; did you mean 'T9'?"});
}

// ---- pinned meetings (exit status 3) ----------------------------------------------------------

TEST_CASE("a valid pin is accepted") {
  CHECK(read([](Json& d) { d["pinned"] = {pin("s1", "i1", "d1-0900")}; }).status == 0);
}

TEST_CASE("pin: blocked pair") {
  CHECK(infeasible([](Json& d) { d["pinned"] = {pin("s2", "i1", "d1-0900")}; }) ==
        Lines{"event.json:/pinned/0: error: pinned meeting s2 x i1 in slot d1-0900 is with a "
              "blocked pair ('competitor', /blocked/0)"});
}

TEST_CASE("pin: double-booked participants and the same pair twice") {
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i1", "d1-0900"), pin("s1", "i2", "d1-0900")};
        }) == Lines{"event.json:/pinned/1: error: pinned meeting s1 x i2 in slot d1-0900 "
                    "double-books startup s1 (also pinned with i1, /pinned/0)"});
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i2", "d1-0900"), pin("s2", "i2", "d1-0900")};
        }) == Lines{"event.json:/pinned/1: error: pinned meeting s2 x i2 in slot d1-0900 "
                    "double-books investor i2 (also pinned with s1, /pinned/0)"});
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i2", "d1-0900"), pin("s1", "i2", "d1-0940")};
        }) ==
        Lines{"event.json:/pinned/1: error: pinned meeting s1 x i2 in slot d1-0940 pins the pair a "
              "second time (also in slot d1-0900, /pinned/0); a pair meets at most once"});
}

TEST_CASE("pin: participant unavailable") {
  CHECK(infeasible([](Json& d) { d["pinned"] = {pin("s2", "i2", "d1-0920")}; }) ==
        Lines{"event.json:/pinned/0: error: pinned meeting s2 x i2 in slot d1-0920 but startup s2 "
              "is not available in that slot"});
  CHECK(infeasible([](Json& d) {
          d["investors"][1]["available"] = {"d1-0900"};
          d["pinned"] = {pin("s1", "i2", "d1-0920")};
        }) == Lines{"event.json:/pinned/0: error: pinned meeting s1 x i2 in slot d1-0920 but "
                    "investor i2 is not available in that slot"});
}

TEST_CASE("pin: over max_meetings") {
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i1", "d1-0900"), pin("s3", "i1", "d1-0920"),
                         pin("s2", "i1", "d1-0940")};
          d["blocked"] = Json::array();
          d["startups"][2]["mode"] = "both";
          d["slots"][2]["tables"] = 5;
        }) == Lines{"event.json:/pinned/2: error: pinned meeting s2 x i1 in slot d1-0940 exceeds "
                    "investor i1's max_meetings of 2 (also pinned: /pinned/0, /pinned/1)"});
  CHECK(infeasible([](Json& d) {
          d["startups"][0]["max_meetings"] = 0;
          d["pinned"] = {pin("s1", "i1", "d1-0900")};
        }) == Lines{"event.json:/pinned/0: error: pinned meeting s1 x i1 in slot d1-0900 exceeds "
                    "startup s1's max_meetings of 0"});
}

TEST_CASE("pin: tables") {
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i2", "d1-0900"), pin("s2", "i3", "d1-0900")};
          d["pinned"][0]["table"] = "T5";
          d["pinned"][1]["table"] = "T5";
          d["investors"][2].erase("languages");
        }) == Lines{"event.json:/pinned/1: error: pinned meeting s2 x i3 in slot d1-0900 puts a "
                    "second meeting on table T5 (also /pinned/0)"});
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i2", "d1-0940")};
          d["pinned"][0]["table"] = "T4";
        }) == Lines{"event.json:/pinned/0: error: pinned meeting s1 x i2 in slot d1-0940 uses "
                    "table T4, but slot d1-0940 has only its first 2 tables"});
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i1", "d1-0940")};
          d["slots"][2]["tables"] = 1;
        }) == Lines{"event.json:/pinned/0: error: pinned meeting s1 x i1 in slot d1-0940 uses "
                    "table T3, but slot d1-0940 has only its first 1 tables"});
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i1", "d1-0900")};
          d["pinned"][0]["table"] = "T4";
        }) == Lines{"event.json:/pinned/0: error: pinned meeting s1 x i1 in slot d1-0900 is pinned "
                    "to table T4 but investor i1's fixed table is T3"});
  CHECK(infeasible([](Json& d) {
          d["slots"][2]["tables"] = 1;
          d["investors"][2].erase("languages");
          d["pinned"] = {pin("s1", "i2", "d1-0940"), pin("s2", "i3", "d1-0940")};
        }) == Lines{"event.json:/pinned/1: error: pinned meeting s2 x i3 in slot d1-0940 exceeds "
                    "the 1 tables of slot d1-0940 (in-person pins in that slot: 2)"});
}

TEST_CASE("pin: mode and language incompatibility") {
  CHECK(infeasible([](Json& d) { d["pinned"] = {pin("s3", "i1", "d1-0900")}; }) ==
        Lines{"event.json:/pinned/0: error: pinned meeting s3 x i1 in slot d1-0900 is "
              "mode-incompatible: startup s3 is online, investor i1 is in-person"});
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s3", "i4", "d1-0900")};
          d["pinned"][0]["table"] = "T1";
        }) == Lines{"event.json:/pinned/0: error: pinned meeting s3 x i4 in slot d1-0900 is online "
                    "but pinned to table T1"});
  CHECK(read([](Json& d) { d["pinned"] = {pin("s3", "i4", "d1-0900")}; }).status == 0);
  CHECK(infeasible([](Json& d) { d["pinned"] = {pin("s1", "i3", "d1-0900")}; }) ==
        Lines{"event.json:/pinned/0: error: pinned meeting s1 x i3 in slot d1-0900 has no common "
              "language (startup s1: vi, en; investor i3: ko)"});
  CHECK(read([](Json& d) {
          d["pinned"] = {pin("s1", "i3", "d1-0900")};
          d["options"] = {{"interpreters", true}};
        }).status == 0);
}

TEST_CASE("pin: a pair ineligible by score (scoring.hpp)") {
  CHECK(infeasible([](Json& d) { d["pinned"] = {pin("s4", "i2", "d1-0900")}; }) ==
        Lines{"event.json:/pinned/0: error: pinned meeting s4 x i2 in slot d1-0900 is with an "
              "ineligible pair: no common sector: startup is in agriculture; investor looks for "
              "logistics"});
  CHECK(infeasible([](Json& d) {
          d["pinned"] = {pin("s1", "i2", "d1-0900")};
          d["options"] = {{"min_score", 0.99}};
        }) == Lines{"event.json:/pinned/0: error: pinned meeting s1 x i2 in slot d1-0900 is with "
                    "an ineligible pair: base 0.92 is below min_score 0.99"});
  // A request makes the pair eligible whatever its score.
  CHECK(read([](Json& d) {
          d["pinned"] = {pin("s4", "i2", "d1-0900")};
          d["requests"].push_back({{"startup", "s4"}, {"investor", "i2"}, {"by", "investor"}});
        }).status == 0);
}

TEST_CASE("pin: organisation rule") {
  auto edit = [](Json& d) {
    d["investors"][2].erase("languages");
    d["pinned"] = {pin("s1", "i2", "d1-0900"), pin("s1", "i3", "d1-0920")};
  };
  CHECK(read(edit).status == 0);
  CHECK(infeasible([&](Json& d) {
          edit(d);
          d["options"] = {{"one_per_organisation", true}};
        }) == Lines{"event.json:/pinned/1: error: pinned meeting s1 x i3 in slot d1-0920 breaks "
                    "one_per_organisation: startup s1 is also pinned with i2 of 'Mekong Capital' "
                    "(/pinned/0)"});
}

TEST_CASE("input errors take precedence over pin conflicts") {
  const Outcome o = read([](Json& d) {
    d["pinned"] = {pin("s2", "i1", "d1-0900")};  // blocked pair
    d["startups"][0]["ask"] = -1;
  });
  CHECK(o.status == 1);
  CHECK(o.lines ==
        Lines{"event.json:/startups/0/ask: error: 'ask' must be greater than 0, got -1"});
}

// ---- check_event on an Event built in code ------------------------------------------------------

TEST_CASE("check_event accepts a valid hand-built event and reports the same rules") {
  festmatch::Event e = festmatch::read_event_json(base().dump(), "event.json");
  CHECK(festmatch::check_event(e).empty());
  e.startups[2].id = "s1";
  e.startups[0].ask = -3.0;
  e.options.stage_decay = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> lines;
  for (const auto& d : festmatch::check_event(e)) lines.push_back(d.to_string());
  CHECK(lines ==
        Lines{"<input>:/startups/0/ask: error: 'ask' must be greater than 0, got -3",
              "<input>:/startups/2/id: error: duplicate startup id 's1' (also /startups/0)",
              "<input>:/options/stage_decay: error: 'stage_decay' must be a finite number"});
}

TEST_CASE("check_event reports out-of-range indices before anything else") {
  festmatch::Event e = festmatch::read_event_json(base().dump(), "event.json");
  e.startups[0].stage = 6;
  e.startups[1].sectors.push_back({2, 0.5});
  e.pinned.push_back({.startup = 0, .investor = 7, .slot = 0});
  std::vector<std::string> lines;
  for (const auto& d : festmatch::check_event(e)) lines.push_back(d.to_string());
  CHECK(lines ==
        Lines{"<input>:/startups/0/stage: error: stage index 6 is out of range (6 stages)",
              "<input>:/startups/1/sectors/2: error: sector index 2 is listed twice",
              "<input>:/pinned/0/investor: error: investor index 7 is out of range (4 investors)"});
  CHECK_THROWS_AS(festmatch::write_event_json(e), festmatch::InputError);
}

TEST_CASE("check_event reports pin conflicts of a hand-built event") {
  festmatch::Event e = festmatch::read_event_json(base().dump(), "event.json");
  e.pinned.push_back({.startup = 1, .investor = 0, .slot = 0});
  std::vector<std::string> lines;
  for (const auto& d : festmatch::check_event(e)) lines.push_back(d.to_string());
  CHECK(lines == Lines{"<input>:/pinned/0: error: pinned meeting s2 x i1 in slot d1-0900 is with a "
                       "blocked pair ('competitor', /blocked/0)"});
}

TEST_CASE("nearest_name: close enough only, case-insensitive") {
  using festmatch::detail::nearest_name;
  const std::vector<std::string> known{"series-a", "series-b", "seed", "growth"};
  CHECK(nearest_name("seriesa", known) == std::optional<std::string>("series-a"));
  CHECK(nearest_name("GROWTH", known) == std::optional<std::string>("growth"));
  CHECK(nearest_name("sed", known) == std::optional<std::string>("seed"));
  CHECK(nearest_name("unicorn", known) == std::nullopt);
  CHECK(nearest_name("x", std::vector<std::string>{"y"}) == std::nullopt);
  CHECK(festmatch::detail::edit_distance("kitten", "sitting") == 3);
  CHECK(festmatch::detail::edit_distance("ab", "ba") == 1);
}

TEST_CASE("nearest_name: a numbered sibling is another thing, not a typo") {
  using festmatch::detail::nearest_name;
  const std::vector<std::string> ids{"INV17", "s001", "d1-0900", "T9", "Hall-2A"};
  CHECK(nearest_name("INV07", ids) == std::nullopt);  // another investor's number
  CHECK(nearest_name("d1-0930", ids) == std::nullopt);
  CHECK(nearest_name("T8", ids) == std::nullopt);
  CHECK(nearest_name("s01", ids) == std::optional<std::string>("s001"));        // zero padding
  CHECK(nearest_name("d1-090", ids) == std::optional<std::string>("d1-0900"));  // a digit lost
  CHECK(nearest_name("T99", ids) == std::optional<std::string>("T9"));
  CHECK(nearest_name("inv17", ids) == std::optional<std::string>("INV17"));  // only the case
  CHECK(nearest_name("Hall-2B", ids) == std::optional<std::string>("Hall-2A"));
}
