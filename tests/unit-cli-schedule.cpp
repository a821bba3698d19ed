// `festmatch schedule` and the tool as a whole: the summary in an organiser's words (exact
// text), which stream each message goes to, conflicting pins, --threads, a misspelt command and
// --version. Every schedule file a run writes is checked by the validator.
#include <doctest/doctest.h>

#include <algorithm>
#include <festmatch/event/read_event.hpp>
#include <festmatch/scheduler/schedule_diff.hpp>
#include <festmatch/scheduler/schedule_json.hpp>
#include <festmatch/scheduler/scheduler.hpp>
#include <festmatch/validator/schedule_validator.hpp>
#include <festmatch/version.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace festmatch;
using namespace festmatch::test;

namespace {

std::string quoted(const std::string& path) {
  return "'" + path + "'";
}

// The validator's verdict on a schedule file the tool wrote for `event_path`: no broken rule,
// the shortfalls exactly those the meetings leave, the stats as the validator recomputes them.
void check_schedule_file(const std::string& event_path, const std::string& schedule_path) {
  INFO("schedule file: ", schedule_path);
  const Event event = read_event(event_path);
  const Schedule plan = read_schedule(schedule_path, event);
  const ScheduleCheck check = check_schedule(event, plan);
  CHECK(check.violations == std::vector<std::string>{});
  CHECK(check_shortfalls(event, plan) == std::vector<std::string>{});
  CHECK(plan.stats.meetings == plan.meetings.size());
  CHECK(check.startups_below_min == plan.stats.startups_below_min);
  CHECK(check.objective == doctest::Approx(plan.stats.objective).epsilon(1e-9));
}

// The summary without its last line, the stage times (which vary from run to run); that line
// must be there and have the expected form.
std::string without_times(const std::string& summary) {
  const auto all = lines(summary);
  REQUIRE(!all.empty());
  const std::string& time = all.back();  // "Time: 12 ms (scores 3 ms, ..., reasons 1 ms)."
  CHECK(time.rfind("Time: ", 0) == 0);
  CHECK(time.find(" ms (scores ") != std::string::npos);
  CHECK(time.size() > 5);
  CHECK(time.substr(time.size() - 5) == " ms).");
  std::string text;
  for (std::size_t k = 0; k + 1 < all.size(); ++k) text += all[k] + "\n";
  return text;
}

const char* small_event = R"({
  "format": "festmatch-event/1",
  "event": {"name": "Hải Phòng Demo Day"},
  "sectors": ["logistics", "seaports"],
  "tables": 3,
  "slots": [{"id": "d1-0900", "start": "2023-09-18T09:00+07:00", "minutes": 20}],
  "startups": [{"id": "s1", "name": "Cảng Xanh", "sectors": {"logistics": 1}, "stage": "seed"},
               {"id": "s2", "name": "KiKai Factory", "sectors": {"seaports": 1}, "stage": "idea"}],
  "investors": [{"id": "i1", "name": "Mekong Fund", "sectors": {"seaports": 1}, "table": "T2"}],
  "requests": [{"startup": "s1", "investor": "i1", "by": "startup", "priority": "must"}]
})";

}  // namespace

