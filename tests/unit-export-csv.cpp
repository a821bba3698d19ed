#include <doctest/doctest.h>
#include <unistd.h>

#include <festmatch/export/csv.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace festmatch;
namespace fs = std::filesystem;

namespace {

Event tricky_event() {
  Event e;
  e.name = "Techfest Hải Phòng 2023";
  e.sectors = {"logistics"};
  e.tables = {"T1", "T2"};
  e.slots.push_back({.id = "d2-0900", .start = "2023-09-19T09:00+07:00", .minutes = 30});
  e.slots.push_back({.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20});
  e.slots.push_back({.id = "d1-2350", .start = "2023-09-18T23:50-03:30", .minutes = 20});
  e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}});
  e.startups.push_back({.id = "s2", .name = "Comma, \"Quote\" Co", .sectors = {{0, 1.0}}});
  e.startups.push_back({.id = "s3", .name = "Line\nbreak\r\nCo", .sectors = {{0, 1.0}}});
  e.investors.push_back({.id = "i1", .name = "Mekong Fund", .sectors = {{0, 1.0}}});
  e.investors.push_back({.id = "i2", .name = "KiKai Factory", .sectors = {{0, 1.0}}});
  e.reindex();
  return e;
}

Schedule tricky_schedule() {
  Schedule s;
  // Deliberately out of order: the export sorts by slot time, table (online last), startup.
  s.meetings.push_back({.startup = 2, .investor = 1, .slot = 0, .table = 1, .score = 0.1 + 0.2});
  s.meetings.push_back({.startup = 0, .investor = 0, .slot = 0, .table = 0, .score = 1.0 / 3.0});
  s.meetings.push_back({.startup = 1, .investor = 1, .slot = 1, .score = 1.25, .online = true});
  s.meetings.push_back({.startup = 0, .investor = 1, .slot = 1, .table = 1, .score = 0.5});
  s.meetings.push_back({.startup = 1, .investor = 0, .slot = 2, .table = 0, .score = 2.0});
  return s;
}

// A plain RFC 4180 reader: records of fields; CRLF or LF ends a record outside quotes.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (quoted) {
      if (c == '"' && k + 1 < text.size() && text[k + 1] == '"') {
        field += '"';
        ++k;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      REQUIRE(field.empty());
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r') {
        REQUIRE((k + 1 < text.size() && text[k + 1] == '\n'));
        ++k;
      }
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  REQUIRE(!quoted);
  REQUIRE(field.empty());
  REQUIRE(row.empty());  // the last record ends with a line break
  (void)was_quoted;
  return rows;
}

}  // namespace

TEST_CASE("the CSV export parses back to the schedule, sorted, names byte for byte") {
  const Event e = tricky_event();
  const Schedule s = tricky_schedule();
  const std::string text = export_csv(e, s);
  const auto rows = read_csv(text);
  REQUIRE(rows.size() == 1 + s.meetings.size());
  CHECK(rows[0] == std::vector<std::string>{"slot", "start", "end", "table", "mode", "startup",
                                            "startup_name", "investor", "investor_name", "score"});
  // Expected order: d1-0900 (T2 s1, online s2), d2-0900 (T1 s1, T2 s3), d1-2350 (next day UTC).
  const std::vector<std::size_t> expected_order = {3, 2, 1, 0, 4};
  for (std::size_t r = 0; r < expected_order.size(); ++r) {
    const Meeting& m = s.meetings[expected_order[r]];
    const auto& row = rows[r + 1];
    REQUIRE(row.size() == 10);
    CHECK(row[0] == e.slots[std::size_t(m.slot)].id);
    CHECK(row[3] == (m.table ? e.tables[std::size_t(*m.table)] : ""));
    CHECK(row[4] == (m.online ? "online" : "in-person"));
    CHECK(row[5] == e.startups[std::size_t(m.startup)].id);
    CHECK(row[6] == e.startups[std::size_t(m.startup)].name);
    CHECK(row[7] == e.investors[std::size_t(m.investor)].id);
    CHECK(row[8] == e.investors[std::size_t(m.investor)].name);
    CHECK(std::stod(row[9]) == m.score);
  }
  CHECK(rows[1][1] == "2023-09-18T09:00+07:00");
  CHECK(rows[1][2] == "2023-09-18T09:20+07:00");
  CHECK(rows[3][2] == "2023-09-19T09:30+07:00");
  CHECK(rows[5][1] == "2023-09-18T23:50-03:30");
  CHECK(rows[5][2] == "2023-09-19T00:10-03:30");  // end crosses midnight in local time
  CHECK(rows[4][9] == "0.30000000000000004");
}

TEST_CASE("CSV quoting follows RFC 4180 and line ends are CRLF, or LF on request") {
  const Event e = tricky_event();
  const Schedule s = tricky_schedule();
  const std::string text = export_csv(e, s);
  CHECK(text.starts_with(
      "slot,start,end,table,mode,startup,startup_name,investor,investor_name,score\r\n"
      "d1-0900,2023-09-18T09:00+07:00,2023-09-18T09:20+07:00,T2,in-person,s1,Cảng Xanh,i2,KiKai "
      "Factory,0.5\r\n"
      "d1-0900,2023-09-18T09:00+07:00,2023-09-18T09:20+07:00,,online,s2,\"Comma, \"\"Quote\"\" "
      "Co\",i2,KiKai Factory,1.25\r\n"));
  CHECK(text.find(",s3,\"Line\nbreak\r\nCo\",i2,") != std::string::npos);
  const std::string lf = export_csv(e, s, {.crlf = false});
  CHECK(lf.find("score\nd1-0900,") != std::string::npos);
  CHECK(read_csv(lf) == read_csv(text));
}

TEST_CASE("an empty schedule exports just the header") {
  CHECK(export_csv(tricky_event(), Schedule{}) ==
        "slot,start,end,table,mode,startup,startup_name,investor,investor_name,score\r\n");
}

TEST_CASE("write_csv writes atomically and reruns are byte-identical") {
  const fs::path dir =
      fs::temp_directory_path() / ("festmatch-export-csv-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const Event e = tricky_event();
  write_csv(dir / "a.csv", e, tricky_schedule());
  write_csv(dir / "b.csv", e, tricky_schedule());
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  CHECK(slurp(dir / "a.csv") == export_csv(e, tricky_schedule()));
  CHECK(slurp(dir / "a.csv") == slurp(dir / "b.csv"));
  CHECK_THROWS_AS(write_csv(dir / "a.csv" / "x.csv", e, tricky_schedule()), OutputError);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);
  fs::remove_all(dir);
}
