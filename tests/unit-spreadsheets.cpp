// Event folders as spreadsheets really write them: each messy twin of the Techfest example folder
// reads exactly like the clean one, or gives the one root-cause error; warnings for settings
// that are valid but cannot work as the organiser expects.
#include <doctest/doctest.h>

#include <festmatch/event/event_json.hpp>
#include <festmatch/event/read_event.hpp>
#include <festmatch/event/validate.hpp>
#include <festmatch/scheduler/scheduler.hpp>
#include <festmatch/util/csv.hpp>
#include <festmatch/validator/schedule_validator.hpp>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;
using Files = std::map<std::string, std::string>;
using festmatch::test::TempDir;

namespace {

Files example_files() {
  Files files;
  const fs::path dir = fs::path(festmatch::test::source_dir()) / "examples" / "techfest-haiphong";
  for (const char* name : {"event.json", "startups.csv", "investors.csv", "slots.csv",
                           "requests.csv", "blocked.csv", "pinned.csv"}) {
    files[name] = festmatch::test::slurp(dir / name);
  }
  return files;
}

struct Read {
  festmatch::Event event;
  Lines errors;    // with the folder's path replaced by "F/"
  Lines warnings;  // the same
  int status = 0;
};

Read read_folder(const Files& files, bool check_partners = false) {
  TempDir dir("spreadsheets");
  for (const auto& [name, text] : files) festmatch::test::write_text(dir.path / name, text);
  const std::string prefix = dir.path.string() + "/";
  auto show = [&](const festmatch::Diagnostic& d) {
    std::string line = d.to_string();
    if (line.rfind(prefix, 0) == 0) line.replace(0, prefix.size(), "F/");
    return line;
  };
  Read r;
  std::vector<festmatch::Diagnostic> warnings;
  try {
    r.event =
        festmatch::read_event(dir.path, {.warnings = &warnings, .check_partners = check_partners});
  } catch (const festmatch::Error& e) {
    r.status = static_cast<int>(e.status());
    for (const auto& d : e.diagnostics()) r.errors.push_back(show(d));
  }
  for (const auto& d : warnings) r.warnings.push_back(show(d));
  return r;
}

// The text with `from` replaced by `to` (once; the test fails when `from` is not there).
std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

// The CSV text written again with another separator, quoting what needs it, as Excel does.
std::string with_separator(const std::string& text, char separator, const std::string& eol) {
  const auto table = festmatch::parse_csv(text, "x.csv");
  std::string out;
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const std::string& c = cells[k];
      if (k) out += separator;
      if (c.find_first_of(std::string("\"\r\n") + separator) == std::string::npos) {
        out += c;
        continue;
      }
      out += '"';
      for (char ch : c) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      out += '"';
    }
    out += eol;
  };
  row(table.header.fields);
  for (const auto& r : table.records) row(r.fields);
  return out;
}

const Read& clean() {
  static const Read r = read_folder(example_files());
  return r;
}

}  // namespace

TEST_CASE("the clean example folder reads without errors, with its one true warning") {
  REQUIRE(clean().errors == Lines{});
  CHECK(clean().warnings ==
        Lines{"F/requests.csv:31:1: warning: startup S021 has must requests with INV17 "
              "(requests.csv:29) and INV16, both of organisation 'Tanjong Rhu Capital': "
              "one_per_organisation lets it meet only one of them"});
}

TEST_CASE("finding 2: a European Excel's semicolon files, with CRLF, read like the clean ones") {
  Files files = example_files();
  for (const char* name : {"startups.csv", "investors.csv", "requests.csv", "slots.csv"}) {
    files[name] = "\xEF\xBB\xBF" + with_separator(files[name], ';', "\r\n");
  }
  files["blocked.csv"] = with_separator(files["blocked.csv"], '\t', "\n");
  const Read r = read_folder(files);
  REQUIRE(r.errors == Lines{});
  CHECK(r.event == clean().event);
  CHECK(files["investors.csv"].find("\"logistics:1;seaports:0.5\"") != std::string::npos);
}

TEST_CASE("finding 3: a Latin-1 or Windows-1258 file is one error for the file") {
  Files files = example_files();
  // "Cát Bà" in Latin-1: á is 0xE1, à is 0xE0.
  files["startups.csv"] = replace(files["startups.csv"], "Cát Bà", "C\xE1t B\xE0");
  const Read r = read_folder(files);
  CHECK(r.status == 1);
  CHECK(r.errors ==
        Lines{"F/startups.csv:6:1: error: the file is not UTF-8 (byte 0xE1 on this line; "
              "spreadsheets' plain \"CSV\" writes Latin-1 or Windows-1252/1258): save it as "
              "\"CSV UTF-8\", or convert it with iconv -f WINDOWS-1252 -t UTF-8"});
}

