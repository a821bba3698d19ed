#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <festmatch/event/read_event.hpp>
#include <festmatch/export/csv.hpp>
#include <festmatch/scheduler/scheduler.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "test_support.hpp"

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
  e.slots.push_back({.id = "untimed", .minutes = 15});  // no start: an Event built in code
  e.slots.push_back({.id = "d3-1000", .start = "2023-09-20T10:00:30Z", .minutes = 10});
  e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}});
  e.startups.push_back({.id = "s2", .name = "Comma, \"Quote\" Co", .sectors = {{0, 1.0}}});
  e.startups.push_back({.id = "s3", .name = "Line\nbreak\r\nCo", .sectors = {{0, 1.0}}});
  e.investors.push_back({.id = "i1",
                         .name = "Nguyễn Thị Lan",
                         .organisation = "Quỹ Đầu tư Đổi mới Sáng tạo Hải Phòng",
                         .sectors = {{0, 1.0}}});
  e.investors.push_back({.id = "i2", .name = "KiKai Factory", .sectors = {{0, 1.0}}});
  // s1 with i1 in d2-0900 is pinned; s2 with i1 is pinned in d2-0900 but meets in d1-2350.
  e.pinned.push_back({.startup = 0, .investor = 0, .slot = 0});
  e.pinned.push_back({.startup = 1, .investor = 0, .slot = 0});
  e.reindex();
  return e;
}

Schedule tricky_schedule() {
  Schedule s;
  // Deliberately out of order: the export sorts by slot time, table (online last), startup.
  s.meetings.push_back({.startup = 2, .investor = 1, .slot = 0, .table = 1, .score = 0.1 + 0.2});
  s.meetings.push_back(
      {.startup = 0, .investor = 0, .slot = 0, .table = 0, .score = 1.0 / 3.0, .pinned = true});
  s.meetings.push_back({.startup = 1, .investor = 1, .slot = 1, .score = 1.25, .online = true});
  s.meetings.push_back({.startup = 0, .investor = 1, .slot = 1, .table = 1, .score = 0.5});
  s.meetings.push_back({.startup = 1, .investor = 0, .slot = 2, .table = 0, .score = 2.0});
  // Marked pinned in the schedule, but the event does not pin it: the column says "no".
  s.meetings.push_back({.startup = 2,
                        .investor = 0,
                        .slot = 3,
                        .table = 0,
                        .score = 0.9460000000000002,
                        .pinned = true});
  s.meetings.push_back({.startup = 0, .investor = 1, .slot = 4, .table = 0, .score = 0.1236});
  return s;
}

const std::string bom = "\xEF\xBB\xBF";
const std::string header =
    "date,start,end,utc_offset,slot,table,mode,startup,startup_name,investor,investor_name,"
    "organisation,score,pinned";