TEST_CASE("schedule: the Techfest example's summary names what to act on, on stderr only") {
  TempDir dir("cli-schedule");
  const std::string event = std::string(source_dir()) + "/examples/techfest-haiphong";
  const std::string out = dir.file("schedule.json");
  const Run r = run_cli(dir, "schedule " + quoted(event) + " --output " + quoted(out));
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  CHECK(without_times(r.err) ==
        event +
            "/requests.csv:31:1: warning: startup S021 has must requests with INV17 "
            "(requests.csv:29) and INV16, both of organisation 'Tanjong Rhu Capital': "
            "one_per_organisation lets it meet only one of them\n"
            "Wrote " +
            out +
            ": 234 meetings.\n"
            "Requests not met: 1 must, 22 want.\n"
            "No meeting: 0 startups, 0 investors.\n"
            "Below their minimum: 10 of 73 startups (S012, S014, S020, S042, S046 and 5 more).\n"
            "Full lists, with reasons: \"unscheduled\" and \"shortfalls\" in the schedule file, "
            "and the\n"
            "sections \"Requests not met\" and \"Participants left short\" of `festmatch export "
            "--format html`.\n"
            "This schedule is the best possible one (proven).\n"
            "Agendas, mean per participant with a meeting: idle slots 0.44, days attended "
            "1.34.\n");
  check_schedule_file(event, out);

  // --quiet: nothing on either stream, the same file.
  const std::string quiet = dir.file("quiet.json");
  const Run q =
      run_cli(dir, "schedule " + quoted(event) + " --output " + quoted(quiet) + " --quiet");
  REQUIRE(q.status == 0);
  CHECK(q.out.empty());
  CHECK(q.err.empty());
  CHECK(slurp(quiet) == slurp(out));
}

TEST_CASE("schedule: a small event's summary, in the singular, with one list to look at") {
  TempDir dir("cli-schedule");
  const std::string event = dir.file("event.json"), out = dir.file("schedule.json");
  write_text(event, small_event);
  const Run r = run_cli(dir, "schedule " + quoted(event) + " --output " + quoted(out));
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  CHECK(without_times(r.err) == event +
                                    ":/options/min_meetings: warning: options.min_meetings 3 is "
                                    "above the 1 slots of the event: startups without their own "
                                    "min_meetings stay below it\n"
                                    "Wrote " +
                                    out +
                                    ": 1 meeting.\n"
                                    "Requests not met: 0 must, 0 want.\n"
                                    "No meeting: 1 startup (s2), 0 investors.\n"
                                    "Below their minimum: 2 of 2 startups (s1, s2).\n"
                                    "Full list, with reasons: \"shortfalls\" in the schedule "
                                    "file, and the\n"
                                    "section \"Participants left short\" of `festmatch export "
                                    "--format html`.\n"
                                    "This schedule is the best possible one (proven).\n"
                                    "Agendas, mean per participant with a meeting: idle slots "
                                    "0, days attended 1.\n");
  check_schedule_file(event, out);
}

TEST_CASE("schedule: conflicting pins exit 3, name both pins and write nothing") {
  TempDir dir("cli-schedule");
  std::string text = small_event;
  text.insert(text.rfind('}'), R"(, "pinned": [
    {"startup": "s1", "investor": "i1", "slot": "d1-0900"},
    {"startup": "s2", "investor": "i1", "slot": "d1-0900"}])");
  const std::string event = dir.file("pins.json"), out = dir.file("schedule.json");
  write_text(event, text);
  const Run r = run_cli(dir, "schedule " + quoted(event) + " --output " + quoted(out));
  CHECK(r.status == 3);
  CHECK(r.out.empty());
  CHECK(r.err == event +
                     ":/pinned/1: error: pinned meeting s2 x i1 in slot d1-0900 double-books "
                     "investor i1 (also pinned with s1, /pinned/0)\n");
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("schedule --threads 1, 2 and all cores: the same file, byte for byte") {
  TempDir dir("cli-schedule");
  // Web Summit's 2,000 × 1,500 pairs are far above prune_above, so the candidate scans, the
  // selection's pricing and the bound run on every thread given.
  const std::string event = dir.file("websummit-1.json");
  const Run g = run_cli(dir, "generate --preset websummit --seed 1 --output " + quoted(event), 60);
  REQUIRE(g.status == 0);
  CHECK(g.out.empty());  // generate's summary is a message: stderr
  CHECK(g.err.rfind("wrote " + event + ": 2000 startups, 1500 investors, ", 0) == 0);
  CHECK(std::size_t(2000) * 1500 > 100 * ScheduleOptions{}.prune_above);

  std::vector<std::string> files, summaries;
  for (const std::string threads : {"1", "2", ""}) {
    const std::string out =
        dir.file("schedule-" + (threads.empty() ? "default" : threads) + ".json");
    const Run r = run_cli(dir,
                          "schedule " + quoted(event) + " --output " + quoted(out) +
                              (threads.empty() ? "" : " --threads " + threads),
                          60);
    INFO("--threads ", threads.empty() ? "(default)" : threads);
    REQUIRE(r.status == 0);
    CHECK(r.out.empty());
    files.push_back(slurp(out));
    std::string summary = without_times(r.err);
    summary.replace(summary.find(out), out.size(), "OUT");
    summaries.push_back(summary);
    check_schedule_file(event, out);
  }
  CHECK(files[0].size() > 1000000);
  CHECK(files[1] == files[0]);
  CHECK(files[2] == files[0]);
  CHECK(summaries[1] == summaries[0]);
  CHECK(summaries[2] == summaries[0]);
}

