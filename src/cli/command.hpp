// festmatch command line — how a command plugs in.
//
// Each command is one .cpp file in this folder that registers itself at start-up:
//
//   static const bool registered = festmatch::cli::register_command(
//       {.order = 10, .add = [](CLI::App& app) {
//          auto* cmd = app.add_subcommand("validate", "Check an event file or folder");
//          ...
//          cmd->callback([=] { ... });   // throw festmatch::Error (or a subclass) on failure
//        }});
//
// main.cpp turns festmatch::Error into its diagnostics on stderr and its exit status; CLI11's
// parse errors become exit status 2 (usage).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "festmatch/event/read_event.hpp"

namespace festmatch::cli {

struct Command {
  int order = 0;                       // position in --help
  std::function<void(CLI::App&)> add;  // adds the subcommand and its callback
};

inline std::vector<Command>& commands() {
  static std::vector<Command> all;
  return all;
}

inline bool register_command(Command c) {
  commands().push_back(std::move(c));
  return true;
}

// Whether progress may be drawn on stderr (a terminal, and no --quiet).
bool progress_enabled();
void set_quiet(bool quiet);
bool quiet();

// Reads EVENT; its warnings (FILE:LINE:COLUMN: warning: …) go to stderr unless --quiet.
// `check_partners` also warns about participants with no eligible partner (scores every pair).
inline festmatch::Event read_event_warning(const std::string& path, bool check_partners = false) {
  std::vector<festmatch::Diagnostic> warnings;
  festmatch::Event event =
      festmatch::read_event(path, {.warnings = &warnings, .check_partners = check_partners});
  if (!quiet())
    for (const auto& w : warnings) std::cerr << w.to_string() << '\n';
  return event;
}

}  // namespace festmatch::cli
