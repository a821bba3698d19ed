#include <doctest/doctest.h>

#include <algorithm>
#include <festmatch/event/event_json.hpp>
#include <festmatch/scheduler/schedule_json.hpp>
#include <festmatch/scoring/scoring.hpp>
#include <festmatch/util/atomic_file.hpp>
#include <festmatch/util/csv.hpp>
#include <festmatch/validator/schedule_validator.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace festmatch;
using festmatch::test::slurp;
namespace fs = std::filesystem;

namespace {

// The fixture of each test case: a folder of its own, with event.json and schedule.json.
struct ExportDir {
  test::TempDir temp{"cli-export"};
  fs::path dir = temp.path;
  ExportDir();

  // Runs the CLI with `args`; returns its exit status, stdout and stderr in out/err.
  int run(const std::string& args, std::string* out = nullptr, std::string* err = nullptr) const {
    const test::Run r = test::run_cli(temp, args);
    if (out) *out = r.out;
    if (err) *err = r.err;
    return r.status;
  }

  [[nodiscard]] std::string base_args() const {
    return "export '" + (dir / "event.json").string() + "' --schedule '" +
           (dir / "schedule.json").string() + "'";
  }
};

ExportDir::ExportDir() {
  Event e;
  e.name = "Techfest Hải Phòng 2023";
  e.sectors = {"logistics", "seaports"};
  e.tables = {"T1", "T2"};
  e.options.min_meetings = 1;  // no warning: the two slots can hold it
  e.slots.push_back({.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20});
  e.slots.push_back({.id = "d1-0920", .start = "2023-09-18T09:20+07:00", .minutes = 20});
  e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}, .stage = 2});
  e.startups.push_back({.id = "s2", .name = "Comma, Inc", .sectors = {{1, 1.0}}, .stage = 1});
  e.investors.push_back({.id = "i1",
                         .name = "Mekong Fund",
                         .organisation = "Mekong Capital",
                         .sectors = {{0, 1.0}, {1, 0.5}}});
  e.investors.push_back({.id = "i2", .name = "KiKai Factory", .sectors = {{1, 1.0}}});
  e.pinned.push_back({.startup = 0, .investor = 0, .slot = 0, .table = 0});
  e.reindex();
  write_file_atomically(dir / "event.json", write_event_json(e));
  const Event back = read_event_json(slurp(dir / "event.json"), "event.json");
  // A schedule that keeps the event's rules (export refuses any other): the pairs' own scores,
  // the stats and shortfalls they give.
  Schedule s;
  s.meetings.push_back({.startup = 0, .investor = 0, .slot = 0, .table = 0, .pinned = true});
  s.meetings.push_back({.startup = 1, .investor = 1, .slot = 0, .table = 1});
  s.meetings.push_back({.startup = 1, .investor = 0, .slot = 1, .table = 0});
  for (Meeting& m : s.meetings) m.score = explain(back, m.startup, m.investor).score;
  const ScheduleCheck check = check_schedule(back, s);
  s.stats = {.meetings = 3,
             .objective = check.objective,
             .score_total = check.score_total,
             .upper_bound = check.objective,
             .startups_below_min = check.startups_below_min};
  s.shortfalls = expected_shortfalls(back, s.meetings);
  for (Shortfall& f : s.shortfalls) f.reason = "no eligible partner is free";
  REQUIRE(check_schedule(back, s).violations == std::vector<std::string>{});
  REQUIRE(check_shortfalls(back, s).empty());
  write_file_atomically(dir / "schedule.json", write_schedule_json(back, s));
}

}  // namespace

