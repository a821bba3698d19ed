#include <doctest/doctest.h>

#include <festmatch/error.hpp>
#include <festmatch/scheduler/schedule_diff.hpp>
#include <festmatch/scheduler/schedule_json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace festmatch;
namespace fs = std::filesystem;

namespace {

// Revision 1 of a small event, by hand.
const std::string old_schedule = R"({
  "format": "festmatch-schedule/1",
  "event": "Techfest Hải Phòng 2023",
  "meetings": [
    {"slot":"d1-0900","start":"2023-09-18T09:00+07:00","end":"2023-09-18T09:20+07:00","table":"T1","startup":"s1","investor":"i1","score":0.8,"mode":"in-person","pinned":false},
    {"slot":"d1-0900","start":"2023-09-18T09:00+07:00","end":"2023-09-18T09:20+07:00","table":"T2","startup":"s2","investor":"i2","score":0.7,"mode":"in-person","pinned":false},
    {"slot":"d1-0920","start":"2023-09-18T09:20+07:00","end":"2023-09-18T09:40+07:00","table":null,"startup":"s2","investor":"i1","score":0.6,"mode":"online","pinned":false},
    {"slot":"d1-0940","start":"2023-09-18T09:40+07:00","end":"2023-09-18T10:00+07:00","table":"T1","startup":"s1","investor":"i3","score":0.5,"mode":"in-person","pinned":true}
  ],
  "unscheduled": [],
  "stats": {"meetings": 4, "objective": 4.6, "score_total": 2.6, "upper_bound": 5, "gap": 0.08, "startups_below_min": 0, "stage_ms": {}},
  "shortfalls": []
}
)";

// Revision 2, as festmatch reschedule writes it: i2 cancelled, s1 x i1 moved to another table
// and slot, s2 x i1 moved from online to a table, s3 (new) meets i3; s1 x i3 is the same. Its
// changes give reasons, one of them for a pair it does not cancel (ignored).
const std::string new_schedule = R"({
  "format": "festmatch-schedule/1",
  "event": "Techfest Hải Phòng 2023",
  "revision": 2,
  "now": "2023-09-18T09:00+07:00",
  "meetings": [
    {"slot":"d1-0920","start":"2023-09-18T09:20+07:00","end":"2023-09-18T09:40+07:00","table":"T2","startup":"s1","investor":"i1","score":0.8,"mode":"in-person","pinned":false,"revision":2},
    {"slot":"d1-0920","start":"2023-09-18T09:20+07:00","end":"2023-09-18T09:40+07:00","table":"T1","startup":"s2","investor":"i1","score":0.6,"mode":"in-person","pinned":false,"revision":2},
    {"slot":"d1-0940","start":"2023-09-18T09:40+07:00","end":"2023-09-18T10:00+07:00","table":"T1","startup":"s1","investor":"i3","score":0.5,"mode":"in-person","pinned":true,"revision":1},
    {"slot":"d1-0940","start":"2023-09-18T09:40+07:00","end":"2023-09-18T10:00+07:00","table":"T2","startup":"s3","investor":"i3","score":0.4,"mode":"in-person","pinned":false,"revision":2}
  ],
  "unscheduled": [],
  "stats": {"meetings": 4, "objective": 4.3, "score_total": 2.3, "upper_bound": 5, "gap": 0.14, "startups_below_min": 0, "stage_ms": {}},
  "shortfalls": [],
  "changes": [
    {"change":"moved","startup":"s1","investor":"i1","from":{"slot":"d1-0900","table":"T1"},"to":{"slot":"d1-0920","table":"T2"},"reason":"table T1 is closed in slot d1-0900"},
    {"change":"cancelled","startup":"s2","investor":"i2","from":{"slot":"d1-0900","table":"T2"},"reason":"investor i2 is cancelled"},
    {"change":"cancelled","startup":"s9","investor":"i9","from":{"slot":"d1-0900","table":null},"reason":"not this pair"},
    {"change":"moved","startup":"s2","investor":"i1","from":{"slot":"d1-0920","table":null},"to":{"slot":"d1-0920","table":"T1"}},
    {"change":"added","startup":"s3","investor":"i3","to":{"slot":"d1-0940","table":"T2"}}
  ]
}
)";

