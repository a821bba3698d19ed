#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <festmatch/export/detail/ics_text.hpp>
#include <festmatch/export/ics.hpp>
#include <festmatch/scoring/scoring.hpp>
#include <festmatch/util/detail/text.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace festmatch;
namespace fs = std::filesystem;

namespace {

const std::string long_name =
    "Công ty Cổ phần Công nghệ Nông nghiệp Hải Phòng — Đổi mới Sáng tạo Cảng Biển Xanh và Bền Vững";

Event tricky_event() {
  Event e;
  e.name = "Techfest Hải Phòng 2023";
  e.sectors = {"logistics", "seaports"};
  e.tables = {"T1", "Hall A, table 2"};
  e.slots.push_back({.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20});
  e.slots.push_back({.id = "d1-0920", .start = "2023-09-18T09:20+07:00", .minutes = 20});
  e.slots.push_back({.id = "d2-0900", .start = "2023-09-19T09:00+07:00", .minutes = 30});
  e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}, .stage = 2});
  e.startups.push_back(
      {.id = "s/2.x", .name = "Semi;colon, Back\\slash\nNew line", .sectors = {{1, 1.0}}});
  e.startups.push_back({.id = "s3", .name = long_name, .sectors = {{0, 1.0}, {1, 1.0}}});
  e.startups.push_back({.id = "shared", .name = "No Meetings Ltd", .sectors = {{0, 1.0}}});
  e.investors.push_back(
      {.id = "i1", .name = "Mekong Fund", .organisation = "Mekong Capital", .sectors = {{0, 1.0}}});
  e.investors.push_back(
      {.id = "i2", .name = "KiKai Factory", .sectors = {{1, 1.0}}, .mode = Mode::both});
  e.investors.push_back({.id = "shared", .name = "Shared Id Ventures", .sectors = {{0, 1.0}}});
  e.requests.push_back(
      {.startup = 0, .investor = 0, .by = Side::startup, .priority = Priority::want});
  e.reindex();
  return e;
}

Schedule tricky_schedule() {
  Schedule s;
  s.meetings.push_back(
      {.startup = 0, .investor = 0, .slot = 0, .table = 0, .score = 1.2, .pinned = true});
  s.meetings.push_back({.startup = 1, .investor = 1, .slot = 0, .table = 1, .score = 0.75});
  s.meetings.push_back({.startup = 2, .investor = 0, .slot = 1, .table = 1, .score = 0.5});
  s.meetings.push_back({.startup = 2, .investor = 1, .slot = 2, .score = 0.625, .online = true});
  return s;
}

// tricky_schedule() as festmatch reschedule would revise it (revision 2, meetings before d1-0920
// are history): s3 x i2 cancelled (i2 left s3's slot), s3 x i1 moved to d2-0900 at T1; and
// cancellations that no calendar shows: one in a slot that is history (s1 x i2), one in a slot
// the event no longer has (shared x i1). One cancelled meeting's startup left the event.
Schedule revised_schedule() {
  Schedule s = tricky_schedule();
  s.revision = 2;
  s.now = "2023-09-18T09:20+07:00";
  s.meetings.pop_back();  // s3 x i2, online in d2-0900
  s.meetings[2] = {.startup = 2, .investor = 0, .slot = 2, .table = 0, .score = 0.5, .revision = 2};
  s.changes = {
      {.kind = ChangeKind::moved,
       .startup = "s3",
       .investor = "i1",
       .from_slot = "d1-0920",
       .from_table = "Hall A, table 2",
       .to_slot = "d2-0900",
       .to_table = "T1",
       .reason = "startup s3's slot d1-0920 is closed"},
      {.kind = ChangeKind::cancelled,
       .startup = "s3",
       .investor = "i2",
       .from_slot = "d2-0900",
       .reason = "investor i2 is not available"},
      {.kind = ChangeKind::cancelled, .startup = "s1", .investor = "i2", .from_slot = "d1-0900"},
      {.kind = ChangeKind::cancelled,
       .startup = "shared",
       .investor = "i1",
       .from_slot = "d0-gone",
       .from_table = "T1"},
      {.kind = ChangeKind::cancelled,
       .startup = "s-left",
       .investor = "i1",
       .from_slot = "d1-0920",
       .from_table = "T1",
       .reason = "startup s-left left the event"},
  };
  return s;
}

