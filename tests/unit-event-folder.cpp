// The event folder: CSV files as spreadsheets export them, round trips, CSV-form diagnostics.
#include <doctest/doctest.h>

#include <festmatch/event/detail/event_convert.hpp>
#include <festmatch/event/event_folder.hpp>
#include <festmatch/event/event_json.hpp>
#include <festmatch/event/read_event.hpp>
#include <festmatch/event/validate.hpp>
#include <festmatch/util/atomic_file.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;
using Files = std::map<std::string, std::string>;

namespace {

using festmatch::test::TempDir;

Files base_files() {
  return {
      {"event.json",
       R"({"format": "festmatch-event/1", "event": {"name": "Folder Fest"},
           "sectors": ["logistics", "seaports", "agriculture"], "tables": 9})"},
      {"startups.csv",
       "id,name,sectors,stage,ask,country,languages,max_meetings,min_meetings,available,"
       "unavailable,mode\n"
       "s1,Cảng Xanh,logistics:1,seed,,VN,vi;en,,,,,\n"
       "s2,Nông Sản,agriculture:1;seaports:0.5,series-a,500000,,,,,,d1-0920,\n"},
      {"investors.csv",
       "id,name,organisation,sectors,stages,ticket_min,ticket_max,countries,languages,max_meetings,"
       "available,unavailable,table,mode\n"
       "i1,Mekong Fund,,seaports:1,,,,,,2,,,T3,\n"
       "i2,Red River,Mekong Capital,logistics,seed:1,100000,900000,VN,en,,,,,\n"},
      {"slots.csv",
       "id,start,minutes,tables\n"
       "d1-0900,2023-09-18T09:00+07:00,20,\n"
       "d1-0920,2023-09-18T09:20+07:00,20,2\n"},
      {"requests.csv", "startup,investor,by,priority\ns1,i1,startup,want\n"},
      {"blocked.csv", "startup,investor,reason\ns2,i1,competitor\n"},
  };
}

void write(const TempDir& dir, const Files& files) {
  for (const auto& [name, text] : files) {
    std::ofstream(dir.path / name, std::ios::binary) << text;
  }
}

struct Outcome {
  int status = 0;
  Lines lines;
};

// Reads the folder `files` (base files with edits) and returns the diagnostics with the temp
// folder's path replaced by "F/".
Outcome read(Files files) {
  TempDir dir;
  write(dir, files);
  try {
    festmatch::read_event(dir.path);
    return {};
  } catch (const festmatch::Error& e) {
    Outcome o{static_cast<int>(e.status()), {}};
    const std::string prefix = dir.path.string() + "/";
    for (const auto& d : e.diagnostics()) {
      std::string line = d.to_string();
      for (auto at = line.find(prefix); at != std::string::npos; at = line.find(prefix)) {
        line.replace(at, prefix.size(), "F/");
      }
      o.lines.push_back(line);
    }
    return o;
  }
}

Lines input_error(Files edits) {
  Files files = base_files();
  for (auto& [k, v] : edits) files[k] = v;
  Outcome o = read(files);
  CHECK(o.status == 1);
  return o.lines;
}

festmatch::Slot slot(const char* id, const char* start, int minutes,
                     std::optional<int> tables = {}) {
  festmatch::Slot s{.id = id, .start = start, .minutes = minutes, .tables = tables};
  const auto t = festmatch::detail::parse_slot_start(start);
  s.start_utc = t.utc_seconds;
  s.utc_offset_minutes = t.offset_minutes;
  return s;
}

