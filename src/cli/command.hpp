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
#include <vector>

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

}  // namespace festmatch::cli