struct Property {
  std::string name, params, value;
};

// Splits on CRLF (every line must end so), unfolds, and splits NAME[;PARAMS]:VALUE.
std::vector<Property> parse_ics(const std::string& text) {
  std::vector<std::string> physical;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\r\n", at);
    REQUIRE(end != std::string::npos);
    const std::string line = text.substr(at, end - at);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    CHECK(line.size() <= 75);
    physical.push_back(line);
    at = end + 2;
  }
  std::vector<std::string> logical;
  for (const std::string& l : physical) {
    if (!l.empty() && (l[0] == ' ' || l[0] == '\t')) {
      REQUIRE(!logical.empty());
      logical.back() += l.substr(1);
    } else {
      logical.push_back(l);
    }
  }
  std::vector<Property> props;
  for (const std::string& l : logical) {
    const std::size_t colon = l.find(':');
    REQUIRE(colon != std::string::npos);
    std::string name = l.substr(0, colon), params;
    if (const std::size_t semi = name.find(';'); semi != std::string::npos) {
      params = name.substr(semi + 1);
      name = name.substr(0, semi);
    }
    props.push_back({name, params, l.substr(colon + 1)});
  }
  return props;
}

std::string unescape(const std::string& v) {
  std::string out;
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (v[k] != '\\') {
      REQUIRE((v[k] != ',' && v[k] != ';'));  // unescaped separators would split a TEXT value
      out += v[k];
      continue;
    }
    REQUIRE(k + 1 < v.size());
    const char c = v[++k];
    if (c == 'n' || c == 'N')
      out += '\n';
    else {
      REQUIRE((c == '\\' || c == ';' || c == ','));
      out += c;
    }
  }
  return out;
}

std::vector<std::map<std::string, std::string>> vevents(const std::vector<Property>& props) {
  std::vector<std::map<std::string, std::string>> out;
  bool in = false;
  for (const Property& p : props) {
    if (p.name == "BEGIN" && p.value == "VEVENT") {
      out.emplace_back();
      in = true;
    } else if (p.name == "END" && p.value == "VEVENT") {
      in = false;
    } else if (in) {
      out.back()[p.name] = p.value;
    }
  }
  return out;
}

const IcsFile& file_named(const std::vector<IcsFile>& files, const std::string& name) {
  for (const IcsFile& f : files) {
    if (f.name == name) return f;
  }
  FAIL("no file " << name);
  return files.front();
}

}  // namespace

TEST_CASE("one calendar per participant, with safe and distinct file names") {
  const auto files = export_ics(tricky_event(), tricky_schedule());
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"s1.ics", "s%2F2%2Ex.ics", "s3.ics", "shared.startup.ics",
                                          "i1.ics", "i2.ics", "shared.investor.ics"});
  CHECK(detail::exports::ics_encode_id("") == "%");
  const std::string long_id(300, 'a');
  const std::string enc = detail::exports::ics_encode_id(long_id);
  CHECK(enc.size() == 150 + 1 + 16);
  CHECK(enc.starts_with(std::string(150, 'a') + "~"));
  CHECK(detail::exports::ics_encode_id(std::string(149, 'a') + "é")
            .starts_with(std::string(149, 'a') + "~"));
}