festmatch::Event sample_event() {
  using namespace festmatch;
  Event e;
  e.name = "Techfest Hải Phòng 2023";
  e.timezone = "Asia/Ho_Chi_Minh";
  e.sectors = {"logistics", "seaports", "food and cuisine", "AI"};
  e.related_sectors = {{0, 1, 0.8}};
  e.tables = {"A1", "A2", "Bàn 3"};
  e.slots = {slot("d1-0900", "2023-09-18T09:00+07:00", 20),
             slot("d1-0920", "2023-09-18T09:20+07:00", 20, 2)};
  e.startups.push_back({.id = "s1",
                        .name = "Công ty TNHH Nông Sản Đồ Sơn, Chi nhánh \"Hải Phòng\"",
                        .sectors = {{0, 1.0}, {1, 0.1}},
                        .stage = 3,
                        .ask = 1490000.5,
                        .country = "VN",
                        .languages = {"vi", "en"},
                        .max_meetings = 6,
                        .min_meetings = 2,
                        .availability = {Availability::Kind::available, {1, 0}},
                        .mode = Mode::both});
  e.startups.push_back({.id = "s2",
                        .name = "KiKai Factory\nline two",
                        .sectors = {{3, 0.3}},
                        .availability = {Availability::Kind::unavailable, {1}},
                        .mode = Mode::online});
  e.investors.push_back({.id = "i1",
                         .name = "Nguyễn Thị Lan",
                         .organisation = "Quỹ Hải Phòng",
                         .sectors = {{1, 1.0}, {0, 0.25}},
                         .stages = {{2, 1.0}, {3, 0.5}},
                         .ticket = Ticket{200000.0, 2000000.0},
                         .countries = {"VN", "KR"},
                         .languages = {"vi"},
                         .max_meetings = 11,
                         .table = 2});
  e.investors.push_back(
      {.id = "i2", .name = "Remote Ventures", .sectors = {{3, 1.0}}, .mode = Mode::online});
  e.requests = {{0, 0, Side::startup, Priority::must}, {1, 1, Side::investor, Priority::want}};
  e.blocked = {{1, 0, "conflict of interest, \"shareholder\""}};
  e.pinned = {{.startup = 0, .investor = 0, .slot = 0, .table = 2},
              {.startup = 1, .investor = 1, .slot = 0}};
  e.weights.country = 0.2;
  e.options.one_per_organisation = true;
  e.reindex();
  return e;
}

}  // namespace

TEST_CASE("the base folder is valid") {
  TempDir dir;
  write(dir, base_files());
  const festmatch::Event e = festmatch::read_event_folder(dir.path);
  CHECK(e.name == "Folder Fest");
  CHECK(e.startups.size() == 2);
  CHECK(e.startups[1].name == "Nông Sản");
  CHECK(e.startups[1].sectors == std::vector<festmatch::Weighted>{{2, 1.0}, {1, 0.5}});
  CHECK(e.investors[1].sectors ==
        std::vector<festmatch::Weighted>{{0, 1.0}});  // a name alone weighs 1
  CHECK(e.investors[1].ticket == festmatch::Ticket{100000, 900000});
  CHECK(e.investors[0].table == 2);
  CHECK(e.slots[1].tables == 2);
  CHECK(e.requests.size() == 1);
  CHECK(e.pinned.empty());
}

TEST_CASE("folder round trip: write, read, equal") {
  TempDir dir;
  const festmatch::Event e = sample_event();
  CHECK(festmatch::check_event(e).empty());
  festmatch::write_event_folder(e, dir.path / "out");
  CHECK(festmatch::read_event_folder(dir.path / "out") == e);
  // Written twice: the same bytes, and no temporary files left behind.
  const auto first =
      festmatch::detail::event::Json::parse(std::ifstream(dir.path / "out" / "event.json"));
  festmatch::write_event_folder(e, dir.path / "out");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& f : fs::directory_iterator(dir.path / "out")) ++files;
  CHECK(files == 7);
  CHECK(first.contains("sectors"));
  CHECK(!first.contains("startups"));
}

TEST_CASE("the same event as a file and as a folder reads into equal models") {
  TempDir dir;
  const festmatch::Event e = sample_event();
  festmatch::write_event_folder(e, dir.path / "folder");
  festmatch::write_file_atomically(dir.path / "event.json", festmatch::write_event_json(e));
  const festmatch::Event from_folder = festmatch::read_event(dir.path / "folder");
  const festmatch::Event from_file = festmatch::read_event(dir.path / "event.json");
  CHECK(from_folder == from_file);
  CHECK(from_file == e);
}