TEST_CASE("a misspelt command: exit 2 and the command meant, a far one lists the commands") {
  TempDir dir("cli-schedule");
  Run r = run_cli(dir, "scheduel examples/techfest-haiphong --output x.json");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "festmatch: error: unknown command 'scheduel'; did you mean 'schedule'?\n");

  r = run_cli(dir, "valdiate event.json");
  CHECK(r.status == 2);
  CHECK(r.err == "festmatch: error: unknown command 'valdiate'; did you mean 'validate'?\n");

  const std::string commands =
      "the commands are validate, score, schedule, reschedule, explain, diff, export, generate "
      "(festmatch --help "
      "explains them)\n";
  r = run_cli(dir, "frobnicate event.json");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "festmatch: error: unknown command 'frobnicate'; " + commands);

  r = run_cli(dir, "");
  CHECK(r.status == 2);
  CHECK(r.err == "festmatch: error: no command given; " + commands);

  // A known command keeps its own errors.
  r = run_cli(dir, "schedule");
  CHECK(r.status == 2);
  CHECK(r.err.find("EVENT is required") != std::string::npos);
}

TEST_CASE("--version: festmatch's version, then each library compiled in with its version") {
  TempDir dir("cli-schedule");
  const Run r = run_cli(dir, "--version");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto got = lines(r.out);
  REQUIRE(got.size() == 7);
  CHECK(got[0] == "festmatch " + std::to_string(version_major) + "." +
                      std::to_string(version_minor) + "." + std::to_string(version_patch));
  const char* names[] = {"fmt", "nlohmann-json", "Eigen", "Boost", "CLI11"};
  for (std::size_t k = 0; k < 5; ++k) {
    INFO("line: ", got[k + 1]);
    const std::string name = std::string(names[k]) + " ";
    CHECK(got[k + 1].rfind(name, 0) == 0);
    CHECK(is_version(std::string_view(got[k + 1]).substr(name.size()), 3));
  }
  CHECK(got[6].rfind("compiler ", 0) == 0);
  CHECK(is_compiler(std::string_view(got[6]).substr(9)));
}

namespace {

// A copy of the Techfest example folder in `dir`, to edit.
fs::path techfest_copy(const TempDir& dir) {
  const fs::path example = fs::path(source_dir()) / "examples" / "techfest-haiphong";
  const fs::path event = dir.path / "techfest";
  fs::create_directories(event);
  for (const auto& entry : fs::directory_iterator(example))
    if (entry.path().extension() == ".csv" || entry.path().extension() == ".json")
      fs::copy_file(entry.path(), event / entry.path().filename());
  return event;
}

}  // namespace