TEST_CASE("every calendar is valid RFC 5545 text: CRLF, 75-octet lines, required properties") {
  const Event e = tricky_event();
  for (const IcsFile& f : export_ics(e, tricky_schedule())) {
    INFO(f.name);
    const auto props = parse_ics(f.content);
    REQUIRE(props.size() >= 7);
    CHECK(props.front().name == "BEGIN");
    CHECK(props.front().value == "VCALENDAR");
    CHECK(props.back().name == "END");
    CHECK(props.back().value == "VCALENDAR");
    std::map<std::string, std::string> cal;
    for (const auto& p : props) cal.emplace(p.name, p.value);
    CHECK(cal["VERSION"] == "2.0");
    CHECK(cal["PRODID"] == "-//festmatch//festmatch " + std::to_string(version_major) + "." +
                               std::to_string(version_minor) + "." + std::to_string(version_patch) +
                               "//EN");
    CHECK(cal["CALSCALE"] == "GREGORIAN");
    CHECK(cal["METHOD"] == "PUBLISH");
    for (const auto& ev : vevents(props)) {
      for (const char* required : {"UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY",
                                   "LOCATION", "DESCRIPTION", "STATUS"}) {
        CHECK(ev.count(required) == 1);
      }
      CHECK(ev.at("UID").ends_with("@festmatch"));
      CHECK(ev.at("UID").size() == 32 + 10);
      CHECK(ev.at("SEQUENCE") == "0");  // a first schedule
      CHECK(ev.at("STATUS") == "CONFIRMED");
      CHECK(ev.at("DTSTAMP") == "20230918T020000Z");
      CHECK(ev.at("DTSTART").size() == 16);
      CHECK(ev.at("DTSTART").ends_with("Z"));
    }
  }
}

TEST_CASE("calendar content: UTC times, other party, escaped and folded names, no scores") {
  const Event e = tricky_event();
  const auto files = export_ics(e, tricky_schedule());

  const auto s1 = vevents(parse_ics(file_named(files, "s1.ics").content));
  REQUIRE(s1.size() == 1);
  CHECK(s1[0].at("DTSTART") == "20230918T020000Z");
  CHECK(s1[0].at("DTEND") == "20230918T022000Z");
  CHECK(unescape(s1[0].at("SUMMARY")) == "Meeting with Mekong Fund (Mekong Capital)");
  CHECK(s1[0].at("LOCATION") == "T1");
  // What a participant reads: the event, slot, both parties (the investor's organisation too),
  // the table — and nothing of the score.
  CHECK(unescape(s1[0].at("DESCRIPTION")) ==
        "Techfest Hải Phòng 2023, slot d1-0900 (2023-09-18T09:00+07:00 to 09:20)\n"
        "Startup: Cảng Xanh (s1)\nInvestor: Mekong Fund (i1), Mekong Capital\nTable: T1\n"
        "Pinned: confirmed before scheduling");
  for (const IcsFile& f : files) {
    INFO(f.name);
    for (const auto& ev : vevents(parse_ics(f.content))) {
      const std::string d = unescape(ev.at("DESCRIPTION"));
      CHECK(d.find("Score") == std::string::npos);
      CHECK(d.find("weight") == std::string::npos);
      CHECK(d.find("Requested") == std::string::npos);
    }
  }
  // The investor's calendar names the startup; the online meeting says so.
  const auto i2_default = vevents(parse_ics(file_named(files, "i2.ics").content));
  REQUIRE(i2_default.size() == 2);
  CHECK(unescape(i2_default[1].at("DESCRIPTION")) ==
        "Techfest Hải Phòng 2023, slot d2-0900 (2023-09-19T09:00+07:00 to 09:30)\n"
        "Startup: " +
            long_name + " (s3)\nInvestor: KiKai Factory (i2)\nOnline meeting");

  // The investor sees the same meeting under the same UID, from the other side.
  const auto i2 = vevents(parse_ics(file_named(files, "i2.ics").content));
  REQUIRE(i2.size() == 2);
  CHECK(i2[0].at("SUMMARY") == "Meeting with Semi\\;colon\\, Back\\\\slash\\nNew line");
  CHECK(unescape(i2[0].at("SUMMARY")) == "Meeting with Semi;colon, Back\\slash\nNew line");
  CHECK(i2[0].at("LOCATION") == "Hall A\\, table 2");
  CHECK(i2[1].at("LOCATION") == "online");
  CHECK(i2[1].at("DTSTART") == "20230919T020000Z");
  CHECK(i2[1].at("DTEND") == "20230919T023000Z");
  const auto s2 = vevents(parse_ics(file_named(files, "s%2F2%2Ex.ics").content));
  REQUIRE(s2.size() == 1);
  CHECK(s2[0].at("UID") == i2[0].at("UID"));
  CHECK(s2[0].at("UID") != s1[0].at("UID"));

  // A long UTF-8 name is folded, never inside a character, and unfolds to the same bytes.
  const std::string& i1 = file_named(files, "i1.ics").content;
  bool folded = false;
  for (std::size_t at = i1.find("\r\n "); at != std::string::npos; at = i1.find("\r\n ", at + 1)) {
    folded = true;
    CHECK_FALSE(detail::utf8_continuation(static_cast<unsigned char>(i1[at + 3])));
  }
  CHECK(folded);
  const auto i1e = vevents(parse_ics(i1));
  REQUIRE(i1e.size() == 2);
  CHECK(unescape(i1e[1].at("SUMMARY")) == "Meeting with " + long_name);

  // Participants without meetings get an empty calendar, or none on request.
  CHECK(vevents(parse_ics(file_named(files, "shared.investor.ics").content)).empty());
  CHECK(export_ics(e, tricky_schedule(), {.empty_calendars = false}).size() == 5);
}

