#include <doctest/doctest.h>

#include <festmatch/scheduler/schedule_json.hpp>
#include <string>

using namespace festmatch;

namespace {

Event small_event() {
  Event e;
  e.name = "Techfest Hải Phòng 2023";
  e.sectors = {"logistics", "seaports"};
  e.tables = {"T1", "T2", "T3"};
  e.slots.push_back({.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20});
  e.slots.push_back(
      {.id = "d1-0920", .start = "2023-09-18T09:20+07:00", .minutes = 20, .tables = 1});
  e.slots.push_back({.id = "d2-0900", .start = "2023-09-19T09:00+07:00", .minutes = 30});
  e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}});
  e.startups.push_back({.id = "s2", .name = "Comma, \"Quote\" Co", .sectors = {{1, 1.0}}});
  e.investors.push_back({.id = "i1", .name = "Mekong Fund", .sectors = {{0, 1.0}}});
  e.investors.push_back(
      {.id = "i2", .name = "KiKai Factory", .sectors = {{1, 1.0}}, .mode = Mode::online});
  e.reindex();
  return e;
}

Schedule small_schedule() {
  Schedule s;
  s.meetings.push_back(
      {.startup = 0, .investor = 0, .slot = 0, .table = 0, .score = 0.1 + 0.2, .pinned = true});
  s.meetings.push_back(
      {.startup = 1, .investor = 1, .slot = 0, .score = 1.0 / 3.0, .online = true});
  s.meetings.push_back({.startup = 1, .investor = 0, .slot = 2, .table = 2, .score = 1.25});
  s.unscheduled.push_back({.startup = 0,
                           .investor = 1,
                           .by = Side::investor,
                           .priority = Priority::must,
                           .reason = "no slot where both are free"});
  s.stats = {.meetings = 3,
             .objective = 4.883333333333333,
             .score_total = 1.8833333333333333,
             .upper_bound = 5.0,
             .gap = 0.023333333333333,
             .startups_below_min = 2,
             .stage_ms = {{"score", 1.5}, {"bound", 0.25}, {"assign", 12.0}}};
  return s;
}