TEST_CASE(
    "reschedule: an investor cancelled in the CSV, history kept, the file and summary say so") {
  TempDir dir("cli-reschedule");
  const fs::path event = techfest_copy(dir);
  const std::string first = dir.file("schedule.json"), second = dir.file("schedule-2.json");
  REQUIRE(
      run_cli(dir, "schedule " + quoted(event.string()) + " --output " + quoted(first) + " --quiet")
          .status == 0);

  // INV03 cancels: a status column, "cancelled" on its row.
  std::istringstream in(slurp(event / "investors.csv"));
  std::string text;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    text += line +
            (text.empty()                   ? ",status"
             : line.rfind("INV03,", 0) == 0 ? ",cancelled"
                                            : ",") +
            "\n";
  }
  write_text(event / "investors.csv", text);
  const Run r = run_cli(dir, "reschedule " + quoted(event.string()) + " --schedule " +
                                 quoted(first) + " --now d2-0900 --output " + quoted(second));
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("Changes from revision 1: ") != std::string::npos);
  check_schedule_file(event.string(), second);

  const Event changed = read_event(event);
  const Schedule before = read_schedule(first, changed), after = read_schedule(second, changed);
  CHECK(after.revision == 2);
  CHECK(after.now == "2023-09-19T09:00+07:00");
  const Index inv03 = changed.investor_index.at("INV03");
  std::size_t cancelled = 0;
  for (const auto& m : before.meetings)
    if (m.investor == inv03 && m.slot >= changed.slot_index.at("d2-0900")) ++cancelled;
  CHECK(cancelled > 0);
  std::size_t listed = 0;
  for (const auto& c : after.changes)
    if (c.kind == ChangeKind::cancelled && c.investor == "INV03") {
      CHECK(c.reason == "investor INV03 is cancelled");
      ++listed;
    }
  CHECK(listed == cancelled);

  // An unknown --now: exit 1, nothing written.
  const Run bad =
      run_cli(dir, "reschedule " + quoted(event.string()) + " --schedule " + quoted(first) +
                       " --now d2-0930x --output " + quoted(dir.file("x.json")));
  CHECK(bad.status == 1);
  CHECK(bad.err.find("--now: unknown slot 'd2-0930x'; did you mean 'd2-0930'?") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir.file("x.json")));

  // --move-cost: a number >= 0; nothing written otherwise. With it, every meeting of the
  // schedule without it is still there (kept meetings may only move, never go).
  for (const std::string cost : {"-1", "nan", "much"}) {
    INFO("--move-cost " << cost);
    const Run refused = run_cli(dir, "reschedule " + quoted(event.string()) + " --schedule " +
                                         quoted(first) + " --now d2-0900 --move-cost " + cost +
                                         " --output " + quoted(dir.file("x.json")));
    CHECK(refused.status != 0);
    CHECK(refused.err.find("--move-cost") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.file("x.json")));
  }
  const std::string third = dir.file("schedule-3.json");
  REQUIRE(run_cli(dir, "reschedule " + quoted(event.string()) + " --schedule " + quoted(first) +
                           " --now d2-0900 --move-cost 0.5 --output " + quoted(third) + " --quiet")
              .status == 0);
  check_schedule_file(event.string(), third);
  const Schedule moving = read_schedule(third, changed);
  for (const auto& m : after.meetings)
    CHECK(std::any_of(moving.meetings.begin(), moving.meetings.end(), [&](const Meeting& x) {
      return x.startup == m.startup && x.investor == m.investor;
    }));
  CHECK(moving.stats.objective >= after.stats.objective - 1e-9);
}