TEST_CASE("with details, the description adds the score breakdown and the requests") {
  const Event e = tricky_event();
  const auto plain = export_ics(e, tricky_schedule());
  const auto files = export_ics(e, tricky_schedule(), {.details = true});
  REQUIRE(files.size() == plain.size());
  const auto s1 = vevents(parse_ics(file_named(files, "s1.ics").content));
  REQUIRE(s1.size() == 1);
  const std::string d = unescape(s1[0].at("DESCRIPTION"));
  const std::string participant_view =
      unescape(vevents(parse_ics(file_named(plain, "s1.ics").content))[0].at("DESCRIPTION"));
  CHECK(d.starts_with(participant_view + "\nScore 1.2 = base "));
  const Explanation x = explain(e, 0, 0);
  CHECK(d.find("= base " + detail::short_number(x.base) + " + request bonus 0.25\n") !=
        std::string::npos);
  REQUIRE(!x.components.empty());
  for (const auto& c : x.components) {
    CHECK(d.find("- " + c.name + " " + detail::short_number(c.value) + " x weight " +
                 detail::short_number(c.weight) + " = " + detail::short_number(c.contribution)) !=
          std::string::npos);
  }
  CHECK(d.ends_with("Requested by the startup (want)"));
  // Every meeting gets its breakdown; everything else in the calendars is the same.
  for (std::size_t k = 0; k < files.size(); ++k) {
    INFO(files[k].name);
    const auto with = vevents(parse_ics(files[k].content));
    const auto without = vevents(parse_ics(plain[k].content));
    REQUIRE(with.size() == without.size());
    for (std::size_t v = 0; v < with.size(); ++v) {
      CHECK(unescape(with[v].at("DESCRIPTION")).find("\nScore ") != std::string::npos);
      auto a = with[v], b = without[v];
      a.erase("DESCRIPTION");
      b.erase("DESCRIPTION");
      CHECK(a == b);
    }
  }
}