// The text after the byte order mark, which the export must start with.
std::string without_bom(const std::string& text) {
  REQUIRE(text.starts_with(bom));
  return text.substr(bom.size());
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
  const auto rows = read_csv(without_bom(text));
  REQUIRE(rows.size() == 1 + s.meetings.size());
  CHECK(rows[0] == std::vector<std::string>{"date", "start", "end", "utc_offset", "slot", "table",
                                            "mode", "startup", "startup_name", "investor",
                                            "investor_name", "organisation", "score", "pinned"});
  // Expected order: untimed (UTC 0), d1-0900 (T2 s1, online s2), d2-0900 (T1 s1, T2 s3),
  // d1-2350 (the next day in UTC), d3-1000.
  const std::vector<std::size_t> expected_order = {5, 3, 2, 1, 0, 4, 6};
  for (std::size_t r = 0; r < expected_order.size(); ++r) {
    const Meeting& m = s.meetings[expected_order[r]];
    const auto& row = rows[r + 1];
    INFO("row " << r + 1);
    REQUIRE(row.size() == 14);
    CHECK(row[4] == e.slots[std::size_t(m.slot)].id);
    CHECK(row[5] == (m.table ? e.tables[std::size_t(*m.table)] : ""));
    CHECK(row[6] == (m.online ? "online" : "in-person"));
    CHECK(row[7] == e.startups[std::size_t(m.startup)].id);
    CHECK(row[8] == e.startups[std::size_t(m.startup)].name);
    CHECK(row[9] == e.investors[std::size_t(m.investor)].id);
    CHECK(row[10] == e.investors[std::size_t(m.investor)].name);
    CHECK(row[11] == e.investors[std::size_t(m.investor)].organisation);
  }
  // Local date, clock times and offset; nothing for a slot without a start.
  using Cells = std::vector<std::string>;
  auto time_cells = [&](std::size_t r) { return Cells(rows[r].begin(), rows[r].begin() + 4); };
  CHECK(time_cells(1) == Cells{"", "", "", ""});
  CHECK(time_cells(2) == Cells{"2023-09-18", "09:00", "09:20", "+07:00"});
  CHECK(time_cells(4) == Cells{"2023-09-19", "09:00", "09:30", "+07:00"});
  CHECK(time_cells(6) == Cells{"2023-09-18", "23:50", "00:10", "-03:30"});  // ends next day
  CHECK(time_cells(7) == Cells{"2023-09-20", "10:00:30", "10:10:30", "+00:00"});
  // Scores rounded to 3 decimals, trailing zeros dropped.
  std::vector<std::string> scores;
  for (std::size_t r = 1; r < rows.size(); ++r) scores.push_back(rows[r][12]);
  CHECK(scores == std::vector<std::string>{"0.946", "0.5", "1.25", "0.333", "0.3", "2", "0.124"});
  // Pinned: the event's pins, by startup, investor and slot; not the schedule's flag.
  std::vector<std::string> pinned;
  for (std::size_t r = 1; r < rows.size(); ++r) pinned.push_back(rows[r][13]);
  CHECK(pinned == std::vector<std::string>{"no", "no", "no", "yes", "no", "no", "no"});
}

TEST_CASE("CSV quoting follows RFC 4180, line ends are CRLF or LF, the BOM can be left out") {
  const Event e = tricky_event();
  const Schedule s = tricky_schedule();
  const std::string text = export_csv(e, s);
  CHECK(text.starts_with(
      bom + header +
      "\r\n"
      ",,,,untimed,T1,in-person,s3,\"Line\nbreak\r\nCo\",i1,Nguyễn Thị Lan,Quỹ Đầu tư Đổi mới "
      "Sáng tạo Hải Phòng,0.946,no\r\n"
      "2023-09-18,09:00,09:20,+07:00,d1-0900,T2,in-person,s1,Cảng Xanh,i2,KiKai Factory,,0.5,"
      "no\r\n"
      "2023-09-18,09:00,09:20,+07:00,d1-0900,,online,s2,\"Comma, \"\"Quote\"\" Co\",i2,KiKai "
      "Factory,,1.25,no\r\n"
      "2023-09-19,09:00,09:30,+07:00,d2-0900,T1,in-person,s1,Cảng Xanh,i1,Nguyễn Thị Lan,Quỹ Đầu "
      "tư Đổi mới Sáng tạo Hải Phòng,0.333,yes\r\n"));
  const std::string lf = export_csv(e, s, {.crlf = false});
  CHECK(lf.find("pinned\n,,,,untimed,") != std::string::npos);
  CHECK(read_csv(without_bom(lf)) == read_csv(without_bom(text)));
  const std::string plain = export_csv(e, s, {.bom = false});
  CHECK(plain == without_bom(text));
}

