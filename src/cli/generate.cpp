// festmatch generate — a realistic generated event of a preset's size.
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event_folder.hpp"
#include "festmatch/event/event_json.hpp"
#include "festmatch/generate/generate.hpp"
#include "festmatch/util/atomic_file.hpp"

namespace {

struct GenerateArgs {
  std::string preset;
  std::string seed;
  std::string output;
  std::string folder;
  bool quiet = false;
};

void run_generate(const GenerateArgs& args) {
  using namespace festmatch;
  festmatch::cli::set_quiet(args.quiet);
  const auto preset = parse_preset(args.preset);
  if (!preset) throw CLI::ValidationError("--preset", "unknown preset '" + args.preset + "'");
  std::uint64_t seed = 0;
  const char* end = args.seed.data() + args.seed.size();
  const auto parsed = std::from_chars(args.seed.data(), end, seed);
  if (args.seed.empty() || parsed.ec != std::errc() || parsed.ptr != end) {
    throw CLI::ValidationError("--seed", "'" + args.seed +
                                             "' is not a whole number from 0 to "
                                             "18446744073709551615");
  }
  const Event event = generate_event(*preset, seed);
  std::string target;
  if (!args.output.empty()) {
    write_file_atomically(args.output, write_event_json(event));
    target = args.output;
  } else {
    write_event_folder(event, args.folder);  // creates the folder; each file written atomically
    target = args.folder;
  }
  if (!args.quiet) {
    std::cerr << "wrote " << target << ": " << event.startups.size() << " startups, "
              << event.investors.size() << " investors, " << event.slots.size() << " slots, "
              << event.tables.size() << " tables, " << event.requests.size() << " requests, "
              << event.blocked.size() << " blocked pairs, " << event.pinned.size()
              << " pinned meetings\n";
  }
}

}  // namespace

static const bool registered = festmatch::cli::register_command(
    {.order = 70, .add = [](CLI::App& app) {
       auto args = std::make_shared<GenerateArgs>();
       auto* cmd = app.add_subcommand(
           "generate", "Write a realistic generated event of a preset's size, for trials");
       cmd->add_option("--preset", args->preset,
                       "techfest (250 startups, 60 investors, 4 days x 14 slots, 30 tables), "
                       "websummit (2,000 / 1,500 / 3 x 24 / 300) or "
                       "slush (5,500 / 3,300 / 2 x 27 / 500)")
           ->required()
           ->check(CLI::IsMember({"techfest", "websummit", "slush"}));
       cmd->add_option("--seed", args->seed,

                       "random seed (0 to 2^64-1); the same seed gives the same event, byte "
                       "for byte, on every platform")
           ->required()
           ->type_name("N");
       auto* output = cmd->add_option("--output", args->output, "event file (JSON) to write")
                          ->type_name("FILE");
       auto* folder = cmd->add_option("--folder", args->folder,
                                      "write an event folder instead: event.json, startups.csv, "
                                      "investors.csv, slots.csv, requests.csv, blocked.csv, "
                                      "pinned.csv (created if missing)")
                          ->type_name("FOLDER");
       output->excludes(folder);
       cmd->add_flag("--quiet", args->quiet, "no summary on stderr");
       cmd->footer(
           "Give exactly one of --output and --folder. Every file is written atomically\n"
           "(a temporary file renamed into place).\n"
           "Examples:\n"
           "  festmatch generate --preset techfest --seed 42 --output techfest-42.json\n"
           "  festmatch generate --preset websummit --seed 7 --folder websummit-7");
       cmd->callback([args] {
         if (args->output.empty() == args->folder.empty()) {
           throw CLI::RequiredError("--output FILE or --folder FOLDER");
         }
         run_generate(*args);
       });
     }});