const std::string expected_text =
    "startup s1 (1 change)\n"
    "  moved      with investor i1: slot d1-0900, table T1 -> slot d1-0920, table T2 (table T1 "
    "is closed in slot d1-0900)\n"
    "startup s2 (2 changes)\n"
    "  moved      with investor i1: slot d1-0920, online -> slot d1-0920, table T1\n"
    "  cancelled  with investor i2: slot d1-0900, table T2 (investor i2 is cancelled)\n"
    "startup s3 (1 change)\n"
    "  added      with investor i3: slot d1-0940, table T2\n"
    "investor i1 (2 changes)\n"
    "  moved      with startup s1: slot d1-0900, table T1 -> slot d1-0920, table T2 (table T1 is "
    "closed in slot d1-0900)\n"
    "  moved      with startup s2: slot d1-0920, online -> slot d1-0920, table T1\n"
    "investor i2 (1 change)\n"
    "  cancelled  with startup s2: slot d1-0900, table T2 (investor i2 is cancelled)\n"
    "investor i3 (1 change)\n"
    "  added      with startup s3: slot d1-0940, table T2\n";

const std::string expected_json =
    "[\n"
    "  {\"side\":\"startup\",\"participant\":\"s1\",\"changes\":[\n"
    "    {\"change\":\"moved\",\"startup\":\"s1\",\"investor\":\"i1\",\"from\":{\"slot\":\"d1-"
    "0900\",\"table\":\"T1\"},\"to\":{\"slot\":\"d1-0920\",\"table\":\"T2\"},\"reason\":\"table "
    "T1 is closed in slot d1-0900\"}\n"
    "  ]},\n"
    "  {\"side\":\"startup\",\"participant\":\"s2\",\"changes\":[\n"
    "    {\"change\":\"moved\",\"startup\":\"s2\",\"investor\":\"i1\",\"from\":{\"slot\":\"d1-"
    "0920\",\"table\":null},\"to\":{\"slot\":\"d1-0920\",\"table\":\"T1\"}},\n"
    "    {\"change\":\"cancelled\",\"startup\":\"s2\",\"investor\":\"i2\",\"from\":{\"slot\":"
    "\"d1-0900\",\"table\":\"T2\"},\"reason\":\"investor i2 is cancelled\"}\n"
    "  ]},\n"
    "  {\"side\":\"startup\",\"participant\":\"s3\",\"changes\":[\n"
    "    {\"change\":\"added\",\"startup\":\"s3\",\"investor\":\"i3\",\"to\":{\"slot\":\"d1-"
    "0940\",\"table\":\"T2\"}}\n"
    "  ]},\n"
    "  {\"side\":\"investor\",\"participant\":\"i1\",\"changes\":[\n"
    "    {\"change\":\"moved\",\"startup\":\"s1\",\"investor\":\"i1\",\"from\":{\"slot\":\"d1-"
    "0900\",\"table\":\"T1\"},\"to\":{\"slot\":\"d1-0920\",\"table\":\"T2\"},\"reason\":\"table "
    "T1 is closed in slot d1-0900\"},\n"
    "    {\"change\":\"moved\",\"startup\":\"s2\",\"investor\":\"i1\",\"from\":{\"slot\":\"d1-"
    "0920\",\"table\":null},\"to\":{\"slot\":\"d1-0920\",\"table\":\"T1\"}}\n"
    "  ]},\n"
    "  {\"side\":\"investor\",\"participant\":\"i2\",\"changes\":[\n"
    "    {\"change\":\"cancelled\",\"startup\":\"s2\",\"investor\":\"i2\",\"from\":{\"slot\":"
    "\"d1-0900\",\"table\":\"T2\"},\"reason\":\"investor i2 is cancelled\"}\n"
    "  ]},\n"
    "  {\"side\":\"investor\",\"participant\":\"i3\",\"changes\":[\n"
    "    {\"change\":\"added\",\"startup\":\"s3\",\"investor\":\"i3\",\"to\":{\"slot\":\"d1-"
    "0940\",\"table\":\"T2\"}}\n"
    "  ]}\n"
    "]\n";

const std::string expected_csv =
    "participant_side,participant,change,other,from_slot,from_table,to_slot,to_table,reason\n"
    "startup,s1,moved,i1,d1-0900,T1,d1-0920,T2,table T1 is closed in slot d1-0900\n"
    "startup,s2,moved,i1,d1-0920,,d1-0920,T1,\n"
    "startup,s2,cancelled,i2,d1-0900,T2,,,investor i2 is cancelled\n"
    "startup,s3,added,i3,,,d1-0940,T2,\n"
    "investor,i1,moved,s1,d1-0900,T1,d1-0920,T2,table T1 is closed in slot d1-0900\n"
    "investor,i1,moved,s2,d1-0920,,d1-0920,T1,\n"
    "investor,i2,cancelled,s2,d1-0900,T2,,,investor i2 is cancelled\n"
    "investor,i3,added,s3,,,d1-0940,T2,\n";

std::vector<std::string> messages(const Error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
  return out;
}

std::vector<std::string> read_errors(const std::string& text) {
  try {
    read_schedule_ids(text, "s.json");
  } catch (const InputError& e) {
    return messages(e);
  }
  return {};
}

}  // namespace

