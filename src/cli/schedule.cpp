// festmatch schedule — schedule an event's 1:1 meetings into its slots and tables
// (docs/scheduler.md): writes the schedule file, prints a short summary on stderr.
// festmatch reschedule — the same after the event changed, keeping history and what still holds
// (scheduler/reschedule.hpp), with the changes an organiser sends out.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/scheduler/departed.hpp"
#include "festmatch/scheduler/reschedule.hpp"
#include "festmatch/scheduler/schedule_diff.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/detail/text.hpp"

namespace {

struct ScheduleArgs {
  std::string event;
  std::string output;
  std::string objective = "fair";
  std::string agenda = "compact";
  std::string seed = "1";
  int threads = 0;  // all cores
  bool quiet = false;
  bool timings = false;
  std::string previous;             // reschedule: the published schedule file
  std::string now;                  // reschedule: the first slot that is not history
  std::optional<double> move_cost;  // reschedule: absent, a kept meeting never moves
};

// "12 startups", "1 investor".
std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// " (S001, S002, S003, S004, S005 and 7 more)" — the first few ids, or "" for none.
std::string some_ids(const std::vector<std::string>& ids) {
  constexpr std::size_t shown = 5;
  if (ids.empty()) return {};
  std::string text = " (";
  for (std::size_t k = 0; k < ids.size() && k < shown; ++k) text += (k ? ", " : "") + ids[k];
  if (ids.size() > shown) text += " and " + std::to_string(ids.size() - shown) + " more";
  return text + ")";
}

// "a", "a and b".
std::string both(const std::vector<std::string>& items) {
  return items.size() == 2 ? items[0] + " and " + items[1] : items.empty() ? "" : items[0];
}

// One warning line per kind of id the published schedule names and the event lacks.
std::string departed_warnings(const std::string& file, const festmatch::Departed& d) {
  std::vector<std::string> participants;
  for (const auto& id : d.startups) participants.push_back(id);
  for (const auto& id : d.investors) participants.push_back(id);
  std::string text;
  auto line = [&](const std::vector<std::string>& ids, const char* one, const char* many,
                  const char* what) {
    if (ids.empty()) return;
    text += fmt::format("{}: warning: {} of the published schedule {} not in the event{}: {}\n",
                        file, count_of(ids.size(), one, many), ids.size() == 1 ? "is" : "are",
                        some_ids(ids), what);
  };
  line(participants, "participant", "participants",
       "treated as removed; their history stays, their later meetings are cancelled");
  line(d.slots, "slot", "slots",
       "treated as removed; their history stays, their later meetings are moved where the pair "
       "can still meet, else cancelled");
  line(d.tables, "table", "tables",
       "treated as removed; their history stays, their later meetings are moved where the pair "
       "can still meet, else cancelled");
  return text;
}

// The summary on stderr after a run, in an organiser's words: what to act on (requests not met,
// participants with no meeting, startups below their minimum), where the full lists are, how
// close to the best possible schedule this one is (the proven bound), and the time of each
// stage. Every line but the last (the time) depends only on the input and the seed.
std::string summary(const festmatch::Event& event, const festmatch::Schedule& plan,
                    const std::string& output) {
  using namespace festmatch;
  const auto& st = plan.stats;
  std::size_t must = 0, want = 0;
  for (const auto& u : plan.unscheduled) ++(u.priority == Priority::must ? must : want);
  std::vector<std::string> idle_startups, idle_investors, below_min;
  for (const auto& f : plan.shortfalls) {
    const bool startup = f.side == Side::startup;
    const std::string& id = startup ? event.startups[std::size_t(f.participant)].id
                                    : event.investors[std::size_t(f.participant)].id;
    if (f.meetings == 0) (startup ? idle_startups : idle_investors).push_back(id);
    if (startup && f.meetings < f.minimum) below_min.push_back(id);
  }
  std::string text;
  auto out = std::back_inserter(text);
  fmt::format_to(out, "Wrote {}: {}.\n", output, count_of(st.meetings, "meeting", "meetings"));
  fmt::format_to(out, "Requests not met: {} must, {} want.\n", must, want);
  fmt::format_to(out, "No meeting: {}{}, {}{}.\n",
                 count_of(idle_startups.size(), "startup", "startups"), some_ids(idle_startups),
                 count_of(idle_investors.size(), "investor", "investors"),
                 some_ids(idle_investors));
  fmt::format_to(out, "Below their minimum: {} of {}{}.\n", below_min.size(),
                 count_of(event.startups.size(), "startup", "startups"), some_ids(below_min));
  // Where the lists are: the schedule file's fields, the HTML page's sections
  // (export/html-inl.hpp: "Requests not met", and "Participants left short" when there are).
  std::vector<std::string> fields, sections;
  if (!plan.unscheduled.empty()) {
    fields.emplace_back("\"unscheduled\"");
    sections.emplace_back("\"Requests not met\"");
  }
  if (!plan.shortfalls.empty()) {
    fields.emplace_back("\"shortfalls\"");
    sections.emplace_back("\"Participants left short\"");
  }
  if (!fields.empty()) {
    const bool many = fields.size() > 1;
    fmt::format_to(out,
                   "Full list{}, with reasons: {} in the schedule file, and the\n"
                   "section{} {} of `festmatch export --format html`.\n",
                   many ? "s" : "", both(fields), many ? "s" : "", both(sections));
  }
  // gap = (upper_bound - objective) / upper_bound bounds how far below the optimum the schedule
  // is; shown rounded up (so the claim stays true) to 3 decimals of a percent, at least 0.001.
  // The bound carries a relative 1e-10 for rounding (scheduler/detail/bound.hpp), so a gap
  // within 1e-9 means the schedule reaches the bound: it is optimal.
  if (st.gap <= 1e-9) {
    text += "This schedule is the best possible one (proven).\n";
  } else {
    const double percent = std::ceil(st.gap * 100.0 * 1000.0 - 1e-6) / 1000.0;
    fmt::format_to(out, "This schedule is at most {} % below the best possible one.\n",
                   detail::short_number(std::max(percent, 0.001), 3));
  }
  fmt::format_to(out,
                 "Agendas, mean per participant with a meeting: idle slots {}, days attended {}.\n",
                 detail::short_number(st.idle_slots, 2), detail::short_number(st.days_attended, 2));
  std::string stages;
  double total_ms = 0;
  for (const auto& [name, ms] : st.stage_ms) {
    stages += fmt::format("{}{} {:.0f} ms", stages.empty() ? "" : ", ", name, ms);
    total_ms += ms;
  }
  fmt::format_to(out, "Time: {:.0f} ms ({}).\n", total_ms, stages);
  return text;
}

// "Changes from revision 1: 3 moved, 2 cancelled, 5 added; 9 participants to tell (\"changes\")."
std::string changes_line(const festmatch::Schedule& plan, int previous_revision) {
  using festmatch::ChangeKind;
  std::size_t n[3] = {0, 0, 0};
  std::vector<std::string> people;
  for (const auto& c : plan.changes) {
    ++n[int(c.kind)];
    people.push_back("s:" + c.startup);
    people.push_back("i:" + c.investor);
  }
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  return fmt::format(
      "Changes from revision {}: {} moved, {} cancelled, {} added; {} to tell (\"changes\" in "
      "the file, `festmatch diff` for the list).\n",
      previous_revision, n[int(ChangeKind::moved)], n[int(ChangeKind::cancelled)],
      n[int(ChangeKind::added)], count_of(people.size(), "participant", "participants"));
}

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
  Event event = cli::read_event_warning(args.event);
  ScheduleOptions options;
  options.objective = args.objective == "total" ? Objective::total : Objective::fair;
  options.agenda = args.agenda == "spread" ? Agenda::spread : Agenda::compact;
  options.seed = seed;
  options.threads = args.threads;
  if (cli::progress_enabled())
    options.progress = [command = args.previous.empty() ? "schedule" : "reschedule"](
                           std::string_view stage, double fraction) {
      std::cerr << fmt::format("\rfestmatch {}: {:>3.0f}% {:<12}", command, fraction * 100.0, stage)
                << std::flush;
    };
  Schedule previous;
  Departed departed;
  if (!args.previous.empty()) {
    // What the published schedule names and the event file no longer has (departed.hpp).
    Published published = read_published(args.previous, event, args.now);
    event = std::move(published.event);
    previous = std::move(published.schedule);
    departed = std::move(published.departed);
    if (!args.quiet) std::cerr << departed_warnings(args.previous, departed);
  }
  const Schedule plan = args.previous.empty() ? schedule_meetings(event, options)
                                              : reschedule(event, previous,
                                                           {.now = args.now,
                                                            .schedule = options,
                                                            .departed = departed,
                                                            .move_cost = args.move_cost});
  if (cli::progress_enabled()) std::cerr << '\r' << std::string(40, ' ') << '\r';
  // Stage times change from run to run: the file holds them only when asked, so that the same
  // input and seed give the same file, byte for byte. The summary below always shows them.
  Schedule published = plan;
  if (!args.timings) published.stats.stage_ms.clear();
  write_file_atomically(args.output, write_schedule_json(event, published));
  if (!args.quiet) {
    std::cerr << summary(event, plan, args.output);
    if (!args.previous.empty()) std::cerr << changes_line(plan, previous.revision);
  }
}