TEST_CASE("a revised schedule: UIDs by pair, SEQUENCE by revision, cancellations until history") {
  const Event e = tricky_event();
  const auto first = export_ics(e, tricky_schedule());
  const auto second = export_ics(e, revised_schedule());
  REQUIRE(second.size() == first.size());  // every participant of the event, as before
  const auto s3_before = vevents(parse_ics(file_named(first, "s3.ics").content));
  REQUIRE(s3_before.size() == 2);
  const std::string moved_uid = s3_before[0].at("UID"), cancelled_uid = s3_before[1].at("UID");
  // The UID is the pair's: the event name and both ids, nothing of the slot.
  CHECK(moved_uid == detail::exports::ics_uid(e.name, "s3", "i1"));
  CHECK(cancelled_uid == detail::exports::ics_uid(e.name, "s3", "i2"));
  CHECK(moved_uid != cancelled_uid);

  // s3: the moved meeting under its UID with SEQUENCE 1, then the cancelled one.
  const auto s3 = vevents(parse_ics(file_named(second, "s3.ics").content));
  REQUIRE(s3.size() == 2);
  CHECK(s3[0].at("UID") == moved_uid);
  CHECK(s3[0].at("SEQUENCE") == "1");
  CHECK(s3[0].at("STATUS") == "CONFIRMED");
  CHECK(s3[0].at("DTSTART") == "20230919T020000Z");
  CHECK(s3[0].at("LOCATION") == "T1");
  CHECK(s3[1].at("UID") == cancelled_uid);
  CHECK(s3[1].at("SEQUENCE") == "1");
  CHECK(s3[1].at("STATUS") == "CANCELLED");
  CHECK(s3[1].at("TRANSP") == "TRANSPARENT");
  CHECK(s3[1].at("DTSTART") == "20230919T020000Z");
  CHECK(s3[1].at("DTEND") == "20230919T023000Z");
  CHECK(s3[1].at("LOCATION") == "online");
  CHECK(unescape(s3[1].at("SUMMARY")) == "Cancelled: Meeting with KiKai Factory");
  CHECK(unescape(s3[1].at("DESCRIPTION")) ==
        "Cancelled: investor i2 is not available\n"
        "Techfest Hải Phòng 2023, slot d2-0900 (2023-09-19T09:00+07:00 to 09:30)\n"
        "Startup: " +
            long_name + " (s3)\nInvestor: KiKai Factory (i2)\nOnline meeting");

  // i2 sees the cancellation under the same UID; its unchanged meeting keeps SEQUENCE 0.
  const auto i2 = vevents(parse_ics(file_named(second, "i2.ics").content));
  REQUIRE(i2.size() == 2);
  CHECK(i2[0].at("STATUS") == "CONFIRMED");
  CHECK(i2[0].at("SEQUENCE") == "0");
  CHECK(i2[1].at("UID") == cancelled_uid);
  CHECK(i2[1].at("STATUS") == "CANCELLED");
  CHECK(unescape(i2[1].at("SUMMARY")) == "Cancelled: Meeting with " + long_name);

  // i1: its meetings in time order, then the cancellation of a startup no longer in the event,
  // named by its id (that startup gets no calendar).
  const auto i1 = vevents(parse_ics(file_named(second, "i1.ics").content));
  REQUIRE(i1.size() == 3);
  CHECK(i1[0].at("UID") == detail::exports::ics_uid(e.name, "s1", "i1"));
  CHECK(i1[0].at("SEQUENCE") == "0");
  CHECK(i1[1].at("UID") == moved_uid);
  CHECK(i1[1].at("SEQUENCE") == "1");
  CHECK(i1[2].at("UID") == detail::exports::ics_uid(e.name, "s-left", "i1"));
  CHECK(i1[2].at("STATUS") == "CANCELLED");
  CHECK(i1[2].at("DTSTART") == "20230918T022000Z");  // d1-0920 starts at now: not history
  CHECK(unescape(i1[2].at("SUMMARY")) == "Cancelled: Meeting with s-left");
  CHECK(unescape(i1[2].at("DESCRIPTION")) ==
        "Cancelled: startup s-left left the event\n"
        "Techfest Hải Phòng 2023, slot d1-0920 (2023-09-18T09:20+07:00 to 09:40)\n"
        "Startup: s-left\nInvestor: Mekong Fund (i1), Mekong Capital\nTable: T1");

  // A cancellation in a slot that is history (s1 x i2), or in a slot the event no longer has
  // (shared x i1), is in no calendar.
  CHECK(vevents(parse_ics(file_named(second, "s1.ics").content)).size() == 1);
  CHECK(vevents(parse_ics(file_named(second, "shared.startup.ics").content)).empty());
  for (const IcsFile& f : second) {
    INFO(f.name);
    std::set<std::string> uids;
    for (const auto& ev : vevents(parse_ics(f.content))) CHECK(uids.insert(ev.at("UID")).second);
  }
  // Without `now` nothing is history: the s1 x i2 cancellation is shown too.
  Schedule no_history = revised_schedule();
  no_history.now.clear();
  const auto s1 = vevents(parse_ics(file_named(export_ics(e, no_history), "s1.ics").content));
  REQUIRE(s1.size() == 2);
  CHECK(s1[1].at("STATUS") == "CANCELLED");
  CHECK(s1[1].at("UID") == detail::exports::ics_uid(e.name, "s1", "i2"));
}