TEST_CASE("diff: moved, cancelled and added per participant, in three formats") {
  const ScheduleIds before = read_schedule_ids(old_schedule, "v1.json");
  const ScheduleIds after = read_schedule_ids(new_schedule, "v2.json");
  REQUIRE(before.meetings.size() == 4);
  CHECK(before.meetings[2] == MeetingIds{.startup = "s2",
                                         .investor = "i1",
                                         .slot = "d1-0920",
                                         .table = "",
                                         .start = "2023-09-18T09:20+07:00",
                                         .end = "2023-09-18T09:40+07:00"});
  CHECK(before.now.empty());
  CHECK(before.changes.empty());
  CHECK(after.changes.size() == 5);
  const std::vector<Change> changes = diff_schedules(before, after);
  REQUIRE(changes.size() == 4);  // by startup, then investor
  CHECK(changes[0] == Change{.kind = ChangeKind::moved,
                             .startup = "s1",
                             .investor = "i1",
                             .from_slot = "d1-0900",
                             .from_table = "T1",
                             .to_slot = "d1-0920",
                             .to_table = "T2",
                             .reason = "table T1 is closed in slot d1-0900"});
  CHECK(changes[1].kind == ChangeKind::moved);
  CHECK(changes[2] == Change{.kind = ChangeKind::cancelled,
                             .startup = "s2",
                             .investor = "i2",
                             .from_slot = "d1-0900",
                             .from_table = "T2",
                             .reason = "investor i2 is cancelled"});
  CHECK(changes[3] == Change{.kind = ChangeKind::added,
                             .startup = "s3",
                             .investor = "i3",
                             .to_slot = "d1-0940",
                             .to_table = "T2"});
  const auto diff = changes_by_participant(changes);
  REQUIRE(diff.size() == 6);  // s1 x i3 did not change: neither is listed for it
  CHECK(diff_text(diff) == expected_text);
  CHECK(diff_json(diff) == expected_json);
  CHECK(diff_csv(diff) == expected_csv);

  // The reverse: what was added is cancelled (no reason: the old file's changes are not read).
  const auto back = diff_schedules(after, before);
  REQUIRE(back.size() == 4);
  CHECK(back[2].kind == ChangeKind::added);
  CHECK(back[2].investor == "i2");
  CHECK(back[3].kind == ChangeKind::cancelled);
  CHECK(back[3].startup == "s3");
  CHECK(back[3].reason.empty());
}

TEST_CASE("diff: a schedule with itself is empty") {
  for (const std::string* text : {&old_schedule, &new_schedule}) {
    const ScheduleIds s = read_schedule_ids(*text, "s.json");
    const auto changes = diff_schedules(s, s);
    CHECK(changes.empty());
    const auto diff = changes_by_participant(changes);
    CHECK(diff.empty());
    CHECK(diff_text(diff) == "");
    CHECK(diff_json(diff) == "[]\n");
    CHECK(diff_csv(diff) ==
          "participant_side,participant,change,other,from_slot,from_table,to_slot,to_table,"
          "reason\n");
  }
}

TEST_CASE("diff: a schedule in memory gives the ids its file gives") {
  Event e;
  e.name = "Ids";
  e.tables = {"T1", "T2"};
  e.slots.push_back({.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20});
  e.slots.push_back({.id = "d1-0920", .start = "2023-09-18T09:20+07:00", .minutes = 20});
  e.startups.push_back({.id = "s1", .name = "One"});
  e.startups.push_back({.id = "s2", .name = "Two"});
  e.investors.push_back({.id = "i1", .name = "Fund"});
  e.reindex();
  Schedule s;
  s.meetings.push_back({.startup = 1, .investor = 0, .slot = 0, .table = 1, .score = 0.5});
  s.meetings.push_back({.startup = 0, .investor = 0, .slot = 1, .score = 0.5, .online = true});
  s.revision = 2;
  s.changes.push_back({.kind = ChangeKind::added, .startup = "s1", .investor = "i1"});
  const ScheduleIds ids = schedule_ids(e, s);
  CHECK(ids.meetings ==
        std::vector<MeetingIds>{
            {"s2", "i1", "d1-0900", "T2", "2023-09-18T09:00+07:00", "2023-09-18T09:20+07:00"},
            {"s1", "i1", "d1-0920", "", "2023-09-18T09:20+07:00", "2023-09-18T09:40+07:00"}});
  CHECK(ids.changes == s.changes);
  CHECK(read_schedule_ids(write_schedule_json(e, s), "s.json") == ids);
}

