// festmatch diff OLD_SCHEDULE NEW_SCHEDULE — per participant, the meetings moved, cancelled and
// added between two schedules (scheduler/schedule_diff.hpp): the notifications to send.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/util/atomic_file.hpp"

namespace {

struct DiffArgs {
  std::string before, after, format = "text", output;
  bool quiet = false;
};

// "2 meetings moved, 1 cancelled, 0 added; 5 agendas changed", or "no meeting changed"
std::string summary(const std::vector<festmatch::Change>& changes, std::size_t agendas) {
  if (changes.empty()) return "no meeting changed";
  std::size_t count[3] = {0, 0, 0};
  for (const auto& c : changes) ++count[int(c.kind)];
  return std::to_string(count[0]) + (count[0] == 1 ? " meeting" : " meetings") + " moved, " +
         std::to_string(count[1]) + " cancelled, " + std::to_string(count[2]) + " added; " +
         std::to_string(agendas) + (agendas == 1 ? " agenda" : " agendas") + " changed";
}

void run_diff(const DiffArgs& args) {
  using namespace festmatch;
  cli::set_quiet(args.quiet);
  const ScheduleIds before = read_schedule_ids(args.before);
  const ScheduleIds after = read_schedule_ids(args.after);
  const std::vector<Change> changes = diff_schedules(before, after);
  const std::vector<ParticipantChanges> diff = changes_by_participant(changes);
  const std::string text = args.format == "json"  ? diff_json(diff)
                           : args.format == "csv" ? diff_csv(diff)
                                                  : diff_text(diff);
  if (args.output.empty()) {
    std::cout << text << std::flush;
    if (!std::cout) throw OutputError("stdout: cannot write");
    if (!args.quiet) std::cerr << summary(changes, diff.size()) << '\n';
  } else {
    write_file_atomically(args.output, text);
    if (!args.quiet)
      std::cerr << "wrote " << args.output << ": " << summary(changes, diff.size()) << '\n';
  }
}

const bool registered = festmatch::cli::register_command(
    {.order = 55, .add = [](CLI::App& app) {
       auto args = std::make_shared<DiffArgs>();
       auto* cmd = app.add_subcommand(
           "diff",
           "Compare two schedule files and list, per participant whose agenda changed, the\n"
           "meetings moved (from slot and table -> to), cancelled (with the new schedule's\n"
           "reason, when `festmatch reschedule` gave one) and added: the notifications to\n"
           "send. Schedules are compared by ids alone (a pair of startup and investor meets at\n"
           "most once, so it names the meeting), so no event is needed and schedules of an\n"
           "event that changed in between compare.");
       cmd->add_option("OLD_SCHEDULE", args->before, "the schedule file participants have")
           ->required();
       cmd->add_option("NEW_SCHEDULE", args->after, "the schedule file to send them")->required();
       cmd->add_option("--format", args->format,
                       "text (default): per participant a line 'startup s1 (2 changes)', then\n"
                       "one line per change;\n"
                       "json: an array of {side, participant, changes}, each change as the\n"
                       "schedule file writes its changes;\n"
                       "csv: the header participant_side,participant,change,other,from_slot,\n"
                       "from_table,to_slot,to_table,reason and one row per participant and\n"
                       "change (a table is empty when online)")
           ->check(CLI::IsMember({"text", "json", "csv"}));
       cmd->add_option("--output", args->output, "write to FILE (atomically) instead of stdout")
           ->type_name("FILE");
       cmd->add_flag("--quiet", args->quiet, "no summary on stderr");
       cmd->footer(
           "Participants come startups first, then investors, each by id; within one, its\n"
           "moved, cancelled and added meetings, each by the other party's id. Nothing is\n"
           "printed (an empty array in json, the header alone in csv) when no meeting\n"
           "changed. The summary (\"2 meetings moved, 1 cancelled, 0 added; 5 agendas\n"
           "changed\", or \"no meeting changed\") goes to stderr. A file that is not a schedule, "
           "or where a pair meets\n"
           "twice, exits with status 1 and FILE:/json/pointer: error: ... lines.\n"
           "Example:\n"
           "  festmatch diff schedule.json schedule-v2.json\n"
           "  festmatch diff schedule.json schedule-v2.json --format csv --output notify.csv");
       cmd->callback([args] { run_diff(*args); });
     }});

}  // namespace