TEST_CASE_FIXTURE(ExportDir, "festmatch export writes csv, ics and html, byte-identical on rerun") {
  std::string out, err;
  REQUIRE(run(base_args() + " --format csv --output '" + (dir / "m.csv").string() + "'", &out,
              &err) == 0);
  // stdout is for data: the summary goes to stderr (progress too, on a terminal only).
  CHECK(out.empty());
  CHECK(err == "wrote " + (dir / "m.csv").string() + ": 3 meetings\n");
  const std::string csv = slurp(dir / "m.csv");
  CHECK(csv ==
        "\xEF\xBB\xBF"
        "date,start,end,utc_offset,slot,table,mode,startup,startup_name,investor,investor_name,"
        "organisation,score,pinned\r\n"
        "2023-09-18,09:00,09:20,+07:00,d1-0900,T1,in-person,s1,Cảng Xanh,i1,Mekong Fund,Mekong "
        "Capital,0.877,yes\r\n"
        "2023-09-18,09:00,09:20,+07:00,d1-0900,T2,in-person,s2,\"Comma, Inc\",i2,KiKai "
        "Factory,,0.925,no\r\n"
        "2023-09-18,09:20,09:40,+07:00,d1-0920,T1,in-person,s2,\"Comma, Inc\",i1,Mekong "
        "Fund,Mekong Capital,0.676,no\r\n");

  REQUIRE(run(base_args() + " --format ics --output '" + (dir / "cal").string() + "'", &out,
              &err) == 0);
  CHECK(out.empty());
  CHECK(err == "wrote " + (dir / "cal").string() + ": 4 calendars, 3 meetings\n");
  for (const char* f : {"s1.ics", "s2.ics", "i1.ics", "i2.ics"}) CHECK(fs::exists(dir / "cal" / f));
  CHECK(slurp(dir / "cal" / "i1.ics").find("SUMMARY:Meeting with Comma\\, Inc\r\n") !=
        std::string::npos);
  // Participants' calendars carry no scores; --details (the organiser's copy) adds them.
  CHECK(slurp(dir / "cal" / "s1.ics").find("Score") == std::string::npos);
  REQUIRE(run(base_args() + " --format ics --details --quiet --output '" +
                  (dir / "cal-details").string() + "'",
              &out, &err) == 0);
  CHECK(out.empty());
  CHECK(err.empty());
  std::string details = slurp(dir / "cal-details" / "s1.ics");
  for (std::size_t at; (at = details.find("\r\n ")) != std::string::npos;) details.erase(at, 3);
  CHECK(details.find("\\nScore 0.877 = base ") != std::string::npos);

  REQUIRE(run(base_args() + " --format html --quiet --output '" + (dir / "s.html").string() +
              "'") == 0);
  CHECK(slurp(dir / "s.html").find("Cảng Xanh") != std::string::npos);

  // Reruns give the same bytes.
  const std::string ics = slurp(dir / "cal" / "i1.ics"), html = slurp(dir / "s.html");
  REQUIRE(run(base_args() + " --format csv --quiet --output '" + (dir / "m.csv").string() + "'") ==
          0);
  REQUIRE(run(base_args() + " --format ics --quiet --output '" + (dir / "cal").string() + "'") ==
          0);
  REQUIRE(run(base_args() + " --format html --quiet --output '" + (dir / "s.html").string() +
              "'") == 0);
  CHECK(slurp(dir / "m.csv") == csv);
  CHECK(slurp(dir / "cal" / "i1.ics") == ics);
  CHECK(slurp(dir / "s.html") == html);
}