// The options both commands share.
void add_solver_options(CLI::App* cmd, ScheduleArgs& args) {
  cmd->add_option("EVENT", args.event, "event file (JSON) or event folder (event.json + CSV)")
      ->required();
  cmd->add_option("--output", args.output, "schedule file (JSON) to write")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--objective", args.objective,
                  "fair (default): scores plus fairness_weight for each meeting up to a "
                  "startup's minimum; total: scores only")
      ->check(CLI::IsMember({"fair", "total"}))
      ->type_name("fair|total");
  cmd->add_option("--agenda", args.agenda,
                  "compact (default): each participant's meetings re-timed onto few days, back "
                  "to back; spread: as placed. The same meetings and objective either way")
      ->check(CLI::IsMember({"compact", "spread"}))
      ->type_name("compact|spread");
  cmd->add_option("--seed", args.seed,
                  "random seed for the search (default 1); the same input and seed give "
                  "the same schedule, byte for byte")
      ->type_name("N");
  cmd->add_option("--threads", args.threads,
                  "threads to use (default 0 = all cores); the schedule is the same, byte "
                  "for byte, for any number")
      ->check(CLI::Range(0, 1024))
      ->type_name("N");
  cmd->add_flag("--quiet", args.quiet, "print nothing on success");
  cmd->add_flag("--timings", args.timings,
                "also write each stage's time into stats.stage_ms of the file (without it "
                "stage_ms is {} and reruns are byte-identical)");
}

}  // namespace