TEST_CASE("spreadsheet quirks: BOM, CRLF, quoted newlines and separators, any column order") {
  Files files = base_files();
  files["startups.csv"] =
      "\xEF\xBB\xBF"
      "stage,id,name,sectors,languages\r\n"
      "seed,s1,\"Cảng Xanh, \"\"Logistics\"\"\",\"logistics:1; seaports:0.5\",vi; en\r\n"
      "series-a,s2,\"two\r\nlines\",agriculture,\r\n"
      "\r\n";
  files["slots.csv"] =
      "minutes,id,start\r\n20,d1-0900,2023-09-18T09:00+07:00\r\n20,d1-0920,2023-09-18T09:20+07:"
      "00\r\n";
  TempDir dir;
  write(dir, files);
  const festmatch::Event e = festmatch::read_event_folder(dir.path);
  REQUIRE(e.startups.size() == 2);
  CHECK(e.startups[0].name == "Cảng Xanh, \"Logistics\"");
  CHECK(e.startups[0].stage == 2);
  CHECK(e.startups[0].sectors == std::vector<festmatch::Weighted>{{0, 1.0}, {1, 0.5}});
  CHECK(e.startups[0].languages == std::vector<std::string>{"vi", "en"});
  CHECK(e.startups[1].name == "two\r\nlines");
  CHECK(e.startups[1].languages.empty());
  CHECK(!e.startups[1].ask);
}

TEST_CASE("CSV value errors: FILE:LINE:COLUMN, naming the column") {
  Files edit;
  edit["startups.csv"] =
      "id,name,sectors,stage,ask\n"
      "s1,A,logistics:1,seed,\n"
      "s2,\"B\nB\",logistic:1;seaports:x,seriesa,lots\n"
      "s1,C,logistics:1;logistics:2,seed,-1\n";
  CHECK(input_error(edit) ==
        Lines{"F/startups.csv:3:3: error: weight of sector 'seaports' must be a number, got \"x\" "
              "in column 'sectors'",
              "F/startups.csv:3:3: error: unknown sector 'logistic' in column 'sectors'; did you "
              "mean 'logistics'?",
              "F/startups.csv:3:4: error: unknown stage 'seriesa' in column 'stage'; did you mean "
              "'series-a'?",
              "F/startups.csv:3:5: error: 'ask' must be a number, got \"lots\" in column 'ask'",
              "F/startups.csv:5:1: error: duplicate startup id 's1' (also startups.csv:2) in "
              "column 'id'",
              "F/startups.csv:5:3: error: sector 'logistics' is listed twice in column 'sectors'",
              "F/startups.csv:5:5: error: 'ask' must be greater than 0, got -1 in column 'ask'"});
}

TEST_CASE("CSV header errors: unknown, duplicate and missing columns") {
  Files edit;
  edit["investors.csv"] = "id,name,sector,max_meeting,name\ni1,A,x,1,B\n";
  CHECK(input_error(edit) ==
        Lines{"F/investors.csv:1:1: error: missing required column 'sectors' in investors.csv",
              "F/investors.csv:1:3: error: unknown column 'sector' in investors.csv; did you mean "
              "'sectors'?",
              "F/investors.csv:1:4: error: unknown column 'max_meeting' in investors.csv; did you "
              "mean 'max_meetings'?",
              "F/investors.csv:1:5: error: duplicate column 'name' (also column 2)"});
}

TEST_CASE("CSV: empty required cells, half a ticket, bad numbers, both availabilities") {
  Files edit;
  edit["investors.csv"] =
      "id,sectors,ticket_min,ticket_max,max_meetings,table,available,unavailable,mode\n"
      "i1,,100,,2.5,T99,d1-0900,d1-0920,onlin\n"
      "i2,logistics,900,100,,,,,\n";
  CHECK(
      input_error(edit) ==
      Lines{"F/investors.csv:2:2: error: empty cell in required column 'sectors'",
            "F/investors.csv:2:4: error: empty cell in required column 'ticket_max' (a ticket "
            "needs both ticket_min and ticket_max)",
            "F/investors.csv:2:5: error: 'max_meetings' must be a whole number, got 2.5 in column "
            "'max_meetings'",
            "F/investors.csv:2:6: error: unknown table 'T99' in column 'table'; did you mean 'T9'?",
            "F/investors.csv:2:8: error: both 'available' and 'unavailable' are given; use one of "
            "them in column 'unavailable'",
            "F/investors.csv:2:9: error: unknown mode 'onlin' in column 'mode'; did you mean "
            "'online'?",
            "F/investors.csv:3:3: error: ticket min 900 is above ticket max 100 in column "
            "'ticket_min'"});
}