TEST_CASE("folding counts octets and never splits a UTF-8 sequence") {
  std::string out;
  const std::string line = "SUMMARY:" + std::string(66, 'x') + "ảảảả";  // 'ả' is 3 octets
  detail::exports::ics_line(out, line);
  CHECK(out == "SUMMARY:" + std::string(66, 'x') + "\r\n ảảảả\r\n");
  out.clear();
  detail::exports::ics_line(out, std::string(200, 'a'));
  CHECK(out == std::string(75, 'a') + "\r\n " + std::string(74, 'a') + "\r\n " +
                   std::string(51, 'a') + "\r\n");
  CHECK(detail::exports::ics_escape_text("a\r\nb\rc\x01\td") == "a\\nb\\nc \td");
}

TEST_CASE("write_ics creates the folder, writes every file, and reruns are byte-identical") {
  const fs::path dir =
      fs::temp_directory_path() / ("festmatch-export-ics-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const Event e = tricky_event();
  CHECK(write_ics(dir / "cal", e, tricky_schedule()) == 7);
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const auto files = export_ics(e, tricky_schedule());
  for (const IcsFile& f : files) CHECK(slurp(dir / "cal" / f.name) == f.content);
  const std::string before = slurp(dir / "cal" / "i1.ics");
  write_ics(dir / "cal", e, tricky_schedule());
  CHECK(slurp(dir / "cal" / "i1.ics") == before);
  CHECK(std::distance(fs::directory_iterator(dir / "cal"), fs::directory_iterator()) == 7);
  // A file where the folder should be: OutputError, nothing written.
  std::ofstream(dir / "plain") << "x";
  CHECK_THROWS_AS(write_ics(dir / "plain", e, tricky_schedule()), OutputError);
  CHECK(slurp(dir / "plain") == "x");
  fs::remove_all(dir);
}

TEST_CASE("write_ics removes the calendars of an earlier export that it does not write") {
  const test::TempDir temp("export-ics-stale");
  const fs::path& dir = temp.path;
  const Event e = tricky_event();
  REQUIRE(write_ics(dir, e, tricky_schedule()) == 7);
  std::ofstream(dir / "notes.txt") << "kept";
  fs::create_directories(dir / "archive.ics");
  const std::string i1_before = test::slurp(dir / "i1.ics");

  // s3 is renamed s3b: its old calendar goes, i1's (which names it) is rewritten.
  Event renamed = tricky_event();
  renamed.startups[2].id = "s3b";
  renamed.reindex();
  CHECK(write_ics(dir, renamed, tricky_schedule()) == 7);
  const auto files = export_ics(renamed, tricky_schedule());
  for (const IcsFile& f : files) CHECK(test::slurp(dir / f.name) == f.content);
  CHECK_FALSE(fs::exists(dir / "s3.ics"));
  CHECK(test::slurp(dir / "i1.ics") != i1_before);
  CHECK(test::slurp(dir / "notes.txt") == "kept");  // not a calendar festmatch writes
  CHECK(fs::is_directory(dir / "archive.ics"));
  auto names = [&] {
    std::set<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir)) out.insert(entry.path().filename());
    return out;
  };
  CHECK(names() == std::set<std::string>{"archive.ics", "i1.ics", "i2.ics", "notes.txt", "s1.ics",
                                         "s%2F2%2Ex.ics", "s3b.ics", "shared.investor.ics",
                                         "shared.startup.ics"});
  // Without empty calendars, the participants without meetings lose theirs.
  CHECK(write_ics(dir, renamed, tricky_schedule(), {.empty_calendars = false}) == 5);
  CHECK(names() == std::set<std::string>{"archive.ics", "i1.ics", "i2.ics", "notes.txt", "s1.ics",
                                         "s%2F2%2Ex.ics", "s3b.ics"});
}