static const bool registered = festmatch::cli::register_command(
    {.order = 30, .add = [](CLI::App& app) {
       auto args = std::make_shared<ScheduleArgs>();
       auto* cmd = app.add_subcommand(
           "schedule",
           "Schedule the event's 1:1 meetings into slots and tables, with a proven "
           "bound and a reason for every request left out");
       add_solver_options(cmd, *args);
       cmd->footer(
           "After the run a short summary goes to stderr (stdout stays empty): the meetings,\n"
           "the must and want requests not met, the startups and investors with no meeting\n"
           "and the startups below their minimum (counts and the first ids), where the full\n"
           "lists with reasons are (the file's \"unscheduled\" and \"shortfalls\", the HTML\n"
           "page of `festmatch export --format html`), how far below the best possible\n"
           "schedule this one can at most be (a proven bound), and the time of each stage.\n"
           "Exit status 3 when pinned meetings break a rule (each is named).\n"
           "Example:\n"
           "  festmatch schedule techfest.json --output schedule.json --objective fair --seed 7");
       cmd->callback([args] { run_schedule(*args); });
     }});

static const bool registered_reschedule = festmatch::cli::register_command(
    {.order = 35, .add = [](CLI::App& app) {
       auto args = std::make_shared<ScheduleArgs>();
       auto* cmd = app.add_subcommand(
           "reschedule",
           "Re-schedule after the event changed: history and every meeting that still holds "
           "stay, the rest is cancelled or moved with a reason, freed capacity is filled");
       add_solver_options(cmd, *args);
       cmd->add_option("--schedule", args->previous,
                       "the published schedule file to start from (festmatch-schedule/1)")
           ->required()
           ->type_name("FILE");
       cmd->add_option("--now", args->now,
                       "the first slot that is not history: meetings in slots that start "
                       "before it stay exactly as they are (default: none is history)")
           ->type_name("SLOT_ID");
       cmd->add_option("--move-cost", args->move_cost,
                       "move a kept meeting where that makes room for a meeting that gains "
                       "more than X per meeting moved (score, plus the fairness weight for a "
                       "startup below its minimum); default: a kept meeting never moves")
           ->check(CLI::NonNegativeNumber)
           ->type_name("X");
       cmd->footer(
           "Cancel a participant with status cancelled (JSON \"status\", CSV column status);\n"
           "its later meetings are cancelled, its history stays. A participant, slot or table\n"
           "deleted from the event file since is treated as removed (one warning line per kind):\n"
           "its history stays as it was, its later meetings are cancelled (\"investor INV07 was\n"
           "removed from the event\"), or moved where the pair can still meet for a removed\n"
           "slot or table. Every later meeting that still\n"
           "keeps every rule stays in its slot at its table (with --move-cost, unless moving\n"
           "it makes room for a meeting gaining more); one that does not is cancelled\n"
           "with the rule it breaks, or moved when its pair is placed again. The file gets\n"
           "\"revision\" (previous + 1), \"now\" and \"changes\"; the summary adds the count of\n"
           "changes and of participants to tell.\n"
           "Example:\n"
           "  festmatch reschedule techfest --schedule schedule.json --now d2-0900 "
           "--output schedule-2.json");
       cmd->callback([args] { run_schedule(*args); });
     }});
