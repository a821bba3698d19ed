// festmatch validate EVENT — reads an event file or folder and reports every problem.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "command.hpp"
#include "festmatch/event/read_event.hpp"

namespace {

std::string event_label(const festmatch::Event& e, const std::filesystem::path& path) {
  if (!e.name.empty()) return e.name;
  std::filesystem::path p = path;
  if (!p.has_filename()) p = p.parent_path();  // "folder/" names the folder
  return p.stem().string();
}

const bool registered = festmatch::cli::register_command(
    {.order = 10, .add = [](CLI::App& app) {
       auto path = std::make_shared<std::string>();
       auto* cmd = app.add_subcommand(
           "validate",
           "Check an event file or folder and print every problem found.\n"
           "Problems go to stderr, one a line, as FILE:LINE:COLUMN: error: ... or\n"
           "FILE:/json/pointer: error: ...; exit status 1 (invalid input) or 3 (pinned\n"
           "meetings that break a rule). A valid event prints a one-line summary on stderr;\n"
           "stdout stays empty.\n"
           "Example:\n"
           "  festmatch validate examples/techfest-haiphong\n"
           "  festmatch validate event.json");
       cmd->add_option("EVENT", *path, "event file (JSON) or event folder (event.json + CSV)")
           ->required();
       cmd->callback([path] {
         const festmatch::Event e = festmatch::cli::read_event_warning(*path, true);
         std::cerr << event_label(e, *path) << ": valid \u2014 " << e.startups.size()
                   << " startups, " << e.investors.size() << " investors, " << e.slots.size()
                   << " slots, " << e.tables.size() << " tables, " << e.requests.size()
                   << " requests\n";
       });
     }});

}  // namespace
