// `festmatch validate EVENT`: exit statuses, the summary line, diagnostics on stderr.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace festmatch::test;

namespace {

Run validate(const TempDir& dir, const std::string& args) {
  return run_cli(dir, "validate " + args);
}

const char* valid_event = R"({
  "format": "festmatch-event/1",
  "event": {"name": "Hải Phòng Demo Day"},
  "sectors": ["logistics", "seaports"],
  "tables": 3,
  "options": {"min_meetings": 1},
  "slots": [{"id": "d1-0900", "start": "2023-09-18T09:00+07:00", "minutes": 20}],
  "startups": [{"id": "s1", "name": "Cảng Xanh", "sectors": {"logistics": 1}, "stage": "seed"},
               {"id": "s2", "name": "KiKai Factory", "sectors": {"seaports": 1}, "stage": "idea"}],
  "investors": [{"id": "i1", "name": "Mekong Fund", "sectors": {"seaports": 1}, "table": "T2"}],
  "requests": [{"startup": "s1", "investor": "i1", "by": "startup", "priority": "must"}]
})";

}  // namespace

TEST_CASE("a valid event file: exit 0 and a one-line summary on stderr, nothing on stdout") {
  TempDir dir;
  write_text(dir.path / "event.json", valid_event);
  const Run r = validate(dir, "'" + (dir.path / "event.json").string() + "'");
  CHECK(r.status == 0);
  CHECK(
      r.err ==
      "Hải Phòng Demo Day: valid \u2014 2 startups, 1 investors, 1 slots, 3 tables, 1 requests\n");
  CHECK(r.out.empty());
}

TEST_CASE("an invalid event: exit 1, every problem on stderr, nothing on stdout") {
  TempDir dir;
  std::string text = valid_event;
  text.replace(text.find("\"stage\": \"seed\""), 15, "\"stage\": \"seriesa\"");
  text.replace(text.find("\"table\": \"T2\""), 13, "\"table\": \"T22\", \"max_meeting\": 4");
  const std::string file = (dir.path / "bad.json").string();
  write_text(file, text);
  const Run r = validate(dir, "'" + file + "'");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == file +
                     ":/investors/0/max_meeting: error: unknown field 'max_meeting'; did you mean "
                     "'max_meetings'?\n" +
                     file +
                     ":/startups/0/stage: error: unknown stage 'seriesa'; did you mean "
                     "'series-a'?\n" +
                     file +
                     ":/investors/0/table: error: unknown table 'T22'; did you mean 'T2'?\n");
}

TEST_CASE("a JSON syntax error: exit 1 with LINE:COLUMN") {
  TempDir dir;
  const std::string file = (dir.path / "broken.json").string();
  write_text(file, "{\n  \"format\": \"festmatch-event/1\"\n  \"sectors\": []\n}\n");
  const Run r = validate(dir, "'" + file + "'");
  CHECK(r.status == 1);
  CHECK(r.err == file +
                     ":3:11: error: invalid JSON: syntax error while parsing object - unexpected "
                     "string literal; expected '}'\n");
}

TEST_CASE("conflicting pins: exit 3") {
  TempDir dir;
  std::string text = valid_event;
  text.insert(text.rfind('}'),
              R"(, "pinned": [{"startup": "s1", "investor": "i1", "slot": "d1-0900"},
                                              {"startup": "s2", "investor": "i1", "slot": "d1-0900"}])");
  const std::string file = (dir.path / "pins.json").string();
  write_text(file, text);
  const Run r = validate(dir, "'" + file + "'");
  CHECK(r.status == 3);
  CHECK(r.err == file +
                     ":/pinned/1: error: pinned meeting s2 x i1 in slot d1-0900 double-books "
                     "investor i1 (also pinned with s1, /pinned/0)\n");
}

TEST_CASE("an event folder, and the bundled example folder") {
  TempDir dir;
  fs::create_directories(dir.path / "fest");
  write_text(dir.path / "fest" / "event.json",
             R"({"format": "festmatch-event/1", "sectors": ["ai"], "tables": 2,
                 "options": {"min_meetings": 1}})");
  write_text(dir.path / "fest" / "startups.csv",
             "\xEF\xBB\xBFid,name,sectors,stage\r\ns1,\"KiKai, Factory\",ai:1,seed\r\n");
  write_text(dir.path / "fest" / "investors.csv", "id,name,sectors\r\ni1,Fund,ai\r\n");
  write_text(dir.path / "fest" / "slots.csv", "id,start,minutes\r\nd1,2023-09-18T09:00Z,20\r\n");
  Run r = validate(dir, "'" + (dir.path / "fest").string() + "/'");
  CHECK(r.status == 0);
  CHECK(r.err == "fest: valid \u2014 1 startups, 1 investors, 1 slots, 2 tables, 0 requests\n");

  write_text(dir.path / "fest" / "investors.csv",
             "id,name,sectors,stages\r\ni1,Fund,ai,seriesa:1\r\n");
  r = validate(dir, "'" + (dir.path / "fest").string() + "'");
  CHECK(r.status == 1);
  CHECK(r.err ==
        (dir.path / "fest" / "investors.csv").string() +
            ":2:4: error: unknown stage 'seriesa' in column 'stages'; did you mean 'series-a'?\n");

  const fs::path example = fs::path(source_dir()) / "examples" / "techfest-haiphong";
  if (fs::exists(example / "event.json")) {
    r = validate(dir, "'" + example.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.err.find(": valid \u2014 ") != std::string::npos);
  }
}

TEST_CASE("missing path: exit 1, no argument: exit 2") {
  TempDir dir;
  const std::string missing = (dir.path / "nope.json").string();
  Run r = validate(dir, "'" + missing + "'");
  CHECK(r.status == 1);
  CHECK(r.err == missing + ": error: no such file or folder\n");
  r = validate(dir, "");
  CHECK(r.status == 2);
}

TEST_CASE("help names the command and shows an example") {
  TempDir dir;
  const Run r = validate(dir, "--help");
  CHECK(r.status == 0);
  CHECK(r.out.find("festmatch validate examples/techfest-haiphong") != std::string::npos);
}
