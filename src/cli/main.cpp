// festmatch — the command-line tool. Commands live in the other files of this folder.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "command.hpp"
#include "festmatch/build_info.hpp"
#include "festmatch/error.hpp"
#include "festmatch/util/detail/nearest_name.hpp"
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

namespace {

// `festmatch --version`: festmatch's version, then one line per dependency compiled in. fmt,
// nlohmann-json, Eigen, Boost and the compiler come from festmatch::built_with(), i.e. from the
// macros seen where the library was compiled: Boost and nlohmann-json are private dependencies
// of festmatch::festmatch (this target cannot include their headers through it), and the
// library's copy is the one that does the work. CLI11 is the tool's own dependency, read here.
std::string version_text() {
  using namespace festmatch;
  std::string text = "festmatch " + std::to_string(version_major) + "." +
                     std::to_string(version_minor) + "." + std::to_string(version_patch);
  auto lines = built_with();
  lines.insert(lines.end() - 1, {"CLI11", CLI11_VERSION});  // before the compiler, which is last
  for (const auto& [name, version] : lines) text += "\n" + name + " " + version;
  return text;
}

// The command word: the first argument that is not an option. The tool itself takes only flags
// (--help, --version), so no option value stands before it. nullptr when there is none.
const char* command_word(int argc, char** argv) {
  for (int k = 1; k < argc; ++k)
    if (argv[k][0] != '-') return argv[k];
  return nullptr;
}

// CLI11 reports a command it does not know, or none, as "A subcommand is required" (from
// require_subcommand(1): the word is left over, not matched). When no command was parsed and
// the first word is not a command (or there is none: only flags), this says so in one line
// on stderr, with the command meant ("; did you mean 'schedule'?") or else the list of
// commands, and returns true; otherwise it leaves the error to CLI11.
bool report_unknown_command(const CLI::App& app, const CLI::ParseError& error, int argc,
                            char** argv) {
  if (!app.get_subcommands().empty()) return false;  // a command was found: its own error
  std::vector<std::string> names;
  for (const auto* cmd : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(cmd->get_name());
  const char* word = command_word(argc, argv);
  if (!word && !dynamic_cast<const CLI::RequiredError*>(&error)) return false;
  if (word && std::find(names.begin(), names.end(), word) != names.end()) return false;
  std::string message = word ? "unknown command '" + std::string(word) + "'" : "no command given";
  const std::string hint = word ? festmatch::detail::did_you_mean(word, names) : std::string();
  if (!hint.empty()) {
    message += hint;
  } else {
    message += "; the commands are";
    for (std::size_t k = 0; k < names.size(); ++k) message += (k ? ", " : " ") + names[k];
    message += " (festmatch --help explains them)";
  }
  std::cerr << "festmatch: error: " << message << '\n';
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace festmatch;
  CLI::App app{
      "festmatch: match startups with investors and schedule their 1:1 meetings.\n"
      "EVENT is an event file (JSON) or an event folder (event.json + CSV files).\n"
      "Exit status: 0 done, 1 invalid input, 2 usage error, 3 constraints cannot all hold,\n"
      "4 an output could not be written.",
      "festmatch"};
  app.set_version_flag("--version", version_text(),
                       "print festmatch's version and those of the libraries compiled in");
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
    if (!report_unknown_command(app, e, argc, argv)) app.exit(e);
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