TEST_CASE("finding 4: the root cause first, not a cascade") {
  SUBCASE("a header-only investors.csv is one line") {
    Files files = example_files();
    files["investors.csv"] =
        files["investors.csv"].substr(0, files["investors.csv"].find('\n') + 1);
    const Read r = read_folder(files);
    CHECK(r.status == 1);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].rfind("F/investors.csv: error: no investors are listed, yet ", 0) == 0);
    CHECK(r.errors[0].find("places name one (first requests.csv:2: 'INV09')") != std::string::npos);
  }
  SUBCASE("an investor's deleted row is one line with the count, no other fund suggested") {
    Files files = example_files();
    const std::string& inv = files["investors.csv"];
    const auto row = inv.find("\nINV07,");
    files["investors.csv"] = inv.substr(0, row) + inv.substr(inv.find('\n', row + 1));
    const Read r = read_folder(files);
    CHECK(r.status == 1);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].find("error: unknown investor 'INV07' in column 'investor' (named in 4 "
                           "places; also requests.csv:") != std::string::npos);
    CHECK(r.errors[0].find("did you mean") == std::string::npos);
  }
  SUBCASE("a duplicated startup id: the duplicate, and no 'did you mean' to another startup") {
    Files files = example_files();
    files["startups.csv"] = replace(files["startups.csv"], "\nS004,", "\nS003,");
    const Read r = read_folder(files);
    CHECK(r.status == 1);
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0] ==
          "F/startups.csv:5:1: error: duplicate startup id 'S003' (also startups.csv:4) in "
          "column 'id'");
    CHECK(r.errors[1].find("unknown startup 'S004'") != std::string::npos);
    CHECK(r.errors[1].find("did you mean") == std::string::npos);
  }
  SUBCASE("at most 50 lines a file, then a count") {
    Files files = example_files();
    std::string requests = "startup,investor,by\n";
    for (int k = 0; k < 80; ++k) requests += "S" + std::to_string(900 + k) + ",INV01,startup\n";
    files["requests.csv"] = requests;
    const Read r = read_folder(files);
    REQUIRE(r.errors.size() == 51);
    CHECK(r.errors.back() ==
          "F/requests.csv: error: 30 more errors in this file (at most 50 are "
          "shown)");
  }
}

TEST_CASE("finding 5: harmless spreadsheet noise reads like the clean folder") {
  Files files = example_files();
  files["slots.csv"] += ",,,\n,,,\n\n";                                    // trailing blank rows
  files["startups.csv"] += ",,,,,,,,,,,\r\n";                              // one more
  files["blocked.csv"] = files["blocked.csv"];                             // kept
  files["pinned.csv"] = replace(files["pinned.csv"], "INV01", " INV01 ");  // stray spaces
  files["requests.csv"] = replace(files["requests.csv"], "S001,INV17,startup,want",
                                  "S001,INV17 ,Startup,Want");  // a space, enums in any case
  files["investors.csv"] = replace(files["investors.csv"], "logistics:1;seaports:0.5",
                                   "Logistics:1; seaports : 0.5");  // sector in another case
  files["startups.csv"] = replace(files["startups.csv"], ",seed,1490000,", ",Seed,1490000,");
  SUBCASE("the same event") {
    const Read r = read_folder(files);
    REQUIRE(r.errors == Lines{});
    CHECK(r.event == clean().event);
    CHECK(r.warnings == clean().warnings);
  }
  SUBCASE("a 0-byte optional file is a file without rows") {
    files["blocked.csv"] = "";
    const Read r = read_folder(files);
    REQUIRE(r.errors == Lines{});
    CHECK(r.event.blocked.empty());
    Files clean_files = example_files();
    clean_files["blocked.csv"] = "startup,investor,reason\n";
    CHECK(r.event == read_folder(clean_files).event);
  }
  SUBCASE("a repeated request row is merged, with a warning; a must among them wins") {
    const std::string dup = "S001,INV09,startup,must\n";
    files["requests.csv"] += dup;
    const Read r = read_folder(files);
    REQUIRE(r.errors == Lines{});
    CHECK(r.event.requests.size() == clean().event.requests.size());
    CHECK(r.event.requests[0].priority == festmatch::Priority::must);
    CHECK(r.warnings == Lines{clean().warnings[0],
                              "F/requests.csv:121:1: warning: repeated request: startup S001 "
                              "requests investor INV09 again (also requests.csv:2); read as one "
                              "must request"});
  }
  SUBCASE("a comma list inside a ';' list cell gets the fix in the message") {
    files["startups.csv"] = replace(files["startups.csv"], "Seed,1490000,VN,vi;en,,,,,",
                                    "Seed,1490000,VN,vi;en,,,\"d1-1400, d1-1430\",,");
    const Read r = read_folder(files);
    CHECK(r.errors == Lines{"F/startups.csv:2:10: error: unknown slot 'd1-1400, d1-1430' in column "
                            "'available' (list items are separated by ';', not ',': write "
                            "'d1-1400;d1-1430')"});
  }
}