TEST_CASE("python3-icalendar reads every calendar back exactly") {
  // The reference reader; scripts/test installs python3 and python3-icalendar.
  const char* python = "/usr/bin/python3";
  INFO("this test needs " << std::string(python)
                          << " with the icalendar module (apt-get install python3 "
                             "python3-icalendar)");
  REQUIRE(fs::exists(python));
  REQUIRE(std::system((std::string(python) + " -c 'import icalendar' 2>/dev/null").c_str()) == 0);
  const fs::path dir =
      fs::temp_directory_path() / ("festmatch-export-ics-python-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const Event e = tricky_event();
  write_ics(dir, e, tricky_schedule(), {.details = true});  // the longest descriptions
  std::ofstream(dir / "read.py")
      << "import glob, os, sys, icalendar\n"
         "out = open(sys.argv[2], 'w', encoding='utf-8')\n"
         "for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.ics'))):\n"
         "    cal = icalendar.Calendar.from_ical(open(f, 'rb').read())\n"
         "    assert str(cal['VERSION']) == '2.0'\n"
         "    for ev in cal.walk('VEVENT'):\n"
         "        out.write('%s|%s|%s|%s|%s|%s\\n' % (os.path.basename(f), ev['UID'],\n"
         "            ev.decoded('DTSTART').strftime('%Y%m%dT%H%M%S%z'), "
         "ev['SUMMARY'].replace('\\n', '<NL>'),\n"
         "            ev['LOCATION'], ev['DESCRIPTION'].replace('\\n', '<NL>')))\n";
  const std::string cmd = std::string(python) + " " + (dir / "read.py").string() + " " +
                          dir.string() + " " + (dir / "out.txt").string();
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(dir / "out.txt");
  std::multiset<std::string> got;
  for (std::string line; std::getline(in, line);) got.insert(line);
  std::multiset<std::string> expected;
  auto one_line = [](std::string text) {
    for (std::size_t p; (p = text.find('\n')) != std::string::npos;) text.replace(p, 1, "<NL>");
    return text;
  };
  for (const IcsFile& f : export_ics(e, tricky_schedule(), {.details = true})) {
    for (const auto& ev : vevents(parse_ics(f.content))) {
      expected.insert(f.name + "|" + ev.at("UID") + "|" + ev.at("DTSTART").substr(0, 15) +
                      "+0000|" + one_line(unescape(ev.at("SUMMARY"))) + "|" +
                      unescape(ev.at("LOCATION")) + "|" + one_line(unescape(ev.at("DESCRIPTION"))));
    }
  }
  CHECK(got.size() == 8);
  CHECK(got == expected);
  fs::remove_all(dir);
}

TEST_CASE("python3-icalendar reads a revised schedule's calendars as updates of the first") {
  const char* python = "/usr/bin/python3";
  INFO("this test needs " << std::string(python)
                          << " with the icalendar module (apt-get install python3 "
                             "python3-icalendar)");
  REQUIRE(fs::exists(python));
  REQUIRE(std::system((std::string(python) + " -c 'import icalendar' 2>/dev/null").c_str()) == 0);
  const test::TempDir temp("export-ics-python-revised");
  const Event e = tricky_event();
  write_ics(temp.path / "v1", e, tricky_schedule());
  write_ics(temp.path / "v2", e, revised_schedule());
  // One line per VEVENT: file, UID, SEQUENCE, STATUS, DTSTART, SUMMARY.
  test::write_text(temp.path / "read.py",
                   "import glob, os, sys, icalendar\n"
                   "out = open(sys.argv[2], 'w', encoding='utf-8')\n"
                   "for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.ics'))):\n"
                   "    cal = icalendar.Calendar.from_ical(open(f, 'rb').read())\n"
                   "    for ev in cal.walk('VEVENT'):\n"
                   "        out.write('%s|%s|%d|%s|%s|%s\\n' % (os.path.basename(f), ev['UID'],\n"
                   "            int(ev['SEQUENCE']), ev['STATUS'],\n"
                   "            ev.decoded('DTSTART').strftime('%Y%m%dT%H%M%S%z'),\n"
                   "            ev['SUMMARY'].replace('\\n', '<NL>')))\n");
  auto read = [&](const std::string& folder) {
    const std::string cmd = std::string(python) + " '" + (temp.path / "read.py").string() + "' '" +
                            (temp.path / folder).string() + "' '" +
                            (temp.path / (folder + ".txt")).string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return test::lines(test::slurp(temp.path / (folder + ".txt")));
  };
  const auto v1 = read("v1"), v2 = read("v2");
  const std::string moved = detail::exports::ics_uid(e.name, "s3", "i1");
  const std::string cancelled = detail::exports::ics_uid(e.name, "s3", "i2");
  // Revision 1: both of s3's meetings, SEQUENCE 0.
  CHECK(std::count(v1.begin(), v1.end(),
                   "s3.ics|" + moved +
                       "|0|CONFIRMED|20230918T022000+0000|Meeting with Mekong Fund "
                       "(Mekong Capital)") == 1);
  CHECK(std::count(v1.begin(), v1.end(),
                   "s3.ics|" + cancelled +
                       "|0|CONFIRMED|20230919T020000+0000|Meeting with KiKai Factory") == 1);
  // Revision 2: the moved meeting under the same UID, SEQUENCE 1, at its new time; the cancelled
  // one under its UID with STATUS:CANCELLED, in both participants' calendars.
  CHECK(std::count(v2.begin(), v2.end(),
                   "s3.ics|" + moved +
                       "|1|CONFIRMED|20230919T020000+0000|Meeting with Mekong Fund "
                       "(Mekong Capital)") == 1);
  CHECK(std::count(v2.begin(), v2.end(),
                   "s3.ics|" + cancelled +
                       "|1|CANCELLED|20230919T020000+0000|Cancelled: Meeting with KiKai "
                       "Factory") == 1);
  CHECK(std::count(v2.begin(), v2.end(),
                   "i2.ics|" + cancelled +
                       "|1|CANCELLED|20230919T020000+0000|Cancelled: Meeting with " + long_name) ==
        1);
  CHECK(std::count(v2.begin(), v2.end(),
                   "i1.ics|" + moved + "|1|CONFIRMED|20230919T020000+0000|Meeting with " +
                       long_name) == 1);
  CHECK(v2.size() == 9);  // 3 meetings, each twice; the cancellation twice; s-left's for i1
  CHECK(v1.size() == 8);
}
