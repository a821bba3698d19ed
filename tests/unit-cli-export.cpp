#include <doctest/doctest.h>

#include <festmatch/event/event_json.hpp>
#include <festmatch/scheduler/schedule_json.hpp>
#include <festmatch/util/atomic_file.hpp>
#include <filesystem>
#include <fstream>
#include <string>

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
  Schedule s;
  s.meetings.push_back(
      {.startup = 0, .investor = 0, .slot = 0, .table = 0, .score = 0.9, .pinned = true});
  s.meetings.push_back({.startup = 1, .investor = 1, .slot = 0, .table = 1, .score = 0.8});
  s.meetings.push_back({.startup = 1, .investor = 0, .slot = 1, .table = 0, .score = 0.7});
  s.stats.meetings = 3;
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
        "Capital,0.9,yes\r\n"
        "2023-09-18,09:00,09:20,+07:00,d1-0900,T2,in-person,s2,\"Comma, Inc\",i2,KiKai "
        "Factory,,0.8,no\r\n"
        "2023-09-18,09:20,09:40,+07:00,d1-0920,T1,in-person,s2,\"Comma, Inc\",i1,Mekong "
        "Fund,Mekong Capital,0.7,no\r\n");

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
  CHECK(details.find("\\nScore 0.9 = base ") != std::string::npos);

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

  // A schedule naming a slot the event does not have: exit 1, the diagnostic names it.
  std::string text = slurp(dir / "schedule.json");
  text.replace(text.find("\"slot\":\"d1-0920\""), 16, "\"slot\":\"d1-0930\"");
  write_file_atomically(dir / "bad.json", text);
  CHECK(run("export '" + (dir / "event.json").string() + "' --schedule '" +
                (dir / "bad.json").string() + "' --format csv --output '" +
                (dir / "bad.csv").string() + "'",
            nullptr, &err) == 1);
  CHECK(err == (dir / "bad.json").string() + ":/meetings/2/slot: error: unknown slot 'd1-0930'\n");
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
