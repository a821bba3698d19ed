// festmatch export EVENT --schedule FILE --format csv|ics|html --output PATH — a published
// schedule as a CSV table, one iCalendar file per participant, or one self-contained HTML page.
#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include "checked_schedule.hpp"
#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/export/csv.hpp"
#include "festmatch/export/html.hpp"
#include "festmatch/export/ics.hpp"
#include "festmatch/util/detail/text.hpp"

namespace {

struct ExportArgs {
  std::string event;
  std::string schedule;
  std::string format;
  std::string output;
  bool details = false;
  bool quiet = false;
};

void run_export(const ExportArgs& args) {
  using namespace festmatch;
  if (args.details && args.format != "ics") {
    throw CLI::ValidationError("--details", "applies to --format ics only");
  }
  cli::set_quiet(args.quiet);
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](const std::string& what) {
    if (cli::progress_enabled()) std::cerr << "festmatch export: " << what << "...\n";
  };
  progress("reading " + args.event);
  Event event = cli::read_event_warning(args.event);
  progress("reading " + args.schedule);
  Departed departed;  // removed from the event since, named by the schedule's history only
  const Schedule schedule = cli::read_checked_schedule(args.event, event, args.schedule, &departed);
  std::string done;
  if (args.format == "csv") {
    progress("writing " + args.output);
    write_csv(args.output, event, schedule);
    done = std::to_string(schedule.meetings.size()) + " meetings";
  } else if (args.format == "ics") {
    progress("writing " + std::to_string(event.startups.size() + event.investors.size()) +
             " calendars into " + args.output);
    const std::size_t files =
        write_ics(args.output, event, schedule, {.details = args.details, .departed = departed});
    done = std::to_string(files) + " calendars, " + std::to_string(schedule.meetings.size()) +
           " meetings";
  } else {
    progress("writing " + args.output + " (the heat map scores every pair)");
    write_html(args.output, event, schedule);
    done = std::to_string(schedule.meetings.size()) + " meetings";
  }
  if (cli::progress_enabled()) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "festmatch export: done in " << detail::short_number(seconds, 2) << " s\n";
  }
  if (!args.quiet) std::cerr << "wrote " << args.output << ": " << done << '\n';
}

}  // namespace

static const bool registered = festmatch::cli::register_command(
    {.order = 60, .add = [](CLI::App& app) {
       auto args = std::make_shared<ExportArgs>();
       auto* cmd = app.add_subcommand("export",
                                      "Export a schedule as CSV, iCalendar files or one HTML page");
       cmd->add_option("EVENT", args->event, "event file (JSON) or event folder (event.json + CSV)")
           ->required();
       cmd->add_option("--schedule", args->schedule,
                       "schedule file written by `festmatch schedule` or `festmatch reschedule` "
                       "(festmatch-schedule/1) for this event")
           ->required()
           ->type_name("FILE");
       cmd->add_option("--format", args->format,
                       "csv: one table of all meetings that a spreadsheet opens as it is (RFC "
                       "4180, UTF-8 with a byte order mark, CRLF), columns date, start, end "
                       "(local YYYY-MM-DD and HH:MM), utc_offset, slot, table, mode, startup, "
                       "startup_name, investor, investor_name, organisation, score (3 "
                       "decimals), pinned (yes/no);\n"
                       "ics: one iCalendar file (RFC 5545, times in UTC) per startup and "
                       "investor, named <id>.ics, in the folder --output; the description names "
                       "the event, slot, both parties and the table (--details adds the score "
                       "breakdown); a meeting keeps its UID when it moves (SEQUENCE says which "
                       "revision moved it), and a revised schedule's cancelled meetings come "
                       "with STATUS:CANCELLED until their slot is history;\n"
                       "html: one self-contained page (grid of tables x slots per day, every "
                       "agenda, statistics, a heat map of the scores)")
           ->required()
           ->check(CLI::IsMember({"csv", "ics", "html"}));
       cmd->add_option("--output", args->output,
                       "the file to write (csv, html), or the folder to write the calendars "
                       "into (ics; created if missing)")
           ->required()
           ->type_name("PATH");
       cmd->add_flag("--details", args->details,
                     "ics only: each meeting's description adds the score breakdown (base, "
                     "request bonus, each component's value x weight) and who requested it; "
                     "for the organiser, since participants read these calendars");
       cmd->add_flag("--quiet", args->quiet, "no progress and no summary on stderr");
       cmd->footer(
           "The schedule must fit the event: one that breaks its rules (made for another\n"
           "event, or stale since the event changed: a participant unavailable, cancelled or\n"
           "removed, a table or slot gone, a cap lowered, a request added) is refused with\n"
           "exit status 1 in at most three lines: the first problem, the count of the others,\n"
           "and the command that repairs it (festmatch reschedule). The stats are checked\n"
           "against the objective the file was made with (fair, or total).\n"
           "--format ics writes into a folder of its own: every other *.ics file in it (the\n"
           "calendar of a participant removed or renamed since an earlier export) is removed\n"
           "once the calendars are written; other files are left alone.\n"
           "stdout stays empty: the summary line (\"wrote PATH: N meetings\") and progress go\n"
           "to stderr.\n"
           "Every file is written atomically (a temporary file renamed into place), so a failed\n"
           "run leaves no partial file; with --format ics the calendars are written one by one,\n"
           "so a failure midway leaves those written complete and the rest untouched. The same\n"
           "event and schedule always give the same bytes. Exit status 4 when an output cannot\n"
           "be written.\n"
           "Examples:\n"
           "  festmatch export event.json --schedule schedule.json --format csv --output "
           "meetings.csv\n"
           "  festmatch export event.json --schedule schedule.json --format ics --output "
           "calendars\n"
           "  festmatch export examples/techfest-haiphong --schedule schedule.json --format html "
           "--output schedule.html");
       cmd->callback([args] { run_export(*args); });
     }});