std::string errors_of(std::string_view text, const Event& e) {
  try {
    read_schedule_json(text, "s.json", e);
  } catch (const InputError& err) {
    return err.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE(
    "a schedule written and read back is equal, doubles included, and rewrites byte for byte") {
  const Event e = small_event();
  const Schedule s = small_schedule();
  const std::string text = write_schedule_json(e, s);
  const Schedule back = read_schedule_json(text, "s.json", e);
  CHECK(back == s);
  CHECK(back.meetings[0].score == 0.1 + 0.2);
  CHECK(write_schedule_json(e, back) == text);
  CHECK(write_schedule_json(e, s) == text);
}

TEST_CASE("the schedule file has the documented layout") {
  const std::string text = write_schedule_json(small_event(), small_schedule());
  CHECK(text.starts_with(
      "{\n  \"format\": \"festmatch-schedule/1\",\n  \"event\": \"Techfest Hải Phòng 2023\",\n"));
  CHECK(
      text.find(
          R"({"slot":"d1-0900","start":"2023-09-18T09:00+07:00","end":"2023-09-18T09:20+07:00",)"
          R"("table":"T1","startup":"s1","investor":"i1","score":0.30000000000000004,"mode":"in-person","pinned":true})") !=
      std::string::npos);
  CHECK(
      text.find(
          R"("table":null,"startup":"s2","investor":"i2","score":0.3333333333333333,"mode":"online","pinned":false})") !=
      std::string::npos);
  CHECK(
      text.find(
          R"({"startup":"s1","investor":"i2","by":"investor","priority":"must","reason":"no slot where both are free"})") !=
      std::string::npos);
  CHECK(text.find(R"("stage_ms": {"score":1.5,"bound":0.25,"assign":12.0})") != std::string::npos);
}

TEST_CASE("an empty schedule round-trips") {
  const Event e = small_event();
  const std::string text = write_schedule_json(e, Schedule{});
  CHECK(read_schedule_json(text, "s.json", e) == Schedule{});
  CHECK(text.find("\"meetings\": [],\n  \"unscheduled\": [],\n") != std::string::npos);
}

TEST_CASE("JSON syntax errors are reported as FILE:LINE:COLUMN") {
  const Event e = small_event();
  const std::string msg =
      errors_of("{\n  \"format\": \"festmatch-schedule/1\",\n  \"meetings\": [x]\n}", e);
  CHECK(msg ==
        "s.json:3:16: error: invalid JSON: syntax error while parsing value - invalid literal; "
        "last read: '\"meetings\": [x'");
}

TEST_CASE("unknown ids and names are reported by JSON pointer with the nearest known one") {
  const Event e = small_event();
  const std::string msg = errors_of(R"({"format":"festmatch-schedule/1","meetings":[
    {"slot":"d1-090","table":"T9","startup":"s3","investor":"i1","score":0.5,"mode":"in-person","colour":1},
    {"slot":"d1-0920","table":"T2","startup":"s1","investor":"j2","score":"high","mode":"face"},
    {"slot":"d1-0900","table":"T1","startup":"s1","investor":"i2","score":1,"mode":"online"},
    {"slot":"d1-0900","table":null,"startup":"s1","investor":"i2","mode":"in-person"}
  ], "unscheduled":[{"startup":"s1","investor":"i1","by":"both","priority":"must"}],
  "stats":{"meetings":-1}})",
                                    e);
  CHECK(msg ==
        "s.json:/meetings/0/colour: error: unknown field 'colour'\n"
        "s.json:/meetings/0/slot: error: unknown slot 'd1-090'; did you mean 'd1-0900'?\n"
        "s.json:/meetings/0/startup: error: unknown startup 's3'\n"
        "s.json:/meetings/0/table: error: table 'T9' is not in the event\n"
        "s.json:/meetings/1/investor: error: unknown investor 'j2'; did you mean 'i2'?\n"
        "s.json:/meetings/1/score: error: expected a number, got a string\n"
        "s.json:/meetings/1/mode: error: unknown mode 'face' (a meeting is \"in-person\" or "
        "\"online\")\n"
        "s.json:/meetings/1/table: error: table 'T2' is not open in slot 'd1-0920' (it has 1 "
        "tables)\n"
        "s.json:/meetings/2/table: error: an online meeting has no table (got 'T1'; use null)\n"
        "s.json:/meetings/3: error: missing field 'score'\n"
        "s.json:/meetings/3/table: error: an in-person meeting needs a table\n"
        "s.json:/unscheduled/0/by: error: unknown side 'both' (\"startup\" or \"investor\")\n"
        "s.json:/unscheduled/0: error: missing field 'reason'\n"
        "s.json:/stats/meetings: error: expected a count (an integer >= 0), got -1\n"
        "s.json:/stats: error: missing field 'objective'\n"
        "s.json:/stats: error: missing field 'score_total'\n"
        "s.json:/stats: error: missing field 'upper_bound'\n"
        "s.json:/stats: error: missing field 'gap'\n"
        "s.json:/stats: error: missing field 'startups_below_min'");
}

TEST_CASE("the top level needs the right format and a meetings array") {
  const Event e = small_event();
  CHECK(errors_of("[]", e) == "s.json: error: a schedule file is a JSON object, not an array");
  CHECK(errors_of(R"({"format":"festmatch-event/1","meetings":{}, "a/b":1})", e) ==
        "s.json:/a~1b: error: unknown field 'a/b'\n"
        "s.json:/format: error: expected \"festmatch-schedule/1\", got \"festmatch-event/1\"\n"
        "s.json:/meetings: error: expected an array, got an object");
  CHECK(errors_of(R"({"meetings":[]})", e) ==
        "s.json: error: missing field 'format' (\"festmatch-schedule/1\")");
  CHECK(errors_of(R"({"format":"festmatch-schedule/1"})", e) ==
        "s.json: error: missing field 'meetings'");
}

TEST_CASE("read_schedule reports a missing file as an input error") {
  const Event e = small_event();
  CHECK_THROWS_WITH_AS(read_schedule("/nonexistent/festmatch/schedule.json", e),
                       "/nonexistent/festmatch/schedule.json: error: cannot read the schedule file",
                       InputError);
}

TEST_CASE("schedule reader: hostile JSON is an InputError with its position, never a crash") {
  const Event event = small_event();
  CHECK_THROWS_WITH_AS(read_schedule_json(std::string(100, '['), "deep.json", event),
                       "deep.json:1:65: error: JSON nested deeper than 64 levels",
                       festmatch::InputError);
  CHECK_THROWS_WITH_AS(read_schedule_json("{\"format\": 1e400}", "big.json", event),
                       doctest::Contains("big.json:1:1: error: invalid JSON:"),
                       festmatch::InputError);
}
