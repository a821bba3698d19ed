// festmatch-bench: Google Benchmark cases, plus one-shot measurement commands (bench/tool.hpp).
#include <benchmark/benchmark.h>

#include <cstring>
#include <exception>
#include <iostream>

#include "tool.hpp"

int main(int argc, char** argv) {
  if (argc >= 2 && argv[1][0] != '-') {
    for (const auto& tool : festmatch::bench::tools()) {
      if (tool.name == argv[1]) {
        try {
          return tool.run(argc - 1, argv + 1);
        } catch (const std::exception& e) {
          std::cerr << "festmatch-bench " << tool.name << ": error: " << e.what() << '\n';
          return 1;
        }
      }
    }
    std::cerr << "festmatch-bench: unknown command '" << argv[1] << "'; commands:\n";
    for (const auto& tool : festmatch::bench::tools()) {
      std::cerr << "  " << tool.name << "  " << tool.help << '\n';
    }
    return 2;
  }
  if (argc >= 2 && std::strcmp(argv[1], "--list-tools") == 0) {
    for (const auto& tool : festmatch::bench::tools()) {
      std::cout << tool.name << "  " << tool.help << '\n';
    }
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
