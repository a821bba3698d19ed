// festmatch schedule — schedule an event's 1:1 meetings into its slots and tables
// (docs/scheduler.md): writes the schedule file, prints a short summary on stderr.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/util/atomic_file.hpp"

namespace {

struct ScheduleArgs {
  std::string event;
  std::string output;
  std::string objective = "fair";
  std::string seed = "1";
  int threads = 1;
  bool quiet = false;
  bool timings = false;
};

void run_schedule(const ScheduleArgs& args) {
  using namespace festmatch;
  cli::set_quiet(args.quiet);
  std::uint64_t seed = 0;
  const char* end = args.seed.data() + args.seed.size();
  const auto parsed = std::from_chars(args.seed.data(), end, seed);
  if (args.seed.empty() || parsed.ec != std::errc() || parsed.ptr != end)
    throw CLI::ValidationError("--seed", "'" + args.seed +
                                             "' is not a whole number from 0 to "
                                             "18446744073709551615");
  const Event event = cli::read_event_warning(args.event);
  ScheduleOptions options;
  options.objective = args.objective == "total" ? Objective::total : Objective::fair;
  options.seed = seed;
  options.threads = args.threads;
  if (cli::progress_enabled())
    options.progress = [](std::string_view stage, double fraction) {
      std::cerr << fmt::format("\rfestmatch schedule: {:>3.0f}% {:<12}", fraction * 100.0, stage)
                << std::flush;
    };
  const Schedule plan = schedule_meetings(event, options);
  if (cli::progress_enabled()) std::cerr << '\r' << std::string(40, ' ') << '\r';
  // Stage times change from run to run: the file holds them only when asked, so that the same
  // input and seed give the same file, byte for byte. The summary below always shows them.
  Schedule published = plan;
  if (!args.timings) published.stats.stage_ms.clear();
  write_file_atomically(args.output, write_schedule_json(event, published));
  if (!args.quiet) {
    const auto& st = plan.stats;
    std::string stages;
    double total_ms = 0;
    for (const auto& [name, ms] : st.stage_ms) {
      stages += fmt::format("{}{} {:.0f} ms", stages.empty() ? "" : ", ", name, ms);
      total_ms += ms;
    }
    std::cerr << fmt::format(
        "wrote {}: {} meetings, {} of {} startups below their minimum, {} requests not met\n"
        "objective {:.3f}, upper bound {:.3f}, gap {:.3f}%\n"
        "time {:.0f} ms ({})\n",
        args.output, st.meetings, st.startups_below_min, event.startups.size(),
        plan.unscheduled.size(), st.objective, st.upper_bound, st.gap * 100.0, total_ms, stages);
  }
}

}  // namespace

static const bool registered = festmatch::cli::register_command(
    {.order = 30, .add = [](CLI::App& app) {
       auto args = std::make_shared<ScheduleArgs>();
       auto* cmd = app.add_subcommand(
           "schedule",
           "Schedule the event's 1:1 meetings into slots and tables, with a proven "
           "bound and a reason for every request left out");
       cmd->add_option("EVENT", args->event, "event file (JSON) or event folder (event.json + CSV)")
           ->required();
       cmd->add_option("--output", args->output, "schedule file (JSON) to write")
           ->required()
           ->type_name("FILE");
       cmd->add_option("--objective", args->objective,
                       "fair (default): scores plus fairness_weight for each meeting up to a "
                       "startup's minimum; total: scores only")
           ->check(CLI::IsMember({"fair", "total"}))
           ->type_name("fair|total");
       cmd->add_option("--seed", args->seed,
                       "random seed for the search (default 1); the same input and seed give "
                       "the same schedule, byte for byte")
           ->type_name("N");
       cmd->add_option("--threads", args->threads,
                       "threads to use (default 1; 0 = all cores); the schedule never depends "
                       "on it")
           ->check(CLI::Range(0, 1024))
           ->type_name("N");
       cmd->add_flag("--quiet", args->quiet, "print nothing on success");
       cmd->add_flag("--timings", args->timings,
                     "also write each stage's time into stats.stage_ms of the file (without it "
                     "stage_ms is {} and reruns are byte-identical)");
       cmd->footer(
           "After the run a summary goes to stderr: meetings, startups below their minimum,\n"
           "the objective, the proven upper bound, the gap and the time of each stage.\n"
           "Exit status 3 when pinned meetings break a rule (each is named).\n"
           "Example:\n"
           "  festmatch schedule techfest.json --output schedule.json --objective fair --seed 7");
       cmd->callback([args] { run_schedule(*args); });
     }});