TEST_CASE("reschedule: an investor deleted from the CSV, then export and explain on the new file") {
  TempDir dir("cli-departed");
  const fs::path event = techfest_copy(dir);
  const std::string first = dir.file("schedule.json"), second = dir.file("schedule-2.json");
  const std::string calendars = dir.file("calendars");
  REQUIRE(run_cli(dir, "schedule " + quoted(event.string()) + " --output " + quoted(first) +
                           " --agenda spread --quiet")  // an investor on two days is needed below
              .status == 0);
  REQUIRE(run_cli(dir, "export " + quoted(event.string()) + " --schedule " + quoted(first) +
                           " --format ics --output " + quoted(calendars) + " --quiet")
              .status == 0);

  // The first investor with meetings before and after d2-0900 leaves: its row and every line
  // naming it are deleted.
  const Event original = read_event(event);
  const Schedule published = read_schedule(first, original);
  const std::int64_t now = original.slots[std::size_t(original.slot_index.at("d2-0900"))].start_utc;
  std::string gone;
  for (const auto& inv : original.investors) {
    bool past = false, later = false;
    for (const auto& m : published.meetings)
      if (original.investors[std::size_t(m.investor)].id == inv.id)
        (original.slots[std::size_t(m.slot)].start_utc < now ? past : later) = true;
    if (past && later) {
      gone = inv.id;
      break;
    }
  }
  REQUIRE(!gone.empty());
  REQUIRE(fs::exists(fs::path(calendars) / (gone + ".ics")));
  for (const char* file : {"investors.csv", "requests.csv", "blocked.csv", "pinned.csv"}) {
    std::istringstream in(slurp(event / file));
    std::string text;
    for (std::string line; std::getline(in, line);)
      if (line.find(gone + ",") == std::string::npos && line.find("," + gone) == std::string::npos)
        text += line + "\n";
    write_text(event / file, text);
  }

  // A schedule that names it in later meetings is still refused.
  const Run stale =
      run_cli(dir, "export " + quoted(event.string()) + " --schedule " + quoted(first) +
                       " --format csv --output " + quoted(dir.file("x.csv")));
  CHECK(stale.status == 1);
  CHECK(stale.err.find("investor " + gone + " is not in the event") != std::string::npos);

  const Run r = run_cli(dir, "reschedule " + quoted(event.string()) + " --schedule " +
                                 quoted(first) + " --now d2-0900 --output " + quoted(second));
  REQUIRE(r.status == 0);
  CHECK(r.err.find(first +
                   ": warning: 1 participant of the published schedule is not in the "
                   "event (" +
                   gone +
                   "): treated as removed; their history stays, their later meetings are "
                   "cancelled\n") != std::string::npos);
  const ScheduleIds before = read_schedule_ids(first), after = read_schedule_ids(second);
  std::size_t history = 0, cancelled = 0;
  for (const auto& m : before.meetings)
    if (m.investor == gone) {
      const bool past = original.slots[std::size_t(original.slot_index.at(m.slot))].start_utc < now;
      const bool kept =
          std::find(after.meetings.begin(), after.meetings.end(), m) != after.meetings.end();
      CHECK(kept == past);  // history stays exactly, later meetings go
      history += past;
      cancelled += !past;
    }
  CHECK(history > 0);
  std::size_t listed = 0;
  for (const auto& c : after.changes)
    if (c.investor == gone) {
      CHECK(c.kind == ChangeKind::cancelled);
      CHECK(c.reason == "investor " + gone + " was removed from the event");
      ++listed;
    }
  CHECK(listed == cancelled);

  // The new file exports and explains on the edited event; the removed investor's calendar goes.
  const Run ics = run_cli(dir, "export " + quoted(event.string()) + " --schedule " +
                                   quoted(second) + " --format ics --output " + quoted(calendars));
  CHECK(ics.status == 0);
  CHECK(ics.err.find("error") == std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(calendars) / (gone + ".ics")));
  std::string partner;
  for (const auto& m : after.meetings)
    if (m.investor == gone) partner = m.startup;
  REQUIRE(!partner.empty());
  const std::string partner_calendar = slurp(fs::path(calendars) / (partner + ".ics"));
  CHECK(partner_calendar.find("Meeting with " + gone) != std::string::npos);
  for (const std::string format : {"csv", "html"}) {
    const Run x =
        run_cli(dir, "export " + quoted(event.string()) + " --schedule " + quoted(second) +
                         " --format " + format + " --output " + quoted(dir.file("out." + format)));
    CHECK(x.status == 0);
  }
  const Run explained =
      run_cli(dir, "explain " + quoted(event.string()) + " " + partner + " " +
                       read_event(event).investors.front().id + " --schedule " + quoted(second));
  CHECK(explained.status == 0);
  CHECK(explained.err.find("error") == std::string::npos);
}