TEST_CASE("finding 6: warnings for what is valid but cannot work as expected") {
  Files files = example_files();
  files["startups.csv"] = replace(files["startups.csv"], "vi;en,5,,,,", "vi;en,5,6,,,");  // S002
  files["startups.csv"] =
      replace(files["startups.csv"], "vi;en,8,2,d2-0900", "vi;en,,50,d2-0900");  // S005
  std::string every_slot;
  for (const auto& slot : clean().event.slots)
    every_slot += (every_slot.empty() ? "" : ";") + slot.id;
  files["investors.csv"] =
      replace(files["investors.csv"], "VN,vi;en,10,,,", "VN,vi;en,10,,\"" + every_slot + "\",");
  for (const auto& v : clean().event.investors) files["blocked.csv"] += "S006," + v.id + ",test\n";
  const Read r = read_folder(files, /*check_partners=*/true);
  REQUIRE(r.errors == Lines{});
  CHECK(r.warnings ==
        Lines{"F/startups.csv:3:9: warning: startup S002's min_meetings 6 is above its "
              "max_meetings 5: it stays below its minimum",
              "F/startups.csv:6:9: warning: startup S005's min_meetings 50 is above the 15 slots "
              "it can attend: it stays below its minimum",
              "F/startups.csv:7:1: warning: startup S006 has no eligible partner (blocked, "
              "languages, modes, or no score reaches min_score): it gets no meeting",
              "F/investors.csv:3:12: warning: investor INV02 is available in no slot: it gets no "
              "meeting",
              clean().warnings[0]});
}

TEST_CASE("warnings: the event's default minimum is one line, not one per startup") {
  festmatch::Event e = clean().event;
  e.options.min_meetings = 40;  // above the 30 slots
  std::vector<festmatch::Diagnostic> warnings;
  CHECK(festmatch::check_event(e, {.warnings = &warnings}).empty());
  Lines lines;
  for (const auto& w : warnings) lines.push_back(w.to_string());
  CHECK(lines == Lines{"<input>:/options/min_meetings: warning: options.min_meetings 40 is above "
                       "the 30 slots of the event: startups without their own min_meetings stay "
                       "below it",
                       "<input>:/requests/29: warning: startup S021 has must requests with INV17 "
                       "(/requests/27) and INV16, both of organisation 'Tanjong Rhu Capital': "
                       "one_per_organisation lets it meet only one of them"});
}

TEST_CASE("warnings: startups the event's default minimum cannot work for are named once") {
  festmatch::Event e = clean().event;
  e.startups[0].max_meetings = 2;  // S001, without its own minimum; the default is 3
  e.startups[2].availability = {festmatch::Availability::Kind::available, {0, 1}};  // S003
  std::vector<festmatch::Diagnostic> warnings;
  CHECK(festmatch::check_event(e, {.warnings = &warnings}).empty());
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].to_string() ==
        "<input>:/options/min_meetings: warning: options.min_meetings 3 is above the max_meetings "
        "of 1 startup (S001): they stay below the minimum");
  CHECK(warnings[1].to_string() ==
        "<input>:/options/min_meetings: warning: options.min_meetings 3 is above the slots that 1 "
        "startup can attend (S003): they stay below the minimum");
  CHECK(warnings[0].severity == festmatch::Severity::warning);
}

TEST_CASE(
    "status cancelled: read from CSV and JSON, no meetings, pins and requests kept as input") {
  Files files = example_files();
  // INV01 (who has the one pin, S012 at d2-0900) is cancelled: a new column, in any case.
  std::string with_status;
  std::istringstream lines(files["investors.csv"]);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const bool header = with_status.empty();
    with_status += line +
                   (header                     ? ",status"
                    : line.find("INV01,") == 0 ? ",Cancelled"
                                               : ",") +
                   "\r\n";
  }
  files["investors.csv"] = with_status;
  const Read r = read_folder(files);
  REQUIRE(r.errors == Lines{});
  const festmatch::Event& e = r.event;
  REQUIRE(e.investors[0].status == festmatch::Status::cancelled);
  CHECK(e.investors[1].status == festmatch::Status::active);
  CHECK(e.pinned.size() == 1);  // the pin stays input
  // The JSON form reads back the same.
  CHECK(festmatch::read_event_json(festmatch::write_event_json(e), "e.json") == e);

  const festmatch::Schedule plan = festmatch::schedule_meetings(e);
  CHECK(festmatch::check_schedule(e, plan).violations.empty());
  CHECK(festmatch::check_shortfalls(e, plan).empty());
  for (const auto& m : plan.meetings) CHECK(m.investor != 0);
  bool listed = false;
  for (const auto& f : plan.shortfalls)
    if (f.side == festmatch::Side::investor && f.participant == 0) {
      CHECK(f.reason == "cancelled");
      listed = true;
    }
  CHECK(listed);
  for (const auto& u : plan.unscheduled)
    if (u.investor == 0) CHECK(u.reason == "investor INV01 is cancelled");
}