TEST_CASE("CSV: slot start without an offset, unknown by") {
  Files edit;
  edit["slots.csv"] =
      "id,start,minutes\nd1-0900,2023-09-18T09:00,20\nd1-0920,2023-09-18T09:20+07:00,0\n";
  edit["requests.csv"] =
      "startup,investor,by,priority\ns1,i1,startup,want\ns1,i1,startup,must\ns1,i1,fund,\n";
  CHECK(
      input_error(edit) ==
      Lines{
          "F/slots.csv:2:2: error: invalid slot start '2023-09-18T09:00': no UTC offset (add Z or "
          "+HH:MM, e.g. 2023-09-18T09:00+07:00) in column 'start'",
          "F/slots.csv:3:3: error: 'minutes' must be between 1 and 1440, got 0 in column 'minutes'",
          "F/requests.csv:4:3: error: unknown by 'fund' in column 'by' (expected startup or "
          "investor)"});
}

TEST_CASE("CSV: pin conflicts are infeasible and name both pins") {
  Files files = base_files();
  files["pinned.csv"] =
      "startup,investor,slot,table\ns1,i1,d1-0900,\ns1,i2,d1-0900,\ns2,i1,d1-0900,T4\n";
  const Outcome o = read(files);
  CHECK(o.status == 3);
  CHECK(o.lines == Lines{"F/pinned.csv:3:1: error: pinned meeting s1 x i2 in slot d1-0900 "
                         "double-books startup s1 (also pinned with i1, pinned.csv:2)",
                         "F/pinned.csv:4:1: error: pinned meeting s2 x i1 in slot d1-0900 is with "
                         "a blocked pair ('competitor', blocked.csv:2)",
                         "F/pinned.csv:4:1: error: pinned meeting s2 x i1 in slot d1-0900 "
                         "double-books investor i1 (also pinned with s1, pinned.csv:2)",
                         "F/pinned.csv:4:1: error: pinned meeting s2 x i1 in slot d1-0900 is "
                         "pinned to table T4 but investor i1's fixed table is T3"});
}

TEST_CASE("folder layout errors") {
  Files files = base_files();
  files["event.json"] =
      R"({"format": "festmatch-event/1", "sectors": ["logistics", "seaports", "agriculture"],
          "tables": 9, "startups": []})";
  CHECK(read(files).lines == Lines{"F/event.json:/startups: error: 'startups' belongs in "
                                   "startups.csv in an event folder, not in event.json"});
  files = base_files();
  files.erase("slots.csv");
  files["startups.csv"] = "id,name\ns1,\"unterminated\n";
  files["event.json"] = "{\"format\": ";
  const Outcome o = read(files);
  CHECK(o.status == 1);
  CHECK(o.lines ==
        Lines{"F/event.json:1:12: error: invalid JSON: syntax error while parsing value - "
              "unexpected end of input; expected '[', '{', or a literal",
              "F/startups.csv:2:2: error: unterminated quoted field (the quote opened here is "
              "never closed)",
              "F/slots.csv: error: missing file (an event folder holds event.json, startups.csv, "
              "investors.csv and slots.csv [+ requests.csv, blocked.csv, pinned.csv])"});
}

TEST_CASE("read_event: missing paths") {
  CHECK_THROWS_WITH_AS(festmatch::read_event("/nonexistent/festmatch/event.json"),
                       "/nonexistent/festmatch/event.json: error: no such file or folder",
                       festmatch::InputError);
}

TEST_CASE("write_event_folder refuses what CSV cannot hold") {
  festmatch::Event e = sample_event();
  e.startups[0].languages = {"vi;en"};
  e.investors[1].availability = {festmatch::Availability::Kind::available, {}};
  TempDir dir;
  try {
    festmatch::write_event_folder(e, dir.path / "out");
    FAIL("expected an InputError");
  } catch (const festmatch::InputError& x) {
    CHECK(std::string(x.what()) ==
          "<input>:/startups/0/languages/0: error: 'vi;en' cannot be written to a CSV list cell "
          "(it holds ';' or surrounding spaces)\n"
          "<input>:/investors/1/available: error: an empty 'available' list cannot be written to a "
          "CSV cell");
  }
  CHECK(!fs::exists(dir.path / "out"));
}
