// festmatch-bench — how a one-shot measurement command plugs in.
//
//   festmatch-bench                      runs every Google Benchmark case (its flags apply)
//   festmatch-bench NAME [options...]    runs a registered command, e.g. `lap --npy m.npy`
//
// A command file registers itself:
//   static const bool registered = festmatch::bench::register_tool(
//       {.name = "lap", .help = "...", .run = [](int argc, char** argv) { ...; return 0; }});
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace festmatch::bench {

struct Tool {
  std::string name;
  std::string help;
  std::function<int(int argc, char** argv)> run;  // argv[0] is the tool's name
};

inline std::vector<Tool>& tools() {
  static std::vector<Tool> all;
  return all;
}

inline bool register_tool(Tool t) {
  tools().push_back(std::move(t));
  return true;
}

}  // namespace festmatch::bench