TEST_CASE("diff: files that are not schedules, or where a pair meets twice, are refused") {
  CHECK(read_errors("{\"format\": \"festmatch-event/1\"}") ==
        std::vector<std::string>{
            "s.json:/format: error: expected \"festmatch-schedule/1\", got \"festmatch-event/1\"",
            "s.json: error: missing field 'meetings'"});
  CHECK(read_errors("[1]") ==
        std::vector<std::string>{"s.json: error: a schedule file is a JSON object, not an array"});
  CHECK(read_errors("{\"format\": \"festmatch-schedule/1\", \"meetings\": [") ==
        std::vector<std::string>{
            "s.json:1:49: error: invalid JSON: syntax error while parsing value - unexpected "
            "end of input; expected '[', '{', or a literal"});
  CHECK(read_errors(R"({"format": "festmatch-schedule/1", "meetings": [
    {"slot": "d1", "startup": "s1", "investor": 7},
    {"slot": "d1", "table": "T1", "startup": "s1", "investor": "i1"},
    {"slot": "d2", "table": null, "startup": "s1", "investor": "i1"},
    "s1"],
    "changes": [{"change": "postponed", "startup": "s1", "investor": "i1"},
                {"change": "moved", "startup": "s1", "investor": "i1", "from": {"slot": 3}}]})") ==
        std::vector<std::string>{
            "s.json:/meetings/0: error: missing field 'table' (a table id, or null for an online "
            "meeting)",
            "s.json:/meetings/0/investor: error: expected a string, got a number",
            "s.json:/meetings/2: error: startup s1 meets investor i1 again (also /meetings/1): a "
            "pair meets at most once",
            "s.json:/meetings/3: error: a meeting is a JSON object, not a string",
            "s.json:/changes/0/change: error: unknown change 'postponed' (moved, cancelled or "
            "added)",
            "s.json:/changes/1/from/slot: error: expected a string, got a number",
            "s.json:/changes/1/from: error: missing field 'table' (a table id, or null for an "
            "online meeting)"});
  // In memory too: a pair twice is refused, not silently merged.
  ScheduleIds twice;
  twice.meetings = {{"s1", "i1", "d1", "T1"}, {"s1", "i1", "d2", "T1"}};
  CHECK_THROWS_WITH_AS(diff_schedules(twice, ScheduleIds{}),
                       "<input>: error: startup s1 meets investor i1 twice in the old schedule: a "
                       "pair meets at most once",
                       InputError);
}

TEST_CASE("festmatch diff: text, json and csv, to stdout or a file") {
  const test::TempDir dir("cli-diff");
  test::write_text(dir.path / "v1.json", old_schedule);
  test::write_text(dir.path / "v2.json", new_schedule);
  const std::string files = "diff '" + dir.file("v1.json") + "' '" + dir.file("v2.json") + "'";
  const std::string summary = "2 meetings moved, 1 cancelled, 1 added; 6 agendas changed\n";
  test::Run r = test::run_cli(dir, files);
  CHECK(r.status == 0);
  CHECK(r.out == expected_text);
  CHECK(r.err == summary);
  r = test::run_cli(dir, files + " --format json --quiet");
  CHECK(r.status == 0);
  CHECK(r.out == expected_json);
  CHECK(r.err == "");
  r = test::run_cli(dir, files + " --format csv --output '" + dir.file("notify.csv") + "'");
  CHECK(r.status == 0);
  CHECK(r.out == "");
  CHECK(r.err == "wrote " + dir.file("notify.csv") + ": " + summary);
  CHECK(test::slurp(dir.path / "notify.csv") == expected_csv);

  // A schedule with itself: nothing to send.
  r = test::run_cli(dir, "diff '" + dir.file("v2.json") + "' '" + dir.file("v2.json") + "'");
  CHECK(r.status == 0);
  CHECK(r.out == "");
  CHECK(r.err == "no meeting changed\n");

  // Errors as everywhere: exit 1, FILE:/json/pointer: error: ..., nothing written.
  test::write_text(dir.path / "bad.json", "{\"format\": \"festmatch-schedule/1\"}");
  r = test::run_cli(dir, "diff '" + dir.file("v1.json") + "' '" + dir.file("bad.json") +
                             "' --output '" + dir.file("out.txt") + "'");
  CHECK(r.status == 1);
  CHECK(r.err == dir.file("bad.json") + ": error: missing field 'meetings'\n");
  CHECK_FALSE(fs::exists(dir.path / "out.txt"));
  r = test::run_cli(dir, "diff '" + dir.file("v1.json") + "' '" + dir.file("none.json") + "'");
  CHECK(r.status == 1);
  CHECK(r.err == dir.file("none.json") + ": error: cannot read: No such file or directory\n");
  r = test::run_cli(dir, files + " --format xml");
  CHECK(r.status == 2);
}