TEST_CASE("an empty schedule exports just the BOM and the header") {
  CHECK(export_csv(tricky_event(), Schedule{}) == bom + header + "\r\n");
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

TEST_CASE("Python's csv module reads the Techfest example's export as the event and schedule say") {
  // Python is the reference reader here: it reads the example's own CSV files (slots, startups,
  // investors, pins) and the export, and checks each row against them; this test then checks
  // the rows against the schedule. scripts/test installs python3.
  const char* python = "/usr/bin/python3";
  INFO("this test needs " << python << " (apt-get install python3)");
  REQUIRE(fs::exists(python));
  const fs::path example = fs::path(test::source_dir()) / "examples" / "techfest-haiphong";
  const Event e = read_event(example);
  const Schedule s = schedule_meetings(e, {.seed = 1});
  REQUIRE(!s.meetings.empty());
  const test::TempDir dir("export-csv-python");
  write_csv(dir.path / "meetings.csv", e, s);
  test::write_text(dir.path / "check.py", R"py(import csv, datetime, re, sys
export, example, out = sys.argv[1], sys.argv[2], sys.argv[3]
raw = open(export, 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no UTF-8 byte order mark'
assert not raw[3:].startswith(b'\xef\xbb\xbf'), 'two byte order marks'

def table(name):
    with open(f'{example}/{name}', newline='', encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))

slots = {r['id']: r for r in table('slots.csv')}
startups = {r['id']: r for r in table('startups.csv')}
investors = {r['id']: r for r in table('investors.csv')}
pins = {(r['startup'], r['investor'], r['slot']) for r in table('pinned.csv')}
with open(export, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
assert rows[0] == ['date', 'start', 'end', 'utc_offset', 'slot', 'table', 'mode', 'startup',
                   'startup_name', 'investor', 'investor_name', 'organisation', 'score',
                   'pinned'], rows[0]
with open(out, 'w', encoding='utf-8') as o:
    for n, r in enumerate(rows[1:], start=2):
        assert len(r) == 14, (n, r)
        d = dict(zip(rows[0], r))
        start = datetime.datetime.fromisoformat(slots[d['slot']]['start'])
        end = start + datetime.timedelta(minutes=int(slots[d['slot']]['minutes']))
        assert d['date'] == start.strftime('%Y-%m-%d'), (n, d)
        assert d['start'] == start.strftime('%H:%M'), (n, d)
        assert d['end'] == end.strftime('%H:%M'), (n, d)
        assert d['utc_offset'] == start.isoformat()[-6:], (n, d)
        assert d['startup_name'] == startups[d['startup']]['name'], (n, d)
        assert d['investor_name'] == investors[d['investor']]['name'], (n, d)
        assert d['organisation'] == investors[d['investor']]['organisation'], (n, d)
        assert re.fullmatch(r'\d+(\.\d{1,3})?', d['score']), (n, d['score'])
        pinned = (d['startup'], d['investor'], d['slot']) in pins
        assert d['pinned'] == ('yes' if pinned else 'no'), (n, d)
        o.write('|'.join([d['slot'], d['startup'], d['investor'], d['score'], d['pinned'],
                          d['startup_name'], d['investor_name'], d['organisation']]) + '\n')
)py");
  const std::string command = std::string(python) + " '" + dir.file("check.py") + "' '" +
                              dir.file("meetings.csv") + "' '" + example.string() + "' '" +
                              dir.file("rows.txt") + "' 2>'" + dir.file("stderr.txt") + "'";
  const int status = std::system(command.c_str());
  INFO("python: " << test::slurp(dir.path / "stderr.txt"));
  REQUIRE(status == 0);

  // Python's rows are the schedule's meetings: same pairs in the same slots, scores within
  // rounding, and the example's pin among them.
  const std::vector<std::string> rows = test::lines(test::slurp(dir.path / "rows.txt"));
  REQUIRE(rows.size() == s.meetings.size());
  std::map<std::tuple<std::string, std::string, std::string>, double> scheduled;
  for (const Meeting& m : s.meetings) {
    scheduled[{e.slots[std::size_t(m.slot)].id, e.startups[std::size_t(m.startup)].id,
               e.investors[std::size_t(m.investor)].id}] = m.score;
  }
  std::set<std::string> pinned_rows, names;
  for (const std::string& row : rows) {
    std::vector<std::string> cells;
    std::istringstream in(row);
    for (std::string cell; std::getline(in, cell, '|');) cells.push_back(cell);
    REQUIRE(cells.size() >= 7);
    const auto it = scheduled.find({cells[0], cells[1], cells[2]});
    INFO(row);
    REQUIRE(it != scheduled.end());
    CHECK(std::abs(std::stod(cells[3]) - it->second) <= 0.0005);
    scheduled.erase(it);
    if (cells[4] == "yes") pinned_rows.insert(cells[0] + " " + cells[1] + " " + cells[2]);
    for (std::size_t k = 5; k < cells.size(); ++k) names.insert(cells[k]);
  }
  CHECK(scheduled.empty());
  CHECK(pinned_rows == std::set<std::string>{"d2-0900 S012 INV01"});
  // Vietnamese names, exact to the byte (a reader without the BOM's hint shows "Nguyá»…n").
  CHECK(names.count("Nguyễn Thị Lan") == 1);
  CHECK(names.count("Quỹ Đầu tư Đổi mới Sáng tạo Hải Phòng") == 1);
}