TEST_CASE_FIXTURE(ExportDir,
                  "festmatch export: usage errors exit 2, bad schedules 1, unwritable outputs 4") {
  std::string err;
  CHECK(run(base_args() + " --format pdf --output '" + (dir / "x.pdf").string() + "'", nullptr,
            &err) == 2);
  CHECK(err.find("--format") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "x.pdf"));
  CHECK(run(base_args() + " --format csv") == 2);  // no --output
  for (const char* format : {"csv", "html"}) {     // --details is for the calendars only
    CHECK(run(base_args() + " --format " + format + " --details --output '" +
                  (dir / "x.out").string() + "'",
              nullptr, &err) == 2);
    CHECK(err.find("--details: applies to --format ics only") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "x.out"));
  }

  // A schedule naming a slot the event does not have does not fit the event: exit 1, the
  // diagnostic names where, and how to repair it.
  std::string text = slurp(dir / "schedule.json");
  text.replace(text.find("\"slot\":\"d1-0920\""), 16, "\"slot\":\"d1-0930\"");
  write_file_atomically(dir / "bad.json", text);
  CHECK(run("export '" + (dir / "event.json").string() + "' --schedule '" +
                (dir / "bad.json").string() + "' --format csv --output '" +
                (dir / "bad.csv").string() + "'",
            nullptr, &err) == 1);
  const std::string bad = (dir / "bad.json").string(), event = (dir / "event.json").string();
  CHECK(err == bad + ":/meetings/2/slot: error: does not fit the event " + event +
                   ": meeting s2 with i1 in slot d1-0930: slot d1-0930 is not in the event\n" +
                   bad + ": error: run festmatch reschedule " + event + " --schedule " + bad +
                   " --output NEW to repair it\n");
  CHECK_FALSE(fs::exists(dir / "bad.csv"));

  // Outputs under a regular file cannot be written: exit 4 and no file anywhere.
  std::ofstream(dir / "plain") << "x";
  for (const char* format : {"csv", "html"}) {
    CHECK(run(base_args() + " --format " + format + " --output '" +
                  (dir / "plain" / "out").string() + "'",
              nullptr, &err) == 4);
    CHECK(err.find("cannot write") != std::string::npos);
  }
  CHECK(run(base_args() + " --format ics --output '" + (dir / "plain").string() + "'", nullptr,
            &err) == 4);
  CHECK(err.find("cannot create the folder") != std::string::npos);
  CHECK(slurp(dir / "plain") == "x");
  // Nothing but the inputs, the plain file and the captured output streams.
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    INFO(entry.path().string());
    ++entries;
  }
  CHECK(entries == 6);  // event.json, schedule.json, bad.json, plain, stdout, stderr
}

TEST_CASE_FIXTURE(ExportDir, "festmatch export --format ics removes calendars it did not write") {
  // What an earlier export into the folder left: a calendar of a participant no longer in the
  // event, and things festmatch does not write (other names, a folder).
  const fs::path cal = dir / "cal";
  fs::create_directories(cal / "archive.ics");
  test::write_text(cal / "s9.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  test::write_text(cal / "notes.txt", "kept\n");
  test::write_text(cal / "s1.ics.bak", "kept\n");
  REQUIRE(run(base_args() + " --format ics --quiet --output '" + cal.string() + "'") == 0);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(cal)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"archive.ics", "i1.ics", "i2.ics", "notes.txt", "s1.ics",
                                          "s1.ics.bak", "s2.ics"});
  CHECK(slurp(cal / "notes.txt") == "kept\n");
}

namespace {

// Rewrites a CSV file of an event folder with `edit` applied to each row (cells by column
// name); `add` columns are appended first, empty.
void edit_csv(const fs::path& file, const std::vector<std::string>& add,
              const std::function<void(std::map<std::string, std::string>&)>& edit) {
  CsvTable table = parse_csv(slurp(file), file.string());
  std::vector<std::string> header = table.header.fields;
  header.insert(header.end(), add.begin(), add.end());
  std::string text = csv_row(header);
  for (const CsvRecord& r : table.records) {
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < header.size(); ++k)
      row[header[k]] = k < r.fields.size() ? r.fields[k] : "";
    edit(row);
    std::vector<std::string> cells;
    for (const auto& h : header) cells.push_back(row[h]);
    text += csv_row(cells);
  }
  test::write_text(file, text);
}

