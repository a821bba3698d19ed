// festmatch — the command-line tool. Commands live in the other files of this folder.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>

#include "command.hpp"
#include "festmatch/error.hpp"
#include "festmatch/version.hpp"

namespace festmatch::cli {
namespace {
bool quiet_flag = false;
}
void set_quiet(bool quiet) {
  quiet_flag = quiet;
}
bool quiet() {
  return quiet_flag;
}
bool progress_enabled() {
  return !quiet_flag && ::isatty(STDERR_FILENO) == 1;
}
}  // namespace festmatch::cli

int main(int argc, char** argv) {
  using namespace festmatch;
  CLI::App app{
      "festmatch: match startups with investors and schedule their 1:1 meetings.\n"
      "EVENT is an event file (JSON) or an event folder (event.json + CSV files).\n"
      "Exit status: 0 done, 1 invalid input, 2 usage error, 3 constraints cannot all hold,\n"
      "4 an output could not be written.",
      "festmatch"};
  app.set_version_flag("--version", std::to_string(version_major) + "." +
                                        std::to_string(version_minor) + "." +
                                        std::to_string(version_patch));
  app.require_subcommand(1);
  auto& commands = cli::commands();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const cli::Command& a, const cli::Command& b) { return a.order < b.order; });
  for (const auto& c : commands) c.add(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitStatus::usage);
  } catch (const Error& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.to_string() << '\n';
    return static_cast<int>(e.status());
  } catch (const std::bad_alloc&) {
    std::cerr << "festmatch: error: out of memory\n";
    return static_cast<int>(ExitStatus::invalid_input);
  } catch (const std::exception& e) {
    std::cerr << "festmatch: error: " << e.what() << '\n';
    return static_cast<int>(ExitStatus::invalid_input);
  }
  return 0;
}