// The Techfest example in a folder of its own, and its schedule.
struct TechfestDir {
  test::TempDir temp{"cli-export-stale"};
  fs::path event = temp.path / "techfest", schedule = temp.path / "schedule.json";
  TechfestDir() {
    fs::copy(fs::path(test::source_dir()) / "examples" / "techfest-haiphong", event);
    const test::Run r = test::run_cli(
        temp, "schedule '" + event.string() + "' --quiet --output '" + schedule.string() + "'");
    REQUIRE(r.status == 0);
  }
  test::Run run(const std::string& args) const { return test::run_cli(temp, args); }
  [[nodiscard]] std::string export_args(const fs::path& file) const {
    return "export '" + event.string() + "' --schedule '" + file.string() +
           "' --format csv --quiet --output '" + (temp.path / "meetings.csv").string() + "'";
  }
  // The three lines of a refusal, with the first problem and the count of the others.
  [[nodiscard]] std::string refusal(const std::string& first, int others) const {
    return schedule.string() + ": error: does not fit the event " + event.string() + ": " + first +
           "\n" + schedule.string() + ": error: and " + std::to_string(others) +
           " more problems\n" + schedule.string() + ": error: run festmatch reschedule " +
           event.string() + " --schedule " + schedule.string() + " --output NEW to repair it\n";
  }
};

}  // namespace

TEST_CASE_FIXTURE(TechfestDir, "export and explain check the schedule against the event") {
  // The event it was made for: exported as it is.
  test::Run r = run(export_args(schedule));
  CHECK(r.err == "");
  CHECK(r.status == 0);
  // A schedule made with --objective total reports Σ score as its objective, and is checked so.
  const fs::path total = temp.path / "total.json";
  REQUIRE(run("schedule '" + event.string() + "' --quiet --objective total --output '" +
              total.string() + "'")
              .status == 0);
  r = run(export_args(total));
  CHECK(r.err == "");
  CHECK(r.status == 0);
  fs::remove(temp.path / "meetings.csv");
  // A file whose stats match neither objective is refused (checked against the fair one).
  std::string text = slurp(total);
  const auto at = text.find("\"objective\": ");
  REQUIRE(at != std::string::npos);
  text.insert(at + 13, "1");
  test::write_text(total, text);
  r = run(export_args(total));
  CHECK(r.status == 1);
  const auto refused = test::lines(r.err);
  REQUIRE(refused.size() == 3);
  CHECK(refused[0].starts_with(total.string() + ": error: does not fit the event " +
                               event.string() + ": stats.objective is 1"));
  CHECK(refused[1] == total.string() + ": error: and 1 more problem");  // the bound is below it

  SUBCASE("a startup made unavailable everywhere") {
    edit_csv(event / "startups.csv", {}, [](auto& row) {
      if (row["id"] == "S001") {
        row["available"] = "";
        row["unavailable"] =
            "d1-1400;d1-1430;d1-1500;d1-1530;d1-1600;d2-0900;d2-0930;d2-1000;d2-1030;d2-1100;"
            "d2-1400;d2-1430;d2-1500;d2-1530;d2-1600;d3-0900;d3-0930;d3-1000;d3-1030;d3-1100;"
            "d3-1400;d3-1430;d3-1500;d3-1530;d3-1600;d4-0900;d4-0930;d4-1000;d4-1030;d4-1100";
      }
    });
    r = run(export_args(schedule));
    CHECK(r.status == 1);
    CHECK(r.err ==
          refusal("meeting S001 with INV14 in slot d2-0900: startup S001 is not available", 5));
  }
  SUBCASE("an investor cancelled") {
    edit_csv(event / "investors.csv", {"status"}, [](auto& row) {
      if (row["id"] == "INV03") row["status"] = "cancelled";
    });
    r = run(export_args(schedule));
    CHECK(r.status == 1);
    CHECK(r.err ==
          refusal("meeting S034 with INV03 in slot d2-1030: investor INV03 is cancelled", 9));
  }
  CHECK_FALSE(fs::exists(temp.path / "meetings.csv"));
  // explain --schedule refuses it too (after the event's warnings: explain has no --quiet).
  r = run("explain '" + event.string() + "' S001 INV09 --schedule '" + schedule.string() + "'");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  const auto lines = test::lines(r.err);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[lines.size() - 3].starts_with(schedule.string() + ": error: does not fit the event"));
  CHECK(lines.back() == schedule.string() + ": error: run festmatch reschedule " + event.string() +
                            " --schedule " + schedule.string() + " --output NEW to repair it");
}
